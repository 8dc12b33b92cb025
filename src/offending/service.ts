// Offending outcomes of a child: a conviction, a final warning or a reprimand, each a dated fact in the
// chronology, corrected or deleted with the reason. The SSDA903 return's OC2 CONVICTED is derived from
// them (a child aged 10 or over, looked after for 12 months at 31 March: 1 if one was given in the year).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { ageOn } from '../server/format.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { OFFENDING_OUTCOMES, type OffendingOutcomeCorrection, type OffendingOutcomeInput } from './schemas.ts';

const titleOf = (kind: OffendingOutcomeInput['kind']) => OFFENDING_OUTCOMES.find((o) => o.code === kind)!.label;

/** Not in the future, not before birth, and not under 10: the age of criminal responsibility in England. */
async function check(tx: Db, childId: string, input: OffendingOutcomeInput, today: string): Promise<void> {
  if (input.givenOn > today) throw new RuleBroken('The date cannot be in the future', 'givenOn');
  const child = await childDates(tx, childId);
  assertNotBeforeBirth(child, input.givenOn, 'givenOn', 'The date');
  if (child.date_of_birth && ageOn(child.date_of_birth, input.givenOn) < 10) {
    throw new RuleBroken(`The child was ${ageOn(child.date_of_birth, input.givenOn)} on that day: no child under 10 can be convicted, warned or reprimanded`, 'givenOn');
  }
}

export async function recordOffendingOutcome(db: Kysely<Database>, user: SignedInUser, childId: string, input: OffendingOutcomeInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await check(tx, childId, input, today);
    const id = randomUUID();
    await tx.insertInto('offending_outcome').values({ id, child_id: childId, kind: input.kind, given_on: input.givenOn, note: input.note, recorded_by: user.id }).execute();
    await recordEvent(tx, { childId, type: 'offending.outcome', occurredOn: input.givenOn, sourceTable: 'offending_outcome', sourceId: id, title: titleOf(input.kind), detail: input.note }, user.id);
    return id;
  });
}

export async function outcomeOfChild(db: Db, childId: string, id: string) {
  const row = await db.selectFrom('offending_outcome').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || row.child_id !== childId) throw new NotFound('No offending outcome with that id for this child');
  return row;
}

export async function correctOffendingOutcome(db: Kysely<Database>, user: SignedInUser, childId: string, id: string, input: OffendingOutcomeCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await outcomeOfChild(tx, childId, id);
    await check(tx, childId, input, today);
    await correctRecord(tx, {
      table: 'offending_outcome',
      id,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { kind: input.kind, given_on: input.givenOn, note: input.note },
      event: { occurredOn: input.givenOn, title: titleOf(input.kind), detail: input.note },
    });
  });
}

export async function deleteOffendingOutcome(db: Kysely<Database>, user: SignedInUser, childId: string, id: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await outcomeOfChild(tx, childId, id);
    await deleteRecord(tx, { table: 'offending_outcome', id, actorId: user.id, reason, childId });
  });
}

/** The child's outcomes, latest first. */
export const outcomesOf = (db: Db, childId: string) =>
  db.selectFrom('offending_outcome').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('given_on', 'desc').execute();
