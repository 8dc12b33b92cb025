// Likely duplicates of a child about to be recorded: the same date of birth and a similar name
// (same last name and first names sharing their first three letters, or the same first name and last
// names starting the same), or the same NHS number, which is certain.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';

export interface DuplicateCandidate {
  id: string;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  expected_date_of_birth: string | null;
  la_child_id: string | null;
  sameNhsNumber: boolean;
  visible: boolean;
}

export interface PersonToMatch {
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  nhsNumber: string | null;
}

const PREFIX = 3;

export async function likelyDuplicates(db: Db, user: SignedInUser, person: PersonToMatch): Promise<DuplicateCandidate[]> {
  const born = person.dateOfBirth ?? person.expectedDateOfBirth;
  const first = person.firstName.toLowerCase();
  const last = person.lastName.toLowerCase();
  const similarName = sql<boolean>`(
      (lower(child.last_name) = ${last} AND left(lower(child.first_name), ${PREFIX}) = ${first.slice(0, PREFIX)})
   OR (lower(child.first_name) = ${first} AND left(lower(child.last_name), ${PREFIX}) = ${last.slice(0, PREFIX)}))`;
  const sameBirth = born
    ? sql<boolean>`(child.date_of_birth = ${born} OR child.expected_date_of_birth = ${born})`
    : sql<boolean>`false`;
  const sameNhs = person.nhsNumber ? sql<boolean>`(child.nhs_number = ${person.nhsNumber})` : sql<boolean>`false`;
  const rows = await db
    .selectFrom('person as child')
    .select(['child.id', 'child.first_name', 'child.last_name', 'child.date_of_birth', 'child.expected_date_of_birth', 'child.la_child_id'])
    .select(sameNhs.as('sameNhsNumber'))
    .select(childVisibleTo(user, sql.ref('child.id')).as('visible'))
    .where('child.deleted_at', 'is', null)
    .where('child.merged_into', 'is', null)
    .where('child.kind', '<>', 'adult')
    .where(sql<boolean>`((${sameBirth} AND ${similarName}) OR ${sameNhs})`)
    .orderBy('child.last_name')
    .orderBy('child.first_name')
    .limit(50)
    .execute();
  return rows.map((r) => ({ ...r, sameNhsNumber: r.sameNhsNumber === true, visible: r.visible === true }));
}
