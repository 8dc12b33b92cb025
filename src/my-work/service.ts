// What each person sees first: their children and what is due or late for them; a manager also sees
// the team's caseloads and its overdue and late work.
import type { SignedInUser } from '../access/policy.ts';
import { CASE_HOLDING, type Role } from '../access/roles.ts';
import { dueItems, lateItems, type DueItem, type LateItem } from '../clocks/due-items.ts';
import type { Db } from '../db/history.ts';
import { Forbidden, NotFound } from '../server/errors.ts';
import { ageOn } from '../server/format.ts';
import {
  allocatedChildren,
  caseloads,
  findWorker,
  hiddenAllocationCount,
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
      caseloads: await caseloads(db, teamIds),
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

/** One worker's caseload, behind the number on the manager's page. Only for them and their managers. */
export async function workerWork(db: Db, viewer: SignedInUser, workerId: string, today: string): Promise<WorkerWork> {
  const worker = await findWorker(db, workerId);
  if (!worker) throw new NotFound('There is no worker with that id.');
  if (worker.id !== viewer.id) {
    const led = await teamsLedBy(db, viewer);
    if (!worker.teamId || !led.some((team) => team.id === worker.teamId)) {
      throw new Forbidden('You can see the caseloads of the teams you manage only.');
    }
  }
  const children = await allocatedChildren(db, viewer, worker.id);
  const due = await dueItems(db, viewer, { workerId: worker.id }, today);
  const hidden = await hiddenAllocationCount(db, viewer, worker.id);
  return { worker, children: withAge(children, today), due, hidden };
}
