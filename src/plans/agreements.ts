// Written agreements with parents and carers (Newham 2020 F8): each agreed action with the
// consequence if it is not kept, and a review date; corrected and deleted with the reason.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { softDelete } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { formatDate } from '../server/format.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import type { WrittenAgreementCorrection, WrittenAgreementInput } from './schemas.ts';
import * as repo from './repository.ts';
import { planOfChild, type Plan } from './service.ts';

type AgreementWords = Pick<WrittenAgreementInput, 'madeOn' | 'withWhom' | 'reviewOn' | 'terms'>;

/** The agreement's rules that need no record: at least one term, not in the future, reviewed after. */
function checkAgreement(input: AgreementWords, today: string) {
  if (input.terms.length === 0) throw new RuleBroken('Enter at least one agreed action and what will happen if it is not kept', 'terms.0.action');
  if (input.madeOn > today) throw new RuleBroken('The date the agreement was made cannot be in the future', 'madeOn');
  if (input.reviewOn <= input.madeOn) throw new RuleBroken('The review date must be after the date the agreement was made', 'reviewOn');
}

/** The agreement is made within the plan it is part of: not before it started, nor after it ended. */
function withinPlan(plan: Plan | null, madeOn: string) {
  if (!plan) return;
  if (madeOn < plan.started_on) throw new RuleBroken(`The agreement cannot be made before the plan started (${formatDate(plan.started_on)})`, 'madeOn');
  if (plan.ended_on && madeOn > plan.ended_on) throw new RuleBroken(`The plan ended on ${formatDate(plan.ended_on)}: choose another plan or none`, 'planId');
}

/** The journal's words for an agreement: each action with its consequence, and the review date. */
const agreementEvent = (input: AgreementWords) => ({
  occurredOn: input.madeOn,
  title: `Written agreement with ${input.withWhom}`,
  detail: [...input.terms.map((t, i) => `${i + 1}. ${t.action}. If this is not kept: ${t.consequence}`), `Review on ${formatDate(input.reviewOn)}.`].join('\n'),
});

async function insertTerms(tx: Db, agreementId: string, terms: AgreementWords['terms'], actorId: string) {
  await tx
    .insertInto('written_agreement_term')
    .values(terms.map((t, i) => ({ id: randomUUID(), agreement_id: agreementId, position: i + 1, action: t.action, consequence: t.consequence, recorded_by: actorId })))
    .execute();
}

export async function makeWrittenAgreement(db: Kysely<Database>, user: SignedInUser, childId: string, input: WrittenAgreementInput, today: string): Promise<string> {
  checkAgreement(input, today);
  return db.transaction().execute(async (tx) => {
    assertNotBeforeBirth(await childDates(tx, childId), input.madeOn, 'madeOn', 'The date the agreement was made');
    const plan = input.planId ? await planOfChild(tx, childId, input.planId) : null;
    withinPlan(plan, input.madeOn);
    const id = randomUUID();
    await tx
      .insertInto('written_agreement')
      .values({ id, child_id: childId, plan_id: plan?.id ?? null, made_on: input.madeOn, with_whom: input.withWhom, review_on: input.reviewOn, recorded_by: user.id })
      .execute();
    await insertTerms(tx, id, input.terms, user.id);
    await recordEvent(tx, { childId, type: 'written-agreement.made', sourceTable: 'written_agreement', sourceId: id, scopeId: plan?.id ?? null, ...agreementEvent(input) }, user.id);
    return id;
  });
}

export async function writtenAgreementsOf(db: Db, childId: string, today: string) {
  const agreements = await repo.agreementsOfChild(db, childId);
  return agreements.map((a) => ({ ...a, reviewOverdue: a.review_on < today }));
}

export async function writtenAgreementOf(db: Db, childId: string, agreementId: string) {
  const agreement = (await repo.agreementsOfChild(db, childId)).find((a) => a.id === agreementId);
  if (!agreement) throw new NotFound('No written agreement with that id for this child');
  return agreement;
}

/**
 * Corrects a written agreement (its date, who made it, its terms, the review date): the old version
 * is kept with the reason, terms that change are replaced (the old ones kept, deleted with the same
 * reason) and the chronology follows. The plan it is part of stays: a wrong plan is deleted and
 * recorded again.
 */
export async function correctWrittenAgreement(
  db: Kysely<Database>,
  user: SignedInUser,
  childId: string,
  agreementId: string,
  input: WrittenAgreementCorrection,
  today: string,
): Promise<void> {
  checkAgreement(input, today);
  await db.transaction().execute(async (tx) => {
    const agreement = await writtenAgreementOf(tx, childId, agreementId);
    assertNotBeforeBirth(await childDates(tx, childId), input.madeOn, 'madeOn', 'The date the agreement was made');
    withinPlan(agreement.plan_id ? await planOfChild(tx, childId, agreement.plan_id) : null, input.madeOn);
    await correctRecord(tx, {
      table: 'written_agreement',
      id: agreementId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { made_on: input.madeOn, with_whom: input.withWhom, review_on: input.reviewOn },
      event: agreementEvent(input),
    });
    const same =
      agreement.terms.length === input.terms.length && agreement.terms.every((t, i) => t.action === input.terms[i]!.action && t.consequence === input.terms[i]!.consequence);
    if (same) return;
    for (const term of agreement.terms) await softDelete(tx, 'written_agreement_term', term.id, user.id, input.reason);
    await insertTerms(tx, agreementId, input.terms, user.id);
  });
}

/** Deletes a written agreement and its terms softly, with the reason; it leaves the chronology. */
export async function deleteWrittenAgreement(db: Kysely<Database>, user: SignedInUser, childId: string, agreementId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const agreement = await writtenAgreementOf(tx, childId, agreementId);
    for (const term of agreement.terms) await softDelete(tx, 'written_agreement_term', term.id, user.id, reason);
    await deleteRecord(tx, { table: 'written_agreement', id: agreementId, actorId: user.id, reason, childId });
  });
}
