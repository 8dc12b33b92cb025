// Facts put straight into a test's database, exactly as dated, for tests that count over them
// (measures, practice standards, data quality, improvement plans) rather than test how they are
// recorded: the journeys that record a referral or an assessment have tests of their own.
import { randomUUID } from 'node:crypto';
import type { TestApp } from './app.ts';

/** A referral: a child in need episode from `referralDate` (source 2A), open unless `closedOn`. Answers its id. */
export async function insertReferral(t: TestApp, childId: string, referralDate: string, options: { primaryNeed?: string | null; closedOn?: string | null } = {}): Promise<string> {
  const id = randomUUID();
  const closedOn = options.closedOn ?? null;
  await t.ctx.db
    .insertInto('cin_episode')
    .values({
      id,
      child_id: childId,
      referral_date: referralDate,
      referral_source: '2A',
      primary_need: options.primaryNeed === undefined ? 'N1' : options.primaryNeed,
      referral_nfa: false,
      contact_id: null,
      closed_on: closedOn,
      closure_reason: closedOn ? 'RC1' : null,
      recorded_by: t.users.worker,
    })
    .execute();
  return id;
}

/** The referral's assessment, started on `startedOn` and not completed: the child seen (alone) on `seenOn`, with their views if given. */
export async function insertAssessment(t: TestApp, childId: string, episodeId: string, startedOn: string, options: { seenOn?: string | null; views?: string | null } = {}): Promise<void> {
  const seenOn = options.seenOn ?? null;
  await t.ctx.db
    .insertInto('assessment')
    .values({
      id: randomUUID(),
      child_id: childId,
      episode_id: episodeId,
      started_on: startedOn,
      completed_on: null,
      factors: JSON.stringify([]),
      outcome: null,
      delay_reason: null,
      child_seen_on: seenOn,
      child_seen_alone: seenOn ? 'yes' : null,
      child_not_seen_reason: null,
      child_views: options.views ?? null,
      adults_involved: null,
      father_involved: null,
      father_not_involved_reason: null,
      culture_and_identity: null,
      use_of_history: null,
      analysis: null,
      authorised_on: null,
      authorised_by: null,
      authorisation_rationale: null,
      recorded_by: t.users.worker,
    })
    .execute();
}
