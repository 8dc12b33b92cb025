// The facts every measure is counted from, read once for the whole catalogue and every period asked
// (a 24-month trend is the same statements as one month): the journal with each event's earlier
// versions (so the journal "as known" on any day can be rebuilt: migration 0033), the clocks the
// worker's due list shows, allocations (the child's team on the day of a fact, changes of worker),
// assessments (when the child was seen), and the record's details some measures need (a placement's
// type and distance, why care ended, a care leaver's birthday record: decision 0038).
import { sql, type RawBuilder } from 'kysely';
import type { TimescaleRule } from '../clocks/rule.ts';
import type { ClocksCounted, SpanTypes } from './catalogue/define.ts';
import type { Db } from '../db/history.ts';
import { minutesBetween } from '../missing/london-time.ts';

export interface JournalFact {
  id: string;
  childId: string;
  type: string;
  occurredOn: string;
  scopeId: string | null;
  /** The record the event was written from (a placement, a health check, a birthday record): its details are read by this id. */
  sourceId: string | null;
  /** The category of abuse of the plan a cp-plan.started event starts. */
  category: string | null;
}

export interface EventVersion {
  type: string;
  occurredOn: string;
  scopeId: string | null;
  deleted: boolean;
}

/**
 * A journal row as read: the event as it is now (a fact of the journal now, unless deleted), when it
 * was recorded, and the versions it replaced.
 */
export interface JournalRow extends JournalFact {
  deleted: boolean;
  /** When it was recorded (ms since 1970). */
  recordedAt: number;
  /** The versions it replaced, oldest change first, each with when it was replaced (ms); null when never changed. */
  changes: (EventVersion & { changedAt: number })[] | null;
}

export interface ClockFact {
  childId: string;
  ruleId: string;
  scopeId: string | null;
  startedOn: string;
  dueOn: string;
  metOn: string | null;
  stoppedOn: string | null;
}

export interface AllocationFact {
  id: string;
  childId: string;
  workerId: string;
  workerName: string;
  role: string;
  fromDate: string;
  toDate: string | null;
  teamId: string | null;
  teamName: string | null;
  /** When it was recorded (ms since 1970): of two allocations started on a day, the later one holds the child at its end. */
  recordedAt: number;
}

export interface AssessmentFact {
  childId: string;
  referralDate: string;
  startedOn: string;
  childSeenOn: string | null;
}

const dateText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const dateOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : dateText(v));

/**
 * Every journal event of `types` that happened (now, or in an earlier version) on or before `until`,
 * with the versions it replaced, deleted events too: what the journal "as known" on any day is rebuilt
 * from (known.ts). One statement.
 *
 * With `late` (days), only the events of the children whose journal as known at the end of one of
 * the days can differ from it now (JournalIndex.changedSince reads no other child): an event that
 * happened by one of the days and was recorded after its end, or one ever changed, changed or recorded
 * after the end of the first day. Every other child's figures on those days are the record now's
 * (decision 0054), so their versions need not be read (decision 0061). Two statements then: those
 * children first (a few hundred for a closed month), then their events by child (decision 0064).
 */
