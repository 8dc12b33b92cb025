// What each person sees first: their children and what is due or late for them; a manager also sees
// the team's caseloads and its overdue and late work.
import type { SignedInUser } from '../access/policy.ts';
import { CASE_HOLDING, type Role } from '../access/roles.ts';
import { dueItems, dueSoonUntil, lateItems, type DueItem, type LateItem } from '../clocks/due-items.ts';
import type { Db } from '../db/history.ts';
import { Forbidden, NotFound } from '../server/errors.ts';
import { ageOn } from '../server/format.ts';
import {
  allocatedChildren,
  caseloads,
  findWorker,
  hiddenAllocationCount,
  teamDueCounts,
  teamsLedBy,
  type Caseload,
  type MyChild,
  type Team,
  type Worker,
} from './repository.ts';

/** Which "My work" a role gets. */
export type MyWorkKind = 'caseholder' | 'overview' | 'partner' | 'administrator';

export function myWorkKind(role: Role): MyWorkKind {
  if (role === 'administrator') return 'administrator';
  if (role === 'partner_agency') return 'partner';
  if (CASE_HOLDING.includes(role)) return 'caseholder';
  // Senior leaders and analysts (READ_ONLY) hold no cases: they start from finding a child.
  return 'overview';
}

export interface ChildOnList extends MyChild {
  /** "7 years", "5 months", "Under 1 month", "Unborn", "Not known". */
  age: string;
}

export interface TeamWork {
  teams: Team[];
  caseloads: Caseload[];
  overdue: DueItem[];
  late: LateItem[];
}

export interface MyWork {
  kind: MyWorkKind;
  children: ChildOnList[];
  /** Overdue, then due in the next few working days. */
  due: DueItem[];
  /** For someone who leads a team. */
  team: TeamWork | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function ageText(child: Pick<MyChild, 'kind' | 'dateOfBirth'>, today: string): string {
  if (child.kind === 'unborn') return 'Unborn';
  if (!child.dateOfBirth || child.dateOfBirth > today) return 'Not known';
  const years = ageOn(child.dateOfBirth, today);
  if (years >= 1) return plural(years, 'year');
  const [by, bm, bd] = child.dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const months = (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
  return months === 0 ? 'Under 1 month' : plural(months, 'month');
}

const withAge = (children: MyChild[], today: string): ChildOnList[] => children.map((child) => ({ ...child, age: ageText(child, today) }));

export async function myWork(db: Db, user: SignedInUser, today: string): Promise<MyWork> {
  const kind = myWorkKind(user.role);
  if (kind !== 'caseholder') return { kind, children: [], due: [], team: null };
  const [children, due, teams] = [
    await allocatedChildren(db, user, user.id),
    await dueItems(db, user, { workerId: user.id }, today, { within: 'due' }),
    await teamsLedBy(db, user),
  ];
  let team: TeamWork | null = null;
  if (teams.length > 0) {
    const teamIds = teams.map((t) => t.id);
    team = {
      teams,
      caseloads: await caseloads(db, teamIds, today),
      overdue: await dueItems(db, user, { teamIds }, today, { within: 'overdue' }),
      late: await lateItems(db, user, { teamIds }, today),
    };
  }
  return { kind, children: withAge(children, today), due, team };
}

export interface WorkerWork {
  worker: Worker;
  children: ChildOnList[];
  /** Every open clock for the worker's children, soonest first. */
  due: DueItem[];
  /** Children allocated to the worker whose records the viewer may not see. */
  hidden: number;
}

/**
 * One worker's caseload, behind the number on the manager's page. Who may look at it (them, their
 * managers, a senior leader) is checked by the route first, with workerYouMayLookAt.
 */
export async function workerWork(db: Db, viewer: SignedInUser, workerId: string, today: string): Promise<WorkerWork> {
  const worker = await findWorker(db, workerId);
  if (!worker) throw new NotFound('There is no worker with that id.');
  const children = await allocatedChildren(db, viewer, worker.id);
  const due = await dueItems(db, viewer, { workerId: worker.id }, today);
  const hidden = await hiddenAllocationCount(db, viewer, worker.id);
  return { worker, children: withAge(children, today), due, hidden };
}

// ---------------------------------------------------------------------------------------------
// A manager looking at a worker, and the manager's summary of the team
// ---------------------------------------------------------------------------------------------

/**
 * The worker whose caseload the viewer asks for, if they may look at it: their own, a worker in a
 * team they manage, or anyone's for a senior leader (who oversees every team). Anyone else is
 * refused (403); an id that is no worker is not found.
 */
export async function workerYouMayLookAt(db: Db, viewer: SignedInUser, workerId: string): Promise<Worker> {
  const worker = await findWorker(db, workerId);
  if (!worker) throw new NotFound('There is no worker with that id.');
  if (worker.id === viewer.id || viewer.role === 'senior_leader' || viewer.role === 'performance_analyst') return worker;
  const led = await teamsLedBy(db, viewer);
  if (!worker.teamId || !led.some((team) => team.id === worker.teamId)) {
    throw new Forbidden('You can see the caseloads of the teams you manage only.');
  }
  return worker;
}

export interface WorkerSummary extends Caseload {
  overdue: number;
  dueThisWeek: number;
}

/** Each worker in the teams with their caseload and how much of it is overdue or due this week. */
export async function teamSummary(db: Db, viewer: SignedInUser, teams: readonly Team[], today: string): Promise<WorkerSummary[]> {
  const teamIds = teams.map((t) => t.id);
  const [loads, counts] = await Promise.all([caseloads(db, teamIds, today), teamDueCounts(db, viewer, teamIds, today, dueSoonUntil(today))]);
  const byWorker = new Map(counts.map((c) => [c.workerId, c]));
  return loads.map((load) => ({ ...load, overdue: byWorker.get(load.workerId)?.overdue ?? 0, dueThisWeek: byWorker.get(load.workerId)?.dueThisWeek ?? 0 }));
}

export interface HomeTeam {
  teams: Team[];
  summary: WorkerSummary[];
  late: LateItem[];
}

/**
 * What "My work" shows a case holder: their children and what is due for them, and for a manager one
 * row per worker (caseload, overdue, due this week) instead of every overdue item of the team.
 */
export async function myHome(db: Db, user: SignedInUser, today: string): Promise<{ children: ChildOnList[]; due: DueItem[]; team: HomeTeam | null }> {
  // At once: separate pooled connections on PostgreSQL (PGlite queues them).
  const [children, due, teams] = await Promise.all([
    allocatedChildren(db, user, user.id),
    dueItems(db, user, { workerId: user.id }, today, { within: 'due' }),
    teamsLedBy(db, user),
  ]);
  const team = teams.length
    ? await Promise.all([teamSummary(db, user, teams, today), lateItems(db, user, { teamIds: teams.map((t) => t.id) }, today)]).then(([summary, late]) => ({ teams, summary, late }))
    : null;
  return { children: withAge(children, today), due, team };
}
