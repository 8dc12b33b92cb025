// Every SQL statement about missing episodes and return interviews.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';

/** A child's episodes, newest first, with the placement each started from (in or out of the area). */
export function episodesOfChild(db: Db, childId: string) {
  return db
    .selectFrom('missing_episode as e')
    .leftJoin('placement as pl', 'pl.id', 'e.placement_id')
    .selectAll('e')
    .select(['pl.carer_name', 'pl.in_council_area', 'pl.host_council'])
    .where('e.child_id', '=', childId)
    .where('e.deleted_at', 'is', null)
    .orderBy('e.went_missing_at', 'desc')
    .execute();
}

export function interviewsOfChild(db: Db, childId: string) {
  return db
    .selectFrom('return_interview')
    .selectAll()
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .orderBy('offered_at', 'desc')
    .orderBy('id')
    .execute();
}

export function findEpisode(db: Db, episodeId: string, options: { lock?: boolean } = {}) {
  const query = db.selectFrom('missing_episode').selectAll().where('id', '=', episodeId).where('deleted_at', 'is', null);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

export function findInterview(db: Db, interviewId: string) {
  return db.selectFrom('return_interview').selectAll().where('id', '=', interviewId).where('deleted_at', 'is', null).executeTakeFirst();
}

export function interviewsOfEpisode(db: Db, episodeId: string) {
  return db.selectFrom('return_interview').selectAll().where('episode_id', '=', episodeId).where('deleted_at', 'is', null).orderBy('offered_at').execute();
}

/** Another episode of the child that overlaps the time from `from` to `to` (still missing when `to` is null). */
export function overlappingEpisode(db: Db, childId: string, from: Date, to: Date | null, exceptId: string | null) {
  let query = db
    .selectFrom('missing_episode')
    .select(['id', 'went_missing_at', 'returned_at'])
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('returned_at', 'is', null), eb('returned_at', '>', from)]));
  if (to) query = query.where('went_missing_at', '<', to);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.orderBy('went_missing_at').executeTakeFirst();
}

/** Serialises recordings about one child's episodes, so two at once cannot overlap. */
export async function lockChild(db: Db, childId: string): Promise<void> {
  await db.selectFrom('person').select('id').where('id', '=', childId).forUpdate().execute();
}

// The managers' list. Aliases unlike those inside childVisibleTo (policy_…).

/**
 * The episodes that started since `since` or are still open, found first through the two
 * went_missing_at indexes, and only then checked for visibility: otherwise the planner joins the
 * visibility test to every child in the council (a sequential scan of person on the large council).
 */
const recent = (db: Db, since: Date) =>
  db.with(
    (cte) => cte('recent').materialized(),
    (qb) =>
      qb
        .selectFrom('missing_episode')
        .select(['id', 'child_id', 'went_missing_at', 'returned_at', 'kind', 'placement_id'])
        .where('deleted_at', 'is', null)
        .where((eb) => eb.or([eb('went_missing_at', '>=', since), eb('returned_at', 'is', null)])),
  );

/** Episodes that started since `since`, or that are still open, of the children the user may see. */
export function recentEpisodesVisible(db: Db, user: SignedInUser, since: Date) {
  return recent(db, since)
    .selectFrom('recent as me')
    .innerJoin('person as mc', 'mc.id', 'me.child_id')
    .leftJoin('placement as mp', 'mp.id', 'me.placement_id')
    .select([
      'me.id',
      'me.child_id',
      'me.went_missing_at',
      'me.returned_at',
      'me.kind',
      'me.placement_id',
      'mp.in_council_area',
      'mp.host_council',
      'mc.first_name',
      'mc.last_name',
      'mc.la_child_id',
      'mc.date_of_birth',
    ])
    .where('mc.deleted_at', 'is', null)
    .where('mc.merged_into', 'is', null)
    .where(childVisibleTo(user, sql.ref('me.child_id')))
    .orderBy('me.went_missing_at', 'desc')
    .execute();
}

/** The return interviews of those episodes. */
export function recentInterviewsVisible(db: Db, user: SignedInUser, since: Date) {
  return recent(db, since)
    .selectFrom('return_interview as ri')
    .innerJoin('recent as me', 'me.id', 'ri.episode_id')
    .select(['ri.id', 'ri.episode_id', 'ri.child_id', 'ri.outcome', 'ri.offered_at', 'ri.done_at', 'ri.where_they_were', 'ri.who_with', 'ri.push_pull_factors', 'ri.exploitation_risk'])
    .where('ri.deleted_at', 'is', null)
    .where(childVisibleTo(user, sql.ref('me.child_id')))
    .execute();
}
