// The council's own foster carers, after the children in care stage has placed children: a fostering
// household for every in-house foster placement (SSDA903 U1-U6 provided by the council, PR1), each
// placement linked to a household approved that day with a place free, never more children at once
// than it is approved for. Connected persons (U1-U3) are approved temporarily on the day the child
// moves in, then fully (most within 16 weeks, some after an extension, a few late). Then enough
// mainstream households to give about one approved household per 1.5 children in foster care today,
// households in assessment, some on hold, some who resigned or were deregistered or were not approved,
// and annual reviews (most within the year, some late, a few overdue today).
import { sql, type Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SynthContext, SynthWorker } from '../context.ts';
import { dayOf, isoOf, yearsBetween } from '../dates.ts';
import { MENS_NAMES, SURNAMES, WOMENS_NAMES } from '../names.ts';
import type { Stage } from '../stages.ts';
import { milesBetween } from '../../looked-after/distance.ts';
import { DBS_RULE, householdClockRow, householdClocks } from '../../fostering/clocks.ts';
import { addMonths } from '../../calendar/index.ts';
import { householdName } from '../../fostering/placing.ts';
import type { HouseholdKind, HouseholdStatus } from '../../fostering/tables.ts';
import { syntheticCentroids, OWN_COUNCIL } from './looked-after.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

const FOSTER_TYPES = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'];
const CONNECTED_TYPES = ['U1', 'U2', 'U3'];
const AGE_RANGES: readonly (readonly [number, number])[] = [
  [0, 4],
  [0, 10],
  [0, 17],
  [0, 12],
  [5, 17],
  [8, 17],
  [11, 17],
];
const INWARD = 'ABDEFGHJLNPQRSTUWXYZ';
const REVIEW_FINDINGS = [
  'The carers continue to provide warm, safe care. The children placed said they feel listened to. Training up to date.',
  'Suitable to continue. Safer caring plan updated after a new adult joined the household; DBS check done.',
  'Continue; terms unchanged. The supervising social worker notes good work with birth families at contact.',
  'Suitable to continue. The carers asked for more support with a teenager’s behaviour: referral to the therapeutic team.',
];

interface Household {
  id: string;
  first: string;
  second: string | null;
  postcode: string;
  kind: HouseholdKind;
  assessmentStart: number;
  panelOn: number | null;
  panelRecommends: boolean | null;
  decidedOn: number | null;
  approved: boolean | null;
  places: number | null;
  ageFrom: number | null;
  ageTo: number | null;
  temporaryOn: number | null;
  extendedOn: number | null;
  extendedUntil: number | null;
  /** The child a connected person is connected to. */
  childId: string | null;
  /** Status changes after the first (in assessment from assessmentStart). */
  changes: { status: HouseholdStatus; from: number; reason: string | null }[];
  placed: { id: string; start: number; end: number | null }[];
}

const statusOn = (h: Household, day: number): HouseholdStatus | null => {
  if (day < h.assessmentStart) return null;
  let status: HouseholdStatus = 'in_assessment';
  for (const c of h.changes) if (c.from <= day) status = c.status;
  return status;
};
const placedOn = (h: Household, day: number) => h.placed.filter((p) => p.start <= day && (p.end === null || p.end > day)).length;