export async function readJournal(db: Db, types: readonly string[], until: string, late?: readonly string[]): Promise<JournalRow[]> {
  if (types.length === 0) return [];
  let ofChildren = sql``;
  if (late) {
    const children = await lateChildren(db, types, late);
    if (children.length === 0) return [];
    ofChildren = sql`AND e.child_id = ANY(${children}::uuid[])`;
  }
  const plan = planCategory(types);
  // Each row read is the row itself (named as JournalRow names them), not copied into another object: a
  // trend reads 1.7 million on a large council.
  const rows = await sql<Omit<JournalRow, 'changes'> & { changes: JournalRow['changes'] | string }>`
    SELECT e.id, e.child_id AS "childId", e.type, e.occurred_on::text AS "occurredOn", e.scope_id AS "scopeId", e.source_id AS "sourceId",
      ${plan.category} AS category, e.deleted_at IS NOT NULL AS deleted,
      -- Times as milliseconds (as a Date holds them): a number is read for a fraction of a timestamp's cost.
      floor(extract(epoch FROM e.recorded_at) * 1000)::float8 AS "recordedAt", c.changes
    FROM child_event e
    ${plan.join}
    -- Earlier versions, grouped once (few events are ever changed) rather than looked up per event.
    LEFT JOIN (SELECT c.event_id, json_agg(json_build_object('type', c.type, 'occurredOn', c.occurred_on::text, 'scopeId', c.scope_id,
          'deleted', c.deleted_at IS NOT NULL, 'changedAt', floor(extract(epoch FROM c.changed_at) * 1000)::float8) ORDER BY c.changed_at, c.id) AS changes
        FROM child_event_change c GROUP BY c.event_id) c ON c.event_id = e.id
    WHERE (e.occurred_on <= ${until} OR c.event_id IS NOT NULL) AND e.type IN (${sql.join(types)}) ${ofChildren}
    -- The order byDate keeps (a uuid orders as its text does): sorted here once, not in JavaScript.
    ORDER BY e.type, e.occurred_on, e.id`.execute(db);
  for (const r of rows.rows) if (typeof r.changes === 'string') r.changes = JSON.parse(r.changes) as JournalRow['changes'];
  return rows.rows as JournalRow[];
}

/**
 * The children readJournal reads with `late`: those with an event of `types` that happened by one of the
 * days and was recorded after its end, or one ever changed, changed or recorded after the end of the first
 * day. Each is recorded or changed after the first day's end, so the statement asks the indexes of when
 * events were recorded and changed for those, rather than testing every event of the types (decision 0064).
 */
async function lateChildren(db: Db, types: readonly string[], late: readonly string[]): Promise<string[]> {
  const days = [...late].sort();
  const cutoffs = days.map((day) => endOfDay(day) / 1000);
  const first = cutoffs[0]!;
  const rows = await sql<{ child_id: string }>`
    SELECT l.child_id FROM child_event l WHERE l.type IN (${sql.join(types)}) AND l.recorded_at >= to_timestamp(${first}) AND (
        EXISTS (SELECT 1 FROM unnest(${days}::date[], ${cutoffs}::float8[]) AS d(day, cutoff) WHERE l.occurred_on <= d.day AND l.recorded_at >= to_timestamp(d.cutoff))
        OR EXISTS (SELECT 1 FROM child_event_change lc WHERE lc.event_id = l.id))
    UNION
    SELECT l.child_id FROM child_event_change lc JOIN child_event l ON l.id = lc.event_id WHERE l.type IN (${sql.join(types)}) AND lc.changed_at >= to_timestamp(${first})`.execute(db);
  return rows.rows.map((r) => r.child_id);
}

/**
 * The journal as corrected since, where only the record now is counted (every period ends today or
 * later): the events of `types` as they are now, each type from its own day on (`since`; null: the
 * whole record), without the deleted events. The same events as readJournal's versions now, read
 * straight into facts: nothing "as known then" is rebuilt from them, so neither when each was recorded
 * nor what it replaced is read (decision 0047). One statement.
 *
 * With `openIn`, the types of `spans` are read only for the children with a span of theirs (a period of
 * care, a plan) open at some time from `from` to `until`: a start read, by `until`, whose scope has no
 * end read before `from` (decision 0065). Worked out from the rows read (one pass of the table), so a
 * child is left out only where the spans made of those rows (planSpans) are all closed before `from`.
 * The types of `eventIn` are read before `from` (their look-back) only for the children with an event of
 * the type it names from `from` to `until` (decision 0074), found in the rows read the same way.
 */
