// The child-in-need episode: it opens with a referral and closes with a CIN census reason. A child
// has at most one open episode, and episodes never overlap. Whether a referral is a re-referral is
// derived from the dates, never typed (CIN census; Wandsworth: the re-referral rate was wrong).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import { recordEvent } from '../chronology/journal.ts';
import { RuleBroken, NotFound } from '../server/errors.ts';
import { CIN_CLOSURE_REASON, REFERRAL_SOURCE, PRIMARY_NEED, isCode, labelFor } from '../codes/index.ts';
import { addMonths } from '../calendar/index.ts';
import { can } from '../access/roles.ts';
import type { SignedInUser } from '../access/policy.ts';
import { assertNotBeforeBirth } from '../people/dates.ts';
import { inTransaction } from './repository.ts';
import { formatDate } from '../server/format.ts';
import { closureChecks, type ClosureCheck, type EpisodeClosure } from './closure-checks.ts';

export type { ClosureCheck, EpisodeClosure };

export interface NewReferral {
  childId: string;
  referralDate: string;
  referralSource: string;
  primaryNeed?: string | null;
  contactId?: string | null;
}

/** Checks that apply before anything else is written in the same transaction. */
export async function checkCanOpenEpisode(db: Db, childId: string, referralDate: string, today: string): Promise<void> {
  if (referralDate > today) throw new RuleBroken('The referral date cannot be in the future', 'referralDate');
  const child = await db
    .selectFrom('person')
    .select(['id', 'kind', 'date_of_birth', 'expected_date_of_birth', 'date_of_death', 'deleted_at'])
    .where('id', '=', childId)
    .executeTakeFirst();
  if (!child || child.deleted_at) throw new NotFound('No child with that id');
  if (child.kind === 'adult') throw new RuleBroken('A referral to children’s social care is for a child or an unborn child, not an adult');
  assertNotBeforeBirth(child, referralDate, 'referralDate', 'The date of the referral');
  const open = await db
    .selectFrom('cin_episode')
    .select('referral_date')
    .where('child_id', '=', childId)
    .where('closed_on', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (open) {
    throw new RuleBroken(
      `This child already has an open episode from their referral on ${formatDate(open.referral_date)}. Record the new concerns in that episode, or close it first.`,
      'referralDate',
    );
  }
  const overlapping = await db
    .selectFrom('cin_episode')
    .select('closed_on')
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .where('closed_on', '>', referralDate)
    .executeTakeFirst();
  if (overlapping) {
    throw new RuleBroken(`The referral date must be on or after the previous episode closed (${formatDate(overlapping.closed_on!)})`, 'referralDate');
  }
}

export async function receiveReferral(db: Db, referral: NewReferral, actorId: string, today: string): Promise<string> {
  if (!isCode(REFERRAL_SOURCE, referral.referralSource)) throw new RuleBroken('Choose the source of the referral from the list', 'referralSource');
  if (referral.primaryNeed && !isCode(PRIMARY_NEED, referral.primaryNeed)) throw new RuleBroken('Choose the primary need from the list', 'primaryNeed');
  await checkCanOpenEpisode(db, referral.childId, referral.referralDate, today);
  const id = randomUUID();
  await insertEpisode(db, referral.childId, () =>
    db
      .insertInto('cin_episode')
      .values({
        id,
        child_id: referral.childId,
        referral_date: referral.referralDate,
        referral_source: referral.referralSource,
        primary_need: referral.primaryNeed ?? null,
        referral_nfa: false,
        contact_id: referral.contactId ?? null,
        recorded_by: actorId,
      })
      .execute(),
  );
  const reReferral = await isReReferral(db, referral.childId, referral.referralDate, id);
  await recordEvent(
    db,
    {
      childId: referral.childId,
      type: 'referral.received',
      occurredOn: referral.referralDate,
      sourceTable: 'cin_episode',
      sourceId: id,
      scopeId: id,
      title: `Referral from ${labelFor(REFERRAL_SOURCE, referral.referralSource) ?? referral.referralSource}${reReferral ? ' (re-referral within 12 months)' : ''}`,
    },
    actorId,
  );
  return id;
}

/**
 * Two referrals saved at the same moment both pass the check above; the database's one-open-episode
 * index stops the second, and this says so in a worker's words rather than as a server error.
 */
async function insertEpisode(db: Db, childId: string, insert: () => Promise<unknown>): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      const open = await openEpisodeOf(db, childId).catch(() => undefined);
      throw new RuleBroken(
        `This child already has an open episode${open ? ` from their referral on ${formatDate(open.referral_date)}` : ''}. Record the new concerns in that episode, or close it first.`,
        'referralDate',
      );
    }
    throw error;
  }
}

/** A referral within 12 months of a previous referral (DfE; timescales.md CP12). */
export async function isReReferral(db: Db, childId: string, referralDate: string, excludeId: string): Promise<boolean> {
  const yearBefore = addMonths(referralDate, -12);
  const previous = await db
    .selectFrom('cin_episode')
    .select('id')
    .where('child_id', '=', childId)
    .where('id', '<>', excludeId)
    .where('deleted_at', 'is', null)
    .where('referral_date', '<', referralDate)
    .where('referral_date', '>=', yearBefore)
    .executeTakeFirst();
  return previous !== undefined;
}

