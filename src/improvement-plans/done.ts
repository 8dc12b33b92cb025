// Actions marked done, reopened and removed (issue 9, decision 0046). Marking done keeps, beside each
// linked measure's value when the action was set, its value on the day the action was done: the figure
// over the 12 months to that day as recorded by its end (the engine's "as known then"), so a later
// correction of the record does not move it, as the value then does not move. Reopening and removing
// keep the earlier version with the reason (record_version), as every correction in Lantern does.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { softDelete, updateRecord } from '../db/history.ts';
import { planFigures } from './figures.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { actionRow, userExists } from './service.ts';
import type { DoneInput } from './schemas.ts';

const liveLinks = (db: Kysely<Database>, actionId: string) =>
  db.selectFrom('improvement_action_measure').select(['id', 'measure_id']).where('action_id', '=', actionId).where('deleted_at', 'is', null).execute();

/** The day an action was set (its row's first recording). */
export const setOn = (action: { recorded_at: Date | string }) => new Date(action.recorded_at).toISOString().slice(0, 10);

export async function markDone(db: Kysely<Database>, planId: string, actionId: string, input: DoneInput, actorId: string, today: string): Promise<void> {
  const action = await actionRow(db, planId, actionId);
  if (action.done_on) throw new RuleBroken(`This action was marked done on ${formatDate(action.done_on)}: reopen it first to change that`, 'doneOn');
  const set = setOn(action);
  if (input.doneOn < set) throw new RuleBroken(`The date it was done cannot be before the action was set, on ${formatDate(set)}`, 'doneOn');
  if (input.doneOn > today) throw new RuleBroken('The date it was done cannot be in the future', 'doneOn');
  await userExists(db, input.doneById, 'doneById');
  const links = await liveLinks(db, actionId);
  const figures = links.length ? await planFigures(db, links.map((l) => l.measure_id), input.doneOn, today) : new Map<string, never>();
  const knownThen = new Map([...figures].map(([id, f]) => [id, f.known]));
  await db.transaction().execute(async (tx) => {
    await updateRecord(tx, 'improvement_action', actionId, { done_on: input.doneOn, done_by: input.doneById, done_note: input.note }, actorId);
    for (const link of links) {
      const figure = knownThen.get(link.measure_id);
      // A measure no longer in the catalogue has no figure to keep: the plan says so.
      if (!figure) continue;
      await updateRecord(tx, 'improvement_action_measure', link.id, { done_from: figure.from, done_value: figure.value, done_numerator: figure.numerator, done_denominator: figure.denominator }, actorId);
    }
  });
}

export async function reopenAction(db: Kysely<Database>, planId: string, actionId: string, reason: string, actorId: string): Promise<void> {
  const action = await actionRow(db, planId, actionId);
  if (!action.done_on) throw new RuleBroken('This action is not marked done: there is nothing to reopen', 'reason');
  const links = await liveLinks(db, actionId);
  await db.transaction().execute(async (tx) => {
    await updateRecord(tx, 'improvement_action', actionId, { done_on: null, done_by: null, done_note: null }, actorId, undefined, reason);
    for (const link of links) {
      await updateRecord(tx, 'improvement_action_measure', link.id, { done_from: null, done_value: null, done_numerator: null, done_denominator: null }, actorId, undefined, reason);
    }
  });
}

/** Removes an action and the measures it names, softly: kept with the reason, shown on the plan as removed. */
export async function removeAction(db: Kysely<Database>, planId: string, actionId: string, reason: string, actorId: string): Promise<void> {
  await actionRow(db, planId, actionId);
  const links = await liveLinks(db, actionId);
  await db.transaction().execute(async (tx) => {
    for (const link of links) await softDelete(tx, 'improvement_action_measure', link.id, actorId, reason);
    await softDelete(tx, 'improvement_action', actionId, actorId, reason);
  });
}
