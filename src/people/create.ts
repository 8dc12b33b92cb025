// Adding a child: look for likely duplicates first, make one record however many times the form is
// sent (the submission key), write the journal and give the worker who recorded the child access.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { can } from '../access/roles.ts';
import { recordEvent } from '../chronology/journal.ts';
import { Forbidden, RuleBroken } from '../server/errors.ts';
import { likelyDuplicates, type DuplicateCandidate } from './duplicates.ts';
import { laChildIdTaken, nextLaChildId } from './la-child-id.ts';
import type { ChildDetails, NewChild } from './schemas.ts';

export type AddChildResult =
  | { status: 'created'; id: string }
  /** The same form was sent again: the record it made before. */
  | { status: 'already-created'; id: string }
  /** Likely duplicates the worker may see: they must choose before a record is made. */
  | { status: 'possible-duplicates'; candidates: DuplicateCandidate[]; certain: boolean };

async function earlierSubmission(db: Db, key: string, user: SignedInUser): Promise<string | null> {
  const row = await db.selectFrom('idempotency_key').select(['user_id', 'result']).where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  if (row.user_id !== user.id) throw new RuleBroken('This form has expired: go back to “Add a child” and try again.');
  return row.result;
}

/** The person columns a child's details fill (shared with changing the details). */
export function personColumns(details: ChildDetails) {
  return {
    kind: details.kind,
    first_name: details.firstName,
    last_name: details.lastName,
    other_names: details.otherNames,
    date_of_birth: details.kind === 'child' ? details.dateOfBirth : null,
    expected_date_of_birth: details.kind === 'unborn' ? details.expectedDateOfBirth : null,
    sex: details.sex,
    ethnicity: details.ethnicity,
    nhs_number: details.nhsNumber,
    upn: details.upn,
    former_upn: details.formerUpn,
    immigration_status: details.immigrationStatus,
    unaccompanied_asylum_seeker: details.uasc,
    first_language: details.firstLanguage,
    religion: details.religion,
    restricted: details.restricted,
  };
}

/**
 * Holds, until the transaction ends, a lock for everyone who could be this child: the same date of
 * birth (every likely duplicate shares it, whatever the spelling of the names), else the same names;
 * and the same NHS number. Keys are taken in order so two submissions cannot wait on each other.
 */
async function lockSamePerson(tx: Db, child: NewChild): Promise<void> {
  const born = child.dateOfBirth ?? child.expectedDateOfBirth;
  const keys = [
    born ? `person-born:${born}` : `person-named:${child.firstName.trim().toLowerCase()}|${child.lastName.trim().toLowerCase()}`,
    ...(child.nhsNumber ? [`person-nhs:${child.nhsNumber}`] : []),
  ].sort();
  for (const key of keys) await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`lantern:${key}`}, 0))`.execute(tx);
}

export async function addChild(db: Kysely<Database>, user: SignedInUser, child: NewChild, today: string): Promise<AddChildResult> {
  if (!can(user.role, 'create-child')) throw new Forbidden('You cannot add children to Lantern.');
  if (child.submissionId) {
    const earlier = await earlierSubmission(db, child.submissionId, user);
    if (earlier) return { status: 'already-created', id: earlier };
  }
  return db.transaction().execute(async (tx): Promise<AddChildResult> => {
    // Two submissions for the same child at once (two tabs, two workers, an API retry) must not both
    // pass the duplicate check: whoever comes second waits here, then finds the first one's record.
    await lockSamePerson(tx, child);
    if (child.submissionId) {
      // The same form, sent again while the first was being saved: the record it made.
      const earlier = await earlierSubmission(tx, child.submissionId, user);
      if (earlier) return { status: 'already-created', id: earlier };
    }
    if (child.laChildId && (await laChildIdTaken(tx, child.laChildId))) {
      throw new RuleBroken('Another child already has this LA child ID: check it, or leave it blank for Lantern to give one', 'laChildId');
    }
    const candidates = await likelyDuplicates(tx, user, child);
    const visible = candidates.filter((c) => c.visible);
    const sameNhs = candidates.filter((c) => c.sameNhsNumber);
    if (sameNhs.length > 0) {
      // The same NHS number is the same child: never a second record.
      const seen = sameNhs.filter((c) => c.visible);
      if (seen.length === 0) {
        throw new RuleBroken('A child with this NHS number is already recorded, on a record you do not have access to: check the number, or ask your manager', 'nhsNumber');
      }
      return { status: 'possible-duplicates', candidates: seen, certain: true };
    }
    if (visible.length > 0 && !child.notDuplicateReason) return { status: 'possible-duplicates', candidates: visible, certain: false };
    const id = randomUUID();
    if (child.submissionId) {
      // Claim the key first: a second, simultaneous submission waits here and then finds it taken.
      const claimed = await tx
        .insertInto('idempotency_key')
        .values({ key: child.submissionId, user_id: user.id, result: id })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!claimed) {
        const earlier = await earlierSubmission(tx, child.submissionId, user);
        if (earlier) return { status: 'already-created' as const, id: earlier };
      }
    }
    const laChildId = child.laChildId ?? (await nextLaChildId(tx));
    await tx.insertInto('person').values({ id, ...personColumns(child), la_child_id: laChildId, recorded_by: user.id }).execute();
    if (child.disabilities.length > 0) {
      await tx
        .insertInto('person_disability')
        .values(child.disabilities.map((code) => ({ id: randomUUID(), person_id: id, code, recorded_by: user.id })))
        .execute();
    }
    // Whoever records a child can open what they recorded, before anyone is allocated (and when sealed).
    await tx
      .insertInto('access_grant')
      .values({ id: randomUUID(), child_id: id, user_id: user.id, reason: 'Recorded this child on Lantern', granted_by: user.id })
      .execute();
    for (const other of visible) {
      await tx
        .insertInto('person_link')
        .values({ id: randomUUID(), person_id: id, other_person_id: other.id, decision: 'not_the_same', reason: child.notDuplicateReason ?? '', decided_by: user.id })
        .execute();
    }
    await recordEvent(
      tx,
      { childId: id, type: 'person.created', occurredOn: today, sourceTable: 'person', sourceId: id, title: `Record created (LA child ID ${laChildId})` },
      user.id,
    );
    return { status: 'created' as const, id };
  });
}
