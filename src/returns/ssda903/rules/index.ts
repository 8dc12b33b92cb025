// Every SSDA903 rule Lantern implements, in groups (ssda903-rules.md; policy-2026.md §2.6; decision 0030).
import type { Ssda903Rule } from './define.ts';
import { HEADER_RULES } from './header.ts';
import { EPISODE_RULES } from './episodes.ts';
import { MISSING_RULES, OC2_RULES, OC3_RULES, REVIEW_RULES } from './activity.ts';
import { ADOPTION_RULES } from './adoption.ts';
import { DOLO_RULES, SOCIAL_WORKER_RULES } from './social-workers.ts';
import { PREVIOUS_PERMANENCE_RULES } from './previous-permanence.ts';
import { UASC_RULES } from './uasc.ts';
import { LAST_YEAR_RULES } from './last-year.ts';
import { PLACEMENT_LOCATION_RULES } from './placement-location.ts';
import { PROVIDER_RULES } from './providers.ts';

export const SSDA903_RULES: readonly Ssda903Rule[] = [...HEADER_RULES, ...EPISODE_RULES, ...PLACEMENT_LOCATION_RULES, ...REVIEW_RULES, ...MISSING_RULES, ...OC2_RULES, ...OC3_RULES, ...ADOPTION_RULES, ...PREVIOUS_PERMANENCE_RULES, ...UASC_RULES, ...SOCIAL_WORKER_RULES, ...DOLO_RULES, ...LAST_YEAR_RULES, ...PROVIDER_RULES];

/** The rules that apply to a collection year (the DoLo rules from 2026-27). */
export const rulesOfYear = (year: number): readonly Ssda903Rule[] => SSDA903_RULES.filter((r) => r.from === undefined || year >= r.from);

export type { Ssda903Rule, RuleContext, LastYearReturn } from './define.ts';
