// Dashboards' monthly figures (issue 9, decision 0035). Each closed month's figure of every measure is
// kept, for the council and for each team, with the moment the facts were read; a month is counted
// again when a fact about a day up to its end was recorded or corrected since (the journal's recorded_at,
// child_event_change, record_version), or when a setting the clocks use changed (fingerprint). The
// indexes let that check read only what changed since, never a whole table.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE dashboard_month (
      month date PRIMARY KEY CHECK (extract(day FROM month) = 1),
      computed_at timestamptz NOT NULL,
      fingerprint text NOT NULL
    )`,
    `CREATE TABLE dashboard_figure (
      month date NOT NULL REFERENCES dashboard_month(month) ON DELETE CASCADE,
      measure_id text NOT NULL,
      -- 'council', a team's id, or 'unallocated' (children allocated to no team on the day of the fact)
      scope text NOT NULL,
      numerator integer NOT NULL,
      denominator integer,
      -- As recorded by the end of the month (DQ-01, DQ-12)
      known_numerator integer NOT NULL,
      known_denominator integer,
      PRIMARY KEY (month, scope, measure_id)
    )`,
    `CREATE INDEX child_event_recorded_at ON child_event (recorded_at)`,
    `CREATE INDEX child_event_change_changed_at ON child_event_change (changed_at)`,
    `CREATE INDEX record_version_changed_at ON record_version (changed_at)`,
    `CREATE INDEX allocation_recorded_at ON allocation (recorded_at)`,
    // Where the records begin: the first allocation (the first journal event has child_event_recorded_late).
    `CREATE INDEX allocation_from_date ON allocation (from_date) WHERE deleted_at IS NULL`,
    `CREATE INDEX assessment_recorded_at ON assessment (recorded_at)`,
  ]);
}