export const fostering: Stage = {
  name: 'fostering',
  async run(ctx: SynthContext) {
    const { rng, council, todayDay: T } = ctx;
    const managers = council.workers.filter((w) => w.role === 'team_manager' && w.service === 'looked-after');
    const recorder = (day: number): SynthWorker => {
      const there = managers.filter((w) => w.startedOn <= day && (w.leftOn === null || w.leftOn > day));
      return there.length ? rng.pick(there) : managers.length ? rng.pick(managers) : council.workerOn(rng, 'looked-after', day);
    };
    const centroids = new Map(syntheticCentroids().map((c) => [c.postcode, c]));
    const postcode = () => {
      const prefix = rng.weighted([['BW', 85], ['KQ', 12], ['ZV', 3]] as const);
      return `${prefix}${rng.int(1, 9)} ${rng.int(1, 9)}${INWARD.charAt(rng.int(0, 19))}${INWARD.charAt(rng.int(0, 19))}`;
    };
    const households: Household[] = [];
    const blank = (kind: HouseholdKind, surname: string, assessmentStart: number): Household => {
      const couple = rng.chance(kind === 'connected_person' ? 0.5 : 0.7);
      const [first, second] = rng.chance(0.85) ? [rng.pick(WOMENS_NAMES), rng.pick(MENS_NAMES)] : rng.chance(0.5) ? [rng.pick(WOMENS_NAMES), rng.pick(WOMENS_NAMES)] : [rng.pick(MENS_NAMES), rng.pick(MENS_NAMES)];
      const h: Household = {
        id: rng.uuid(),
        first: `${first} ${surname}`,
        second: couple ? `${second} ${surname}` : null,
        postcode: postcode(),
        kind,
        assessmentStart,
        panelOn: null,
        panelRecommends: null,
        decidedOn: null,
        approved: null,
        places: null,
        ageFrom: null,
        ageTo: null,
        temporaryOn: null,
        extendedOn: null,
        extendedUntil: null,
        childId: null,
        changes: [],
        placed: [],
      };
      households.push(h);
      return h;
    };
    const approve = (h: Household, decidedOn: number, places: number, ages: readonly [number, number]) => {
      h.panelOn = decidedOn - rng.int(3, 14);
      h.panelRecommends = true;
      h.decidedOn = decidedOn;
      h.approved = true;
      h.places = places;
      [h.ageFrom, h.ageTo] = ages;
      h.changes.push({ status: 'approved', from: decidedOn, reason: null });
    };
    const mainstream = (kind: HouseholdKind, decidedOn: number, ages: readonly [number, number], surname: string = rng.pick(SURNAMES)) => {
      const h = blank(kind, surname, decidedOn - rng.int(150, 300));
      approve(h, decidedOn, kind === 'parent_and_child' ? 1 : rng.weighted([[1, 25], [2, 45], [3, 30]] as const), ages);
      return h;
    };
    const rangeFor = (age: number) => rng.pick(AGE_RANGES.filter(([a, b]) => a <= age && age <= b));

    // The in-house foster placements, oldest first: every earlier one a household took has started by then.
    const placements = await ctx.db
      .selectFrom('placement as p')
      .innerJoin('care_period as cp', 'cp.id', 'p.period_id')
      .select(['p.id', 'p.child_id', 'p.started_on', 'p.ended_on', 'p.placement_type', 'p.carer_name', 'cp.home_postcode'])
      .where('p.placement_type', 'in', FOSTER_TYPES)
      .where('p.provider', '=', 'PR1')
      .orderBy('p.started_on')
      .orderBy('p.id')
      .execute();
    const links: { id: string; household: Household; homePostcode: string | null; oldName: string }[] = [];
    for (const p of placements) {
      const start = dayOf(p.started_on);
      const end = p.ended_on ? dayOf(p.ended_on) : null;
      const child = council.child(p.child_id);
      const age = Math.min(17, Math.max(0, yearsBetween(child.dateOfBirth, start)));
      const free = (h: Household) => placedOn(h, start) < (h.places ?? 1);
      let h: Household | undefined;
      if (CONNECTED_TYPES.includes(p.placement_type)) {
        h = households.find((x) => x.childId === child.id && (statusOn(x, start) === 'approved' || (x.temporaryOn !== null && x.temporaryOn <= start && start <= (x.extendedUntil ?? x.temporaryOn + 111))) && free(x));
        if (!h) {
          // A relative or friend, approved temporarily the day the child moves in (CPPCR 2010 reg 24).
          h = blank('connected_person', rng.chance(0.5) ? child.lastName : rng.pick(SURNAMES), start - rng.int(0, 3));
          h.childId = child.id;
          h.temporaryOn = start;
          const expiry = start + 111;
          const drawn = rng.weighted([['in-time', 75], ['extended', 13], ['late', 8], ['refused', 4]] as const);
          // Not approved only where the child had already moved on (otherwise the placement must end: reg 25(6)).
          const path = drawn === 'refused' && (end === null || end > expiry) ? 'late' : drawn;
          let decided = path === 'in-time' ? start + rng.int(70, 111) : path === 'extended' ? expiry + rng.int(5, 50) : path === 'refused' ? Math.max(end ?? expiry, start + rng.int(60, 111)) : expiry + rng.int(5, 45);
          if (path === 'extended') {
            h.extendedOn = expiry - rng.int(1, 14);
            h.extendedUntil = Math.max(decided, expiry + rng.int(40, 56));
            decided = Math.min(decided, h.extendedUntil);
          }
          if (decided <= T && path !== 'refused') {
            approve(h, decided, rng.chance(0.8) ? 1 : 2, [Math.max(0, age - 2), 17]);
          } else if (decided <= T) {
            h.panelOn = decided - rng.int(3, 10);
            h.panelRecommends = false;
            h.decidedOn = decided;
            h.approved = false;
            h.changes.push({ status: 'not_approved', from: decided, reason: 'Not approved by the agency decision maker' });
          }
        }
      } else {
        const fits = households.filter((x) => x.kind !== 'connected_person' && statusOn(x, start) === 'approved' && x.ageFrom! <= age && age <= x.ageTo! && free(x));
        h = fits.length && rng.chance(0.9) ? rng.pick(fits) : mainstream(age <= 1 && rng.chance(0.15) ? 'parent_and_child' : 'mainstream', start - rng.int(14, 1_500), rangeFor(age), p.carer_name.endsWith(' family') ? p.carer_name.slice(0, -7) : rng.pick(SURNAMES));
      }
      h.placed.push({ id: p.id, start, end });
      links.push({ id: p.id, household: h, homePostcode: p.home_postcode, oldName: p.carer_name });
    }

    // The households that take no child in the history, to about one approved household per 1.5
    // children fostered today; then the pipeline and the ones that left.
    const fostered = await sql<{ n: number }>`SELECT count(*)::int AS n FROM placement p JOIN care_period cp ON cp.id = p.period_id
      WHERE p.ended_on IS NULL AND cp.ended_on IS NULL AND p.placement_type IN ('U1', 'U2', 'U3', 'U4', 'U5', 'U6')`.execute(ctx.db);
    const target = Math.max(3, Math.round((fostered.rows[0]?.n ?? 0) / 1.5));
    const approvedNow = () => households.filter((h) => statusOn(h, T) === 'approved').length;

    // Some leave once their last child has gone; a few are on hold today, or were for a while.
    for (const h of [...households]) {
      if (statusOn(h, T) !== 'approved') continue;
      const open = h.placed.some((p) => p.end === null);
      const lastStart = Math.max(h.decidedOn!, ...h.placed.map((p) => p.start));
      const lastEnd = Math.max(h.decidedOn!, ...h.placed.map((p) => p.end ?? T));
      const leaveOn = lastEnd + rng.int(10, 200);
      if (!open && leaveOn <= T && rng.chance(h.kind === 'connected_person' ? 0.85 : 0.45)) {
        const deregistered = h.kind !== 'connected_person' && rng.chance(0.25);
        h.changes.push({ status: deregistered ? 'deregistered' : 'resigned', from: leaveOn, reason: deregistered ? rng.pick(['Standards of care concerns upheld at review', 'Approval ended after an allegation was substantiated']) : rng.pick(['Retiring from fostering', 'The child they cared for left their care', 'Moving away from the area', 'Family circumstances changed']) });
      } else if (rng.chance(0.06)) {
        const from = Math.max(lastStart + 1, T - rng.int(10, 150));
        if (from <= T) h.changes.push({ status: 'on_hold', from, reason: rng.pick(['Allegation being looked into', 'A carer’s health', 'Family bereavement: a break from taking children', 'Moving house']) });
      } else if (rng.chance(0.05)) {
        const from = h.decidedOn! + rng.int(30, 400);
        const to = from + rng.int(30, 120);
        if (to < T && !h.placed.some((p) => p.start >= from && p.start < to)) {
          h.changes.push({ status: 'on_hold', from, reason: 'A carer’s operation and recovery' }, { status: 'approved', from: to, reason: null });
        }
      }
    }
    while (approvedNow() < target) {
      const kind = rng.weighted([['mainstream', 85], ['short_breaks', 10], ['parent_and_child', 5]] as const);
      mainstream(kind, T - rng.int(20, 3_000), kind === 'parent_and_child' ? [0, 1] : rng.pick(AGE_RANGES));
    }
    const pipeline = Math.max(1, Math.round(target * 0.1));
    for (let i = 0; i < pipeline; i++) {
      const h = blank(rng.chance(0.85) ? 'mainstream' : 'short_breaks', rng.pick(SURNAMES), T - rng.int(20, 240));
      if (T - h.assessmentStart > 150 && rng.chance(0.5)) {
        h.panelOn = T - rng.int(1, 20);
        h.panelRecommends = true;
      }
      if (rng.chance(0.15)) h.changes.push({ status: 'resigned', from: Math.min(T, h.assessmentStart + rng.int(20, 120)), reason: 'Withdrew from the assessment' });
    }
    for (let i = 0; i < Math.max(1, Math.round(target * 0.12)); i++) {
      const h = mainstream('mainstream', T - rng.int(900, 3_000), rng.pick(AGE_RANGES));
      const leaveOn = Math.min(T, h.decidedOn! + rng.int(200, 800));
      const deregistered = rng.chance(0.25);
      h.changes.push({ status: deregistered ? 'deregistered' : 'resigned', from: leaveOn, reason: deregistered ? 'Approval ended at review: standards of care' : 'Retiring from fostering' });
    }
    for (let i = 0; i < Math.max(1, Math.round(target * 0.03)); i++) {
      const h = blank('mainstream', rng.pick(SURNAMES), T - rng.int(300, 900));
      h.panelOn = h.assessmentStart + rng.int(150, 250);
      h.panelRecommends = false;
      h.decidedOn = h.panelOn + rng.int(3, 14);
      h.approved = false;
      h.changes.push({ status: 'not_approved', from: h.decidedOn, reason: 'Not approved by the agency decision maker' });
    }

    // Every status appears, even on a small council.
    const has = (status: HouseholdStatus) => households.some((h) => statusOn(h, T) === status);
    if (!has('on_hold')) {
      const h = mainstream('mainstream', T - rng.int(400, 1_500), rng.pick(AGE_RANGES));
      h.changes.push({ status: 'on_hold', from: T - rng.int(10, 60), reason: 'Allegation being looked into' });
    }
    if (!has('in_assessment')) blank('mainstream', rng.pick(SURNAMES), T - rng.int(20, 120));
    for (const status of ['resigned', 'deregistered'] as const) {
      if (has(status)) continue;
      const h = mainstream('mainstream', T - rng.int(900, 2_000), rng.pick(AGE_RANGES));
      h.changes.push({ status, from: h.decidedOn! + rng.int(200, 800), reason: status === 'resigned' ? 'Retiring from fostering' : 'Approval ended at review: standards of care' });
    }

    // Reviews: within a year of approval and of each review, most in time, some late; a few are
    // overdue today. The first goes to the fostering panel (FS(E)R 2011 reg 28).
    // One household at least whose review is overdue today, however small the council.
    const overdueOne = households.find((h) => statusOn(h, T) === 'approved' && h.decidedOn! < T - 500);
    const rows = { fostering_household: [] as Row<'fostering_household'>[], fostering_household_status: [] as Row<'fostering_household_status'>[], fostering_review: [] as Row<'fostering_review'>[] };
    const derivedFrom = new Map<string, { reviews: { id: string; reviewed_on: string }[]; statuses: { id: string; status: string; from_on: string }[] }>();
    for (const h of households) {
      const by = recorder(h.assessmentStart).id;
      const reviews: { id: string; reviewed_on: string }[] = [];
      if (h.approved && h.decidedOn !== null) {
        const ended = h.changes.find((c) => c.status === 'resigned' || c.status === 'deregistered')?.from ?? null;
        const skipsLast = h === overdueOne || rng.chance(0.07);
        for (let last = h.decidedOn, n = 0; ; n++) {
          const day = last + (rng.chance(0.85) ? rng.int(300, 365) : rng.int(366, 430));
          if (day > (ended ?? T) || (skipsLast && day + 365 > T)) break;
          const panel = n === 0 ? Math.min(T, day + rng.int(7, 40)) : rng.chance(0.2) ? Math.min(T, day + rng.int(7, 40)) : null;
          const id = rng.uuid();
          rows.fostering_review.push({ id, household_id: h.id, reviewed_on: isoOf(day), panel_on: panel === null ? null : isoOf(panel), suitable: true, summary: rng.pick(REVIEW_FINDINGS), recorded_by: recorder(day).id, recorded_at: ctx.stamp(day, 5) });
          reviews.push({ id, reviewed_on: isoOf(day) });
          last = day;
        }
      }
      const timeline = [{ status: 'in_assessment' as HouseholdStatus, from: h.assessmentStart, reason: null as string | null }, ...h.changes].sort((a, b) => a.from - b.from);
      const statuses = timeline.map((s, i) => ({ id: rng.uuid(), household_id: h.id, status: s.status, from_on: isoOf(s.from), to_on: timeline[i + 1] ? isoOf(timeline[i + 1]!.from) : null, reason: s.reason, recorded_by: recorder(s.from).id, recorded_at: ctx.stamp(s.from, 3) }));
      rows.fostering_household_status.push(...statuses);
      const clocks = householdClocks({
        id: h.id,
        temporary_approved_on: h.temporaryOn === null ? null : isoOf(h.temporaryOn),
        decided_on: h.decidedOn === null ? null : isoOf(h.decidedOn),
        approved: h.approved,
        reviews,
        statuses,
      });
      derivedFrom.set(h.id, { reviews, statuses });
      const now = timeline[timeline.length - 1]!;
      rows.fostering_household.push({
        id: h.id,
        first_carer: h.first,
        second_carer: h.second,
        postcode: h.postcode,
        kind: h.kind,
        assessment_started_on: isoOf(h.assessmentStart),
        status: now.status,
        status_since: isoOf(now.from),
        panel_on: h.panelOn === null || h.panelOn > T ? null : isoOf(h.panelOn),
        panel_recommends: h.panelOn === null || h.panelOn > T ? null : h.panelRecommends,
        decided_on: h.decidedOn === null ? null : isoOf(h.decidedOn),
        decision_maker: h.decidedOn === null ? null : 'Head of Service, Children in Care (agency decision maker)',
        approved: h.approved,
        places: h.places,
        age_from: h.ageFrom,
        age_to: h.ageTo,
        temporary_approved_on: h.temporaryOn === null ? null : isoOf(h.temporaryOn),
        temporary_extended_on: h.extendedOn === null || h.extendedOn > T ? null : isoOf(h.extendedOn),
        temporary_extended_until: h.extendedOn === null || h.extendedOn > T ? null : isoOf(h.extendedUntil!),
        temporary_extended_by: h.extendedOn === null || h.extendedOn > T ? null : 'Service Manager, Kinship and Fostering',
        review_due_on: clocks.reviewDueOn,
        temporary_expires_on: clocks.temporaryExpiresOn,
        recorded_by: by,
        recorded_at: ctx.stamp(h.assessmentStart, 5),
      });
    }
    await ctx.insert('fostering_household', rows.fostering_household);
    await ctx.insert('fostering_household_status', rows.fostering_household_status);
    await ctx.insert('fostering_review', rows.fostering_review);
    const oversight = await carerOversight(ctx, households, derivedFrom, recorder);

    // Each placement names its household: its carers and their postcode, the distance worked out again.
    const updates = links.map((l) => {
      const at = centroids.get(l.household.postcode.split(' ')[0]!);
      const home = l.homePostcode ? centroids.get(l.homePostcode.split(' ')[0]!) : undefined;
      return {
        id: l.id,
        household_id: l.household.id,
        carer_name: householdName({ first_carer: l.household.first, second_carer: l.household.second }),
        old_name: l.oldName,
        postcode: l.household.postcode,
        distance_miles: at && home ? milesBetween(home, at) : null,
        host_council: at?.council_name ?? null,
        in_council_area: at ? at.council_code === OWN_COUNCIL.code : null,
      };
    });
    for (let i = 0; i < updates.length; i += 2_000) {
      const batch = JSON.stringify(updates.slice(i, i + 2_000));
      await sql`UPDATE placement p SET fostering_household_id = v.household_id, carer_name = v.carer_name, postcode = v.postcode,
          distance_miles = v.distance_miles, host_council = v.host_council, in_council_area = v.in_council_area
        FROM json_to_recordset(${batch}::json) AS v(id uuid, household_id uuid, carer_name text, postcode text, distance_miles numeric, host_council text, in_council_area boolean)
        WHERE p.id = v.id`.execute(ctx.db);
      await sql`UPDATE child_event e SET title = replace(e.title, v.old_name, v.carer_name)
        FROM json_to_recordset(${batch}::json) AS v(id uuid, carer_name text, old_name text)
        WHERE e.source_id = v.id AND e.source_table = 'placement'`.execute(ctx.db);
    }
    const count = (s: HouseholdStatus) => rows.fostering_household.filter((h) => h.status === s).length;
    ctx.log(
      `${households.length} fostering households (${count('approved')} approved, ${count('in_assessment')} in assessment, ${count('on_hold')} on hold, ${count('resigned') + count('deregistered')} left, ${count('not_approved')} not approved) for ${fostered.rows[0]?.n ?? 0} children fostered today; ${links.length} placements linked, ${rows.fostering_review.length} reviews; ${oversight}`,
    );
  },
};

