// The codes plans use. Lantern's own: no DfE list exists for an action's status.
import type { CodeList, CodeOf } from '../codes/index.ts';
import { codesOf } from '../codes/index.ts';

export const ACTION_STATUS = [
  { code: 'not_started', label: 'Not started' },
  { code: 'in_progress', label: 'In progress' },
  { code: 'done', label: 'Done' },
  { code: 'no_longer_needed', label: 'No longer needed' },
] as const satisfies CodeList;
export type ActionStatusCode = CodeOf<typeof ACTION_STATUS>;
export const ACTION_STATUS_CODES = codesOf(ACTION_STATUS) as [ActionStatusCode, ...ActionStatusCode[]];

/** Statuses of an action still to be done: these can be overdue. */
export const OPEN_ACTION_STATUSES: readonly ActionStatusCode[] = ['not_started', 'in_progress'];

/** Why a care plan ended: Lantern ends it itself when the period of care ends (src/looked-after/service.ts). */
export const CARE_PLAN_END_REASON = [{ code: 'ceased_looked_after', label: 'The child ceased to be looked after' }] as const satisfies CodeList;
