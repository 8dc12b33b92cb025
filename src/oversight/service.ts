// Management oversight on a child's case (MO-01, MO-02): a manager reads the case, writes their analysis
// of the child's experience and the impact of the work, gives direction and sets actions with an owner
// and a date. Only a manager of the case may record it (decision 0021). The entry goes into the child's
// journal as oversight of a child protection or looked-after case, or of a child in need, so the
// oversight clock (src/clocks/rules.ts) runs at the interval the child's situation needs.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import type { EventType } from '../chronology/event-types.ts';
import { addCaseActions } from '../actions/service.ts';
import { activeUser } from '../plans/repository.ts';
import { childDates, assertNotBeforeBirth } from '../people/dates.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { labelFor } from '../codes/code-list.ts';
import { OVERSIGHT_KIND, type OversightKindCode } from './codes.ts';
import { managesCase } from './managers.ts';
import type { ChallengeResponse, OversightCorrection, OversightInput } from './schemas.ts';

export const NOT_A_MANAGER =
  'Only a manager of this child’s case may record this: the manager of the team of the worker the child is allocated to, or that manager’s head of service';

export async function assertManagesCase(db: Db, user: SignedInUser, childId: string, field = 'form'): Promise<void> {
  if (!(await managesCase(db, user.id, childId))) throw new RuleBroken(NOT_A_MANAGER, field);
}

/** Oversight of a child on a child protection plan or in care that day runs every 4 weeks; otherwise 3 months. */
async function oversightEventType(db: Db, childId: string, on: string): Promise<EventType> {
  const row = await sql<{ close: boolean }>`SELECT
      EXISTS (SELECT 1 FROM plan p WHERE p.child_id = ${childId} AND p.kind = 'cp' AND p.deleted_at IS NULL
        AND p.started_on <= ${on} AND (p.ended_on IS NULL OR p.ended_on >= ${on}))
      OR EXISTS (SELECT 1 FROM care_period c WHERE c.child_id = ${childId} AND c.deleted_at IS NULL
        AND c.started_on <= ${on} AND (c.ended_on IS NULL OR c.ended_on >= ${on})) AS close`.execute(db);
  return row.rows[0]?.close ? 'oversight.protection-or-care' : 'oversight.child-in-need';
}

const titleOf = (kind: OversightKindCode, addressedTo: string | null) =>
  kind === 'oversight' ? 'Management oversight' : `${labelFor(OVERSIGHT_KIND, kind)} to ${addressedTo}`;

async function checkAddressee(tx: Db, id: string | null) {
  if (id && !(await activeUser(tx, id))) throw new RuleBroken('Choose a current Lantern user, or leave it blank', 'addressedToUserId');
}

export async function recordOversight(db: Kysely<Database>, user: SignedInUser, childId: string, input: OversightInput, today: string): Promise<string> {
  if (input.overseenOn > today) throw new RuleBroken('The date cannot be in the future: record oversight once you have read the case', 'overseenOn');
  return db.transaction().execute(async (tx) => {
    await assertManagesCase(tx, user, childId, 'kind');
    assertNotBeforeBirth(await childDates(tx, childId), input.overseenOn, 'overseenOn', 'The date of the oversight');
    await checkAddressee(tx, input.addressedToUserId);
    const id = randomUUID();
    await tx
      .insertInto('management_oversight')
      .values({
        id,
        child_id: childId,
        kind: input.kind,
        overseen_on: input.overseenOn,
        manager_id: user.id,
        parts_read: JSON.stringify(input.partsRead),
        what_read: input.whatRead,
        analysis: input.analysis,
        direction: input.direction,
        addressed_to: input.kind === 'oversight' ? null : input.addressedTo,
        addressed_to_user_id: input.kind === 'oversight' ? null : input.addressedToUserId,
        recorded_by: user.id,
      })
      .execute();
    await addCaseActions(tx, user.id, childId, 'oversight', id, input.actions, input.overseenOn);
    await recordEvent(
      tx,
      {
        childId,
        type: await oversightEventType(tx, childId, input.overseenOn),
        occurredOn: input.overseenOn,
        sourceTable: 'management_oversight',
        sourceId: id,
        title: titleOf(input.kind, input.addressedTo),
        detail: `Direction: ${input.direction}`,
        significance: input.kind === 'oversight' ? 'normal' : 'high',
      },
      user.id,
    );
    return id;
  });
}

