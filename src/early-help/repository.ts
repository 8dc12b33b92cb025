// Early help's SQL.
import type { Db } from '../db/history.ts';

/** The allocation role of a lead practitioner who is a Lantern user, so they can open the record. */
export const EARLY_HELP_LEAD = 'early_help_lead';

export async function episodeById(db: Db, id: string) {
  return db
    .selectFrom('early_help_episode as e')
    .leftJoin('app_user as u', 'u.id', 'e.lead_user_id')
    .leftJoin('app_user as m', 'm.id', 'e.manager_id')
    .selectAll('e')
    .select(['u.display_name as lead_user_name', 'm.display_name as manager_name'])
    .where('e.id', '=', id)
    .where('e.deleted_at', 'is', null)
    .executeTakeFirst();
}

export type EpisodeRow = NonNullable<Awaited<ReturnType<typeof episodeById>>>;

export async function episodesOfChild(db: Db, childId: string) {
  return db
    .selectFrom('early_help_episode as e')
    .leftJoin('app_user as u', 'u.id', 'e.lead_user_id')
    .leftJoin('app_user as m', 'm.id', 'e.manager_id')
    .leftJoin('early_help_assessment as a', (join) => join.onRef('a.episode_id', '=', 'e.id').on('a.deleted_at', 'is', null))
    .selectAll('e')
    .select(['u.display_name as lead_user_name', 'm.display_name as manager_name', 'a.started_on as assessment_started_on', 'a.completed_on as assessment_completed_on'])
    .where('e.child_id', '=', childId)
    .where('e.deleted_at', 'is', null)
    .orderBy('e.started_on', 'desc')
    .execute();
}

export async function openEpisodeOfChild(db: Db, childId: string) {
  return db
    .selectFrom('early_help_episode')
    .selectAll()
    .where('child_id', '=', childId)
    .where('ended_on', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function assessmentOf(db: Db, episodeId: string) {
  return db.selectFrom('early_help_assessment').selectAll().where('episode_id', '=', episodeId).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function meetingsOf(db: Db, episodeId: string) {
  return db.selectFrom('early_help_meeting').selectAll().where('episode_id', '=', episodeId).where('deleted_at', 'is', null).orderBy('held_on', 'desc').execute();
}

export async function handoversOf(db: Db, episodeId: string) {
  return db
    .selectFrom('early_help_handover as h')
    .innerJoin('app_user as u', 'u.id', 'h.recorded_by')
    .selectAll('h')
    .select('u.display_name as recorded_by_name')
    .where('h.early_help_episode_id', '=', episodeId)
    .where('h.deleted_at', 'is', null)
    .orderBy('h.handed_over_on')
    .execute();
}

export async function planById(db: Db, planId: string) {
  return db.selectFrom('plan').selectAll().where('id', '=', planId).where('deleted_at', 'is', null).executeTakeFirst();
}

/** Lantern users who may lead early help: active workers in an early help team, and any case holder. */
export async function possibleLeads(db: Db) {
  return db
    .selectFrom('app_user as u')
    .leftJoin('team as t', 't.id', 'u.team_id')
    .select(['u.id', 'u.display_name', 't.name as team_name', 't.service'])
    .where('u.active', '=', true)
    .where('u.role', 'in', ['social_worker', 'front_door_worker', 'team_manager'])
    .orderBy('u.display_name')
    .execute();
}

/** Whether the social care assessment in this episode was completed, on or before a date (from the journal). */
export async function socialCareAssessmentCompleted(db: Db, cinEpisodeId: string, onOrBefore: string): Promise<boolean> {
  const row = await db
    .selectFrom('child_event')
    .select('id')
    .where('type', '=', 'assessment.completed')
    .where('scope_id', '=', cinEpisodeId)
    .where('occurred_on', '<=', onOrBefore)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}
