// The IRO's contact with each child in care between reviews (IRO Handbook 2010 ¶3.19-3.25; seed IR-05:
// "meet with children prior to their reviews"). Assumed rates, not measured ones (decision 0055):
// before about 85 in 100 reviews the chairing IRO is in touch with the child 2 to 21 days ahead, most
// often by a visit (a young child is always visited); where they were not, a child who spoke for
// themselves at the review (PN1) is recorded as seen there half the time; about 1 review in 4 is
// followed by a phone call or message midway to the next. Seen alone: most visits, fewer video calls,
// never a child under 4.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { IroContactMethod } from '../../iro/tables.ts';
import { contactTitle } from '../../iro/contacts.ts';
import type { SynthContext } from '../context.ts';
import { dayOf, isoOf, yearsBetween } from '../dates.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

const BEFORE: readonly (readonly [IroContactMethod, number])[] = [['visit', 55], ['video', 20], ['phone', 20], ['message', 5]];
const NOTES: Record<IroContactMethod, string> = {
  visit: 'Saw the child at their placement before the review: talked about school, family time and what they want the review to decide.',
  video: 'Video call before the review: the child’s views on their plan noted for the review.',
  phone: 'Spoke with the child by phone about the review and who they want there.',
  message: 'Messaged the child about the review; they replied with what they want to raise.',
  review: 'Spoke with the child at the review.',
};
const SEEN_ALONE: Partial<Record<IroContactMethod, number>> = { visit: 0.8, video: 0.6, review: 0.3 };

export const iroContacts: Stage = {
  name: 'iro-contacts',
  async run(ctx: SynthContext) {
    const { rng, council, todayDay: T } = ctx;
    const reviews = await ctx.db
      .selectFrom('looked_after_review')
      .select(['id', 'child_id', 'held_on', 'chair_id', 'participation'])
      .where('deleted_at', 'is', null)
      .orderBy('child_id')
      .orderBy('held_on')
      .execute();
    const contacts: Row<'iro_contact'>[] = [];
    const events: Row<'child_event'>[] = [];
    const add = (childId: string, iroId: string, day: number, method: IroContactMethod, young: boolean) => {
      const chance = SEEN_ALONE[method];
      const seenAlone = chance === undefined ? null : !young && rng.chance(chance);
      const id = rng.uuid();
      const recordedAt = ctx.stamp(Math.min(T, day + rng.int(0, 3)), 2);
      contacts.push({ id, child_id: childId, contact_on: isoOf(day), method, seen_alone: seenAlone, iro_id: iroId, note: NOTES[method], recorded_by: iroId, recorded_at: recordedAt });
      events.push(ctx.eventRow({ childId, type: 'iro-contact.recorded', occurredOn: day, sourceTable: 'iro_contact', sourceId: id, scopeId: null, title: contactTitle(method, seenAlone), recordedBy: iroId, recordedAt }));
    };
    reviews.forEach((r, i) => {
      const held = dayOf(r.held_on);
      const young = yearsBetween(council.child(r.child_id).dateOfBirth, held) < 4;
      if (rng.chance(0.85)) {
        const day = held - rng.int(2, 21);
        if (day <= T) add(r.child_id, r.chair_id, day, young ? 'visit' : rng.weighted(BEFORE), young);
      } else if (r.participation === 'PN1' && rng.chance(0.5)) {
        add(r.child_id, r.chair_id, held, 'review', young);
      }
      const next = reviews[i + 1];
      const nextHeld = next && next.child_id === r.child_id ? dayOf(next.held_on) : null;
      if (!young && nextHeld !== null && nextHeld - held > 60 && rng.chance(0.25)) {
        const day = held + Math.round((nextHeld - held) / 2) + rng.int(-10, 10);
        if (day <= T) add(r.child_id, r.chair_id, day, rng.chance(0.6) ? 'phone' : 'message', young);
      }
    });
    await ctx.insert('iro_contact', contacts);
    await ctx.insert('child_event', events);
    ctx.log(`${contacts.length} IRO contacts with children before and between ${reviews.length} reviews`);
  },
};
