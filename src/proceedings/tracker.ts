// The court tracker: every child the user may see in pre-proceedings or proceedings, or with a
// decision on them not yet acted on, with what happened last and what is next.
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { can } from '../access/roles.ts';
import type { Guard } from '../server/guard.ts';
import { daysBetween } from '../calendar/index.ts';
import { labelFor } from '../codes/index.ts';
import { HEARING_TYPE, LEGAL_PLANNING_DECISION, PRE_PROCEEDINGS_MEETING_KIND } from './codes.ts';
import * as repo from './repository.ts';
import { weeksSince } from './service.ts';

/** Who may open the tracker: people who hold cases or oversee performance. */
export const mayUseTracker = (user: SignedInUser) => can(user.role, 'record-casework') || can(user.role, 'view-performance');
export const TRACKER_REFUSAL = 'The court tracker is for case holders, managers and performance staff.';
/** The tracker lists only the children the user may see (childVisibleTo in the repository). */
export const TRACKER_GUARD: Guard = { signedIn: true, reason: 'The court tracker lists only children the user may see (childVisibleTo)' };

export interface TrackerRow {
  childId: string;
  childName: string;
  laChildId: string | null;
  stage: 'proceedings' | 'pre-proceedings' | 'letter-to-send' | 'proceedings-to-issue';
  stageLabel: string;
  startedOn: string;
  ageWeeks: number;
  legalPlanningMeeting: { heldOn: string; decision: string } | null;
  lastStep: { what: string; on: string } | null;
  nextStep: { what: string; on: string | null; overdue: boolean };
  /** Proceedings: the last day of the 26 weeks, and whole weeks left (negative once past). */
  dueOn: string | null;
  weeksToDue: number | null;
  caseNumber: string | null;
  allocatedTo: string[];
  overdueActions: number;
}

/** The tracker's stages, furthest on first: the order of its rows and of its filter. */
export const STAGES: TrackerRow['stage'][] = ['proceedings', 'pre-proceedings', 'proceedings-to-issue', 'letter-to-send'];

export const STAGE_LABELS: Record<TrackerRow['stage'], string> = {
  proceedings: 'Care proceedings',
  'pre-proceedings': 'Pre-proceedings',
  'letter-to-send': 'Decided: letter before proceedings not yet sent',
  'proceedings-to-issue': 'Decided: proceedings not yet issued',
};

/**
 * Every child the user may see who is in pre-proceedings or proceedings, or whose latest legal
 * planning meeting decided on either and nothing has happened yet: what stage, since when, what
 * happened last and what is next (Newham 2020 F9: the tracker missed key information; Southend
 * 2016 ¶52: drift in issuing).
 */
