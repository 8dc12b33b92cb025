// A contact as the pages and the API show it: every code through its code list's label, its age and
// decision clock, and what comes next once it is decided.
import { workingDaysBetween } from '../calendar/index.ts';
import { labelFor, REFERRAL_SOURCE } from '../codes/index.ts';
import {
  CHECK_AGENCY,
  CONTACT_OUTCOME,
  FEEDBACK_METHOD,
  NON_PROFESSIONAL_SOURCES,
  OUTCOME_FOR_PARTNER,
  REFERRAL_OUTCOMES,
  RISK_INDICATOR,
  SOURCE_FOR_AGENCY,
  type ContactOutcomeCode,
} from './codes.ts';
import type { checksOf, ContactRow } from './repository.ts';

export const sourceLabel = (code: string) => labelFor(REFERRAL_SOURCE, code) ?? code;
export const outcomeLabel = (code: string | null) => (code ? (labelFor(CONTACT_OUTCOME, code) ?? code) : null);
export const riskLabels = (codes: readonly string[]) => codes.map((c) => labelFor(RISK_INDICATOR, c) ?? c);
export const agencyLabel = (code: string) => labelFor(CHECK_AGENCY, code) ?? code;
export const methodLabel = (code: string | null) => (code ? (labelFor(FEEDBACK_METHOD, code) ?? code) : null);

/**
 * The referrer's agency in words. A partner's account names its agency by a short key ('police'),
 * shown as the kind of agency it is; an agency typed on a contact is shown as typed.
 */
export function agencyName(agency: string | null): string | null {
  if (!agency) return null;
  const source = SOURCE_FOR_AGENCY[agency.trim().toLowerCase()];
  return source ? sourceLabel(source) : agency;
}

/** The outcome that stands: the second look's where it changed the decision. */
export const currentOutcome = (contact: Pick<ContactRow, 'outcome' | 'new_outcome'>) => contact.new_outcome ?? contact.outcome;

export type ContactStatus = 'awaiting match' | 'awaiting decision' | 'awaiting second look' | 'decided';

export function statusOf(contact: ContactRow): ContactStatus {
  if (!contact.child_id) return 'awaiting match';
  if (!contact.decision_id) return 'awaiting decision';
  if (contact.awaiting_second_look) return 'awaiting second look';
  return 'decided';
}

export const childName = (contact: ContactRow) =>
  contact.child_id ? `${contact.first_name} ${contact.last_name}` : `${contact.subject_first_name ?? ''} ${contact.subject_last_name ?? ''}`.trim();

/** A contact as the pages and the API show it, with its age and decision clock. */
export function describeContact(contact: ContactRow, today: string) {
  const risks = contact.risk_indicators ?? [];
  return {
    id: contact.id,
    version: contact.version,
    childId: contact.child_id,
    childName: childName(contact),
    laChildId: contact.la_child_id,
    receivedOn: contact.received_on,
    receivedTime: contact.received_time,
    source: contact.source,
    sourceLabel: sourceLabel(contact.source),
    referrerIsProfessional: !NON_PROFESSIONAL_SOURCES.includes(contact.source),
    referrer: {
      name: contact.referrer_name,
      role: contact.referrer_role,
      agency: contact.referrer_agency,
      agencyName: agencyName(contact.referrer_agency),
      phone: contact.referrer_phone,
    },
    worry: contact.worry,
    riskIndicators: risks,
    riskLabels: riskLabels(risks),
    consent: contact.consent,
    submittedOnline: contact.submitted_online,
    subject: contact.child_id
      ? null
      : { firstName: contact.subject_first_name, lastName: contact.subject_last_name, dateOfBirth: contact.subject_date_of_birth, address: contact.subject_address, postcode: contact.subject_postcode },
    recordedBy: contact.recorded_by_name,
    status: statusOf(contact),
    /** Working days since it arrived, while it waits for a decision. */
    ageWorkingDays: contact.decision_id ? null : workingDaysBetween(contact.received_on, today),
    decisionDueOn: contact.decision_due_on,
    decisionOverdue: !contact.decision_id && contact.decision_due_on !== null && contact.decision_due_on < today,
    decisionLate: contact.decision_met_on !== null && contact.decision_due_on !== null && contact.decision_met_on > contact.decision_due_on,
    decision: contact.decision_id
      ? {
          decidedOn: contact.decided_on,
          decidedTime: contact.decided_time,
          outcome: contact.outcome,
          outcomeLabel: outcomeLabel(contact.outcome),
          rationale: contact.rationale,
          decidedBy: contact.decided_by_name,
          cinEpisodeId: contact.cin_episode_id,
          earlyHelpEpisodeId: contact.early_help_episode_id,
        }
      : null,
    referrerInformed: contact.informed_on ? { informedOn: contact.informed_on, method: contact.informed_method, methodLabel: methodLabel(contact.informed_method), note: contact.informed_note } : null,
    flaggedForSecondLook: contact.flagged === true,
    awaitingSecondLook: contact.awaiting_second_look === true,
    secondLook: contact.second_look_id
      ? { reviewedOn: contact.reviewed_on, conclusion: contact.conclusion, newOutcome: contact.new_outcome, newOutcomeLabel: outcomeLabel(contact.new_outcome), notes: contact.second_look_notes }
      : null,
    currentOutcome: currentOutcome(contact),
    currentOutcomeLabel: outcomeLabel(currentOutcome(contact)),
  };
}
export type ContactView = ReturnType<typeof describeContact>;

