// Where a person lives, with history: a new address closes the current one on the day they moved.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { updateRecord, type Db } from '../db/history.ts';
import { recordEvent } from '../chronology/journal.ts';
import { RuleBroken } from '../server/errors.ts';
import type { NewAddress } from './record-schemas.ts';
import { assertNotBeforeBirth, childDates } from './dates.ts';

/** Where the person lives now, if an address is recorded. */
export async function currentAddressOf(db: Db, personId: string) {
  return (
    (await db
      .selectFrom('address')
      .select(['id', 'line1', 'line2', 'town', 'postcode', 'from_date'])
      .where('person_id', '=', personId)
      .where('to_date', 'is', null)
      .where('deleted_at', 'is', null)
      .orderBy('from_date', 'desc')
      .executeTakeFirst()) ?? null
  );
}

export async function addAddress(db: Kysely<Database>, actorId: string, personId: string, address: NewAddress, recordOnJournal: boolean): Promise<string> {
  const fromDate = address.fromDate!;
  return db.transaction().execute(async (tx) => {
    // A child's address is a fact about the child: not before they were born, nor after they died.
    // An unborn child's is the mother's, from pregnancy.
    assertNotBeforeBirth(await childDates(tx, personId), fromDate, 'fromDate', 'The date they moved in');
    const current = await tx
      .selectFrom('address')
      .select(['id', 'from_date'])
      .where('person_id', '=', personId)
      .where('to_date', 'is', null)
      .where('deleted_at', 'is', null)
      .execute();
    for (const previous of current) {
      if (fromDate <= previous.from_date) {
        throw new RuleBroken('The date they moved in must be after the date they moved to their current address', 'fromDate');
      }
      await updateRecord(tx, 'address', previous.id, { to_date: fromDate }, actorId);
    }
    const id = randomUUID();
    await tx
      .insertInto('address')
      .values({ id, person_id: personId, line1: address.line1, line2: address.line2, town: address.town, postcode: address.postcode, from_date: fromDate, recorded_by: actorId })
      .execute();
    if (recordOnJournal) {
      await recordEvent(
        tx,
        {
          childId: personId,
          type: 'address.changed',
          occurredOn: fromDate,
          sourceTable: 'address',
          sourceId: id,
          title: current.length ? 'Moved address' : 'Address recorded',
          detail: `${address.line1}, ${address.postcode}`,
        },
        actorId,
      );
    }
    return id;
  });
}
