// Children who go missing: episodes for some adolescents, far more often for children in care (and,
// among those, children placed outside the area: Newham 2014 ¶81, "19 of 21 missing children were
// placed out of area"), a few repeat-missing children with 5 to 15 episodes close together, and a
// child or two missing today. After each return a return interview: mostly within 72 hours, some
// late, some declined, some tries that did not reach the child, and some never done, so the
// measures have something true to find. What children say names a handful of places and people that
// recur across children ("the bus station", "Quayside car park", "Jay"), for the managers' list.
//
// Every place and name is fictional. Times are wall-clock times in England turned into instants as
// the service does (src/missing/london-time.ts). Everything is drawn from ctx.rng.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { EventType } from '../../chronology/event-types.ts';
import { serviceOn, type SynthChild, type SynthContext } from '../context.ts';
import { birthday, dayOf, isoOf } from '../dates.ts';
import { BOYS_NAMES, GIRLS_NAMES } from '../names.ts';
import type { Stage } from '../stages.ts';
import { formatLondon, hoursText, londonDate, londonInstant, londonParts, minutesBetween } from '../../missing/london-time.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

/** Places more than one child names (fictional). */
const HOTSPOTS = ['the bus station', 'Quayside car park', 'Harbour Road underpass', 'the retail park on Ferry Lane', 'the beach huts at Saltings'];
/** Places many children name that say little (grouped too, as they would be). */
const VAGUE = ['town centre', 'the skate park', 'McDonald’s on the high street', 'the park near school'];
/** People more than one child names: first names and nicknames only (fictional). */
const ASSOCIATES = ['Jay', 'Tiggz', 'Dee', 'Marcus K'];
const FOUND = [
  'Came back by themselves',
  'Found by police in the town centre',
  'Found by police at the bus station',
  'Brought back by a friend’s parent',
  'Found by carers at a friend’s house',
  'Picked up by police in Kestrelford',
];
const INDEPENDENT = ['Safer Futures return interview worker', 'Brightwater Missing and Exploitation Coordinator', 'Youth worker, Brightwater Youth Service'];
const OTHERS = ['Foster carer', 'Mum', 'Residential key worker', 'Dad'];
const TRIGGERS: Record<string, string[]> = {
  conflict: ['Argument at home about coming in on time.', 'Fell out with the carers over a phone being taken away.', 'Said there was shouting at home again.'],
  family: ['Wanted to see mum; not allowed unsupervised.', 'Went to find an older brother.'],
  friends: ['Stayed out with friends and did not want to come back.', 'Went to a party and stayed over.'],
  relationship: ['Went to see a boyfriend; would not say where he lives.', 'With a girlfriend, at her sister’s flat.'],
  exploitation: ['Said older boys gave them money to carry a bag to Farrowmere.', 'Was given a phone and told to keep it on.', 'Went in a car with people met online.'],
  substances: ['Drinking with friends in the park.', 'Smoking cannabis at a friend’s.'],
  school: ['Excluded for the day and did not want to go home.', 'Being picked on at school.'],
  mental_health: ['Said they needed to get away from everything.', 'Feeling low; walked for hours.'],
  other: ['Would not say why.'],
};

interface Spell {
  went: Date;
  returned: Date | null;
}

