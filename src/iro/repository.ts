// Every SQL statement about IRO challenges.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';

export function challengesOfChild(db: Db, childId: string) {
  return db
    .selectFrom('iro_challenge as c')
    .innerJoin('app_user as u', 'u.id', 'c.raised_by')
    .selectAll('c')
    .select('u.display_name as raised_by_name')
    .where('c.child_id', '=', childId)
    .where('c.deleted_at', 'is', null)
    .orderBy('c.raised_on', 'desc')
    .execute();
}

export function stagesOfChild(db: Db, childId: string) {
  return db.selectFrom('iro_challenge_stage').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('raised_on').orderBy('recorded_at').execute();
}

/** Open response clocks of the child's challenges (scope: the challenge). */
export function responseClocks(db: Db, childId: string) {
  return db.selectFrom('clock').select(['scope_id', 'due_on']).where('child_id', '=', childId).where('rule_id', '=', 'iro-challenge-response').where('met_on', 'is', null).where('stopped_on', 'is', null).execute();
}

/**
 * Every challenge the user may see that is open, or was raised since `since`: with the child, the
 * current stage and the response owed. One statement; children filtered by who may see them.
 */
export function challengesVisible(db: Db, user: SignedInUser, since: string) {
  return db
    .selectFrom('iro_challenge as c')
    .innerJoin('person as child', 'child.id', 'c.child_id')
    .innerJoin('app_user as iro', 'iro.id', 'c.raised_by')
    .select(['c.id', 'c.child_id', 'c.raised_on', 'c.category', 'c.resolved_on', 'child.first_name', 'child.last_name', 'child.la_child_id', 'iro.display_name as iro_name'])
    .select((eb) => [
      eb
        .selectFrom('iro_challenge_stage as s')
        .select('s.stage')
        .whereRef('s.challenge_id', '=', 'c.id')
        .where('s.deleted_at', 'is', null)
        .orderBy('s.raised_on', 'desc')
        .orderBy('s.recorded_at', 'desc')
        .limit(1)
        .as('stage'),
      eb
        .selectFrom('clock as k')
        .select('k.due_on')
        .whereRef('k.scope_id', '=', 'c.id')
        .where('k.rule_id', '=', 'iro-challenge-response')
        .where('k.met_on', 'is', null)
        .where('k.stopped_on', 'is', null)
        .limit(1)
        .as('response_due_on'),
    ])
    .where('c.deleted_at', 'is', null)
    .where((eb) => eb.or([eb('c.resolved_on', 'is', null), eb('c.raised_on', '>=', since)]))
    .where(childVisibleTo(user, sql.ref('c.child_id')))
    .orderBy('c.raised_on')
    .execute();
}
