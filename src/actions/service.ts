// Actions from oversight, supervision and case audits (decision 0020). The area that records the
// oversight entry, the supervision discussion or the audit adds its actions here, in its own
// transaction; they then show on the child's record (the "Actions" section and page) and in the
// owner's work. Finishing one (done, or no longer needed) goes in the child's chronology.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { RuleBroken, NotFound } from '../server/errors.ts';
import { updateRecord, type Db } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import { recordEvent } from '../chronology/journal.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { activeUser } from '../plans/repository.ts';
import { childDates, assertNotBeforeBirth } from '../people/dates.ts';
import { CASE_ACTION_SOURCE } from './codes.ts';
import type { CaseActionSource } from './tables.ts';
import type { CaseActionStatusChange, NewCaseAction } from './schemas.ts';

const FINISHED: readonly string[] = ['done', 'no_longer_needed'];

const quote = (text: string) => `‘${text.length > 80 ? `${text.slice(0, 77)}…` : text}’`;

/**
 * Adds actions from a record (`source`, `sourceId`) made on `madeOn`: each due on or after that day,
 * its Lantern owner a current user. Runs inside the caller's transaction, so a refused action stores
 * nothing of the record either. `field` names the form field of action i for the error message.
 */
export async function addCaseActions(
  tx: Db,
  actorId: string,
  childId: string,
  source: CaseActionSource,
  sourceId: string,
  actions: readonly NewCaseAction[],
  madeOn: string,
  field: (index: number, name: keyof NewCaseAction) => string = (i, name) => `actions.${i}.${name}`,
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, action] of actions.entries()) {
    if (action.dueOn < madeOn) throw new RuleBroken(`An action cannot be due before ${formatDate(madeOn)}, when it was set`, field(index, 'dueOn'));
    if (action.ownerUserId && !(await activeUser(tx, action.ownerUserId))) {
      throw new RuleBroken('Choose a current Lantern user, or leave it blank', field(index, 'ownerUserId'));
    }
    const id = randomUUID();
    await tx
      .insertInto('case_action')
      .values({
        id,
        child_id: childId,
        source,
        source_id: sourceId,
        description: action.description,
        owner: action.owner,
        owner_user_id: action.ownerUserId,
        due_on: action.dueOn,
        status: 'not_started',
        status_reason: null,
        completed_on: null,
        recorded_by: actorId,
      })
      .execute();
    ids.push(id);
  }
  return ids;
}

/**
 * Marks an action in progress, done (on a date) or no longer needed (with why); the old status is
 * kept as a version. Done or dropped, the child's chronology says so.
 */
export async function changeCaseActionStatus(db: Kysely<Database>, actorId: string, childId: string, actionId: string, change: CaseActionStatusChange, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const action = await tx
      .selectFrom('case_action')
      .select(['id', 'child_id', 'source', 'description', 'status', 'recorded_at'])
      .where('id', '=', actionId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!action || action.child_id !== childId) throw new NotFound('No action with that id for this child');
    if (change.completedOn) {
      if (change.completedOn > today) throw new RuleBroken('The date it was done cannot be in the future', 'completedOn');
      assertNotBeforeBirth(await childDates(tx, childId), change.completedOn, 'completedOn', 'The date it was done');
    }
    if (action.status === change.status && !FINISHED.includes(change.status)) return;
    await updateRecord(tx, 'case_action', actionId, { status: change.status, status_reason: change.statusReason, completed_on: change.completedOn }, actorId, change.version);
    // Finished before: that finish leaves the chronology (reopened, or finished again on another date).
    if (FINISHED.includes(action.status)) {
      await tx.updateTable('child_event').set({ deleted_at: sql<Date>`lantern_now()` }).where('source_id', '=', actionId).where('type', '=', 'case-action.finished').where('deleted_at', 'is', null).execute();
    }
    if (!FINISHED.includes(change.status)) return;
    const from = CASE_ACTION_SOURCE.find((s) => s.code === action.source)?.label ?? action.source;
    await recordEvent(
      tx,
      {
        childId,
        type: 'case-action.finished',
        occurredOn: change.completedOn ?? today,
        sourceTable: 'case_action',
        sourceId: actionId,
        title: change.status === 'done' ? `Action done: ${quote(action.description)}` : `Action no longer needed: ${quote(action.description)}`,
        detail: change.status === 'done' ? `From ${midSentence(from)}` : `From ${midSentence(from)}. Why: ${change.statusReason}`,
      },
      actorId,
    );
  });
}
