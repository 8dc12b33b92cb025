// Private fostering: a few notifications a year (most found not to be private fostering, as the seeds
// found: 14 notifications, 1 arrangement), visits within 7 working days and then 6-weekly (some late).
import type { Insertable } from 'kysely';
import { addWorkingDays } from '../../calendar/index.ts';
import type { Database } from '../../db/schema.ts';
import type { SynthContext } from '../context.ts';
import { dayOf, isoOf, yearsBetween } from '../dates.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;
const wd = (day: number, n: number) => dayOf(addWorkingDays(isoOf(day), n));

export const privateFostering: Stage = {
  name: 'private-fostering',
  async run(ctx: SynthContext) {
    const { rng, council, todayDay: T, goLiveDay: G, profile } = ctx;
    const perYear = Math.max(3, Math.round(profile.childPopulation / 6_000));
    const candidates = council.children.filter((c) => yearsBetween(c.dateOfBirth, T) >= 8 && yearsBetween(c.dateOfBirth, T) <= 15 && !c.longHistory);
    const rows = { private_fostering: [] as Row<'private_fostering'>[], private_fostering_visit: [] as Row<'private_fostering_visit'>[] };
    const events: Row<'child_event'>[] = [];
    const used = new Set<string>();
    const count = Math.round((perYear * (T - G)) / 365);
    for (let i = 0; i < count && candidates.length; i++) {
      const child = rng.pick(candidates);
      if (used.has(child.id)) continue;
      used.add(child.id);
      const notified = rng.int(G, T - 5);
      const worker = council.workerOn(rng, 'assessment', notified);
      const id = rng.uuid();
      const confirmed = rng.chance(0.3);
      const decided = Math.min(T, wd(notified, rng.int(3, 30)));
      const ends = confirmed ? (rng.chance(0.5) ? notified + rng.int(60, 400) : null) : decided;
      const ended = ends !== null && ends <= T ? ends : null;
      const at = ctx.stamp(notified, 2);
      rows.private_fostering.push({
        id,
        child_id: child.id,
        notified_on: isoOf(notified),
        notified_by: rng.pick(['A parent', 'The carer', 'The school', 'A health visitor', 'A neighbour']),
        already_in_place: rng.chance(0.7),
        carer_name: rng.pick(['A family friend', 'A neighbour', 'A friend’s parent', 'The child’s aunt']),
        carer_postcode: null,
        decided_on: decided <= T ? isoOf(decided) : null,
        confirmed: decided <= T ? confirmed : null,
        decision_reason: decided <= T ? (confirmed ? 'Not a close relative; the arrangement is to last more than 28 days.' : 'A close relative, or the arrangement is for less than 28 days.') : null,
        ended_on: ended === null ? null : isoOf(ended),
        end_reason: ended === null ? null : confirmed ? 'The child went home' : 'Not private fostering',
        recorded_by: worker.id,
        recorded_at: at,
      });
      const ev = (type: Parameters<SynthContext['eventRow']>[0]['type'], day: number, title: string, source = id, table = 'private_fostering') =>
        events.push(ctx.eventRow({ childId: child.id, type, occurredOn: day, sourceTable: table, sourceId: source, scopeId: id, title, recordedBy: worker.id, recordedAt: ctx.stamp(day, 2) }));
      ev('private-fostering.notified', notified, 'Private fostering notified');
      if (decided <= T) ev('private-fostering.decided', decided, confirmed ? 'Confirmed as private fostering' : 'Found not to be private fostering');
      if (ended !== null) ev('private-fostering.ended', ended, 'Private fostering ended');
      const last = ended ?? T;
      for (let day = wd(notified, rng.chance(0.85) ? rng.int(2, 7) : rng.int(8, 15)); day <= last && (confirmed || day <= decided); day += rng.chance(0.85) ? rng.int(25, 42) : rng.int(43, 70)) {
        const vid = rng.uuid();
        rows.private_fostering_visit.push({ id: vid, arrangement_id: id, child_id: child.id, visited_on: isoOf(day), worker_id: worker.id, seen_alone: rng.chance(0.8) ? 'yes' : 'no', child_views: 'Happy living there; misses their mum; school going well.', recorded_by: worker.id, recorded_at: ctx.stamp(day, 3) });
        ev('visit.private-fostering', day, 'Visit to the privately fostered child', vid, 'private_fostering_visit');
      }
    }
    await ctx.insert('private_fostering', rows.private_fostering);
    await ctx.insert('private_fostering_visit', rows.private_fostering_visit);
    await ctx.insert('child_event', events);
    ctx.log(`${rows.private_fostering.length} private fostering notifications (${rows.private_fostering.filter((r) => r.confirmed).length} confirmed), ${rows.private_fostering_visit.length} visits`);
  },
};