export async function readJournalNow(
  db: Db,
  types: readonly string[],
  until: string,
  since: ReadonlyMap<string, string | null>,
  openIn?: { from: string; spans: ReadonlyMap<string, SpanTypes>; eventIn?: ReadonlyMap<string, string> },
): Promise<JournalFact[]> {
  if (types.length === 0) return [];
  const windows = [...groupBySince(types, since)];
  const plan = planCategory(types);
  // An event after `until` that was ever changed is read too, as readJournal reads it: the same lists.
  const read = sql`
    FROM child_event e
    ${plan.join}
    WHERE e.deleted_at IS NULL AND (e.occurred_on <= ${until} OR EXISTS (SELECT 1 FROM child_event_change c WHERE c.event_id = e.id))
      AND (${sql.join(
        windows.map(([day, ofTypes]) => (day === null ? sql`e.type IN (${sql.join(ofTypes)})` : sql`(e.type IN (${sql.join(ofTypes)}) AND e.occurred_on >= ${day})`)),
        sql` OR `,
      )})`;
  const bySpan = groupBySpan(types, openIn?.spans);
  const byEvent = groupByEventIn(types, openIn?.eventIn);
  if (!openIn || (bySpan.length === 0 && byEvent.length === 0)) {
    const rows = await sql<JournalFact>`
      SELECT e.id, e.child_id AS "childId", e.type, e.occurred_on::text AS "occurredOn", e.scope_id AS "scopeId", e.source_id AS "sourceId", ${plan.category} AS category
      ${read}
      ORDER BY e.type, e.occurred_on, e.id`.execute(db);
    return rows.rows;
  }
  // The children with a span open are found in the rows read, not by reading the table again: the
  // events of a type are scattered over the table, and reading their pages is most of the statement.
  // NOT IN, not NOT EXISTS: each subquery is hashed once (as a correlated NOT EXISTS over the rows
  // read, it was a scan of them for every start: 18-54 s).
  const ofOpenChildren = bySpan.map(
    ({ span, types: ofTypes }) => sql`(j.type IN (${sql.join(ofTypes)}) AND j."childId" IN (
      SELECT s."childId" FROM journal s WHERE s.type IN (${sql.join(span.started)}) AND s.occurred_on <= ${until}
        AND (s."scopeId" IS NULL OR s."scopeId" NOT IN (SELECT x."scopeId" FROM journal x WHERE x.type = ${span.ended} AND x.occurred_on < ${openIn.from} AND x."scopeId" IS NOT NULL))))`,
  );
  const ofChildrenWithEvent = byEvent.map(
    ({ withType, types: ofTypes }) => sql`(j.type IN (${sql.join(ofTypes)}) AND (j.occurred_on >= ${openIn.from} OR j."childId" IN (
      SELECT s."childId" FROM journal s WHERE s.type = ${withType} AND s.occurred_on >= ${openIn.from} AND s.occurred_on <= ${until})))`,
  );
  // Each kind of filter leaves the types it does not name as they are read.
  const filters = [
    ...(bySpan.length > 0 ? [sql`(j.type NOT IN (${sql.join(bySpan.flatMap((g) => g.types))}) OR ${sql.join(ofOpenChildren, sql` OR `)})`] : []),
    ...(byEvent.length > 0 ? [sql`(j.type NOT IN (${sql.join(byEvent.flatMap((g) => g.types))}) OR ${sql.join(ofChildrenWithEvent, sql` OR `)})`] : []),
  ];
  const rows = await sql<JournalFact>`
    WITH journal AS MATERIALIZED (
      SELECT e.id, e.child_id AS "childId", e.type, e.occurred_on, e.scope_id AS "scopeId", e.source_id AS "sourceId", ${plan.category} AS category
      ${read})
    SELECT j.id, j."childId", j.type, j.occurred_on::text AS "occurredOn", j."scopeId", j."sourceId", j.category FROM journal j
    WHERE ${sql.join(filters, sql` AND `)}
    ORDER BY j.type, j.occurred_on, j.id`.execute(db);
  return rows.rows;
}

/** The types whose look-back is read only for the children with an event of another (or the same) type in the period, by that type (which is read too). */
function groupByEventIn(types: readonly string[], eventIn: ReadonlyMap<string, string> | undefined): { withType: string; types: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const type of types) {
    const withType = eventIn?.get(type);
    if (withType === undefined || !types.includes(withType)) continue;
    groups.set(withType, [...(groups.get(withType) ?? []), type]);
  }
  return [...groups].map(([withType, ofTypes]) => ({ withType, types: ofTypes }));
}

