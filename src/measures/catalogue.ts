// The measure catalogue (issue 9, decision 0027): every figure Lantern gives, each one definition with
// its citation (seed-requirements.md §2, the DfE children's social care dashboard) and, for a
// timeliness measure, the clock rule that also puts the task on the worker's due list
// (src/clocks/rules.ts), so the figure and the due list cannot disagree. Each service area's part is
// in catalogue/ (decision 0038); others read the catalogue only through these exports.
import { ADOPTION } from './catalogue/adoption.ts';
import { ADOPTION_JOURNEYS } from './catalogue/adoption-journeys.ts';
import { CARE_LEAVERS } from './catalogue/care-leavers.ts';
import { CHILDREN_IN_CARE } from './catalogue/children-in-care.ts';
import { HELP_AND_PROTECTION } from './catalogue/help-and-protection.ts';
import { VISITS_AND_SCHOOLING } from './catalogue/visits-and-schooling.ts';
import type { Measure } from './catalogue/define.ts';

export { MEASURE_GROUPS, rulesOf, type Measure, type MeasureKind } from './catalogue/define.ts';
export { CHILD_SEEN_DAYS } from './catalogue/help-and-protection.ts';

export const MEASURES: readonly Measure[] = [...HELP_AND_PROTECTION, ...CHILDREN_IN_CARE, ...VISITS_AND_SCHOOLING, ...ADOPTION, ...ADOPTION_JOURNEYS, ...CARE_LEAVERS];

export const measureById = (id: string): Measure | undefined => MEASURES.find((m) => m.id === id);