const RISK_ASSESSMENTS = [
  'Renewal applied for; no concerns known; monthly unannounced visits until the certificate returns.',
  'Update Service check failed to run; new application made; extra supervisory visits meanwhile.',
  'Backlog at the DBS; the carer has no known concerns; the placement continues with fortnightly visits.',
];

const VISIT_NOTES = [
  'Supervision: the children’s routines, school and contact discussed; training plan reviewed.',
  'Saw the home and the children’s bedrooms; safer caring plan reviewed.',
  'Support with a child’s behaviour after contact; respite discussed.',
  'The carers’ log books read and signed; no concerns.',
];

/**
 * The fostering service's oversight of its approved households (decision 0056), drawn after the rest of
 * the stage so the households and reviews are as before. Assumed rates, no national figures being
 * published: each carer checked during the assessment and renewed 3-yearly, 88% before the renewal is
 * due, 8% late, 4% not yet (Wandsworth 2016 ¶68: 23 carers without an up-to-date check, a backlog); 40%
 * on the Update Service; 2% of checks without the barred list; members of the household (decision 0062):
 * another adult in 20% of households (a fifth move out, 1 in 10 never checked), a son or daughter turning
 * 18 while approved in 15% (85% checked about the birthday), younger children in 30%; a supervising social worker from the approval, changed about every 2 years, none today
 * for 3%; supervisory visits for the last 2 years, 85% within 6 weeks of the last; an unannounced visit
 * a year, 80% within 12 months of the last.
 */
