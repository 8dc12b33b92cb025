// Which of regulation 28's visiting patterns a placement follows: the usual one (28(2)), weekly until
// the first review and then 6-weekly for a child placed with a parent before their assessment is
// finished (28(3)), or then 4-weekly with a connected person approved for now or a parent under an
// interim care order (28(4)). See src/looked-after/visiting.ts.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `ALTER TABLE placement ADD COLUMN visiting_rule text NOT NULL DEFAULT 'standard'
      CHECK (visiting_rule IN ('standard', 'with-parent-before-assessment', 'connected-person-or-interim-order'))`,
  ]);
}
