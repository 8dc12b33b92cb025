// The Standard Safeguarding Dataset as read-only views in the `ssd` schema (issue 10, decision 0033):
// one view per SSD object over Lantern's tables, each column cast to its SSD type. The SQL is in
// src/returns/ssd/. Soft-deleted records, deleted and merged people are left out.
import { sql, type Kysely } from 'kysely';
import { buildSsdViews } from '../../returns/ssd/views.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await buildSsdViews(db, '0036_ssd_views');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP SCHEMA IF EXISTS ssd CASCADE`.execute(db);
}
