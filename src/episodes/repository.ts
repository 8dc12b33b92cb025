// Reads shared by the episode, assessment and protection services: the clocks (due dates) the journal
// has given an episode, enquiry or plan, and one transaction for a service's writes. (The child at
// the top of each page comes from the route's guard.)
import type { Kysely } from 'kysely';
import type { Db } from '../db/history.ts';
import type { Database } from '../db/schema.ts';

export interface ClockRow {
  ruleId: string;
  scopeId: string | null;
  startedOn: string;
  dueOn: string;
  metOn: string | null;
  stoppedOn: string | null;
}

/** The clocks in some scopes (episode, enquiry or plan ids), oldest first. */
export async function clocksIn(db: Db, childId: string, scopeIds: readonly string[]): Promise<ClockRow[]> {
  if (scopeIds.length === 0) return [];
  const rows = await db
    .selectFrom('clock')
    .select(['rule_id', 'scope_id', 'started_on', 'due_on', 'met_on', 'stopped_on'])
    .where('child_id', '=', childId)
    .where('scope_id', 'in', [...scopeIds])
    .orderBy('started_on')
    .orderBy('due_on')
    .execute();
  return rows.map((r) => ({ ruleId: r.rule_id, scopeId: r.scope_id, startedOn: r.started_on, dueOn: r.due_on, metOn: r.met_on, stoppedOn: r.stopped_on }));
}

/** The first clock of a rule in a scope (the one the starting event began). */
export const firstClock = (clocks: readonly ClockRow[], ruleId: string, scopeId: string) =>
  clocks.find((c) => c.ruleId === ruleId && c.scopeId === scopeId);

/** The clock of a rule still running in a scope: what is due next. */
export const runningClock = (clocks: readonly ClockRow[], ruleId: string, scopeId: string) =>
  clocks.find((c) => c.ruleId === ruleId && c.scopeId === scopeId && c.metOn === null && c.stoppedOn === null);

/**
 * Runs `work` in a transaction, or in the caller's when it already has one (the front door receives
 * a referral inside its own), so nothing half-written is ever stored.
 */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return (db as Kysely<Database>).transaction().execute((tx) => work(tx));
}
