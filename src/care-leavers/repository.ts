// Every SQL statement about care leavers.
import type { Db } from '../db/history.ts';
import type { CareSpan } from './status.ts';

/** The young person's time in care, as spans of legal status (short breaks marked as not counting). */
export async function careSpansOf(db: Db, childId: string): Promise<{ dateOfBirth: string | null; spans: CareSpan[] }> {
  const [person, statuses] = await Promise.all([
    db.selectFrom('person').select('date_of_birth').where('id', '=', childId).executeTakeFirst(),
    db.selectFrom('legal_status').select(['started_on', 'ended_on', 'legal_status']).where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('started_on').execute(),
  ]);
  return {
    dateOfBirth: person?.date_of_birth ?? null,
    spans: statuses.map((s) => ({ from: s.started_on, to: s.ended_on, counts: s.legal_status !== 'V3' && s.legal_status !== 'V4' })),
  };
}

export function pathwayPlansOf(db: Db, childId: string) {
  return db.selectFrom('plan').select(['id', 'started_on', 'ended_on']).where('child_id', '=', childId).where('kind', '=', 'pathway').where('deleted_at', 'is', null).orderBy('started_on', 'desc').execute();
}

export function reviewsOf(db: Db, childId: string) {
  return db.selectFrom('pathway_plan_review').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('reviewed_on', 'desc').execute();
}

export function contactsOf(db: Db, childId: string, limit = 20) {
  return db
    .selectFrom('care_leaver_contact as c')
    .innerJoin('app_user as u', 'u.id', 'c.worker_id')
    .selectAll('c')
    .select('u.display_name as worker_name')
    .where('c.child_id', '=', childId)
    .where('c.deleted_at', 'is', null)
    .orderBy('c.contact_on', 'desc')
    .limit(limit)
    .execute();
}

export function lastReachedOn(db: Db, childId: string) {
  return db
    .selectFrom('care_leaver_contact')
    .select((eb) => eb.fn.max('contact_on').as('on'))
    .where('child_id', '=', childId)
    .where('reached', '=', true)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function accommodationOf(db: Db, childId: string) {
  return db.selectFrom('care_leaver_accommodation').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('from_on', 'desc').execute();
}

export function birthdaysOf(db: Db, childId: string) {
  return db.selectFrom('care_leaver_birthday').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('age').execute();
}

export function supportOf(db: Db, childId: string) {
  return db.selectFrom('care_leaver_support').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('on_date', 'desc').execute();
}

export function openLeavingCareClocks(db: Db, childId: string) {
  return db
    .selectFrom('clock')
    .select(['rule_id', 'due_on', 'started_on'])
    .where('child_id', '=', childId)
    .where('rule_id', 'in', ['pathway-plan', 'pathway-plan-review'])
    .where('met_on', 'is', null)
    .where('stopped_on', 'is', null)
    .orderBy('due_on')
    .execute();
}
