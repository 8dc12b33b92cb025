// What the assessment pages and API accept. The rules that need the record (dates against the
// referral, the 45-working-day reason) are in service.ts.
import { z } from 'zod';
import { ASSESSMENT_FACTORS } from '../codes/index.ts';
import { Uuid, codeChoice, oneOrMany, optionalCodeChoice, optionalDate, optionalText, requiredDate, requiredText } from '../episodes/schemas.ts';
import { ASSESSMENT_OUTCOME, FATHER_INVOLVED, YES_NO } from './codes.ts';

export const AssessmentParams = z.object({ childId: Uuid, assessmentId: Uuid });

export const AssessmentStart = z.object({
  startedOn: requiredDate('the date the assessment started'),
  /** Which episode; the child's open episode when not given. */
  episodeId: Uuid.nullish().transform((v) => v ?? null),
});
export type AssessmentStart = z.output<typeof AssessmentStart>;

/** What the assessment found. Filled in as the work goes on, so nothing here is required. */
export const AssessmentFindings = z.object({
  childSeenOn: optionalDate('the date the child was seen'),
  childSeenAlone: optionalCodeChoice(YES_NO, 'Say whether the child was seen alone'),
  childNotSeenReason: optionalText(5_000),
  childViews: optionalText(),
  adultsInvolved: optionalText(5_000),
  fatherInvolved: optionalCodeChoice(FATHER_INVOLVED, 'Say whether the child’s father took part'),
  fatherNotInvolvedReason: optionalText(5_000),
  cultureAndIdentity: optionalText(),
  useOfHistory: optionalText(),
  analysis: optionalText(),
  version: z.coerce.number().int().optional(),
});
export type AssessmentFindings = z.output<typeof AssessmentFindings>;

export const AssessmentCompletion = z.object({
  completedOn: requiredDate('the date the assessment was completed'),
  factors: z.preprocess(
    oneOrMany,
    z.array(codeChoice(ASSESSMENT_FACTORS, 'Choose the factors from the list')).min(1, 'Choose the factors identified at assessment, or ‘No factors identified’'),
  ),
  outcome: codeChoice(ASSESSMENT_OUTCOME, 'Choose what the assessment decided'),
  delayReason: optionalText(5_000),
});
export type AssessmentCompletion = z.output<typeof AssessmentCompletion>;

export const AssessmentAuthorisation = z.object({
  authorisedOn: requiredDate('the date you authorised the assessment'),
  rationale: requiredText('Give your rationale for authorising the assessment', 10_000),
});
export type AssessmentAuthorisation = z.output<typeof AssessmentAuthorisation>;
