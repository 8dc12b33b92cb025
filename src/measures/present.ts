// What the measure pages, exports and API show: the catalogue's figures for a period, and one
// measure's figure by team with the children behind it. A child the user may not see is counted but
// not named (childVisibleTo decides, in one statement for the whole list); a page names only the rows it
// shows, an export and the API every row.
import { sql } from 'kysely';
import { childVisibleTo, seesEveryUnrestrictedChild, type SignedInUser } from '../access/policy.ts';
import type { Guard } from '../server/guard.ts';
import { addDays, addMonths } from '../calendar/index.ts';
import type { Db } from '../db/history.ts';
import { NotFound } from '../server/errors.ts';
import { teamsYouMaySee, teamYouMaySee } from '../access/teams.ts';
import { TIMESCALE_RULES } from '../clocks/rules.ts';
import { MEASURES, measureById, type Measure } from './catalogue.ts';
import type { Counted, Period } from './counting.ts';
import { byTeam, computeFigures, figureOfRows, type Figure, type FigurePair, type TeamFigure } from './engine.ts';
import { figureShown } from './shown.ts';

/** Team managers, analysts and senior leaders (heads of service, the director): view-performance. */
export const MEASURES_GUARD: Guard = {
  signedIn: true,
  capability: 'view-performance',
  reason: 'Performance measures for managers, analysts and leaders: the children behind a figure are named only where the user may see them (childVisibleTo)',
};

/** The 12 months to today, unless a period is asked for. */
export const defaultPeriod = (today: string): Period => ({ from: addDays(addMonths(today, -12), 1), to: today });

/** What a row shows in the numerator column: its amount for an average of amounts, else yes or no. */
export const numeratorCell = <R extends { amount: number | null; inNumerator: boolean }>(r: R) => (r.amount !== null ? String(r.amount) : r.inNumerator ? 'Yes' : 'No');

/** A figure as the pages and the API show it: every % with its numerator and denominator (DQ-45). */
export const shown = (f: Figure) => figureShown(f, 'No cases');

const describeMeasure = (m: Measure) => ({
  id: m.id,
  group: m.group,
  name: m.name,
  definition: m.definition,
  numerator: m.numerator,
  denominator: m.denominator,
  kind: m.kind,
  when: m.when,
  citation: m.citation,
  clockRule: m.clockRule ?? null,
  clockRuleTitle: TIMESCALE_RULES.find((r) => r.id === m.clockRule)?.title ?? null,
  direction: m.direction,
});

const pairShown = (pair: FigurePair) => ({
  asCorrected: shown(pair.now),
  asRecordedThen: shown(pair.known),
  differs: pair.differs,
});

export async function catalogueFigures(db: Db, period: Period, today: string) {
  return (await catalogueFiguresAndAllocations(db, period, today)).measures;
}

/** The catalogue's figures and the allocations they were counted from (the measures page counts the workers' from the same). */
export async function catalogueFiguresAndAllocations(db: Db, period: Period, today: string) {
  const figures = await computeFigures(db, { periods: [period], today });
  const pairs = figures.pairs[0]!;
  return { measures: MEASURES.map((m, i) => ({ ...describeMeasure(m), ...pairShown(pairs[i]!) })), allocations: figures.allocations };
}

export interface ChildRow {
  childId: string;
  /** Null where the user may not see the child: counted, not named. */
  name: string | null;
  laChildId: string | null;
  team: string;
  on: string;
  inNumerator: boolean;
  /** What the row adds to an average of amounts (a child's days for A1), else null. */
  amount: number | null;
  facts: string;
}

/** A row counted, before it is named: a page names only the rows it shows (an export, every row). */
export type CountedRow = Omit<ChildRow, 'name' | 'laChildId'>;

