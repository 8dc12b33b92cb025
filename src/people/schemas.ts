// What a child's details must look like: one schema for the "Add a child" and "Change details" pages
// and the API. Rules that depend on today (no birth in the future) take today (see fields.ts Today).
import { z } from 'zod';
import { addMonths } from '../calendar/index.ts';
import { codesOf, DISABILITY, ETHNICITY, SEX } from '../codes/index.ts';
import { validateFormerUpn, validateLaChildId, validateNhsNumber, validateUpn } from './identifiers.ts';
import { dateField, fail, flag, listOf, optionalIdentifier, optionalText, resolveToday, type Today } from './fields.ts';

export const NAME_MAX = 100;
export const TEXT_MAX = 100;
export const REASON_MAX = 1000;

/** Placeholder first name while an unborn child has none: workers change it after the birth. */
export const UNBORN_FIRST_NAME = 'Unborn';

/** A select posts '' for "not chosen"; that is null, anything else must be a listed code. */
const blankOr = <T extends z.ZodType>(codes: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), codes.nullable());

const childFields = {
  kind: z.enum(['child', 'unborn'], { error: 'Select whether the child is born or unborn' }),
  firstName: optionalText('First name', NAME_MAX),
  lastName: optionalText('Last name', NAME_MAX),
  otherNames: optionalText('Other names', NAME_MAX),
  dateOfBirth: dateField('Date of birth'),
  expectedDateOfBirth: dateField('Expected date of birth'),
  sex: blankOr(z.enum(codesOf(SEX), { error: 'Select the child’s sex from the list' })),
  ethnicity: blankOr(z.enum(codesOf(ETHNICITY), { error: 'Select the child’s ethnicity from the list' })),
  nhsNumber: optionalIdentifier(validateNhsNumber),
  upn: optionalIdentifier(validateUpn),
  formerUpn: optionalIdentifier(validateFormerUpn),
  laChildId: optionalIdentifier(validateLaChildId),
  disabilities: listOf(z.enum(codesOf(DISABILITY), { error: 'Select disabilities from the list' })),
  immigrationStatus: optionalText('Immigration status', TEXT_MAX),
  uasc: flag,
  firstLanguage: optionalText('First language', TEXT_MAX),
  religion: optionalText('Religion', TEXT_MAX),
  restricted: flag,
};

type ChildFieldsOutput = z.infer<z.ZodObject<typeof childFields>>;

/**
 * Cross-field rules: what a born and an unborn child must have, and dates that cannot be. They run
 * even when a field is already wrong (so the worker sees every problem at once), so each rule
 * checks the value it reads is one that parsed.
 */
function checkChild(today: Today) {
  return (child: ChildFieldsOutput, ctx: z.RefinementCtx) => {
    const now = resolveToday(today);
    const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
    if (!child.lastName) fail(ctx, 'lastName', 'Enter the child’s last name');
    if (child.kind === 'child') {
      if (!child.firstName) fail(ctx, 'firstName', 'Enter the child’s first name');
      if (!child.dateOfBirth) fail(ctx, 'dateOfBirth', 'Enter the child’s date of birth');
      else if (now && isDate(child.dateOfBirth) && child.dateOfBirth > now) fail(ctx, 'dateOfBirth', 'Date of birth must be today or in the past');
      if (!child.sex) fail(ctx, 'sex', 'Select the child’s sex');
    } else if (child.kind === 'unborn') {
      if (!child.expectedDateOfBirth) fail(ctx, 'expectedDateOfBirth', 'Enter the expected date of birth');
      else if (now && isDate(child.expectedDateOfBirth) && child.expectedDateOfBirth > addMonths(now, 10)) {
        fail(ctx, 'expectedDateOfBirth', 'Expected date of birth must be within the next 10 months');
      }
      if (child.dateOfBirth) fail(ctx, 'dateOfBirth', 'An unborn child has no date of birth yet: leave it blank');
      // CIN rule 8750: an unborn child's sex is recorded as U.
      if (child.sex && child.sex !== 'U') fail(ctx, 'sex', 'The sex of an unborn child is recorded as Unknown');
    }
    const disabilities: unknown[] = Array.isArray(child.disabilities) ? child.disabilities : [];
    if (disabilities.includes('NONE') && disabilities.length > 1) {
      fail(ctx, 'disabilities', 'Select “No disability” or the child’s disabilities, not both');
    }
    if (child.upn && child.formerUpn && child.upn === child.formerUpn) {
      fail(ctx, 'formerUpn', 'Former UPN must be different from the UPN');
    }
  };
}

/** Run the cross-field rules whatever else is wrong. */
const always = { when: () => true };

const finish = (child: ChildFieldsOutput) => ({
  ...child,
  firstName: child.firstName ?? UNBORN_FIRST_NAME,
  lastName: child.lastName ?? '',
  sex: child.kind === 'unborn' ? ('U' as const) : child.sex,
  disabilities: [...new Set(child.disabilities)],
});

export type ChildDetails = ReturnType<typeof finish>;

/** Adding a child: the details, plus the double-submit key and the answer to the duplicate warning. */
export function newChildSchema(today: Today) {
  return z
    .object({
      ...childFields,
      submissionId: z.uuid('This form has expired: go back to “Add a child” and try again').nullish(),
      notDuplicateReason: optionalText('Reason', REASON_MAX),
    })
    .superRefine(checkChild(today), always)
    .transform((v) => ({ ...finish(v), submissionId: v.submissionId ?? null, notDuplicateReason: v.notDuplicateReason }));
}
export type NewChild = z.infer<ReturnType<typeof newChildSchema>>;

/** Changing a child's details: the same fields, with the version the worker started from. */
export function changeChildSchema(today: Today) {
  return z
    .object({ ...childFields, version: z.coerce.number().int().positive().optional() })
    .superRefine(checkChild(today), always)
    .transform((v) => ({ ...finish(v), version: v.version }));
}

export function deathSchema(today: Today) {
  return z.object({ dateOfDeath: dateField('Date of death', 'Enter the date of death') }).superRefine((v, ctx) => {
    const now = resolveToday(today);
    if (now && v.dateOfDeath && v.dateOfDeath > now) fail(ctx, 'dateOfDeath', 'Date of death must be today or in the past');
  }, always);
}

export const mergeSchema = z.object({
  survivor: z.string().trim().min(1, 'Enter the LA child ID of the record to keep').max(40, 'LA child ID must be 40 characters or fewer'),
  reason: z.string().trim().min(1, 'Say why these are the same child').max(REASON_MAX, `Reason must be ${REASON_MAX} characters or fewer`),
});

// guid, not uuid: ids made by other systems (imports, the synthetic council) need not be RFC 4122 v4.
export const childIdParams = z.object({ childId: z.guid('Not found') });
