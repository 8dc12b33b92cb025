// What recording a fostering household asks, for the pages and the API alike.
import { z } from 'zod';
import { CorrectionReason, EARLIEST_BIRTH, fail, optionalDate, optionalText, requiredDate, requiredText, SeenVersion, yesNo } from '../plans/fields.ts';
import { normalisePostcode } from '../looked-after/distance.ts';
import { Deletion } from '../server/child-pages.ts';
import { HOUSEHOLD_KINDS, MEMBER_RELATIONSHIPS, STATUS_CHANGES } from './codes.ts';

const postcode = z
  .string()
  .trim()
  .nullish()
  .transform((v, ctx) => {
    if (!v) return null;
    const normal = normalisePostcode(v);
    if (!normal) {
      ctx.addIssue({ code: 'custom', message: 'The household’s postcode must be a UK postcode, for example BW1 2AB' });
      return z.NEVER;
    }
    return normal;
  });

/** A whole number from a form ('' for none) or JSON. */
const wholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' ? Number(v.trim()) : v),
    z
      .number({ error: `${label} must be a whole number` })
      .int(`${label} must be a whole number`)
      .min(min, `${label} must be ${min} or more`)
      .max(max, `${label} must be ${max} or fewer`)
      .nullable(),
  );

const terms = {
  places: wholeNumber('The number of children', 1, 6),
  ageFrom: wholeNumber('The youngest age', 0, 17),
  ageTo: wholeNumber('The oldest age', 0, 17),
};

function termsRule(value: { places: number | null; ageFrom: number | null; ageTo: number | null }, ctx: z.RefinementCtx): void {
  if (value.places === null) fail(ctx, 'places', 'Enter how many children they are approved for');
  if (value.ageFrom === null) fail(ctx, 'ageFrom', 'Enter the youngest age of child they are approved for');
  if (value.ageTo === null) fail(ctx, 'ageTo', 'Enter the oldest age of child they are approved for');
  if (value.ageFrom !== null && value.ageTo !== null && value.ageFrom > value.ageTo) fail(ctx, 'ageTo', 'The oldest age must be the same as or more than the youngest');
}

const carers = {
  firstCarer: requiredText('Enter the first carer’s full name', 'The first carer’s name', 200),
  secondCarer: optionalText('The second carer’s name', 200),
  postcode,
};

export const HouseholdInput = z.object({
  ...carers,
  kind: z.enum(HOUSEHOLD_KINDS.map((k) => k.code) as [string, ...string[]], { error: 'Choose the kind of fostering' }),
  assessmentStartedOn: requiredDate('The date the assessment started', 'Enter the date the assessment started'),
});
export type HouseholdInput = z.output<typeof HouseholdInput>;

export const HouseholdCorrection = z.object({ ...carers, reason: CorrectionReason, version: SeenVersion });
export type HouseholdCorrection = z.output<typeof HouseholdCorrection>;

export const TemporaryApprovalInput = z.object({
  approvedOn: requiredDate('The date of the temporary approval', 'Enter the date of the temporary approval'),
});
export type TemporaryApprovalInput = z.output<typeof TemporaryApprovalInput>;

export const ExtensionInput = z.object({
  extendedOn: requiredDate('The date of the decision to extend', 'Enter the date of the decision to extend'),
  extendedUntil: requiredDate('The last day of the extension', 'Enter the last day of the extension'),
  nominatedOfficer: requiredText('Enter the nominated officer who approved the extension', 'The nominated officer', 200),
});
export type ExtensionInput = z.output<typeof ExtensionInput>;

export const PanelInput = z.object({
  panelOn: requiredDate('The date of the fostering panel', 'Enter the date of the fostering panel'),
  recommends: yesNo('Say whether the panel recommended approval'),
});
export type PanelInput = z.output<typeof PanelInput>;

