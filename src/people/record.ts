// Reading a child's record: the person, the people in their life, addresses, allocations and open
// clocks, in the shape the record page and the API show.
import { sql, type RawBuilder } from 'kysely';
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

/** The record page's facts, one query: the person and everything beside them, as JSON. */
function recordFacts(childId: string) {
  const id = sql`p.id`;
  return sql<{
    person: PersonRow;
    disabilities: string[];
    relationships: RelationshipRow[];
    addresses: AddressRow[];
    allocations: AllocationRow[];
    clocks: ClockRow[];
    changed_by: string | null;
    recorded_by: string | null;
  }>`SELECT to_jsonb(p) AS person,
    (SELECT coalesce(json_agg(d.code ORDER BY d.code), '[]'::json) FROM person_disability d WHERE d.person_id = ${id} AND d.deleted_at IS NULL) AS disabilities,
    (SELECT coalesce(json_agg(x ORDER BY x.ended_on IS NOT NULL, x.last_name), '[]'::json) FROM (
      SELECT r.id, r.person_id, r.kind, r.parental_responsibility, r.lives_with, r.started_on, r.ended_on, r.version,
        o.id AS other_id, o.kind AS other_kind, o.first_name, o.last_name, o.date_of_birth, o.la_child_id
      FROM relationship r JOIN person o ON o.id = CASE WHEN r.person_id = ${id} THEN r.related_person_id ELSE r.person_id END
      WHERE (r.person_id = ${id} OR r.related_person_id = ${id}) AND r.deleted_at IS NULL AND o.deleted_at IS NULL) x) AS relationships,
    (SELECT coalesce(json_agg(a ORDER BY a.from_date DESC), '[]'::json) FROM (
      SELECT id, line1, line2, town, postcode, from_date, to_date FROM address WHERE person_id = ${id} AND deleted_at IS NULL) a) AS addresses,
    (SELECT coalesce(json_agg(a ORDER BY a.to_date IS NULL DESC, a.from_date DESC), '[]'::json) FROM (
      SELECT a.id, a.role, a.from_date, a.to_date, a.worker_id, w.display_name AS worker_name, t.name AS team_name
      FROM allocation a JOIN app_user w ON w.id = a.worker_id LEFT JOIN team t ON t.id = w.team_id
      WHERE a.child_id = ${id} AND a.deleted_at IS NULL) a) AS allocations,
    (SELECT coalesce(json_agg(c ORDER BY c.due_on), '[]'::json) FROM (
      SELECT id, rule_id, due_on, started_on FROM clock WHERE child_id = ${id} AND met_on IS NULL AND stopped_on IS NULL) c) AS clocks,
    (SELECT display_name FROM app_user WHERE id = p.updated_by) AS changed_by,
    (SELECT display_name FROM app_user WHERE id = p.recorded_by) AS recorded_by
  FROM person p WHERE p.id = ${childId}::uuid AND p.deleted_at IS NULL AND p.kind <> 'adult'`;
}

type PersonRow = Omit<Awaited<ReturnType<typeof loadChild>>, 'recorded_at' | 'updated_at' | 'deleted_at'> & {
  recorded_at: string;
  updated_at: string | null;
  deleted_at: string | null;
};
interface RelationshipRow {
  id: string;
  person_id: string;
  kind: string;
  parental_responsibility: boolean;
  lives_with: boolean;
  started_on: string | null;
  ended_on: string | null;
  version: number;
  other_id: string;
  other_kind: string;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  la_child_id: string | null;
}
interface AddressRow {
  id: string;
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string;
  from_date: string;
  to_date: string | null;
}
interface AllocationRow {
  id: string;
  role: string;
  from_date: string;
  to_date: string | null;
  worker_id: string;
  worker_name: string;
  team_name: string | null;
}
interface ClockRow {
  id: string;
  rule_id: string;
  due_on: string;
  started_on: string;
}

/**
 * Everything the record page shows, in one statement. `also` are more columns for the same
 * statement (the record sections' facts), returned as `extra`.
 */
export async function childRecord(db: Db, id: string, today: string, also: readonly RawBuilder<unknown>[] = []) {
  const facts = recordFacts(id);
  const query = also.length
    ? sql<Awaited<ReturnType<typeof facts.execute>>['rows'][number] & Record<string, unknown>>`SELECT f.*, ${sql.join(also.map((a, i) => sql`${a} AS ${sql.ref(`extra_${i}`)}`))} FROM (${facts}) f`
    : facts;
  const row = (await query.execute(db)).rows[0];
  if (!row) throw new NotFound('No child with that id');
  const person = row.person;
  const disabilities = row.disabilities.map((code) => ({ code, label: labelFor(DISABILITY, code) ?? code }));
  const relationships = row.relationships.map((r) => {
    const fromOtherSide = r.person_id !== id;
    return { ...r, fromOtherSide, kindLabel: relationshipLabel(r.kind, fromOtherSide) };
  });
  const allocations = row.allocations.map((r) => ({ ...r, roleLabel: allocationRoleLabel(r.role), current: r.to_date === null }));
  const clocks = row.clocks.map((c) => ({ ...c, title: ruleById(c.rule_id)?.title ?? c.rule_id, overdue: c.due_on < today }));
  const endOfLife = person.date_of_death ?? today;
  return {
    person,
    age: person.date_of_birth ? ageOn(person.date_of_birth, endOfLife) : null,
    sexLabel: person.sex ? (labelFor(SEX, person.sex) ?? person.sex) : null,
    ethnicityLabel: person.ethnicity ? (labelFor(ETHNICITY, person.ethnicity) ?? person.ethnicity) : null,
    disabilities,
    relationships,
    addresses: row.addresses,
    currentAddress: row.addresses.find((a) => a.to_date === null) ?? null,
    allocations,
    currentAllocations: allocations.filter((a) => a.current),
    clocks,
    lastChange: person.updated_at ? { by: row.changed_by, at: person.updated_at } : { by: row.recorded_by, at: person.recorded_at },
    extra: also.map((_a, i) => (row as Record<string, unknown>)[`extra_${i}`] ?? null),
  };
}
export type ChildRecord = Awaited<ReturnType<typeof childRecord>>;
