// Reads each Annex A list from the record for a date range: one statement per list for the whole
// council (never one per child), and one more for the children's own details (gender, ethnicity,
// disability, the allocated worker and team) once the lists are known. Decision 0031 says who is in
// each list and where each column comes from.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/history.ts';
import { addDays, addMonths } from '../../calendar/index.ts';
import { careLeaverStatus, type CareSpan } from '../../care-leavers/status.ts';
import type { ListNumber } from './columns.ts';

/** The range the lists cover, both days included. */
export interface AnnexARange { from: string; to: string }

async function rows<T>(db: Db, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

/** A child the record still holds: not deleted, not merged into another record. */
const liveChild = (column: string) => sql`JOIN person p ON p.id = ${sql.ref(column)} AND p.deleted_at IS NULL AND p.merged_into IS NULL`;

/** The first day of "the last 12 months" (and six) to the end of the range, as Ofsted counts them. */
export const monthsBefore = (to: string, months: number) => addDays(addMonths(to, -months), 1);

// ---- the facts of each list, before the child's details are added ----

export interface ContactFact { child_id: string; received_on: string; source: string | null }
export interface EarlyHelpFact { child_id: string; started_on: string; completed_on: string | null; lead_agency: string | null; council_led: boolean }
export interface ReferralFact { child_id: string; referral_date: string; referral_source: string | null; referral_nfa: boolean; referrals: number }
export interface AssessmentFact { child_id: string; started_on: string; child_seen_on: string | null; completed_on: string | null; authorised_on: string | null; outcome: string | null }
export interface EnquiryFact {
  child_id: string; initiated_on: string; outcome: string | null; completed_on: string | null; icpc_on: string | null; icpc_decision: string | null; enquiries: number; icpcs: number;
}
export interface CinFact {
  child_id: string; referral_date: string; primary_need: string | null; closed_on: string | null; closure_reason: string | null; last_seen: string | null;
  looked_after: boolean; cp_plan: boolean; cin_plan: boolean; assessing: boolean;
}
export interface CpFact {
  child_id: string; started_on: string; ended_on: string | null; initial_category: string | null; latest_category: string | null; previous: number;
  last_visit: string | null; seen_alone: string | null; last_review: string | null; protected: boolean;
}
export interface CareFact {
  child_id: string; started_on: string; ended_on: string | null; reason_ceased: string | null; category_of_need: string | null; uasc: boolean | null; subsequent: boolean;
  legal_status_on: string | null; legal_status: string | null; last_review: string | null; last_visit: string | null; permanence: string | null; last_iro_contact: string | null;
  last_health: string | null; last_dental: string | null; placements: number; placement_on: string | null; placement_type: string | null; provider: string | null;
  postcode: string | null; urn: string | null; in_council_area: boolean | null; host_council: string | null; missing: number; absent: number;
  interview_offered: boolean | null; interview_outcome: string | null;
}
export interface CareLeaverFact { child_id: string; status: string; in_touch: string | null; activity: string | null; accommodation: string | null; suitable: boolean | null }
export interface AdoptionFact {
  child_id: string; entered_care: string; decided_on: string; ended_on: string | null; end_reason: string | null; reversed_reason: string | null; placement_order_on: string | null;
  matched_on: string | null; placed_on: string | null; adoption_order_on: string | null; ffa_on: string | null;
  /** The sibling group placed together the child is in, else the household they are matched with (decision 0055). */
  family_id: string | null;
}
export interface AdopterFact {
  id: string; family_id: string; name: string; applicants: number; fostering_for_adoption: boolean; enquiry_on: string; registered_on: string | null; stage_one_ended_on: string | null;
  stage_two_started_on: string | null; panel_on: string | null; decided_on: string | null; approved: boolean | null; matched_on: string | null; placed_on: string | null;
  placed: number; adoption_order_on: string | null; left_on: string | null; left_reason: string | null;
  /** Each applicant recorded (adopter_applicant), by position; null when none is. */
  applicant_details: { position: number; sex: string | null; ethnicity: string | null; disabled: boolean | null }[] | null;
}

export interface ListFacts {
  1: ContactFact[]; 2: EarlyHelpFact[]; 3: ReferralFact[]; 4: AssessmentFact[]; 5: EnquiryFact[]; 6: CinFact[];
  7: CpFact[]; 8: CareFact[]; 9: CareLeaverFact[]; 10: AdoptionFact[]; 11: AdopterFact[];
}

const contacts = (db: Db, r: AnnexARange) =>
  rows(db, sql<ContactFact>`SELECT c.child_id, c.received_on, c.source FROM contact c ${liveChild('c.child_id')}
    WHERE c.deleted_at IS NULL AND c.received_on BETWEEN ${r.from} AND ${r.to} ORDER BY c.received_on, p.la_child_id, c.id`);

const earlyHelp = (db: Db, r: AnnexARange) =>
  rows(db, sql<EarlyHelpFact>`SELECT a.child_id, a.started_on, a.completed_on, e.lead_agency, (e.lead_user_id IS NOT NULL) AS council_led
    FROM early_help_assessment a JOIN early_help_episode e ON e.id = a.episode_id ${liveChild('a.child_id')}
    WHERE a.deleted_at IS NULL AND a.started_on <= ${r.to} AND (a.completed_on IS NULL OR a.completed_on >= ${r.from})
    ORDER BY a.started_on, p.la_child_id, a.id`);

const referrals = (db: Db, r: AnnexARange) =>
  rows(db, sql<ReferralFact>`SELECT e.child_id, e.referral_date, e.referral_source, e.referral_nfa,
      (SELECT count(*)::int FROM cin_episode b WHERE b.child_id = e.child_id AND b.deleted_at IS NULL AND b.referral_date BETWEEN ${monthsBefore(r.to, 12)} AND ${r.to}) AS referrals
    FROM cin_episode e ${liveChild('e.child_id')}
    WHERE e.deleted_at IS NULL AND e.referral_date BETWEEN ${r.from} AND ${r.to} ORDER BY e.referral_date, p.la_child_id, e.id`);

const assessments = (db: Db, r: AnnexARange) =>
  rows(db, sql<AssessmentFact>`SELECT a.child_id, a.started_on, a.child_seen_on, a.completed_on, a.authorised_on, a.outcome
    FROM assessment a ${liveChild('a.child_id')}
    WHERE a.deleted_at IS NULL AND a.started_on <= ${r.to} AND (COALESCE(a.authorised_on, a.completed_on) IS NULL OR COALESCE(a.authorised_on, a.completed_on) >= ${r.from})
    ORDER BY a.started_on, p.la_child_id, a.id`);

const enquiries = (db: Db, r: AnnexARange) => {
  const since = monthsBefore(r.to, 12);
  return rows(db, sql<EnquiryFact>`SELECT s.child_id, s.initiated_on, s.outcome, s.completed_on, c.held_on AS icpc_on, c.decision AS icpc_decision,
      (SELECT count(*)::int FROM s47_enquiry b WHERE b.child_id = s.child_id AND b.deleted_at IS NULL AND b.started_on BETWEEN ${since} AND ${r.to}) AS enquiries,
      (SELECT count(*)::int FROM child_protection_conference ic WHERE ic.child_id = s.child_id AND ic.kind = 'initial' AND ic.deleted_at IS NULL AND ic.held_on BETWEEN ${since} AND ${r.to}) AS icpcs
    FROM s47_enquiry s ${liveChild('s.child_id')}
    LEFT JOIN LATERAL (SELECT ic.held_on, ic.decision FROM child_protection_conference ic
      WHERE ic.child_id = s.child_id AND ic.enquiry_id = s.id AND ic.kind = 'initial' AND ic.deleted_at IS NULL ORDER BY ic.held_on LIMIT 1) c ON true
    WHERE s.deleted_at IS NULL AND s.started_on <= ${r.to} AND (s.completed_on IS NULL OR s.completed_on >= ${r.from} OR c.held_on >= ${r.from})
    ORDER BY s.started_on, p.la_child_id, s.id`);
};

/** Open on the last day of the range: started by then and not ended before it ends. */
const openAtEnd = (alias: string, start: string, end: string, to: string) =>
  sql`${sql.ref(`${alias}.${start}`)} <= ${to} AND (${sql.ref(`${alias}.${end}`)} IS NULL OR ${sql.ref(`${alias}.${end}`)} > ${to}) AND ${sql.ref(`${alias}.deleted_at`)} IS NULL`;

const childrenInNeed = (db: Db, r: AnnexARange) =>
  rows(db, sql<CinFact>`SELECT e.child_id, e.referral_date, e.primary_need, e.closed_on, e.closure_reason,
      (SELECT max(v.visited_on) FROM visit v WHERE v.child_id = e.child_id AND v.deleted_at IS NULL AND v.child_seen AND v.visited_on <= ${r.to}) AS last_seen,
      EXISTS (SELECT 1 FROM care_period cp WHERE cp.child_id = e.child_id AND ${openAtEnd('cp', 'started_on', 'ended_on', r.to)}) AS looked_after,
      EXISTS (SELECT 1 FROM plan pl WHERE pl.child_id = e.child_id AND pl.kind = 'cp' AND ${openAtEnd('pl', 'started_on', 'ended_on', r.to)}) AS cp_plan,
      EXISTS (SELECT 1 FROM plan pl WHERE pl.child_id = e.child_id AND pl.kind = 'cin' AND ${openAtEnd('pl', 'started_on', 'ended_on', r.to)}) AS cin_plan,
      EXISTS (SELECT 1 FROM assessment a WHERE a.child_id = e.child_id AND a.episode_id = e.id AND a.deleted_at IS NULL AND a.started_on <= ${r.to}
        AND (COALESCE(a.authorised_on, a.completed_on) IS NULL OR COALESCE(a.authorised_on, a.completed_on) > ${r.to})) AS assessing
    FROM cin_episode e ${liveChild('e.child_id')}
    WHERE e.deleted_at IS NULL AND NOT e.referral_nfa AND e.referral_date <= ${r.to} AND (e.closed_on IS NULL OR e.closed_on >= ${r.from})
    ORDER BY e.referral_date, p.la_child_id, e.id`);

const protection = (db: Db, r: AnnexARange) =>
  rows(db, sql<CpFact>`SELECT pl.child_id, pl.started_on, pl.ended_on,
      COALESCE((SELECT c.category_of_abuse FROM child_protection_conference c WHERE c.child_id = pl.child_id AND c.plan_id = pl.id AND c.kind = 'initial' AND c.deleted_at IS NULL LIMIT 1), pl.category_of_abuse) AS initial_category,
      COALESCE((SELECT c.category_of_abuse FROM child_protection_conference c WHERE c.child_id = pl.child_id AND c.plan_id = pl.id AND c.kind = 'review' AND c.deleted_at IS NULL
        AND c.category_of_abuse IS NOT NULL AND c.held_on <= ${r.to} ORDER BY c.held_on DESC LIMIT 1), pl.category_of_abuse) AS latest_category,
      (SELECT count(*)::int FROM plan b WHERE b.child_id = pl.child_id AND b.kind = 'cp' AND b.deleted_at IS NULL AND b.started_on < pl.started_on) AS previous,
      lv.visited_on AS last_visit, lv.seen_alone,
      (SELECT max(c.held_on) FROM child_protection_conference c WHERE c.child_id = pl.child_id AND c.plan_id = pl.id AND c.kind = 'review' AND c.deleted_at IS NULL AND c.held_on <= ${r.to}) AS last_review,
      EXISTS (SELECT 1 FROM legal_status ls WHERE ls.child_id = pl.child_id AND ls.deleted_at IS NULL AND ls.legal_status IN ('L1', 'L2')
        AND ls.started_on <= ${r.to} AND (ls.ended_on IS NULL OR ls.ended_on >= ${monthsBefore(r.to, 6)})) AS protected
    FROM plan pl ${liveChild('pl.child_id')}
    LEFT JOIN LATERAL (SELECT v.visited_on, v.seen_alone FROM visit v WHERE v.child_id = pl.child_id AND v.plan_id = pl.id AND v.deleted_at IS NULL AND v.visited_on <= ${r.to}
      ORDER BY v.visited_on DESC LIMIT 1) lv ON true
    WHERE pl.deleted_at IS NULL AND pl.kind = 'cp' AND pl.started_on <= ${r.to} AND (pl.ended_on IS NULL OR pl.ended_on >= ${r.from})
    ORDER BY pl.started_on, p.la_child_id, pl.id`);

const inCare = (db: Db, r: AnnexARange) => {
  const since = monthsBefore(r.to, 12);
  // A day's missing episodes are counted by the day in England, whatever the server's zone.
  const missingOn = sql`(m.went_missing_at AT TIME ZONE 'Europe/London')::date`;
  return rows(db, sql<CareFact>`SELECT cp.child_id, cp.started_on, cp.ended_on, cp.reason_ceased, cp.category_of_need, p.unaccompanied_asylum_seeker AS uasc,
      EXISTS (SELECT 1 FROM care_period o WHERE o.child_id = cp.child_id AND o.deleted_at IS NULL AND o.id <> cp.id AND o.started_on < cp.started_on
        AND o.ended_on IS NOT NULL AND o.ended_on >= ${since}) AS subsequent,
      ls.started_on AS legal_status_on, ls.legal_status,
      (SELECT max(rv.held_on) FROM looked_after_review rv WHERE rv.period_id = cp.id AND rv.deleted_at IS NULL AND rv.held_on <= ${r.to}) AS last_review,
      (SELECT max(v.visited_on) FROM visit v WHERE v.child_id = cp.child_id AND v.kind = 'looked_after' AND v.deleted_at IS NULL AND v.visited_on BETWEEN cp.started_on AND ${r.to}) AS last_visit,
      pp.plan AS permanence,
      (SELECT max(ic.contact_on) FROM iro_contact ic WHERE ic.child_id = cp.child_id AND ic.deleted_at IS NULL AND ic.contact_on BETWEEN cp.started_on AND ${r.to}) AS last_iro_contact,
      (SELECT max(h.assessed_on) FROM health_assessment h WHERE h.child_id = cp.child_id AND h.deleted_at IS NULL AND h.assessed_on <= ${r.to}) AS last_health,
      (SELECT max(d.checked_on) FROM health_check d WHERE d.child_id = cp.child_id AND d.kind = 'dental' AND d.deleted_at IS NULL AND d.checked_on <= ${r.to}) AS last_dental,
      (SELECT count(*)::int FROM placement x WHERE x.child_id = cp.child_id AND x.deleted_at IS NULL AND x.started_on <= ${r.to} AND (x.ended_on IS NULL OR x.ended_on >= ${since})) AS placements,
      pl.started_on AS placement_on, pl.placement_type, pl.provider, pl.postcode, pl.urn, pl.in_council_area, pl.host_council,
      (SELECT count(*)::int FROM missing_episode m WHERE m.child_id = cp.child_id AND m.kind = 'M' AND m.deleted_at IS NULL AND ${missingOn} BETWEEN ${since} AND ${r.to}) AS missing,
      (SELECT count(*)::int FROM missing_episode m WHERE m.child_id = cp.child_id AND m.kind = 'A' AND m.deleted_at IS NULL AND ${missingOn} BETWEEN ${since} AND ${r.to}) AS absent,
      (ri.offered_at IS NOT NULL AND ri.offered_at < lm.next_day) AS interview_offered, CASE WHEN ri.offered_at < lm.next_day THEN ri.outcome END AS interview_outcome
    FROM (SELECT DISTINCT ON (c.child_id) c.* FROM care_period c WHERE c.deleted_at IS NULL AND c.started_on <= ${r.to} AND (c.ended_on IS NULL OR c.ended_on >= ${r.from})
      ORDER BY c.child_id, c.started_on DESC) cp
    ${liveChild('cp.child_id')}
    LEFT JOIN LATERAL (SELECT l.started_on, l.legal_status FROM legal_status l WHERE l.period_id = cp.id AND l.deleted_at IS NULL AND l.started_on <= ${r.to} ORDER BY l.started_on DESC LIMIT 1) ls ON true
    LEFT JOIN LATERAL (SELECT q.plan FROM permanence_plan q WHERE q.child_id = cp.child_id AND q.period_id = cp.id AND q.deleted_at IS NULL AND q.decided_on <= ${r.to}
      ORDER BY q.decided_on DESC, q.recorded_at DESC LIMIT 1) pp ON true
    LEFT JOIN LATERAL (SELECT x.* FROM placement x WHERE x.period_id = cp.id AND x.deleted_at IS NULL AND x.started_on <= ${r.to} ORDER BY x.started_on DESC LIMIT 1) pl ON true
    LEFT JOIN LATERAL (SELECT m.id, (${r.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London' AS next_day FROM missing_episode m
      WHERE m.child_id = cp.child_id AND m.kind = 'M' AND m.deleted_at IS NULL AND ${missingOn} <= ${r.to} ORDER BY m.went_missing_at DESC LIMIT 1) lm ON true
    LEFT JOIN LATERAL (SELECT i.offered_at, i.outcome FROM return_interview i WHERE i.episode_id = lm.id AND i.deleted_at IS NULL ORDER BY i.offered_at DESC LIMIT 1) ri ON true
    ORDER BY cp.started_on, p.la_child_id, cp.id`);
};

/**
 * Care leavers: a young person's status on the last day of the range is worked out from their
 * legal statuses as the care leaver pages work it out (src/care-leavers/status.ts), for every young
 * person of the age to be one who was ever looked after, in one statement; then their latest
 * birthday return (in touch, activity) and their accommodation on that day, in one more.
 */
async function careLeavers(db: Db, r: AnnexARange): Promise<CareLeaverFact[]> {
  // Aged 16 to 24 on the last day of the range.
  const bornAfter = addMonths(r.to, -25 * 12);
  const bornBy = addMonths(r.to, -16 * 12);
  const spans = await rows(db, sql<{ child_id: string; date_of_birth: string; started_on: string; ended_on: string | null; legal_status: string }>`
    SELECT l.child_id, p.date_of_birth, l.started_on, l.ended_on, l.legal_status FROM legal_status l ${liveChild('l.child_id')}
    WHERE l.deleted_at IS NULL AND p.date_of_birth > ${bornAfter} AND p.date_of_birth <= ${bornBy} AND l.started_on <= ${r.to}
    ORDER BY p.la_child_id, l.child_id, l.started_on`);
  const byChild = new Map<string, { dob: string; spans: CareSpan[] }>();
  for (const s of spans) {
    const child = byChild.get(s.child_id) ?? { dob: s.date_of_birth, spans: [] };
    // As the record stood at the end of the range: care that ended later was still going on.
    child.spans.push({ from: s.started_on, to: s.ended_on !== null && s.ended_on <= r.to ? s.ended_on : null, counts: s.legal_status !== 'V3' && s.legal_status !== 'V4' });
    byChild.set(s.child_id, child);
  }
  const leavers = new Map<string, string>();
  for (const [id, c] of byChild) {
    const { status } = careLeaverStatus(c.dob, c.spans, r.to);
    if (status === 'relevant' || status === 'former-relevant' || status === 'qualifying') leavers.set(id, status);
  }
  if (leavers.size === 0) return [];
  const ids = [...leavers.keys()].join(',');
  const details = await rows(db, sql<{ child_id: string; in_touch: string | null; activity: string | null; accommodation: string | null; suitable: boolean | null }>`
    SELECT p.id AS child_id, b.in_touch, b.activity, a.kind AS accommodation, a.suitable FROM person p
    LEFT JOIN LATERAL (SELECT x.in_touch, x.activity FROM care_leaver_birthday x WHERE x.child_id = p.id AND x.deleted_at IS NULL AND x.recorded_on <= ${r.to}
      ORDER BY x.recorded_on DESC LIMIT 1) b ON true
    LEFT JOIN LATERAL (SELECT y.kind, y.suitable FROM care_leaver_accommodation y WHERE y.child_id = p.id AND y.deleted_at IS NULL AND y.from_on <= ${r.to}
      AND (y.to_on IS NULL OR y.to_on >= ${r.to}) ORDER BY y.from_on DESC LIMIT 1) a ON true
    WHERE p.id = ANY (string_to_array(${ids}, ',')::uuid[])`);
  const detailOf = new Map(details.map((d) => [d.child_id, d]));
  return [...leavers].map(([childId, status]) => {
    const d = detailOf.get(childId);
    return { child_id: childId, status, in_touch: d?.in_touch ?? null, activity: d?.activity ?? null, accommodation: d?.accommodation ?? null, suitable: d?.suitable ?? null };
  });
}

/** The sibling group to be placed together that a child is in on the last day of the range. */
const togetherGroup = (child: string, to: string) => sql`(SELECT g.id FROM sibling_group_member sm JOIN sibling_group g ON g.id = sm.group_id
  WHERE sm.child_id = ${sql.ref(child)} AND sm.deleted_at IS NULL AND g.deleted_at IS NULL AND g.decision = 'together' AND g.decided_on <= ${to} LIMIT 1)`;

const adoption = (db: Db, r: AnnexARange) =>
  rows(db, sql<AdoptionFact>`SELECT pp.child_id, cp.started_on AS entered_care, pp.decided_on, pp.ended_on, pp.end_reason, pp.adoption_reversed_reason AS reversed_reason,
      (SELECT min(s.occurred_on) FROM permanence_step s WHERE s.plan_id = pp.id AND s.kind = 'authority_to_place' AND s.authority = 'placement_order' AND s.deleted_at IS NULL) AS placement_order_on,
      (SELECT min(s.occurred_on) FROM permanence_step s WHERE s.plan_id = pp.id AND s.kind = 'order' AND s.order_kind = 'adoption' AND s.deleted_at IS NULL) AS adoption_order_on,
      m.decided_on AS matched_on, m.placed_on,
      COALESCE(${togetherGroup('pp.child_id', r.to)}, CASE WHEN m.decided_on <= ${r.to} THEN m.household_id END)::text AS family_id,
      (SELECT min(x.started_on) FROM placement x WHERE x.period_id = pp.period_id AND x.deleted_at IS NULL AND x.placement_type IN ('U2', 'U5')) AS ffa_on
    FROM permanence_plan pp JOIN care_period cp ON cp.id = pp.period_id ${liveChild('pp.child_id')}
    LEFT JOIN LATERAL (SELECT am.decided_on, am.placed_on, am.household_id FROM adoption_match am WHERE am.plan_id = pp.id AND am.deleted_at IS NULL ORDER BY am.decided_on DESC LIMIT 1) m ON true
    WHERE pp.deleted_at IS NULL AND pp.plan = 'adoption' AND pp.decided_on <= ${r.to} AND (pp.ended_on IS NULL OR pp.ended_on >= ${r.from})
    ORDER BY pp.decided_on, p.la_child_id, pp.id`);

const adopters = (db: Db, r: AnnexARange) =>
  rows(db, sql<AdopterFact>`SELECT h.id,
      COALESCE((SELECT ${togetherGroup('fm.child_id', r.to)} FROM adoption_match fm WHERE fm.household_id = h.id AND fm.deleted_at IS NULL AND fm.decided_on <= ${r.to}
        ORDER BY fm.decided_on DESC LIMIT 1), h.id)::text AS family_id, h.name, h.applicants, h.fostering_for_adoption, h.enquiry_on, h.registered_on, h.stage_one_ended_on, h.stage_two_started_on,
      h.panel_on, h.decided_on, h.approved, m.matched_on, m.placed_on, COALESCE(m.placed, 0)::int AS placed, m.adoption_order_on, h.left_on, h.left_reason,
      (SELECT json_agg(json_build_object('position', ap.position, 'sex', ap.sex, 'ethnicity', ap.ethnicity, 'disabled', ap.disabled))
        FROM adopter_applicant ap WHERE ap.household_id = h.id AND ap.deleted_at IS NULL) AS applicant_details
    FROM adopter_household h
    LEFT JOIN (SELECT am.household_id, min(am.decided_on) AS matched_on, min(am.placed_on) FILTER (WHERE am.placed_on <= ${r.to}) AS placed_on,
        count(*) FILTER (WHERE am.placed_on <= ${r.to}) AS placed, max(st.occurred_on) FILTER (WHERE st.occurred_on <= ${r.to}) AS adoption_order_on
      FROM adoption_match am
      LEFT JOIN permanence_step st ON st.plan_id = am.plan_id AND st.kind = 'order' AND st.order_kind = 'adoption' AND st.deleted_at IS NULL
      WHERE am.deleted_at IS NULL AND am.decided_on <= ${r.to} GROUP BY am.household_id) m ON m.household_id = h.id
    WHERE h.deleted_at IS NULL AND h.enquiry_on <= ${r.to} AND (h.left_on IS NULL OR h.left_on >= ${r.from})
      AND (m.adoption_order_on IS NULL OR m.adoption_order_on >= ${r.from})
    ORDER BY h.enquiry_on, h.name, h.id`);

const READERS: { [N in ListNumber]: (db: Db, r: AnnexARange) => Promise<ListFacts[N]> } = {
  1: contacts, 2: earlyHelp, 3: referrals, 4: assessments, 5: enquiries, 6: childrenInNeed, 7: protection, 8: inCare, 9: careLeavers, 10: adoption, 11: adopters,
};

export function readList<N extends ListNumber>(db: Db, n: N, r: AnnexARange): Promise<ListFacts[N]> {
  return READERS[n](db, r);
}

export async function readAllLists(db: Db, r: AnnexARange): Promise<ListFacts> {
  const [l1, l2, l3, l4, l5, l6, l7, l8, l9, l10, l11] = await Promise.all([
    contacts(db, r), earlyHelp(db, r), referrals(db, r), assessments(db, r), enquiries(db, r), childrenInNeed(db, r),
    protection(db, r), inCare(db, r), careLeavers(db, r), adoption(db, r), adopters(db, r),
  ]);
  return { 1: l1, 2: l2, 3: l3, 4: l4, 5: l5, 6: l6, 7: l7, 8: l8, 9: l9, 10: l10, 11: l11 };
}

// ---- the children's own details ----

export interface ChildDetails {
  id: string; la_child_id: string | null; first_name: string | null; last_name: string | null; sex: string | null; ethnicity: string | null; date_of_birth: string | null;
  disabled: boolean | null; worker: string | null; team: string | null; adviser: string | null; adviser_team: string | null;
}

/**
 * Each child's details for the lists, in one statement: whether they have a disability (none
 * recorded is unknown), and the social worker (and personal adviser) allocated on the last day of
 * the range, with the team the worker belongs to.
 */
export async function readChildren(db: Db, childIds: readonly string[], r: AnnexARange): Promise<Map<string, ChildDetails>> {
  if (childIds.length === 0) return new Map();
  const allocated = (role: string) => sql`SELECT u.display_name AS name, t.name AS team FROM allocation al JOIN app_user u ON u.id = al.worker_id LEFT JOIN team t ON t.id = u.team_id
    WHERE al.child_id = p.id AND al.role = ${role} AND al.deleted_at IS NULL AND al.from_date <= ${r.to} AND (al.to_date IS NULL OR al.to_date >= ${r.to})
    ORDER BY al.from_date DESC LIMIT 1`;
  const found = await rows(db, sql<ChildDetails>`SELECT p.id, p.la_child_id, p.first_name, p.last_name, p.sex, p.ethnicity, p.date_of_birth,
      (SELECT CASE WHEN count(*) = 0 THEN NULL ELSE bool_or(d.code <> 'NONE') END FROM person_disability d WHERE d.person_id = p.id AND d.deleted_at IS NULL) AS disabled,
      sw.name AS worker, sw.team, pa.name AS adviser, pa.team AS adviser_team
    FROM person p
    LEFT JOIN LATERAL (${allocated('social_worker')}) sw ON true
    LEFT JOIN LATERAL (${allocated('personal_adviser')}) pa ON true
    WHERE p.id = ANY (string_to_array(${[...new Set(childIds)].join(',')}, ',')::uuid[])`);
  return new Map(found.map((c) => [c.id, c]));
}