export async function closeEpisode(db: Db, episodeId: string, closure: EpisodeClosure, actorId: string, today: string): Promise<void> {
  const episode = await db.selectFrom('cin_episode').selectAll().where('id', '=', episodeId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!episode) throw new NotFound('No episode with that id');
  if (episode.closed_on) throw new RuleBroken(`This episode was already closed on ${formatDate(episode.closed_on)}`);
  if (!isCode(CIN_CLOSURE_REASON, closure.reason)) throw new RuleBroken('Choose the reason for closure from the list', 'reason');
  if (closure.closedOn > today) throw new RuleBroken('The closure date cannot be in the future', 'closedOn');
  if (closure.closedOn < episode.referral_date) {
    throw new RuleBroken(`The closure date cannot be before the referral date (${formatDate(episode.referral_date)})`, 'closedOn');
  }
  const openPlan = await db
    .selectFrom('plan')
    .select(['kind', 'started_on'])
    .where('child_id', '=', episode.child_id)
    .where('kind', 'in', ['cin', 'cp'])
    .where('ended_on', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (openPlan) {
    const name = openPlan.kind === 'cp' ? 'child protection plan' : 'child in need plan';
    throw new RuleBroken(`End the ${name} (started ${formatDate(openPlan.started_on)}) before closing the episode`, 'closedOn');
  }
  // What other areas need finished first (the assessment, any section 47 enquiry, proceedings)
  // and, last, the manager's decision that authorises the closure (src/oversight/closure.ts, decision 0025).
  for (const check of closureChecks()) await check(db, episodeId, closure, actorId);
  await updateRecord(db, 'cin_episode', episodeId, { closed_on: closure.closedOn, closure_reason: closure.reason }, actorId);
  await recordEvent(
    db,
    {
      childId: episode.child_id,
      type: 'episode.closed',
      occurredOn: closure.closedOn,
      sourceTable: 'cin_episode',
      sourceId: episodeId,
      scopeId: episodeId,
      title: `Case closed: ${labelFor(CIN_CLOSURE_REASON, closure.reason) ?? closure.reason}`,
      detail: closure.managerReason ?? null,
    },
    actorId,
  );
}

export async function openEpisodeOf(db: Db, childId: string) {
  return db
    .selectFrom('cin_episode')
    .selectAll()
    .where('child_id', '=', childId)
    .where('closed_on', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** A child's episodes, newest first, each with whether it was a re-referral. */
export async function episodesOf(db: Db, childId: string) {
  return db
    .selectFrom('cin_episode as e')
    .selectAll('e')
    .select(
      sql<boolean>`EXISTS (SELECT 1 FROM cin_episode p WHERE p.child_id = e.child_id AND p.id <> e.id AND p.deleted_at IS NULL
        AND p.referral_date < e.referral_date AND p.referral_date >= (e.referral_date - interval '12 months')::date)`.as('re_referral'),
    )
    .where('e.child_id', '=', childId)
    .where('e.deleted_at', 'is', null)
    .orderBy('e.referral_date', 'desc')
    .execute();
}

/** One of the child's episodes, or NotFound (an episode of another child is not found either). */
export async function episodeOf(db: Db, childId: string, episodeId: string) {
  const episode = await db
    .selectFrom('cin_episode')
    .selectAll()
    .where('id', '=', episodeId)
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!episode) throw new NotFound('No episode with that id for this child');
  return episode;
}

/**
 * Closing an episode from Lantern's own page or API: a reason for closing without a completed
 * assessment is a manager's decision (Southend ¶19-21), so only a manager may give one.
 */
export async function closeEpisodeAs(db: Db, user: SignedInUser, childId: string, episodeId: string, closure: EpisodeClosure, today: string): Promise<void> {
  await episodeOf(db, childId, episodeId);
  if (closure.managerReason?.trim() && !can(user.role, 'authorise')) {
    throw new RuleBroken('Only a team manager can give the reason for closing without a completed assessment', 'managerReason');
  }
  await closeEpisode(db, episodeId, closure, user.id, today);
}

/** A referral recorded directly on the child's record (not through the front door). */
export async function recordReferral(
  db: Db,
  user: SignedInUser,
  childId: string,
  input: { referralDate: string; referralSource: string; primaryNeed: string | null },
  today: string,
): Promise<string> {
  return inTransaction(db, (tx) =>
    receiveReferral(tx, { childId, referralDate: input.referralDate, referralSource: input.referralSource, primaryNeed: input.primaryNeed }, user.id, today),
  );
}

/** Closing from Lantern's episode page or API, in one transaction (the route's guard has checked access). */
export async function closeEpisodeFor(db: Db, user: SignedInUser, childId: string, episodeId: string, closure: EpisodeClosure, today: string): Promise<void> {
  await inTransaction(db, (tx) => closeEpisodeAs(tx, user, childId, episodeId, closure, today));
}