export async function tracker(db: Db, user: SignedInUser, today: string): Promise<TrackerRow[]> {
  const [proceedings, pres, pending] = await Promise.all([repo.openProceedingsVisible(db, user), repo.openPreProceedingsVisible(db, user), repo.pendingDecisionsVisible(db, user)]);
  const rows = new Map<string, TrackerRow>();
  const base = (c: { child_id: string; first_name: string; last_name: string; la_child_id: string | null }) => ({
    childId: c.child_id,
    childName: `${c.first_name} ${c.last_name}`,
    laChildId: c.la_child_id,
    allocatedTo: [] as string[],
    overdueActions: 0,
  });
  const hearings = await repo.hearingsOf(db, proceedings.map((p) => p.id));
  const clocks = await repo.proceedingsClocks(db, proceedings.map((p) => p.id));
  const lpms = await repo.latestLegalPlanningMeetings(db, [...new Set([...proceedings, ...pres, ...pending].map((r) => r.child_id))]);
  // Looked up by key, not searched per row: the council-wide tracker has well over a thousand rows.
  const lpmByChild = new Map(lpms.map((l) => [l.child_id, l]));
  const hearingsOf = groupBy(hearings, (h) => h.proceedings_id);
  const clockOf = new Map(clocks.map((c) => [c.scope_id, c]));
  const lpmOf = (childId: string) => {
    const m = lpmByChild.get(childId);
    return m ? { heldOn: m.held_on, decision: labelFor(LEGAL_PLANNING_DECISION, m.decision) ?? m.decision } : null;
  };
  for (const p of proceedings) {
    const own = hearingsOf.get(p.id) ?? [];
    const last = own[own.length - 1];
    const nextOn = last ? last.next_hearing_on : p.first_hearing_on;
    const dueOn = clockOf.get(p.id)?.due_on ?? null;
    rows.set(p.child_id, {
      ...base(p),
      stage: 'proceedings',
      stageLabel: STAGE_LABELS.proceedings,
      startedOn: p.issued_on,
      ageWeeks: weeksSince(p.issued_on, today),
      legalPlanningMeeting: lpmOf(p.child_id),
      lastStep: last ? { what: labelFor(HEARING_TYPE, last.hearing_type) ?? last.hearing_type, on: last.heard_on } : { what: 'Application issued', on: p.issued_on },
      nextStep: nextOn ? { what: 'Next hearing', on: nextOn, overdue: nextOn < today } : { what: 'Record the date of the next hearing', on: null, overdue: false },
      dueOn,
      weeksToDue: dueOn ? Math.floor(daysBetween(today, dueOn) / 7) : null,
      caseNumber: p.case_number,
    });
  }
  const preMeetings = groupBy(await repo.preProceedingsMeetingsOf(db, pres.map((p) => p.id)), (m) => m.pre_proceedings_id);
  for (const p of pres) {
    if (rows.has(p.child_id)) continue;
    const own = preMeetings.get(p.id) ?? [];
    const last = own[own.length - 1];
    const nextStep = !last
      ? { what: 'Hold the pre-proceedings meeting', on: null, overdue: false }
      : last.next_review_on
        ? { what: 'Pre-proceedings review', on: last.next_review_on, overdue: last.next_review_on < today }
        : { what: 'Set the date of the next review', on: null, overdue: false };
    rows.set(p.child_id, {
      ...base(p),
      stage: 'pre-proceedings',
      stageLabel: STAGE_LABELS['pre-proceedings'],
      startedOn: p.letter_sent_on,
      ageWeeks: weeksSince(p.letter_sent_on, today),
      legalPlanningMeeting: lpmOf(p.child_id),
      lastStep: last ? { what: labelFor(PRE_PROCEEDINGS_MEETING_KIND, last.kind), on: last.held_on } : { what: 'Letter before proceedings sent', on: p.letter_sent_on },
      nextStep,
      dueOn: null,
      weeksToDue: null,
      caseNumber: null,
    });
  }
  for (const m of pending) {
    if (rows.has(m.child_id)) continue;
    const stage = m.decision === 'pre_proceedings' ? 'letter-to-send' : 'proceedings-to-issue';
    rows.set(m.child_id, {
      ...base(m),
      stage,
      stageLabel: STAGE_LABELS[stage],
      startedOn: m.held_on,
      ageWeeks: weeksSince(m.held_on, today),
      legalPlanningMeeting: { heldOn: m.held_on, decision: labelFor(LEGAL_PLANNING_DECISION, m.decision) ?? m.decision },
      lastStep: { what: 'Legal planning meeting', on: m.held_on },
      nextStep: { what: stage === 'letter-to-send' ? 'Send the letter before proceedings' : 'Issue the application', on: null, overdue: false },
      dueOn: null,
      weeksToDue: null,
      caseNumber: null,
    });
  }
  const childIds = [...rows.keys()];
  const [workers, overdue] = await Promise.all([repo.allocatedWorkers(db, childIds), repo.overdueActionCounts(db, childIds, today)]);
  const workersOf = groupBy(workers, (w) => w.child_id);
  const overdueOf = new Map(overdue.map((o) => [o.child_id, o.n]));
  for (const row of rows.values()) {
    row.allocatedTo = (workersOf.get(row.childId) ?? []).map((w) => w.display_name);
    row.overdueActions = overdueOf.get(row.childId) ?? 0;
  }
  return [...rows.values()].sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || a.startedOn.localeCompare(b.startedOn) || a.childName.localeCompare(b.childName));
}

/** Rows grouped by a key, each group in the order the rows came (the queries sort them). */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
