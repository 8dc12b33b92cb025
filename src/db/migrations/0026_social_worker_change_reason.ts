// Why a child's social worker changed, on the allocation that starts with the change (SSDA903
// SWEpisodes SW_REASON; rules SW13STG1, SW15STG2). The first social worker has none.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `ALTER TABLE allocation ADD COLUMN change_reason text
      CHECK (change_reason IN ('MANAGE', 'FCONTA', 'LEFTRL', 'ORGRST', 'TSPROC', 'ABSENC', 'CHCHAN', 'PCCHAN', 'SWDIED', 'OTHERS'))`,
  ]);
}