export function describeCheck(check: Awaited<ReturnType<typeof checksOf>>[number]) {
  return {
    id: check.id,
    version: check.version,
    agency: check.agency,
    agencyLabel: agencyLabel(check.agency),
    askedOn: check.asked_on,
    answeredOn: check.answered_on,
    summary: check.summary,
  };
}
export type CheckView = ReturnType<typeof describeCheck>;

/** What a partner sees of a referral: what they sent, whether it is decided, the outcome and when they were told. */
export function partnerView(contact: ContactRow) {
  const outcome = currentOutcome(contact) as ContactOutcomeCode | null;
  return {
    id: contact.id,
    childName: childName(contact),
    dateOfBirth: contact.child_id ? null : contact.subject_date_of_birth,
    receivedOn: contact.received_on,
    receivedTime: contact.received_time,
    worry: contact.worry,
    riskLabels: riskLabels(contact.risk_indicators ?? []),
    status: contact.decision_id ? 'Decision made' : 'Received: waiting for a decision',
    decidedOn: contact.decided_on,
    outcome: outcome ? OUTCOME_FOR_PARTNER[outcome] : null,
    toldOn: contact.informed_on,
  };
}
export type PartnerReferralView = ReturnType<typeof partnerView>;

export interface NextStep {
  text: string;
  href: string;
}

/**
 * What comes next once a contact is decided, for the outcome that stands (FD-02): a referral is
 * allocated and goes to a strategy discussion or an assessment; early help starts; whatever the
 * outcome, the referrer is told (FD-01), unless the contact was anonymous. Allocating is offered to
 * whoever may allocate.
 */
export function nextSteps(c: ContactView, may: { allocate: boolean }): NextStep[] {
  if (!c.decision || !c.childId) return [];
  const child = `/children/${c.childId}`;
  const outcome = c.currentOutcome as ContactOutcomeCode | null;
  // The decision's own pathway, unless a second look changed the outcome (its pathway is the child's open one).
  const changed = c.secondLook?.newOutcome != null;
  const steps: NextStep[] = [];
  if (outcome && REFERRAL_OUTCOMES.includes(outcome)) {
    // Only a manager allocates: anyone else would be led to a refusal.
    if (may.allocate) steps.push({ text: 'Allocate a social worker', href: `${child}/allocate` });
    if (outcome === 'STRATEGY') steps.push({ text: 'Record the strategy discussion', href: `${child}/protection/strategy-discussions/new` });
    else {
      const episode = changed ? null : c.decision.cinEpisodeId;
      steps.push({ text: 'Start the assessment', href: `${child}/assessments/new${episode ? `?episode=${episode}` : ''}` });
    }
  } else if (outcome === 'EARLY_HELP') {
    const episode = changed ? null : c.decision.earlyHelpEpisodeId;
    steps.push({ text: 'Start early help', href: episode ? `${child}/early-help/${episode}` : `${child}/early-help` });
  }
  if (!c.referrerInformed && c.source !== '9') steps.push({ text: 'Tell the referrer', href: `/front-door/contacts/${c.id}/referrer-informed` });
  return steps;
}
