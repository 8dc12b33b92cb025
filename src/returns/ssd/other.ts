// The remaining SSD objects (decision 0033): pre-proceedings, the objects Lantern holds nothing for
// (education, health and care plans, finance, the DfE API's staging table, voice of the child), and the
// version log.
import { SSD_VIEWS_BUILT_BY, emptyObject, type SsdView } from './view.ts';

export const OTHER_VIEWS: SsdView[] = [
  {
    // One row per pre-proceedings: the decision is the legal planning meeting's, the initial meeting the
    // first pre-proceedings meeting, the court reference and hearings those of the care proceedings that
    // followed it.
    object: 'ssd_pre_proceedings',
    columns: {
      prep_table_id: 'pp.id',
      prep_person_id: 'pp.child_id',
      prep_plo_family_id: null,
      prep_pre_pro_decision_date: 'lpm.held_on',
      prep_initial_pre_pro_meeting_date: 'mt.first_meeting',
      prep_pre_pro_outcome: 'pp.outcome',
      prep_agree_stepdown_issue_date: `CASE WHEN pp.outcome = 'step_down' THEN pp.ended_on END`,
      prep_cp_plans_referral_period: null,
      prep_legal_gateway_outcome: 'lpm.decision',
      prep_prev_pre_proc_child: null,
      prep_prev_care_proc_child: null,
      prep_pre_pro_letter_date: 'pp.letter_sent_on',
      prep_care_pro_letter_date: null,
      prep_pre_pro_meetings_num: 'mt.meetings',
      prep_pre_pro_parents_legal_rep: null,
      prep_parents_legal_rep_point_of_issue: null,
      prep_court_reference: 'cpr.case_number',
      prep_care_proc_court_hearings: 'cpr.hearings',
      prep_care_proc_short_notice: null,
      prep_proc_short_notice_reason: null,
      prep_la_inital_plan_approved: null,
      prep_la_initial_care_plan: null,
      prep_la_final_plan_approved: null,
      prep_la_final_care_plan: null,
    },
    from: `FROM pre_proceedings pp
LEFT JOIN legal_planning_meeting lpm ON lpm.id = pp.legal_planning_meeting_id
LEFT JOIN LATERAL (SELECT count(*) AS meetings, min(m.held_on) FILTER (WHERE m.kind = 'meeting') AS first_meeting
  FROM pre_proceedings_meeting m WHERE m.pre_proceedings_id = pp.id AND m.deleted_at IS NULL) mt ON true
LEFT JOIN LATERAL (SELECT c.case_number, (SELECT count(*) FROM court_hearing h WHERE h.proceedings_id = c.id AND h.deleted_at IS NULL) AS hearings
  FROM care_proceedings c WHERE c.pre_proceedings_id = pp.id AND c.child_id = pp.child_id AND c.deleted_at IS NULL ORDER BY c.issued_on LIMIT 1) cpr ON true
WHERE pp.deleted_at IS NULL AND EXISTS (SELECT 1 FROM person lc WHERE lc.id = pp.child_id AND lc.deleted_at IS NULL AND lc.merged_into IS NULL)`,
  },
  emptyObject('ssd_send'),
  emptyObject('ssd_ehcp_requests'),
  emptyObject('ssd_ehcp_assessment'),
  emptyObject('ssd_ehcp_named_plan'),
  emptyObject('ssd_ehcp_active_plans'),
  emptyObject('ssd_sen_need'),
  emptyObject('ssd_s251_finance'),
  emptyObject('ssd_api_data_staging'),
  emptyObject('ssd_voice_of_child'),
  {
    object: 'ssd_version_log',
    columns: {
      version_number: `'${SSD_VIEWS_BUILT_BY.slice(0, 4)}'`,
      release_date: null,
      description: `'Standard Safeguarding Dataset as read-only views over Lantern''s record (built by migration ${SSD_VIEWS_BUILT_BY}, decision 0033)'`,
      is_current: 'true',
      created_at: null,
      created_by: `'Lantern'`,
      impact_description: null,
    },
    from: '',
  },
];
