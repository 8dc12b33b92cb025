// What the pages, exports and API show of a measure that counts workers (decision 0046): its figure,
// the figure by team, and the workers behind it. A user sees the workers of the teams the workforce
// pages show them (teamScope: their own, those they or their line manage; every team for analysts and
// senior leaders); a worker of another team is counted, not named, and their caseload is not opened.
// A worker's caseload names a child only where the user may see the child (childVisibleTo).
import { sql } from 'kysely';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import type { Db } from '../db/history.ts';
import { Forbidden, NotFound } from '../server/errors.ts';
import { caseloadRules } from '../workforce/caseloads.ts';
import { teamScope } from '../workforce/present.ts';
import { WORKER_MEASURES, workerMeasureById } from './catalogue/workers.ts';
import type { Period } from './counting.ts';
import type { AllocationFact } from './facts.ts';
import { computeWorkerFigure, readWorkerFacts, workerFigureOf, type WorkerCounted, type WorkerFacts, type WorkerFigure, type WorkerMeasure } from './workers.ts';
import { describeRowMeasure, nameColumns, type Column } from './row-measures.ts';
import { figureShown } from './shown.ts';

const describe = (m: WorkerMeasure) => describeRowMeasure(m, 'Workforce: counting workers', 'workers' as const);

export const shownWorkerFigure = (f: WorkerFigure) => figureShown(f, 'No workers');

async function factsFor(db: Db, period: Period, allocations?: Promise<readonly AllocationFact[]>): Promise<WorkerFacts> {
  // Both at once: the allocations given are then awaited straight away (a failure is never left unhandled).
  const [rules, facts] = await Promise.all([caseloadRules(db), readWorkerFacts(db, period, 0, allocations)]);
  return { ...facts, caseloadLimit: rules.perFte };
}

/** Every worker measure's figure for the period (the catalogue page and the API): counts, no one named. With `allocations`, those the children's figures read. */
export async function workerCatalogueFigures(db: Db, period: Period, allocations?: Promise<readonly AllocationFact[]>) {
  const facts = await factsFor(db, period, allocations);
  return WORKER_MEASURES.map((m) => ({ ...describe(m), ...shownWorkerFigure(computeWorkerFigure(facts, m, period)) }));
}

export interface WorkerRow {
  workerId: string;
  /** Null where the worker is in a team the user does not see: counted, not named. */
  name: string | null;
  team: string;
  on: string;
  children: number;
  inNumerator: boolean;
  facts: string;
}

const teamOf = (facts: WorkerFacts, r: WorkerCounted) => facts.workers.get(r.workerId);

async function measureAndScope(db: Db, user: SignedInUser, id: string, teamId: string | null) {
  const measure = workerMeasureById(id);
  if (!measure) throw new NotFound('There is no measure of workers with that name');
  const scope = await teamScope(db, user);
  let team: { id: string; name: string } | null = null;
  if (teamId) {
    const row = await db.selectFrom('team').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
    if (!row) throw new NotFound('There is no team with that id');
    if (scope !== null && !scope.includes(row.id)) throw new Forbidden('You can ask for the figures of the teams you see on the workforce pages only.');
    team = row;
  }
  const sees = (teamIdOfWorker: string | null) => scope === null || (teamIdOfWorker !== null && scope.includes(teamIdOfWorker));
  return { measure, team, sees };
}

