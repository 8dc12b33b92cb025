// Moving to Lantern (issue 10, decision 0039): each import of another system's return is a job, so a
// large file's progress can be shown while it loads and its report read afterwards. The file itself is
// not kept (it is personal data the record now holds); the report names children only by LA child ID.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE import_job (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('cin-census')),
      file_name text NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
      children_total integer,
      children_done integer NOT NULL DEFAULT 0,
      report jsonb,
      failure text,
      started_by uuid NOT NULL REFERENCES app_user(id),
      started_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`,
    `CREATE INDEX import_job_started ON import_job (started_at DESC)`,
  ]);
}
