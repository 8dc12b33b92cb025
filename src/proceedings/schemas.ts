// What each step of pre-proceedings and care proceedings must say. Forms and API alike.
import { z } from 'zod';
import { CorrectionReason, fail, optionalDate, optionalText, requiredDate, requiredText, SeenVersion } from '../plans/fields.ts';
import {
  APPLICATION_TYPE_CODES,
  HEARING_TYPE_CODES,
  LEGAL_PLANNING_DECISION_CODES,
  ORDER_TYPE_CODES,
  PRE_PROCEEDINGS_MEETING_KIND_CODES,
  PRE_PROCEEDINGS_OUTCOME_CODES,
} from './codes.ts';

export const LegalPlanningMeetingInput = z.object({
  heldOn: requiredDate('The date of the meeting', 'Enter the date of the legal planning meeting'),
  decision: z.enum(LEGAL_PLANNING_DECISION_CODES, { error: 'Choose what the meeting decided' }),
  reasons: requiredText('Enter the reasons for the decision', 'The reasons', 20_000),
});
export type LegalPlanningMeetingInput = z.output<typeof LegalPlanningMeetingInput>;

export const LetterBeforeProceedingsInput = z.object({
  sentOn: requiredDate('The date the letter was sent', 'Enter the date the letter before proceedings was sent'),
});
export type LetterBeforeProceedingsInput = z.output<typeof LetterBeforeProceedingsInput>;

export const PreProceedingsMeetingInput = z
  .object({
    heldOn: requiredDate('The date of the meeting', 'Enter the date of the meeting'),
    kind: z.enum(PRE_PROCEEDINGS_MEETING_KIND_CODES, { error: 'Choose whether it was a meeting or a review' }),
    outcome: requiredText('Enter what was agreed: progress, and what the family and the council will do next', 'What was agreed', 20_000),
    nextReviewOn: optionalDate('The next review date'),
  })
  .superRefine((m, ctx) => {
    if (m.nextReviewOn && m.nextReviewOn <= m.heldOn) fail(ctx, 'nextReviewOn', 'The next review must be after this meeting');
  });
export type PreProceedingsMeetingInput = z.output<typeof PreProceedingsMeetingInput>;

export const PreProceedingsEndInput = z.object({
  endedOn: requiredDate('The date pre-proceedings ended', 'Enter the date pre-proceedings ended'),
  outcome: z.enum(PRE_PROCEEDINGS_OUTCOME_CODES, { error: 'Choose how pre-proceedings ended' }),
  reason: requiredText('Enter the reasons for the decision', 'The reasons', 20_000),
});
export type PreProceedingsEndInput = z.output<typeof PreProceedingsEndInput>;

const issueFields = {
  issuedOn: requiredDate('The issue date', 'Enter the date the application was issued'),
  court: requiredText('Enter the court', 'The court', 200),
  caseNumber: requiredText('Enter the court’s case number', 'The case number', 50),
  applicationType: z.enum(APPLICATION_TYPE_CODES, { error: 'Choose what was applied for' }),
  firstHearingOn: optionalDate('The first hearing date'),
  /** The letter initiating proceedings sent to the parents (CIN census 2026-27 LetterInitCPDate, rule 9013). */
  letterInitiatingSentOn: optionalDate('The date of the letter initiating proceedings').optional(),
};
const firstHearingAfterIssue = (p: { issuedOn: string; firstHearingOn: string | null; letterInitiatingSentOn?: string | null | undefined }, ctx: z.RefinementCtx) => {
  if (p.firstHearingOn && p.firstHearingOn < p.issuedOn) fail(ctx, 'firstHearingOn', 'The first hearing cannot be before the application was issued');
  if (p.letterInitiatingSentOn && p.letterInitiatingSentOn < p.issuedOn) fail(ctx, 'letterInitiatingSentOn', 'The letter initiating proceedings cannot be before the application was made');
};

export const IssueProceedingsInput = z.object(issueFields).superRefine(firstHearingAfterIssue);
export type IssueProceedingsInput = z.output<typeof IssueProceedingsInput>;

/** A correction of the issue: the same details, with the reason. A new issue date moves the 26 weeks. */
export const ProceedingsCorrection = z.object({ ...issueFields, reason: CorrectionReason, version: SeenVersion }).superRefine(firstHearingAfterIssue);
export type ProceedingsCorrection = z.output<typeof ProceedingsCorrection>;

const hearingFields = {
  heardOn: requiredDate('The date of the hearing', 'Enter the date of the hearing'),
  hearingType: z.enum(HEARING_TYPE_CODES, { error: 'Choose the kind of hearing' }),
  outcome: requiredText('Enter what the court decided or directed', 'The outcome', 20_000),
  nextHearingOn: optionalDate('The next hearing date'),
};
const nextHearingAfter = (h: { heardOn: string; nextHearingOn: string | null }, ctx: z.RefinementCtx) => {
  if (h.nextHearingOn && h.nextHearingOn <= h.heardOn) fail(ctx, 'nextHearingOn', 'The next hearing must be after this one');
};

export const HearingInput = z.object(hearingFields).superRefine(nextHearingAfter);
export type HearingInput = z.output<typeof HearingInput>;

export const HearingCorrection = z.object({ ...hearingFields, reason: CorrectionReason, version: SeenVersion }).superRefine(nextHearingAfter);
export type HearingCorrection = z.output<typeof HearingCorrection>;

export const OrderInput = z.object({
  madeOn: requiredDate('The date of the order', 'Enter the date the order was made'),
  orderType: z.enum(ORDER_TYPE_CODES, { error: 'Choose the order' }),
  note: optionalText('The note', 5000),
});
export type OrderInput = z.output<typeof OrderInput>;

export const OrderCorrection = OrderInput.extend({ reason: CorrectionReason, version: SeenVersion });
export type OrderCorrection = z.output<typeof OrderCorrection>;

export const ConclusionInput = z.object({
  concludedOn: requiredDate('The date proceedings concluded', 'Enter the date the proceedings concluded'),
  conclusion: requiredText('Enter how the proceedings ended: the final orders and the plan for the child', 'How they ended', 20_000),
});
export type ConclusionInput = z.output<typeof ConclusionInput>;

export const PreProceedingsParams = z.object({ childId: z.guid(), preProceedingsId: z.guid() });
export const ProceedingsParams = z.object({ childId: z.guid(), proceedingsId: z.guid() });
export const HearingParams = z.object({ childId: z.guid(), hearingId: z.guid() });
export const OrderParams = z.object({ childId: z.guid(), orderId: z.guid() });
