// The people in a child's life: adding a family member (someone new or someone already recorded),
// and changing or ending a relationship. A relationship row reads "related person is <kind> to person".
// Access to the child is checked by the route guard before any of this runs; only the other child a
// worker links (by LA child ID) is checked here, since the path does not name them.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import { maySeeChild, type SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { relationshipLabel } from './relationship-kinds.ts';
import { assertNotBeforeBirth, childDates, type ChildDates } from './dates.ts';
import type { FamilyMember, RelationshipChange } from './record-schemas.ts';

/** Adults already known in the child's wider family (linked to the child's relatives) and not yet linked to the child. */
export async function familyNetwork(db: Db, childId: string) {
  const relatives = sql`(SELECT r.related_person_id AS id FROM relationship r WHERE r.person_id = ${childId} AND r.deleted_at IS NULL
      UNION SELECT r.person_id FROM relationship r WHERE r.related_person_id = ${childId} AND r.deleted_at IS NULL)`;
  const { rows } = await sql<{ id: string; first_name: string; last_name: string; date_of_birth: string | null }>`
    SELECT DISTINCT p.id, p.first_name, p.last_name, p.date_of_birth FROM relationship r
      JOIN person p ON p.id = CASE WHEN r.person_id IN ${relatives} THEN r.related_person_id ELSE r.person_id END
     WHERE r.deleted_at IS NULL AND (r.person_id IN ${relatives} OR r.related_person_id IN ${relatives})
       AND p.kind = 'adult' AND p.deleted_at IS NULL AND p.id <> ${childId} AND p.id NOT IN ${relatives}
     ORDER BY p.last_name, p.first_name LIMIT 100`.execute(db);
  return rows;
}

async function findOther(db: Db, user: SignedInUser, childId: string, member: FamilyMember): Promise<{ id: string; kind: string }> {
  if (member.existingPersonId) {
    const network = await familyNetwork(db, childId);
    if (!network.some((p) => p.id === member.existingPersonId)) throw new RuleBroken('Select the person from the list', 'existingPersonId');
    return { id: member.existingPersonId, kind: 'adult' };
  }
  const other = await db
    .selectFrom('person')
    .select(['id', 'kind'])
    .where(sql<string>`lower(la_child_id)`, '=', (member.laChildId ?? '').toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  // Linking a child you cannot see would show you that child on this record: such a child is, to
  // this worker, not there (whether they exist is not told).
  if (!other || !(await maySeeChild(db, user, other.id))) throw new RuleBroken('No child you have access to has this LA child ID', 'laChildId');
  if (other.id === childId) throw new RuleBroken('This is the child’s own LA child ID', 'laChildId');
  return other;
}

/** A relationship's dates are the child's: not before they were born, not after they died. */
function checkRelationshipDates(child: ChildDates, dates: { startedOn?: string | null; endedOn?: string | null }): void {
  if (dates.startedOn) assertNotBeforeBirth(child, dates.startedOn, 'startedOn', 'The date the relationship started');
  if (dates.endedOn) assertNotBeforeBirth(child, dates.endedOn, 'endedOn', 'The date the relationship ended');
}

export async function addFamilyMember(db: Kysely<Database>, user: SignedInUser, childId: string, member: FamilyMember, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    checkRelationshipDates(await childDates(tx, childId), member);
    let other: { id: string; kind: string };
    if (member.who === 'new') {
      other = { id: randomUUID(), kind: 'adult' };
      await tx
        .insertInto('person')
        .values({
          id: other.id,
          kind: 'adult',
          first_name: member.firstName!,
          last_name: member.lastName!,
          date_of_birth: member.dateOfBirth,
          sex: member.sex,
          recorded_by: user.id,
        })
        .execute();
    } else {
      other = await findOther(tx, user, childId, member);
    }
    const already = await tx
      .selectFrom('relationship')
      .select('id')
      .where('deleted_at', 'is', null)
      .where('ended_on', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('person_id', '=', childId), eb('related_person_id', '=', other.id)]),
          eb.and([eb('person_id', '=', other.id), eb('related_person_id', '=', childId)]),
        ]),
      )
      .executeTakeFirst();
    if (already) throw new RuleBroken('This person is already linked to the child: change that relationship instead', 'existingPersonId');
    const id = randomUUID();
    await tx
      .insertInto('relationship')
      .values({
        id,
        person_id: childId,
        related_person_id: other.id,
        kind: member.kind,
        parental_responsibility: member.parentalResponsibility,
        lives_with: member.livesWith,
        started_on: member.startedOn,
        recorded_by: user.id,
      })
      .execute();
    // When the relationship began is often unknown: then it goes in the journal on the day it was recorded.
    const occurredOn = member.startedOn ?? today;
    const title = `${relationshipLabel(member.kind)} recorded`;
    await recordEvent(tx, { childId, type: 'relationship.added', occurredOn, sourceTable: 'relationship', sourceId: id, title }, user.id);
    if (other.kind !== 'adult') {
      await recordEvent(
        tx,
        { childId: other.id, type: 'relationship.added', occurredOn, sourceTable: 'relationship', sourceId: id, title: `${relationshipLabel(member.kind, true)} recorded` },
        user.id,
      );
    }
    return id;
  });
}

/** One of the child's relationships, from either side, with the other person's name. */
export async function relationshipOf(db: Db, childId: string, relationshipId: string) {
  const r = await db
    .selectFrom('relationship as r')
    .innerJoin('person as p', (join) => join.on(sql<boolean>`p.id = CASE WHEN r.person_id = ${childId} THEN r.related_person_id ELSE r.person_id END`))
    .select(['r.id', 'r.person_id', 'r.kind', 'r.parental_responsibility', 'r.lives_with', 'r.started_on', 'r.ended_on', 'r.version'])
    .select(['p.first_name', 'p.last_name'])
    .where('r.id', '=', relationshipId)
    .where((eb) => eb.or([eb('r.person_id', '=', childId), eb('r.related_person_id', '=', childId)]))
    .where('r.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!r) throw new NotFound('No such relationship on this child’s record');
  return { ...r, otherName: `${r.first_name} ${r.last_name}`, fromOtherSide: r.person_id !== childId };
}

export async function changeRelationship(db: Kysely<Database>, actorId: string, childId: string, relationshipId: string, change: RelationshipChange): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await relationshipOf(tx, childId, relationshipId);
    checkRelationshipDates(await childDates(tx, childId), change);
    await updateRecord(
      tx,
      'relationship',
      relationshipId,
      {
        kind: change.kind,
        parental_responsibility: change.parentalResponsibility,
        lives_with: change.livesWith,
        started_on: change.startedOn,
        ended_on: change.endedOn,
      },
      actorId,
      change.version,
    );
  });
}
