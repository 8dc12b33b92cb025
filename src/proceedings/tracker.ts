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
  stage: repo.TrackerStage;
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

/** Children a page of the tracker shows. */
export const TRACKER_PAGE_SIZE = 50;

/** The tracker's stages, furthest on first: the order of its rows and of its filter. */
export const STAGES = ['proceedings', 'pre-proceedings', 'proceedings-to-issue', 'letter-to-send'] as const satisfies readonly TrackerRow['stage'][];

export const STAGE_LABELS: Record<TrackerRow['stage'], string> = {
  proceedings: 'Care proceedings',
  'pre-proceedings': 'Pre-proceedings',
  'letter-to-send': 'Decided: letter before proceedings not yet sent',
  'proceedings-to-issue': 'Decided: proceedings not yet issued',
};

export interface TrackerPage {
  /** This page's rows. */
  rows: TrackerRow[];
  /** Children at each stage (all the user may see), and in all. */
  counts: Record<TrackerRow['stage'], number>;
  total: number;
  /** Rows matching the stage asked for, over every page. */
  matching: number;
  page: number;
  pageCount: number;
}

/**
 * Every child the user may see who is in pre-proceedings or proceedings, or whose latest legal
 * planning meeting decided on either and nothing has happened yet: what stage, since when, what
 * happened last and what is next (Newham 2020 F9: the tracker missed key information; Southend
 * 2016 ¶52: drift in issuing). A council's tracker runs to hundreds of children, so the database
 * pages it and only the page's children are looked up further.
 */
export async function tracker(db: Db, user: SignedInUser, today: string, options: { stage?: TrackerRow['stage'] | null; page?: number; pageSize: number }): Promise<TrackerPage> {
  const stage = options.stage ?? null;
  const asked = Math.max(1, options.page ?? 1);
  let found = await repo.trackerPage(db, user, stage, options.pageSize, (asked - 1) * options.pageSize);
  const counts = Object.fromEntries(STAGES.map((s) => [s, found.counts.get(s) ?? 0])) as Record<TrackerRow['stage'], number>;
  const total = STAGES.reduce((sum, s) => sum + counts[s], 0);
  const matching = stage ? counts[stage] : total;
  const pageCount = Math.max(1, Math.ceil(matching / options.pageSize));
  const page = Math.min(pageCount, asked);
  // A page past the last (an old link, fewer children now) shows the last page instead.
  if (page !== asked) found = await repo.trackerPage(db, user, stage, options.pageSize, (page - 1) * options.pageSize);
  const entries = found.entries;

  const idsAt = (s: TrackerRow['stage']) => entries.filter((e) => e.stage === s).map((e) => e.source_id);
  const childIds = entries.map((e) => e.child_id);
  const [proceedings, pres, hearings, clocks, preMeetings, lpms, workers, overdue] = [
    await repo.proceedingsByIds(db, idsAt('proceedings')),
    await repo.preProceedingsByIds(db, idsAt('pre-proceedings')),
    await repo.hearingsOf(db, idsAt('proceedings')),
    await repo.proceedingsClocks(db, idsAt('proceedings')),
    await repo.preProceedingsMeetingsOf(db, idsAt('pre-proceedings')),
    await repo.latestLegalPlanningMeetings(db, childIds),
    await repo.allocatedWorkers(db, childIds),
    await repo.overdueActionCounts(db, childIds, today),
  ];
  const proceedingsById = new Map(proceedings.map((p) => [p.id, p]));
  const preById = new Map(pres.map((p) => [p.id, p]));
  const hearingsOf = groupBy(hearings, (h) => h.proceedings_id);
  const meetingsOf = groupBy(preMeetings, (m) => m.pre_proceedings_id);
  const clockOf = new Map(clocks.map((c) => [c.scope_id, c]));
  const lpmByChild = new Map(lpms.map((l) => [l.child_id, l]));
  const workersOf = groupBy(workers, (w) => w.child_id);
  const overdueOf = new Map(overdue.map((o) => [o.child_id, o.n]));

  const rows = entries.map((e): TrackerRow => {
    const m = lpmByChild.get(e.child_id);
    const common = {
      childId: e.child_id,
      childName: `${e.first_name} ${e.last_name}`,
      laChildId: e.la_child_id,
      stage: e.stage,
      stageLabel: STAGE_LABELS[e.stage],
      startedOn: e.started_on,
      ageWeeks: weeksSince(e.started_on, today),
      legalPlanningMeeting: m ? { heldOn: m.held_on, decision: labelFor(LEGAL_PLANNING_DECISION, m.decision) ?? m.decision } : null,
      allocatedTo: (workersOf.get(e.child_id) ?? []).map((w) => w.display_name),
      overdueActions: overdueOf.get(e.child_id) ?? 0,
      dueOn: null,
      weeksToDue: null,
      caseNumber: null,
    };
    if (e.stage === 'proceedings') {
      const p = proceedingsById.get(e.source_id)!;
      const own = hearingsOf.get(p.id) ?? [];
      const last = own[own.length - 1];
      const nextOn = last ? last.next_hearing_on : p.first_hearing_on;
      const dueOn = clockOf.get(p.id)?.due_on ?? null;
      return {
        ...common,
        lastStep: last ? { what: labelFor(HEARING_TYPE, last.hearing_type) ?? last.hearing_type, on: last.heard_on } : { what: 'Application issued', on: p.issued_on },
        nextStep: nextOn ? { what: 'Next hearing', on: nextOn, overdue: nextOn < today } : { what: 'Record the date of the next hearing', on: null, overdue: false },
        dueOn,
        weeksToDue: dueOn ? Math.floor(daysBetween(today, dueOn) / 7) : null,
        caseNumber: p.case_number,
      };
    }
    if (e.stage === 'pre-proceedings') {
      const p = preById.get(e.source_id)!;
      const own = meetingsOf.get(p.id) ?? [];
      const last = own[own.length - 1];
      const nextStep = !last
        ? { what: 'Hold the pre-proceedings meeting', on: null, overdue: false }
        : last.next_review_on
          ? { what: 'Pre-proceedings review', on: last.next_review_on, overdue: last.next_review_on < today }
          : { what: 'Set the date of the next review', on: null, overdue: false };
      return { ...common, lastStep: last ? { what: labelFor(PRE_PROCEEDINGS_MEETING_KIND, last.kind), on: last.held_on } : { what: 'Letter before proceedings sent', on: p.letter_sent_on }, nextStep };
    }
    return {
      ...common,
      lastStep: { what: 'Legal planning meeting', on: e.started_on },
      nextStep: { what: e.stage === 'letter-to-send' ? 'Send the letter before proceedings' : 'Issue the application', on: null, overdue: false },
    };
  });
  return { rows, counts, total, matching, page, pageCount };
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
