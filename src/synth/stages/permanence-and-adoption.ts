// Permanence and adoption, following the looked-after stage's periods of care and reviews:
//
// - every permanence plan a looked-after review recorded becomes a structured plan (with its parallel
//   plan), on the day of that review; some long-term fostering is confirmed, some still waits after
//   a year (seed PM-04); special guardianship orders end the care of the children who left that way;
// - every child whose care ended in adoption (about 1 in 10 of those who leave care, families.ts) has
//   the journey, and about as many again are on their way: a placement order (the legal status
//   becomes E1; for the adopted, the looked-after stage made it), family finding (often only after the
//   order: Wandsworth 2016 ¶80), the match with approved adopters (about a third past the 121 days of
//   scorecard A2), the move in as a placement for adoption (A5, A6), and for those who left care
//   adopted, the adoption order; one or two placements disrupt before the order, and a few plans
//   change away from adoption (SE-004 ¶82);
// - prospective adopter households at every stage, some stages late, some withdrawn, on hold or
//   refused (seed AD-09; Southend 2016 ¶85: 3 at stage one, 6 at stage two, 4 on hold).
//
// It changes the care record where a journey needs it (the legal status at the order, the placement at
// the move), as the services do, so the SSDA903 episodes and the clocks agree with the journey.
import { OWN_FOSTERING_SERVICE_URN } from '../providers.ts';
import { sql, type Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SynthContext } from '../context.ts';
import { dayOf, isoOf, yearsBetween } from '../dates.ts';
import { SURNAMES } from '../names.ts';
import type { Stage } from '../stages.ts';
import type { PermanenceRoute } from '../../permanence/tables.ts';
import { OWN_COUNCIL } from './looked-after.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;
type EventType = Parameters<SynthContext['eventRow']>[0]['type'];

/** The looked-after stage's review texts, and the structured plan each one is. */
const FROM_REVIEW: readonly { starts: string; plan: PermanenceRoute; parallel: PermanenceRoute | null; detail: string | null }[] = [
  { starts: 'Return home', plan: 'return_home', parallel: 'long_term_fostering', detail: 'To mother, with a child in need plan' },
  { starts: 'Special guardianship', plan: 'special_guardianship', parallel: null, detail: 'With the maternal grandmother' },
  { starts: 'Adoption', plan: 'adoption', parallel: 'long_term_fostering', detail: null },
  { starts: 'Long-term fostering', plan: 'long_term_fostering', parallel: null, detail: 'With the current carers' },
  { starts: 'Staying put', plan: 'other', parallel: null, detail: 'Staying put with the current carers at 18' },
];
const ADOPTION_TEXT = 'Adoption; parallel plan: long-term fostering.';
const LONG_TERM_TEXT = 'Long-term fostering with current carers, to be matched at panel.';
const INWARD = [...'ABDEFGHJLNPQRSTUWXYZ'];
const COURTS = ['Family Court at Brightwater', 'Family Court at Kestrelford', 'Family Court at Farrowmere'];
const FIRST_NAMES = ['Sam', 'Alex', 'Jo', 'Priya', 'Tom', 'Ruth', 'Dev', 'Leah', 'Marcus', 'Nadia', 'Owen', 'Grace', 'Femi', 'Hannah', 'Rhys', 'Amira'];
const DISRUPTION_REASONS = [
  'The adopters felt unable to meet the child’s needs after the first months; support from the adoption service did not keep the placement together.',
  'A change in the adopters’ health meant they could not go on caring for the child.',
];

/** Why a plan of adoption changed after the placement order: three in six RD3, two RD1, one RD4. */
const RD3 = { code: 'RD3', why: 'prospective adopters could not be found', detail: 'No adopters found who could meet the child’s needs; the current carers will keep them' } as const;
const RD1 = { code: 'RD1', why: 'the child’s needs changed', detail: 'The child’s needs have changed since the decision; the current carers will keep them long term' } as const;
const REVERSALS = [RD3, RD1, RD3, RD1, RD3, { code: 'RD4', why: 'another reason', detail: 'A relative came forward late; long-term fostering with the current carers while they are assessed' }] as const;

