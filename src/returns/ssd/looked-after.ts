// SSD objects of children in care and leaving care (decision 0033): episodes, placements, legal
// statuses, reviews, visits, health, missing episodes, permanence and care leavers.
import { ACCOMMODATION_SUITABILITY } from '../../codes/index.ts';
import { adoptersSexSql } from '../../adoption/adopters-sex.ts';
import { seenAlone, visitsOfKind } from './children-in-need.ts';
import { dueDatesMetBy, emptyObject, labelOf, liveChild, localTime, yesNo, type SsdView } from './view.ts';

export const LOOKED_AFTER_VIEWS: SsdView[] = [
  {
    // One row per period of care (Lantern's care_period): the SSD's CLA id and episode id are both the
    // period's. Lantern keeps placements and legal statuses beside the period rather than cutting it
    // into SSDA903 episodes, so the start reason is S (started to be looked after) and the placement is
    // the period's latest; placements and legal statuses have their own views with their dates.
    object: 'ssd_cla_episodes',
    columns: {
      clae_cla_episode_id: 'cp.id',
      clae_person_id: 'cp.child_id',
      clae_cla_episode_start_date: 'cp.started_on',
      clae_cla_episode_start_reason: `'S'`,
      clae_cla_primary_need_code: 'cp.category_of_need',
      clae_cla_episode_ceased_date: 'cp.ended_on',
      clae_cla_episode_ceased_reason: 'cp.reason_ceased',
      clae_cla_id: 'cp.id',
      clae_referral_id: 'cp.episode_id',
      clae_cla_placement_id: 'lp.id',
      clae_entered_care_date: 'cp.started_on',
      clae_cla_last_iro_contact_date: `(SELECT max(ic.contact_on) FROM iro_contact ic WHERE ic.child_id = cp.child_id AND ic.deleted_at IS NULL
        AND ic.contact_on >= cp.started_on AND (cp.ended_on IS NULL OR ic.contact_on <= cp.ended_on))`,
    },
    from: `FROM care_period cp
LEFT JOIN LATERAL (SELECT p.id FROM placement p WHERE p.period_id = cp.id AND p.deleted_at IS NULL ORDER BY p.started_on DESC LIMIT 1) lp ON true
WHERE cp.deleted_at IS NULL AND ${liveChild('cp.child_id')}`,
  },
  {
    object: 'ssd_cla_placement',
    columns: {
      clap_cla_placement_id: 'p.id',
      clap_cla_placement_start_date: 'p.started_on',
      clap_cla_placement_type: 'p.placement_type',
      clap_cla_placement_urn: 'p.urn',
      clap_cla_placement_distance: 'p.distance_miles',
      clap_cla_id: 'p.period_id',
      clap_cla_placement_provider: 'p.provider',
      clap_cla_placement_postcode: 'p.postcode',
      clap_cla_placement_end_date: 'p.ended_on',
      clap_cla_placement_change_reason: 'p.change_reason',
      clap_person_id: 'p.child_id',
    },
    from: `FROM placement p WHERE p.deleted_at IS NULL AND ${liveChild('p.child_id')}`,
  },
  {
    object: 'ssd_legal_status',
    columns: {
      lega_legal_status_id: 'l.id',
      lega_person_id: 'l.child_id',
      lega_legal_status: 'l.legal_status',
      lega_legal_status_start_date: 'l.started_on',
      lega_legal_status_end_date: 'l.ended_on',
    },
    from: `FROM legal_status l WHERE l.deleted_at IS NULL AND ${liveChild('l.child_id')}`,
  },
  {
    // Reviews that were held (Lantern records no cancelled review), due when the timescale they met was
    // (20 working days from entering care, then 3 months, then 6: CPPCR 2010 reg 33).
    object: 'ssd_cla_reviews',
    columns: {
      clar_cla_review_id: 'r.id',
      clar_cla_id: 'r.period_id',
      clar_cla_review_due_date: 'due.due_on',
      clar_cla_review_date: 'r.held_on',
      clar_cla_review_cancelled: null,
      clar_cla_review_participation: 'r.participation',
    },
    from: `FROM looked_after_review r
${dueDatesMetBy('looked-after-review', 'due')} ON due.source_id = r.id
WHERE r.deleted_at IS NULL AND ${liveChild('r.child_id')}`,
  },
  {
    object: 'ssd_cla_visits',
    columns: {
      clav_cla_visit_id: 'v.id',
      clav_cla_id: '(SELECT p.period_id FROM placement p WHERE p.id = v.placement_id)',
      clav_person_id: 'v.child_id',
      clav_cla_visit_date: 'v.visited_on',
      clav_cla_visit_seen: yesNo('v.child_seen'),
      clav_cla_visit_seen_alone: seenAlone('v.seen_alone'),
    },
    from: visitsOfKind('looked_after'),
  },
  {
    // Health assessments and dental checks, each recorded when it was done (so Completed).
    object: 'ssd_cla_health',
    columns: {
      clah_health_check_id: 'h.id',
      clah_person_id: 'h.child_id',
      clah_health_check_type: 'h.kind',
      clah_health_check_date: 'h.on_date',
      clah_health_check_status: `'Completed'`,
    },
    from: `FROM (
  SELECT a.id, a.child_id, CASE a.kind WHEN 'initial' THEN 'Initial health assessment' ELSE 'Review health assessment' END AS kind, a.assessed_on AS on_date
  FROM health_assessment a WHERE a.deleted_at IS NULL
  UNION ALL
  SELECT c.id, c.child_id, 'Dental check', c.checked_on FROM health_check c WHERE c.deleted_at IS NULL AND c.kind = 'dental'
) h WHERE ${liveChild('h.child_id')}`,
  },
  {
    object: 'ssd_cla_immunisations',
    columns: {
      clai_person_id: 'c.child_id',
      clai_immunisations_status: yesNo('c.up_to_date'),
      clai_immunisations_status_date: 'c.checked_on',
    },
    from: `FROM health_check c WHERE c.deleted_at IS NULL AND c.kind = 'immunisations' AND ${liveChild('c.child_id')}`,
  },
  {
    object: 'ssd_sdq_scores',
    columns: {
      csdq_table_id: 'c.id',
      csdq_person_id: 'c.child_id',
      csdq_sdq_completed_date: 'c.checked_on',
      csdq_sdq_reason: 'c.sdq_reason',
      csdq_sdq_score: 'c.sdq_score',
    },
    from: `FROM health_check c WHERE c.deleted_at IS NULL AND c.kind = 'sdq' AND ${liveChild('c.child_id')}`,
  },
  {
    // The permanence plan: Lantern's route and parallel route (src/codes/lantern.ts PERMANENCE_ROUTE).
    object: 'ssd_cla_care_plan',
    columns: {
      lacp_table_id: 'pp.id',
      lacp_person_id: 'pp.child_id',
      lacp_cla_care_plan_start_date: 'pp.decided_on',
      lacp_cla_care_plan_end_date: 'pp.ended_on',
      lacp_cla_care_plan_json: `json_build_object('PERMANENCE_PLAN', pp.plan, 'PARALLEL_PLAN', COALESCE(pp.parallel_plan, ''))::text`,
    },
    from: `FROM permanence_plan pp WHERE pp.deleted_at IS NULL AND ${liveChild('pp.child_id')}`,
  },
  emptyObject('ssd_cla_convictions'),
  emptyObject('ssd_cla_substance_misuse'),
  emptyObject('ssd_cla_previous_permanence'),
  {
    // Times are read in England's local time. A return interview offered is one recorded; accepted is
    // one held (declined is N; not reached says nothing about acceptance).
    object: 'ssd_missing',
    columns: {
      miss_table_id: 'm.id',
      miss_person_id: 'm.child_id',
      miss_missing_episode_start_date: localTime('m.went_missing_at'),
      miss_missing_episode_type: 'm.kind',
      miss_missing_episode_end_date: localTime('m.returned_at'),
      miss_missing_rhi_offered: `CASE WHEN ri.outcome IS NOT NULL THEN 'Y' WHEN m.returned_at IS NOT NULL THEN 'N' END`,
      miss_missing_rhi_accepted: `CASE ri.outcome WHEN 'done' THEN 'Y' WHEN 'declined' THEN 'N' END`,
    },
    from: `FROM missing_episode m
LEFT JOIN LATERAL (SELECT r.outcome FROM return_interview r WHERE r.episode_id = m.id AND r.deleted_at IS NULL ORDER BY r.offered_at DESC LIMIT 1) ri ON true
WHERE m.deleted_at IS NULL AND ${liveChild('m.child_id')}`,
  },
  {
    // One row per permanence plan, with its steps: the placement order (authority to place), the match
    // and placement with adopters, the order that achieved it. The ADM decision is the adoption plan's.
    object: 'ssd_permanence',
    columns: {
      perm_table_id: 'pp.id',
      perm_person_id: 'pp.child_id',
      perm_cla_id: 'pp.period_id',
      perm_adm_decision_date: `CASE WHEN pp.plan = 'adoption' THEN pp.decided_on END`,
      perm_ffa_cp_decision_date: null,
      perm_placement_order_date: 'st.placement_order_on',
      perm_placed_for_adoption_date: 'am.placed_on',
      perm_matched_date: 'am.decided_on',
      perm_adopted_by_carer_flag: null,
      perm_placed_ffa_cp_date: null,
      perm_decision_reversed_date: `CASE WHEN pp.plan = 'adoption' AND pp.end_reason = 'changed' THEN pp.ended_on END`,
      perm_placed_foster_carer_date: null,
      perm_part_of_sibling_group: `CASE WHEN sg.decision IS NULL THEN '0' ELSE '1' END`,
      perm_siblings_placed_together: `CASE WHEN sg.decision = 'together' THEN sg.children END`,
      perm_siblings_placed_apart: `CASE WHEN sg.decision = 'apart' THEN sg.children - 1 END`,
      perm_placement_provider_urn: null,
      perm_decision_reversed_reason: `CASE WHEN pp.plan = 'adoption' AND pp.end_reason = 'changed' THEN pp.adoption_reversed_reason END`,
      perm_permanence_order_date: 'st.order_on',
      perm_permanence_order_type: 'st.order_kind',
      perm_adoption_worker_id: null,
      perm_adopter_sex: 'am.adopters_sex',
      perm_adopter_legal_status: 'am.adopters_legal_status',
      perm_number_of_adopters: 'am.applicants',
    },
    from: `FROM permanence_plan pp
LEFT JOIN LATERAL (SELECT
    max(s.occurred_on) FILTER (WHERE s.kind = 'authority_to_place' AND s.authority = 'placement_order') AS placement_order_on,
    max(s.occurred_on) FILTER (WHERE s.kind = 'order') AS order_on,
    max(s.order_kind) FILTER (WHERE s.kind = 'order') AS order_kind
  FROM permanence_step s WHERE s.plan_id = pp.id AND s.deleted_at IS NULL) st ON true
LEFT JOIN LATERAL (SELECT m.decided_on, m.placed_on, h.applicants, ${adoptersSexSql('h')} AS adopters_sex, h.adopters_legal_status FROM adoption_match m JOIN adopter_household h ON h.id = m.household_id
  WHERE m.plan_id = pp.id AND m.deleted_at IS NULL AND m.disrupted_on IS NULL ORDER BY m.decided_on DESC LIMIT 1) am ON true
LEFT JOIN LATERAL (SELECT g.decision, (SELECT count(*) FROM sibling_group_member o WHERE o.group_id = g.id AND o.deleted_at IS NULL) AS children
  FROM sibling_group_member sm JOIN sibling_group g ON g.id = sm.group_id WHERE sm.child_id = pp.child_id AND sm.deleted_at IS NULL AND g.deleted_at IS NULL) sg ON true
WHERE pp.deleted_at IS NULL AND ${liveChild('pp.child_id')}`,
  },
  {
    // A young person with a pathway plan (the latest). Lantern works eligibility out from the care
    // history when it is asked (src/care-leavers) and does not store it, so it is not here. In touch and
    // activity are the latest birthday return's, accommodation the latest recorded, the adviser the
    // personal adviser allocated now.
    object: 'ssd_care_leavers',
    columns: {
      clea_table_id: 'pw.id',
      clea_person_id: 'pw.child_id',
      clea_care_leaver_eligibility: null,
      clea_care_leaver_in_touch: 'bd.in_touch',
      clea_care_leaver_latest_contact: 'ct.latest',
      clea_care_leaver_accommodation: 'ac.kind',
      clea_care_leaver_accom_suitable: labelOf(ACCOMMODATION_SUITABILITY, `CASE WHEN ac.suitable THEN 'SUITABLE' WHEN NOT ac.suitable THEN 'UNSUITABLE' END`),
      clea_care_leaver_activity: 'bd.activity',
      clea_pathway_plan_review_date: 'rv.latest',
      clea_care_leaver_personal_advisor: 'pa.display_name',
      clea_care_leaver_allocated_team: 'pa.team_id',
      clea_care_leaver_worker_id: 'pa.id',
    },
    from: `FROM (SELECT DISTINCT ON (pl.child_id) pl.id, pl.child_id FROM plan pl WHERE pl.kind = 'pathway' AND pl.deleted_at IS NULL ORDER BY pl.child_id, pl.started_on DESC) pw
LEFT JOIN LATERAL (SELECT b.in_touch, b.activity FROM care_leaver_birthday b WHERE b.child_id = pw.child_id AND b.deleted_at IS NULL ORDER BY b.age DESC LIMIT 1) bd ON true
LEFT JOIN LATERAL (SELECT max(c.contact_on) AS latest FROM care_leaver_contact c WHERE c.child_id = pw.child_id AND c.deleted_at IS NULL AND c.reached) ct ON true
LEFT JOIN LATERAL (SELECT a.kind, a.suitable FROM care_leaver_accommodation a WHERE a.child_id = pw.child_id AND a.deleted_at IS NULL ORDER BY a.from_on DESC LIMIT 1) ac ON true
LEFT JOIN LATERAL (SELECT max(r.reviewed_on) AS latest FROM pathway_plan_review r WHERE r.child_id = pw.child_id AND r.deleted_at IS NULL) rv ON true
LEFT JOIN LATERAL (SELECT u.id, u.display_name, u.team_id FROM allocation a JOIN app_user u ON u.id = a.worker_id
  WHERE a.child_id = pw.child_id AND a.role = 'personal_adviser' AND a.to_date IS NULL AND a.deleted_at IS NULL ORDER BY a.from_date DESC LIMIT 1) pa ON true
WHERE ${liveChild('pw.child_id')}`,
  },
];
