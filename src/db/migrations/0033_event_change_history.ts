// Figures "as known at any date" (issue 9, DQ-01, DQ-12, decision 0027). The journal (child_event) is
// corrected in place (correctEvent moves occurred_on, softDelete sets deleted_at), so the facts as they
// stood on an earlier day were lost. A trigger keeps the row as it was before each change, stamped with
// Lantern's clock: the journal as known on day D is each event recorded by D, in the version in force
// then (the earliest change after D kept what it looked like before), not deleted by then.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE child_event_change (
      id bigserial PRIMARY KEY,
      event_id uuid NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT lantern_now(),
      type text NOT NULL,
      occurred_on date NOT NULL,
      scope_id uuid,
      deleted_at timestamptz
    )`,
    `CREATE INDEX child_event_change_event ON child_event_change (event_id, changed_at)`,
    `CREATE OR REPLACE FUNCTION keep_child_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF OLD.type IS DISTINCT FROM NEW.type OR OLD.occurred_on IS DISTINCT FROM NEW.occurred_on
          OR OLD.scope_id IS DISTINCT FROM NEW.scope_id OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at THEN
         INSERT INTO child_event_change (event_id, type, occurred_on, scope_id, deleted_at)
         VALUES (OLD.id, OLD.type, OLD.occurred_on, OLD.scope_id, OLD.deleted_at);
       END IF;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER child_event_keeps_changes BEFORE UPDATE ON child_event
     FOR EACH ROW EXECUTE FUNCTION keep_child_event_change()`,
    // The catalogue reads the journal by type and date (child_event_type exists); recorded_at for the
    // late-recording comparison is read from the same rows.
  ]);
}
