// Measures that count households, not children or workers (issue 9, decision 0050): prospective adopters
// (seed-requirements §2g, Q108, Q110-Q113) and the council's foster carers (§2f, Q93). A row is a
// household; its list opens the household's record. A household has no child's journal (decisions 0014,
// 0015): its dates are its own columns, read as they are now, in six small statements (adopters, their
// matches, foster carers, their status history, their reviews, the children placed with them), then
// every measure counts in memory, as the workers' measures do (decision 0046). A foster carers' measure
// says which of the households' facts it counts (`reads`): a page of one measure reads only those
// (decision 0060: Q92 reads the checks, not the 30,000 visits). The adults living with the carers
// (decision 0062) are the members, read for the measure beside Q92.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { checkPeriod, rowsFigure } from './engine.ts';
import type { Period } from './counting.ts';
import type { MeasureAbout } from './catalogue/define.ts';
import { loadSettings } from '../settings/council-settings.ts';

export interface AdopterHouseholdFact {
  id: string;
  name: string;
  enquiryOn: string;
  registeredOn: string | null;
  stageOneEndedOn: string | null;
  stageTwoStartedOn: string | null;
  panelOn: string | null;
  decidedOn: string | null;
  approved: boolean | null;
  leftOn: string | null;
}

export interface AdoptionMatchFact {
  householdId: string;
  /** The adoption panel's recommendation: what the adopters' "match within 3 months" is met by (src/adoption/timescales.ts). */
  panelOn: string;
  placedOn: string | null;
  disruptedOn: string | null;
  /** Whether the placement the care service recorded is inside the council's area (null: not known, or not placed). */
  placedInCouncilArea: boolean | null;
}

export interface FosteringHouseholdFact {
  id: string;
  name: string;
  kind: string;
  decidedOn: string | null;
  approved: boolean | null;
  /** Terms of approval now: how many children (not dated: read as it is now). */
  places: number | null;
  statuses: readonly { status: string; fromOn: string; toOn: string | null }[];
  reviews: readonly string[];
  /** The children placed with the household, from their placements. */
  placements: readonly { childId: string; startedOn: string; endedOn: string | null }[];
  /** The carers' names: each is a foster carer Q92 counts. */
  carers: readonly string[];
  /** DBS checks (decision 0056): of a carer (1, 2) or a member (decision 0062), issued, barred list, renewal due. */
  dbsChecks: readonly { id: string; carer: number | null; memberId: string | null; checkedOn: string; barredList: boolean; renewalDueOn: string }[];
  /** The members other than the carers (decision 0062); a date of birth not recorded is an adult's. */
  members: readonly { id: string; name: string; dateOfBirth: string | null; fromOn: string; toOn: string | null }[];
  visits: readonly { id: string; visitedOn: string; unannounced: boolean }[];
  supervisingWorkers: readonly { fromOn: string; toOn: string | null }[];
}

export interface HouseholdFacts {
  adopters: readonly AdopterHouseholdFact[];
  matches: ReadonlyMap<string, readonly AdoptionMatchFact[]>;
  fosterCarers: readonly FosteringHouseholdFact[];
  /** A review due today or later and not done is not late yet. */
  today: string;
  /** The council's settings in force (the supervisory visit interval). */
  settings: Readonly<Record<string, number>>;
}

export type HouseholdService = 'adopters' | 'foster-carers';

/** One household counted in a figure (or one of its placements or reviews), with why. */
export interface HouseholdCounted {
  householdId: string;
  /** The day of the fact that put it there. */
  on: string;
  /** What the figure is broken down by: the adopters' stage, or the kind of fostering household. */
  group: string;
  met: boolean;
  /** What an amount adds up (vacant places). */
  amount?: number;
  facts: string[];
}

/** The foster carers' facts beyond the households themselves, each one statement: what a measure may read. */
export type FosteringFactSet = 'statuses' | 'reviews' | 'placements' | 'dbsChecks' | 'visits' | 'unannouncedVisits' | 'supervisingWorkers' | 'members';
const FOSTERING_FACT_SETS: readonly FosteringFactSet[] = ['statuses', 'reviews', 'placements', 'dbsChecks', 'visits', 'unannouncedVisits', 'supervisingWorkers', 'members'];

export interface HouseholdMeasure extends MeasureAbout {
  /**
   * The foster carers' facts it counts (the households are always read); the others are read empty.
   * 'unannouncedVisits' reads the unannounced visits only. Absent: every fact (the adopters' measures read theirs).
   */
  reads?: readonly FosteringFactSet[];
  service: HouseholdService;
  /** What the figure's breakdown is by ("Stage on the day", "Kind of household"). */
  groupedBy: string;
  count(f: HouseholdFacts, p: Period): HouseholdCounted[];
  /** A count of amounts (vacant places): the sum of the rows' amounts. */
  numeratorOf?(rows: readonly HouseholdCounted[]): number;
}

