// The people in a child's life: adding a family member (someone new or someone already recorded),
// and changing or ending a relationship. A relationship row reads "related person is <kind> to person".
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import { requireSeeChild, type SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { relationshipLabel } from './relationship-kinds.ts';
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
  if (!other) throw new RuleBroken('No child has this LA child ID', 'laChildId');
  if (other.id === childId) throw new RuleBroken('This is the child’s own LA child ID', 'laChildId');
  // Linking a child you cannot see would show you that child on this record.
  await requireSeeChild(db, user, other.id);
  return other;
}

export async function addFamilyMember(db: Kysely<Database>, user: SignedInUser, childId: string, member: FamilyMember, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
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

export async function changeRelationship(db: Kysely<Database>, actorId: string, childId: string, relationshipId: string, change: RelationshipChange): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('relationship')
      .select(['id', 'person_id', 'related_person_id'])
      .where('id', '=', relationshipId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row || (row.person_id !== childId && row.related_person_id !== childId)) throw new NotFound('No such relationship on this child’s record');
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
