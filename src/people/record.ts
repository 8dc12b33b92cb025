// Reading a child's record: the person, the people in their life, addresses, allocations and open
// clocks, in the shape the record page and the API show.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { NotFound } from '../server/errors.ts';
import { DISABILITY, ETHNICITY, SEX, labelFor } from '../codes/index.ts';
import { ruleById } from '../clocks/rules.ts';
import { ageOn } from '../server/format.ts';
import { relationshipLabel } from './relationship-kinds.ts';
import { allocationRoleLabel } from './allocation-roles.ts';

/** The person row, whatever its state (merged, deleted, adult). */
export async function findPerson(db: Db, id: string) {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Follows merges to the record that was kept (a chain if that was merged too). */
export async function survivorOf(db: Db, id: string): Promise<string | null> {
  let current = await findPerson(db, id);
  for (let hops = 0; current?.merged_into && hops < 10; hops++) {
    const next = await findPerson(db, current.merged_into);
    if (!next) break;
    current = next;
  }
  return current && current.id !== id ? current.id : null;
}

export async function loadChild(db: Db, id: string) {
  const person = await findPerson(db, id);
  if (!person || person.deleted_at || person.kind === 'adult') throw new NotFound('No child with that id');
  return person;
}

export async function relationshipsOf(db: Db, childId: string) {
  const rows = await db
    .selectFrom('relationship as r')
    .innerJoin('person as p', (join) =>
      join.on(sql<boolean>`p.id = CASE WHEN r.person_id = ${childId} THEN r.related_person_id ELSE r.person_id END`),
    )
    .select(['r.id', 'r.person_id', 'r.kind', 'r.parental_responsibility', 'r.lives_with', 'r.started_on', 'r.ended_on', 'r.version'])
    .select(['p.id as other_id', 'p.kind as other_kind', 'p.first_name', 'p.last_name', 'p.date_of_birth', 'p.la_child_id'])
    .where((eb) => eb.or([eb('r.person_id', '=', childId), eb('r.related_person_id', '=', childId)]))
    .where('r.deleted_at', 'is', null)
    .where('p.deleted_at', 'is', null)
    .orderBy(sql`r.ended_on IS NOT NULL`)
    .orderBy('p.last_name')
    .execute();
  return rows.map((r) => {
    const fromOtherSide = r.person_id !== childId;
    return { ...r, fromOtherSide, kindLabel: relationshipLabel(r.kind, fromOtherSide) };
  });
}

export async function addressesOf(db: Db, personId: string) {
  return db
    .selectFrom('address')
    .select(['id', 'line1', 'line2', 'town', 'postcode', 'from_date', 'to_date'])
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .orderBy('from_date', 'desc')
    .execute();
}

export async function allocationsOf(db: Db, childId: string) {
  const rows = await db
    .selectFrom('allocation as a')
    .innerJoin('app_user as w', 'w.id', 'a.worker_id')
    .leftJoin('team as t', 't.id', 'w.team_id')
    .select(['a.id', 'a.role', 'a.from_date', 'a.to_date', 'a.worker_id', 'w.display_name as worker_name', 't.name as team_name'])
    .where('a.child_id', '=', childId)
    .where('a.deleted_at', 'is', null)
    .orderBy(sql`a.to_date IS NULL`, 'desc')
    .orderBy('a.from_date', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, roleLabel: allocationRoleLabel(r.role), current: r.to_date === null }));
}

export async function openClocksOf(db: Db, childId: string, today: string) {
  const rows = await db
    .selectFrom('clock')
    .select(['id', 'rule_id', 'due_on', 'started_on'])
    .where('child_id', '=', childId)
    .where('met_on', 'is', null)
    .where('stopped_on', 'is', null)
    .orderBy('due_on')
    .execute();
  return rows.map((c) => ({ ...c, title: ruleById(c.rule_id)?.title ?? c.rule_id, overdue: c.due_on < today }));
}

export async function disabilitiesOf(db: Db, personId: string) {
  const rows = await db
    .selectFrom('person_disability')
    .select('code')
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code, label: labelFor(DISABILITY, r.code) ?? r.code }));
}

async function userName(db: Db, id: string | null): Promise<string | null> {
  if (!id) return null;
  const row = await db.selectFrom('app_user').select('display_name').where('id', '=', id).executeTakeFirst();
  return row?.display_name ?? null;
}

/** Everything the record page shows. */
export async function childRecord(db: Db, id: string, today: string) {
  const person = await loadChild(db, id);
  const [disabilities, relationships, addresses, allocations, clocks, changedBy, recordedBy] = await Promise.all([
    disabilitiesOf(db, id),
    relationshipsOf(db, id),
    addressesOf(db, id),
    allocationsOf(db, id),
    openClocksOf(db, id, today),
    userName(db, person.updated_by),
    userName(db, person.recorded_by),
  ]);
  const endOfLife = person.date_of_death ?? today;
  return {
    person,
    age: person.date_of_birth ? ageOn(person.date_of_birth, endOfLife) : null,
    sexLabel: person.sex ? (labelFor(SEX, person.sex) ?? person.sex) : null,
    ethnicityLabel: person.ethnicity ? (labelFor(ETHNICITY, person.ethnicity) ?? person.ethnicity) : null,
    disabilities,
    relationships,
    addresses,
    currentAddress: addresses.find((a) => a.to_date === null) ?? null,
    allocations,
    currentAllocations: allocations.filter((a) => a.current),
    clocks,
    lastChange: person.updated_at ? { by: changedBy, at: person.updated_at } : { by: recordedBy, at: person.recorded_at },
  };
}
export type ChildRecord = Awaited<ReturnType<typeof childRecord>>;
