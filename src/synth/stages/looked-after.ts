// Children in care, following each child's looked-after periods (families.ts): a period of care with
// its legal statuses and placements (moves, some outside the area, distance from home from the
// postcodes' centroids), the care plan, placement plans and notifications, statutory visits and
// looked-after reviews chaired by the child's IRO, and the journal events the services would write.
//
// Practice is imperfect on purpose, so the measures have something true to find: about 1 child in
// 10 has three or more placements in a year, a quarter are placed outside the area, some care plans,
// placement plans and notifications are late or missing, about 1 visit in 8 and 1 review in 7 is
// late, and some permanence plans are missing at the second review.
//
// Places are fictional: Brightwater (postcode area BW, the council's own), Kestrelford (KQ, the
// neighbouring council) and Farrowmere (ZV, further away); none is a real UK postcode area, and their
// centroids are made up (docs/decisions/0010-postcode-centroids.md).
import type { Insertable } from 'kysely';
import { placementStartedType } from '../../looked-after/visiting.ts';
import { addWorkingDays, isWorkingDay } from '../../calendar/index.ts';
import type { Database } from '../../db/schema.ts';
import type { SynthChild, SynthContext } from '../context.ts';
import { dayOf, isoOf, yearsBetween } from '../dates.ts';
import { SURNAMES } from '../names.ts';
import type { Random } from '../random.ts';
import type { Stage } from '../stages.ts';
import { milesBetween } from '../../looked-after/distance.ts';
import { TEMPORARY_PLACEMENT_TYPES } from '../../looked-after/episodes.ts';
import { labelFor } from '../../codes/code-list.ts';
import { REASON_EPISODE_CEASED } from '../../codes/ssda903.ts';
import { providerFor, registerRows, syntheticProviders } from '../providers.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

/** The council's own code, as the ONS Postcode Directory would give it (fictional). */
export const OWN_COUNCIL = { code: 'E0900001', name: 'Brightwater' };
const AREAS = [
  { prefix: 'BW', council: OWN_COUNCIL, latitude: 50.8, longitude: -1.1 },
  { prefix: 'KQ', council: { code: 'E0900002', name: 'Kestrelford' }, latitude: 51.02, longitude: -1.38 },
  { prefix: 'ZV', council: { code: 'E0900003', name: 'Farrowmere' }, latitude: 52.1, longitude: -2.2 },
] as const;
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

/**
 * SSDA903 PrevPerm for a period of care (decision 0041): mostly none (Z1); some children were adopted
 * or under a special guardianship or child arrangements order before, made by some council, on a day
 * after birth and before they were first looked after. Taken from the period's id, not the random
 * stream, so adding it changes nothing else the generator makes.
 */
function previousPermanence(periodId: string, dateOfBirth: number, firstInCare: number) {
  const n = Number.parseInt(periodId.slice(0, 8), 16);
  const roll = n % 100;
  const gap = firstInCare - dateOfBirth;
  const code = gap < 120 || roll < 84 ? 'Z1' : roll < 87 ? 'P1' : roll < 94 ? 'P2' : roll < 99 ? 'P3' : 'P4';
  if (code === 'Z1') return { previous_permanence: code, previous_permanence_la: null, previous_permanence_on: null };
  const councils = ['352', '330', '873', '999', 'WAL'];
  return { previous_permanence: code, previous_permanence_la: councils[n % councils.length]!, previous_permanence_on: isoOf(dateOfBirth + 30 + ((n >>> 8) % (gap - 60))) };
}

/** District centroids: nine districts an area, a few miles apart. Deterministic, not random. */
export function syntheticCentroids(): Row<'postcode_centroid'>[] {
  return AREAS.flatMap((area) =>
    Array.from({ length: 9 }, (_, i) => ({
      postcode: `${area.prefix}${i + 1}`,
      latitude: area.latitude + ((i % 3) - 1) * 0.025,
      longitude: area.longitude + (Math.floor(i / 3) - 1) * 0.035,
      council_code: area.council.code,
      council_name: area.council.name,
    })),
  );
}

