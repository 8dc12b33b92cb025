// Leaving early help, and arriving in it from social care: a step-up makes a referral and ends early
// help with a handover; a step-down closes the social care episode and opens early help with one;
// early help ends. Neither a step-down nor an early help closure may come before the relevant
// assessment is complete unless a team manager records why (Southend ¶16, ¶19-21; seed EH-09, EH-10).
import { authoriseTransition } from '../oversight/decisions.ts';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { CIN_CLOSURE_REASON, labelFor } from '../codes/index.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import { closeEpisode, receiveReferral } from '../episodes/service.ts';
import { endPlan } from '../plans/lifecycle.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import * as repo from './repository.ts';
import type { CloseInput, StepDownInput, StepUpInput } from './schemas.ts';
import { allocateLead, assertInEpisode, endReasonLabel, episodeFor, mayGiveManagerReason, requireOpen, startEarlyHelpEpisode, stepDownContext } from './service.ts';

async function endOpenPlan(tx: Db, episode: repo.EpisodeRow, endedOn: string, reason: string, actorId: string, today: string): Promise<void> {
  if (!episode.plan_id) return;
  const plan = await repo.planById(tx, episode.plan_id);
  if (plan && !plan.ended_on) await endPlan(tx, plan.id, { endedOn, reason }, actorId, today);
}

/** Step-up: a referral to social care (same transaction) and early help ends with a handover. */
export async function stepUp(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, input: StepUpInput, today: string): Promise<{ cinEpisodeId: string }> {
  const episode = await episodeFor(db, childId, episodeId);
  requireOpen(episode);
  await assertInEpisode(db, episode, input.steppedUpOn, 'steppedUpOn', 'The step-up');
  if (input.steppedUpOn > today) throw new RuleBroken('The step-up date cannot be in the future', 'steppedUpOn');
  return db.transaction().execute(async (tx) => {
    const cinEpisodeId = await receiveReferral(tx, { childId, referralDate: input.steppedUpOn, referralSource: input.referralSource }, user.id, today);
    await endOpenPlan(tx, episode, input.steppedUpOn, 'Stepped up to children’s social care', user.id, today);
    await updateRecord(tx, 'early_help_episode', episodeId, { ended_on: input.steppedUpOn, end_reason: 'STEPPED_UP' }, user.id);
    await allocateLead(tx, childId, null, input.steppedUpOn, user.id);
    const handoverId = randomUUID();
    await tx
      .insertInto('early_help_handover')
      .values({
        id: handoverId,
        child_id: childId,
        direction: 'STEP_UP',
        early_help_episode_id: episodeId,
        cin_episode_id: cinEpisodeId,
        handed_over_on: input.steppedUpOn,
        work_done: input.workDone,
        current_risks: input.currentRisks,
        family_views: input.familyViews,
        recorded_by: user.id,
      })
      .execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'early-help.stepped-up',
        occurredOn: input.steppedUpOn,
        sourceTable: 'early_help_handover',
        sourceId: handoverId,
        scopeId: episodeId,
        title: 'Stepped up from early help to children’s social care',
        detail: `Current risks: ${input.currentRisks}`,
      },
      user.id,
    );
    return { cinEpisodeId };
  });
}

/** The early help assessment is complete on or before the date. */
async function earlyHelpAssessmentComplete(db: Db, episodeId: string, on: string): Promise<boolean> {
  const assessment = await repo.assessmentOf(db, episodeId);
  return Boolean(assessment?.completed_on && assessment.completed_on <= on);
}

function checkManagerReason(user: SignedInUser, managerReason: string | null, assessmentComplete: boolean, what: string): void {
  if (managerReason && !mayGiveManagerReason(user)) {
    throw new RuleBroken('Only a team manager can give the reason for going ahead before the assessment is complete', 'managerReason');
  }
  if (!assessmentComplete && !managerReason) {
    throw new RuleBroken(
      mayGiveManagerReason(user)
        ? `The ${what} is not complete. Complete it first, or give your reason as manager for going ahead without it`
        : `The ${what} is not complete. Complete it first, or ask a team manager: only they can go ahead without it`,
      'managerReason',
    );
  }
}

