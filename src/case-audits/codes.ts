// The case audit area's code lists: Ofsted's four grades, who audits, and the kinds of sample.
import type { CodeList, CodeOf } from '../codes/code-list.ts';

/** Ofsted's four grades (ILACS), best first. `rank` orders them: 1 outstanding … 4 inadequate. */
export const GRADES = [
  { code: 'outstanding', label: 'Outstanding', rank: 1, tag: 'govuk-tag--turquoise' },
  { code: 'good', label: 'Good', rank: 2, tag: 'govuk-tag--green' },
  { code: 'requires_improvement', label: 'Requires improvement to be good', rank: 3, tag: 'govuk-tag--yellow' },
  { code: 'inadequate', label: 'Inadequate', rank: 4, tag: 'govuk-tag--red' },
] as const satisfies readonly (CodeList[number] & { rank: number; tag: string })[];
export type Grade = CodeOf<typeof GRADES>;
export const GRADE_CODES = GRADES.map((g) => g.code) as [Grade, ...Grade[]];
export const gradeRank = (grade: Grade): number => GRADES.find((g) => g.code === grade)!.rank;
/** Good or better: the grades that need a reason when the record says the item was not met (DQ-41). */
export const GOOD_OR_BETTER: readonly Grade[] = ['outstanding', 'good'];

/** Who graded (QA-01, QA-09: in-house first-line or senior managers, or an independent or contracted auditor). */
export const AUDITOR_ROLES = [
  { code: 'first_line', label: 'First-line manager' },
  { code: 'senior', label: 'Senior manager' },
  { code: 'external', label: 'Independent or contracted auditor' },
] as const satisfies CodeList;
export type AuditorRole = CodeOf<typeof AUDITOR_ROLES>;
export const AUDITOR_ROLE_CODES = AUDITOR_ROLES.map((r) => r.code) as [AuditorRole, ...AuditorRole[]];

/** The dip samples a programme draws (QA-06: NFA contacts, closed cases, strategy discussions; MO-07: a random sample per team). */
export const SAMPLE_KINDS = [
  { code: 'nfa_contacts', label: 'Contacts closed with no further action', hint: 'Contacts decided “no further action” in the period' },
  { code: 'closed_cases', label: 'Recently closed cases', hint: 'Episodes closed in the period' },
  { code: 'strategy_discussions', label: 'Strategy discussions', hint: 'Children with a strategy discussion in the period' },
  { code: 'team_random', label: 'A random sample of a team’s children', hint: 'Children allocated to the team’s workers at any time in the period' },
] as const satisfies readonly (CodeList[number] & { hint: string })[];
export type SampleKind = CodeOf<typeof SAMPLE_KINDS>;
export const SAMPLE_KIND_CODES = SAMPLE_KINDS.map((k) => k.code) as [SampleKind, ...SampleKind[]];

export const labelOf = (list: readonly { code: string; label: string }[], code: string | null | undefined): string | null => list.find((e) => e.code === code)?.label ?? null;

/** The Lantern roles who may grade or moderate an audit (decision 0024): managers, senior leaders, and the quality and performance team. */
export const AUDITING_ROLES = ['team_manager', 'senior_leader', 'performance_analyst'] as const;
/** The roles who may add an audit tool. */
export const TOOL_ROLES = ['senior_leader', 'administrator'] as const;

/** The grader's role offered first, from their Lantern role. */
export function defaultAuditorRole(role: string): AuditorRole {
  return role === 'team_manager' ? 'first_line' : role === 'senior_leader' ? 'senior' : 'external';
}

/**
 * How long after an allocation ends its worker still counts as the child's recent worker, who may
 * not audit the work (decision 0024): six months, the usual look-back of a case audit.
 */
export const RECENT_WORKER_DAYS = 183;

/** The subject access export's labels for this area's coded columns (src/subject-access/present.ts). */
export const CASE_AUDIT_CODE_LABELS = {
  'case_audit.overall_grade': GRADES,
  'case_audit.auditor_role': AUDITOR_ROLES,
  'case_audit_answer.grade': GRADES,
  'case_audit_moderation.overall_grade': GRADES,
  'case_audit_moderation.moderator_role': AUDITOR_ROLES,
} as const;