const HOMES = ['Oakwood House', 'Meadowbank', 'The Willows', 'Harbour Lodge', 'Beacon View', 'Saltings House', 'Fernlea', 'Larkspur Lodge', 'Cedar Court', 'Heronfield'];
const SUPPORTED = ['Quayside Supported Living', 'Ropewalk Flats', 'Tern Point Supported Housing'];
const DECIDERS = ['Head of Service, Children in Care', 'Access to Resources panel', 'Service Manager, Safeguarding', 'Duty Head of Service (out of hours)'];
const ALTERNATIVES = [
  'Family group conference held: no family member able to care for the child now.',
  'Viability assessments of the grandparents were negative.',
  'Intensive family support for 12 weeks did not keep the child safe at home.',
  'Aunt assessed as a connected person; the child is placed with her.',
];
const DECISIONS = [
  'Placement meeting the child’s needs; health assessment up to date; school attendance good. Family time with mother twice a week, supervised.',
  'The child wants to stay with their carers. PEP targets reviewed; referral to CAMHS to be chased by the social worker within 2 weeks.',
  'Sibling contact to increase to fortnightly. Dental check overdue: carers to book within 4 weeks.',
  'Care plan endorsed. The IRO asked for the life-story work to start before the next review.',
];
const RETURN_HOME_PLAN = 'Return home to mother with a child in need plan; parallel plan: long-term fostering with current carers.';
const SPECIAL_GUARDIANSHIP_PLAN = 'Special guardianship with the maternal grandmother; assessment under way.';
const ADOPTION_PLAN = 'Adoption; parallel plan: long-term fostering.';
const LONG_TERM_PLAN = 'Long-term fostering with current carers, to be matched at panel.';
const STAYING_PUT_PLAN = 'Staying put with current carers at 18.';

/**
 * The permanence plan a review records: the one the child's care went on to (adoption only for the
 * children adopted; the permanence stage plans it for those whose adoption is under way).
 */
function permanencePlan(rng: Random, reasonCeased: string | null, age: number): string {
  if (reasonCeased === 'E11' || reasonCeased === 'E12') return ADOPTION_PLAN;
  if (['E45', 'E46', 'E47', 'E48'].includes(reasonCeased ?? '')) return SPECIAL_GUARDIANSHIP_PLAN;
  if (reasonCeased === 'E4A') return RETURN_HOME_PLAN;
  if (reasonCeased === 'E17') return STAYING_PUT_PLAN;
  if (age >= 15) return rng.chance(0.4) ? STAYING_PUT_PLAN : LONG_TERM_PLAN;
  return rng.weighted([[LONG_TERM_PLAN, 60], [RETURN_HOME_PLAN, 25], [SPECIAL_GUARDIANSHIP_PLAN, 15]] as const);
}

/** A day `n` working days after `day`. */
const wd = (day: number, n: number) => dayOf(addWorkingDays(isoOf(day), n));

