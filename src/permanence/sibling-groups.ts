// Brothers and sisters placed, or to be placed, for adoption together, or the decision to place them
// apart, with the reason (seed PS-05: "placed together or apart; reason and assessment for
// separation"; AD-07). Recorded from any one child's permanence page: the group holds every child of it
// and shows on each one's page and chronology. A child is in one group at a time. A group placed
// together is one family in Annex A lists 10 and 11 (decision 0055).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { softDelete, updateRecord, type Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import type { SiblingGroupCorrection, SiblingGroupInput } from './schemas.ts';

/** The child's brothers and sisters (full or half, from either side of the relationship) that the user may see. */
export async function siblingsOf(db: Db, user: SignedInUser, childId: string) {
  const { rows } = await sql<{ id: string; first_name: string; last_name: string; date_of_birth: string | null }>`
    SELECT DISTINCT p.id, p.first_name, p.last_name, p.date_of_birth FROM relationship r
      JOIN person p ON p.id = CASE WHEN r.person_id = ${childId} THEN r.related_person_id ELSE r.person_id END
     WHERE r.deleted_at IS NULL AND r.kind IN ('sibling', 'half-sibling') AND (r.person_id = ${childId} OR r.related_person_id = ${childId})
       AND p.kind = 'child' AND p.deleted_at IS NULL AND p.merged_into IS NULL AND ${childVisibleTo(user, sql.ref('p.id'))}
     ORDER BY p.date_of_birth, p.first_name`.execute(db);
  return rows;
}

/** The group the child is in, with its children (a child the user may not see is not named). */
export async function siblingGroupOf(db: Db, user: SignedInUser, childId: string) {
  const group = await db
    .selectFrom('sibling_group_member as m')
    .innerJoin('sibling_group as g', 'g.id', 'm.group_id')
    .select(['g.id', 'g.decided_on', 'g.decision', 'g.reason', 'g.version'])
    .where('m.child_id', '=', childId)
    .where('m.deleted_at', 'is', null)
    .where('g.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!group) return null;
  const visible = childVisibleTo(user, sql.ref('m.child_id'));
  const children = await db
    .selectFrom('sibling_group_member as m')
    .innerJoin('person as p', 'p.id', 'm.child_id')
    .select(['m.child_id'])
    .select(sql<string | null>`CASE WHEN ${visible} THEN p.first_name || ' ' || p.last_name END`.as('name'))
    .where('m.group_id', '=', group.id)
    .where('m.deleted_at', 'is', null)
    .orderBy('p.date_of_birth')
    .execute();
  return { ...group, children: children.map((c) => ({ ...c, self: c.child_id === childId })) };
}

const names = (children: readonly { first_name: string }[]) => children.map((c) => c.first_name).join(', ').replace(/, ([^,]*)$/, ' and $1');
const title = (decision: string, others: readonly { first_name: string }[]) =>
  decision === 'together' ? `To be placed for adoption together with ${names(others)}` : `To be placed apart from ${names(others)}: decided not to place together`;

/** The chosen siblings must be the child's, seen by the user, and in no other group. */
async function checkSiblings(tx: Db, user: SignedInUser, childId: string, chosen: readonly string[], groupId: string | null) {
  const siblings = await siblingsOf(tx, user, childId);
  const picked = siblings.filter((s) => chosen.includes(s.id));
  if (picked.length !== new Set(chosen).size) throw new RuleBroken('Choose the brothers and sisters from the list: only the child’s recorded brothers and sisters', 'siblings');
  const elsewhere = await tx
    .selectFrom('sibling_group_member as m')
    .innerJoin('person as p', 'p.id', 'm.child_id')
    .select(['p.first_name'])
    .where('m.child_id', 'in', [childId, ...chosen])
    .where('m.deleted_at', 'is', null)
    .$if(groupId !== null, (q) => q.where('m.group_id', '<>', groupId!))
    .executeTakeFirst();
  if (elsewhere) throw new RuleBroken(`${elsewhere.first_name} is already in a sibling group: correct that group instead`, 'siblings');
  return picked;
}

async function checkDate(tx: Db, childIds: readonly string[], date: string, today: string) {
  if (date > today) throw new RuleBroken('The date of the decision cannot be in the future', 'decidedOn');
  for (const id of childIds) assertNotBeforeBirth(await childDates(tx, id), date, 'decidedOn', 'The date of the decision');
}

async function journal(tx: Db, user: SignedInUser, groupId: string, members: readonly { id: string; first_name: string }[], input: SiblingGroupInput) {
  for (const m of members) {
    const others = members.filter((o) => o.id !== m.id);
    await recordEvent(tx, { childId: m.id, type: 'permanence.sibling-group', occurredOn: input.decidedOn, sourceTable: 'sibling_group', sourceId: groupId, scopeId: groupId, title: title(input.decision, others), detail: input.why }, user.id);
  }
}

export async function recordSiblingGroup(db: Kysely<Database>, user: SignedInUser, childId: string, input: SiblingGroupInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const picked = await checkSiblings(tx, user, childId, input.siblings, null);
    await checkDate(tx, [childId, ...input.siblings], input.decidedOn, today);
    const self = await tx.selectFrom('person').select(['id', 'first_name']).where('id', '=', childId).executeTakeFirstOrThrow();
    const id = randomUUID();
    await tx.insertInto('sibling_group').values({ id, decided_on: input.decidedOn, decision: input.decision, reason: input.why, recorded_by: user.id }).execute();
    const members = [self, ...picked];
    await tx.insertInto('sibling_group_member').values(members.map((m) => ({ id: randomUUID(), group_id: id, child_id: m.id, recorded_by: user.id }))).execute();
    await journal(tx, user, id, members, input);
    return id;
  });
}

