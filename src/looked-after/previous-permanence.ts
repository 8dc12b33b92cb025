// The permanence a child had before this period of care (SSDA903 PrevPerm; rules 630-635): were they
// adopted, under a special guardianship order or a child arrangements order before, made by which
// council and when. Recorded at or after entry to care, on the latest period of care; changing it
// later is a correction with the reason, and the earlier answer is kept (decision 0041).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SignedInUser } from '../access/policy.ts';
import { updateRecord } from '../db/history.ts';
import { recordEvent } from '../chronology/journal.ts';
import { labelFor } from '../codes/code-list.ts';
import { PREVIOUS_PERMANENCE } from '../codes/ssda903.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import type { PreviousPermanenceInput } from './schemas.ts';

const EVENT = 'care.previous-permanence';

/** The latest period of care, open or not: the one a previous permanence belongs to. */
export function latestPeriod(db: Kysely<Database> | Parameters<typeof updateRecord>[0], childId: string) {
  return db
    .selectFrom('care_period')
    .select(['id', 'started_on', 'ended_on', 'previous_permanence', 'previous_permanence_la', 'previous_permanence_on', 'version'])
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .orderBy('started_on', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** "Adopted before (order of 3 March 2019, council 352)", in a worker's words. */
export function previousPermanenceTitle(code: string, council: string | null, on: string | null): string {
  if (code === 'Z1') return 'No previous permanence before coming into care';
  const label = labelFor(PREVIOUS_PERMANENCE, code) ?? code;
  const details = [on ? `order of ${formatDate(on)}` : null, council ? `council ${council}` : null].filter((d) => d !== null);
  return `Previous permanence: ${label}${details.length ? ` (${details.join(', ')})` : ''}`;
}

export async function recordPreviousPermanence(db: Kysely<Database>, user: SignedInUser, childId: string, input: PreviousPermanenceInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const period = await latestPeriod(tx, childId);
    if (!period) throw new RuleBroken('The child has not been looked after: record that they came into care first');
    if (input.permanenceOn) {
      if (input.permanenceOn > today) throw new RuleBroken('The date of the order cannot be in the future', 'permanenceOn');
      assertNotBeforeBirth(await childDates(tx, childId), input.permanenceOn, 'permanenceOn', 'The date of the order');
      // Rule 632: the order came before the child came into care.
      if (input.permanenceOn >= period.started_on) {
        throw new RuleBroken(`The previous order must be before the child came into care (${formatDate(period.started_on)})`, 'permanenceOn');
      }
    }
    const correcting = period.previous_permanence !== null;
    if (correcting && !input.reason) throw new RuleBroken('This was recorded already: say why you are correcting it', 'reason');
    await updateRecord(
      tx,
      'care_period',
      period.id,
      { previous_permanence: input.previousPermanence, previous_permanence_la: input.permanenceCouncil, previous_permanence_on: input.permanenceOn },
      user.id,
      undefined,
      correcting ? (input.reason ?? undefined) : undefined,
    );
    const title = previousPermanenceTitle(input.previousPermanence, input.permanenceCouncil, input.permanenceOn);
    // The chronology shows the order on its own date (or the day care began when it is not known).
    const occurredOn = input.permanenceOn ?? period.started_on;
    const significance: 'high' | 'low' = ['P1', 'P2', 'P3'].includes(input.previousPermanence) ? 'high' : 'low';
    const existing = await tx.selectFrom('child_event').select('id').where('source_id', '=', period.id).where('type', '=', EVENT).executeTakeFirst();
    if (existing) {
      await tx.updateTable('child_event').set({ title, occurred_on: occurredOn, significance }).where('id', '=', existing.id).execute();
    } else {
      await recordEvent(tx, { childId, type: EVENT, occurredOn, sourceTable: 'care_period', sourceId: period.id, scopeId: period.id, title, significance }, user.id);
    }
    return period.id;
  });
}
