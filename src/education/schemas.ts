import { z } from 'zod';
import { CorrectionReason, fail, optionalDate, optionalText, requiredDate, requiredText, SeenVersion, yesNo } from '../plans/fields.ts';
import { TERM_NAMES, type TermName } from '../calendar/school-terms.ts';
import { EXCLUSION_KIND_CODES, MOVE_REASON_CODES } from './codes.ts';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const count = (missing: string, label: string, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number({ error: missing }).int(`${label} must be a whole number`).min(0, `${label} cannot be less than 0`).max(max, `${label} must be ${max} or fewer`));

export const SchoolInput = z.object({
  schoolName: requiredText('Enter the name of the school', 'The school’s name', 200),
  urn: z
    .string()
    .trim()
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      if (!/^[0-9]{6}$/.test(v)) ctx.addIssue({ code: 'custom', message: 'The URN is the school’s 6-digit unique reference number, for example 100000' });
      return v;
    }),
  startedOn: requiredDate('The date the child started there', 'Enter the date the child started at the school'),
  moveReason: z.preprocess(blankToUndefined, z.enum(MOVE_REASON_CODES, { error: 'Choose why the child moved school' }).optional()),
});
export type SchoolInput = z.output<typeof SchoolInput>;

export const AttendanceInput = z
  .object({
    schoolYear: z.preprocess(blankToUndefined, z.coerce.number({ error: 'Choose the school year' }).int().min(2000, 'Choose the school year').max(2100, 'Choose the school year')),
    term: z.enum(TERM_NAMES as [TermName, ...TermName[]], { error: 'Choose the term' }),
    sessionsPossible: count('Enter the number of sessions possible', 'Sessions possible', 200),
    sessionsAttended: count('Enter the number of sessions attended', 'Sessions attended', 200),
  })
  .superRefine((v, ctx) => {
    if (v.sessionsPossible === 0) fail(ctx, 'sessionsPossible', 'Sessions possible must be at least 1');
    if (v.sessionsAttended > v.sessionsPossible) fail(ctx, 'sessionsAttended', 'Sessions attended cannot be more than the sessions possible');
  });
export type AttendanceInput = z.output<typeof AttendanceInput>;

export const ExclusionInput = z
  .object({
    kind: z.enum(EXCLUSION_KIND_CODES, { error: 'Choose a suspension or a permanent exclusion' }),
    startsOn: requiredDate('The date it started', 'Enter the date the exclusion started'),
    days: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ error: 'Enter the number of school days, for example 2 or 0.5' })
        .refine((n) => Number.isInteger(n * 2), 'Enter the days in whole or half days, for example 2 or 0.5')
        .refine((n) => n > 0 && n <= 45, 'A suspension is from half a day to 45 school days')
        .optional(),
    ),
    schoolName: optionalText('The school’s name', 200),
    reason: optionalText('The reason', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'suspension' && v.days === undefined) fail(ctx, 'days', 'Enter how many school days the suspension is for');
    if (v.kind === 'permanent' && v.days !== undefined) fail(ctx, 'days', 'A permanent exclusion has no number of days: leave it blank');
  });
export type ExclusionInput = z.output<typeof ExclusionInput>;

const targetFields = {
  what: requiredText('Enter the target: what the child will achieve', 'The target', 2000),
  who: requiredText('Enter who will help (the designated teacher, the carer, a tutor …)', 'Who', 200),
  byWhen: requiredDate('The date it is due', 'Enter the date the target is due'),
};
export const TargetInput = z.object(targetFields);
export type TargetInput = z.output<typeof TargetInput>;

export const PepInput = z
  .object({
    heldOn: requiredDate('The date of the PEP meeting', 'Enter the date of the PEP meeting'),
    attendedBy: requiredText('Enter who took part (the designated teacher, social worker, carer, virtual school …)', 'Who took part', 1000),
    childViews: optionalText('The child’s views', 5000),
    summary: requiredText('Enter what the PEP says: progress, attainment, aspirations and support', 'The summary', 20_000),
    // The first target, with the PEP (more are added on the education page).
    targetWhat: optionalText('The target', 2000),
    targetWho: optionalText('Who', 200),
    targetBy: optionalDate('The date the target is due'),
  })
  .superRefine((v, ctx) => {
    const given = [v.targetWhat, v.targetWho, v.targetBy].filter((x) => x !== null).length;
    if (given > 0 && given < 3) {
      if (!v.targetWhat) fail(ctx, 'targetWhat', 'Enter the target, or leave all three target fields blank');
      if (!v.targetWho) fail(ctx, 'targetWho', 'Enter who will help with the target');
      if (!v.targetBy) fail(ctx, 'targetBy', 'Enter the date the target is due');
    }
  });
export type PepInput = z.output<typeof PepInput>;

export const PepCorrection = z.object({
  heldOn: requiredDate('The date of the PEP meeting', 'Enter the date of the PEP meeting'),
  attendedBy: requiredText('Enter who took part', 'Who took part', 1000),
  childViews: optionalText('The child’s views', 5000),
  summary: requiredText('Enter what the PEP says', 'The summary', 20_000),
  reason: CorrectionReason,
  version: SeenVersion,
});
export type PepCorrection = z.output<typeof PepCorrection>;

export const TargetOutcome = z.object({
  met: yesNo('Say whether the target was met'),
  reviewedOn: requiredDate('The date it was reviewed', 'Enter the date the target was reviewed'),
});
export type TargetOutcome = z.output<typeof TargetOutcome>;

export const RecordParams = z.object({ childId: z.guid(), recordId: z.guid() });
export const TargetParams = z.object({ childId: z.guid(), pepId: z.guid(), targetId: z.guid() });
export const PepParams = z.object({ childId: z.guid(), pepId: z.guid() });