/** The types read only for the children with a span open, by span (whose start and end types are read too). */
function groupBySpan(types: readonly string[], spans: ReadonlyMap<string, SpanTypes> | undefined): { span: SpanTypes; types: string[] }[] {
  const groups = new Map<string, { span: SpanTypes; types: string[] }>();
  for (const type of types) {
    const span = spans?.get(type);
    if (!span || ![...span.started, span.ended].every((t) => types.includes(t))) continue;
    const key = `${span.started.join(',')}|${span.ended}`;
    const group = groups.get(key) ?? { span, types: [] };
    group.types.push(type);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The category of abuse of the plan a cp-plan.started event starts: joined only where such events are read (not for a page about placements). */
const planCategory = (types: readonly string[]) =>
  types.includes('cp-plan.started')
    ? { category: sql`p.category_of_abuse`, join: sql`LEFT JOIN plan p ON e.type = 'cp-plan.started' AND p.id = e.source_id` }
    : { category: sql`NULL::text`, join: sql`` };

function groupBySince(types: readonly string[], since: ReadonlyMap<string, string | null>): Map<string | null, string[]> {
  const groups = new Map<string | null, string[]>();
  for (const type of types) {
    const day = since.get(type) ?? null;
    groups.set(day, [...(groups.get(day) ?? []), type]);
  }
  return groups;
}

/** An event as it stood in an earlier version. */
export const toFact = (row: JournalRow, v: EventVersion): JournalFact => ({
  id: row.id,
  childId: row.childId,
  type: v.type,
  occurredOn: v.occurredOn,
  scopeId: v.scopeId,
  sourceId: row.sourceId,
  category: row.category,
});

/** The first instant of the next day in London, where Lantern's days are counted. */
export function endOfDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d + 1);
  // London is UTC or UTC+1: an hour's difference matters only to a fact recorded around midnight.
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' }).formatToParts(new Date(utc)).find((p) => p.type === 'timeZoneName')?.value;
  return offset === 'GMT+1' ? utc - 3600_000 : utc;
}

/**
 * Of some rules, the clocks the measures asked count (Measure.countsClocks, decision 0075): by rule, those
 * due in the periods and/or those running on a period's last day (`ends`). A rule not named: every clock.
 */
export interface ClocksCountedOf {
  rules: ReadonlyMap<string, ReadonlySet<ClocksCounted>>;
  ends: readonly string[];
}

/**
 * The clocks of `ruleIds` started by `until` that fell due or were met on or after `from`, or were never
 * met. With `nowOnly` (no clock is derived again as known then), not those stopped unmet before `from`:
 * no figure of a period from then counts them (neither due in it nor running late in it), and they are
 * most of the table. With `counted`, of the rules it names only the clocks their measures count: due
 * from `from` to `until`, or running on one of the days `ends` (decision 0075). One statement.
 */
export async function readClocks(db: Db, ruleIds: readonly string[], from: string, until: string, nowOnly = false, counted?: ClocksCountedOf): Promise<ClockFact[]> {
  if (ruleIds.length === 0) return [];
  const stillCounted = nowOnly ? sql`AND (c.met_on IS NOT NULL OR c.stopped_on IS NULL OR c.stopped_on >= ${from})` : sql``;
  // Each row read is the fact itself, not copied (a trend reads 700,000 on a large council).
  const rows = await sql<ClockFact>`
    SELECT c.child_id AS "childId", c.rule_id AS "ruleId", c.scope_id AS "scopeId", c.started_on::text AS "startedOn", c.due_on::text AS "dueOn",
      c.met_on::text AS "metOn", c.stopped_on::text AS "stoppedOn"
    FROM clock c WHERE c.rule_id IN (${sql.join(ruleIds)}) AND c.started_on <= ${until}
      AND (c.met_on IS NULL OR c.met_on >= ${from} OR c.due_on >= ${from}) ${stillCounted} ${onlyCounted(ruleIds, from, until, counted)}
    -- In the order the measures count them (groupClocksByRule), and the same order every time. The rule
    -- compared byte by byte: by the database's collation (C.UTF-8 is not PostgreSQL's "C") each comparison
    -- of the sort called the C library, most of its time (decision 0075).
    ORDER BY c.rule_id COLLATE "C", c.due_on, c.id`.execute(db);
  return rows.rows;
}

