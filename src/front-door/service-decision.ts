// The manager's threshold decision within one working day (FD-02, FD-08), telling the referrer the
// outcome (FD-01), and a second manager's look at a no-service decision made while risk was recorded
// (Southend ¶18). Only a manager of the front door team decides: the route guard checks that.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import type { Db } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import { startEarlyHelpEpisode } from '../early-help/service.ts';
import { receiveReferral } from '../episodes/service.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { IMMEDIATE_S47_PROMPT, NO_SERVICE_OUTCOMES, REFERRAL_OUTCOMES, type ContactOutcomeCode } from './codes.ts';
import { describeCheck, describeContact, methodLabel, outcomeLabel } from './describe.ts';
import * as repo from './repository.ts';
import type { ContactRow } from './repository.ts';
import type { DecisionInput, ReferrerInformedInput, SecondLookInput } from './schemas.ts';
import { contactOf, releaseFrontDoorHold, requireMatched } from './service.ts';

/** What the decision page tells the manager before they decide (FD-03, FD-08). */
export async function decisionContext(db: Db, contactId: string, today: string) {
  const contact = await contactOf(db, contactId);
  const view = describeContact(contact, today);
  const checks = (await repo.checksOf(db, contactId)).map(describeCheck);
  const openEpisode = contact.child_id
    ? await db
        .selectFrom('cin_episode')
        .select(['id', 'referral_date'])
        .where('child_id', '=', contact.child_id)
        .where('closed_on', 'is', null)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
    : undefined;
  return {
    contact: view,
    checks,
    prompts: {
      considerStrategy: view.riskIndicators.some((code) => (IMMEDIATE_S47_PROMPT as readonly string[]).includes(code)),
      noChecks: checks.length === 0,
      memberOfPublic: !view.referrerIsProfessional,
      openEpisodeFrom: openEpisode?.referral_date ?? null,
    },
  };
}

interface Pathway {
  cinEpisodeId: string | null;
  earlyHelpEpisodeId: string | null;
}

/** What an outcome sets going, in the caller's transaction: a referral or early help. */
async function startPathway(
  tx: Db,
  contact: ContactRow,
  childId: string,
  outcome: ContactOutcomeCode,
  on: string,
  primaryNeed: string | null,
  actorId: string,
  today: string,
): Promise<Pathway> {
  if (REFERRAL_OUTCOMES.includes(outcome)) {
    // The contact becomes a referral on the day it is decided to be one (FD-02).
    const cinEpisodeId = await receiveReferral(tx, { childId, referralDate: on, referralSource: contact.source, primaryNeed, contactId: contact.id }, actorId, today);
    return { cinEpisodeId, earlyHelpEpisodeId: null };
  }
  if (outcome === 'EARLY_HELP') {
    const earlyHelpEpisodeId = await startEarlyHelpEpisode(tx, { childId, startedOn: on, origin: 'CONTACT', contactId: contact.id }, actorId, today);
    return { cinEpisodeId: null, earlyHelpEpisodeId };
  }
  return { cinEpisodeId: null, earlyHelpEpisodeId: null };
}

export async function decideContact(db: Kysely<Database>, user: SignedInUser, contactId: string, input: DecisionInput, today: string): Promise<Pathway & { decisionId: string }> {
  if (input.decidedOn > today) throw new RuleBroken('The decision date cannot be in the future', 'decidedOn');
  if (input.primaryNeed && !REFERRAL_OUTCOMES.includes(input.outcome)) {
    throw new RuleBroken('A primary need is recorded only when the contact becomes a referral', 'primaryNeed');
  }
  return db.transaction().execute(async (tx) => {
    const contact = await contactOf(tx, contactId);
    const childId = requireMatched(contact);
    if (contact.decision_id) throw new RuleBroken(`A decision was already made on ${formatDate(contact.decided_on!)}: ${outcomeLabel(contact.outcome)}`);
    if (input.decidedOn < contact.received_on || (input.decidedOn === contact.received_on && input.decidedTime < contact.received_time)) {
      throw new RuleBroken(`The decision cannot come before the contact was received (${formatDate(contact.received_on)} at ${contact.received_time})`, 'decidedOn');
    }
    assertNotBeforeBirth(await childDates(tx, childId), input.decidedOn, 'decidedOn', 'The date of the decision');
    const pathway = await startPathway(tx, contact, childId, input.outcome, input.decidedOn, input.primaryNeed, user.id, today);
    const decisionId = randomUUID();
    await tx
      .insertInto('contact_decision')
      .values({
        id: decisionId,
        contact_id: contactId,
        decided_on: input.decidedOn,
        decided_time: input.decidedTime,
        outcome: input.outcome,
        rationale: input.rationale,
        cin_episode_id: pathway.cinEpisodeId,
        early_help_episode_id: pathway.earlyHelpEpisodeId,
        recorded_by: user.id,
      })
      .execute();
    const risky = NO_SERVICE_OUTCOMES.includes(input.outcome) && (contact.risk_indicators ?? []).length > 0;
    await recordEvent(
      tx,
      {
        childId,
        type: 'contact.decided',
        occurredOn: input.decidedOn,
        sourceTable: 'contact_decision',
        sourceId: decisionId,
        scopeId: contactId,
        title: `Contact decision: ${outcomeLabel(input.outcome)}${risky ? ' (flagged for a second look: risk was recorded)' : ''}`,
        detail: input.rationale,
        significance: REFERRAL_OUTCOMES.includes(input.outcome) || risky ? 'high' : 'normal',
      },
      user.id,
    );
    await releaseFrontDoorHold(tx, childId, input.decidedOn, user.id);
    return { decisionId, ...pathway };
  });
}

