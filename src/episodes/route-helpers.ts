// Small pieces the episode, assessment and protection pages share: ids from the path, form errors
// from broken rules, and GOV.UK component items built from code lists and what was typed.
import type { FastifyRequest } from 'fastify';
import type { SignedInUser } from '../access/policy.ts';
import type { CodeList } from '../codes/index.ts';
import { STRATEGY_DISCUSSION_AGENCY } from '../codes/index.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { dateInputItems, singleError, type FormErrors } from '../server/forms.ts';
import { Uuid } from './schemas.ts';

/** The onRequest hook has already sent anyone not signed in to the sign-in page. */
export const signedIn = (request: FastifyRequest): SignedInUser => request.user as SignedInUser;

/** An id that cannot exist is a page that cannot exist, not a server error. */
export function idParam(request: FastifyRequest, name: string): string {
  const parsed = Uuid.safeParse((request.params as Record<string, string | undefined>)[name]);
  if (!parsed.success) throw new NotFound('Page not found');
  return parsed.data;
}

export const formBody = (request: FastifyRequest): Record<string, unknown> => ({ ...((request.body ?? {}) as Record<string, unknown>) });

/** A broken rule of the record goes back to the form as an error on its field. */
export function ruleErrors(error: unknown): FormErrors | null {
  return error instanceof RuleBroken ? singleError(error.field ?? 'form', error.message) : null;
}

/** Date input items for each named date field. */
export function dateItemsFor(names: readonly string[], values: Record<string, unknown>, errors: FormErrors | null | undefined) {
  return Object.fromEntries(names.map((name) => [name, dateInputItems(name, values, Boolean(errors?.fields[name]))]));
}

const chosen = (value: unknown): string[] => (value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

export function radioItems(list: CodeList, selected: unknown) {
  return list.map((entry) => ({ value: entry.code, text: entry.label, checked: entry.code === selected }));
}

export function checkboxItems(list: CodeList, selected: unknown) {
  const set = new Set(chosen(selected));
  return list.map((entry) => ({ value: entry.code, text: entry.label, checked: set.has(entry.code) }));
}

export function selectItems(list: readonly { value: string; text: string }[], selected: unknown, placeholder = 'Choose') {
  return [{ value: '', text: placeholder }, ...list.map((item) => ({ ...item, selected: item.value === selected }))];
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * The agency checkboxes of a meeting, each revealing a box for the names of who came from it.
 * `values.agencies` and `values['names-POLICE']` come from a posted form or from the record.
 */
export function agencyItems(values: Record<string, unknown>) {
  const set = new Set(chosen(values['agencies']));
  return STRATEGY_DISCUSSION_AGENCY.map((agency) => {
    const id = `names-${agency.code}`;
    const value = escapeHtml(String(values[id] ?? ''));
    return {
      value: agency.code,
      text: agency.label,
      checked: set.has(agency.code),
      conditional: {
        html: `<div class="govuk-form-group"><label class="govuk-label" for="${id}">Who took part from ${escapeHtml(agency.label.toLowerCase())} (names and roles, optional)</label><input class="govuk-input" id="${id}" name="${id}" type="text" value="${value}" autocomplete="off"></div>`,
      },
    };
  });
}

/** The form values for agency checkboxes from stored attendees (to prefill from the record). */
export function attendeeValues(attendees: readonly { agency: string; names: string | null }[]): Record<string, unknown> {
  return {
    agencies: attendees.map((a) => a.agency),
    ...Object.fromEntries(attendees.map((a) => [`names-${a.agency}`, a.names ?? ''])),
  };
}