/** The clocks of each rule `counted` names that its measures count; every clock of the others. */
function onlyCounted(ruleIds: readonly string[], from: string, until: string, counted: ClocksCountedOf | undefined) {
  if (!counted || counted.ends.length === 0) return sql``;
  const named = (what: ClocksCounted) => ruleIds.filter((r) => counted.rules.get(r)?.has(what));
  const due = named('due');
  const running = named('running');
  const whole = ruleIds.filter((r) => !counted.rules.has(r));
  if (whole.length === ruleIds.length) return sql``;
  const first = counted.ends.reduce((m, d) => (d < m ? d : m));
  const last = counted.ends.reduce((m, d) => (d > m ? d : m));
  const parts = [
    ...(due.length ? [sql`(c.rule_id IN (${sql.join(due)}) AND c.due_on BETWEEN ${from} AND ${until})`] : []),
    // Running on a day from the first to the last: started by the last, neither met nor stopped by the first.
    ...(running.length
      ? [sql`(c.rule_id IN (${sql.join(running)}) AND c.started_on <= ${last} AND (c.met_on IS NULL OR c.met_on > ${first}) AND (c.stopped_on IS NULL OR c.stopped_on > ${first}))`]
      : []),
    ...(whole.length ? [sql`c.rule_id IN (${sql.join(whole)})`] : []),
  ];
  return sql`AND (${sql.join(parts, sql` OR `)})`;
}

/**
 * The dates of birth of the children a clock of `rules` that ends at an age (decision 0049) may have
 * started for (an event of a type that starts one, now or in an earlier version): their clocks as
 * recorded then end on the same birthday as the record's. One statement; none when no such rule is counted.
 */
export async function readBirthDatesEndingRules(db: Db, rules: readonly TimescaleRule[]): Promise<Map<string, string>> {
  const starts = [...new Set(rules.filter((r) => r.endsAtAge !== undefined).flatMap((r) => r.startsOn))];
  if (starts.length === 0) return new Map();
  const rows = await sql<{ id: string; date_of_birth: unknown }>`
    SELECT p.id, p.date_of_birth FROM person p WHERE p.date_of_birth IS NOT NULL AND p.id IN (
      SELECT e.child_id FROM child_event e WHERE e.type IN (${sql.join(starts)})
      UNION SELECT e.child_id FROM child_event_change c JOIN child_event e ON e.id = c.event_id WHERE c.type IN (${sql.join(starts)}))`.execute(db);
  return new Map(rows.rows.map((r) => [r.id, dateText(r.date_of_birth)]));
}

/** When an allocation was recorded, as a number (ms), as teamOn compares them. */
const RECORDED_MS = sql`(extract(epoch FROM a.recorded_at) * 1000)::float8`;

/**
 * Allocations that ran at any time from a year before `from` (`monthsBefore`: the measures of workers look
 * back a year) to `until`, with the worker's team (of `children` only, where given). One statement.
 */
export async function readAllocations(db: Db, from: string, until: string, children?: readonly string[], monthsBefore = 12): Promise<AllocationFact[]> {
  if (children?.length === 0) return [];
  const ofChildren = children ? sql`AND a.child_id = ANY(${[...children]}::uuid[])` : sql``;
  return allocationsWhere(db, sql`a.from_date <= ${until} AND (a.to_date IS NULL OR a.to_date >= (${from}::date - make_interval(months => ${monthsBefore}))::date) ${ofChildren}`);
}

/**
 * The allocations a caseload is read from in the measures of workers (decision 0075): those open on
 * `until` (begun by it, not ended by it), and those of a worker who left from `from` to `until` that ran
 * from `from` on (a leaver's caseload is read on their last day in post, the day before they left).
 * One statement.
 */