export const missing: Stage = {
  name: 'missing',
  async run(ctx: SynthContext) {
    const { rng, council } = ctx;
    const T = ctx.todayDay;
    const first = Math.max(ctx.goLiveDay, T - 730);
    // Times stay before today in England: nothing recorded here happens later than yesterday evening.
    const endOfYesterday = londonInstant(isoOf(T), '00:00')!;
    const at = (day: number, minutes: number) => londonInstant(isoOf(day), `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`) ?? londonInstant(isoOf(day), '12:00')!;
    const plusMinutes = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);
    const dayOfInstant = (d: Date) => dayOf(londonDate(d));
    /** An instant `minutes` on, moved to daytime (09:00-20:00) if it falls at night. */
    const daytime = (d: Date, minutes: number) => {
      const t = plusMinutes(d, minutes);
      const [h] = londonParts(t).time.split(':').map(Number) as [number];
      if (h >= 9 && h < 20) return t;
      const day = dayOfInstant(t) + (h >= 20 ? 1 : 0);
      return at(day, rng.int(9 * 60, 18 * 60));
    };

    // The first hotspot and associate are the commonest: the ones a missing coordinator would know.
    const hotspot = () => rng.weighted(HOTSPOTS.map((h, i) => [h, i === 0 ? 4 : i === 1 ? 3 : 1] as const));
    const associate = () => rng.weighted(ASSOCIATES.map((a, i) => [a, i === 0 ? 4 : 1] as const));

    const placements = await ctx.db.selectFrom('placement').select(['id', 'child_id', 'started_on', 'ended_on', 'in_council_area', 'carer_name']).execute();
    const placementsOf = new Map<string, { id: string; from: number; to: number | null; outside: boolean; carer: string }[]>();
    for (const p of placements) {
      const list = placementsOf.get(p.child_id) ?? [];
      list.push({ id: p.id, from: dayOf(p.started_on), to: p.ended_on ? dayOf(p.ended_on) : null, outside: p.in_council_area === false, carer: p.carer_name });
      placementsOf.set(p.child_id, list);
    }
    const allocationsOf = new Map<string, typeof council.allocations>();
    for (const a of council.allocations) allocationsOf.set(a.childId, [...(allocationsOf.get(a.childId) ?? []), a]);
    const workerFor = (child: SynthChild, day: number) => {
      const a = allocationsOf.get(child.id)?.find((x) => x.role === 'social_worker' && x.from <= day && (x.to === null || x.to > day));
      return a ? council.worker(a.workerId) : council.workerOn(rng, serviceOn(child.periods, day), day);
    };

    const rows = { missing_episode: [] as Row<'missing_episode'>[], return_interview: [] as Row<'return_interview'>[] };
    const events: Row<'child_event'>[] = [];
    const event = (child: SynthChild, type: EventType, when: Date, table: string, sourceId: string, scopeId: string, title: string, by: string, detail?: string | null) => {
      const day = dayOfInstant(when);
      events.push(ctx.eventRow({ childId: child.id, type, occurredOn: day, sourceTable: table, sourceId, scopeId, title, recordedBy: by, recordedAt: ctx.stamp(Math.min(day + 1, T), 2), ...(detail ? { detail } : {}) }));
    };

    for (const child of council.children) {
      // Adolescents only: the days they were 11 to 17 inside the history Lantern holds.
      const from = Math.max(first, birthday(child.dateOfBirth, 11));
      const until = Math.min(T - 1, birthday(child.dateOfBirth, 18) - 1);
      if (from > until) continue;
      const placed = (placementsOf.get(child.id) ?? []).filter((p) => p.from <= until && (p.to === null || p.to > from));
      const social = child.periods.some((p) => p.service !== 'early-help' && p.from <= until && (p.to === null || p.to >= from));
      const chance = placed.length ? 0.45 : social ? 0.15 : 0.03;
      if (!rng.chance(chance)) continue;

      // A few go missing again and again; most once or twice.
      const repeat = rng.chance(placed.length ? 0.22 : 0.08);
      const count = repeat ? rng.int(5, 15) : rng.weighted([[1, 62], [2, 26], [3, 12]] as const);
      const exploited = rng.chance(repeat ? 0.6 : 0.2);
      const ownPlaces = [rng.chance(exploited ? 0.8 : 0.3) ? hotspot() : rng.pick(VAGUE), `${rng.pick([...GIRLS_NAMES, ...BOYS_NAMES])}’s house`];
      const ownPeople = [exploited && rng.chance(0.8) ? associate() : rng.pick([...GIRLS_NAMES, ...BOYS_NAMES]), rng.pick([...GIRLS_NAMES, ...BOYS_NAMES])];
      const childFactors = rng.shuffle(['conflict', 'family', 'friends', 'relationship', 'substances', 'school', 'mental_health']).slice(0, 2);
      if (exploited) childFactors.unshift('exploitation');

      // When: children in care mostly from a placement (an outside-the-area one three times as
      // likely); repeat episodes close together, a week or two apart.
      const weighted = placed.map((p) => [p, p.outside ? 3 : 1] as const);
      const startDay = () => {
        if (weighted.length && rng.chance(0.8)) {
          const p = rng.weighted(weighted);
          const lo = Math.max(from, p.from);
          const hi = Math.min(until, (p.to ?? T) - 1);
          if (lo <= hi) return rng.int(lo, hi);
        }
        return rng.int(from, until);
      };
      const spells: Spell[] = [];
      let day = repeat ? Math.max(from, Math.min(startDay(), until - count * 10)) : startDay();
      for (let n = 0; n < count && day <= until; n++) {
        const evening = rng.chance(0.8) ? rng.int(15 * 60, 23 * 60 + 55) : rng.int(0, 14 * 60);
        const went = at(day, evening - (evening % 5));
        if (spells.length && (spells.at(-1)!.returned ?? endOfYesterday) >= went) break;
        const minutes = rng.weighted([[rng.int(90, 12 * 60), 50], [rng.int(12 * 60, 36 * 60), 36], [rng.int(36 * 60, 5 * 24 * 60), 14]] as const);
        const back = plusMinutes(went, minutes - (minutes % 5));
        if (back >= endOfYesterday) break;
        spells.push({ went, returned: back });
        day = dayOfInstant(back) + (repeat ? rng.int(2, 16) : rng.int(20, 300));
      }
      // A few are missing today.
      if (spells.length < 15 && rng.chance(repeat ? 0.12 : 0.03)) {
        const went = at(T - rng.int(1, 3), rng.int(16 * 60, 23 * 60));
        if (!spells.length || spells.at(-1)!.returned! < went) spells.push({ went, returned: null });
      }

      for (const spell of spells) {
        const id = rng.uuid();
        const wentDay = dayOfInstant(spell.went);
        const placement = (placementsOf.get(child.id) ?? []).find((p) => p.from <= wentDay && (p.to === null || p.to > wentDay)) ?? null;
        const kind = placement && rng.chance(0.3) ? 'A' : 'M';
        const police = kind === 'M' ? (rng.chance(0.88) ? plusMinutes(spell.went, rng.int(6, 48) * 5) : null) : rng.chance(0.2) ? plusMinutes(spell.went, rng.int(6, 24) * 5) : null;
        const policeAt = police && (spell.returned === null || police < spell.returned) && police < endOfYesterday ? police : null;
        const whereFound = spell.returned ? (kind === 'A' ? rng.pick(['Came back by themselves', 'Collected by carers from a friend’s house']) : rng.pick(FOUND)) : null;
        const by = workerFor(child, wentDay);
        rows.missing_episode.push({
          id,
          child_id: child.id,
          went_missing_at: spell.went,
          returned_at: spell.returned,
          kind,
          reported_to_police_at: policeAt,
          where_found: whereFound,
          placement_id: placement?.id ?? null,
          recorded_by: by.id,
          recorded_at: ctx.stamp(Math.min(wentDay + 1, T), 1),
        });
        const time = londonParts(spell.went).time;
        event(child, 'missing.started', spell.went, 'missing_episode', id, id, `${kind === 'A' ? 'Away from placement without authorisation' : 'Went missing'}${placement ? ` from ${placement.carer}` : ''} at ${time}`, by.id, policeAt ? `Police told ${formatLondon(policeAt)}.` : null);
        if (!spell.returned) continue;
        const returned = spell.returned;
        event(child, 'missing.returned', returned, 'missing_episode', id, id, `Returned after ${hoursText(minutesBetween(spell.went, returned))}; found: ${whereFound}`, by.id);

        // The return interview.
        const plan = rng.weighted([['in-time', 64], ['late', 12], ['declined', 9], ['none', 10], ['tried-then-done', 5]] as const);
        if (plan === 'none') continue;
        const offeredLater = (lo: number, hi: number) => daytime(returned, rng.int(lo, hi) * 60);
        const tries: { outcome: 'done' | 'declined' | 'not_reached'; offered: Date; done: Date | null }[] = [];
        if (plan === 'in-time') {
          let done = offeredLater(6, 66);
          if (minutesBetween(returned, done) > 72 * 60) done = plusMinutes(returned, rng.int(48, 70) * 60);
          tries.push({ outcome: 'done', offered: done, done });
        } else if (plan === 'late') {
          const done = daytime(returned, rng.int(74, 200) * 60);
          tries.push({ outcome: 'done', offered: plusMinutes(returned, rng.int(20, 70) * 60), done });
        } else if (plan === 'declined') {
          tries.push({ outcome: 'declined', offered: offeredLater(10, 60), done: null });
        } else {
          const tried = offeredLater(12, 40);
          const done = plusMinutes(tried, rng.int(24, 90) * 60);
          tries.push({ outcome: 'not_reached', offered: tried, done: null }, { outcome: 'done', offered: done, done });
        }
        for (const attempt of tries) {
          if ((attempt.done ?? attempt.offered) >= endOfYesterday || attempt.offered < returned) break;
          const iid = rng.uuid();
          const isDone = attempt.outcome === 'done';
          const independent = isDone && rng.chance(0.82);
          const interviewer = isDone ? (independent ? rng.pick(INDEPENDENT) : `${by.displayName}, social worker`) : null;
          const factors = isDone ? [...new Set([childFactors[0]!, ...(rng.chance(0.5) ? [rng.pick(childFactors)] : []), ...(rng.chance(0.15) ? ['other'] : [])])] : [];
          const risk = isDone ? (exploited ? rng.weighted([['criminal', 45], ['sexual', 25], ['both', 15], ['none', 15]] as const) : rng.chance(0.06) ? 'criminal' : 'none') : null;
          const places = isDone ? [rng.chance(0.75) ? ownPlaces[0]! : ownPlaces[1]!, ...(rng.chance(0.3) ? [rng.chance(0.5) ? hotspot() : rng.pick(VAGUE)] : [])] : [];
          const people = isDone ? (rng.chance(0.15) ? ['no one'] : [rng.chance(0.7) ? ownPeople[0]! : ownPeople[1]!]) : [];
          const triggers = isDone ? rng.pick(TRIGGERS[factors[0]!] ?? TRIGGERS['other']!) : null;
          const iby = workerFor(child, dayOfInstant(attempt.done ?? attempt.offered));
          rows.return_interview.push({
            id: iid,
            episode_id: id,
            child_id: child.id,
            outcome: attempt.outcome,
            offered_at: attempt.offered,
            done_at: attempt.done,
            interviewer,
            interviewer_independent: isDone ? independent : null,
            others_present: isDone && rng.chance(0.2) ? rng.pick(OTHERS) : null,
            triggers,
            where_they_were: places.length ? [...new Set(places)].join('\n') : null,
            who_with: people.length ? people.join('\n') : null,
            push_pull_factors: JSON.stringify(factors),
            exploitation_risk: risk,
            recorded_by: iby.id,
            recorded_at: ctx.stamp(Math.min(dayOfInstant(attempt.done ?? attempt.offered) + 1, T), 2),
          });
          const type = attempt.outcome === 'done' ? 'return-interview.done' : attempt.outcome === 'declined' ? 'return-interview.declined' : 'return-interview.not-reached';
          const title =
            attempt.outcome === 'done'
              ? `Return interview by ${interviewer}${independent ? '' : ' (not independent of the child’s care)'}`
              : attempt.outcome === 'declined'
                ? 'Return interview offered: the child declined'
                : 'Return interview offered: the child could not be reached';
          event(child, type, attempt.done ?? attempt.offered, 'return_interview', iid, id, title, iby.id, triggers);
        }
      }
    }

    for (const table of ['missing_episode', 'return_interview'] as const) await ctx.insert(table, rows[table] as never[]);
    await ctx.insert('child_event', events);
    const children = new Set(rows.missing_episode.map((e) => e.child_id)).size;
    ctx.log(`${rows.missing_episode.length} missing episodes of ${children} children, ${rows.return_interview.length} return interviews`);
  },
};