export const lookedAfter: Stage = {
  name: 'looked-after',
  async run(ctx: SynthContext) {
    const { rng, council } = ctx;
    const T = ctx.todayDay;
    const centroids = syntheticCentroids();
    const centroidOf = new Map(centroids.map((c) => [c.postcode, c]));
    await ctx.insert('postcode_centroid', centroids);
    await ctx.db.deleteFrom('council_setting').where('key', '=', 'ownCouncilCode').execute();
    await ctx.insert('council_setting', [{ key: 'ownCouncilCode', value: JSON.stringify(OWN_COUNCIL.code) }]);
    // Ofsted's lists as if loaded (decision 0077): placements name these providers' URNs.
    const providers = syntheticProviders(AREAS);
    const loadId = '00000000-0000-4000-8000-000000000077';
    await ctx.insert('ofsted_provider_load', [{ id: loadId, file_names: 'Synthetic Ofsted lists (src/synth)', providers: providers.length, rejected: '[]', loaded_by: null }]);
    await ctx.insert('ofsted_provider', registerRows(providers, AREAS, loadId));

    const episodes = await ctx.db.selectFrom('cin_episode').select(['id', 'child_id', 'referral_date', 'closed_on']).execute();
    const episodesOf = new Map<string, typeof episodes>();
    for (const e of episodes) episodesOf.set(e.child_id, [...(episodesOf.get(e.child_id) ?? []), e]);
    const allocationsOf = new Map<string, typeof council.allocations>();
    for (const a of council.allocations) allocationsOf.set(a.childId, [...(allocationsOf.get(a.childId) ?? []), a]);
    const held = (child: SynthChild, service: 'looked-after' | 'iro' | 'leaving-care', day: number) => {
      const a = allocationsOf.get(child.id)?.find((x) => x.service === service && x.from <= day && (x.to === null || x.to >= day));
      return a ? council.worker(a.workerId) : council.workerOn(rng, service === 'iro' ? 'iro' : 'looked-after', day);
    };

    const rows = {
      care_period: [] as Row<'care_period'>[],
      legal_status: [] as Row<'legal_status'>[],
      placement: [] as Row<'placement'>[],
      plan: [] as Row<'plan'>[],
      looked_after_review: [] as Row<'looked_after_review'>[],
      visit: [] as Row<'visit'>[],
    };
    const events: Row<'child_event'>[] = [];
    const event = (child: SynthChild, type: Parameters<SynthContext['eventRow']>[0]['type'], day: number, table: string, sourceId: string, scopeId: string | null, title: string, by: string, at: Date, detail?: string) =>
      events.push(ctx.eventRow({ childId: child.id, type, occurredOn: day, sourceTable: table, sourceId, scopeId, title, recordedBy: by, recordedAt: at, ...(detail ? { detail } : {}) }));

    const postcodeIn = (prefix: string) => `${prefix}${rng.int(1, 9)} ${rng.int(1, 9)}${INWARD_LETTERS.charAt(rng.int(0, 19))}${INWARD_LETTERS.charAt(rng.int(0, 19))}`;

    for (const child of council.children) {
      for (const p of child.periods) {
        if (p.service !== 'looked-after') continue;
        const from = p.from;
        const end = p.to; // null: looked after today
        const until = end ?? T;
        if (from > T) continue;
        const periodId = rng.uuid();
        const sw = held(child, 'looked-after', from);
        const at = ctx.stamp(from, 3);
        const home = child.addresses.find((a) => a.from <= from && (a.to === null || a.to >= from)) ?? child.addresses[0];
        const homePostcode = home?.address.postcode ?? null;
        const episode = episodesOf.get(child.id)?.find((e) => e.referral_date <= isoOf(from) && (e.closed_on === null || e.closed_on >= isoOf(from)));
        // Why care ended comes with the family's story (families.ts), which shaped the child's age and
        // the length of care to fit it; a period without one ends for a reason any child may have.
        const reasonCeased = end === null ? null : (p.ceased ?? (yearsBetween(child.dateOfBirth, end) >= 18 ? 'E8' : rng.weighted([['E4A', 70], ['E13', 15], ['E8', 15]] as const)));
        const adopted = reasonCeased === 'E11' || reasonCeased === 'E12';
        // Adopted: the placement order at the final hearing, months into care, and no moves in the last
        // year or so, when the permanence stage moves the child in with the adopters (after the match).
        const placementOrder = adopted && end !== null ? Math.min(Math.max(from + rng.int(150, 330), end - rng.int(420, 650)), end - 380) : null;
        const lastMove = adopted && end !== null ? end - 330 : until;
        const prev = previousPermanence(periodId, child.dateOfBirth, Math.min(...child.periods.filter((q) => q.service === 'looked-after').map((q) => q.from)));
        rows.care_period.push({
          id: periodId,
          child_id: child.id,
          episode_id: episode?.id ?? null,
          started_on: isoOf(from),
          ended_on: end === null ? null : isoOf(end),
          reason_ceased: reasonCeased,
          category_of_need: child.unaccompanied ? 'N8' : rng.weighted([['N1', 62], ['N4', 14], ['N5', 8], ['N2', 4], ['N3', 4], ['N6', 4], ['N7', 2], ['N8', 2]] as const),
          home_postcode: homePostcode,
          decided_by: rng.pick(DECIDERS),
          alternatives_considered: rng.chance(0.7) ? rng.pick(ALTERNATIVES) : null,
          ...prev,
          recorded_by: sw.id,
          recorded_at: at,
        });

        // Legal status: accommodated (s20), an interim care order becoming a full order, or an emergency.
        // A placement order (E1) only for a child the council plans to adopt (SSDA903 rule 553): here the
        // children who were adopted; the permanence stage adds those whose adoption is under way.
        const first = child.unaccompanied ? 'V2' : adopted ? rng.weighted([['C1', 80], ['L2', 12], ['L1', 8]] as const) : rng.weighted([['V2', 40], ['C1', 35], ['L2', 8], ['L1', 7], ['J1', 3], ['C2', 7]] as const);
        const statuses: { on: number; code: string }[] = [{ on: from, code: first }];
        if (placementOrder !== null) {
          if (first !== 'C1') statuses.push({ on: from + rng.int(5, 20), code: 'C1' });
          statuses.push({ on: placementOrder, code: 'E1' });
        } else if (first === 'C1' || first === 'L1' || first === 'L2') {
          const order = from + rng.int(120, 330);
          if (first !== 'C1') statuses.push({ on: from + rng.int(5, 20), code: 'C1' });
          if (order < until && rng.chance(0.8)) statuses.push({ on: order, code: 'C2' });
        } else if (first === 'V2' && rng.chance(0.2)) {
          const icO = from + rng.int(30, 200);
          if (icO < until) statuses.push({ on: icO, code: 'C1' });
        }
        const statusDays = statuses.filter((s) => s.on < until || s.on === from);
        statusDays.forEach((s, i) => {
          const next = statusDays[i + 1];
          const id = rng.uuid();
          rows.legal_status.push({ id, period_id: periodId, child_id: child.id, started_on: isoOf(s.on), ended_on: next ? isoOf(next.on) : end === null ? null : isoOf(end), legal_status: s.code, recorded_by: sw.id, recorded_at: ctx.stamp(s.on, 5) });
          if (i > 0) event(child, 'legal-status.changed', s.on, 'legal_status', id, periodId, `Legal status changed`, sw.id, ctx.stamp(s.on, 5));
        });
        event(child, 'care.started', from, 'care_period', periodId, periodId, 'Started to be looked after', sw.id, at);
        if (end !== null && reasonCeased !== null) {
          const by = held(child, 'looked-after', end);
          event(child, 'care.ended', end, 'care_period', periodId, periodId, `Ceased to be looked after: ${labelFor(REASON_EPISODE_CEASED, reasonCeased) ?? reasonCeased}`, by.id, ctx.stamp(end, 3));
        }

        // Placements: most children are settled; about 1 in 10 moves often.
        const unstable = rng.chance(0.1);
        const movesPerYear = unstable ? 3 : 0.35;
        // No temporary placements (T0-T4): the SSDA903 rules want them short, between two spells with the
        // same carers (rules 375-383), which this outline of moves does not make.
        const starts = [from];
        for (let d = from; ; ) {
          d += Math.max(14, Math.round((-Math.log(1 - rng.next()) * 365) / movesPerYear));
          if (d >= lastMove) break;
          starts.push(d);
        }
        const ageAt = (day: number) => yearsBetween(child.dateOfBirth, day);
        let previousType: string | null = null;
        starts.forEach((start, i) => {
          const next = starts[i + 1];
          const stop = next ?? end;
          const age = ageAt(start);
          // Placed with parents only under a care order, never under section 20 alone (SSDA903 rule 378).
          const accommodated = statusDays.filter((x) => x.on <= start).at(-1)?.code === 'V2';
          const picked: string =
            child.unaccompanied && age >= 16
              ? rng.weighted([['K3', 60], ['U6', 30], ['K2', 10]] as const)
              : age < 2 && rng.chance(0.05)
                ? 'U5' // fostering for adoption; placed for adoption (A3-A6) only by the permanence stage, after a match
                : age >= 16
                  ? rng.weighted([['U6', 30], ['U4', 15], ['K3', 25], ['K2', 15], ['U3', 10], ['P1', 5]] as const)
                  : rng.weighted([['U6', 45], ['U4', 12], ['U3', 15], ['U1', 4], ['K2', 15], ['P1', 6], ['R1', 2], ['S1', 1]] as const);
          const type = picked === 'P1' && accommodated ? 'U3' : picked;
          const residential = ['K2', 'K3', 'R1', 'S1'].includes(type);
          const outOfArea = type !== 'P1' && rng.chance(residential ? 0.6 : 0.2);
          const prefix = outOfArea ? (rng.chance(residential ? 0.4 : 0.15) ? 'ZV' : 'KQ') : 'BW';
          const postcode = TEMPORARY_PLACEMENT_TYPES.includes(type) || type === 'P1' ? (type === 'P1' ? homePostcode : null) : postcodeIn(prefix);
          const placed = postcode ? centroidOf.get(postcode.split(' ')[0] as string) : undefined;
          const homeCentroid = homePostcode ? centroidOf.get(homePostcode.split(' ')[0] as string) : undefined;
          const id = rng.uuid();
          const temporary = ['T0', 'T1', 'T2', 'T3'].includes(type);
          const chosenProvider = temporary ? null : type === 'P1' ? 'PR0' : type.startsWith('A') || type.startsWith('U') ? (rng.chance(0.7) ? 'PR1' : 'PR4') : rng.chance(0.8) ? 'PR4' : 'PR1';
          const pickedCarer = residential ? (type === 'K3' ? rng.pick(SUPPORTED) : rng.pick(HOMES)) : type === 'P1' ? 'Parent' : temporary ? 'Hospital' : `${rng.pick(SURNAMES)} family`;
          // The council's own home outside its area is another council's provision to it (PR2).
          const provider = residential && chosenProvider === 'PR1' && prefix !== 'BW' ? 'PR2' : chosenProvider;
          // The provider on Ofsted's list: a home, supported accommodation or school in the placement's
          // area (the child lives at its address); for foster placements, the council's fostering service
          // or an agency. Picked from the placement's id, so the random stream is as before.
          const site = ['K2', 'K3', 'S1'].includes(type) ? providerFor(providers, type as 'K2' | 'K3' | 'S1', prefix, provider!, Number.parseInt(id.slice(0, 8), 16)) : undefined;
          const fosteringService = type.startsWith('U') && provider ? providerFor(providers, 'U', provider === 'PR1' ? 'BW' : 'KQ', provider, Number.parseInt(id.slice(0, 8), 16)) : undefined;
          const carer = site ? site.name : pickedCarer;
          const sitePlaced = site ? centroidOf.get(site.postcode.split(' ')[0] as string) : placed;
          const longTerm = type === 'U1' || type === 'U4';
          // Placed with a parent or a connected person at the start of care: often weekly visits until
          // the first review (CPPCR reg 28(3)-(4)).
          const visiting = (type === 'P1' || ['U1', 'U2', 'U3'].includes(type)) && start - from < 30 && rng.chance(0.5) ? (type === 'P1' && rng.chance(0.5) ? 'with-parent-before-assessment' : 'connected-person-or-interim-order') : 'standard';
          const placementAt = ctx.stamp(start, 5);
          const worker = held(child, 'looked-after', start);
          const planDay = rng.chance(0.85) ? Math.min(T, wd(start, rng.int(0, 5))) : stop === null && rng.chance(0.3) ? null : Math.min(T, wd(start, rng.int(6, 25)));
          const notifyDay = rng.chance(0.82) ? Math.min(T, wd(start, rng.int(0, 5))) : stop === null && rng.chance(0.4) ? null : Math.min(T, wd(start, rng.int(6, 30)));
          rows.placement.push({
            id,
            period_id: periodId,
            child_id: child.id,
            started_on: isoOf(start),
            ended_on: stop === null ? null : isoOf(stop),
            placement_type: type,
            provider,
            carer_name: carer,
            // A number is still drawn for a residential placement, as before the register, to keep the stream.
            urn: (residential ? rng.int(100000, 999999) : 0) >= 0 ? (site?.urn ?? fosteringService?.urn ?? null) : null,
            postcode: site?.postcode ?? postcode,
            distance_miles: sitePlaced && homeCentroid ? milesBetween(homeCentroid, sitePlaced) : null,
            host_council: sitePlaced?.council_name ?? null,
            in_council_area: sitePlaced ? sitePlaced.council_code === OWN_COUNCIL.code : null,
            same_carers: previousType !== null && rng.chance(0.05),
            intended_until_18: longTerm,
            visiting_rule: visiting,
            change_reason: next !== undefined && !['T0', 'T1', 'T2', 'T3', 'T4'].includes(type) ? rng.weighted([['CARPL', 30], ['CREQB', 18], ['CREQO', 12], ['CHILD', 8], ['LAREQ', 8], ['STAND', 4], ['ALLEG', 3], ['CLOSE', 5], ['PLACE', 4], ['OTHER', 8]] as const) : null,
            plan_agreed_on: planDay !== null && planDay <= until ? isoOf(planDay) : null,
            notified_on: notifyDay !== null && notifyDay <= until ? isoOf(notifyDay) : null,
            host_council_notified: outOfArea && notifyDay !== null && rng.chance(0.85),
            recorded_by: worker.id,
            recorded_at: placementAt,
          });
          previousType = type;
          const title = `Placed with ${carer}`;
          event(child, placementStartedType(visiting, longTerm), start, 'placement', id, id, title, worker.id, placementAt);
          if (stop !== null) event(child, 'placement.ended', stop, 'placement', id, id, `Placement with ${carer} ended`, worker.id, ctx.stamp(stop, 5));
          if (planDay !== null && planDay <= until) event(child, 'placement-plan.agreed', planDay, 'placement', id, id, `Placement plan agreed with ${carer}`, worker.id, ctx.stamp(planDay, 3));
          if (notifyDay !== null && notifyDay <= until) event(child, 'placement.notified', notifyDay, 'placement', id, id, `Placement with ${carer} notified`, worker.id, ctx.stamp(notifyDay, 3));

          // Statutory visits: within a week, then 6-weekly (3-monthly after a year of a long-term placement).
          const last = stop === null ? T : stop - 1;
          for (let day = start + (rng.chance(0.9) ? rng.int(1, 7) : rng.int(8, 16)), n = 0; day <= last; n++) {
            const visitDay = isWorkingDay(isoOf(day)) ? day : wd(day, 1);
            if (visitDay > last) break;
            const vid = rng.uuid();
            const visitor = held(child, 'looked-after', visitDay);
            const seen = rng.chance(0.96);
            const vat = ctx.stamp(visitDay, 4);
            rows.visit.push({ id: vid, child_id: child.id, visited_on: isoOf(visitDay), kind: 'looked_after', plan_id: null, placement_id: id, worker_id: visitor.id, child_seen: seen, seen_alone: seen && age >= 4 ? (rng.chance(0.75) ? 'yes' : 'no') : 'not_applicable', observations: seen ? 'Saw the child in their placement; spoke about school, family time and how they feel about living here.' : 'The child was out at an activity; visit rearranged.', recorded_by: visitor.id, recorded_at: vat });
            event(child, 'visit.looked-after', visitDay, 'visit', vid, id, 'Statutory visit (child in care)', visitor.id, vat);
            const settled = longTerm && visitDay - start >= 365;
            const weekly = visiting !== 'standard' && n < 4;
            const every = visiting === 'connected-person-or-interim-order' ? (rng.chance(0.85) ? rng.int(20, 28) : rng.int(29, 45)) : rng.chance(0.87) ? rng.int(28, 42) : rng.int(43, 75);
            day = visitDay + (weekly ? (rng.chance(0.85) ? rng.int(5, 7) : rng.int(8, 12)) : settled ? (rng.chance(0.85) ? rng.int(60, 90) : rng.int(91, 130)) : every);
          }
        });

        // The care plan: within 10 working days of the first placement, mostly.
        const planStart = Math.min(T, rng.chance(0.8) ? wd(from, rng.int(0, 10)) : wd(from, rng.int(11, 40)));
        if (planStart <= until) {
          const planId = rng.uuid();
          const pat = ctx.stamp(planStart, 3);
          rows.plan.push({ id: planId, child_id: child.id, kind: 'care', episode_id: episode?.id ?? null, started_on: isoOf(planStart), ended_on: end === null ? null : isoOf(end), end_reason: end === null ? null : 'ceased_looked_after', recorded_by: sw.id, recorded_at: pat });
          event(child, 'care-plan.started', planStart, 'plan', planId, planId, 'Care plan started', sw.id, pat);
          if (end !== null) event(child, 'care-plan.ended', end, 'plan', planId, planId, 'Care plan ended', sw.id, ctx.stamp(end, 3));
        }

        // Reviews: 20 working days, then 3 months, then every 6 months; some late.
        let reviewDay = rng.chance(0.85) ? wd(from, rng.int(12, 20)) : wd(from, rng.int(21, 40));
        for (let n = 0; reviewDay <= (end ?? T); n++) {
          const rid = rng.uuid();
          const chair = held(child, 'iro', reviewDay);
          const rat = ctx.stamp(reviewDay, 6);
          const underFour = yearsBetween(child.dateOfBirth, reviewDay) < 4;
          rows.looked_after_review.push({
            id: rid,
            period_id: periodId,
            child_id: child.id,
            held_on: isoOf(reviewDay),
            chair_id: chair.id,
            participation: underFour ? 'PN0' : rng.weighted([['PN1', 45], ['PN2', 10], ['PN3', 5], ['PN4', 5], ['PN5', 10], ['PN6', 15], ['PN7', 10]] as const),
            permanence_plan: n >= 1 && rng.chance(0.9) ? permanencePlan(rng, reasonCeased, yearsBetween(child.dateOfBirth, reviewDay)) : null,
            decisions: rng.pick(DECISIONS),
            recorded_by: chair.id,
            recorded_at: rat,
          });
          event(child, 'looked-after-review.held', reviewDay, 'looked_after_review', rid, periodId, `Looked-after review chaired by ${chair.displayName}`, chair.id, rat);
          const months = n === 0 ? 3 : 6;
          const due = reviewDay + Math.round(months * 30.4);
          reviewDay = rng.chance(0.86) ? due - rng.int(0, 20) : due + rng.int(3, 45);
        }
      }
    }

    // Parents before children: periods, then what hangs off them.
    for (const table of ['care_period', 'legal_status', 'placement', 'plan', 'looked_after_review', 'visit'] as const) await ctx.insert(table, rows[table] as never[]);
    await ctx.insert('child_event', events);
    const outside = rows.placement.filter((p) => p.in_council_area === false).length;
    ctx.log(`${rows.care_period.length} periods of care, ${rows.placement.length} placements (${outside} outside the area), ${rows.looked_after_review.length} reviews, ${rows.visit.length} visits`);
  },
};