export interface HouseholdFigure {
  measure: HouseholdMeasure;
  period: Period;
  numerator: number;
  denominator: number | null;
  value: number | null;
  rows: HouseholdCounted[];
}

export const householdFigureOf = (measure: HouseholdMeasure, period: Period, rows: readonly HouseholdCounted[]): HouseholdFigure => rowsFigure(measure, period, rows);

export function computeHouseholdFigure(f: HouseholdFacts, measure: HouseholdMeasure, period: Period): HouseholdFigure {
  checkPeriod(period);
  return householdFigureOf(measure, period, measure.count(f, period));
}

const text = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : text(v));

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

/** What the measures asked count: the adopters' two statements, the households, and each fostering fact set named. */
function factsNeeded(measures: readonly HouseholdMeasure[] | undefined) {
  if (measures === undefined) return { adopters: true, fosterCarers: true, sets: new Set(FOSTERING_FACT_SETS) };
  const fostering = measures.filter((m) => m.service === 'foster-carers');
  return {
    adopters: measures.some((m) => m.service === 'adopters'),
    fosterCarers: fostering.length > 0,
    sets: new Set(fostering.flatMap((m) => m.reads ?? FOSTERING_FACT_SETS)),
  };
}

/** Rows of a statement only if `wanted`: what a measure does not count is not read. */
const when = async <R>(wanted: boolean, read: () => Promise<{ rows: R[] }>): Promise<{ rows: R[] }> => (wanted ? read() : { rows: [] });

/**
 * The households of the council's adoption and fostering services, as recorded now, with the facts the
 * measures asked count (all of them when none is named): at most nine statements and the settings.
 */
