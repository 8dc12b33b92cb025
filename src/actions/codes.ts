// Where an action that is not a plan's came from, in a worker's words.
import type { CodeList } from '../codes/index.ts';

export const CASE_ACTION_SOURCE = [
  { code: 'oversight', label: 'Management oversight' },
  { code: 'supervision', label: 'Supervision' },
  { code: 'audit', label: 'Case audit' },
] as const satisfies CodeList;
