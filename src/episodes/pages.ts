// What the episode pages show: each episode with its referral, whether it was a re-referral (derived),
// its assessments and where the 45-working-day clock stands, how it closed, and what comes next.
// The route's guard has checked access and gives the page the child; these only read.
import type { Db } from '../db/history.ts';
import { CIN_CLOSURE_REASON, PRIMARY_NEED, REFERRAL_SOURCE, labelFor } from '../codes/index.ts';
import { assessmentDueOn, assessmentsOf } from '../assessment/service.ts';
import { episodeOf, episodesOf, isReReferral } from './service.ts';

export async function episodeList(db: Db, childId: string) {
  const episodes = await episodesOf(db, childId);
  return {
    episodes: episodes.map((e) => ({
      ...e,
      sourceLabel: labelFor(REFERRAL_SOURCE, e.referral_source) ?? e.referral_source,
      closureLabel: e.closure_reason ? (labelFor(CIN_CLOSURE_REASON, e.closure_reason) ?? e.closure_reason) : null,
    })),
    hasOpenEpisode: episodes.some((e) => e.closed_on === null),
  };
}

export async function episodePage(db: Db, childId: string, episodeId: string, today: string) {
  const episode = await episodeOf(db, childId, episodeId);
  const [assessments, discussions, reReferral, dueOn, socialWorker] = await Promise.all([
    assessmentsOf(db, childId),
    db.selectFrom('strategy_discussion').select(['id', 'held_on', 'outcome', 'enquiry_id']).where('episode_id', '=', episodeId).where('deleted_at', 'is', null).orderBy('held_on').execute(),
    isReReferral(db, childId, episode.referral_date, episode.id),
    assessmentDueOn(db, childId, episode),
    db
      .selectFrom('allocation')
      .select('id')
      .where('child_id', '=', childId)
      .where('role', '=', 'social_worker')
      .where('to_date', 'is', null)
      .where('deleted_at', 'is', null)
      .executeTakeFirst(),
  ]);
  const ofEpisode = assessments.filter((a) => a.episode_id === episodeId);
  const firstCompleted = ofEpisode.map((a) => a.completed_on).filter((d): d is string => d !== null).sort()[0] ?? null;
  return {
    episode: {
      ...episode,
      sourceLabel: labelFor(REFERRAL_SOURCE, episode.referral_source) ?? episode.referral_source,
      primaryNeedLabel: episode.primary_need ? (labelFor(PRIMARY_NEED, episode.primary_need) ?? episode.primary_need) : null,
      closureLabel: episode.closure_reason ? (labelFor(CIN_CLOSURE_REASON, episode.closure_reason) ?? episode.closure_reason) : null,
    },
    reReferral,
    assessments: ofEpisode,
    assessmentInProgress: ofEpisode.some((a) => a.completed_on === null),
    discussions,
    hasSocialWorker: socialWorker !== undefined,
    assessmentClock: {
      dueOn,
      metOn: firstCompleted,
      late: firstCompleted ? firstCompleted > dueOn : !episode.closed_on && today > dueOn,
    },
  };
}
