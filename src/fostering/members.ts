// A foster household's members other than the carers (decision 0062): their children, adult sons and
// daughters, relatives, lodgers. Each aged 18 or over owes a DBS check from the day they move in or turn
// 18 (clocks.ts, memberOwes), until they move out. Added, corrected (the earlier version kept with the
// reason), recorded leaving, and deleted when recorded in error (decision 0068); each step re-derives
// the household's clocks. Who may record is checked once, by the route guard.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { softDelete, updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { refreshHouseholdClocks } from './clocks.ts';
import { householdOf } from './service.ts';
import type { MemberCorrection, MemberInput, MemberLeftInput } from './schemas.ts';

export async function memberOf(db: Db, householdId: string, memberId: string) {
  const row = await db.selectFrom('fostering_household_member').selectAll().where('id', '=', memberId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || row.household_id !== householdId) throw new NotFound('No member with that id in this household');
  return row;
}

/** The household's members, those living there first, each by when they moved in. */
export async function membersOf(db: Db, householdId: string) {
  return db
    .selectFrom('fostering_household_member')
    .selectAll()
    .where('household_id', '=', householdId)
    .where('deleted_at', 'is', null)
    .orderBy((eb) => eb.case().when('to_on', 'is', null).then(0).else(1).end())
    .orderBy('from_on')
    .orderBy('id')
    .execute();
}

function checkDates(input: { dateOfBirth: string; fromOn: string; toOn?: string | null }, today: string) {
  if (input.dateOfBirth > today) throw new RuleBroken('The date of birth cannot be in the future', 'dateOfBirth');
  if (input.fromOn > today) throw new RuleBroken('The date they moved in cannot be in the future: record them once they live there', 'fromOn');
  if (input.fromOn < input.dateOfBirth) throw new RuleBroken(`They cannot have moved in before they were born (${formatDate(input.dateOfBirth)})`, 'fromOn');
  if (input.toOn) {
    if (input.toOn > today) throw new RuleBroken('The date they moved out cannot be in the future: record it once they have gone', 'toOn');
    if (input.toOn < input.fromOn) throw new RuleBroken(`They cannot have moved out before they moved in (${formatDate(input.fromOn)})`, 'toOn');
  }
}

/** Someone living with the carers, from the day they moved in (or were born there). */
export async function addMember(db: Kysely<Database>, user: SignedInUser, householdId: string, input: MemberInput, today: string): Promise<string> {
  checkDates(input, today);
  return db.transaction().execute(async (tx) => {
    await householdOf(tx, householdId, { lock: true });
    const id = randomUUID();
    await tx
      .insertInto('fostering_household_member')
      .values({ id, household_id: householdId, name: input.name, date_of_birth: input.dateOfBirth, relationship: input.relationship, from_on: input.fromOn, recorded_by: user.id })
      .execute();
    await refreshHouseholdClocks(tx, householdId);
    return id;
  });
}

/** Corrects a member (name, date of birth, relationship, dates): the earlier version is kept with the reason. */
export async function correctMember(db: Kysely<Database>, user: SignedInUser, householdId: string, memberId: string, input: MemberCorrection, today: string): Promise<void> {
  checkDates(input, today);
  await db.transaction().execute(async (tx) => {
    await householdOf(tx, householdId, { lock: true });
    await memberOf(tx, householdId, memberId);
    await updateRecord(
      tx,
      'fostering_household_member',
      memberId,
      { name: input.name, date_of_birth: input.dateOfBirth, relationship: input.relationship, from_on: input.fromOn, to_on: input.toOn },
      user.id,
      input.version,
      input.reason,
    );
    await refreshHouseholdClocks(tx, householdId);
  });
}

/** A member moved out: their DBS check stops being owed that day. */
export async function memberLeft(db: Kysely<Database>, user: SignedInUser, householdId: string, memberId: string, input: MemberLeftInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await householdOf(tx, householdId, { lock: true });
    const m = await memberOf(tx, householdId, memberId);
    if (m.to_on) throw new RuleBroken(`${m.name} moved out on ${formatDate(m.to_on)}: correct that date if it is wrong`, 'toOn');
    if (input.toOn > today) throw new RuleBroken('The date they moved out cannot be in the future: record it once they have gone', 'toOn');
    if (input.toOn < m.from_on) throw new RuleBroken(`They cannot have moved out before they moved in (${formatDate(m.from_on)})`, 'toOn');
    await updateRecord(tx, 'fostering_household_member', memberId, { to_on: input.toOn }, user.id, undefined, `Moved out on ${formatDate(input.toOn)}`);
    await refreshHouseholdClocks(tx, householdId);
  });
}

/**
 * Deletes a member recorded in error, softly with the reason (the earlier version kept): the check they
 * owed is owed no more. Refused while a DBS check or risk assessment names them (decision 0068): that is
 * a fact about a real person, moved to whom it is of (corrected) or deleted first, never lost with them.
 */
export async function deleteMember(db: Kysely<Database>, user: SignedInUser, householdId: string, memberId: string, reason: string, seenVersion?: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await householdOf(tx, householdId, { lock: true });
    const m = await memberOf(tx, householdId, memberId);
    const [check, assessment] = await Promise.all([
      tx.selectFrom('fostering_dbs_check').select('id').where('member_id', '=', memberId).where('deleted_at', 'is', null).executeTakeFirst(),
      tx.selectFrom('fostering_dbs_risk_assessment').select('id').where('household_id', '=', householdId).where('subject', '=', `member:${memberId}`).where('deleted_at', 'is', null).executeTakeFirst(),
    ]);
    if (check) throw new RuleBroken(`A DBS check of ${m.name} is recorded: correct it to the person it is of, or delete it, first`, 'reason');
    if (assessment) throw new RuleBroken(`A risk assessment of ${m.name} is recorded: correct it to the person it is of, or withdraw it, first`, 'reason');
    await softDelete(tx, 'fostering_household_member', memberId, user.id, reason, seenVersion);
    await refreshHouseholdClocks(tx, householdId);
  });
}
