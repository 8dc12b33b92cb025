// How an SSD object becomes a view (decision 0033): each family file says, for every field of the
// object, the expression over Lantern's tables that gives it, or null where Lantern does not record it.
// This file casts each to the field's SSD type, in the specification's column order, and refuses an
// object whose fields are not all accounted for, so a view can never silently miss or invent a column.
import { SSD_OBJECTS, pgTypeOf } from './spec.ts';
import type { CodeList } from '../../codes/index.ts';

/**
 * The migration that builds the views as they are defined now. A later migration that changes a
 * definition, or drops the views to change a table they read, puts its own name here and calls
 * buildSsdViews at its end; earlier builders then only make the schema, so a fresh database never
 * builds a definition before the columns it reads exist (decision 0033).
 */
export const SSD_VIEWS_BUILT_BY = '0059_sibling_groups';

/** The schema the views live in: analysts set `search_path = ssd` and their SSD queries run unchanged. */
export const SSD_SCHEMA = 'ssd';

export interface SsdView {
  object: string;
  /** Every field of the object: its SQL expression, or null for a field Lantern does not record. */
  columns: Record<string, string | null>;
  /** The rest of the statement after the SELECT list: `FROM … WHERE …` (empty for an object with no rows). */
  from: string;
}

/** The CREATE VIEW statement of one object. */
export function viewStatement(view: SsdView): string {
  const fields = SSD_OBJECTS[view.object];
  if (!fields) throw new Error(`${view.object} is not an SSD object`);
  const given = Object.keys(view.columns);
  const unknown = given.filter((name) => !fields.some((f) => f.name === name));
  const missing = fields.filter((f) => !(f.name in view.columns)).map((f) => f.name);
  if (unknown.length > 0 || missing.length > 0) {
    throw new Error(`${view.object}: fields not in the SSD: ${unknown.join(', ') || 'none'}; SSD fields not given: ${missing.join(', ') || 'none'}`);
  }
  const select = fields.map((f) => `CAST(${view.columns[f.name] ?? 'NULL'} AS ${pgTypeOf(f)}) AS ${f.name}`).join(',\n  ');
  // Read through a subquery: PostgreSQL makes a view over one table updatable (a DELETE on ssd_person
  // would delete people); a view whose FROM is a subquery is not, so every view refuses writes.
  return `CREATE VIEW ${SSD_SCHEMA}.${view.object} AS SELECT * FROM (SELECT\n  ${select}\n${view.from}) ${view.object}`;
}

/** The fields of an object that Lantern does not record (null in every row), for the decision record. */
export function notRecorded(view: SsdView): string[] {
  return Object.entries(view.columns).filter(([, expression]) => expression === null).map(([name]) => name);
}

/** An object Lantern holds nothing for: the view exists with every column typed, and no rows. */
export function emptyObject(object: string): SsdView {
  const fields = SSD_OBJECTS[object] ?? [];
  return { object, columns: Object.fromEntries(fields.map((f) => [f.name, null])), from: 'WHERE false' };
}

/** A SQL string literal. */
export const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * An SSD outcome dictionary: every key present "regardless of data presence" (the SSD standard), 'Y' or
 * 'N' where the record says (a condition), '' where Lantern does not record that outcome (null), or a
 * value as it is ({ value }: a count). Null as a whole when `when` (the outcome is known) is not true.
 */
export function flagsJson(when: string, flags: Record<string, string | null | { value: string }>): string {
  const pairs = Object.entries(flags).map(([key, flag]) => {
    const value = flag === null ? "''" : typeof flag === 'string' ? `CASE WHEN ${flag} THEN 'Y' ELSE 'N' END` : flag.value;
    return `${literal(key)}, ${value}`;
  });
  return `CASE WHEN ${when} THEN json_build_object(${pairs.join(', ')})::text END`;
}

/** A code's label from one of Lantern's code lists, as a CASE (the lists live in src/codes, not the database). */
export function labelOf(list: CodeList, expression: string): string {
  return `CASE ${expression} ${list.map((e) => `WHEN ${literal(e.code)} THEN ${literal(e.label)}`).join(' ')} END`;
}

/** 'Y'/'N' for a boolean, null stays null. */
export const yesNo = (expression: string): string => `CASE WHEN ${expression} THEN 'Y' WHEN NOT (${expression}) THEN 'N' END`;

/** A child on the record: not deleted and not merged into another (the people the SSD counts). */
export const liveChild = (childId: string): string =>
  `EXISTS (SELECT 1 FROM person lc WHERE lc.id = ${childId} AND lc.deleted_at IS NULL AND lc.merged_into IS NULL AND lc.kind <> 'adult')`;

/** A date on Lantern's clock as the SSD's datetime: an instant is read in England's local time. */
export const localTime = (expression: string): string => `(${expression} AT TIME ZONE 'Europe/London')`;

/**
 * The due date of the timescale a recorded meeting met: the clock of `rule` whose meeting event came from
 * this record (the clocks hold due dates; src/clocks/rules.ts). A join over the met clocks of one rule,
 * not a probe per row.
 */
export const dueDatesMetBy = (rule: string, alias: string): string =>
  `LEFT JOIN (SELECT ev.source_id, min(k.due_on) AS due_on FROM clock k JOIN child_event ev ON ev.id = k.met_event_id
  WHERE k.rule_id = '${rule}' AND k.met_event_id IS NOT NULL GROUP BY ev.source_id) ${alias}`;
