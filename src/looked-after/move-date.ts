// Correcting the day a child moved placement. A move is two facts that share a day: the last placement
// ended and the next began. Both move together, with the reason kept on both old versions, and what
// hangs off the day follows: the statutory visits made in the days that change hands now belong to
// the placement the child was in, and the journal (so the chronology, the clocks and the SSDA903
// episodes) reads the corrected day. The first placement starts with the period of care and is not
// moved here.
import type { Kysely } from 'kysely';
import type { SignedInUser } from '../access/policy.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { placementOfChild } from './service.ts';
import { PLACEMENT_STARTED_TYPES } from './visiting.ts';

export interface MoveDateCorrection {
  movedOn: string;
  reason: string;
  /** The version of the placement the worker saw (a change since is refused). */
  version?: number | undefined;
}

const later = (a: string, b: string) => (a > b ? a : b);

export async function correctMoveDate(db: Kysely<Database>, user: SignedInUser, childId: string, placementId: string, input: MoveDateCorrection, today: string): Promise<void> {
  if (input.movedOn > today) throw new RuleBroken('The date of the move cannot be in the future', 'movedOn');
  await db.transaction().execute(async (tx) => {
    const placement = await placementOfChild(tx, childId, placementId);
    const previous = await tx
      .selectFrom('placement')
      .selectAll()
      .where('period_id', '=', placement.period_id)
      .where('ended_on', '=', placement.started_on)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!previous) throw new RuleBroken('This is the first placement of the period of care: its date is the day the child came into care', 'movedOn');
    const was = placement.started_on;
    const now = input.movedOn;
    if (now === was) throw new RuleBroken(`The move is already recorded on ${formatDate(was)}`, 'movedOn');
    assertNotBeforeBirth(await childDates(tx, childId), now, 'movedOn', 'The date of the move');
    if (now <= previous.started_on) throw new RuleBroken(`The child was placed with ${previous.carer_name} on ${formatDate(previous.started_on)}: the move must be after that`, 'movedOn');
    if (placement.ended_on && now >= placement.ended_on) throw new RuleBroken(`The placement with ${placement.carer_name} ended on ${formatDate(placement.ended_on)}: the move must be before that`, 'movedOn');

    await updateRecord(tx, 'placement', placement.id, { started_on: now }, user.id, input.version, input.reason);
    await updateRecord(tx, 'placement', previous.id, { ended_on: now }, user.id, undefined, input.reason);

    // Visits in the days between the two dates were made in the other placement.
    const [from, to, belongsTo] = now > was ? [was, now, previous.id] : [now, was, placement.id];
    const moved = await tx
      .selectFrom('visit')
      .select(['id'])
      .where('child_id', '=', childId)
      .where('kind', '=', 'looked_after')
      .where('visited_on', '>=', from)
      .where('visited_on', '<', to)
      .where('deleted_at', 'is', null)
      .execute();
    for (const visit of moved) await updateRecord(tx, 'visit', visit.id, { placement_id: belongsTo }, user.id, undefined, input.reason);
    if (moved.length) await tx.updateTable('child_event').set({ scope_id: belongsTo }).where('source_id', 'in', moved.map((v) => v.id)).execute();

    await moveEvents(tx, placement.id, previous.id, now, placement);
    await refreshClocks(tx, childId);
  });
}

/** The journal reads the corrected day: the new placement's start, the last one's end, and the plan and notices dated no earlier than the placement. */
async function moveEvents(tx: Db, placementId: string, previousId: string, on: string, placement: { plan_agreed_on: string | null; notified_on: string | null }) {
  await tx.updateTable('child_event').set({ occurred_on: on }).where('source_id', '=', placementId).where('type', 'in', PLACEMENT_STARTED_TYPES).execute();
  await tx.updateTable('child_event').set({ occurred_on: on }).where('source_id', '=', previousId).where('type', '=', 'placement.ended').execute();
  if (placement.plan_agreed_on) {
    await tx.updateTable('child_event').set({ occurred_on: later(placement.plan_agreed_on, on) }).where('source_id', '=', placementId).where('type', '=', 'placement-plan.agreed').execute();
  }
  if (placement.notified_on) {
    await tx.updateTable('child_event').set({ occurred_on: later(placement.notified_on, on) }).where('source_id', '=', placementId).where('type', '=', 'placement.notified').execute();
  }
}
