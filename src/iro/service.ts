// The IRO's challenges: raised by an IRO with someone at a stage of the dispute resolution protocol,
// answered at each stage (the answer is due in 5 working days, or the council's shorter time),
// escalated upwards until the IRO says it is resolved. Every step is in the child's chronology, so the
// worker, the manager and the head of service see the same thing (seed IR-03; Newham 2014 ¶66).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { labelFor } from '../codes/code-list.ts';
import { Forbidden, NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { CHALLENGE_CATEGORY, CHALLENGE_STAGE, stageIndex } from './codes.ts';
import type { ChallengeInput, EscalationInput, ResolutionInput, ResponseInput } from './schemas.ts';

export const ONLY_IROS = 'Only an independent reviewing officer raises, escalates or resolves an IRO challenge';
const requireIro = (user: SignedInUser) => {
  if (user.role !== 'iro') throw new Forbidden(ONLY_IROS);
};

async function checkDate(tx: Db, childId: string, date: string, today: string, field: string, what: string) {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future`, field);
  assertNotBeforeBirth(await childDates(tx, childId), date, field, what);
}

export async function challengeOfChild(db: Db, childId: string, challengeId: string, options: { lock?: boolean } = {}) {
  const query = db.selectFrom('iro_challenge').selectAll().where('id', '=', challengeId).where('deleted_at', 'is', null);
  const challenge = await (options.lock ? query.forUpdate() : query).executeTakeFirst();
  if (!challenge || challenge.child_id !== childId) throw new NotFound('No IRO challenge with that id for this child');
  return challenge;
}

async function currentStage(tx: Db, challengeId: string) {
  const stage = await tx.selectFrom('iro_challenge_stage').selectAll().where('challenge_id', '=', challengeId).where('deleted_at', 'is', null).orderBy('raised_on', 'desc').orderBy('recorded_at', 'desc').executeTakeFirst();
  if (!stage) throw new RuleBroken('This challenge has no stage recorded');
  return stage;
}

const stageLabel = (code: string) => labelFor(CHALLENGE_STAGE, code) ?? code;

export async function raiseChallenge(db: Kysely<Database>, user: SignedInUser, childId: string, input: ChallengeInput, today: string): Promise<string> {
  requireIro(user);
  return db.transaction().execute(async (tx) => {
    await checkDate(tx, childId, input.raisedOn, today, 'raisedOn', 'The date of the challenge');
    const id = randomUUID();
    const stageId = randomUUID();
    await tx.insertInto('iro_challenge').values({ id, child_id: childId, raised_on: input.raisedOn, raised_by: user.id, category: input.category, concern: input.concern, recorded_by: user.id }).execute();
    await tx.insertInto('iro_challenge_stage').values({ id: stageId, challenge_id: id, child_id: childId, stage: input.stage, raised_on: input.raisedOn, addressed_to: input.addressedTo, recorded_by: user.id }).execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'iro-challenge.raised',
        occurredOn: input.raisedOn,
        sourceTable: 'iro_challenge_stage',
        sourceId: stageId,
        scopeId: id,
        title: `IRO challenge (${midSentence(labelFor(CHALLENGE_CATEGORY, input.category))}), raised with ${input.addressedTo}: ${midSentence(stageLabel(input.stage))}`,
        detail: input.concern,
      },
      user.id,
    );
    return id;
  });
}

/** The answer at the current stage, recorded by whoever gave it (or for them). */
export async function respondToChallenge(db: Kysely<Database>, user: SignedInUser, childId: string, challengeId: string, input: ResponseInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const challenge = await challengeOfChild(tx, childId, challengeId, { lock: true });
    if (challenge.resolved_on) throw new RuleBroken(`This challenge was resolved on ${formatDate(challenge.resolved_on)}`);
    await checkDate(tx, childId, input.respondedOn, today, 'respondedOn', 'The date of the response');
    const stage = await currentStage(tx, challengeId);
    if (stage.responded_on) throw new RuleBroken(`${stageLabel(stage.stage)} already responded on ${formatDate(stage.responded_on)}: the IRO resolves the challenge or escalates it`, 'respondedOn');
    if (input.respondedOn < stage.raised_on) throw new RuleBroken(`The response cannot be before the challenge was put to ${stage.addressed_to} (${formatDate(stage.raised_on)})`, 'respondedOn');
    await updateRecord(tx, 'iro_challenge_stage', stage.id, { responded_on: input.respondedOn, response: input.response }, user.id);
    await recordEvent(tx, { childId, type: 'iro-challenge.responded', occurredOn: input.respondedOn, sourceTable: 'iro_challenge_stage', sourceId: stage.id, scopeId: challengeId, title: `${stage.addressed_to} responded to the IRO challenge`, detail: input.response }, user.id);
  });
}

export async function escalateChallenge(db: Kysely<Database>, user: SignedInUser, childId: string, challengeId: string, input: EscalationInput, today: string): Promise<string> {
  requireIro(user);
  return db.transaction().execute(async (tx) => {
    const challenge = await challengeOfChild(tx, childId, challengeId, { lock: true });
    if (challenge.resolved_on) throw new RuleBroken(`This challenge was resolved on ${formatDate(challenge.resolved_on)}`);
    await checkDate(tx, childId, input.escalatedOn, today, 'escalatedOn', 'The date of the escalation');
    const stage = await currentStage(tx, challengeId);
    if (stageIndex(input.stage) <= stageIndex(stage.stage)) throw new RuleBroken(`The challenge is at ${midSentence(stageLabel(stage.stage))}: escalate it to a later stage`, 'stage');
    if (input.escalatedOn < stage.raised_on) throw new RuleBroken(`It cannot be escalated before it reached the current stage (${formatDate(stage.raised_on)})`, 'escalatedOn');
    const id = randomUUID();
    await tx.insertInto('iro_challenge_stage').values({ id, challenge_id: challengeId, child_id: childId, stage: input.stage, raised_on: input.escalatedOn, addressed_to: input.addressedTo, why: input.why, recorded_by: user.id }).execute();
    // Escalated while unanswered, the answer already owed stays due from when it was first asked.
    await recordEvent(tx, { childId, type: 'iro-challenge.escalated', occurredOn: input.escalatedOn, sourceTable: 'iro_challenge_stage', sourceId: id, scopeId: challengeId, title: `IRO challenge escalated to ${input.addressedTo}: ${midSentence(stageLabel(input.stage))}`, detail: input.why }, user.id);
    return id;
  });
}

export async function resolveChallenge(db: Kysely<Database>, user: SignedInUser, childId: string, challengeId: string, input: ResolutionInput, today: string): Promise<void> {
  requireIro(user);
  await db.transaction().execute(async (tx) => {
    const challenge = await challengeOfChild(tx, childId, challengeId, { lock: true });
    if (challenge.resolved_on) throw new RuleBroken(`This challenge was resolved on ${formatDate(challenge.resolved_on)}`);
    await checkDate(tx, childId, input.resolvedOn, today, 'resolvedOn', 'The date it was resolved');
    if (input.resolvedOn < challenge.raised_on) throw new RuleBroken(`It cannot be resolved before it was raised (${formatDate(challenge.raised_on)})`, 'resolvedOn');
    const stage = await currentStage(tx, challengeId);
    await updateRecord(tx, 'iro_challenge', challengeId, { resolved_on: input.resolvedOn, resolution: input.resolution }, user.id);
    await recordEvent(tx, { childId, type: 'iro-challenge.resolved', occurredOn: input.resolvedOn, sourceTable: 'iro_challenge', sourceId: challengeId, scopeId: challengeId, title: `IRO challenge resolved at ${midSentence(stageLabel(stage.stage))}`, detail: input.resolution }, user.id);
  });
}
