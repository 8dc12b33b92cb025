// Measures that count workers, not children (issue 9, decision 0046): the DfE children's social care
// dashboard's caseloads and the workforce indicators of seed-requirements §2i (Q135-Q138, WF-01, WF-04).
// A row is a worker (name, team, the children they held on the row's day); the list opens the worker's
// caseload, and each child there opens their record. Kept beside the children's engine (engine.ts), not in
// it: the facts are the allocations the children's measures read and the workers' profiles, read in two
// statements, and the figure is worked out the same way (a % to one decimal place, an average to one).
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { checkPeriod, rowsFigure } from './engine.ts';
import { readCaseloadAllocations, type AllocationFact } from './facts.ts';
import type { Period } from './counting.ts';
import type { MeasureAbout } from './catalogue/define.ts';

export interface WorkerFact {
  id: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
  /** From the worker's profile (src/workforce); null for an account without one. */
  employment: string | null;
  startedOn: string | null;
  leftOn: string | null;
}

export interface WorkerFacts {
  workers: ReadonlyMap<string, WorkerFact>;
  allocations: readonly AllocationFact[];
  /** Children held above this are counted by "more children than the caseload limit" (caseloadPointsPerFte). */
  caseloadLimit: number;
}

/** One worker counted in a figure, with the children they held on `on`. */
export interface WorkerCounted {
  workerId: string;
  /** The day their caseload is read on (as at the period's end; a leaver's last day in post). */
  on: string;
  children: string[];
  met: boolean;
  facts: string[];
}

/** Whose allocations make a caseload: a social worker's (the DfE caseload), or any role's (a personal adviser's care leavers too). */
export type CaseloadRole = 'social_worker' | 'any';

export interface WorkerMeasure extends MeasureAbout {
  caseload: CaseloadRole;
  /** Reads a caseload only on the period's last day or a leaver's last day in post (readWorkerFacts reads no other allocation). */
  count(f: WorkerFacts, p: Period): WorkerCounted[];
  /** An average of children held: the sum of the rows' caseloads over the rows. */
  numeratorOf?(rows: readonly WorkerCounted[]): number;
}

/** Open on the day as the children's "average caseload" reads it (caseload-average): begun by it, not ended by it. */
const openOn = (a: AllocationFact, day: string) => a.fromDate <= day && (a.toDate === null || a.toDate > day);

/** Each worker's allocations in the order allocated, worked out once for a set of facts. */
const byWorkerOf = new WeakMap<readonly AllocationFact[], ReadonlyMap<string, readonly AllocationFact[]>>();

function allocationsOfWorker(f: WorkerFacts, workerId: string): readonly AllocationFact[] {
  let byWorker = byWorkerOf.get(f.allocations);
  if (!byWorker) {
    // One pass, not one for each worker: every worker in post on a large council filtered the council's
    // allocations once each (about 1,000 workers by 120,000 allocations, seconds of CPU).
    const grouped = new Map<string, AllocationFact[]>();
    for (const a of f.allocations) {
      const list = grouped.get(a.workerId);
      if (list) list.push(a);
      else grouped.set(a.workerId, [a]);
    }
    for (const list of grouped.values()) list.sort((a, b) => (a.fromDate < b.fromDate ? -1 : a.fromDate > b.fromDate ? 1 : 0));
    byWorker = grouped;
    byWorkerOf.set(f.allocations, byWorker);
  }
  return byWorker.get(workerId) ?? [];
}

/** The children a worker held on a day, each once, in the order allocated. */
export function caseloadOn(f: WorkerFacts, workerId: string, day: string, role: CaseloadRole): string[] {
  const children = allocationsOfWorker(f, workerId)
    .filter((a) => (role === 'any' || a.role === role) && openOn(a, day))
    .map((a) => a.childId);
  return [...new Set(children)];
}

/** Social workers holding at least one child on the day, each with their caseload (the DfE "case-holding" social workers). */
export function caseHolders(f: WorkerFacts, day: string): { workerId: string; children: string[] }[] {
  const held = new Map<string, string[]>();
  for (const a of f.allocations) {
    if (a.role !== 'social_worker' || !openOn(a, day)) continue;
    const list = held.get(a.workerId) ?? [];
    list.push(a.childId);
    held.set(a.workerId, list);
  }
  return [...held].map(([workerId, children]) => ({ workerId, children }));
}

/** In post on the day by their profile: started by it and not yet left (left_on is their first day gone, as src/workforce/figures.ts reads it). */
export const inPostOn = (w: WorkerFact, day: string) => w.startedOn !== null && w.startedOn <= day && (w.leftOn === null || w.leftOn > day);

export interface WorkerFigure {
  measure: WorkerMeasure;
  period: Period;
  numerator: number;
  denominator: number | null;
  value: number | null;
  rows: WorkerCounted[];
}

export const workerFigureOf = (measure: WorkerMeasure, period: Period, rows: readonly WorkerCounted[]): WorkerFigure => rowsFigure(measure, period, rows);

/**
 * `allocations`, where given, are those the children's measures read for the same period (the measures
 * page): they run from a year before it, so they hold every caseload these measures read, the day before it too.
 * Otherwise only those a caseload is read from: open on the period's last day, or a leaver's from its first
 * (decision 0075). A measure reads a caseload on no other day.
 */
export async function readWorkerFacts(db: Db, period: Period, caseloadLimit: number, allocations?: Promise<readonly AllocationFact[]>): Promise<WorkerFacts> {
  const [allocationsRead, workers] = await Promise.all([
    allocations ?? readCaseloadAllocations(db, period.from, period.to),
    sql<{ id: string; name: string; team_id: string | null; team_name: string | null; employment: string | null; started_on: string | null; left_on: string | null }>`
      SELECT u.id, u.display_name AS name, u.team_id, t.name AS team_name, wp.employment,
        wp.started_on::text AS started_on, wp.left_on::text AS left_on
      FROM app_user u LEFT JOIN team t ON t.id = u.team_id
      LEFT JOIN worker_profile wp ON wp.user_id = u.id AND wp.deleted_at IS NULL`.execute(db),
  ]);
  const byId = new Map(
    workers.rows.map((w) => [w.id, { id: w.id, name: w.name, teamId: w.team_id, teamName: w.team_name, employment: w.employment, startedOn: w.started_on, leftOn: w.left_on }]),
  );
  return { workers: byId, allocations: allocationsRead, caseloadLimit };
}

export function computeWorkerFigure(f: WorkerFacts, measure: WorkerMeasure, period: Period): WorkerFigure {
  checkPeriod(period);
  return workerFigureOf(measure, period, measure.count(f, period));
}