function entries(db: Db, childId: string) {
  return db
    .selectFrom('management_oversight as o')
    .innerJoin('app_user as m', 'm.id', 'o.manager_id')
    .selectAll('o')
    .select('m.display_name as manager_name')
    .where('o.child_id', '=', childId)
    .where('o.deleted_at', 'is', null);
}

export async function oversightEntriesOf(db: Db, childId: string) {
  return entries(db, childId).orderBy('o.overseen_on', 'desc').orderBy('o.recorded_at', 'desc').execute();
}

export async function oversightOf(db: Db, childId: string, entryId: string) {
  const entry = await entries(db, childId).where('o.id', '=', entryId).executeTakeFirst();
  if (!entry) throw new NotFound('No oversight entry with that id for this child');
  const actions = await db
    .selectFrom('case_action')
    .select(['id', 'description', 'owner', 'due_on', 'status'])
    .where('source', '=', 'oversight')
    .where('source_id', '=', entryId)
    .where('deleted_at', 'is', null)
    .orderBy('due_on')
    .execute();
  return { ...entry, actions };
}

/** Corrects an entry with the reason; only a manager of the case may, and the chronology follows. */
export async function correctOversight(db: Kysely<Database>, user: SignedInUser, childId: string, entryId: string, input: OversightCorrection, today: string): Promise<void> {
  if (input.overseenOn > today) throw new RuleBroken('The date cannot be in the future', 'overseenOn');
  await db.transaction().execute(async (tx) => {
    const entry = await oversightOf(tx, childId, entryId);
    await assertManagesCase(tx, user, childId, 'overseenOn');
    assertNotBeforeBirth(await childDates(tx, childId), input.overseenOn, 'overseenOn', 'The date of the oversight');
    await checkAddressee(tx, input.addressedToUserId);
    const challenge = entry.kind !== 'oversight';
    await correctRecord(tx, {
      table: 'management_oversight',
      id: entryId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: {
        overseen_on: input.overseenOn,
        parts_read: JSON.stringify(input.partsRead),
        what_read: input.whatRead,
        analysis: input.analysis,
        direction: input.direction,
        addressed_to: challenge ? input.addressedTo : null,
        addressed_to_user_id: challenge ? input.addressedToUserId : null,
      },
      event: { occurredOn: input.overseenOn, title: titleOf(entry.kind, input.addressedTo), detail: `Direction: ${input.direction}` },
    });
  });
}

export async function deleteOversight(db: Kysely<Database>, user: SignedInUser, childId: string, entryId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await oversightOf(tx, childId, entryId);
    await assertManagesCase(tx, user, childId);
    await deleteRecord(tx, { table: 'management_oversight', id: entryId, actorId: user.id, reason, childId });
  });
}

/** The answer to a challenge or escalation (MO-02: tracked to a response and a resolution). */
export async function respondToChallenge(db: Kysely<Database>, user: SignedInUser, childId: string, entryId: string, input: ChallengeResponse, today: string): Promise<void> {
  if (input.respondedOn > today) throw new RuleBroken('The date of the response cannot be in the future', 'respondedOn');
  await db.transaction().execute(async (tx) => {
    const entry = await oversightOf(tx, childId, entryId);
    if (entry.kind === 'oversight') throw new RuleBroken('Only a challenge or an escalation has a response', 'response');
    if (entry.resolved_on) throw new RuleBroken(`This ${entry.kind} was resolved on ${formatDate(entry.resolved_on)}`, 'response');
    if (input.respondedOn < entry.overseen_on) throw new RuleBroken(`The response cannot be before the ${entry.kind}, on ${formatDate(entry.overseen_on)}`, 'respondedOn');
    await updateRecord(
      tx,
      'management_oversight',
      entryId,
      { responded_on: input.respondedOn, response: input.response, resolved_on: input.resolved ? input.respondedOn : null },
      user.id,
      input.version,
    );
  });
}
