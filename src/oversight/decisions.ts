// Management decisions at the key transitions (MO-04; DQ-18: "records of decisions are poor", Newham
// 2014 ¶61, Southend 2016 ¶120). A manager of the case records the decision with its rationale first;
// the transition (an s47 outcome, a plan's start or end, a closure, a step-down, entry to care, a return
// home) then takes effect only with a decision of its kind that no earlier transition has used
// (`authoriseTransition`): there is no transition without its decision record (decision 0021).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { childDates, assertNotBeforeBirth } from '../people/dates.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { formatDate } from '../server/format.ts';
import { labelFor } from '../codes/code-list.ts';
import { DECISION_KIND, type DecisionKindCode } from './codes.ts';
import { assertManagesCase } from './service.ts';
import { firstUnusedDecision } from './decision-status.ts';
import type { DecisionCorrection, DecisionInput } from './schemas.ts';

export async function recordDecision(db: Kysely<Database>, user: SignedInUser, childId: string, input: DecisionInput, today: string): Promise<string> {
  if (input.decidedOn > today) throw new RuleBroken('The date of the decision cannot be in the future', 'decidedOn');
  return db.transaction().execute(async (tx) => {
    await assertManagesCase(tx, user, childId, 'kind');
    assertNotBeforeBirth(await childDates(tx, childId), input.decidedOn, 'decidedOn', 'The date of the decision');
    const id = randomUUID();
    const closure = input.kind === 'closure';
    await tx
      .insertInto('management_decision')
      .values({
        id,
        child_id: childId,
        kind: input.kind,
        decided_on: input.decidedOn,
        manager_id: user.id,
        rationale: input.rationale,
        authorises: input.authorises,
        work_summary: closure ? input.workSummary : null,
        situation_at_closure: closure ? input.situationAtClosure : null,
        acted_on_id: null,
        recorded_by: user.id,
      })
      .execute();
    await recordEvent(
      tx,
      {
        childId,
        type: 'management-decision.recorded',
        occurredOn: input.decidedOn,
        sourceTable: 'management_decision',
        sourceId: id,
        title: `Management decision: ${labelFor(DECISION_KIND, input.kind)}`,
        detail: `${input.authorises}. Rationale: ${input.rationale}`,
      },
      user.id,
    );
    return id;
  });
}

/** A child's decisions with their manager's name: the one query both readers below narrow. */
const decisionsQuery = (db: Db, childId: string) =>
  db
    .selectFrom('management_decision as d')
    .innerJoin('app_user as m', 'm.id', 'd.manager_id')
    .selectAll('d')
    .select('m.display_name as manager_name')
    .where('d.child_id', '=', childId)
    .where('d.deleted_at', 'is', null);

export async function decisionsOf(db: Db, childId: string) {
  return decisionsQuery(db, childId).orderBy('d.decided_on', 'desc').orderBy('d.recorded_at', 'desc').execute();
}

/**
 * The gate at each key transition, inside the transition's own transaction: the earliest unused
 * decision of this kind for the child made on or before the day the transition takes effect is marked
 * as acted on by `actedOnId`; with none, the transition is refused and nothing of it is stored.
 */
export async function authoriseTransition(tx: Db, actorId: string, childId: string, kind: DecisionKindCode, on: string, actedOnId: string, field = 'form'): Promise<void> {
  const decision = await firstUnusedDecision(tx, childId, kind, on);
  if (!decision) {
    throw new RuleBroken(
      `A manager must record the decision (“${labelFor(DECISION_KIND, kind)}”) with its rationale, on or before ${formatDate(on)}, before this can be recorded: ask the manager of the case to record it under Management decisions`,
      field,
    );
  }
  await updateRecord(tx, 'management_decision', decision.id, { acted_on_id: actedOnId }, actorId);
}