export async function readCaseloadAllocations(db: Db, from: string, until: string): Promise<AllocationFact[]> {
  return allocationsWhere(
    db,
    sql`a.from_date <= ${until} AND (a.to_date IS NULL OR a.to_date > ${until} OR (a.to_date >= ${from}
      AND a.worker_id IN (SELECT wp.user_id FROM worker_profile wp WHERE wp.deleted_at IS NULL AND wp.left_on BETWEEN ${from} AND ${until})))`,
  );
}

async function allocationsWhere(db: Db, where: RawBuilder<unknown>): Promise<AllocationFact[]> {
  const rows = await sql<{ id: string; child_id: string; worker_id: string; worker_name: string; role: string; from_date: unknown; to_date: unknown; team_id: string | null; team_name: string | null; recorded_at: number }>`
    SELECT a.id, a.child_id, a.worker_id, w.display_name AS worker_name, a.role, a.from_date, a.to_date, w.team_id, t.name AS team_name, ${RECORDED_MS} AS recorded_at
    FROM allocation a JOIN app_user w ON w.id = a.worker_id LEFT JOIN team t ON t.id = w.team_id
    WHERE a.deleted_at IS NULL AND ${where}`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    childId: r.child_id,
    workerId: r.worker_id,
    workerName: r.worker_name,
    role: r.role,
    fromDate: dateText(r.from_date),
    toDate: dateOrNull(r.to_date),
    teamId: r.team_id,
    teamName: r.team_name,
    recordedAt: r.recorded_at,
  }));
}

/** Assessments of referrals received in the window, with the day the child was seen. One statement. */
export async function readAssessments(db: Db, from: string, until: string): Promise<AssessmentFact[]> {
  const rows = await sql<{ child_id: string; referral_date: unknown; started_on: unknown; child_seen_on: unknown }>`
    SELECT a.child_id, e.referral_date, a.started_on, a.child_seen_on
    FROM assessment a JOIN cin_episode e ON e.id = a.episode_id
    WHERE a.deleted_at IS NULL AND e.deleted_at IS NULL AND e.referral_date BETWEEN ${from} AND ${until}`.execute(db);
  return rows.rows.map((r) => ({ childId: r.child_id, referralDate: dateText(r.referral_date), startedOn: dateText(r.started_on), childSeenOn: dateOrNull(r.child_seen_on) }));
}

/** What else of the record a measure may read beside the journal: one statement each, read only when a measure asked is counted from it. */
export const DETAIL_KINDS = ['placements', 'carePeriods', 'healthChecks', 'birthdays', 'returnInterviews', 'people', 'attendance', 'permanencePlans', 'ethnicity'] as const;
export type DetailKind = (typeof DETAIL_KINDS)[number];

export interface PlacementDetail {
  /** SSDA903 PLACE. */
  type: string;
  distanceMiles: number | null;
  inCouncilArea: boolean | null;
  /** With the same carers as the placement before it (SSDA903 RNE T or U). */
  sameCarers: boolean;
}

export interface HealthCheckDetail {
  kind: string;
  upToDate: boolean | null;
  /** SDQ: the total difficulties score (0-40), where there is one. */
  sdqScore: number | null;
}

export interface BirthdayDetail {
  age: number;
  inTouch: string;
  activity: string;
  accommodation: string;
}

/**
 * The record's details, by the id of the record a journal event was written from (its source, or for
 * care and placements its scope). Read as they are now, as allocations are (decision 0027): the event
 * that puts a child in a figure is as known then, what the record says about it is as corrected since.
 */