export async function workerMeasureDetail(db: Db, user: SignedInUser, id: string, period: Period, teamId: string | null = null) {
  const { measure, team, sees } = await measureAndScope(db, user, id, teamId);
  const facts = await factsFor(db, period);
  const whole = computeWorkerFigure(facts, measure, period);
  const inTeam = (r: WorkerCounted) => team === null || teamOf(facts, r)?.teamId === team.id;
  const figure = team ? workerFigureOf(measure, period, whole.rows.filter(inTeam)) : whole;
  const groups = new Map<string | null, { name: string; rows: WorkerCounted[] }>();
  for (const r of whole.rows) {
    const w = teamOf(facts, r);
    const key = w?.teamId ?? null;
    const group = groups.get(key) ?? { name: w?.teamName ?? 'No team', rows: [] };
    group.rows.push(r);
    groups.set(key, group);
  }
  const teams = [...groups]
    .sort(([, a], [, b]) => a.name.localeCompare(b.name))
    .map(([id, g]) => ({ teamId: id, team: g.name, mayOpen: id !== null && sees(id), ...shownWorkerFigure(workerFigureOf(measure, period, g.rows)) }));
  const rows: WorkerRow[] = figure.rows
    .map((r) => {
      const w = teamOf(facts, r);
      return { workerId: r.workerId, name: sees(w?.teamId ?? null) ? (w?.name ?? null) : null, team: w?.teamName ?? 'No team', on: r.on, children: r.children.length, inNumerator: r.met, facts: r.facts.join('; ') };
    })
    // Numerator first, then the largest caseloads: the workers a manager would look at first.
    .sort((a, b) => Number(b.inNumerator) - Number(a.inNumerator) || b.children - a.children || Number(a.name === null) - Number(b.name === null) || (a.name ?? '').localeCompare(b.name ?? ''));
  return { measure: describe(measure), period, team, figure: shownWorkerFigure(figure), teams, rows, hidden: rows.filter((r) => r.name === null).length };
}

export type WorkerMeasureDetail = Awaited<ReturnType<typeof workerMeasureDetail>>;

/** The list's columns in the exports: as the page, with the worker's id; children held as a number, so the spreadsheet can add them up. */
export const WORKER_COLUMNS: readonly Column<WorkerRow>[] = [
  ...nameColumns<WorkerRow>('Worker', 'Not shown (a team you do not see)', (r) => r.workerId),
  { heading: 'Team', text: (r) => r.team },
  { heading: 'Date', text: (r) => r.on },
  { heading: 'Children held', text: (r) => String(r.children), number: (r) => r.children },
  { heading: 'In the numerator', text: (r) => (r.inNumerator ? 'Yes' : 'No') },
  { heading: 'Facts', text: (r) => r.facts },
];

/** One worker's row of a measure and the children behind it, each named where the user may see them. */
export async function workerCaseload(db: Db, user: SignedInUser, id: string, period: Period, workerId: string) {
  const { measure, sees } = await measureAndScope(db, user, id, null);
  const facts = await factsFor(db, period);
  const worker = facts.workers.get(workerId);
  const row = computeWorkerFigure(facts, measure, period).rows.find((r) => r.workerId === workerId);
  if (!worker || !row) throw new NotFound('That worker is not counted in this measure for this period');
  if (!sees(worker.teamId)) throw new Forbidden('This worker is in a team you do not see on the workforce pages.');
  const children = row.children.length
    ? (
        await sql<{ id: string; first_name: string; last_name: string; la_child_id: string | null; visible: boolean }>`
          SELECT p.id, p.first_name, p.last_name, p.la_child_id, ${childVisibleTo(user, sql.ref('p.id'))} AS visible
          FROM person p WHERE p.id IN (${sql.join(row.children)})`.execute(db)
      ).rows
    : [];
  const byId = new Map(children.map((c) => [c.id, c]));
  const list = row.children.map((childId) => {
    const c = byId.get(childId);
    return { childId, name: c?.visible ? `${c.first_name} ${c.last_name}` : null, laChildId: c?.visible ? c.la_child_id : null };
  });
  return {
    measure: describe(measure),
    period,
    worker: { id: worker.id, name: worker.name, team: worker.teamName ?? 'No team', employment: worker.employment },
    on: row.on,
    inNumerator: row.met,
    facts: row.facts.join('; '),
    children: list,
    hidden: list.filter((c) => c.name === null).length,
  };
}