export async function readHouseholdFacts(db: Db, today: string, measures?: readonly HouseholdMeasure[]): Promise<HouseholdFacts> {
  const need = factsNeeded(measures);
  const fostering = (set: FosteringFactSet) => need.fosterCarers && need.sets.has(set);
  // The unannounced visits alone when no measure asked counts every visit (Q92 and the like read none).
  const visitsRead = fostering('visits') ? sql`` : fostering('unannouncedVisits') ? sql` AND unannounced` : null;
  const [adopters, matches, carers, statuses, reviews, placements, checks, visits, workers, members, settings] = await Promise.all([
    when(need.adopters, () =>
      sql<{ id: string; name: string; enquiry_on: unknown; registered_on: unknown; stage_one_ended_on: unknown; stage_two_started_on: unknown; panel_on: unknown; decided_on: unknown; approved: boolean | null; left_on: unknown }>`
      SELECT id, name, enquiry_on, registered_on, stage_one_ended_on, stage_two_started_on, panel_on, decided_on, approved, left_on
      FROM adopter_household WHERE deleted_at IS NULL`.execute(db),
    ),
    when(need.adopters, () =>
      sql<{ household_id: string; panel_on: unknown; placed_on: unknown; disrupted_on: unknown; in_council_area: boolean | null }>`
      SELECT m.household_id, m.panel_on, m.placed_on, m.disrupted_on, p.in_council_area
      FROM adoption_match m LEFT JOIN placement p ON p.id = m.placement_id AND p.deleted_at IS NULL
      WHERE m.deleted_at IS NULL ORDER BY m.panel_on, m.id`.execute(db),
    ),
    when(need.fosterCarers, () =>
      sql<{ id: string; first_carer: string; second_carer: string | null; kind: string; decided_on: unknown; approved: boolean | null; places: number | null }>`
      SELECT id, first_carer, second_carer, kind, decided_on, approved, places FROM fostering_household WHERE deleted_at IS NULL`.execute(db),
    ),
    when(fostering('statuses'), () =>
      sql<{ household_id: string; status: string; from_on: unknown; to_on: unknown }>`
      SELECT household_id, status, from_on, to_on FROM fostering_household_status WHERE deleted_at IS NULL ORDER BY from_on, recorded_at`.execute(db),
    ),
    when(fostering('reviews'), () => sql<{ household_id: string; reviewed_on: unknown }>`SELECT household_id, reviewed_on FROM fostering_review WHERE deleted_at IS NULL ORDER BY reviewed_on`.execute(db)),
    when(fostering('placements'), () =>
      sql<{ household_id: string; child_id: string; started_on: unknown; ended_on: unknown }>`
      SELECT fostering_household_id AS household_id, child_id, started_on, ended_on FROM placement
      WHERE fostering_household_id IS NOT NULL AND deleted_at IS NULL`.execute(db),
    ),
    when(fostering('dbsChecks'), () =>
      sql<{ id: string; household_id: string; carer: number | null; member_id: string | null; checked_on: unknown; barred_list: boolean; renewal_due_on: unknown }>`
      SELECT id, household_id, carer, member_id, checked_on, barred_list, renewal_due_on FROM fostering_dbs_check WHERE deleted_at IS NULL ORDER BY checked_on, id`.execute(db),
    ),
    when(visitsRead !== null, () =>
      sql<{ id: string; household_id: string; visited_on: unknown; unannounced: boolean }>`
      SELECT id, household_id, visited_on, unannounced FROM fostering_visit WHERE deleted_at IS NULL${visitsRead ?? sql``} ORDER BY visited_on, id`.execute(db),
    ),
    when(fostering('supervisingWorkers'), () => sql<{ household_id: string; from_on: unknown; to_on: unknown }>`SELECT household_id, from_on, to_on FROM fostering_supervising_worker WHERE deleted_at IS NULL`.execute(db)),
    when(fostering('members'), () =>
      sql<{ id: string; household_id: string; name: string; date_of_birth: unknown; from_on: unknown; to_on: unknown }>`
      SELECT id, household_id, name, date_of_birth, from_on, to_on FROM fostering_household_member WHERE deleted_at IS NULL ORDER BY from_on, id`.execute(db),
    ),
    loadSettings(db),
  ]);
  const matchesOf = groupBy(
    matches.rows.map((m) => ({ householdId: m.household_id, panelOn: text(m.panel_on), placedOn: textOrNull(m.placed_on), disruptedOn: textOrNull(m.disrupted_on), placedInCouncilArea: m.in_council_area })),
    (m) => m.householdId,
  );
  const statusesOf = groupBy(statuses.rows, (s) => s.household_id);
  const reviewsOf = groupBy(reviews.rows, (r) => r.household_id);
  const placementsOf = groupBy(placements.rows, (p) => p.household_id);
  const checksOf = groupBy(checks.rows, (c) => c.household_id);
  const visitsOf = groupBy(visits.rows, (v) => v.household_id);
  const workersOf = groupBy(workers.rows, (w) => w.household_id);
  const membersOf = groupBy(members.rows, (m) => m.household_id);
  return {
    adopters: adopters.rows.map((h) => ({
      id: h.id,
      name: h.name,
      enquiryOn: text(h.enquiry_on),
      registeredOn: textOrNull(h.registered_on),
      stageOneEndedOn: textOrNull(h.stage_one_ended_on),
      stageTwoStartedOn: textOrNull(h.stage_two_started_on),
      panelOn: textOrNull(h.panel_on),
      decidedOn: textOrNull(h.decided_on),
      approved: h.approved,
      leftOn: textOrNull(h.left_on),
    })),
    matches: matchesOf,
    today,
    settings,
    fosterCarers: carers.rows.map((h) => ({
      id: h.id,
      name: h.second_carer ? `${h.first_carer} and ${h.second_carer}` : h.first_carer,
      kind: h.kind,
      decidedOn: textOrNull(h.decided_on),
      approved: h.approved,
      places: h.places === null ? null : Number(h.places),
      statuses: (statusesOf.get(h.id) ?? []).map((s) => ({ status: s.status, fromOn: text(s.from_on), toOn: textOrNull(s.to_on) })),
      reviews: (reviewsOf.get(h.id) ?? []).map((r) => text(r.reviewed_on)),
      placements: (placementsOf.get(h.id) ?? []).map((p) => ({ childId: p.child_id, startedOn: text(p.started_on), endedOn: textOrNull(p.ended_on) })),
      carers: h.second_carer ? [h.first_carer, h.second_carer] : [h.first_carer],
      dbsChecks: (checksOf.get(h.id) ?? []).map((c) => ({ id: c.id, carer: c.carer === null ? null : Number(c.carer), memberId: c.member_id, checkedOn: text(c.checked_on), barredList: c.barred_list, renewalDueOn: text(c.renewal_due_on) })),
      members: (membersOf.get(h.id) ?? []).map((m) => ({ id: m.id, name: m.name, dateOfBirth: textOrNull(m.date_of_birth), fromOn: text(m.from_on), toOn: textOrNull(m.to_on) })),
      visits: (visitsOf.get(h.id) ?? []).map((v) => ({ id: v.id, visitedOn: text(v.visited_on), unannounced: v.unannounced })),
      supervisingWorkers: (workersOf.get(h.id) ?? []).map((w) => ({ fromOn: text(w.from_on), toOn: textOrNull(w.to_on) })),
    })),
  };
}
