// What the episode forms and API accept, and the small field builders that the assessment and
// protection forms share with them. One schema serves the page and the API, so they cannot differ.
import { z } from 'zod';
import { isIsoDate } from '../calendar/index.ts';
import { CIN_CLOSURE_REASON, PRIMARY_NEED, REFERRAL_SOURCE, codesOf, type CodeList } from '../codes/index.ts';

export const Uuid = z.uuid({ error: 'Not a valid id' });
export const ChildParams = z.object({ childId: Uuid });
export const EpisodeParams = z.object({ childId: Uuid, episodeId: Uuid });

/** A required date: '' when the form left it empty, 'invalid' when foldDateInputs could not make one. */
export const requiredDate = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .min(1, `Enter ${what}`)
    .refine((v) => isIsoDate(v), { message: `${capitalise(what)} must be a real date, for example 27 3 2026` });

/** An optional date: empty becomes null. */
export const optionalDate = (what: string) =>
  z
    .string()
    .nullish()
    .refine((v) => !v || isIsoDate(v), { message: `${capitalise(what)} must be a real date, for example 27 3 2026` })
    .transform((v) => (v ? v : null));

/** Required text, trimmed. */
export const requiredText = (message: string, max = 20_000) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `This must be ${max.toLocaleString('en-GB')} characters or fewer`);

/** Optional text, trimmed; empty becomes null. */
export const optionalText = (max = 20_000) =>
  z
    .string()
    .trim()
    .max(max, `This must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .nullish()
    .transform((v) => (v ? v : null));

/** A checkbox group posts nothing, one value or several; the API sends an array. */
export const oneOrMany = (value: unknown) => (value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value]);

/** An optional choice from a radio group: empty becomes null. */
export const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((v) => (v === '' ? null : v), z.enum(values, { error: message }).nullish().transform((v) => v ?? null));

/** A required choice from a code list, with the message to show when none (or a wrong one) is chosen. */
export const codeChoice = <const L extends CodeList>(list: L, message: string) => z.enum(codesOf(list), { error: message });

/** An optional choice from a code list: empty becomes null. */
export const optionalCodeChoice = <const L extends CodeList>(list: L, message: string) =>
  z.preprocess((v) => (v === '' ? null : v), z.enum(codesOf(list), { error: message }).nullish().transform((v) => v ?? null));

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const ReferralInput = z.object({
  referralDate: requiredDate('the date of the referral'),
  referralSource: codeChoice(REFERRAL_SOURCE, 'Choose who made the referral'),
  primaryNeed: optionalCodeChoice(PRIMARY_NEED, 'Choose the primary need from the list'),
});
export type ReferralInput = z.output<typeof ReferralInput>;

export const ClosureInput = z.object({
  closedOn: requiredDate('the date the case closed'),
  reason: codeChoice(CIN_CLOSURE_REASON, 'Choose the reason for closure'),
  managerReason: optionalText(5_000),
});
export type ClosureInput = z.output<typeof ClosureInput>;
