// Small zod building blocks shared by the plan, child in need, visit and proceedings forms and API
// bodies: one schema reads a posted form (strings, folded date inputs) and a JSON body alike.
import { z } from 'zod';
import { isIsoDate } from '../calendar/index.ts';

/** The earliest date any of these records may carry. */
export const EARLIEST = '1990-01-01';
/** The earliest date of birth (and of moving into a home) of an adult a record names: a grandparent, a lodger. */
export const EARLIEST_BIRTH = '1900-01-01';

/** Required text, trimmed, with a length limit. */
export const requiredText = (missing: string, label: string, max = 2000) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);

/** Optional text: blank becomes null. */
export const optionalText = (label: string, max = 2000) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .nullish()
    .transform((v) => (v ? v : null));

const checkDate = (value: string, label: string, ctx: z.RefinementCtx, v: unknown, earliest = EARLIEST) => {
  if (!isIsoDate(value)) {
    ctx.addIssue({ code: 'custom', message: `${label} must be a real date, for example 27 3 2026`, input: v });
    return false;
  }
  if (value < earliest) {
    ctx.addIssue({ code: 'custom', message: `${label} must be in ${earliest.slice(0, 4)} or later`, input: v });
    return false;
  }
  return true;
};

/**
 * A required date from a folded GOV.UK date input ('' when empty, 'invalid' when not a real date)
 * or a YYYY-MM-DD string from JSON.
 */
export const requiredDate = (label: string, missing: string, earliest = EARLIEST) =>
  z
    .string({ error: missing })
    .trim()
    .transform((v, ctx) => {
      if (v === '') {
        ctx.addIssue({ code: 'custom', message: missing, input: v });
        return z.NEVER;
      }
      return checkDate(v, label, ctx, v, earliest) ? v : z.NEVER;
    });

/** An optional date: blank becomes null. */
export const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      return checkDate(v, label, ctx, v) ? v : z.NEVER;
    });

/** Yes or no: radios post 'yes' / 'no', JSON sends true / false. */
export const yesNo = (missing: string) =>
  z.union([z.boolean(), z.enum(['yes', 'no'])], { error: missing }).transform((v) => v === true || v === 'yes');

/** An optional id from a select ('' for none). */
export const optionalId = (message: string) =>
  z.preprocess((v) => (v === '' || v === undefined ? null : v), z.guid({ error: message }).nullable());

/** Adds an issue to a field from a superRefine. */
export function fail(ctx: z.RefinementCtx, field: string, message: string): void {
  ctx.addIssue({ code: 'custom', message, path: [field], input: undefined });
}

/** Path params: the child, and the record within it. */
export const ChildParams = z.object({ childId: z.guid({ error: 'Not a child id' }) });

/** Why a record is corrected: asked every time, kept with the version it replaces. */
export const CorrectionReason = requiredText('Say why you are correcting this record', 'The reason', 1000);

/** The version of the record the worker saw: a change made meanwhile by someone else is not overwritten. */
export const SeenVersion = z.coerce.number({ error: 'Reload the page and try again' }).int().positive().optional();
