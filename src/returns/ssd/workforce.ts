// SSD objects about the workforce (decision 0033): teams as departments, the workers who hold cases as
// professionals, and their allocations to children as involvements.
import { CASE_HOLDING, ROLES } from '../../access/roles.ts';
import { labelOf, liveChild, literal, yesNo, type SsdView } from './view.ts';

const roleLabels = Object.entries(ROLES).map(([code, label]) => ({ code, label }));

export const WORKFORCE_VIEWS: SsdView[] = [
  {
    object: 'ssd_department',
    columns: { dept_team_id: 't.id', dept_team_name: 't.name', dept_team_parent_id: null, dept_team_parent_name: null },
    from: 'FROM team t',
  },
  {
    // Workers in a case-holding role. The job title is the role; the caseload is the children they are
    // allocated to now, in any role; FTE and agency status come from the workforce profile where there is one.
    object: 'ssd_professionals',
    columns: {
      prof_professional_id: 'u.id',
      prof_staff_id: null,
      prof_professional_name: 'u.display_name',
      prof_social_worker_registration_no: null,
      prof_professional_job_title: labelOf(roleLabels, 'u.role'),
      prof_professional_caseload: 'cl.children',
      prof_professional_department: 't.name',
      prof_full_time_equivalency: 'w.fte',
      prof_agency_worker_flag: yesNo(`w.employment = 'agency'`),
    },
    from: `FROM app_user u
LEFT JOIN team t ON t.id = u.team_id
LEFT JOIN worker_profile w ON w.user_id = u.id AND w.deleted_at IS NULL
LEFT JOIN LATERAL (SELECT count(DISTINCT a.child_id) AS children FROM allocation a WHERE a.worker_id = u.id AND a.to_date IS NULL AND a.deleted_at IS NULL) cl ON true
WHERE u.role IN (${CASE_HOLDING.map(literal).join(', ')})`,
  },
  {
    // Each allocation of a worker to a child. The team is the worker's team now: Lantern does not keep
    // which team a worker was in when an earlier allocation began.
    object: 'ssd_involvements',
    columns: {
      invo_involvements_id: 'a.id',
      invo_professional_id: 'a.worker_id',
      invo_professional_role_id: 'a.role',
      invo_professional_team: 'u.team_id',
      invo_involvement_start_date: 'a.from_date',
      invo_involvement_end_date: 'a.to_date',
      invo_worker_change_reason: 'a.change_reason',
      invo_person_id: 'a.child_id',
      invo_referral_id: null,
    },
    from: `FROM allocation a JOIN app_user u ON u.id = a.worker_id WHERE a.deleted_at IS NULL AND ${liveChild('a.child_id')}`,
  },
];
