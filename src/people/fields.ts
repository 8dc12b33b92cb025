// Small zod building blocks for the people forms and API bodies: the same schema reads a posted
// form (strings, a checkbox that is absent when unticked) and a JSON body (booleans, arrays).
import { z } from 'zod';
import { isIsoDate } from '../calendar/index.ts';
import type { IdentifierResult } from './identifiers.ts';
import { midSentence } from '../server/format.ts';

/** Required text, trimmed, with a length limit. */
export const requiredText = (label: string, max: number, missing = `Enter ${midSentence(label)}`) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `${label} must be ${max} characters or fewer`);

/** Optional text: blank becomes null. */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .nullish()
    .transform((v) => (v ? v : null));

/** A ticked checkbox posts 'yes'; JSON sends true. */
export const flag = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === 'yes' || v === 'true');

/** A form posts one value as a string and several as an array. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

/** An optional identifier checked by one of the validators in identifiers.ts; blank becomes null. */
export const optionalIdentifier = (validate: (input: string) => IdentifierResult, max = 40) =>
  z
    .string()
    .max(max, `This must be ${max} characters or fewer`)
    .nullish()
    .transform((v, ctx) => {
      if (!v || v.trim() === '') return null;
      const result = validate(v);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: result.message, input: v });
        return z.NEVER;
      }
      return result.value;
    });

/**
 * A date from a folded GOV.UK date input ('' when empty, 'invalid' when not a real date) or an ISO
 * string from JSON. `required` gives the message when empty; otherwise empty becomes null.
 */
export function dateField(label: string, required?: string) {
  return z
    .string()
    .nullish()
    .transform((v, ctx) => {
      const value = (v ?? '').trim();
      if (value === '') {
        if (required) {
          ctx.addIssue({ code: 'custom', message: required, input: v });
          return z.NEVER;
        }
        return null;
      }
      if (!isIsoDate(value) || value < '1900-01-01') {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date`, input: v });
        return z.NEVER;
      }
      return value;
    });
}

/** Adds an issue to a field from a superRefine. */
export function fail(ctx: z.RefinementCtx, field: string, message: string): void {
  ctx.addIssue({ code: 'custom', message, path: [field], input: undefined });
}

/** Today, or how to get it when the schema is used (an API schema is built once, at start-up), or
 *  null to leave "not in the future" checks out. */
export type Today = string | (() => string) | null;

export const resolveToday = (today: Today): string | null => (typeof today === 'function' ? today() : today);
