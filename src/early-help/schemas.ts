// What early help's forms and API bodies must look like. Rules that need the record are in service.ts.
import { z } from 'zod';
import { codesOf, CIN_CLOSURE_REASON } from '../codes/index.ts';
import { fail, listOf, optionalText, requiredText } from '../people/fields.ts';
import { codeField, LONG_TEXT_MAX, optionalCode, optionalDate, REFERRAL_SOURCE_CODES, requiredDate, TEXT_MAX } from '../front-door/schemas.ts';
import { CLOSURE_CHOICES, LEAD_AGENCY, TAF_ATTENDEE } from './codes.ts';

const asTuple = <T extends string>(codes: ReadonlyArray<T>) => codes as unknown as readonly [T, ...T[]];
const LEAD_AGENCY_CODES = asTuple(codesOf(LEAD_AGENCY));

/** Blank (a select's "choose") becomes null; anything else must be a uuid. */
const optionalUserId = z
  .preprocess((v) => (v === '' ? null : v), z.uuid('Select a Lantern user from the list').nullable())
  .optional()
  .transform((v) => v ?? null);

/** The lead practitioner: a Lantern user, or a named person and their agency. */
const leadFields = {
  leadUserId: optionalUserId,
  leadName: optionalText('Lead practitioner’s name', TEXT_MAX),
  leadAgency: optionalCode(LEAD_AGENCY_CODES, 'Select the lead practitioner’s agency from the list'),
};

interface LeadValues {
  leadUserId: string | null;
  leadName: string | null;
  leadAgency: string | null;
}

function checkLead(required: boolean) {
  return (v: LeadValues, ctx: z.RefinementCtx) => {
    if (v.leadUserId) return;
    if (v.leadName && !v.leadAgency) fail(ctx, 'leadAgency', 'Select the lead practitioner’s agency');
    if (!v.leadName && v.leadAgency) fail(ctx, 'leadName', 'Enter the lead practitioner’s name');
    if (required && !v.leadName && !v.leadAgency) fail(ctx, 'leadName', 'Enter who will lead the early help, or choose a Lantern user');
  };
}

export const StartEarlyHelpInput = z
  .object({ startedOn: requiredDate('Start date', 'Enter the date early help started'), ...leadFields })
  .superRefine(checkLead(false));
export type StartEarlyHelpInput = z.infer<typeof StartEarlyHelpInput>;

export const LeadInput = z.object(leadFields).superRefine(checkLead(true));
export type LeadInput = z.infer<typeof LeadInput>;

export const AssessmentInput = z
  .object({
    startedOn: requiredDate('Date started', 'Enter the date the assessment started'),
    completedOn: optionalDate('Date completed'),
    needs: optionalText('Summary of needs', LONG_TEXT_MAX),
    views: optionalText('The child’s and family’s views', LONG_TEXT_MAX),
    analysis: optionalText('Analysis', LONG_TEXT_MAX),
  })
  .superRefine((v, ctx) => {
    if (v.completedOn) {
      if (v.completedOn < v.startedOn) fail(ctx, 'completedOn', 'The assessment cannot be completed before it started');
      // EH-01: an assessment is complete with the needs (and risks) and an analysis of them.
      if (!v.needs) fail(ctx, 'needs', 'Summarise the needs before completing the assessment');
      if (!v.analysis) fail(ctx, 'analysis', 'Give the analysis before completing the assessment');
    }
  });
export type AssessmentInput = z.infer<typeof AssessmentInput>;

export const MeetingInput = z.object({
  heldOn: requiredDate('Date of the meeting', 'Enter the date of the meeting'),
  agencies: listOf(z.enum(asTuple(codesOf(TAF_ATTENDEE)), { error: 'Select who came from the list' }))
    .transform((codes) => [...new Set(codes)])
    .refine((codes) => codes.length > 0, 'Select who came to the meeting'),
  attendees: optionalText('Names of those who came', LONG_TEXT_MAX),
  summary: requiredText('Summary', LONG_TEXT_MAX, 'Summarise what the meeting agreed'),
});
export type MeetingInput = z.infer<typeof MeetingInput>;

export const PlanInput = z.object({ startedOn: requiredDate('Start date', 'Enter the date the plan started') });

/** Step-up: the referral and what social care needs to know (EH-08). */
export const StepUpInput = z.object({
  steppedUpOn: requiredDate('Date of the step-up', 'Enter the date early help asked social care to take over'),
  referralSource: codeField(REFERRAL_SOURCE_CODES, 'Select the source of the referral'),
  workDone: requiredText('What early help did', LONG_TEXT_MAX, 'Say what early help has done with the family'),
  currentRisks: requiredText('Current risks', LONG_TEXT_MAX, 'Say what the risks to the child are now'),
  familyViews: requiredText('The family’s views', LONG_TEXT_MAX, 'Give the family’s views'),
});
export type StepUpInput = z.infer<typeof StepUpInput>;

export const CloseInput = z.object({
  closedOn: requiredDate('Date closed', 'Enter the date early help ended'),
  reason: codeField(asTuple(CLOSURE_CHOICES.map((c) => c.code)), 'Select why early help is ending'),
  notes: optionalText('Notes', LONG_TEXT_MAX),
  managerReason: optionalText('Manager’s reason', LONG_TEXT_MAX),
});
export type CloseInput = z.infer<typeof CloseInput>;

/** The CIN closure reasons a step-down may use. */
export const STEP_DOWN_CLOSURE_REASONS = ['RC9', 'RC7'] as const;
export const STEP_DOWN_CLOSURE_CHOICES = CIN_CLOSURE_REASON.filter((r) => (STEP_DOWN_CLOSURE_REASONS as readonly string[]).includes(r.code));

/** Step-down: the CIN episode closes and early help opens, with a handover (EH-09, EH-10). */
export const StepDownInput = z
  .object({
    steppedDownOn: requiredDate('Date of the step-down', 'Enter the date of the step-down'),
    closureReason: codeField(STEP_DOWN_CLOSURE_REASONS, 'Select why the social care episode is closing'),
    ...leadFields,
    familyKnows: requiredText('What the family knows', LONG_TEXT_MAX, 'Say what the family knows about the step-down and what happens next'),
    outstandingActions: optionalText('Outstanding actions', LONG_TEXT_MAX),
    meetingOn: optionalDate('Date of the handover meeting'),
    managerReason: optionalText('Manager’s reason', LONG_TEXT_MAX),
  })
  .superRefine(checkLead(true));
export type StepDownInput = z.infer<typeof StepDownInput>;

export const EpisodeParams = z.object({ childId: z.guid('Not found'), episodeId: z.guid('Not found') });
export const ChildParams = z.object({ childId: z.guid('Not found') });