export async function recordReferrerInformed(db: Kysely<Database>, user: SignedInUser, contactId: string, input: ReferrerInformedInput, today: string): Promise<string> {
  if (input.informedOn > today) throw new RuleBroken('The date cannot be in the future', 'informedOn');
  return db.transaction().execute(async (tx) => {
    const contact = await contactOf(tx, contactId);
    const childId = requireMatched(contact);
    if (!contact.decision_id) throw new RuleBroken('Record the decision before telling the referrer the outcome');
    if (contact.source === '9') throw new RuleBroken('The contact was anonymous: there is no referrer to tell');
    if (contact.informed_on) throw new RuleBroken(`The referrer was already told on ${formatDate(contact.informed_on)}`);
    if (input.informedOn < contact.decided_on!) throw new RuleBroken(`The referrer cannot be told before the decision (${formatDate(contact.decided_on!)})`, 'informedOn');
    assertNotBeforeBirth(await childDates(tx, childId), input.informedOn, 'informedOn', 'The date the referrer was told');
    const id = randomUUID();
    await tx.insertInto('referrer_feedback').values({ id, contact_id: contactId, informed_on: input.informedOn, method: input.method, note: input.note, recorded_by: user.id }).execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'contact.referrer-informed',
        occurredOn: input.informedOn,
        sourceTable: 'referrer_feedback',
        sourceId: id,
        scopeId: contactId,
        title: `Referrer told the outcome (${midSentence(methodLabel(input.method))})`,
        detail: input.note,
      },
      user.id,
    );
    await releaseFrontDoorHold(tx, childId, input.informedOn, user.id);
    return id;
  });
}

export async function secondLookContext(db: Db, user: SignedInUser, contactId: string, today: string) {
  const contact = await contactOf(db, contactId);
  return { contact: describeContact(contact, today), checks: (await repo.checksOf(db, contactId)).map(describeCheck), decidedByMe: contact.decided_by === user.id };
}

/** Southend ¶18: another manager looks again at a no-service decision made while risk was recorded. */
export async function recordSecondLook(db: Kysely<Database>, user: SignedInUser, contactId: string, input: SecondLookInput, today: string): Promise<Pathway & { secondLookId: string }> {
  if (input.reviewedOn > today) throw new RuleBroken('The date cannot be in the future', 'reviewedOn');
  if (input.primaryNeed && !(input.newOutcome && REFERRAL_OUTCOMES.includes(input.newOutcome))) {
    throw new RuleBroken('A primary need is recorded only when the contact becomes a referral', 'primaryNeed');
  }
  return db.transaction().execute(async (tx) => {
    const contact = await contactOf(tx, contactId);
    const childId = requireMatched(contact);
    if (!contact.flagged) throw new RuleBroken('Only a decision of no further action or advice, made while risk was recorded, needs a second look');
    if (contact.second_look_id) throw new RuleBroken(`A second look was already taken on ${formatDate(contact.reviewed_on!)}`);
    if (contact.decided_by === user.id) throw new RuleBroken('A second look is taken by a different manager from the one who made the decision');
    if (input.reviewedOn < contact.decided_on!) throw new RuleBroken(`The second look cannot be before the decision (${formatDate(contact.decided_on!)})`, 'reviewedOn');
    if (input.newOutcome && input.newOutcome === contact.outcome) throw new RuleBroken('Choose a decision different from the one being changed', 'newOutcome');
    assertNotBeforeBirth(await childDates(tx, childId), input.reviewedOn, 'reviewedOn', 'The date of the second look');
    const pathway = input.newOutcome
      ? await startPathway(tx, contact, childId, input.newOutcome, input.reviewedOn, input.primaryNeed, user.id, today)
      : { cinEpisodeId: null, earlyHelpEpisodeId: null };
    const id = randomUUID();
    await tx
      .insertInto('contact_second_look')
      .values({
        id,
        contact_id: contactId,
        reviewed_on: input.reviewedOn,
        reviewer_id: user.id,
        conclusion: input.conclusion,
        new_outcome: input.newOutcome,
        notes: input.notes,
        cin_episode_id: pathway.cinEpisodeId,
        early_help_episode_id: pathway.earlyHelpEpisodeId,
        recorded_by: user.id,
      })
      .execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'contact.second-look',
        occurredOn: input.reviewedOn,
        sourceTable: 'contact_second_look',
        sourceId: id,
        scopeId: contactId,
        title: input.newOutcome ? `Second look: decision changed to ${midSentence(outcomeLabel(input.newOutcome))}` : 'Second look: decision agreed',
        detail: input.notes,
        significance: input.newOutcome ? 'high' : 'normal',
      },
      user.id,
    );
    await releaseFrontDoorHold(tx, childId, input.reviewedOn, user.id);
    return { secondLookId: id, ...pathway };
  });
}
