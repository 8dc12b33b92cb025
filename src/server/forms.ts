// Form handling the GOV.UK way: validate with zod, and on error show an error summary that links to
// each field, with everything the user typed put back.
import { z } from 'zod';
import { isIsoDate } from '../calendar/index.ts';

export interface FormErrors {
  list: { text: string; href: string }[];
  fields: Record<string, { text: string }>;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

export function errorsFrom(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FormErrors {
  const errors: FormErrors = { list: [], fields: {} };
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (errors.fields[field]) continue; // one message per field, the first
    errors.fields[field] = { text: issue.message };
    errors.list.push({ text: issue.message, href: `#${field}` });
  }
  return errors;
}

export function singleError(field: string, message: string): FormErrors {
  return errorsFrom([{ path: [field], message }]);
}

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: errorsFrom(result.error.issues) };
}

/**
 * A GOV.UK date input posts three fields (name-day, name-month, name-year). This folds them into
 * one 'YYYY-MM-DD' value under `name`, or '' when all three are empty, or 'invalid' when they do
 * not make a real date, so that a zod schema can say what is wrong.
 */
export function foldDateInputs(body: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const folded: Record<string, unknown> = { ...body };
  for (const name of names) {
    const day = String(body[`${name}-day`] ?? '').trim();
    const month = String(body[`${name}-month`] ?? '').trim();
    const year = String(body[`${name}-year`] ?? '').trim();
    if (!day && !month && !year) {
      if (folded[name] === undefined) folded[name] = '';
      continue;
    }
    const iso = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    folded[name] = /^\d{4}$/.test(year) && /^\d{1,2}$/.test(month) && /^\d{1,2}$/.test(day) && isIsoDate(iso) ? iso : 'invalid';
  }
  return folded;
}

/**
 * "Enter the year as 4 digits" (GOV.UK date input pattern) for each named date typed with a short
 * year such as 24, which would otherwise read as the year 24. Null when every year has 4 digits.
 */
export function shortYearErrors(body: Record<string, unknown>, names: readonly string[]): FormErrors | null {
  const issues = names
    .filter((name) => /^\d{1,3}$/.test(String(body[`${name}-year`] ?? '').trim()))
    .map((name) => ({ path: [name], message: 'Enter the year as 4 digits, for example 2026' }));
  return issues.length ? errorsFrom(issues) : null;
}

/** Both sets of errors, the first message for a field winning. */
export function mergeErrors(first: FormErrors | null, second: FormErrors | null): FormErrors | null {
  if (!first) return second;
  if (!second) return first;
  return errorsFrom([...first.list, ...second.list].map((e) => ({ path: [e.href.slice(1)], message: e.text })));
}

/** The day, month and year items of a GOV.UK date input, prefilled from what was typed or stored. */
export function dateInputItems(name: string, values: Record<string, unknown>, hasError: boolean) {
  const stored = typeof values[name] === 'string' && isIsoDate(values[name]) ? (values[name] as string).split('-') : null;
  const part = (suffix: string, index: number) => String(values[`${name}-${suffix}`] ?? (stored ? Number(stored[index]) : ''));
  const classes = (width: number) => `govuk-input--width-${width}${hasError ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', value: part('day', 2), classes: classes(2) },
    { name: 'month', value: part('month', 1), classes: classes(2) },
    { name: 'year', value: part('year', 0), classes: classes(4) },
  ];
}

/** The longest reason: the same on every form and API operation that asks why. */
const REASON_MAX = 1000;

/**
 * `{ reason }`, required, for a step that asks only why (a deletion, a reopening): `missing` says
 * what to write when it is left blank. The reason is kept with the version the step replaces.
 */
export const reasonInput = (missing: string) =>
  z.object({
    reason: z.string({ error: missing }).trim().min(1, missing).max(REASON_MAX, `The reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`),
  });
