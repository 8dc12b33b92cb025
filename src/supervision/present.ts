// What the supervision pages show: a worker's file, and a manager's view of their line.
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { supervisionPolicy } from './policy.ts';
import { childGapCount, childGaps, PAGE_SIZE, workersSupervised, type GapTeams } from './repository.ts';
import { workerStatus } from './service.ts';

export const SHOW = ['overdue', 'due', 'children'] as const;
export type Show = (typeof SHOW)[number];
export const isShow = (v: unknown): v is Show => SHOW.includes(v as Show);

export const SHOW_HEADINGS: Record<Show, string> = {
  overdue: 'Workers whose supervision is overdue',
  due: 'Workers due supervision in the next 7 days',
  children: 'Children with no case supervision within the interval',
};

/** The workers in the user's line with when each is due, and the counts the page and the panel show. */
export async function lineSummary(db: Db, user: SignedInUser, today: string) {
  const policy = await supervisionPolicy(db);
  // At once: separate pooled connections on PostgreSQL (a manager's My work waits on this panel).
  const [line, children] = await Promise.all([workersSupervised(db, { line: user.id }, today), childGapCount(db, user, today, policy.caseDays)]);
  const workers = line.map((w) => ({ ...w, status: workerStatus(w, today, policy) }));
  return {
    policy,
    workers,
    counts: {
      overdue: workers.filter((w) => w.status.overdue).length,
      due: workers.filter((w) => w.status.dueSoon).length,
      children,
    },
  };
}

export async function childGapPage(db: Db, user: SignedInUser, today: string, page: number, workerId: string | null = null, teams?: GapTeams) {
  const policy = await supervisionPolicy(db);
  const list = await childGaps(db, user, today, policy.caseDays, page, workerId, teams);
  return { ...list, pages: Math.max(1, Math.ceil(list.total / PAGE_SIZE)), caseWeeks: policy.caseDays / 7 };
}

/** The My work panel for a team manager: the three counts, each linking to the list behind it. */
export async function panelRows(db: Db, user: SignedInUser, today: string) {
  const summary = await lineSummary(db, user, today);
  if (!summary.workers.length) return [];
  return SHOW.map((show) => ({ count: summary.counts[show], text: SHOW_HEADINGS[show], href: `/supervision?show=${show}` }));
}
