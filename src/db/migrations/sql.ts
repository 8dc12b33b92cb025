// Migrations are plain SQL that runs on PostgreSQL 15 and on PGlite. PGlite's query path takes one
// statement at a time, so a migration is a list of statements.
import { sql, type Kysely } from 'kysely';

export async function runStatements(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

const recordColumns = (clock: string) => `
  recorded_at timestamptz NOT NULL DEFAULT ${clock},
  recorded_by uuid NOT NULL REFERENCES app_user(id),
  updated_at timestamptz,
  updated_by uuid REFERENCES app_user(id),
  version integer NOT NULL DEFAULT 1,
  deleted_at timestamptz,
  deleted_by uuid REFERENCES app_user(id),
  deleted_reason text`;

/**
 * Columns every recorded fact carries: who recorded it and when (on Lantern's clock, lantern_now()
 * from migration 0010, so a pinned LANTERN_TODAY dates it), its version, and soft deletion.
 */
export const RECORD_COLUMNS = recordColumns('lantern_now()');

/** The same, as migrations written before lantern_now() existed declared them (0010 moved their defaults). */
export const RECORD_COLUMNS_BEFORE_0010 = recordColumns('now()');