/** Early help ends. Before its assessment is complete only with a team manager's reason. */
export async function closeEarlyHelp(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, input: CloseInput, today: string): Promise<void> {
  const episode = await episodeFor(db, childId, episodeId);
  requireOpen(episode);
  await assertInEpisode(db, episode, input.closedOn, 'closedOn', 'The end of early help');
  if (input.closedOn > today) throw new RuleBroken('The closure date cannot be in the future', 'closedOn');
  const complete = await earlyHelpAssessmentComplete(db, episodeId, input.closedOn);
  checkManagerReason(user, input.managerReason, complete, 'early help assessment');
  await db.transaction().execute(async (tx) => {
    await endOpenPlan(tx, episode, input.closedOn, endReasonLabel(input.reason) ?? input.reason, user.id, today);
    await updateRecord(
      tx,
      'early_help_episode',
      episodeId,
      {
        ended_on: input.closedOn,
        end_reason: input.reason,
        end_notes: input.notes,
        manager_reason: input.managerReason,
        manager_id: input.managerReason ? user.id : null,
      },
      user.id,
    );
    await allocateLead(tx, childId, null, input.closedOn, user.id);
    await recordEvent(
      tx,
      {
        childId,
        type: 'early-help.closed',
        occurredOn: input.closedOn,
        sourceTable: 'early_help_episode',
        sourceId: episodeId,
        scopeId: episodeId,
        title: `Early help ended: ${midSentence(endReasonLabel(input.reason) ?? input.reason)}`,
        detail: [input.notes, input.managerReason ? `Closed before the assessment was complete. Manager’s reason: ${input.managerReason}` : null].filter(Boolean).join('\n') || null,
      },
      user.id,
    );
  });
}

/**
 * Step-down: the social care episode closes (closeEpisode, with the manager's reason for any
 * closure check) and early help opens with a handover, in one transaction.
 */
export async function stepDown(db: Kysely<Database>, user: SignedInUser, childId: string, input: StepDownInput, today: string): Promise<{ earlyHelpEpisodeId: string }> {
  const { cin } = await stepDownContext(db, childId, today);
  if (input.steppedDownOn < cin.referral_date) {
    throw new RuleBroken(`The step-down cannot be before the referral that opened the social care episode (${formatDate(cin.referral_date)})`, 'steppedDownOn');
  }
  if (input.steppedDownOn > today) throw new RuleBroken('The step-down date cannot be in the future', 'steppedDownOn');
  const child = await childDates(db, childId);
  assertNotBeforeBirth(child, input.steppedDownOn, 'steppedDownOn', 'The step-down');
  if (input.meetingOn) assertNotBeforeBirth(child, input.meetingOn, 'meetingOn', 'The handover meeting');
  const complete = await repo.socialCareAssessmentCompleted(db, cin.id, input.steppedDownOn);
  checkManagerReason(user, input.managerReason, complete, 'social care assessment');
  if (input.meetingOn && input.meetingOn < cin.referral_date) {
    throw new RuleBroken(`The handover meeting cannot be before the referral (${formatDate(cin.referral_date)})`, 'meetingOn');
  }
  return db.transaction().execute(async (tx) => {
    // The step-down decision covers the closure it causes (decision 0025): no closure decision as well.
    await closeEpisode(tx, cin.id, { closedOn: input.steppedDownOn, reason: input.closureReason, managerReason: input.managerReason, authorisedAs: 'step_down' }, user.id, today);
    // Decision 0021 (MO-04, DQ-18): no step-down (after the closure's own checks) without the manager's decision record.
    await authoriseTransition(tx, user.id, childId, 'step_down', input.steppedDownOn, cin.id, 'steppedDownOn');
    const earlyHelpEpisodeId = await startEarlyHelpEpisode(
      tx,
      { childId, startedOn: input.steppedDownOn, origin: 'STEP_DOWN', steppedDownFrom: cin.id, lead: input },
      user.id,
      today,
    );
    const handoverId = randomUUID();
    await tx
      .insertInto('early_help_handover')
      .values({
        id: handoverId,
        child_id: childId,
        direction: 'STEP_DOWN',
        early_help_episode_id: earlyHelpEpisodeId,
        cin_episode_id: cin.id,
        handed_over_on: input.steppedDownOn,
        family_knows: input.familyKnows,
        outstanding_actions: input.outstandingActions,
        meeting_on: input.meetingOn,
        manager_reason: input.managerReason,
        recorded_by: user.id,
      })
      .execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'early-help.stepped-down',
        occurredOn: input.steppedDownOn,
        sourceTable: 'early_help_handover',
        sourceId: handoverId,
        scopeId: earlyHelpEpisodeId,
        title: `Stepped down from social care to early help (${midSentence(labelFor(CIN_CLOSURE_REASON, input.closureReason) ?? input.closureReason)})`,
        detail: [
          input.outstandingActions ? `Outstanding actions: ${input.outstandingActions}` : null,
          input.meetingOn ? `Handover meeting: ${formatDate(input.meetingOn)}` : 'No handover meeting recorded',
          input.managerReason ? `Stepped down before the assessment was complete. Manager’s reason: ${input.managerReason}` : null,
        ]
          .filter(Boolean)
          .join('\n'),
      },
      user.id,
    );
    return { earlyHelpEpisodeId };
  });
}
