// SSD objects from the front door to the child in need plan (decision 0033): contacts, early help
// episodes, CIN episodes (the SSD's referrals), assessments and their factors, CIN plans and visits.
import { REFERRAL_SOURCE } from '../../codes/index.ts';
import { flagsJson, labelOf, liveChild, yesNo, type SsdView } from './view.ts';

/** Seen alone as the SSD's Y/N: Lantern's 'not_applicable' (a baby, a child not seen) is neither. */
export const seenAlone = (expression: string) => `CASE ${expression} WHEN 'yes' THEN 'Y' WHEN 'no' THEN 'N' END`;

/** Visits of one kind: the child seen, and seen alone. */
export const visitsOfKind = (kind: string) => `FROM visit v WHERE v.deleted_at IS NULL AND v.kind = '${kind}' AND ${liveChild('v.child_id')}`;

export const CHILDREN_IN_NEED_VIEWS: SsdView[] = [
  {
    // Contacts matched to a child (an unmatched contact names nobody on the record yet). The outcome is
    // the threshold decision, or the second look's changed decision where there was one.
    object: 'ssd_contacts',
    columns: {
      cont_contact_id: 'c.id',
      cont_person_id: 'c.child_id',
      cont_contact_date: 'c.received_on + c.received_time::time',
      cont_contact_source_code: 'c.source',
      cont_contact_source_desc: labelOf(REFERRAL_SOURCE, 'c.source'),
      cont_contact_outcome_json: flagsJson('o.outcome IS NOT NULL', {
        NEW_REFERRAL_FLAG: `o.outcome IN ('REFERRAL', 'STRATEGY')`,
        EXISTING_REFERRAL_FLAG: null,
        CP_ENQUIRY_FLAG: `o.outcome = 'STRATEGY'`,
        NFA_FLAG: `o.outcome = 'NFA'`,
        NON_AGENCY_ADOPTION_FLAG: null,
        PRIVATE_FOSTERING_FLAG: null,
        ADVICE_FLAG: `o.outcome = 'ADVICE'`,
        MISSING_FLAG: null,
        OLA_CP_FLAG: null,
        OTHER_OUTCOMES_EXIST_FLAG: `o.outcome = 'EARLY_HELP'`,
      }),
    },
    from: `FROM contact c
LEFT JOIN contact_decision d ON d.contact_id = c.id AND d.deleted_at IS NULL
LEFT JOIN contact_second_look s ON s.contact_id = c.id AND s.deleted_at IS NULL
CROSS JOIN LATERAL (SELECT COALESCE(s.new_outcome, d.outcome) AS outcome) o
WHERE c.deleted_at IS NULL AND c.child_id IS NOT NULL AND ${liveChild('c.child_id')}`,
  },
  {
    object: 'ssd_early_help_episodes',
    columns: {
      earl_episode_id: 'e.id',
      earl_person_id: 'e.child_id',
      earl_episode_start_date: 'e.started_on',
      earl_episode_end_date: 'e.ended_on',
      earl_episode_reason: 'e.origin',
      earl_episode_end_reason: 'e.end_reason',
      earl_episode_organisation: 'e.lead_agency',
      earl_episode_worker_id: 'e.lead_user_id',
    },
    from: `FROM early_help_episode e WHERE e.deleted_at IS NULL AND ${liveChild('e.child_id')}`,
  },
  {
    // Lantern's episode of need starts with the referral, so the SSD's referral id is the episode's id.
    object: 'ssd_cin_episodes',
    columns: {
      cine_referral_id: 'e.id',
      cine_person_id: 'e.child_id',
      cine_referral_date: 'e.referral_date',
      cine_cin_primary_need_code: 'e.primary_need',
      cine_referral_source_code: 'e.referral_source',
      cine_referral_source_desc: labelOf(REFERRAL_SOURCE, 'e.referral_source'),
      cine_referral_outcome_json: flagsJson('true', {
        SINGLE_ASSESSMENT_FLAG: `EXISTS (SELECT 1 FROM assessment a WHERE a.child_id = e.child_id AND a.episode_id = e.id AND a.deleted_at IS NULL)`,
        NFA_FLAG: 'e.referral_nfa',
        STRATEGY_DISCUSSION_FLAG: `EXISTS (SELECT 1 FROM strategy_discussion sd WHERE sd.child_id = e.child_id AND sd.episode_id = e.id AND sd.deleted_at IS NULL)`,
        CLA_REQUEST_FLAG: `EXISTS (SELECT 1 FROM care_period cp WHERE cp.child_id = e.child_id AND cp.episode_id = e.id AND cp.deleted_at IS NULL)`,
        NON_AGENCY_ADOPTION_FLAG: null,
        PRIVATE_FOSTERING_FLAG: null,
        CP_TRANSFER_IN_FLAG: null,
        CP_CONFERENCE_FLAG: `EXISTS (SELECT 1 FROM s47_enquiry se WHERE se.child_id = e.child_id AND se.episode_id = e.id AND se.outcome = 'CONFERENCE' AND se.deleted_at IS NULL)`,
        CARE_LEAVER_FLAG: null,
        OTHER_OUTCOMES_EXIST_FLAG: null,
      }),
      cine_referral_nfa: yesNo('e.referral_nfa'),
      cine_close_reason: 'e.closure_reason',
      cine_close_date: 'e.closed_on',
      cine_referral_team: null,
      cine_referral_worker_id: null,
    },
    from: `FROM cin_episode e WHERE e.deleted_at IS NULL AND ${liveChild('e.child_id')}`,
  },
  {
    // The authorisation date is the manager's authorisation, or the completion where there is none (as
    // the CIN census, decision 0028). The worker is who recorded the assessment.
    object: 'ssd_cin_assessments',
    columns: {
      cina_assessment_id: 'a.id',
      cina_person_id: 'a.child_id',
      cina_referral_id: 'a.episode_id',
      cina_assessment_start_date: 'a.started_on',
      cina_assessment_child_seen: `CASE WHEN a.child_seen_on IS NOT NULL THEN 'Y' WHEN a.completed_on IS NOT NULL THEN 'N' END`,
      cina_assessment_auth_date: 'COALESCE(a.authorised_on, a.completed_on)',
      cina_assessment_outcome_json: flagsJson('a.outcome IS NOT NULL', {
        NFA_FLAG: `a.outcome = 'NFA'`,
        NFA_S47_END_FLAG: null,
        STRATEGY_DISCUSSION_FLAG: `a.outcome = 'STRATEGY'`,
        CLA_REQUEST_FLAG: `a.outcome = 'LOOKED_AFTER'`,
        PRIVATE_FOSTERING_FLAG: null,
        LEGAL_ACTION_FLAG: null,
        PROV_OF_SERVICES_FLAG: `a.outcome IN ('CIN_PLAN', 'CONTINUE_CP')`,
        PROV_OF_SB_CARE_FLAG: null,
        SPECIALIST_ASSESSMENT_FLAG: null,
        REFERRAL_TO_OTHER_AGENCY_FLAG: null,
        OTHER_ACTIONS_FLAG: `a.outcome IN ('OTHER', 'EARLY_HELP')`,
        OTHER_OUTCOMES_EXIST_FLAG: null,
        TOTAL_NO_OF_OUTCOMES: { value: '1' },
        COMMENTS: { value: "''" },
      }),
      cina_assessment_outcome_nfa: `CASE WHEN a.outcome IS NOT NULL THEN ${yesNo(`a.outcome = 'NFA'`)} END`,
      cina_assessment_team: null,
      cina_assessment_worker_id: 'a.recorded_by',
    },
    from: `FROM assessment a WHERE a.deleted_at IS NULL AND ${liveChild('a.child_id')}`,
  },
  {
    // Factors are identified at the end of the assessment (CIN rule 8614): completed assessments only,
    // as the SSD's JSON array ("Opt1").
    object: 'ssd_assessment_factors',
    columns: { cinf_table_id: 'a.id', cinf_assessment_id: 'a.id', cinf_assessment_factors_json: 'a.factors::text' },
    from: `FROM assessment a WHERE a.deleted_at IS NULL AND a.completed_on IS NOT NULL AND ${liveChild('a.child_id')}`,
  },
  {
    object: 'ssd_cin_plans',
    columns: {
      cinp_cin_plan_id: 'pl.id',
      cinp_referral_id: 'pl.episode_id',
      cinp_person_id: 'pl.child_id',
      cinp_cin_plan_start_date: 'pl.started_on',
      cinp_cin_plan_end_date: 'pl.ended_on',
      cinp_cin_plan_team: null,
      cinp_cin_plan_worker_id: null,
    },
    from: `FROM plan pl WHERE pl.deleted_at IS NULL AND pl.kind = 'cin' AND ${liveChild('pl.child_id')}`,
  },
  {
    object: 'ssd_cin_visits',
    columns: {
      cinv_cin_visit_id: 'v.id',
      cinv_person_id: 'v.child_id',
      cinv_cin_visit_date: 'v.visited_on',
      cinv_cin_visit_seen: yesNo('v.child_seen'),
      cinv_cin_visit_seen_alone: seenAlone('v.seen_alone'),
      cinv_cin_visit_bedroom: null,
    },
    from: visitsOfKind('cin'),
  },
];