export const permanenceAndAdoption: Stage = {
  name: 'permanence-and-adoption',
  async run(ctx: SynthContext) {
    const { rng, council } = ctx;
    const T = ctx.todayDay;
    const G = ctx.goLiveDay;
    const years = ctx.profile.years;
    // Adopter households at every stage: about one for every 400 children looked after a year (the
    // seeds' councils had a few a year at each stage).
    const perYear = Math.max(1, Math.round(ctx.targets.lookedAfter / 400));
    // Children whose adoption is under way: about a year's adoptions (1 in 10 of the 31 in 83 who leave care a year).
    const underWay = Math.max(1, Math.round((ctx.targets.lookedAfter * 31 * 0.1) / 83));

    const periods = await ctx.db
      .selectFrom('care_period as cp')
      .innerJoin('person as p', 'p.id', 'cp.child_id')
      .select(['cp.id', 'cp.child_id', 'cp.started_on', 'cp.ended_on', 'cp.reason_ceased', 'p.date_of_birth'])
      .where('cp.deleted_at', 'is', null)
      .orderBy('cp.started_on')
      .orderBy('cp.id')
      .execute();
    const reviews = await ctx.db.selectFrom('looked_after_review').select(['id', 'period_id', 'held_on', 'permanence_plan']).orderBy('held_on').execute();
    const placements = await ctx.db.selectFrom('placement').selectAll().orderBy('started_on').execute();
    const statuses = await ctx.db.selectFrom('legal_status').selectAll().orderBy('started_on').execute();
    const by = <T extends { period_id: string }>(rows: readonly T[]) => {
      const map = new Map<string, T[]>();
      for (const r of rows) map.set(r.period_id, [...(map.get(r.period_id) ?? []), r]);
      return map;
    };
    const reviewsOf = by(reviews);
    const placementsOf = by(placements);
    const statusesOf = by(statuses);

    const rows = {
      permanence_plan: [] as Row<'permanence_plan'>[],
      permanence_step: [] as Row<'permanence_step'>[],
      adopter_household: [] as Row<'adopter_household'>[],
      adoption_match: [] as Row<'adoption_match'>[],
      legal_status: [] as Row<'legal_status'>[],
      placement: [] as Row<'placement'>[],
      visit: [] as Row<'visit'>[],
    };
    const events: Row<'child_event'>[] = [];
    const worker = (day: number) => council.workerOn(rng, 'looked-after', Math.min(day, T));
    const event = (childId: string, type: EventType, day: number, table: string, sourceId: string, scopeId: string | null, title: string, by: string, detail?: string) =>
      events.push(ctx.eventRow({ childId, type, occurredOn: day, sourceTable: table, sourceId, scopeId, title, recordedBy: by, recordedAt: ctx.stamp(day, 3), ...(detail ? { detail } : {}) }));
    const householdName = () => (rng.chance(0.75) ? `${rng.pick(FIRST_NAMES)} and ${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}` : `${rng.pick(FIRST_NAMES)} ${rng.pick(SURNAMES)}`);

    /**
     * The applicants' sexes and legal status (AD1, decision 0043), from the household's id rather than
     * the random stream so nothing else the generator makes changes: mostly a married couple of
     * different sexes, some unmarried; a fifth same-sex couples, civil partners, married or not
     * (decision 0072); one applicant, either sex.
     */
    const adoptersOf = (id: string, applicants: number) => {
      const n = parseInt(id.slice(0, 8), 16);
      if (applicants === 1) return { adopters_sex: n % 3 === 0 ? ('M1' as const) : ('F1' as const), adopters_legal_status: 'L0' as const };
      if (n % 5 === 0) return { adopters_sex: n % 2 === 0 ? ('FF' as const) : ('MM' as const), adopters_legal_status: (['L2', 'L12', 'L4'] as const)[n % 3]! };
      return { adopters_sex: 'MF' as const, adopters_legal_status: n % 7 === 0 ? ('L3' as const) : ('L11' as const) };
    };
    /** A household's journey from enquiry, each step only if it happened by today; `approvedBy` forces approval on that day. */
    const household = (enquiry: number, approvedBy: number | null) => {
      const id = rng.uuid();
      const name = householdName();
      const w = worker(enquiry);
      const applicants = name.includes(' and ') ? 2 : 1;
      const h: Row<'adopter_household'> = { id, name, applicants, ...adoptersOf(id, applicants), postcode: null, worker_id: w.id, fostering_for_adoption: rng.chance(0.15), enquiry_on: isoOf(enquiry), recorded_by: w.id, recorded_at: ctx.stamp(enquiry, 2) };
      const leave = (day: number, reason: 'WITHDREW' | 'ON_HOLD' | 'REFUSED', note: string) => {
        if (day > T) return h;
        return Object.assign(h, { left_on: isoOf(day), left_reason: reason, left_note: note });
      };
      let panelDay: number, decided: number, s2: number, s1: number, registered: number;
      if (approvedBy !== null) {
        decided = approvedBy;
        panelDay = decided - rng.int(5, 21);
        s2 = panelDay - (rng.chance(0.75) ? rng.int(90, 115) : rng.int(125, 200));
        s1 = s2 - rng.int(5, 90);
        registered = s1 - (rng.chance(0.8) ? rng.int(40, 60) : rng.int(63, 110));
        h.enquiry_on = isoOf(Math.min(enquiry, registered - rng.int(7, 60)));
      } else {
        if (!rng.chance(0.75)) return rng.chance(0.3) ? leave(enquiry + rng.int(10, 60), 'WITHDREW', 'Decided not to go ahead after the information evening') : h;
        registered = enquiry + rng.int(7, 60);
        s1 = registered + (rng.chance(0.8) ? rng.int(40, 60) : rng.int(63, 110));
        s2 = s1 + (rng.chance(0.85) ? rng.int(5, 90) : rng.int(100, 170));
        panelDay = s2 + (rng.chance(0.75) ? rng.int(90, 110) : rng.int(125, 200));
        decided = panelDay + rng.int(5, 21);
      }
      if (registered > T) return h;
      h.registered_on = isoOf(registered);
      if (approvedBy === null && rng.chance(0.1)) return leave(registered + rng.int(10, 50), 'WITHDREW', 'Withdrew during stage one');
      if (s1 > T) return h;
      h.stage_one_ended_on = isoOf(s1);
      if (approvedBy === null && rng.chance(0.08)) return Object.assign(h, { left_on: isoOf(s1), left_reason: 'REFUSED' as const, left_note: 'Not suitable to go on to stage two' });
      if (approvedBy === null && rng.chance(0.12)) return leave(s1 + rng.int(20, 120), 'ON_HOLD', 'Put on hold: a house move and a new job');
      if (s2 > T) return h;
      h.stage_two_started_on = isoOf(s2);
      if (approvedBy === null && rng.chance(0.08)) return leave(s2 + rng.int(20, 80), 'WITHDREW', 'Withdrew during the assessment');
      if (panelDay > T) return h;
      h.panel_on = isoOf(panelDay);
      h.panel_recommended = true;
      if (decided > T) return h;
      const approved = approvedBy !== null || rng.chance(0.95);
      h.decided_on = isoOf(decided);
      h.approved = approved;
      if (!approved) return Object.assign(h, { left_on: isoOf(decided), left_reason: 'REFUSED' as const, left_note: 'Not approved as suitable to adopt' });
      return h;
    };

    /** The statutory visits of a placement from `from` to `to` (6-weekly, the first within a week). */
    const visits = (childId: string, placementId: string, from: number, to: number) => {
      for (let day = from + rng.int(1, 7); day <= to; day += rng.chance(0.85) ? rng.int(28, 42) : rng.int(43, 70)) {
        const id = rng.uuid();
        const w = worker(day);
        rows.visit.push({ id, child_id: childId, visited_on: isoOf(day), kind: 'looked_after', plan_id: null, placement_id: placementId, worker_id: w.id, child_seen: true, seen_alone: 'not_applicable', observations: 'Saw the child at home with the carers; settled, playing, feeding and sleeping well.', recorded_by: w.id, recorded_at: ctx.stamp(day, 4) });
        event(childId, 'visit.looked-after', day, 'visit', id, placementId, 'Statutory visit (child in care)', w.id);
      }
    };

    const moved: { placementId: string; day: string }[] = [];
    /** Ends the placement in force on `day` and starts a new one there, as the care service's move does. */
    const move = async (period: (typeof periods)[number], day: number, next: { type: string; carer: string; sameCarers: boolean }, end: number | null) => {
      const own = placementsOf.get(period.id) ?? [];
      const current = own.find((p) => dayOf(p.started_on) < day && (p.ended_on === null || dayOf(p.ended_on) > day));
      if (!current || own.some((p) => dayOf(p.started_on) >= day)) return null;
      const temporary = ['T0', 'T1', 'T2', 'T3', 'T4'].includes(current.placement_type);
      await ctx.db.updateTable('placement').set({ ended_on: isoOf(day), change_reason: temporary ? null : next.type.startsWith('A') ? 'CARPL' : 'CREQB' }).where('id', '=', current.id).execute();
      // Its end is written again on the day of the move, and its visits after the move are undone, in
      // one statement each at the end (the tables have no indexes while the council is generated).
      const w = worker(day);
      event(period.child_id, 'placement.ended', day, 'placement', current.id, current.id, `Placement with ${current.carer_name} ended`, w.id);
      moved.push({ placementId: current.id, day: isoOf(day) });
      current.ended_on = isoOf(day);
      const id = rng.uuid();
      const planDay = Math.min(T, day + rng.int(0, 5));
      const row: Row<'placement'> = {
        id,
        period_id: period.id,
        child_id: period.child_id,
        started_on: isoOf(day),
        ended_on: end === null ? null : isoOf(end),
        placement_type: next.type,
        provider: 'PR1',
        carer_name: next.carer,
        // Adoption placements through the regional adoption agency: DfE's URN for one (rule 242; decision 0077).
        urn: next.type.startsWith('A') ? 'XXXXXXX' : null,
        // With the current carers (A5), where they live; otherwise the adopters' home in the area (SSDA903 rule 392b).
        ...(next.sameCarers
          ? { postcode: current.postcode, distance_miles: current.distance_miles, host_council: current.host_council, in_council_area: current.in_council_area }
          : { postcode: `BW${rng.int(1, 9)} ${rng.int(1, 9)}${rng.pick(INWARD)}${rng.pick(INWARD)}`, distance_miles: null, host_council: OWN_COUNCIL.name, in_council_area: true }),
        same_carers: next.sameCarers,
        intended_until_18: false,
        change_reason: null,
        plan_agreed_on: isoOf(planDay),
        notified_on: isoOf(planDay),
        recorded_by: w.id,
        recorded_at: ctx.stamp(day, 3),
      };
      rows.placement.push(row);
      event(period.child_id, 'placement.started', day, 'placement', id, id, `Placed with ${next.carer}`, w.id);
      event(period.child_id, 'placement-plan.agreed', planDay, 'placement', id, id, `Placement plan agreed with ${next.carer}`, w.id);
      event(period.child_id, 'placement.notified', planDay, 'placement', id, id, `Placement with ${next.carer} notified`, w.id);
      if (end !== null) event(period.child_id, 'placement.ended', end, 'placement', id, id, `Placement with ${next.carer} ended`, w.id);
      visits(period.child_id, id, day, (end ?? T + 1) - 1);
      return id;
    };

    /** The legal status becomes E1 with the placement order (made after the last change of status), unless it already is. */
    const lastStatus = (period: (typeof periods)[number]) => (statusesOf.get(period.id) ?? []).at(-1) ?? null;
    const placementOrderStatus = async (period: (typeof periods)[number], day: number) => {
      const current = lastStatus(period);
      if (!current || current.legal_status === 'E1' || dayOf(current.started_on) >= day) return;
      await ctx.db.updateTable('legal_status').set({ ended_on: isoOf(day) }).where('id', '=', current.id).execute();
      const id = rng.uuid();
      const w = worker(day);
      rows.legal_status.push({ id, period_id: period.id, child_id: period.child_id, started_on: isoOf(day), ended_on: period.ended_on, legal_status: 'E1', recorded_by: w.id, recorded_at: ctx.stamp(day, 3) });
      event(period.child_id, 'legal-status.changed', day, 'legal_status', id, period.id, 'Legal status: placement order granted', w.id);
    };

    const addPlan = (period: (typeof periods)[number], day: number, plan: PermanenceRoute, parallel: PermanenceRoute | null, detail: string | null, reviewId: string | null) => {
      const id = rng.uuid();
      const w = worker(day);
      rows.permanence_plan.push({ id, child_id: period.child_id, period_id: period.id, decided_on: isoOf(day), review_id: reviewId, plan, plan_detail: detail, parallel_plan: parallel, recorded_by: w.id, recorded_at: ctx.stamp(day, 5) });
      event(period.child_id, 'permanence.planned', day, 'permanence_plan', id, id, `Permanence plan: ${plan.replaceAll('_', ' ')}`, w.id, detail ?? undefined);
      return id;
    };
    const addStep = (period: (typeof periods)[number], planId: string, day: number, step: Omit<Row<'permanence_step'>, 'id' | 'plan_id' | 'child_id' | 'occurred_on' | 'recorded_by'>, type: EventType, title: string) => {
      const id = rng.uuid();
      const w = worker(day);
      rows.permanence_step.push({ id, plan_id: planId, child_id: period.child_id, occurred_on: isoOf(day), recorded_by: w.id, recorded_at: ctx.stamp(day, 5), ...step });
      event(period.child_id, type, day, 'permanence_step', id, planId, title, w.id);
    };
    const endPlan = (planId: string, day: number, reason: 'changed' | 'achieved') => {
      const plan = rows.permanence_plan.find((p) => p.id === planId)!;
      plan.ended_on = isoOf(day);
      plan.end_reason = reason;
    };

    // --- Who is placed for adoption ------------------------------------------------------------------
    const ageAtStart = (p: (typeof periods)[number]) => (p.date_of_birth ? yearsBetween(dayOf(p.date_of_birth), dayOf(p.started_on)) : 99);
    const young = (p: (typeof periods)[number], age: number) => ageAtStart(p) <= age;
    const completedCandidates = periods.filter((p) => p.ended_on && ['E11', 'E12'].includes(p.reason_ceased ?? '') && young(p, 6) && dayOf(p.ended_on) - dayOf(p.started_on) > 400);
    // Children who came into care in the last three years (a journey begun long ago would be long over).
    const openCandidates = periods.filter((p) => p.ended_on === null && dayOf(p.started_on) < T - 200 && dayOf(p.started_on) > T - 1100);
    // The youngest first; a small council may have no child under 5 in care, so the age widens if it must.
    const byAge = [...openCandidates].sort((a, b) => ageAtStart(a) - ageAtStart(b) || (a.id < b.id ? -1 : 1));
    const inProgress = byAge.filter((p) => young(p, 4)).slice(0, underWay);
    if (inProgress.length === 0 && byAge[0] && young(byAge[0], 9)) inProgress.push(byAge[0]);
    // Every child adopted has the journey: the looked-after stage made the placement order and left room for it.
    const completed = completedCandidates;
    const journeys = new Set([...inProgress, ...completed].map((p) => p.id));

    let changedAway = 0;
    let disruptions = 0;
    const disruptionsWanted = ctx.profile.size === 'large' ? 2 : 1;
    const placedInProgress: { period: (typeof periods)[number]; planId: string; matchId: string; placed: number; placementId: string; householdId: string }[] = [];

    for (const period of [...completed, ...inProgress]) {
      const S = dayOf(period.started_on);
      const E = period.ended_on ? dayOf(period.ended_on) : null;
      const own = reviewsOf.get(period.id) ?? [];
      const second = own[1] ?? own[0] ?? null;
      const status = lastStatus(period);
      const lastPlacement = (placementsOf.get(period.id) ?? []).at(-1) ?? null;
      if (!status || !lastPlacement) continue;
      // A placement order already in the care record is the order; otherwise it comes after the last change of status.
      const existingOrder = status.legal_status === 'E1' ? dayOf(status.started_on) : null;
      const afterStatus = dayOf(status.started_on) + rng.int(10, 40);
      const a2 = rng.chance(0.35) ? rng.int(125, 260) : rng.int(30, 118);
      let planDay: number, po: number, panel: number, decision: number, placed: number;
      if (E !== null) {
        placed = E - rng.int(100, 300);
        decision = placed - rng.int(7, 35);
        panel = decision - rng.int(3, 14);
        po = existingOrder ?? panel - a2;
        if (existingOrder === null && po < afterStatus) continue; // the care record leaves no room for this journey
        if (po >= panel || dayOf(lastPlacement.started_on) >= placed) continue;
        planDay = second && dayOf(second.held_on) < po - 20 ? dayOf(second.held_on) : Math.max(S + 20, po - rng.int(30, 150));
        if (planDay > po) continue;
      } else {
        planDay = second && dayOf(second.held_on) < T - 30 ? dayOf(second.held_on) : Math.min(T - 30, S + rng.int(90, 150));
        po = existingOrder ?? Math.max(planDay + rng.int(60, 250), afterStatus);
        if (existingOrder !== null && po < planDay) planDay = Math.max(S + 1, po - rng.int(20, 90));
        panel = po + a2;
        decision = panel + rng.int(3, 14);
        placed = Math.max(decision + rng.int(7, 35), dayOf(lastPlacement.started_on) + rng.int(10, 40));
      }
      const review = second && dayOf(second.held_on) === planDay ? second : null;
      if (review) await ctx.db.updateTable('looked_after_review').set({ permanence_plan: ADOPTION_TEXT }).where('id', '=', review.id).execute();
      const planId = addPlan(period, planDay, 'adoption', 'long_term_fostering', null, review?.id ?? null);
      if (po > T) continue; // waiting for the placement order
      await placementOrderStatus(period, po);
      const court = rng.pick(COURTS);
      addStep(period, planId, po, { kind: 'authority_to_place', authority: 'placement_order', court, case_number: `BW${isoOf(po).slice(2, 4)}C${String(rng.int(100, 999)).padStart(5, '0')}` }, 'permanence.placement-order', `Placement order made by ${court}`);
      // Family finding: before the order for some, only after it for most (Wandsworth 2016 ¶80).
      const ff = rng.chance(0.4) ? planDay + rng.int(0, Math.max(0, po - planDay)) : po + rng.int(0, Math.max(0, Math.min(panel, T) - po));
      if (ff <= T) addStep(period, planId, ff, { kind: 'family_finding', note: rng.pick(['Adoption and Children Act Register and the regional consortium', 'Profiled at an activity day', 'Linkmaker profile and the consortium exchange']) }, 'permanence.family-finding', 'Family finding started');
      // About 1 in 8 plans change away from adoption before a match (Southend 2016 ¶82: 13%).
      if (E === null && changedAway < Math.max(1, Math.round(inProgress.length / 8)) && rng.chance(0.15) && po + 60 < T) {
        const day = po + rng.int(30, Math.min(200, T - po));
        endPlan(planId, day, 'changed');
        // SSDA903 REASON_PLACED_CEASED (decisions 0041, 0055), after a placement order (so never RD2):
        // assumed half because no adopters were found, a third because the child's needs changed, the
        // rest other reasons; from the plan's id, so the random stream (and all else) stays as it was.
        const reversal = REVERSALS[parseInt(planId.slice(0, 8), 16) % REVERSALS.length]!;
        rows.permanence_plan.find((p) => p.id === planId)!.adoption_reversed_reason = reversal.code;
        const w = worker(day);
        event(period.child_id, 'permanence.plan-changed', day, 'permanence_plan', planId, planId, `Permanence plan changed from adoption to long-term fostering: ${reversal.why}`, w.id);
        addPlan(period, day, 'long_term_fostering', null, reversal.detail, null);
        changedAway++;
        continue;
      }
      if (panel > T) continue;
      const h = household(panel - rng.int(14, 250), panel - rng.int(14, 250));
      rows.adopter_household.push(h);
      const matchId = rng.uuid();
      const w = worker(panel);
      const match: Row<'adoption_match'> = { id: matchId, child_id: period.child_id, plan_id: planId, household_id: h.id!, panel_on: isoOf(panel), decided_on: isoOf(Math.min(decision, T)), recorded_by: w.id, recorded_at: ctx.stamp(Math.min(decision, T), 3) };
      if (decision > T) continue; // at panel, waiting for the decision: not recorded until it is made
      rows.adoption_match.push(match);
      event(period.child_id, 'adoption.matched', decision, 'adoption_match', matchId, planId, `Matched for adoption with ${h.name} (panel ${isoOf(panel)})`, w.id);
      if (placed > T) continue;
      const currentCarers = rng.chance(0.2);
      const placementId = await move(period, placed, { type: currentCarers ? 'A5' : 'A6', carer: h.name, sameCarers: currentCarers }, E);
      if (!placementId) continue; // the child moved placement meanwhile: matched, not yet placed
      match.placed_on = isoOf(placed);
      match.placement_id = placementId;
      event(period.child_id, 'adoption.placed', placed, 'adoption_match', matchId, planId, `Moved in with ${h.name}, placed for adoption`, w.id);
      if (E !== null) {
        addStep(period, planId, E, { kind: 'order', order_kind: 'adoption', court }, 'permanence.order', `Adoption order made by ${court}`);
        endPlan(planId, E, 'achieved');
      } else {
        placedInProgress.push({ period, planId, matchId, placed, placementId, householdId: h.id! });
      }
    }

    // One or two placements with adopters disrupt before the order (seed AD-19; Wandsworth 2016 ¶86).
    for (const j of placedInProgress) {
      if (disruptions >= disruptionsWanted || j.placed + 40 > T) continue;
      const day = j.placed + rng.int(30, Math.min(150, T - j.placed - 1));
      const match = rows.adoption_match.find((m) => m.id === j.matchId)!;
      const adopters = rows.placement.find((p) => p.id === j.placementId)!;
      // The child goes back to foster care: the placement with the adopters ends, with its later visits.
      adopters.ended_on = isoOf(day);
      adopters.change_reason = 'CREQB';
      rows.visit = rows.visit.filter((v) => v.placement_id !== j.placementId || v.visited_on < isoOf(day));
      const kept = new Set(rows.visit.map((v) => v.id));
      for (let i = events.length - 1; i >= 0; i--) if (events[i]!.source_table === 'visit' && events[i]!.scope_id === j.placementId && !kept.has(events[i]!.source_id)) events.splice(i, 1);
      const w = worker(day);
      event(j.period.child_id, 'placement.ended', day, 'placement', adopters.id!, adopters.id!, `Placement with ${adopters.carer_name} ended`, w.id);
      const carer = `${rng.pick(SURNAMES)} family`;
      const fosterId = rng.uuid();
      rows.placement.push({ ...adopters, id: fosterId, urn: OWN_FOSTERING_SERVICE_URN, started_on: isoOf(day), ended_on: null, placement_type: 'U6', carer_name: carer, same_carers: false, change_reason: null, plan_agreed_on: isoOf(Math.min(T, day + 2)), notified_on: isoOf(Math.min(T, day + 3)), recorded_by: w.id, recorded_at: ctx.stamp(day, 2) });
      event(j.period.child_id, 'placement.started', day, 'placement', fosterId, fosterId, `Placed with ${carer}`, w.id);
      visits(j.period.child_id, fosterId, day, T);
      match.disrupted_on = isoOf(day);
      match.disruption_reason = rng.pick(DISRUPTION_REASONS);
      event(j.period.child_id, 'adoption.disrupted', day, 'adoption_match', j.matchId, j.planId, `The placement with ${adopters.carer_name} disrupted`, w.id, match.disruption_reason);
      const h = rows.adopter_household.find((x) => x.id === j.householdId)!;
      const leaves = day + rng.int(20, 60);
      if (leaves <= T) Object.assign(h, { left_on: isoOf(leaves), left_reason: 'WITHDREW', left_note: 'Withdrew after the placement disrupted' });
      disruptions++;
    }

    // --- Every other plan the reviews recorded -------------------------------------------------------
    for (const period of periods) {
      if (journeys.has(period.id)) continue;
      const review = (reviewsOf.get(period.id) ?? []).find((r) => r.permanence_plan);
      if (!review) continue;
      const day = dayOf(review.held_on);
      let from = FROM_REVIEW.find((f) => review.permanence_plan!.startsWith(f.starts)) ?? FROM_REVIEW[3]!;
      if (from.plan === 'adoption') {
        // Adoption is planned only for the children placed for adoption above.
        from = FROM_REVIEW[3]!;
        await ctx.db.updateTable('looked_after_review').set({ permanence_plan: LONG_TERM_TEXT }).where('id', '=', review.id).execute();
      }
      const planId = addPlan(period, day, from.plan, from.parallel, from.detail, review.id);
      const E = period.ended_on ? dayOf(period.ended_on) : null;
      const until = E ?? T;
      if (from.plan === 'long_term_fostering') {
        if (rng.chance(0.4)) {
          const ff = day + rng.int(0, 60);
          if (ff <= until) addStep(period, planId, ff, { kind: 'family_finding', note: null }, 'permanence.family-finding', 'Family finding started');
        }
        // Half are confirmed; the rest wait, some beyond a year (Southend 2016 ¶57).
        const confirmed = day + rng.int(60, 400);
        if (rng.chance(0.5) && confirmed <= until) addStep(period, planId, confirmed, { kind: 'long_term_fostering_confirmed', note: 'Matched as long-term carers at the fostering panel' }, 'permanence.long-term-fostering', 'Long-term fostering confirmed');
      }
      if (from.plan === 'special_guardianship' && E !== null && ['E45', 'E46', 'E47', 'E48'].includes(period.reason_ceased ?? '') && E > day) {
        const court = rng.pick(COURTS);
        addStep(period, planId, E, { kind: 'order', order_kind: 'special_guardianship', court }, 'permanence.order', `Special guardianship order made by ${court}`);
        endPlan(planId, E, 'achieved');
      }
    }

    // --- Prospective adopters at every stage ---------------------------------------------------------
    const pipeline = Math.max(6, perYear * years * 3);
    for (let i = 0; i < pipeline; i++) {
      const enquiry = i < 3 ? T - rng.int(5, 40) : rng.int(G - 200, T - 5);
      rows.adopter_household.push(household(enquiry, null));
    }
    // Some withdraw and some put the process on hold in every council (Southend 2016 ¶85: 4 on hold).
    const pipelineRows = rows.adopter_household.slice(-pipeline);
    for (const reason of ['WITHDREW', 'ON_HOLD'] as const) {
      if (pipelineRows.some((h) => h.left_reason === reason)) continue;
      const h = pipelineRows.find((x) => !x.left_on && !x.decided_on && dayOf(x.enquiry_on) < T - 20);
      if (!h) continue;
      h.registered_on ??= isoOf(dayOf(h.enquiry_on) + 10);
      const last = [h.panel_on, h.stage_two_started_on, h.stage_one_ended_on, h.registered_on].find(Boolean)!;
      const day = Math.min(T, dayOf(last as string) + rng.int(1, 10));
      Object.assign(h, { left_on: isoOf(day), left_reason: reason, left_note: reason === 'WITHDREW' ? 'Withdrew: not the right time for the family' : 'Put on hold: caring for a parent' });
    }
    // Approved adopters waiting for a child, some more than 3 months (Wandsworth 2016 ¶81).
    for (let i = 0; i < Math.max(2, perYear); i++) rows.adopter_household.push(household(T - 600, T - rng.int(10, 200)));

    if (moved.length) {
      const list = sql.join(moved.map((m) => sql`(${m.placementId}::uuid, ${m.day}::date)`));
      // The end the looked-after stage wrote (on the day the period ended) gives way to the move's.
      await sql`DELETE FROM child_event e USING (VALUES ${list}) AS m(placement_id, day)
        WHERE e.source_id = m.placement_id AND e.type = 'placement.ended'`.execute(ctx.db);
      const gone = await sql<{ id: string }>`DELETE FROM visit v USING (VALUES ${list}) AS m(placement_id, day)
        WHERE v.placement_id = m.placement_id AND v.visited_on >= m.day RETURNING v.id`.execute(ctx.db);
      if (gone.rows.length) await sql`DELETE FROM child_event WHERE source_id = ANY(${gone.rows.map((v) => v.id)}::uuid[])`.execute(ctx.db);
    }
    for (const table of ['adopter_household', 'permanence_plan', 'permanence_step', 'legal_status', 'placement', 'adoption_match', 'visit'] as const) await ctx.insert(table, rows[table] as never[]);
    await ctx.insert('child_event', events);
    const placed = rows.adoption_match.filter((m) => m.placed_on).length;
    ctx.log(
      `${rows.permanence_plan.length} permanence plans, ${journeys.size} children with an adoption plan, ${rows.adoption_match.length} matched, ${placed} placed for adoption, ${disruptions} disrupted, ${changedAway} changed away from adoption; ${rows.adopter_household.length} adopter households`,
    );
  },
};
