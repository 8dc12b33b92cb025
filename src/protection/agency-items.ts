// The agency checkboxes of a strategy discussion, conference or core group, each revealing a box for
// the names of who came from that agency; and the form values for them from what was stored. Only
// the child protection forms ask who came by agency, so these live here.
import { STRATEGY_DISCUSSION_AGENCY } from '../codes/index.ts';
import { chosen } from '../server/form-items.ts';
import { midSentence } from '../server/format.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** `values.agencies` and `values['names-POLICE']` come from a posted form or from the record. */
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
        html: `<div class="govuk-form-group"><label class="govuk-label" for="${id}">Who took part from ${escapeHtml(midSentence(agency.label))} (names and roles, optional)</label><input class="govuk-input" id="${id}" name="${id}" type="text" value="${value}" autocomplete="off"></div>`,
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
