// A correction says why: the reason is kept with the version it replaced (issue 6 §4; DESIGN §2.3).
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [`ALTER TABLE record_version ADD COLUMN IF NOT EXISTS reason text`]);
}
