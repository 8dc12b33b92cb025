// Why a child in need plan ends. Lantern's own list: the CIN census records the episode's closure
// reason, not the plan's, and CN-05 needs to know which plans ended in a step down.
import type { CodeList, CodeOf } from '../codes/index.ts';
import { codesOf } from '../codes/index.ts';

export const CIN_PLAN_END_REASON = [
  { code: 'needs_met', label: 'The child’s needs are met and the change has lasted' },
  { code: 'step_down', label: 'Stepped down to early help or universal services' },
  { code: 'step_up_cp', label: 'Stepped up to a child protection plan' },
  { code: 'looked_after', label: 'The child became looked after' },
  { code: 'moved_away', label: 'The family moved to another council' },
  { code: 'consent_withdrawn', label: 'The family withdrew consent' },
  { code: 'other', label: 'Another reason' },
] as const satisfies CodeList;
export type CinPlanEndReason = CodeOf<typeof CIN_PLAN_END_REASON>;
export const CIN_PLAN_END_REASON_CODES = codesOf(CIN_PLAN_END_REASON) as [CinPlanEndReason, ...CinPlanEndReason[]];

/**
 * Endings that close the support because things are better: they need evidence that the change has
 * lasted, and a child in need meeting that reviewed the plan (Southend 2016 Rec 6, ¶22: children
 * re-referred soon after their plans ended).
 */
export const ENDINGS_NEEDING_EVIDENCE: readonly CinPlanEndReason[] = ['needs_met', 'step_down'];
