// The day a child's status as an unaccompanied asylum-seeking child ceased (SSDA903 UASC table DUC;
// rules 104, 303, 304; decision 0041): a Home Office decision, or the 18th birthday at the latest. The
// flag stays (the child was a UASC); the date says until when. Changing it is a correction with the reason.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { updateRecord } from '../db/history.ts';
import { recordEvent } from '../chronology/journal.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { optionalText, requiredDate } from '../plans/fields.ts';

export const UascCeasedInput = z.object({
  ceasedOn: requiredDate('The date UASC status ceased', 'Enter the date UASC status ceased'),
  reason: optionalText('The reason', 1000),
});
export type UascCeasedInput = z.output<typeof UascCeasedInput>;

/** The 18th birthday of a child born on `dob` (29 February: 1 March in a common year, as ageOn counts). */
export function eighteenthBirthday(dob: string): string {
  const year = Number(dob.slice(0, 4)) + 18;
  const candidate = `${year}${dob.slice(4)}`;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return dob.slice(5) === '02-29' && !leap ? `${year}-03-01` : candidate;
}

export async function recordUascCeased(db: Kysely<Database>, actorId: string, childId: string, input: UascCeasedInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const child = await tx.selectFrom('person').select(['date_of_birth', 'unaccompanied_asylum_seeker', 'uasc_ceased_on']).where('id', '=', childId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!child) throw new NotFound('No child with that id');
    // Rule 303: a ceased date belongs to a child recorded as an unaccompanied asylum-seeking child.
    if (!child.unaccompanied_asylum_seeker) throw new RuleBroken('The child is not recorded as an unaccompanied asylum-seeking child: change their details first', 'ceasedOn');
    if (input.ceasedOn > today) throw new RuleBroken('The date UASC status ceased cannot be in the future', 'ceasedOn');
    if (child.date_of_birth && input.ceasedOn < child.date_of_birth) throw new RuleBroken(`The date cannot be before the child was born (${formatDate(child.date_of_birth)})`, 'ceasedOn');
    // Rule 304: on or before the 18th birthday, when the status ends anyway.
    if (child.date_of_birth && input.ceasedOn > eighteenthBirthday(child.date_of_birth)) {
      throw new RuleBroken(`UASC status ends at 18 at the latest (${formatDate(eighteenthBirthday(child.date_of_birth))}): enter that day or earlier`, 'ceasedOn');
    }
    const correcting = child.uasc_ceased_on !== null;
    if (correcting && !input.reason) throw new RuleBroken('The date was recorded already: say why you are correcting it', 'reason');
    await updateRecord(tx, 'person', childId, { uasc_ceased_on: input.ceasedOn }, actorId, undefined, correcting ? (input.reason ?? undefined) : undefined);
    const title = 'Unaccompanied asylum-seeking child status ceased';
    const existing = await tx.selectFrom('child_event').select('id').where('child_id', '=', childId).where('type', '=', 'person.uasc-ceased').executeTakeFirst();
    if (existing) await tx.updateTable('child_event').set({ occurred_on: input.ceasedOn }).where('id', '=', existing.id).execute();
    else await recordEvent(tx, { childId, type: 'person.uasc-ceased', occurredOn: input.ceasedOn, sourceTable: 'person', sourceId: childId, title }, actorId);
  });
}
