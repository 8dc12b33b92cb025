// Lantern's lists for management oversight (decision 0021).
import type { CodeList, CodeOf } from '../codes/index.ts';
import { codesOf } from '../codes/index.ts';

/** MO-02: a challenge and an escalation are entries of their own, not buried in oversight. */
export const OVERSIGHT_KIND = [
  { code: 'oversight', label: 'Management oversight', note: 'You read the case and give direction' },
  { code: 'challenge', label: 'Challenge', note: 'You challenge the practice or a decision on the case, and expect a response' },
  { code: 'escalation', label: 'Escalation', note: 'You escalate a concern to a senior manager or another agency, and expect a response' },
] as const satisfies CodeList;
export type OversightKindCode = CodeOf<typeof OVERSIGHT_KIND>;
export const OVERSIGHT_KIND_CODES = codesOf(OVERSIGHT_KIND) as [OversightKindCode, ...OversightKindCode[]];

/** What a manager reads before giving direction. */
export const RECORD_PARTS = [
  { code: 'chronology', label: 'Chronology' },
  { code: 'assessment', label: 'Assessment' },
  { code: 'plan', label: 'The plan and its actions' },
  { code: 'visits', label: 'Visits and case notes' },
  { code: 'meetings', label: 'Conferences, reviews and meetings' },
  { code: 'child_views', label: 'The child’s wishes and feelings' },
  { code: 'partners', label: 'Information from partner agencies' },
] as const satisfies CodeList;
export type RecordPartCode = CodeOf<typeof RECORD_PARTS>;
export const RECORD_PART_CODES = codesOf(RECORD_PARTS) as [RecordPartCode, ...RecordPartCode[]];

/** MO-04, DQ-18: the key transitions that need a manager's decision with a rationale before they take effect. */
export const DECISION_KIND = [
  { code: 's47_outcome', label: 'Outcome of the section 47 enquiry' },
  { code: 'plan_start', label: 'Start a plan' },
  { code: 'plan_end', label: 'End a plan' },
  { code: 'closure', label: 'Close the case' },
  { code: 'step_down', label: 'Step down to early help' },
  { code: 'entry_to_care', label: 'The child to become looked after' },
  { code: 'return_home', label: 'The child to return home from care' },
] as const satisfies CodeList;
export type DecisionKindCode = CodeOf<typeof DECISION_KIND>;
export const DECISION_KIND_CODES = codesOf(DECISION_KIND) as [DecisionKindCode, ...DecisionKindCode[]];
