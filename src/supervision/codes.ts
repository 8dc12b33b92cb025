// The codes supervision uses. Lantern's own lists (decision 0022).
import type { CodeList, CodeOf } from '../codes/index.ts';
import { codesOf } from '../codes/index.ts';

/** Casework and reflective supervision are separate records (Southend 2016 ¶124; WF-06). */
export const SUPERVISION_KIND = [
  { code: 'casework', label: 'Casework supervision', note: 'The children the worker holds: progress against each plan, decisions and actions. Each child’s discussion goes on their record.' },
  { code: 'reflective', label: 'Reflective supervision', note: 'The worker’s practice, learning, development and wellbeing. Stays in the worker’s supervision file, never on a child’s record.' },
] as const satisfies CodeList;
export type SupervisionKindCode = CodeOf<typeof SUPERVISION_KIND>;
export const SUPERVISION_KIND_CODES = codesOf(SUPERVISION_KIND) as [SupervisionKindCode, ...SupervisionKindCode[]];

/** Concerns held beside the supervision file (WF-11; Newham 2014 ¶134). */
export const CONCERN_KIND = [
  { code: 'capability', label: 'Capability', note: 'The worker’s practice is not at the standard expected' },
  { code: 'conduct', label: 'Conduct', note: 'The worker’s behaviour' },
] as const satisfies CodeList;
export type ConcernKindCode = CodeOf<typeof CONCERN_KIND>;
export const CONCERN_KIND_CODES = codesOf(CONCERN_KIND) as [ConcernKindCode, ...ConcernKindCode[]];

export const labelsOf = (list: readonly { code: string; label: string }[]): Record<string, string> => Object.fromEntries(list.map((e) => [e.code, e.label]));
