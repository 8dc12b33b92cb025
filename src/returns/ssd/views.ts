// Every SSD object's view, and the statements that (re)build them (decision 0033).
import type { Kysely } from 'kysely';
import { runStatements } from '../../db/migrations/sql.ts';
import { CHILDREN_IN_NEED_VIEWS } from './children-in-need.ts';
import { LOOKED_AFTER_VIEWS } from './looked-after.ts';
import { OTHER_VIEWS } from './other.ts';
import { PEOPLE_VIEWS } from './people.ts';
import { PROTECTION_VIEWS } from './protection.ts';
import { SSD_SCHEMA, SSD_VIEWS_BUILT_BY, viewStatement, type SsdView } from './view.ts';
import { WORKFORCE_VIEWS } from './workforce.ts';

export const SSD_VIEWS: readonly SsdView[] = [...PEOPLE_VIEWS, ...WORKFORCE_VIEWS, ...CHILDREN_IN_NEED_VIEWS, ...PROTECTION_VIEWS, ...LOOKED_AFTER_VIEWS, ...OTHER_VIEWS];

/** The database role a council creates for its analysts; each build grants it the views when it exists. */
export const SSD_READER_ROLE = 'lantern_ssd_reader';

/**
 * Drops every view in the schema, keeping the schema (and what was granted on it). The tables are
 * untouched: views hold no data. A migration that alters or drops a column a view reads runs this first
 * (PostgreSQL refuses otherwise), and rebuilds at its end.
 */
export const dropSsdViews = (): string[] => [
  `CREATE SCHEMA IF NOT EXISTS ${SSD_SCHEMA}`,
  `DO $$ DECLARE v record; BEGIN
    FOR v IN SELECT viewname FROM pg_views WHERE schemaname = '${SSD_SCHEMA}' LOOP
      EXECUTE format('DROP VIEW IF EXISTS ${SSD_SCHEMA}.%I CASCADE', v.viewname);
    END LOOP;
  END $$`,
];

/** Grants the analysts' role (when the council has made it) reading the views, and nothing else. */
const grantToReader = (): string =>
  `DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${SSD_READER_ROLE}') THEN
      GRANT USAGE ON SCHEMA ${SSD_SCHEMA} TO ${SSD_READER_ROLE};
      GRANT SELECT ON ALL TABLES IN SCHEMA ${SSD_SCHEMA} TO ${SSD_READER_ROLE};
    END IF;
  END $$`;

/** The schema and every view, as the views are defined now. */
export const ssdViewStatements = (): string[] => [...dropSsdViews(), ...SSD_VIEWS.map(viewStatement), grantToReader()];

/**
 * Called by each migration that builds the views: the current builder (SSD_VIEWS_BUILT_BY) builds them;
 * an earlier one, running on a fresh database, leaves the schema empty for the later one to fill.
 */
export async function buildSsdViews(db: Kysely<unknown>, migration: string): Promise<void> {
  await runStatements(db, migration === SSD_VIEWS_BUILT_BY ? ssdViewStatements() : dropSsdViews());
}