export const DecisionInput = z
  .object({
    decidedOn: requiredDate('The date of the decision', 'Enter the date of the decision'),
    decisionMaker: requiredText('Enter the agency decision maker', 'The agency decision maker', 200),
    approved: yesNo('Say whether the carers are approved'),
    ...terms,
  })
  .superRefine((value, ctx) => {
    if (value.approved) termsRule(value, ctx);
  });
export type DecisionInput = z.output<typeof DecisionInput>;

export const TermsInput = z
  .object({
    changedOn: requiredDate('The date the terms changed', 'Enter the date the terms changed'),
    ...terms,
    limitExemption: optionalText('The exemption', 2000),
  })
  .superRefine(termsRule);
export type TermsInput = z.output<typeof TermsInput>;

export const ReviewInput = z.object({
  reviewedOn: requiredDate('The date of the review', 'Enter the date of the review'),
  panelOn: optionalDate('The date the panel considered the review'),
  suitable: yesNo('Say whether the carers and their household continue to be suitable'),
  summary: requiredText('Enter what the review found, and the carers’ and children’s views', 'The summary', 20_000),
});
export type ReviewInput = z.output<typeof ReviewInput>;

export const ReviewCorrection = ReviewInput.extend({ reason: CorrectionReason, version: SeenVersion });
export type ReviewCorrection = z.output<typeof ReviewCorrection>;

export const StatusInput = z
  .object({
    status: z.enum(STATUS_CHANGES.map((s) => s.code) as [string, ...string[]], { error: 'Choose the new status' }),
    fromOn: requiredDate('The date of the change', 'Enter the date of the change'),
    reason: optionalText('The reason', 2000),
  })
  .superRefine((value, ctx) => {
    if (value.status !== 'approved' && !value.reason) fail(ctx, 'reason', 'Enter why');
  });
export type StatusInput = z.output<typeof StatusInput>;

export const HouseholdParams = z.object({ householdId: z.guid({ error: 'Not a household id' }) });
export const ReviewParams = z.object({ householdId: z.guid(), reviewId: z.guid() });
export const DbsCheckParams = z.object({ householdId: z.guid(), checkId: z.guid() });
export const VisitParams = z.object({ householdId: z.guid(), visitId: z.guid() });
export const RiskAssessmentParams = z.object({ householdId: z.guid(), assessmentId: z.guid() });
export const MemberParams = z.object({ householdId: z.guid(), memberId: z.guid() });

const page = z.preprocess((v) => (v === undefined || v === '' ? 1 : Number(v)), z.number().int().min(1).max(10_000).catch(1));
export const HouseholdListQuery = z.object({
  status: z.enum(['in_assessment', 'approved', 'on_hold', 'resigned', 'deregistered', 'not_approved']).optional().catch(undefined),
  kind: z.enum(HOUSEHOLD_KINDS.map((k) => k.code) as [string, ...string[]]).optional().catch(undefined),
  show: z.enum(['vacancies', 'placed', 'review-overdue', 'temporary', 'no-supervising-worker']).optional().catch(undefined),
  page,
});
export type HouseholdListQuery = z.output<typeof HouseholdListQuery>;
export const ChildrenListQuery = z.object({ route: z.string().optional(), page });
export const MatchQuery = z.object({ page });

// --- Oversight of the carers (decision 0056) ---------------------------------------------------

/**
 * Whose DBS check (or outstanding check) it is: 'carer:1', 'carer:2' or 'member:<id>' of a member of the
 * household (decision 0062). The service checks the carer or member is the household's.
 */
