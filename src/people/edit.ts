// Correcting a child's details and recording a death. The previous version is always kept
// (updateRecord), so the history page can show what the record said before.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { softDelete, updateRecord } from '../db/history.ts';
import { recordEvent } from '../chronology/journal.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { RuleBroken, NotFound } from '../server/errors.ts';
import { laChildIdTaken } from './la-child-id.ts';
import { personColumns } from './create.ts';
import type { ChildDetails } from './schemas.ts';

export async function changeChildDetails(
  db: Kysely<Database>,
  actorId: string,
  childId: string,
  details: ChildDetails & { version?: number | undefined },
): Promise<void> {
  if (details.laChildId && (await laChildIdTaken(db, details.laChildId, childId))) {
    throw new RuleBroken('Another child already has this LA child ID', 'laChildId');
  }
  if (details.nhsNumber) {
    const other = await db
      .selectFrom('person')
      .select('id')
      .where('nhs_number', '=', details.nhsNumber)
      .where('id', '<>', childId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (other) throw new RuleBroken('Another record has this NHS number: if it is the same child, ask a manager to merge the records', 'nhsNumber');
  }
  await db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('person').select(['date_of_death', 'restricted']).where('id', '=', childId).executeTakeFirst();
    if (!current) throw new NotFound('No child with that id');
    const born = details.kind === 'child' ? details.dateOfBirth : null;
    if (current.date_of_death && born && current.date_of_death < born) {
      throw new RuleBroken('Date of birth cannot be after the recorded date of death', 'dateOfBirth');
    }
    await updateRecord(
      tx,
      'person',
      childId,
      { ...personColumns(details), ...(details.laChildId ? { la_child_id: details.laChildId } : {}) },
      actorId,
      details.version,
    );
    if (details.restricted && !current.restricted) {
      // Whoever seals a record keeps access to it; everyone else now needs a grant.
      await tx
        .insertInto('access_grant')
        .values({ id: randomUUID(), child_id: childId, user_id: actorId, reason: 'Restricted this record', granted_by: actorId })
        .execute();
    }
    const existing = await tx
      .selectFrom('person_disability')
      .select(['id', 'code'])
      .where('person_id', '=', childId)
      .where('deleted_at', 'is', null)
      .execute();
    for (const row of existing) {
      if (!(details.disabilities as string[]).includes(row.code)) await softDelete(tx, 'person_disability', row.id, actorId, 'No longer recorded');
    }
    const toAdd = details.disabilities.filter((code) => !existing.some((row) => row.code === code));
    if (toAdd.length > 0) {
      await tx
        .insertInto('person_disability')
        .values(toAdd.map((code) => ({ id: randomUUID(), person_id: childId, code, recorded_by: actorId })))
        .execute();
    }
  });
}

export async function recordDeath(db: Kysely<Database>, actorId: string, childId: string, dateOfDeath: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const person = await tx.selectFrom('person').select(['date_of_birth', 'date_of_death']).where('id', '=', childId).executeTakeFirst();
    if (!person) throw new NotFound('No child with that id');
    if (person.date_of_birth && dateOfDeath < person.date_of_birth) {
      throw new RuleBroken('Date of death cannot be before the date of birth', 'dateOfDeath');
    }
    await updateRecord(tx, 'person', childId, { date_of_death: dateOfDeath }, actorId);
    if (!person.date_of_death) {
      await recordEvent(tx, { childId, type: 'person.died', occurredOn: dateOfDeath, sourceTable: 'person', sourceId: childId, title: 'Death recorded' }, actorId);
    } else {
      // A corrected date moves the journal entry with it (the person row's history keeps the old date).
      await tx.updateTable('child_event').set({ occurred_on: dateOfDeath }).where('child_id', '=', childId).where('type', '=', 'person.died').execute();
      await refreshClocks(tx, childId);
    }
  });
}