/** One of the child's decisions, or NotFound (another child's decision is not found either). */
export async function decisionOf(db: Db, childId: string, decisionId: string) {
  const decision = await decisionsQuery(db, childId).where('d.id', '=', decisionId).executeTakeFirst();
  if (!decision) throw new NotFound('No management decision with that id for this child');
  return decision;
}

/** The day the transition a decision authorised took effect, read from the transition's own record. */
async function transitionDate(db: Db, kind: DecisionKindCode, actedOnId: string): Promise<string | null> {
  const on = async (query: Promise<{ on: string | null } | undefined>) => (await query)?.on ?? null;
  switch (kind) {
    case 's47_outcome':
      return on(db.selectFrom('s47_enquiry').select('completed_on as on').where('id', '=', actedOnId).executeTakeFirst());
    case 'plan_start':
      return on(db.selectFrom('plan').select('started_on as on').where('id', '=', actedOnId).executeTakeFirst());
    case 'plan_end':
      return on(db.selectFrom('plan').select('ended_on as on').where('id', '=', actedOnId).executeTakeFirst());
    case 'closure':
    case 'step_down':
      return on(db.selectFrom('cin_episode').select('closed_on as on').where('id', '=', actedOnId).executeTakeFirst());
    case 'entry_to_care':
      return on(db.selectFrom('care_period').select('started_on as on').where('id', '=', actedOnId).executeTakeFirst());
    case 'return_home':
      return on(db.selectFrom('care_period').select('ended_on as on').where('id', '=', actedOnId).executeTakeFirst());
  }
}

/**
 * Corrects a decision with the reason (a manager of the case; decision 0025). The kind stays: a
 * decision about something else is a new decision. One already acted on keeps a date on or before
 * the transition it authorised.
 */
export async function correctDecision(db: Kysely<Database>, user: SignedInUser, childId: string, decisionId: string, input: DecisionCorrection, today: string): Promise<void> {
  if (input.decidedOn > today) throw new RuleBroken('The date of the decision cannot be in the future', 'decidedOn');
  await db.transaction().execute(async (tx) => {
    const decision = await decisionOf(tx, childId, decisionId);
    await assertManagesCase(tx, user, childId, 'decidedOn');
    assertNotBeforeBirth(await childDates(tx, childId), input.decidedOn, 'decidedOn', 'The date of the decision');
    const closure = decision.kind === 'closure';
    if (closure && !input.workSummary) throw new RuleBroken('Enter a summary of the work done with the child and family', 'workSummary');
    if (closure && !input.situationAtClosure) throw new RuleBroken('Enter the child’s situation at closure', 'situationAtClosure');
    const actedOn = decision.acted_on_id ? await transitionDate(tx, decision.kind, decision.acted_on_id) : null;
    if (actedOn && input.decidedOn > actedOn) {
      throw new RuleBroken(`This decision authorised a transition on ${formatDate(actedOn)}: it cannot be dated after it`, 'decidedOn');
    }
    await correctRecord(tx, {
      table: 'management_decision',
      id: decisionId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: {
        decided_on: input.decidedOn,
        authorises: input.authorises,
        rationale: input.rationale,
        work_summary: closure ? input.workSummary : null,
        situation_at_closure: closure ? input.situationAtClosure : null,
      },
      event: { occurredOn: input.decidedOn, title: `Management decision: ${labelFor(DECISION_KIND, decision.kind)}`, detail: `${input.authorises}. Rationale: ${input.rationale}` },
    });
  });
}

/** Deletes a decision recorded in error, with the reason; one already acted on stays (decision 0025). */
export async function deleteDecision(db: Kysely<Database>, user: SignedInUser, childId: string, decisionId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const decision = await decisionOf(tx, childId, decisionId);
    await assertManagesCase(tx, user, childId);
    if (decision.acted_on_id) {
      throw new RuleBroken('This decision has been acted on: the transition it authorised took effect under it, so it cannot be deleted. Correct it instead');
    }
    await deleteRecord(tx, { table: 'management_decision', id: decisionId, actorId: user.id, reason, childId });
  });
}
