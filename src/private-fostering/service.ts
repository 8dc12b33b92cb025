// Private fostering: a notification starts the visit clock (7 working days, then 6-weekly, then
// 12-weekly after the first year); the council decides whether it is private fostering (if not, the
// visits stop); the child is seen, alone where possible, and their views recorded; the arrangement ends.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import type { DecisionInput, EndInput, NotificationInput, PrivateFosteringVisitInput } from './schemas.ts';

async function checkDate(tx: Db, childId: string, date: string, today: string, field: string, what: string) {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future`, field);
  assertNotBeforeBirth(await childDates(tx, childId), date, field, what);
}

export async function arrangementOfChild(db: Db, childId: string, id: string, options: { lock?: boolean } = {}) {
  const q = db.selectFrom('private_fostering').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  const row = await (options.lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row || row.child_id !== childId) throw new NotFound('No private fostering arrangement with that id for this child');
  return row;
}

export async function notifyPrivateFostering(db: Kysely<Database>, user: SignedInUser, childId: string, input: NotificationInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await checkDate(tx, childId, input.notifiedOn, today, 'notifiedOn', 'The date the council was told');
    const open = await tx.selectFrom('private_fostering').select('notified_on').where('child_id', '=', childId).where('ended_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
    if (open) throw new RuleBroken(`An arrangement notified on ${formatDate(open.notified_on)} is still open: end it first`, 'notifiedOn');
    const id = randomUUID();
    await tx
      .insertInto('private_fostering')
      .values({ id, child_id: childId, notified_on: input.notifiedOn, notified_by: input.notifiedBy, already_in_place: input.alreadyInPlace, carer_name: input.carerName, carer_postcode: input.carerPostcode, recorded_by: user.id })
      .execute();
    await recordEvent(
      tx,
      { childId, type: 'private-fostering.notified', occurredOn: input.notifiedOn, sourceTable: 'private_fostering', sourceId: id, scopeId: id, title: `Private fostering ${input.alreadyInPlace ? 'arrangement' : 'proposed'}: with ${input.carerName}, notified by ${input.notifiedBy}` },
      user.id,
    );
    return id;
  });
}

/** Whether it is private fostering. If not, it ends that day and no more visits are owed. */
export async function decidePrivateFostering(db: Kysely<Database>, user: SignedInUser, childId: string, id: string, input: DecisionInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await arrangementOfChild(tx, childId, id, { lock: true });
    if (row.decided_on) throw new RuleBroken(`Already decided on ${formatDate(row.decided_on)}`, 'decidedOn');
    await checkDate(tx, childId, input.decidedOn, today, 'decidedOn', 'The date of the decision');
    if (input.decidedOn < row.notified_on) throw new RuleBroken(`The decision cannot be before the council was told (${formatDate(row.notified_on)})`, 'decidedOn');
    await updateRecord(tx, 'private_fostering', id, { decided_on: input.decidedOn, confirmed: input.confirmed, decision_reason: input.reason, ...(input.confirmed ? {} : { ended_on: input.decidedOn, end_reason: 'Not private fostering' }) }, user.id);
    await recordEvent(tx, { childId, type: 'private-fostering.decided', occurredOn: input.decidedOn, sourceTable: 'private_fostering', sourceId: id, scopeId: id, title: input.confirmed ? 'Confirmed as private fostering' : 'Found not to be private fostering', detail: input.reason }, user.id, { refresh: false });
    if (!input.confirmed) await recordEvent(tx, { childId, type: 'private-fostering.ended', occurredOn: input.decidedOn, sourceTable: 'private_fostering', sourceId: id, scopeId: id, title: 'Private fostering enquiry closed: not private fostering', significance: 'low' }, user.id, { refresh: false });
    await refreshClocks(tx, childId);
  });
}

export async function visitPrivatelyFosteredChild(db: Kysely<Database>, user: SignedInUser, childId: string, id: string, input: PrivateFosteringVisitInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const row = await arrangementOfChild(tx, childId, id);
    await checkDate(tx, childId, input.visitedOn, today, 'visitedOn', 'The date of the visit');
    if (input.visitedOn < row.notified_on) throw new RuleBroken(`The visit cannot be before the council was told (${formatDate(row.notified_on)})`, 'visitedOn');
    if (row.ended_on && input.visitedOn > row.ended_on) throw new RuleBroken(`The arrangement ended on ${formatDate(row.ended_on)}`, 'visitedOn');
    const visitId = randomUUID();
    await tx.insertInto('private_fostering_visit').values({ id: visitId, arrangement_id: id, child_id: childId, visited_on: input.visitedOn, worker_id: user.id, seen_alone: input.seenAlone, child_views: input.childViews, recorded_by: user.id }).execute();
    await recordEvent(tx, { childId, type: 'visit.private-fostering', occurredOn: input.visitedOn, sourceTable: 'private_fostering_visit', sourceId: visitId, scopeId: id, title: `Visit to the privately fostered child: ${input.seenAlone === 'yes' ? 'seen alone' : 'not seen alone'}`, detail: input.childViews }, user.id);
    return visitId;
  });
}

export async function endPrivateFostering(db: Kysely<Database>, user: SignedInUser, childId: string, id: string, input: EndInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await arrangementOfChild(tx, childId, id, { lock: true });
    if (row.ended_on) throw new RuleBroken(`It ended on ${formatDate(row.ended_on)}`, 'endedOn');
    await checkDate(tx, childId, input.endedOn, today, 'endedOn', 'The date it ended');
    if (input.endedOn < row.notified_on) throw new RuleBroken(`It cannot end before the council was told (${formatDate(row.notified_on)})`, 'endedOn');
    await updateRecord(tx, 'private_fostering', id, { ended_on: input.endedOn, end_reason: input.reason }, user.id);
    await recordEvent(tx, { childId, type: 'private-fostering.ended', occurredOn: input.endedOn, sourceTable: 'private_fostering', sourceId: id, scopeId: id, title: `Private fostering ended: ${input.reason}`, detail: input.note }, user.id);
  });
}

/** The page: arrangements newest first, each with its visits and the next visit due. */
export async function privateFosteringOf(db: Db, childId: string, today: string) {
  const [arrangements, visits, clocks] = await Promise.all([
    db.selectFrom('private_fostering').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('notified_on', 'desc').execute(),
    db
      .selectFrom('private_fostering_visit as v')
      .innerJoin('app_user as u', 'u.id', 'v.worker_id')
      .selectAll('v')
      .select('u.display_name as worker_name')
      .where('v.child_id', '=', childId)
      .where('v.deleted_at', 'is', null)
      .orderBy('v.visited_on', 'desc')
      .execute(),
    db.selectFrom('clock').select(['scope_id', 'due_on']).where('child_id', '=', childId).where('rule_id', '=', 'private-fostering-visit').where('met_on', 'is', null).where('stopped_on', 'is', null).execute(),
  ]);
  return {
    arrangements: arrangements.map((a) => {
      const due = clocks.find((c) => c.scope_id === a.id)?.due_on ?? null;
      return { ...a, open: a.ended_on === null, visits: visits.filter((v) => v.arrangement_id === a.id), visitDueOn: due, visitOverdue: due !== null && due < today };
    }),
  };
}