async function namesOf(db: Db, user: SignedInUser, childIds: readonly string[]) {
  if (childIds.length === 0) return new Map<string, { name: string; laChildId: string | null; visible: boolean }>();
  const rows = await sql<{ id: string; first_name: string; last_name: string; la_child_id: string | null; visible: boolean }>`
    SELECT p.id, p.first_name, p.last_name, p.la_child_id, ${childVisibleTo(user, sql.ref('p.id'))} AS visible
    FROM person p WHERE p.id = ANY(${[...childIds]}::uuid[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, { name: `${r.first_name} ${r.last_name}`, laChildId: r.la_child_id, visible: r.visible }]));
}

/**
 * The children of `childIds` the user may not see: counted, not named. For a user who sees every
 * unrestricted child (policy.ts), childVisibleTo is asked only of the restricted or deleted records
 * among them, not of every child counted (14,000 rows of re-referrals); a name is read only for a row shown.
 */
async function hiddenAmong(db: Db, user: SignedInUser, childIds: readonly string[]): Promise<ReadonlySet<string>> {
  if (childIds.length === 0) return new Set();
  const ids = [...childIds];
  const asked = seesEveryUnrestrictedChild(user)
    ? sql`SELECT p.id FROM person p WHERE p.id = ANY(${ids}::uuid[]) AND (p.restricted OR p.deleted_at IS NOT NULL)`
    : sql`SELECT c.id FROM unnest(${ids}::uuid[]) AS c(id)`;
  const rows = await sql<{ id: string }>`SELECT a.id FROM (${asked}) a WHERE NOT ${childVisibleTo(user, sql.ref('a.id'))}`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}

/** Names the rows given, each as the user may see it (a child they may not see is a row without a name). */
async function nameRows(db: Db, user: SignedInUser, rows: readonly CountedRow[]): Promise<ChildRow[]> {
  const names = await namesOf(db, user, [...new Set(rows.map((r) => r.childId))]);
  return rows.map((r) => {
    const child = names.get(r.childId);
    const visible = child?.visible === true;
    return { ...r, name: visible ? child.name : null, laChildId: visible ? child.laChildId : null };
  });
}

/**
 * A measure's figure by team and every row counted, in the order listed, with its team; `named` names the
 * rows asked (a page's, or every row for an export). Who may not be seen is worked out for every row (the
 * count of those counted but not named) while the children's teams are read.
 */
export async function measureCounted(db: Db, user: SignedInUser, id: string, period: Period, today: string, teamId: string | null = null) {
  const measure = measureById(id);
  if (!measure) throw new NotFound('There is no measure with that name');
  const team = teamId ? await teamYouMaySee(db, user, teamId, 'You can ask for the figures of the teams you belong to or manage only.') : null;
  // The whole council's list: who may not be seen is asked while the teams are read (for one team, only
  // of that team's children, once their teams are known).
  let hiddenAll: Promise<ReadonlySet<string>> | null = null;
  const alongside = team
    ? undefined
    : async (children: readonly string[]) => {
        hiddenAll = hiddenAmong(db, user, children);
        await hiddenAll;
      };
  const figures = await computeFigures(db, { periods: [period], measures: [measure], today, ...(alongside ? { alongside } : {}) });
  const whole = figures.pairs[0]![0]!;
  // One team's figure: the rows of the children allocated to it on the day of their fact.
  const inTeam = (r: Counted) => team === null || figures.teamOf(r.childId, r.on).id === team.id;
  const now = team ? figureOfRows(whole.now, whole.now.rows.filter(inTeam)) : whole.now;
  const known = team ? figureOfRows(whole.known, whole.known.rows.filter(inTeam)) : whole.known;
  const pair: FigurePair = { now, known, differs: now.numerator !== known.numerator || now.denominator !== known.denominator };
  const hidden = await (hiddenAll ?? hiddenAmong(db, user, [...new Set(now.rows.map((r) => r.childId))]));
  const rowOf = (r: Counted): CountedRow => ({
    childId: r.childId,
    team: figures.teamOf(r.childId, r.on).name,
    on: r.on,
    inNumerator: r.met,
    amount: r.amount ?? null,
    facts: r.facts.join('; '),
  });
  // Numerator first, then by date: the children a manager would look at first.
  const rows = now.rows.map(rowOf).sort((a, b) => Number(b.inNumerator) - Number(a.inNumerator) || (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const teams: TeamFigure[] = byTeam(whole.now, figures.teamOf);
  // An average of amounts (days): each row shows what it adds; otherwise whether it is in the numerator.
  const numeratorColumn = measure.numeratorOf ? 'Adds to the numerator' : 'In the numerator';
  return {
    measure: describeMeasure(measure),
    period,
    team,
    ...pairShown(pair),
    teams,
    rows,
    numeratorColumn,
    hidden: rows.filter((r) => hidden.has(r.childId)).length,
    named: (shown: readonly CountedRow[]) => nameRows(db, user, shown),
  };
}

/** A measure's figure by team with every child behind it named (the export and the API). */
export async function measureDetail(db: Db, user: SignedInUser, id: string, period: Period, today: string, teamId: string | null = null) {
  const { named, ...detail } = await measureCounted(db, user, id, period, today, teamId);
  return { ...detail, rows: await named(detail.rows) };
}

/** A measure's page: every row counted and teamed, only the rows of the page (`pageOf` picks them) named. */
export async function measurePage<P extends { shown: readonly CountedRow[] }>(
  db: Db,
  user: SignedInUser,
  id: string,
  period: Period,
  today: string,
  teamId: string | null,
  pageOf: (rows: readonly CountedRow[], team: { id: string } | null) => P,
) {
  const [{ named, ...detail }, mayOpen] = await Promise.all([measureCounted(db, user, id, period, today, teamId), teamsYouMaySee(db, user)]);
  const page = pageOf(detail.rows, detail.team);
  // A team's figures are linked only where the user may open them (another team's would refuse them).
  const teams = detail.teams.map((t) => ({ ...t, mayOpen: t.teamId !== null && (mayOpen === null || mayOpen.has(t.teamId)) }));
  return { detail: { ...detail, teams }, ...page, shown: await named(page.shown) };
}

export type MeasureDetail = Awaited<ReturnType<typeof measureDetail>>;
