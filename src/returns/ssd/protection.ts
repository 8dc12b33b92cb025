// SSD objects of child protection (decision 0033): section 47 enquiries, initial and review conferences,
// CP plans and CP visits.
import { seenAlone, visitsOfKind } from './children-in-need.ts';
import { dueDatesMetBy, flagsJson, liveChild, yesNo, type SsdView } from './view.ts';

export const PROTECTION_VIEWS: SsdView[] = [
  {
    // The enquiry's end is its completion. The worker is who recorded it.
    object: 'ssd_s47_enquiry',
    columns: {
      s47e_s47_enquiry_id: 's.id',
      s47e_referral_id: 's.episode_id',
      s47e_person_id: 's.child_id',
      s47e_s47_start_date: 's.started_on',
      s47e_s47_end_date: 's.completed_on',
      s47e_s47_nfa: null,
      s47e_s47_outcome_json: flagsJson('s.outcome IS NOT NULL', {
        NFA_FLAG: null,
        LEGAL_ACTION_FLAG: null,
        PROV_OF_SERVICES_FLAG: null,
        PROV_OF_SB_CARE_FLAG: null,
        CP_CONFERENCE_FLAG: `s.outcome = 'CONFERENCE'`,
        NFA_CONTINUE_SINGLE_FLAG: null,
        MONITOR_FLAG: null,
        OTHER_OUTCOMES_EXIST_FLAG: null,
        TOTAL_NO_OF_OUTCOMES: { value: '1' },
        OUTCOME_COMMENTS: { value: "''" },
      }),
      s47e_s47_completed_by_worker_id: 's.recorded_by',
      s47e_s47_completed_by_team: null,
    },
    from: `FROM s47_enquiry s WHERE s.deleted_at IS NULL AND ${liveChild('s.child_id')}`,
  },
  {
    // The target date is the initial conference clock's due date (15 working days from the strategy
    // discussion, src/clocks/rules.ts), as the CIN census's InitialCPCtarget.
    object: 'ssd_initial_cp_conference',
    columns: {
      icpc_icpc_id: 'c.id',
      icpc_icpc_meeting_id: 'c.id',
      icpc_s47_enquiry_id: 'c.enquiry_id',
      icpc_person_id: 'c.child_id',
      icpc_cp_plan_id: 'c.plan_id',
      icpc_referral_id: 's.episode_id',
      icpc_icpc_transfer_in: null,
      icpc_icpc_target_date: 'k.due_on',
      icpc_icpc_date: 'c.held_on',
      icpc_icpc_outcome_cp_flag: yesNo(`c.decision = 'PLAN'`),
      icpc_icpc_outcome_json: flagsJson('true', {
        NFA_FLAG: `c.decision = 'NO_PLAN'`,
        REFERRAL_TO_OTHER_AGENCY_FLAG: null,
        SINGLE_ASSESSMENT_FLAG: null,
        PROV_OF_SERVICES_FLAG: null,
        CP_FLAG: `c.decision = 'PLAN'`,
        OTHER_OUTCOMES_EXIST_FLAG: null,
        TOTAL_NO_OF_OUTCOMES: { value: '1' },
        COMMENTS: { value: "''" },
      }),
      icpc_icpc_team: null,
      icpc_icpc_worker_id: null,
    },
    from: `FROM child_protection_conference c
LEFT JOIN s47_enquiry s ON s.id = c.enquiry_id
LEFT JOIN LATERAL (SELECT k.due_on FROM clock k WHERE k.scope_id = c.enquiry_id AND k.rule_id = 'initial-conference' ORDER BY k.started_on LIMIT 1) k ON true
WHERE c.deleted_at IS NULL AND c.kind = 'initial' AND ${liveChild('c.child_id')}`,
  },
  {
    // Categories as the CIN census reads them: the initial conference's, the latest review's that set
    // one, or the plan's own where there is no conference (decision 0028).
    object: 'ssd_cp_plans',
    columns: {
      cppl_cp_plan_id: 'pl.id',
      cppl_referral_id: 'pl.episode_id',
      cppl_icpc_id: 'ic.id',
      cppl_person_id: 'pl.child_id',
      cppl_cp_plan_start_date: 'pl.started_on',
      cppl_cp_plan_end_date: 'pl.ended_on',
      cppl_cp_plan_initial_category: 'COALESCE(ic.category_of_abuse, pl.category_of_abuse)',
      cppl_cp_plan_ola: null,
      cppl_cp_plan_latest_category: 'COALESCE(rc.category_of_abuse, ic.category_of_abuse, pl.category_of_abuse)',
    },
    from: `FROM plan pl
LEFT JOIN LATERAL (SELECT c.id, c.category_of_abuse FROM child_protection_conference c WHERE c.plan_id = pl.id AND c.kind = 'initial' AND c.deleted_at IS NULL ORDER BY c.held_on LIMIT 1) ic ON true
LEFT JOIN LATERAL (SELECT c.category_of_abuse FROM child_protection_conference c WHERE c.plan_id = pl.id AND c.kind = 'review' AND c.deleted_at IS NULL AND c.category_of_abuse IS NOT NULL ORDER BY c.held_on DESC LIMIT 1) rc ON true
WHERE pl.deleted_at IS NULL AND pl.kind = 'cp' AND ${liveChild('pl.child_id')}`,
  },
  {
    // The due date is that of the review timescale the conference met (3 months from the ICPC, then 6).
    object: 'ssd_cp_reviews',
    columns: {
      cppr_cp_review_id: 'c.id',
      cppr_person_id: 'c.child_id',
      cppr_cp_plan_id: 'c.plan_id',
      cppr_cp_review_due: 'due.due_on',
      cppr_cp_review_date: 'c.held_on',
      cppr_cp_review_meeting_id: 'c.id',
      cppr_cp_review_outcome_continue_cp: yesNo(`c.decision = 'CONTINUE'`),
      cppr_cp_review_quorate: null,
      cppr_cp_review_participation: null,
    },
    from: `FROM child_protection_conference c
${dueDatesMetBy('cp-review', 'due')} ON due.source_id = c.id
WHERE c.deleted_at IS NULL AND c.kind = 'review' AND ${liveChild('c.child_id')}`,
  },
  {
    object: 'ssd_cp_visits',
    columns: {
      cppv_cp_visit_id: 'v.id',
      cppv_person_id: 'v.child_id',
      cppv_cp_plan_id: 'v.plan_id',
      cppv_cp_visit_date: 'v.visited_on',
      cppv_cp_visit_seen: yesNo('v.child_seen'),
      cppv_cp_visit_seen_alone: seenAlone('v.seen_alone'),
      cppv_cp_visit_bedroom: null,
    },
    from: visitsOfKind('cp'),
  },
];
