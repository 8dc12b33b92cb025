// What the episode pages show: each episode with its referral, whether it was a re-referral (derived),
// its assessments and where the 45-working-day clock stands, and how it closed.
import type { Db } from '../db/history.ts';
import { mayChangeChild, requireSeeChild, type SignedInUser } from '../access/policy.ts';
import { can } from '../access/roles.ts';
import { CIN_CLOSURE_REASON, PRIMARY_NEED, REFERRAL_SOURCE, labelFor } from '../codes/index.ts';
import { formatDate } from '../server/format.ts';
import { assessmentDueOn, assessmentsOf } from '../assessment/service.ts';
import { childHeader } from './repository.ts';
import { episodeOf, episodesOf, isReReferral } from './service.ts';

export async function episodeList(db: Db, user: SignedInUser, childId: string) {
  await requireSeeChild(db, user, childId);
  const [child, episodes] = await Promise.all([childHeader(db, childId), episodesOf(db, childId)]);
  return {
    child,
    episodes: episodes.map((e) => ({
      ...e,
      sourceLabel: labelFor(REFERRAL_SOURCE, e.referral_source) ?? e.referral_source,
      closureLabel: e.closure_reason ? (labelFor(CIN_CLOSURE_REASON, e.closure_reason) ?? e.closure_reason) : null,
    })),
    hasOpenEpisode: episodes.some((e) => e.closed_on === null),
    mayChange: await mayChangeChild(db, user, childId),
  };
}

export async function episodePage(db: Db, user: SignedInUser, childId: string, episodeId: string, today: string) {
  await requireSeeChild(db, user, childId);
  const episode = await episodeOf(db, childId, episodeId);
  const [child, assessments, discussions, reReferral, dueOn] = await Promise.all([
    childHeader(db, childId),
    assessmentsOf(db, childId),
    db.selectFrom('strategy_discussion').select(['id', 'held_on', 'outcome', 'enquiry_id']).where('episode_id', '=', episodeId).where('deleted_at', 'is', null).orderBy('held_on').execute(),
    isReReferral(db, childId, episode.referral_date, episode.id),
    assessmentDueOn(db, childId, episode),
  ]);
  const ofEpisode = assessments.filter((a) => a.episode_id === episodeId);
  const firstCompleted = ofEpisode.map((a) => a.completed_on).filter((d): d is string => d !== null).sort()[0] ?? null;
  const mayChange = await mayChangeChild(db, user, childId);
  return {
    child,
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
    assessmentClock: {
      dueOn,
      metOn: firstCompleted,
      late: firstCompleted ? firstCompleted > dueOn : !episode.closed_on && today > dueOn,
    },
    mayChange,
    mayGiveManagerReason: mayChange && can(user.role, 'authorise'),
  };
}

/** The record page's line for this section. */
export async function episodeSectionSummary(db: Db, childId: string): Promise<string | null> {
  const episodes = await episodesOf(db, childId);
  const open = episodes.find((e) => e.closed_on === null);
  if (open) return `Open episode from ${formatDate(open.referral_date)}${open.re_referral ? ' (re-referral)' : ''}`;
  const last = episodes[0];
  return last?.closed_on ? `No open episode. Last closed ${formatDate(last.closed_on)}` : 'No episodes of need';
}
