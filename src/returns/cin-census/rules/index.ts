// Every CIN census validation rule Lantern implements, in groups (standards.md §1.5; decision 0028).
import type { CensusRule } from './define.ts';
import { CHILD_RULES } from './child.ts';
import { EPISODE_RULES } from './episodes.ts';
import { ASSESSMENT_RULES } from './assessments.ts';
import { SECTION47_RULES } from './section47.ts';
import { CIN_PLAN_RULES, CP_PLAN_RULES } from './plans.ts';
import { MODULE5_RULES } from './module5.ts';

export const CENSUS_RULES: readonly CensusRule[] = [...CHILD_RULES, ...EPISODE_RULES, ...ASSESSMENT_RULES, ...SECTION47_RULES, ...CIN_PLAN_RULES, ...CP_PLAN_RULES, ...MODULE5_RULES];

export type { CensusRule, RuleContext } from './define.ts';
