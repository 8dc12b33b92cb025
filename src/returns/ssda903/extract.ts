// Reads a year's SSDA903 return from the record: one statement per kind of fact for the whole
// council (children, mothers, periods of care, placements, legal statuses, reviews, missing
// episodes, health and offending, care leavers' birthdays, adoption, social workers, deprivation of liberty),
// never one per child; then each child's facts are put together. Episodes are not stored: they are
// cut from the periods, placements and legal statuses by the looked-after area's own episodesOf()
// (decision 0010), so the return cannot disagree with the care page.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/history.ts';
import { episodesOf, type LegalStatusFacts, type PlacementFacts } from '../../looked-after/episodes.ts';
import { londonDate } from '../../missing/london-time.ts';
import { ageOn, censusEthnicity, censusSex } from '../cin-census/mapping.ts';
import type { CollectionYear } from './year.ts';
import { adoptersSexSql } from '../../adoption/adopters-sex.ts';
import type { Ssda903Ad1, Ssda903Child, Ssda903Episode, Ssda903Oc2, Ssda903PrevPerm, Ssda903Return } from './model.ts';
import { hasDoloTable } from './year.ts';
import { swIdOf, upnOf } from './mapping.ts';
import { SHORT_BREAKS } from './rules/define.ts';

async function rows<T>(db: Db, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Periods of care open at any time in the year, of children still in the record. */
const periodsInYear = (y: CollectionYear) => sql`SELECT cp.* FROM care_period cp
  JOIN person p ON p.id = cp.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL
  WHERE cp.deleted_at IS NULL AND cp.started_on <= ${y.end} AND (cp.ended_on IS NULL OR cp.ended_on >= ${y.start})`;

/** Care leavers' records at a 17th to 21st birthday that falls in the year (OC3). */
const birthdaysInYear = (y: CollectionYear) => sql`SELECT b.* FROM care_leaver_birthday b
  JOIN person p ON p.id = b.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL AND p.date_of_birth IS NOT NULL
  WHERE b.deleted_at IS NULL AND b.age BETWEEN 17 AND 21
    AND (p.date_of_birth + make_interval(years => b.age))::date BETWEEN ${y.start} AND ${y.end}`;

interface ChildRow { id: string; la_child_id: string | null; upn: string | null; date_of_birth: string | null; sex: string | null; ethnicity: string | null; unaccompanied_asylum_seeker: boolean; uasc_ceased_on: string | null }
interface PeriodRow { id: string; child_id: string; started_on: string; ended_on: string | null; reason_ceased: string | null; category_of_need: string; home_postcode: string | null; previous_permanence: string | null; previous_permanence_la: string | null; previous_permanence_on: string | null }
interface PlacementRow extends PlacementFacts { period_id: string; distance_miles: number | string | null; host_council: string | null; in_council_area: boolean | null }
interface StatusRow extends LegalStatusFacts { period_id: string }
interface MissingRow { child_id: string; kind: string; went_missing_at: Date | string; returned_at: Date | string | null }
interface HealthRow { child_id: string; kind: string; on_date: string; up_to_date: boolean | null; sdq_score: number | null; sdq_reason: string | null; intervention: string | null }
interface PlanRow { child_id: string; period_id: string; decided_on: string; ended_on: string | null; end_reason: string | null; adoption_reversed_reason: string | null }
interface MatchRow { child_id: string; decided_on: string; applicants: number; placed_on: string | null; adopters_sex: string | null; adopters_legal_status: string | null }
interface AllocationRow { child_id: string; worker_id: string; from_date: string; to_date: string | null; change_reason: string | null }

const instant = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

/**
 * The year's return: every child looked after in it, and every care leaver at a birthday in it. For a
 * year still running, `today` says what has happened so far (an order's last day still to come has not).
 */
export async function readSsda903Return(db: Db, y: CollectionYear, header: { laNumber: string; madeAt: string }, today: string = y.end): Promise<Ssda903Return> {
  const periods = periodsInYear(y);
  const birthdays = birthdaysInYear(y);
  const cohort = sql`(SELECT py.child_id FROM (${periods}) py UNION SELECT by.child_id FROM (${birthdays}) by)`;
  const inCare = sql`(SELECT py.child_id FROM (${periods}) py)`;
  const dolo = hasDoloTable(y.year);
  const [children, mothers, periodRows, placements, statuses, reviews, missing, health, oc3Rows, plans, matches, allocations, liberty] = await Promise.all([
    rows(db, sql<ChildRow>`SELECT p.id, p.la_child_id, p.upn, p.date_of_birth, p.sex, p.ethnicity, p.unaccompanied_asylum_seeker, p.uasc_ceased_on
      FROM person p WHERE p.id IN ${cohort} ORDER BY p.la_child_id, p.id`),
    // A relationship row reads "related person is <kind> to person": the girl in care is the mother.
    rows(db, sql<{ mother_id: string; first_dob: string | null }>`SELECT r.related_person_id AS mother_id, min(b.date_of_birth) AS first_dob
      FROM relationship r JOIN person b ON b.id = r.person_id AND b.deleted_at IS NULL
      WHERE r.kind = 'mother' AND r.deleted_at IS NULL AND r.related_person_id IN ${inCare} AND b.date_of_birth <= ${y.end}
      GROUP BY r.related_person_id`),
    rows(db, sql<PeriodRow>`SELECT py.id, py.child_id, py.started_on, py.ended_on, py.reason_ceased, py.category_of_need, py.home_postcode, py.previous_permanence, py.previous_permanence_la, py.previous_permanence_on FROM (${periods}) py ORDER BY py.started_on`),
    rows(db, sql<PlacementRow>`SELECT pl.id, pl.period_id, pl.started_on, pl.ended_on, pl.placement_type, pl.provider, pl.postcode, pl.urn, pl.same_carers, pl.change_reason, pl.distance_miles, pl.host_council, pl.in_council_area
      FROM placement pl WHERE pl.deleted_at IS NULL AND pl.period_id IN (SELECT py.id FROM (${periods}) py) ORDER BY pl.started_on`),
    rows(db, sql<StatusRow>`SELECT ls.period_id, ls.started_on, ls.ended_on, ls.legal_status
      FROM legal_status ls WHERE ls.deleted_at IS NULL AND ls.period_id IN (SELECT py.id FROM (${periods}) py) ORDER BY ls.started_on`),
    rows(db, sql<{ child_id: string; held_on: string; participation: string }>`SELECT r.child_id, r.held_on, r.participation FROM looked_after_review r
      WHERE r.deleted_at IS NULL AND r.held_on BETWEEN ${y.start} AND ${y.end} AND r.child_id IN ${inCare} ORDER BY r.held_on`),
    // A day either side: the instants are read as London dates below.
    rows(db, sql<MissingRow>`SELECT m.child_id, m.kind, m.went_missing_at, m.returned_at FROM missing_episode m
      WHERE m.deleted_at IS NULL AND m.child_id IN ${inCare}
        AND m.went_missing_at < (${y.end}::date + 2) AND (m.returned_at IS NULL OR m.returned_at >= (${y.start}::date - 1)) ORDER BY m.went_missing_at`),
    rows(db, sql<HealthRow>`SELECT h.child_id, h.kind, h.on_date, h.up_to_date, h.sdq_score, h.sdq_reason, h.intervention FROM (
        SELECT a.child_id, 'assessment' AS kind, a.assessed_on AS on_date, NULL::boolean AS up_to_date, NULL::int AS sdq_score, NULL::text AS sdq_reason, NULL::text AS intervention
          FROM health_assessment a WHERE a.deleted_at IS NULL AND a.child_id IN ${inCare}
        UNION ALL
        SELECT c.child_id, c.kind, c.checked_on, c.up_to_date, c.sdq_score, c.sdq_reason, c.intervention
          FROM health_check c WHERE c.deleted_at IS NULL AND c.child_id IN ${inCare}
        UNION ALL
        -- Offending outcomes (decision 0043) ride with the health facts: OC2 reads both for the year.
        SELECT o.child_id, 'offending', o.given_on, NULL, NULL, NULL, o.kind
          FROM offending_outcome o WHERE o.deleted_at IS NULL AND o.child_id IN ${inCare}) h
      WHERE h.on_date <= ${y.end} ORDER BY h.on_date`),
    rows(db, sql<{ child_id: string; in_touch: string; activity: string; accommodation: string; age: number }>`SELECT by.child_id, by.in_touch, by.activity, by.accommodation, by.age
      FROM (${birthdays}) by ORDER BY by.age`),
    rows(db, sql<PlanRow>`SELECT pp.child_id, pp.period_id, pp.decided_on, pp.ended_on, pp.end_reason, pp.adoption_reversed_reason FROM permanence_plan pp
      WHERE pp.deleted_at IS NULL AND pp.plan = 'adoption' AND pp.decided_on <= ${y.end} AND (pp.ended_on IS NULL OR pp.ended_on >= ${y.start})
        AND pp.period_id IN (SELECT py.id FROM (${periods}) py) ORDER BY pp.decided_on`),
    rows(db, sql<MatchRow>`SELECT m.child_id, m.decided_on, h.applicants, m.placed_on, ${sql.raw(adoptersSexSql('h'))} AS adopters_sex, h.adopters_legal_status FROM adoption_match m JOIN adopter_household h ON h.id = m.household_id
      WHERE m.deleted_at IS NULL AND m.disrupted_on IS NULL AND m.child_id IN ${inCare} ORDER BY m.decided_on`),
    rows(db, sql<AllocationRow>`SELECT a.child_id, a.worker_id, a.from_date, a.to_date, a.change_reason FROM allocation a
      WHERE a.deleted_at IS NULL AND a.role = 'social_worker' AND a.child_id IN ${inCare}
        AND a.from_date <= ${y.end} AND (a.to_date IS NULL OR a.to_date >= ${y.start}) ORDER BY a.from_date, a.recorded_at`),
    // DoLOs (s.25 in relevant accommodation, or the High Court's): a secure accommodation order is not one.
    dolo
      ? rows(db, sql<{ child_id: string; made_on: string; expires_on: string; ended_on: string | null }>`SELECT o.child_id, o.made_on, o.expires_on, o.ended_on FROM liberty_order o
          WHERE o.deleted_at IS NULL AND o.kind <> 'secure_accommodation' AND o.child_id IN ${inCare} AND o.made_on <= ${y.end} AND COALESCE(o.ended_on, o.expires_on) >= ${y.start} ORDER BY o.made_on`)
      : Promise.resolve([]),
  ]);

  /** The record as it stood on 31 March: what happened after it is not in the return. */
  const upTo = (date: string | null): string | null => (date !== null && date <= y.end ? date : null);

  const placementsOf = new Map<string, PlacementRow[]>();
  for (const p of placements) addTo(placementsOf, p.period_id, p);
  const statusesOf = new Map<string, StatusRow[]>();
  for (const s of statuses) addTo(statusesOf, s.period_id, s);

  const episodesOfChild = new Map<string, Ssda903Episode[]>();
  for (const period of periodRows) {
    const own = placementsOf.get(period.id) ?? [];
    const asAt = { ...period, ended_on: upTo(period.ended_on), reason_ceased: upTo(period.ended_on) ? period.reason_ceased : null };
    for (const e of episodesOf(asAt, own, statusesOf.get(period.id) ?? [])) {
      if (e.startedOn > y.end || (e.endedOn !== null && e.endedOn < y.start)) continue;
      const placement = own.find((p) => p.id === e.placementId);
      const ended = upTo(e.endedOn);
      // A short break's location is not returned (rules 214, 398, 420); a UASC's distance is left blank
      // as DfE's derivation leaves it (rule 406, applied below once the child's status is known).
      const located = !SHORT_BREAKS.includes(e.legalStatus);
      addTo(episodesOfChild, period.child_id, {
        decom: e.startedOn,
        rne: e.reasonNewEpisode,
        ls: e.legalStatus,
        cin: e.categoryOfNeed,
        place: e.placementType,
        placeProvider: e.provider,
        dec: ended,
        rec: ended ? e.reasonCeased : null,
        reasonPlaceChange: ended ? e.reasonPlaceChange : null,
        homePost: located ? e.homePostcode : null,
        plPost: located ? e.placementPostcode : null,
        urn: located ? e.urn : null,
        plDistance: !located || placement?.distance_miles === null || placement?.distance_miles === undefined ? null : Number(placement.distance_miles),
        plLa: located ? (placement?.host_council ?? null) : null,
        plLocation: !located ? null : placement?.in_council_area === true ? 'IN' : placement?.in_council_area === false ? 'OUT' : null,
        periodStart: period.started_on,
      });
    }
  }
  for (const list of episodesOfChild.values()) list.sort((a, b) => a.decom.localeCompare(b.decom));

  const reviewsOf = new Map<string, { review: string; reviewCode: string }[]>();
  for (const r of reviews) addTo(reviewsOf, r.child_id, { review: r.held_on, reviewCode: r.participation });

  // Missing: the London dates of the instants; in the year, and only while looked after.
  const missingOf = new Map<string, { missing: string; misStart: string; misEnd: string | null }[]>();
  for (const m of missing) {
    const start = londonDate(instant(m.went_missing_at));
    const end = m.returned_at === null ? null : upTo(londonDate(instant(m.returned_at)));
    if (start > y.end || (end !== null && end < y.start)) continue;
    const inCarePeriod = periodRows.some((p) => p.child_id === m.child_id && p.started_on <= start && (p.ended_on === null || p.ended_on >= start));
    if (inCarePeriod) addTo(missingOf, m.child_id, { missing: m.kind, misStart: start, misEnd: end });
  }

  const healthOf = new Map<string, HealthRow[]>();
  for (const h of health) addTo(healthOf, h.child_id, h);
  const oc3Of = new Map(oc3Rows.map((b) => [b.child_id, b]));
  const mcDobOf = new Map(mothers.map((m) => [m.mother_id, m.first_dob]));
  const periodsOfChild = new Map<string, PeriodRow[]>();
  for (const p of periodRows) addTo(periodsOfChild, p.child_id, p);
  const plansOf = new Map<string, PlanRow[]>();
  for (const p of plans) addTo(plansOf, p.child_id, p);
  const matchOf = new Map<string, MatchRow>();
  for (const m of matches) if (m.decided_on <= y.end) matchOf.set(m.child_id, m);
  const allocationsOf = new Map<string, AllocationRow[]>();
  for (const a of allocations) addTo(allocationsOf, a.child_id, a);
  const doloOf = new Map<string, { doloStart: string; doloEnd: string | null }[]>();
  for (const o of liberty) {
    // An order not ended early ends on the last day it authorises, once that day has passed.
    const end = o.ended_on ?? (o.expires_on < today ? o.expires_on : null);
    addTo(doloOf, o.child_id, { doloStart: o.made_on, doloEnd: upTo(end) });
  }

  const returnChildren: Ssda903Child[] = children.map((c) => {
    const episodes = (episodesOfChild.get(c.id) ?? []).map((e) => (c.unaccompanied_asylum_seeker ? { ...e, plDistance: null } : e));
    const looked = episodes.length > 0;
    const sex = censusSex(c.sex, false);
    const childPeriods = periodsOfChild.get(c.id) ?? [];
    const mcDob = looked && sex === 'F' ? (mcDobOf.get(c.id) ?? null) : null;
    const last = episodes.at(-1);
    const oc3 = oc3Of.get(c.id);
    return {
      childId: c.id,
      child: c.la_child_id,
      sex,
      dob: c.date_of_birth,
      ethnic: censusEthnicity(c.ethnicity),
      upn: upnOf(c.upn, c.date_of_birth, childPeriods, y),
      mother: looked && sex === 'F' ? (mcDob ? '1' : '0') : null,
      mcDob,
      // The UASC table is for children looked after in the year, not care leavers (rule 1014).
      uasc: c.unaccompanied_asylum_seeker && looked,
      duc: c.unaccompanied_asylum_seeker && looked ? upTo(c.uasc_ceased_on) : null,
      episodes,
      reviews: reviewsOf.get(c.id) ?? [],
      missing: missingOf.get(c.id) ?? [],
      oc2: oc2Of(c.date_of_birth, childPeriods, healthOf.get(c.id) ?? [], y),
      oc3: oc3 ? { inTouch: oc3.in_touch, activ: oc3.activity, accom: oc3.accommodation } : null,
      ad1: last && (last.rec === 'E11' || last.rec === 'E12') ? ad1Of(plansOf.get(c.id) ?? [], matchOf.get(c.id), episodes) : null,
      placedAdoption: (plansOf.get(c.id) ?? []).map((p) => {
        const ceased = p.end_reason === 'changed' ? upTo(p.ended_on) : null;
        return { datePlaced: p.decided_on, datePlacedCeased: ceased, reasonPlacedCeased: ceased ? p.adoption_reversed_reason : null };
      }),
      prevPerm: prevPermOf(childPeriods, y),
      swEpisodes: swEpisodesOf(allocationsOf.get(c.id) ?? [], upTo),
      dolo: doloOf.get(c.id) ?? [],
    };
  });
  return { header: { ...header, year: y.year, start: y.start, end: y.end }, children: returnChildren };
}

/**
 * OC2 is for children looked after continuously for 12 months at 31 March: a period of care open on
 * 31 March that began by 1 April. Derived from the record (decision 0043), never keyed for the return:
 * an assessment and a dental check in the year; immunisations up to date at the latest check; the
 * latest SDQ in the year for ages 4-16; for a child under 5 at 31 March, a development check in the
 * year (HEALTH_CHECK; blank from 5, rule 546); for a child 10 or over, a conviction, final warning or
 * reprimand in the year (CONVICTED; blank under 10, rule 542); a substance misuse problem identified in
 * the year, and for the latest one whether an intervention was received, or else offered (rules 158,
 * 159, 192, 193: offered is blank when one was received).
 */
function oc2Of(dob: string | null, periods: readonly PeriodRow[], health: readonly HealthRow[], y: CollectionYear): Ssda903Oc2 | null {
  const twelveMonths = periods.some((p) => p.started_on <= y.start && (p.ended_on === null || p.ended_on > y.end));
  if (!twelveMonths) return null;
  const inYear = health.filter((h) => h.on_date >= y.start);
  const flag = (present: boolean) => (present ? '1' : '0');
  const immunisation = health.filter((h) => h.kind === 'immunisations').at(-1);
  const age = dob ? ageOn(dob, y.end) : null;
  const sdq = age !== null && age >= 4 && age <= 16 ? inYear.filter((h) => h.kind === 'sdq').at(-1) : undefined;
  const misuse = inYear.filter((h) => h.kind === 'substance_misuse').at(-1);
  return {
    sdqScore: sdq?.sdq_score ?? null,
    sdqReason: sdq && sdq.sdq_score === null ? sdq.sdq_reason : null,
    convicted: age !== null && age >= 10 ? flag(inYear.some((h) => h.kind === 'offending')) : null,
    healthCheck: age !== null && age < 5 ? flag(inYear.some((h) => h.kind === 'development')) : null,
    immunisations: flag(immunisation?.up_to_date === true),
    teethCheck: flag(inYear.some((h) => h.kind === 'dental')),
    healthAssessment: flag(inYear.some((h) => h.kind === 'assessment')),
    substanceMisuse: flag(misuse !== undefined),
    interventionReceived: misuse ? flag(misuse.intervention === 'received') : null,
    interventionOffered: misuse && misuse.intervention !== 'received' ? flag(misuse.intervention === 'offered') : null,
  };
}

/**
 * PrevPerm for a child who started to be looked after in the year (rule 630 asks for it then; rule 634
 * refuses it for a child in care throughout): from the latest such period, where it was recorded.
 */
function prevPermOf(periods: readonly PeriodRow[], y: CollectionYear): Ssda903PrevPerm | null {
  const started = periods.filter((p) => p.started_on >= y.start && p.started_on <= y.end).at(-1);
  if (!started?.previous_permanence) return null;
  return { prevPerm: started.previous_permanence, laPerm: started.previous_permanence_la, datePerm: started.previous_permanence_on };
}

/**
 * AD1 for a child adopted in the year: the decision that they should be placed (the adoption plan's
 * decision), the match (the agency decision), adopted by former foster carers (placed for adoption
 * with current foster carers: A3 or A5), how many adopters, and their sexes and legal status as the
 * household's record holds them (decision 0043; blank where not recorded, and rule 601 says so).
 */
function ad1Of(plans: readonly PlanRow[], match: MatchRow | undefined, episodes: readonly Ssda903Episode[]): Ssda903Ad1 {
  const placed = [...episodes].reverse().find((e) => /^A[3-6]$/.test(e.place));
  return {
    dateInt: plans.at(-1)?.decided_on ?? null,
    dateMatch: match?.decided_on ?? null,
    fosterCare: placed ? (placed.place === 'A3' || placed.place === 'A5' ? '1' : '0') : null,
    nbAdoptr: match ? String(match.applicants) : null,
    sexAdoptr: match?.adopters_sex ?? null,
    lsAdoptr: match?.adopters_legal_status ?? null,
  };
}

/**
 * Social worker episodes: each allocation of a social worker that ran in the year. Lantern keeps why
 * the social worker changed on the allocation that starts with the change; SW_REASON belongs to the
 * episode that ended, so it is taken from the next one.
 */
function swEpisodesOf(allocations: readonly AllocationRow[], upTo: (d: string | null) => string | null) {
  return allocations.map((a, i) => {
    const ended = upTo(a.to_date);
    return { swId: swIdOf(a.worker_id), swDecom: a.from_date, swDec: ended, swReason: ended ? (allocations[i + 1]?.change_reason ?? null) : null };
  });
}