async function carerOversight(
  ctx: SynthContext,
  households: readonly Household[],
  derivedFrom: ReadonlyMap<string, { reviews: { id: string; reviewed_on: string }[]; statuses: { id: string; status: string; from_on: string }[] }>,
  recorder: (day: number) => SynthWorker,
): Promise<string> {
  const { rng, council, todayDay: T } = ctx;
  const social = council.workers.filter((w) => w.role === 'social_worker' && w.service === 'looked-after');
  const workerOn = (day: number) => {
    const there = social.filter((w) => w.startedOn <= day && (w.leftOn === null || w.leftOn > day));
    return rng.pick(there.length ? there : social.length ? social : council.workers);
  };
  const rows = { members: [] as Row<'fostering_household_member'>[], checks: [] as Row<'fostering_dbs_check'>[], workers: [] as Row<'fostering_supervising_worker'>[], visits: [] as Row<'fostering_visit'>[], clocks: [] as Row<'household_clock'>[] };
  const monthsOn = (day: number, months: number) => dayOf(addMonths(isoOf(day), months));
  for (const h of households) {
    if (!h.approved || h.decidedOn === null || h.decidedOn > T) continue;
    const ended = h.changes.find((c) => c.status === 'resigned' || c.status === 'deregistered')?.from ?? null;
    const until = Math.min(T, ended ?? T);
    // DBS checks: during the assessment, then renewals while approved.
    const checks: Row<'fostering_dbs_check'>[] = [];
    const check = (carer: 1 | 2 | null, member: { id: string; name: string } | null, first: number, stop = until) => {
      for (let day = first; day <= stop; ) {
        const due = monthsOn(day, 36);
        checks.push({ id: rng.uuid(), household_id: h.id, carer, member_id: member?.id ?? null, member_name: member?.name ?? null, checked_on: isoOf(day), certificate_number: String(rng.int(1e11, 9e11)).padStart(12, '0'), barred_list: !rng.chance(0.02), update_service: rng.chance(0.4), renewal_due_on: isoOf(due), recorded_by: recorder(day).id, recorded_at: ctx.stamp(day, 5) });
        const path = rng.weighted([['before', 88], ['late', 8], ['not-yet', 4]] as const);
        if (path === 'not-yet' && due < T) break;
        day = path === 'late' ? due + rng.int(15, 120) : due - rng.int(0, 60);
      }
    };
    check(1, null, h.assessmentStart + rng.int(20, 90));
    if (h.second) check(2, null, h.assessmentStart + rng.int(20, 90));
    // The household's members (decision 0062).
    const members: Row<'fostering_household_member'>[] = [];
    const surname = h.first.split(' ').slice(1).join(' ');
    const member = (relationship: string, dob: number, from: number, to: number | null, name = `${rng.pick(rng.chance(0.5) ? WOMENS_NAMES : MENS_NAMES)} ${surname}`) => {
      const row = { id: rng.uuid(), household_id: h.id, name, date_of_birth: isoOf(dob), relationship, from_on: isoOf(from), to_on: to === null ? null : isoOf(to), recorded_by: recorder(Math.min(T, Math.max(from, h.assessmentStart))).id, recorded_at: ctx.stamp(Math.min(T, Math.max(from, h.assessmentStart)), 5) };
      members.push(row);
      return row;
    };
    // Another adult (a grown-up son or daughter, a parent, a relative, a lodger) in 20% of households,
    // there before the assessment or moving in while approved; a fifth move out; 1 in 10 never checked.
    if (rng.chance(0.2)) {
      const from = rng.chance(0.5) ? h.assessmentStart - rng.int(0, 2_000) : Math.min(until, h.decidedOn + rng.int(30, 900));
      const relationship = rng.weighted([['child', 45], ['parent', 20], ['relative', 15], ['lodger', 20]] as const);
      const dob = from - (relationship === 'child' ? rng.int(6_800, 11_000) : relationship === 'parent' ? rng.int(20_000, 27_000) : rng.int(7_000, 22_000));
      const left = rng.chance(0.2) ? from + rng.int(200, 1_500) : null;
      const m = member(relationship, dob, from, left !== null && left < T ? left : null);
      if (!rng.chance(0.1)) check(null, m, Math.max(from, h.assessmentStart + rng.int(20, 90)) + rng.int(0, 45), Math.min(until, left !== null && left < T ? left - 1 : until));
    }
    // A son or daughter turning 18 while the household is approved (or in the next 3 months) in 15%:
    // checked about their birthday, 85% of them; the rest not yet (they are on the due list).
    if (rng.chance(0.15)) {
      const eighteen = rng.int(h.decidedOn, T + 90);
      const dob = dayOf(addMonths(isoOf(eighteen), -216));
      const m = member('child', dob, Math.max(dob, h.assessmentStart - rng.int(0, 3_650)), null);
      if (eighteen <= T && !rng.chance(0.15)) check(null, m, Math.min(T, eighteen + rng.int(-30, 30)));
    }
    // Younger children of the carers in 30%, born there: no check owed until they are 18.
    if (rng.chance(0.3)) {
      const dob = rng.int(T - 5_800, T - 365);
      member('child', dob, dob, null);
    }
    // Supervising social workers: from the approval, a change about every 2 years; a few have none today.
    for (let from = h.decidedOn; from <= until; ) {
      const to = from + rng.int(400, 1_100);
      const last = to > until;
      if (last && ended === null && rng.chance(0.03)) {
        rows.workers.push({ id: rng.uuid(), household_id: h.id, worker_id: workerOn(from).id, from_on: isoOf(from), to_on: isoOf(Math.max(from, T - rng.int(5, 90))), recorded_by: recorder(from).id, recorded_at: ctx.stamp(from, 5) });
        break;
      }
      rows.workers.push({ id: rng.uuid(), household_id: h.id, worker_id: workerOn(from).id, from_on: isoOf(from), to_on: last ? (ended === null ? null : isoOf(ended)) : isoOf(to), recorded_by: recorder(from).id, recorded_at: ctx.stamp(from, 5) });
      from = to;
    }
    // Visits over the last 2 years of the approval.
    const visits: { id: string; visited_on: string; unannounced: boolean }[] = [];
    let nextUnannounced = Math.max(h.decidedOn, T - 730) + rng.int(60, 365);
    for (let day = Math.max(h.decidedOn, T - 730) + rng.int(7, 42); day <= until; day += rng.chance(0.85) ? rng.int(21, 42) : rng.int(43, 70)) {
      const unannounced = day >= nextUnannounced;
      if (unannounced) nextUnannounced = day + (rng.chance(0.8) ? rng.int(200, 365) : rng.int(366, 460));
      const id = rng.uuid();
      rows.visits.push({ id, household_id: h.id, visited_on: isoOf(day), unannounced, visited_by: workerOn(day).id, summary: rng.pick(VISIT_NOTES), recorded_by: recorder(day).id, recorded_at: ctx.stamp(day, 5) });
      visits.push({ id, visited_on: isoOf(day), unannounced });
    }
    const from = derivedFrom.get(h.id)!;
    const clocks = householdClocks({
      id: h.id,
      temporary_approved_on: h.temporaryOn === null ? null : isoOf(h.temporaryOn),
      decided_on: isoOf(h.decidedOn),
      approved: h.approved,
      second_carer: h.second,
      reviews: from.reviews,
      statuses: from.statuses,
      visits,
      checks: checks.map((c) => ({ id: c.id, carer: c.carer ?? null, member_id: c.member_id ?? null, checked_on: c.checked_on as string, barred_list: c.barred_list, renewal_due_on: c.renewal_due_on as string })),
      members: members.map((m) => ({ id: m.id, date_of_birth: m.date_of_birth as string, from_on: m.from_on as string, to_on: (m.to_on as string | null) ?? null })),
    });
    rows.members.push(...members);
    rows.checks.push(...checks);
    rows.clocks.push(...clocks.all.map((c) => householdClockRow(h.id, c, rng.uuid())));
  }
  // Seed FO-04: for about half the renewals overdue today, a manager's risk assessment decided within a
  // month of the due date, lasting 2-4 months (assumed: no national figures; Wandsworth 2016 ¶68 had them).
  const riskAssessments: Row<'fostering_dbs_risk_assessment'>[] = [];
  for (const c of rows.clocks) {
    if (c.rule_id !== DBS_RULE || c.met_on !== null || c.stopped_on !== null || dayOf(c.due_on as string) >= T || !rng.chance(0.5)) continue;
    const decided = Math.min(T, dayOf(c.due_on as string) + rng.int(0, 30));
    riskAssessments.push({
      id: rng.uuid(), household_id: c.household_id, subject: c.subject as string, decided_on: isoOf(decided), decided_by: rng.pick(['Fostering service manager', 'Head of service, fostering', 'Fostering team manager']),
      reason: rng.pick(RISK_ASSESSMENTS), until_on: isoOf(decided + rng.int(60, 120)), recorded_by: recorder(decided).id, recorded_at: ctx.stamp(decided, 5),
    });
  }
  await ctx.insert('fostering_household_member', rows.members);
  await ctx.insert('fostering_dbs_check', rows.checks);
  await ctx.insert('fostering_dbs_risk_assessment', riskAssessments);
  await ctx.insert('fostering_supervising_worker', rows.workers);
  await ctx.insert('fostering_visit', rows.visits);
  await ctx.insert('household_clock', rows.clocks);
  return `${rows.members.length} members of households, ${rows.checks.length} DBS checks (${riskAssessments.length} risk assessments while one was overdue), ${rows.workers.length} supervising social workers, ${rows.visits.length} visits, ${rows.clocks.length} household clocks`;
}
