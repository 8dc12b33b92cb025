// Lantern's own lists for the assessment: no DfE list exists for what an assessment decided, or for
// whether a father took part. (They could move to src/codes/lantern.ts with the other Lantern lists.)
import type { CodeList, CodeOf } from '../codes/index.ts';

/** What the assessment concluded should happen next. */
export const ASSESSMENT_OUTCOME = [
  { code: 'NFA', label: 'No further action' },
  { code: 'EARLY_HELP', label: 'Step down to early help' },
  { code: 'CIN_PLAN', label: 'Child in need plan' },
  { code: 'STRATEGY', label: 'Strategy discussion: reasonable cause to suspect significant harm' },
  { code: 'CONTINUE_CP', label: 'Continue under the child protection plan' },
  { code: 'LOOKED_AFTER', label: 'Child to become looked after' },
  { code: 'OTHER', label: 'Other (say what in the analysis)' },
] as const satisfies CodeList;
export type AssessmentOutcomeCode = CodeOf<typeof ASSESSMENT_OUTCOME>;

/** Whether the child's father took part (Newham 2020: fathers left out of assessments). */
export const FATHER_INVOLVED = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
  { code: 'not-known', label: 'Not known' },
] as const satisfies CodeList;

export const YES_NO = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
] as const satisfies CodeList;