/**
 * Corrects the group with the reason: the decision, its date and reason, and which children are in it
 * (a child taken out keeps the removed membership's version). Each child's chronology entry is written
 * again from the corrected group.
 */
export async function correctSiblingGroup(db: Kysely<Database>, user: SignedInUser, childId: string, input: SiblingGroupCorrection, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const group = await siblingGroupOf(tx, user, childId);
    if (!group) throw new NotFound('The child is in no sibling group');
    const picked = await checkSiblings(tx, user, childId, input.siblings, group.id);
    await checkDate(tx, [childId, ...input.siblings], input.decidedOn, today);
    await updateRecord(tx, 'sibling_group', group.id, { decided_on: input.decidedOn, decision: input.decision, reason: input.why }, user.id, input.version, input.reason);
    const keep = new Set([childId, ...input.siblings]);
    const members = await tx.selectFrom('sibling_group_member').select(['id', 'child_id']).where('group_id', '=', group.id).where('deleted_at', 'is', null).execute();
    // A child in the group whom this user may not see stays in it: they cannot be chosen or left out here.
    const hidden = group.children.filter((c) => c.name === null).map((c) => c.child_id);
    for (const m of members) if (!keep.has(m.child_id) && !hidden.includes(m.child_id)) await softDelete(tx, 'sibling_group_member', m.id, user.id, input.reason);
    const present = new Set(members.map((m) => m.child_id));
    const added = picked.filter((p) => !present.has(p.id));
    if (added.length) await tx.insertInto('sibling_group_member').values(added.map((p) => ({ id: randomUUID(), group_id: group.id, child_id: p.id, recorded_by: user.id }))).execute();
    await tx.updateTable('child_event').set({ deleted_at: sql<Date>`lantern_now()` }).where('source_id', '=', group.id).where('deleted_at', 'is', null).execute();
    const now = await tx.selectFrom('sibling_group_member as m').innerJoin('person as p', 'p.id', 'm.child_id').select(['p.id', 'p.first_name']).where('m.group_id', '=', group.id).where('m.deleted_at', 'is', null).execute();
    await journal(tx, user, group.id, now, input);
    return group.id;
  });
}
