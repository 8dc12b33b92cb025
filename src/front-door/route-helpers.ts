// Small HTTP helpers shared by the front door's and early help's routes: reading ids, posting a
// GOV.UK form (validate, save, or show the same page again with the errors and what was typed).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInUser } from '../access/policy.ts';
import type { CodeList } from '../codes/index.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { foldDateInputs, parseForm, singleError, type FormErrors } from '../server/forms.ts';

/** The onRequest hook has already sent anyone not signed in to the sign-in page. */
export const signedIn = (request: FastifyRequest): SignedInUser => request.user as SignedInUser;

const uuid = z.uuid();

/** An id that cannot exist is a page that cannot exist, not a server error. */
export function idParam(request: FastifyRequest, name: string): string {
  const parsed = uuid.safeParse((request.params as Record<string, string | undefined>)[name]);
  if (!parsed.success) throw new NotFound('Page not found');
  return parsed.data;
}

export type Values = Record<string, unknown>;

export interface FormPost<S extends z.ZodType> {
  schema: S;
  /** GOV.UK date inputs to fold into YYYY-MM-DD. */
  dates?: readonly string[];
  /** Renders the page again with the errors and what was typed (the status is already set). */
  render: (values: Values, errors: FormErrors) => FastifyReply | Promise<FastifyReply>;
  /** Saves, and returns where to go next (303). */
  save: (data: z.infer<S>, values: Values) => Promise<string>;
  /** Fields the page has; a rule broken on another field is shown against `fallbackField`. */
  fields?: readonly string[];
  fallbackField?: string;
}

/** Validate, save and redirect; or show the same page with status 400 and what is wrong. */
export async function postForm<S extends z.ZodType>(request: FastifyRequest, reply: FastifyReply, form: FormPost<S>): Promise<FastifyReply> {
  const values = foldDateInputs({ ...((request.body as Values | undefined) ?? {}) }, form.dates ?? []);
  const parsed = parseForm(form.schema, values);
  if (!parsed.ok) {
    reply.code(400);
    return form.render(values, parsed.errors);
  }
  try {
    const next = await form.save(parsed.data, values);
    return reply.code(303).redirect(next);
  } catch (error) {
    if (!(error instanceof RuleBroken)) throw error;
    const field = error.field && (!form.fields || form.fields.includes(error.field)) ? error.field : (form.fallbackField ?? 'form');
    reply.code(400);
    return form.render(values, singleError(field, error.message));
  }
}

/** Items for govukRadios / govukSelect from a code list, with the chosen one marked. */
export function radioItems(list: readonly { code: string; label: string }[] | CodeList, selected: unknown) {
  return list.map((entry) => ({ value: entry.code, text: entry.label, checked: entry.code === selected }));
}

export function selectItems(list: readonly { code: string; label: string }[] | CodeList, selected: unknown, blank = 'Choose') {
  return [{ value: '', text: blank }, ...list.map((entry) => ({ value: entry.code, text: entry.label, selected: entry.code === selected }))];
}

/** Items for govukCheckboxes: a posted form gives one string or several. */
export function checkboxItems(list: readonly { code: string; label: string }[] | CodeList, selected: unknown) {
  const chosen = new Set((Array.isArray(selected) ? selected : selected === undefined || selected === null || selected === '' ? [] : [selected]).map(String));
  return list.map((entry) => ({ value: entry.code, text: entry.label, checked: chosen.has(entry.code) }));
}
