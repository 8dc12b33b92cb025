// Early help: episodes, the early help assessment, team-around-the-family meetings and the plan.
// Moving between early help and children's social care (step-up, step-down) and ending early help
// are in service-handover.ts.
// Who may see or record on the child is checked once, by the route guard, before any of this runs;
// every date is checked against the child (born, alive) and the early help it belongs to.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SignedInUser } from '../access/policy.ts';
import { can } from '../access/roles.ts';
import { recordEvent } from '../chronology/journal.ts';
import { labelFor } from '../codes/index.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { startPlan } from '../plans/lifecycle.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { formatDate } from '../server/format.ts';
import { EARLY_HELP_END_REASON, EARLY_HELP_ORIGIN, LEAD_AGENCY, TAF_ATTENDEE, type EarlyHelpOriginCode } from './codes.ts';
import * as repo from './repository.ts';
import type { AssessmentInput, LeadInput, MeetingInput, StartEarlyHelpInput } from './schemas.ts';

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
export async function allocateLead(db: Db, childId: string, userId: string | null, fromDate: string, actorId: string): Promise<void> {
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
  // Not an adult (not found), not before the child was born or after they died.
  assertNotBeforeBirth(await childDates(db, episode.childId), episode.startedOn, 'startedOn', 'The date early help started');
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

export async function earlyHelpOfChild(db: Db, childId: string) {
  const [episodes, cin] = await Promise.all([repo.episodesOfChild(db, childId), openEpisodeOf(db, childId)]);
  return { episodes, openCinEpisode: cin ?? null };
}

/** The child's episode the path names (the guard has checked it is this child's). */
export async function episodeFor(db: Db, childId: string, episodeId: string) {
  const episode = await repo.episodeById(db, episodeId);
  if (!episode || episode.child_id !== childId) throw new NotFound('No early help episode with that id for this child');
  return episode;
}

/** A date in an episode: not before it started, nor the child's birth; not after they died. */
export async function assertInEpisode(db: Db, episode: repo.EpisodeRow, date: string, field: string, what: string): Promise<void> {
  if (date < episode.started_on) throw new RuleBroken(`${what} cannot be before early help started (${formatDate(episode.started_on)})`, field);
  assertNotBeforeBirth(await childDates(db, episode.child_id), date, field, what);
}

export function requireOpen(episode: repo.EpisodeRow): void {
  if (episode.ended_on) throw new RuleBroken(`This early help ended on ${formatDate(episode.ended_on)}`);
}

export async function earlyHelpEpisode(db: Db, childId: string, episodeId: string) {
  const episode = await episodeFor(db, childId, episodeId);
  const [assessment, meetings, handovers, plan] = await Promise.all([
    repo.assessmentOf(db, episodeId),
    repo.meetingsOf(db, episodeId),
    repo.handoversOf(db, episodeId),
    episode.plan_id ? repo.planById(db, episode.plan_id) : Promise.resolve(undefined),
  ]);
  return { episode, assessment: assessment ?? null, meetings, handovers, plan: plan ?? null };
}

export async function earlyHelpForChange(db: Db, childId: string, episodeId: string) {
  const episode = await episodeFor(db, childId, episodeId);
  requireOpen(episode);
  return { episode, assessment: (await repo.assessmentOf(db, episodeId)) ?? null };
}

/** For the step-down page: the child's open social care episode, and whether its assessment is complete. */
export async function stepDownContext(db: Db, childId: string, today: string) {
  const cin = await openEpisodeOf(db, childId);
  if (!cin) throw new RuleBroken('This child has no open social care episode to step down from');
  const assessmentComplete = await repo.socialCareAssessmentCompleted(db, cin.id, today);
  return { cin, assessmentComplete };
}

export const originLabel = (code: string) => labelFor(EARLY_HELP_ORIGIN, code) ?? code;
export const endReasonLabel = (code: string | null) => (code ? (labelFor(EARLY_HELP_END_REASON, code) ?? code) : null);
export const attendeeLabels = (codes: readonly string[]) => codes.map((c) => labelFor(TAF_ATTENDEE, c) ?? c);
export { leadText };


// ---------------------------------------------------------------------------------------------
// Recording
// ---------------------------------------------------------------------------------------------

export async function startEarlyHelp(db: Kysely<Database>, user: SignedInUser, childId: string, input: StartEarlyHelpInput, today: string): Promise<string> {
  return db.transaction().execute((tx) => startEarlyHelpEpisode(tx, { childId, startedOn: input.startedOn, origin: 'DIRECT', lead: input }, user.id, today));
}

export async function changeLead(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, input: LeadInput, today: string): Promise<void> {
  const episode = await episodeFor(db, childId, episodeId);
  requireOpen(episode);
  await db.transaction().execute(async (tx) => {
    const lead = await resolveLead(tx, input);
    await updateRecord(tx, 'early_help_episode', episodeId, lead, user.id);
    await allocateLead(tx, childId, lead.lead_user_id, today < episode.started_on ? episode.started_on : today, user.id);
  });
}

export async function recordAssessment(db: Kysely<Database>, user: SignedInUser, childId: string, episodeId: string, input: AssessmentInput, today: string): Promise<string> {
  const episode = await episodeFor(db, childId, episodeId);
  requireOpen(episode);
  await assertInEpisode(db, episode, input.startedOn, 'startedOn', 'The assessment');
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
  const episode = await episodeFor(db, childId, episodeId);
  requireOpen(episode);
  await assertInEpisode(db, episode, input.heldOn, 'heldOn', 'The meeting');
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
  const episode = await episodeFor(db, childId, episodeId);
  requireOpen(episode);
  if (episode.plan_id) throw new RuleBroken('This early help already has a plan');
  await assertInEpisode(db, episode, startedOn, 'startedOn', 'The plan');
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