const dbsSubject = (error: string) =>
  z
    .string({ error })
    .trim()
    .regex(/^(carer:[12]|member:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { error });

export const DbsCheckInput = z.object({
  whose: dbsSubject('Choose whose check it is'),
  checkedOn: requiredDate('The date the certificate was issued', 'Enter the date the certificate was issued'),
  certificateNumber: requiredText('Enter the certificate number', 'The certificate number', 40),
  barredList: yesNo('Say whether the children’s barred list was checked'),
  updateService: yesNo('Say whether they subscribe to the DBS Update Service'),
  renewalDueOn: optionalDate('The date the renewal is due'),
});
export type DbsCheckInput = z.output<typeof DbsCheckInput>;
/** A check corrected: what it should have said, why, and the version the corrector saw (decision 0060). */
export const DbsCheckCorrection = DbsCheckInput.extend({ reason: CorrectionReason, version: SeenVersion });
export type DbsCheckCorrection = z.output<typeof DbsCheckCorrection>;

/** FO-04's risk-assessment override: whose check is outstanding, who decided, when, why, until when (decision 0060). */
export const RiskAssessmentInput = z.object({
  whose: dbsSubject('Choose whose check is outstanding'),
  decidedOn: requiredDate('The date of the decision', 'Enter the date of the decision'),
  decidedBy: requiredText('Enter who decided', 'Who decided', 200),
  reason: requiredText('Enter what the risk assessment found and what is done meanwhile', 'The reason', 20_000),
  untilOn: requiredDate('The date it lasts until', 'Enter the date it lasts until'),
});
export type RiskAssessmentInput = z.output<typeof RiskAssessmentInput>;
/** A risk assessment corrected (decision 0062): what it should have said, why it is corrected (`correctionReason`: `reason` is what the assessment found). */
export const RiskAssessmentCorrection = RiskAssessmentInput.extend({ correctionReason: CorrectionReason, version: SeenVersion });
export type RiskAssessmentCorrection = z.output<typeof RiskAssessmentCorrection>;

/** A member of the household other than the carers (decision 0062). */
export const MemberInput = z.object({
  name: requiredText('Enter their full name', 'Their name', 200),
  // An older relative or a lodger may be born, and may have moved in, long before Lantern's records begin.
  dateOfBirth: requiredDate('Their date of birth', 'Enter their date of birth', EARLIEST_BIRTH),
  relationship: z.enum(MEMBER_RELATIONSHIPS.map((r) => r.code) as [string, ...string[]], { error: 'Choose how they are related to the carers' }),
  fromOn: requiredDate('The date they moved in', 'Enter the date they moved in (their date of birth if born there)', EARLIEST_BIRTH),
});
export type MemberInput = z.output<typeof MemberInput>;
export const MemberCorrection = MemberInput.extend({ toOn: optionalDate('The date they moved out'), reason: CorrectionReason, version: SeenVersion });
export type MemberCorrection = z.output<typeof MemberCorrection>;
/** A member recorded in error deleted (decision 0068): why, and the version seen (a member corrected meanwhile is not deleted unseen). */
export const MemberDeletion = Deletion.extend({ version: SeenVersion });
export const MemberLeftInput = z.object({ toOn: requiredDate('The date they moved out', 'Enter the date they moved out') });
export type MemberLeftInput = z.output<typeof MemberLeftInput>;

export const SupervisingWorkerInput = z.object({
  workerId: z.guid({ error: 'Choose the supervising social worker' }),
  fromOn: requiredDate('The date they became the supervising social worker', 'Enter the date they became the supervising social worker'),
});
export type SupervisingWorkerInput = z.output<typeof SupervisingWorkerInput>;

export const VisitInput = z.object({
  visitedOn: requiredDate('The date of the visit', 'Enter the date of the visit'),
  unannounced: yesNo('Say whether the visit was unannounced'),
  visitedBy: z.guid({ error: 'Choose who visited' }),
  summary: requiredText('Enter what the visit found', 'What the visit found', 20_000),
});
export type VisitInput = z.output<typeof VisitInput>;
export const VisitCorrection = VisitInput.extend({ reason: CorrectionReason, version: SeenVersion });
export type VisitCorrection = z.output<typeof VisitCorrection>;

export const DueListQuery = z.object({
  what: z.enum(['dbs', 'supervisory-visit', 'unannounced-visit', 'review']).optional().catch(undefined),
  overdue: z.enum(['yes']).optional().catch(undefined),
  page,
});
export type DueListQuery = z.output<typeof DueListQuery>;
