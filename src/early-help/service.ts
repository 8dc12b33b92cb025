// Early help: episodes, the early help assessment, team-around-the-family meetings and the plan; and
// moving between early help and children's social care. A step-up makes a referral and ends early
// help with a handover; a step-down closes the social care episode and opens early help with one.
// Neither a step-down nor an early help closure may come before the relevant assessment is
// complete unless a team manager records why (Southend ¶16, ¶19-21; seed EH-09, EH-10).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { requireChangeChild, requireSeeChild, type SignedInUser } from '../access/policy.ts';
import { can } from '../access/roles.ts';
import { recordEvent } from '../chronology/journal.ts';
import { CIN_CLOSURE_REASON, labelFor } from '../codes/index.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import { closeEpisode, openEpisodeOf, receiveReferral } from '../episodes/service.ts';
import { endPlan, startPlan } from '../plans/lifecycle.ts';
import { Forbidden, NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { EARLY_HELP_END_REASON, EARLY_HELP_ORIGIN, LEAD_AGENCY, TAF_ATTENDEE, type EarlyHelpOriginCode } from './codes.ts';
import * as repo from './repository.ts';
import type { AssessmentInput, CloseInput, LeadInput, MeetingInput, StartEarlyHelpInput, StepDownInput, StepUpInput } from './schemas.ts';

export interface Lead {
  leadUserId: string | null;
  leadName: string | null;
  leadAgency: string | null;
}

export interface NewEarlyHelpEpisode {
  childId: string;
  startedOn: string;
  origin: EarlyHelpOriginCode;
  contactId?: string | null;
  steppedDownFrom?: string | null;
  lead?: Lead | null;
}

/** Only a team manager may let early help or a step-down go ahead before the assessment is complete. */
export const mayGiveManagerReason = (user: SignedInUser) => can(user.role, 'authorise');

function requireCasework(user: SignedInUser): void {
  if (!can(user.role, 'record-casework')) throw new Forbidden('You cannot record early help.');
}

/** Partner agency users see their referrals' outcomes, never the child's record. */
function refusePartner(user: SignedInUser): void {
  if (user.role === 'partner_agency') throw new Forbidden('You do not have access to this child’s record.');
}

async function resolveLead(db: Db, lead: Lead | null | undefined) {
  if (!lead) return { lead_user_id: null, lead_name: null, lead_agency: null };
  if (lead.leadUserId) {
    const user = await db.selectFrom('app_user').select(['id', 'display_name', 'active']).where('id', '=', lead.leadUserId).executeTakeFirst();
    if (!user || !user.active) throw new RuleBroken('Select a Lantern user who is still working here', 'leadUserId');
    return { lead_user_id: user.id, lead_name: user.display_name, lead_agency: 'EARLY_HELP' };
  }
  return { lead_user_id: null, lead_name: lead.leadName, lead_agency: lead.leadAgency };
}

/** The lead, when a Lantern user, holds the child (an allocation) so they can open the record. */
async function allocateLead(db: Db, childId: string, userId: string | null, fromDate: string, actorId: string): Promise<void> {
  const current = await db
    .selectFrom('allocation')
    .select(['id', 'worker_id', 'from_date'])
    .where('child_id', '=', childId)
    .where('role', '=', repo.EARLY_HELP_LEAD)
    .where('to_date', 'is', null)
    .where('deleted_at', 'is', null)
    .execute();
  for (const allocation of current) {
    if (allocation.worker_id === userId) return;
    await updateRecord(db, 'allocation', allocation.id, { to_date: fromDate < allocation.from_date ? allocation.from_date : fromDate }, actorId);
  }
  if (userId) {
    await db
      .insertInto('allocation')
      .values({ id: randomUUID(), child_id: childId, worker_id: userId, role: repo.EARLY_HELP_LEAD, from_date: fromDate, recorded_by: actorId })
      .execute();
  }
}

const leadText = (lead: { lead_name: string | null; lead_agency: string | null }) =>
  lead.lead_name ? `${lead.lead_name}${lead.lead_agency ? ` (${labelFor(LEAD_AGENCY, lead.lead_agency) ?? lead.lead_agency})` : ''}` : null;

/**
 * Opens an early help episode inside the caller's transaction: from a contact decision, a step-down
 * or directly. One open early help episode per child, and none alongside an open social care episode
 * (early help follows social care by a step-down, and goes to it by a step-up).
 */
export async function startEarlyHelpEpisode(db: Db, episode: NewEarlyHelpEpisode, actorId: string, today: string): Promise<string> {
  if (episode.startedOn > today) throw new RuleBroken('Early help cannot start in the future', 'startedOn');
  const child = await db.selectFrom('person').select(['kind', 'date_of_birth', 'deleted_at']).where('id', '=', episode.childId).executeTakeFirst();
  if (!child || child.deleted_at) throw new NotFound('No child with that id');
  if (child.kind === 'adult') throw new RuleBroken('Early help is for a child or an unborn child, not an adult');
  if (child.date_of_birth && episode.startedOn < child.date_of_birth) {
    throw new RuleBroken(`Early help cannot start before the child was born (${formatDate(child.date_of_birth)})`, 'startedOn');
  }
  const open = await repo.openEpisodeOfChild(db, episode.childId);
  if (open) {
    throw new RuleBroken(`This child already has early help from ${formatDate(open.started_on)}. Record the new worries in it.`, 'startedOn');
  }
  const cin = await openEpisodeOf(db, episode.childId);
  if (cin) {
    throw new RuleBroken(
      `This child has an open social care episode from ${formatDate(cin.referral_date)}. Early help starts when social care steps the case down.`,
      'startedOn',
    );
  }
  const lead = await resolveLead(db, episode.lead);
  const id = randomUUID();
  await db
    .insertInto('early_help_episode')
    .values({
      id,
      child_id: episode.childId,
      started_on: episode.startedOn,
      origin: episode.origin,
      contact_id: episode.contactId ?? null,
      stepped_down_from: episode.steppedDownFrom ?? null,
      ...lead,
      recorded_by: actorId,
    })
    .execute();
  await allocateLead(db, episode.childId, lead.lead_user_id, episode.startedOn, actorId);
  const how = { CONTACT: 'after a front door decision', STEP_DOWN: 'stepped down from social care', DIRECT: 'on request' }[episode.origin];
  await recordEvent(
    db,
    {
      childId: episode.childId,
      type: 'early-help.started',
      occurredOn: episode.startedOn,
      sourceTable: 'early_help_episode',
      sourceId: id,
      scopeId: id,
      title: `Early help started ${how}`,
      detail: leadText(lead) ? `Lead practitioner: ${leadText(lead)}` : null,
    },
    actorId,
  );
  return id;
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export async function earlyHelpOfChild(db: Db, user: SignedInUser, childId: string) {
  refusePartner(user);
  await requireSeeChild(db, user, childId);
  const [child, episodes, cin] = await Promise.all([childOf(db, childId), repo.episodesOfChild(db, childId), openEpisodeOf(db, childId)]);
  return { child, episodes, openCinEpisode: cin ?? null };
}

async function childOf(db: Db, childId: string) {
  const child = await db
    .selectFrom('person')
    .select(['id', 'first_name', 'last_name', 'date_of_birth', 'la_child_id'])
    .where('id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!child) throw new NotFound('No child with that id');
  return { ...child, name: `${child.first_name} ${child.last_name}` };
}

async function episodeFor(db: Db, user: SignedInUser, childId: string, episodeId: string, mode: 'see' | 'change') {
  refusePartner(user);
  if (mode === 'change') requireCasework(user);
  const episode = await repo.episodeById(db, episodeId);
  if (!episode || episode.child_id !== childId) throw new NotFound('No early help episode with that id for this child');
  if (mode === 'change') await requireChangeChild(db, user, childId);
  else await requireSeeChild(db, user, childId);
  return episode;
}

function requireOpen(episode: repo.EpisodeRow): void {
  if (episode.ended_on) throw new RuleBroken(`This early help ended on ${formatDate(episode.ended_on)}`);
}

export async function earlyHelpEpisode(db: Db, user: SignedInUser, childId: string, episodeId: string) {
  const episode = await episodeFor(db, user, childId, episodeId, 'see');
  const [child, assessment, meetings, handovers, plan] = await Promise.all([
    childOf(db, childId),
    repo.assessmentOf(db, episodeId),
    repo.meetingsOf(db, episodeId),
    repo.handoversOf(db, episodeId),
    episode.plan_id ? repo.planById(db, episode.plan_id) : Promise.resolve(undefined),
  ]);
  return { child, episode, assessment: assessment ?? null, meetings, handovers, plan: plan ?? null };
}

export async function earlyHelpForChange(db: Db, user: SignedInUser, childId: string, episodeId: string) {
  const episode = await episodeFor(db, user, childId, episodeId, 'change');
  requireOpen(episode);
  const [child, assessment] = await Promise.all([childOf(db, childId), repo.assessmentOf(db, episodeId)]);
  return { child, episode, assessment: assessment ?? null };
}

/** For the step-down page: the child and their open social care episode. */
export async function stepDownContext(db: Db, user: SignedInUser, childId: string, today: string) {
  refusePartner(user);
  requireCasework(user);
  await requireChangeChild(db, user, childId);
  const child = await childOf(db, childId);
  const cin = await openEpisodeOf(db, childId);
  if (!cin) throw new RuleBroken('This child has no open social care episode to step down from');
  const assessmentComplete = await repo.socialCareAssessmentCompleted(db, cin.id, today);
  return { child, cin, assessmentComplete };
}

export const originLabel = (code: string) => labelFor(EARLY_HELP_ORIGIN, code) ?? code;
export const endReasonLabel = (code: string | null) => (code ? (labelFor(EARLY_HELP_END_REASON, code) ?? code) : null);
export const attendeeLabels = (codes: readonly string[]) => codes.map((c) => labelFor(TAF_ATTENDEE, c) ?? c);
export { leadText };

/** One line for the child's record. */
export async function earlyHelpSummary(db: Db, childId: string): Promise<string | null> {
  const [latest] = await repo.episodesOfChild(db, childId);
  if (!latest) return null;
  if (!latest.ended_on) {
    const lead = leadText(latest);
    return `Open since ${formatDate(latest.started_on)}${lead ? `, led by ${lead}` : ', no lead practitioner yet'}`;
  }
  return `Ended ${formatDate(latest.ended_on)}: ${(endReasonLabel(latest.end_reason) ?? '').toLowerCase()}`;
}

// ---------------------------------------------------------------------------------------------
// Recording
// ---------------------------------------------------------------------------------------------

export async function startEarlyHelp(db: Kysely<Database>, user: SignedInUser, childId: string, input: StartEarlyHelpInput, today: string): Promise<string> {
  refusePartner(user);
  requireCasework(user);
  await requireChangeChild(db, user, childId);
  return db.transaction().execute((tx) => startEarlyHelpEpisode(tx, { childId, startedOn: input.startedOn, origin: 'DIRECT', lead: input }, user.id, today));
}

export async function changeLead(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, input: LeadInput, today: string): Promise<void> {
  const episode = await episodeFor(db, user, childId, episodeId, 'change');
  requireOpen(episode);
  await db.transaction().execute(async (tx) => {
    const lead = await resolveLead(tx, input);
    await updateRecord(tx, 'early_help_episode', episodeId, lead, user.id);
    await allocateLead(tx, childId, lead.lead_user_id, today < episode.started_on ? episode.started_on : today, user.id);
  });
}

export async function recordAssessment(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, input: AssessmentInput, today: string): Promise<string> {
  const episode = await episodeFor(db, user, childId, episodeId, 'change');
  requireOpen(episode);
  if (input.startedOn < episode.started_on) {
    throw new RuleBroken(`The assessment cannot start before early help started (${formatDate(episode.started_on)})`, 'startedOn');
  }
  if (input.startedOn > today) throw new RuleBroken('The assessment cannot start in the future', 'startedOn');
  if (input.completedOn && input.completedOn > today) throw new RuleBroken('The completion date cannot be in the future', 'completedOn');
  const existing = await repo.assessmentOf(db, episodeId);
  if (existing?.completed_on) {
    throw new RuleBroken(`The early help assessment was completed on ${formatDate(existing.completed_on)} and cannot be changed here`);
  }
  return db.transaction().execute(async (tx) => {
    const columns = { started_on: input.startedOn, completed_on: input.completedOn, needs: input.needs, views: input.views, analysis: input.analysis };
    let id: string;
    if (existing) {
      id = existing.id;
      await updateRecord(tx, 'early_help_assessment', id, columns, user.id);
    } else {
      id = randomUUID();
      await tx.insertInto('early_help_assessment').values({ id, episode_id: episodeId, child_id: childId, ...columns, recorded_by: user.id }).execute();
      await recordEvent(
        tx,
        { childId, type: 'early-help.assessment-started', occurredOn: input.startedOn, sourceTable: 'early_help_assessment', sourceId: id, scopeId: episodeId, title: 'Early help assessment started' },
        user.id,
        { refresh: !input.completedOn },
      );
    }
    if (input.completedOn) {
      await recordEvent(
        tx,
        {
          childId,
          type: 'early-help.assessment-completed',
          occurredOn: input.completedOn,
          sourceTable: 'early_help_assessment',
          sourceId: id,
          scopeId: episodeId,
          title: 'Early help assessment completed',
          detail: input.needs,
        },
        user.id,
      );
    }
    return id;
  });
}

export async function recordMeeting(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, input: MeetingInput, today: string): Promise<string> {
  const episode = await episodeFor(db, user, childId, episodeId, 'change');
  requireOpen(episode);
  if (input.heldOn < episode.started_on) throw new RuleBroken(`The meeting cannot be before early help started (${formatDate(episode.started_on)})`, 'heldOn');
  if (input.heldOn > today) throw new RuleBroken('Record a meeting once it has been held: the date cannot be in the future', 'heldOn');
  return db.transaction().execute(async (tx) => {
    const id = randomUUID();
    await tx
      .insertInto('early_help_meeting')
      .values({ id, episode_id: episodeId, child_id: childId, held_on: input.heldOn, agencies: JSON.stringify(input.agencies), attendees: input.attendees, summary: input.summary, recorded_by: user.id })
      .execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'early-help.meeting-held',
        occurredOn: input.heldOn,
        sourceTable: 'early_help_meeting',
        sourceId: id,
        scopeId: episodeId,
        title: `Team around the family meeting: ${attendeeLabels(input.agencies).join(', ')}`,
        detail: input.summary,
      },
      user.id,
    );
    return id;
  });
}

/** The early help plan: one plan of kind 'early_help' (its outcomes and actions are the plans area's). */
export async function startEarlyHelpPlan(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, startedOn: string, today: string): Promise<string> {
  const episode = await episodeFor(db, user, childId, episodeId, 'change');
  requireOpen(episode);
  if (episode.plan_id) throw new RuleBroken('This early help already has a plan');
  if (startedOn < episode.started_on) throw new RuleBroken(`The plan cannot start before early help started (${formatDate(episode.started_on)})`, 'startedOn');
  return db.transaction().execute(async (tx) => {
    const planId = await startPlan(tx, { childId, kind: 'early_help', startedOn }, user.id, today);
    await updateRecord(tx, 'early_help_episode', episodeId, { plan_id: planId }, user.id);
    await recordEvent(
      tx,
      { childId, type: 'early-help.plan-started', occurredOn: startedOn, sourceTable: 'plan', sourceId: planId, scopeId: episodeId, title: 'Early help plan started' },
      user.id,
    );
    return planId;
  });
}

async function endOpenPlan(tx: Db, episode: repo.EpisodeRow, endedOn: string, reason: string, actorId: string, today: string): Promise<void> {
  if (!episode.plan_id) return;
  const plan = await repo.planById(tx, episode.plan_id);
  if (plan && !plan.ended_on) await endPlan(tx, plan.id, { endedOn, reason }, actorId, today);
}

/** Step-up: a referral to social care (same transaction) and early help ends with a handover. */
export async function stepUp(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, input: StepUpInput, today: string): Promise<{ cinEpisodeId: string }> {
  const episode = await episodeFor(db, user, childId, episodeId, 'change');
  requireOpen(episode);
  if (input.steppedUpOn < episode.started_on) {
    throw new RuleBroken(`The step-up cannot be before early help started (${formatDate(episode.started_on)})`, 'steppedUpOn');
  }
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
  const episode = await episodeFor(db, user, childId, episodeId, 'change');
  requireOpen(episode);
  if (input.closedOn < episode.started_on) throw new RuleBroken(`Early help cannot end before it started (${formatDate(episode.started_on)})`, 'closedOn');
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
        title: `Early help ended: ${(endReasonLabel(input.reason) ?? input.reason).toLowerCase()}`,
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
  const { cin } = await stepDownContext(db, user, childId, today);
  const complete = await repo.socialCareAssessmentCompleted(db, cin.id, input.steppedDownOn);
  checkManagerReason(user, input.managerReason, complete, 'social care assessment');
  if (input.meetingOn && input.meetingOn < cin.referral_date) {
    throw new RuleBroken(`The handover meeting cannot be before the referral (${formatDate(cin.referral_date)})`, 'meetingOn');
  }
  return db.transaction().execute(async (tx) => {
    await closeEpisode(tx, cin.id, { closedOn: input.steppedDownOn, reason: input.closureReason, managerReason: input.managerReason }, user.id, today);
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
        title: `Stepped down from social care to early help (${(labelFor(CIN_CLOSURE_REASON, input.closureReason) ?? input.closureReason).toLowerCase()})`,
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
