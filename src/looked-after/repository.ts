// Every SQL statement about periods of care, placements, legal statuses and looked-after reviews.
import type { Kysely } from 'kysely';
import type { Db } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import type { Centroid } from './postcode-directory.ts';

export function periodsOf(db: Db, childId: string) {
  return db
    .selectFrom('care_period')
    .selectAll()
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .orderBy('started_on')
    .execute();
}

export function openPeriod(db: Db, childId: string, options: { lock?: boolean } = {}) {
  const query = db
    .selectFrom('care_period')
    .selectAll()
    .where('child_id', '=', childId)
    .where('ended_on', 'is', null)
    .where('deleted_at', 'is', null);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export function findPeriod(db: Db, periodId: string) {
  return db.selectFrom('care_period').selectAll().where('id', '=', periodId).where('deleted_at', 'is', null).executeTakeFirst();
}

/** A period of care that overlaps the days from `from` to `to` (open-ended when `to` is null). */
export function overlappingPeriod(db: Db, childId: string, from: string, to: string | null, exceptId: string | null = null) {
  let query = db
    .selectFrom('care_period')
    .select(['id', 'started_on', 'ended_on'])
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', from)]));
  if (to) query = query.where('started_on', '<', to);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.executeTakeFirst();
}

export function placementsOfChild(db: Db, childId: string) {
  return db.selectFrom('placement').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('started_on').execute();
}

export function legalStatusesOfChild(db: Db, childId: string) {
  return db.selectFrom('legal_status').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('started_on').execute();
}

export function findPlacement(db: Db, placementId: string) {
  return db.selectFrom('placement').selectAll().where('id', '=', placementId).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The placement that is open in a period (the child's current placement when the period is open). */
export function openPlacementOf(db: Db, periodId: string) {
  return db.selectFrom('placement').selectAll().where('period_id', '=', periodId).where('ended_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
}

export function openLegalStatusOf(db: Db, periodId: string) {
  return db.selectFrom('legal_status').selectAll().where('period_id', '=', periodId).where('ended_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The period of care that takes in a day (both its first and its last day count), if the child was looked after then. */
export function periodOnDate(db: Db, childId: string, on: string) {
  return db
    .selectFrom('care_period')
    .select(['id', 'started_on'])
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .where('started_on', '<=', on)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>=', on)]))
    .executeTakeFirst();
}

/** The placement the child was in on a day (the start day counts; the day it ended belongs to the next). */
export function placementOnDate(db: Db, childId: string, on: string) {
  return db
    .selectFrom('placement')
    .select(['id', 'period_id', 'started_on', 'ended_on', 'carer_name', 'in_council_area', 'host_council'])
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .where('started_on', '<=', on)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', on)]))
    .orderBy('started_on', 'desc')
    .executeTakeFirst();
}

export function currentPlacement(db: Db, childId: string) {
  return db
    .selectFrom('placement')
    .select(['id', 'period_id', 'started_on'])
    .where('child_id', '=', childId)
    .where('ended_on', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function reviewsOfChild(db: Db, childId: string) {
  return db
    .selectFrom('looked_after_review as r')
    .innerJoin('app_user as u', 'u.id', 'r.chair_id')
    .selectAll('r')
    .select('u.display_name as chair_name')
    .where('r.child_id', '=', childId)
    .where('r.deleted_at', 'is', null)
    .orderBy('r.held_on')
    .execute();
}

export function findReview(db: Db, reviewId: string) {
  return db.selectFrom('looked_after_review').selectAll().where('id', '=', reviewId).where('deleted_at', 'is', null).executeTakeFirst();
}

export function centroidsOf(db: Db, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('postcode_centroid').selectAll().where('postcode', 'in', keys).execute();
}

/** Replaces the whole directory in one transaction (a reload is a new quarter's release). */
export async function replaceCentroids(db: Kysely<Database>, rows: readonly Centroid[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('postcode_centroid').execute();
    // 5 parameters a row: well under PostgreSQL's 65,535 a statement.
    for (let i = 0; i < rows.length; i += 5_000) {
      const batch = rows.slice(i, i + 5_000).map((r) => ({ postcode: r.postcode, latitude: r.latitude, longitude: r.longitude, council_code: r.councilCode, council_name: r.councilName }));
      await tx.insertInto('postcode_centroid').values(batch).execute();
    }
  });
}

export async function ownCouncilCode(db: Db): Promise<string | null> {
  const row = await db.selectFrom('council_setting').select('value').where('key', '=', 'ownCouncilCode').executeTakeFirst();
  return typeof row?.value === 'string' ? row.value : null;
}

export function independentReviewingOfficers(db: Db) {
  return db.selectFrom('app_user').select(['id', 'display_name']).where('role', '=', 'iro').where('active', '=', true).orderBy('display_name').execute();
}

/** The timescales of a child in care: their open clocks, soonest first. */
export const CARE_RULE_IDS = ['care-plan', 'placement-plan', 'placement-notification', 'looked-after-visit', 'looked-after-review', 'liberty-review'] as const;

export function openCareClocks(db: Db, childId: string) {
  return db
    .selectFrom('clock')
    .select(['rule_id', 'due_on', 'started_on', 'scope_id'])
    .where('child_id', '=', childId)
    .where('rule_id', 'in', CARE_RULE_IDS)
    .where('met_on', 'is', null)
    .where('stopped_on', 'is', null)
    .orderBy('due_on')
    .execute();
}

/** The child's current address's postcode, to prefill the home postcode (SSDA903 HOME_POST). */
export async function currentHomePostcode(db: Db, childId: string): Promise<string | null> {
  const row = await db
    .selectFrom('address')
    .select('postcode')
    .where('person_id', '=', childId)
    .where('to_date', 'is', null)
    .where('deleted_at', 'is', null)
    .orderBy('from_date', 'desc')
    .executeTakeFirst();
  return row?.postcode ?? null;
}

/** The child's open care plan, if one has been started. */
export function openCarePlan(db: Db, childId: string) {
  return db.selectFrom('plan').select(['id', 'started_on']).where('child_id', '=', childId).where('kind', '=', 'care').where('ended_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The child's social worker allocations, current and past (SSDA903 SWEpisodes). */
export function socialWorkerAllocations(db: Db, childId: string) {
  return db
    .selectFrom('allocation as a')
    .innerJoin('app_user as u', 'u.id', 'a.worker_id')
    .select(['u.display_name as worker_name', 'a.from_date', 'a.to_date', 'a.change_reason'])
    .where('a.child_id', '=', childId)
    .where('a.role', '=', 'social_worker')
    .where('a.deleted_at', 'is', null)
    .execute();
}