export interface RecordDetails {
  placements: ReadonlyMap<string, PlacementDetail>;
  /** SSDA903 REC of each period of care that ended. */
  reasonCeased: ReadonlyMap<string, string | null>;
  healthChecks: ReadonlyMap<string, HealthCheckDetail>;
  birthdays: ReadonlyMap<string, BirthdayDetail>;
  /** Minutes from the return to the return interview done, by missing episode (the scope of its events). */
  returnInterviewMinutes: ReadonlyMap<string, number>;
  /** The date of birth of every child who has been looked after. */
  birthDates: ReadonlyMap<string, string>;
  /** Children who have been looked after recorded as unaccompanied asylum-seeking children. */
  unaccompanied: ReadonlySet<string>;
  /** A term's school attendance, by its record. */
  attendance: ReadonlyMap<string, { attended: number; possible: number }>;
  /** A permanence plan's route and how it ended, by plan (the scope of its events). */
  permanencePlans: ReadonlyMap<string, PermanencePlanDetail>;
  /** The recorded ethnicity (CIN census code) of every child who has been looked after. */
  ethnicity: ReadonlyMap<string, string | null>;
}

export interface PermanencePlanDetail {
  route: string;
  endedOn: string | null;
  endReason: string | null;
  /** SSDA903 REASON_PLACED_CEASED (RD1-RD4), for a plan of adoption changed away from adoption. */
  reversedReason: string | null;
}

export const NO_DETAILS: RecordDetails = {
  placements: new Map(),
  reasonCeased: new Map(),
  healthChecks: new Map(),
  birthdays: new Map(),
  returnInterviewMinutes: new Map(),
  birthDates: new Map(),
  unaccompanied: new Set(),
  attendance: new Map(),
  permanencePlans: new Map(),
  ethnicity: new Map(),
};

/** The event each of these details is read by (its source), where a measure counts that event from a day on. */
const DETAIL_EVENTS: Partial<Record<DetailKind, string>> = { attendance: 'attendance.recorded', healthChecks: 'health-check.recorded' };

/**
 * The details of `kinds`, one statement for each. With `since` (the day each event type is counted from,
 * as readJournalNow reads them), a term's attendance and a health check only of the events that can be
 * counted: on or after that day, or ever changed (an earlier version may have been then). A measure
 * reads these details only by the source of such an event (decision 0064).
 */
