import { z } from 'zod';
import { codesOf } from '../codes/code-list.ts';
import { SDQ_REASON } from '../codes/ssda903.ts';
import { CorrectionReason, fail, optionalText, requiredDate, requiredText, SeenVersion, yesNo } from '../plans/fields.ts';

export const HealthAssessmentInput = z.object({
  assessedOn: requiredDate('The date of the assessment', 'Enter the date of the assessment'),
  assessedBy: requiredText('Enter who did the assessment (name and service)', 'Who did it', 200),
  summary: requiredText('Enter what the assessment found and the health plan', 'The summary', 20_000),
});
export type HealthAssessmentInput = z.output<typeof HealthAssessmentInput>;
export const HealthAssessmentCorrection = HealthAssessmentInput.extend({ reason: CorrectionReason, version: SeenVersion });
export type HealthAssessmentCorrection = z.output<typeof HealthAssessmentCorrection>;

/**
 * For a substance misuse problem identified: whether the child received an intervention for it,
 * was offered one and did not receive it, or was not offered one (SSDA903 OC2 INTERVENTION_RECEIVED
 * and INTERVENTION_OFFERED; rules 158, 159, 192).
 */
export const INTERVENTIONS = [
  { code: 'received', label: 'Received an intervention' },
  { code: 'offered', label: 'Offered an intervention, not received' },
  { code: 'not_offered', label: 'Not offered an intervention' },
] as const;
const INTERVENTION_CODES = ['received', 'offered', 'not_offered'] as const;

const checkFields = z
  .object({
    kind: z.enum(['dental', 'immunisations', 'sdq', 'development', 'substance_misuse'], { error: 'Choose what was checked' }),
    checkedOn: requiredDate('The date', 'Enter the date'),
    upToDate: z.preprocess((v) => (v === '' ? undefined : v), yesNo('Say whether immunisations are up to date').optional()),
    sdqScore: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number({ error: 'The SDQ score must be a whole number from 0 to 40' }).int('The SDQ score must be a whole number from 0 to 40').min(0, 'The SDQ score must be a whole number from 0 to 40').max(40, 'The SDQ score must be a whole number from 0 to 40').optional()),
    sdqReason: z.preprocess((v) => (v === '' ? undefined : v), z.enum(codesOf(SDQ_REASON) as [string, ...string[]]).optional()),
    intervention: z.preprocess((v) => (v === '' ? undefined : v), z.enum(INTERVENTION_CODES, { error: 'Say whether an intervention was received, offered or not offered' }).optional()),
    note: optionalText('The note', 5000),
  });
const checkRules = (v: z.output<typeof checkFields>, ctx: z.RefinementCtx) => {
    if (v.kind === 'immunisations' && v.upToDate === undefined) fail(ctx, 'upToDate', 'Say whether immunisations are up to date');
    if (v.kind === 'substance_misuse' && v.intervention === undefined) fail(ctx, 'intervention', 'Say whether an intervention for the substance misuse was received, offered or not offered');
    if (v.kind === 'sdq' && (v.sdqScore === undefined) === (v.sdqReason === undefined)) fail(ctx, 'sdqScore', 'Enter the SDQ score, or choose why there is none (not both)');
};
export const HealthCheckInput = checkFields.superRefine(checkRules);
export type HealthCheckInput = z.output<typeof HealthCheckInput>;
/** A correction of a health check (what it was stays: delete it and record another for that). */
export const HealthCheckCorrection = checkFields.extend({ reason: CorrectionReason, version: SeenVersion }).superRefine(checkRules);
export type HealthCheckCorrection = z.output<typeof HealthCheckCorrection>;
