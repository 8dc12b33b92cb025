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

export const HealthCheckInput = z
  .object({
    kind: z.enum(['dental', 'immunisations', 'sdq'], { error: 'Choose what was checked' }),
    checkedOn: requiredDate('The date', 'Enter the date'),
    upToDate: z.preprocess((v) => (v === '' ? undefined : v), yesNo('Say whether immunisations are up to date').optional()),
    sdqScore: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number({ error: 'The SDQ score must be a whole number from 0 to 40' }).int('The SDQ score must be a whole number from 0 to 40').min(0, 'The SDQ score must be a whole number from 0 to 40').max(40, 'The SDQ score must be a whole number from 0 to 40').optional()),
    sdqReason: z.preprocess((v) => (v === '' ? undefined : v), z.enum(codesOf(SDQ_REASON) as [string, ...string[]]).optional()),
    note: optionalText('The note', 5000),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'immunisations' && v.upToDate === undefined) fail(ctx, 'upToDate', 'Say whether immunisations are up to date');
    if (v.kind === 'sdq' && (v.sdqScore === undefined) === (v.sdqReason === undefined)) fail(ctx, 'sdqScore', 'Enter the SDQ score, or choose why there is none (not both)');
  });
export type HealthCheckInput = z.output<typeof HealthCheckInput>;
