// What recording a prospective adopter household asks, for the pages and the API alike.
import { z } from 'zod';
import { codesOf } from '../codes/code-list.ts';
import { ADOPTER_LEAVING_REASON } from '../codes/annex-a.ts';
import { ADOPTERS_LEGAL_STATUS, ADOPTERS_SEX } from '../codes/ssda903.ts';
import { ETHNICITY, SEX } from '../codes/cin-census.ts';
import { normalisePostcode } from '../looked-after/distance.ts';
import { CorrectionReason, optionalDate, optionalId, optionalText, requiredDate, requiredText, SeenVersion, yesNo } from '../plans/fields.ts';

const postcode = z
  .string()
  .trim()
  .nullish()
  .transform((v, ctx) => {
    if (!v) return null;
    const normal = normalisePostcode(v);
    if (!normal) ctx.addIssue({ code: 'custom', message: 'The postcode must be a UK postcode, for example BW1 2AB' });
    return normal ?? z.NEVER;
  });

const householdFields = {
  name: requiredText('Enter the names of the prospective adopters', 'The names', 200),
  applicants: z.coerce.number({ error: 'Say whether one or two people are applying' }).int().refine((n) => n === 1 || n === 2, 'Say whether one or two people are applying'),
  postcode,
  workerId: optionalId('Choose the adoption social worker, or none'),
  fosteringForAdoption: yesNo('Say whether they are approved to foster for adoption too').default(false),
  // The SSDA903 return asks both for a child adopted in the year (AD1); a household may not have said yet.
  adoptersSex: z.preprocess((v) => (v === '' ? null : v), z.enum(codesOf(ADOPTERS_SEX) as [string, ...string[]], { error: 'Choose the applicants’ sexes, or leave it blank' }).nullish()).transform((v) => (v ?? null) as (typeof ADOPTERS_SEX)[number]['code'] | null),
  adoptersLegalStatus: z.preprocess((v) => (v === '' ? null : v), z.enum(codesOf(ADOPTERS_LEGAL_STATUS) as [string, ...string[]], { error: 'Choose how the applicants are joined in law, or leave it blank' }).nullish()).transform((v) => (v ?? null) as (typeof ADOPTERS_LEGAL_STATUS)[number]['code'] | null),
};

export const EnquiryInput = z.object({
  enquiryOn: requiredDate('The date of the enquiry', 'Enter the date they first asked about adopting'),
  ...householdFields,
});
export type EnquiryInput = z.output<typeof EnquiryInput>;

export const LEAVING_REASON_CODES = codesOf(ADOPTER_LEAVING_REASON) as [string, ...string[]];

/** Each step of the household's journey, with the date and what the step decides. */
export const RegistrationInput = z.object({ registeredOn: requiredDate('The date the registration of interest was accepted', 'Enter the date the registration of interest was accepted') });
export type RegistrationInput = z.output<typeof RegistrationInput>;
export const StageOneInput = z.object({
  endedOn: requiredDate('The date stage one ended', 'Enter the date the agency decided on stage one'),
  mayProceed: yesNo('Say whether they may go on to stage two'),
  note: optionalText('The note', 5000),
});
export type StageOneInput = z.output<typeof StageOneInput>;
export const StageTwoInput = z.object({ startedOn: requiredDate('The date stage two started', 'Enter the date they told the agency they wish to go on to stage two') });
export type StageTwoInput = z.output<typeof StageTwoInput>;
export const PanelInput = z.object({
  panelOn: requiredDate('The date of the panel', 'Enter the date of the adoption panel'),
  recommended: yesNo('Say whether the panel recommended them as suitable to adopt'),
});
export type PanelInput = z.output<typeof PanelInput>;
export const DecisionInput = z.object({
  decidedOn: requiredDate('The date of the decision', 'Enter the date of the agency decision'),
  approved: yesNo('Say whether the agency decision maker approved them as suitable to adopt'),
  note: optionalText('The note', 5000),
});
export type DecisionInput = z.output<typeof DecisionInput>;
export const LeaveInput = z.object({
  leftOn: requiredDate('The date they left the process', 'Enter the date they left the process'),
  reason: z.enum(LEAVING_REASON_CODES, { error: 'Choose why they left the process' }),
  note: optionalText('The note', 5000),
});
export type LeaveInput = z.output<typeof LeaveInput>;

/** A correction of everything the household's record holds, with the reason. */
export const HouseholdCorrection = z.object({
  ...householdFields,
  enquiryOn: requiredDate('The date of the enquiry', 'Enter the date of the enquiry'),
  registeredOn: optionalDate('The date the registration of interest was accepted'),
  stageOneEndedOn: optionalDate('The date stage one ended'),
  stageTwoStartedOn: optionalDate('The date stage two started'),
  panelOn: optionalDate('The date of the panel'),
  decidedOn: optionalDate('The date of the agency decision'),
  reason: CorrectionReason,
  version: SeenVersion,
});
export type HouseholdCorrection = z.output<typeof HouseholdCorrection>;

export const STAGE_FILTERS = ['enquiry', 'stage_one', 'between_stages', 'stage_two', 'awaiting_decision', 'approved', 'matched', 'left'] as const;
export type StageFilter = (typeof STAGE_FILTERS)[number];

export const HouseholdParams = z.object({ householdId: z.guid({ error: 'Not a household id' }) });
export const HouseholdListQuery = z.object({
  stage: z.enum(STAGE_FILTERS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

const blankOr = <T extends z.ZodType>(codes: T) => z.preprocess((v) => (v === '' || v === undefined ? null : v), codes.nullable());

/** One applicant: the name, and as for a child their sex, ethnicity and disability (Annex A list 11). */
export const ApplicantInput = z.object({
  name: requiredText('Enter the applicant’s name', 'The name', 200),
  sex: blankOr(z.enum(codesOf(SEX), { error: 'Choose the applicant’s sex, or leave it blank' })),
  ethnicity: blankOr(z.enum(codesOf(ETHNICITY), { error: 'Choose the applicant’s ethnicity from the list, or leave it blank' })),
  // 'unknown' (not asked yet, or they would rather not say) is stored as null.
  disabled: z.enum(['yes', 'no', 'unknown'], { error: 'Say whether they have a disability, or that it is not known' }).transform((v) => (v === 'unknown' ? null : v === 'yes')),
});
export type ApplicantInput = z.output<typeof ApplicantInput>;
export const ApplicantParams = z.object({ householdId: z.guid({ error: 'Not a household id' }), position: z.coerce.number().int().min(1).max(2) });