export async function readDetails(db: Db, kinds: ReadonlySet<DetailKind>, since: ReadonlyMap<string, string | null> = new Map()): Promise<RecordDetails> {
  const counted = (kind: DetailKind) => {
    const type = DETAIL_EVENTS[kind];
    const day = type === undefined ? null : (since.get(type) ?? null);
    return day === null
      ? sql``
      : // Two parts, not an OR, so that each is found by an index (the type's events by date; the changes).
        sql`AND id IN (SELECT e.source_id FROM child_event e WHERE e.type = ${type} AND e.occurred_on >= ${day}
            UNION ALL SELECT e.source_id FROM child_event_change c JOIN child_event e ON e.id = c.event_id WHERE e.type = ${type})`;
  };
  const [placements, reasonCeased, healthChecks, birthdays, returnInterviewMinutes, people, attendance, permanencePlans, ethnicity] = await Promise.all([
    kinds.has('placements')
      ? sql<{ id: string; placement_type: string; distance_miles: number | string | null; in_council_area: boolean | null; same_carers: boolean }>`
          SELECT id, placement_type, distance_miles, in_council_area, same_carers FROM placement WHERE deleted_at IS NULL`
          .execute(db)
          .then((r) => new Map(r.rows.map((p) => [p.id, { type: p.placement_type, distanceMiles: p.distance_miles === null ? null : Number(p.distance_miles), inCouncilArea: p.in_council_area, sameCarers: p.same_carers }])))
      : new Map<string, PlacementDetail>(),
    kinds.has('carePeriods')
      ? sql<{ id: string; reason_ceased: string | null }>`SELECT id, reason_ceased FROM care_period WHERE deleted_at IS NULL AND ended_on IS NOT NULL`
          .execute(db)
          .then((r) => new Map(r.rows.map((c) => [c.id, c.reason_ceased])))
      : new Map<string, string | null>(),
    kinds.has('healthChecks')
      ? sql<{ id: string; kind: string; up_to_date: boolean | null; sdq_score: number | null }>`SELECT id, kind, up_to_date, sdq_score FROM health_check WHERE deleted_at IS NULL ${counted('healthChecks')}`
          .execute(db)
          .then((r) => new Map(r.rows.map((h) => [h.id, { kind: h.kind, upToDate: h.up_to_date, sdqScore: h.sdq_score === null ? null : Number(h.sdq_score) }])))
      : new Map<string, HealthCheckDetail>(),
    kinds.has('birthdays')
      ? sql<{ id: string; age: number; in_touch: string; activity: string; accommodation: string }>`
          SELECT id, age, in_touch, activity, accommodation FROM care_leaver_birthday WHERE deleted_at IS NULL`
          .execute(db)
          .then((r) => new Map(r.rows.map((b) => [b.id, { age: Number(b.age), inTouch: b.in_touch, activity: b.activity, accommodation: b.accommodation }])))
      : new Map<string, BirthdayDetail>(),
    kinds.has('returnInterviews')
      ? sql<{ episode_id: string; returned_at: Date | string; done_at: Date | string }>`
          SELECT e.id AS episode_id, e.returned_at, min(i.done_at) AS done_at
          FROM missing_episode e JOIN return_interview i ON i.episode_id = e.id AND i.outcome = 'done' AND i.done_at IS NOT NULL AND i.deleted_at IS NULL
          WHERE e.deleted_at IS NULL AND e.returned_at IS NOT NULL GROUP BY e.id, e.returned_at`
          .execute(db)
          .then((r) => new Map(r.rows.map((i) => [i.episode_id, minutesBetween(new Date(i.returned_at), new Date(i.done_at))])))
      : new Map<string, number>(),
    kinds.has('people')
      ? sql<{ id: string; date_of_birth: unknown; unaccompanied_asylum_seeker: boolean }>`
          SELECT p.id, p.date_of_birth, p.unaccompanied_asylum_seeker FROM person p WHERE EXISTS (SELECT 1 FROM care_period c WHERE c.child_id = p.id AND c.deleted_at IS NULL)`
          .execute(db)
          .then((r) => r.rows)
      : [],
    kinds.has('attendance')
      ? sql<{ id: string; sessions_attended: number; sessions_possible: number }>`SELECT id, sessions_attended, sessions_possible FROM school_attendance WHERE deleted_at IS NULL ${counted('attendance')}`
          .execute(db)
          .then((r) => new Map(r.rows.map((a) => [a.id, { attended: Number(a.sessions_attended), possible: Number(a.sessions_possible) }])))
      : new Map<string, { attended: number; possible: number }>(),
    kinds.has('permanencePlans')
      ? sql<{ id: string; plan: string; ended_on: unknown; end_reason: string | null; adoption_reversed_reason: string | null }>`
          SELECT id, plan, ended_on, end_reason, adoption_reversed_reason FROM permanence_plan WHERE deleted_at IS NULL`
          .execute(db)
          .then((r) => new Map(r.rows.map((p) => [p.id, { route: p.plan, endedOn: dateOrNull(p.ended_on), endReason: p.end_reason, reversedReason: p.adoption_reversed_reason }])))
      : new Map<string, PermanencePlanDetail>(),
    kinds.has('ethnicity')
      ? sql<{ id: string; ethnicity: string | null }>`
          SELECT p.id, p.ethnicity FROM person p WHERE EXISTS (SELECT 1 FROM care_period c WHERE c.child_id = p.id AND c.deleted_at IS NULL)`
          .execute(db)
          .then((r) => new Map(r.rows.map((p) => [p.id, p.ethnicity])))
      : new Map<string, string | null>(),
  ]);
  return {
    placements,
    reasonCeased,
    healthChecks,
    birthdays,
    returnInterviewMinutes,
    birthDates: new Map(people.filter((p) => p.date_of_birth !== null).map((p) => [p.id, dateText(p.date_of_birth)])),
    unaccompanied: new Set(people.filter((p) => p.unaccompanied_asylum_seeker).map((p) => p.id)),
    attendance,
    permanencePlans,
    ethnicity,
  };
}
