// How child protection records are shown: labels for every code (no raw code on a page), where each
// page is, and the JSON the API answers with.
import { CATEGORY_OF_ABUSE, STRATEGY_DISCUSSION_AGENCY, labelFor } from '../codes/index.ts';
import { ENQUIRY_OUTCOME, FAMILY_ATTENDANCE, INITIAL_CONFERENCE_DECISION, REVIEW_CONFERENCE_DECISION, RISK_REDUCING } from './codes.ts';
import type { Conference, Enquiry, PlanSummary, StrategyDiscussion } from './service.ts';
import type { Attendee } from './tables.ts';

export const protectionPath = (childId: string) => `/children/${childId}/protection`;
export const discussionPath = (childId: string, id: string) => `${protectionPath(childId)}/strategy-discussions/${id}`;
export const enquiryPath = (childId: string, id: string) => `${protectionPath(childId)}/enquiries/${id}`;
export const conferencePath = (childId: string, id: string) => `${protectionPath(childId)}/conferences/${id}`;
export const planPath = (childId: string, id: string) => `${protectionPath(childId)}/plans/${id}`;

export const STATUS_LABELS = {
  open: 'Open',
  'awaiting-conference': 'Conference to be held',
  'conference-held': 'Initial conference held',
  'ended-no-conference': 'Ended: no conference',
} as const;

export const agencyLabel = (code: string) => labelFor(STRATEGY_DISCUSSION_AGENCY, code) ?? code;
export const categoryLabel = (code: string | null) => (code ? (labelFor(CATEGORY_OF_ABUSE, code) ?? code) : null);
export const familyLabel = (code: string) => labelFor(FAMILY_ATTENDANCE, code) ?? code;
export const outcomeLabel = (code: string | null) => (code ? (labelFor(ENQUIRY_OUTCOME, code) ?? code) : null);
export const riskLabel = (code: string | null) => (code ? (labelFor(RISK_REDUCING, code) ?? code) : 'Not recorded');
export const decisionLabel = (c: Pick<Conference, 'kind' | 'decision'>) =>
  (c.kind === 'initial' ? labelFor(INITIAL_CONFERENCE_DECISION, c.decision) : labelFor(REVIEW_CONFERENCE_DECISION, c.decision)) ?? c.decision;

/** Attendees as the pages show them: 'Police (DC Smith); Health'. */
export const attendeesText = (attendees: readonly Attendee[]) => attendees.map((a) => `${agencyLabel(a.agency)}${a.names ? ` (${a.names})` : ''}`).join('; ');

/** Everything a protection template needs to label codes. */
export const labels = { agencyLabel, categoryLabel, familyLabel, outcomeLabel, riskLabel, decisionLabel, attendeesText, statusLabels: STATUS_LABELS };

// ---------------------------------------------------------------------------------------------
// JSON shapes for the API
// ---------------------------------------------------------------------------------------------

export const discussionJson = (d: StrategyDiscussion & { onlyPoliceAndSocialCare: boolean }) => ({
  id: d.id,
  episodeId: d.episode_id,
  enquiryId: d.enquiry_id,
  heldOn: d.held_on,
  heldAt: d.held_at,
  attendees: d.attendees,
  reason: d.reason,
  otherViews: d.other_views,
  decisions: d.decisions,
  nextSteps: d.next_steps,
  outcome: d.outcome,
  onlyPoliceAndSocialCare: d.onlyPoliceAndSocialCare,
  version: d.version,
});

export const enquiryJson = (e: Enquiry, extra: { status: string; initialConference?: Conference | undefined; conferenceDueOn?: string | null }) => ({
  id: e.id,
  episodeId: e.episode_id,
  initiatingDiscussionId: e.initiating_discussion_id,
  initiatedOn: e.initiated_on,
  startedOn: e.started_on,
  outcome: e.outcome,
  completedOn: e.completed_on,
  outcomeSummary: e.outcome_summary,
  status: extra.status,
  initialConferenceDueOn: extra.conferenceDueOn ?? null,
  initialConferenceOn: extra.initialConference?.held_on ?? null,
});

export const conferenceJson = (c: Conference) => ({
  id: c.id,
  kind: c.kind,
  enquiryId: c.enquiry_id,
  planId: c.plan_id,
  heldOn: c.held_on,
  chairId: c.chair_id,
  attendees: c.attendees,
  familyAttended: c.family_attended,
  decision: c.decision,
  categoryOfAbuse: c.category_of_abuse,
  endReason: c.end_reason,
  summary: c.summary,
  version: c.version,
});

export const planJson = (s: PlanSummary) => ({
  id: s.plan.id,
  episodeId: s.plan.episode_id,
  startedOn: s.plan.started_on,
  endedOn: s.plan.ended_on,
  endReason: s.plan.end_reason,
  initialCategoryOfAbuse: s.plan.category_of_abuse,
  latestCategoryOfAbuse: s.latestCategory,
  repeatPlan: s.repeat,
  previousPlans: s.previousPlans,
  fifteenMonthsOrMore: s.flags.fifteenMonthsOrMore,
  twoYearsOrMore: s.flags.twoYearsOrMore,
  nextReviewDueOn: s.due.review?.dueOn ?? null,
  nextCoreGroupDueOn: s.due.coreGroup?.dueOn ?? null,
  nextVisitDueOn: s.due.visit?.dueOn ?? null,
});
