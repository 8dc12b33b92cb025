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
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { labelFor } from '../codes/code-list.ts';
import { DECISION_KIND, type DecisionKindCode } from './codes.ts';
import { assertManagesCase } from './service.ts';
import type { DecisionInput } from './schemas.ts';

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

export async function decisionsOf(db: Db, childId: string) {
  return db
    .selectFrom('management_decision as d')
    .innerJoin('app_user as m', 'm.id', 'd.manager_id')
    .selectAll('d')
    .select('m.display_name as manager_name')
    .where('d.child_id', '=', childId)
    .where('d.deleted_at', 'is', null)
    .orderBy('d.decided_on', 'desc')
    .orderBy('d.recorded_at', 'desc')
    .execute();
}

/**
 * The gate at each key transition, inside the transition's own transaction: the earliest unused
 * decision of this kind for the child made on or before the day the transition takes effect is marked
 * as acted on by `actedOnId`; with none, the transition is refused and nothing of it is stored.
 */
export async function authoriseTransition(tx: Db, actorId: string, childId: string, kind: DecisionKindCode, on: string, actedOnId: string, field = 'form'): Promise<void> {
  const decision = await tx
    .selectFrom('management_decision')
    .select(['id'])
    .where('child_id', '=', childId)
    .where('kind', '=', kind)
    .where('decided_on', '<=', on)
    .where('acted_on_id', 'is', null)
    .where('deleted_at', 'is', null)
    .orderBy('decided_on')
    .orderBy('recorded_at')
    .executeTakeFirst();
  if (!decision) {
    throw new RuleBroken(
      `A manager must record the decision (“${labelFor(DECISION_KIND, kind)}”) with its rationale, on or before ${formatDate(on)}, before this can be recorded: ask the manager of the case to record it under Management decisions`,
      field,
    );
  }
  await updateRecord(tx, 'management_decision', decision.id, { acted_on_id: actedOnId }, actorId);
}
