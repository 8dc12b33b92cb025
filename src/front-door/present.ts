// Turning contacts into GOV.UK summary-list rows and tables, so the templates stay plain.
import { formatDate, midSentence } from '../server/format.ts';
import { CONSENT } from './codes.ts';
import { labelFor } from '../codes/index.ts';
import type { ContactView } from './describe.ts';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Text a worker typed, with its line breaks kept. */
export const multiline = (text: string | null | undefined) => (text ? escapeHtml(text).replace(/\r?\n/g, '<br>') : '');

export interface SummaryRow {
  key: { text: string };
  value: { text?: string; html?: string };
  actions?: { items: { href: string; text: string; visuallyHiddenText?: string }[] };
}

export const row = (key: string, value: string | null | undefined, empty = 'Not recorded'): SummaryRow => ({
  key: { text: key },
  value: { text: value && value.trim() ? value : empty },
});

export const htmlRow = (key: string, html: string): SummaryRow => ({ key: { text: key }, value: { html } });

const referrerText = (c: ContactView) =>
  [c.referrer.name, c.referrer.role, c.referrer.agency, c.referrer.phone].filter((part) => part && part.trim()).join(', ') || null;

/** The contact as the decision page and the contact page show it: everything the record knows. */
export function contactRows(c: ContactView): SummaryRow[] {
  const rows = [
    row('Received', `${formatDate(c.receivedOn)} at ${c.receivedTime}`),
    row('Who made the contact', `${c.sourceLabel} (${c.referrerIsProfessional ? 'professional' : 'not a professional'})`),
    row('Referrer', referrerText(c), c.source === '9' ? 'Anonymous' : 'Not recorded'),
    htmlRow('What the worry is', multiline(c.worry)),
    row('Risk indicators', c.riskLabels.join(', '), 'None recorded'),
    row('Consent', labelFor(CONSENT, c.consent) ?? c.consent),
  ];
  if (c.submittedOnline) rows.push(row('Sent online by', c.recordedBy));
  else rows.push(row('Recorded by', c.recordedBy));
  return rows;
}

export function decisionRows(c: ContactView): SummaryRow[] {
  if (!c.decision) return [];
  const rows = [
    row('Decision', c.decision.outcomeLabel),
    row('Decided', `${formatDate(c.decision.decidedOn ?? '')} at ${c.decision.decidedTime ?? ''} by ${c.decision.decidedBy ?? ''}`),
    htmlRow('Rationale', multiline(c.decision.rationale)),
  ];
  if (c.decisionLate) rows.push(row('Timeliness', `Decided after it was due (${formatDate(c.decisionDueOn ?? '')})`));
  else if (c.decisionDueOn) rows.push(row('Timeliness', `Within one working day (due ${formatDate(c.decisionDueOn)})`));
  rows.push(
    row(
      'Referrer told the outcome',
      c.referrerInformed ? `${formatDate(c.referrerInformed.informedOn)} (${midSentence(c.referrerInformed.methodLabel)})` : null,
      c.source === '9' ? 'Anonymous: no one to tell' : 'Not yet',
    ),
  );
  return rows;
}

export function secondLookRows(c: ContactView): SummaryRow[] {
  if (!c.secondLook) return [];
  return [
    row('Second look', c.secondLook.conclusion === 'CHANGE' ? `Decision changed to ${midSentence(c.secondLook.newOutcomeLabel)}` : 'Decision agreed'),
    row('Looked at on', formatDate(c.secondLook.reviewedOn ?? '')),
    htmlRow('Reasons', multiline(c.secondLook.notes)),
  ];
}

export function subjectRows(c: ContactView): SummaryRow[] {
  if (!c.subject) return [];
  return [
    row('Child’s name', `${c.subject.firstName ?? ''} ${c.subject.lastName ?? ''}`),
    row('Date of birth', c.subject.dateOfBirth ? formatDate(c.subject.dateOfBirth) : null, 'Not given'),
    row('Address', [c.subject.address, c.subject.postcode].filter(Boolean).join(', '), 'Not given'),
  ];
}

type CheckLike = { id: string; agencyLabel: string; askedOn: string; answeredOn: string | null; summary: string | null };

/** The checks with other agencies; with `contactHref`, each row links to answering, correcting and deleting it. */
export function checkRows(checks: CheckLike[], contactHref?: string): SummaryRow[] {
  return checks.map((check) => {
    const summary = htmlRow(
      check.agencyLabel,
      `Asked ${escapeHtml(formatDate(check.askedOn))}. ${
        check.answeredOn ? `Answered ${escapeHtml(formatDate(check.answeredOn))}: ${multiline(check.summary)}` : '<strong>Not answered yet.</strong>'
      }`,
    );
    if (!contactHref) return summary;
    const href = `${contactHref}/checks/${check.id}`;
    const hidden = `the checks with ${check.agencyLabel}`;
    return {
      ...summary,
      actions: {
        items: [
          ...(check.answeredOn ? [] : [{ href, text: 'Record the answer', visuallyHiddenText: `from ${check.agencyLabel}` }]),
          { href: `${href}/change`, text: 'Correct', visuallyHiddenText: hidden },
          { href: `${href}/delete`, text: 'Delete', visuallyHiddenText: hidden },
        ],
      },
    };
  });
}

/** The colour of a status tag. */
export function statusTag(c: ContactView): { text: string; classes: string } {
  if (c.status === 'awaiting match') return { text: 'To match', classes: 'govuk-tag--purple' };
  if (c.status === 'awaiting decision') return c.decisionOverdue ? { text: 'Overdue', classes: 'govuk-tag--red' } : { text: 'Awaiting decision', classes: 'govuk-tag--yellow' };
  if (c.status === 'awaiting second look') return { text: 'Second look', classes: 'govuk-tag--orange' };
  return { text: 'Decided', classes: 'govuk-tag--green' };
}
