// Lantern's own code lists: no DfE or Ofsted list exists for these, so the codes are ours.
import type { CodeList, CodeOf } from './code-list.ts';
import { zodEnumOf } from './code-list.ts';
import type { PermanencePlanCode } from './annex-a.ts';

/**
 * Agencies taking part in a strategy discussion. Lantern's own list, not a DfE one: it exists so
 * the record can show which agencies took part and flag discussions where only police and social
 * care did (/work/shared/reference/seed-requirements.md §1.4, SD-01).
 */
export const STRATEGY_DISCUSSION_AGENCY = [
  { code: 'POLICE', label: 'Police' },
  { code: 'HEALTH', label: 'Health' },
  { code: 'EDUCATION', label: 'Education' },
  { code: 'SOCIAL_CARE', label: 'Children\'s social care' },
  { code: 'PROBATION', label: 'Probation' },
  { code: 'OTHER', label: 'Other agency' },
] as const satisfies CodeList;
export type StrategyDiscussionAgencyCode = CodeOf<typeof STRATEGY_DISCUSSION_AGENCY>;
export const strategyDiscussionAgencyCodeSchema = zodEnumOf(STRATEGY_DISCUSSION_AGENCY);

/**
 * The routes to permanence a child's plan may take (seed PM-01: adoption, long-term fostering,
 * SGO/CAO, return home). Lantern's own list, finer than Annex A list 8 (which joins special
 * guardianship and child arrangements orders as "SGO/CAO"): `annexA` names the PERMANENCE_PLAN code
 * (annex-a.ts) each one is returned as.
 */
export const PERMANENCE_ROUTE = [
  { code: 'adoption', label: 'Adoption', annexA: 'ADOPTION' },
  { code: 'special_guardianship', label: 'Special guardianship order', annexA: 'SGO_CAO' },
  { code: 'long_term_fostering', label: 'Long-term fostering', annexA: 'LONG_TERM_FOSTERING' },
  { code: 'return_home', label: 'Return home to parents or family', annexA: 'RETURN_TO_FAMILY' },
  { code: 'child_arrangements', label: 'Child arrangements order', annexA: 'SGO_CAO' },
  { code: 'other', label: 'Other', annexA: 'OTHER' },
] as const satisfies readonly (CodeList[number] & { annexA: PermanencePlanCode })[];
export type PermanenceRouteCode = CodeOf<typeof PERMANENCE_ROUTE>;
export const permanenceRouteCodeSchema = zodEnumOf(PERMANENCE_ROUTE);

/** The orders that achieve permanence outside care, with the SSDA903 reasons care ends (REC) each allows. */
export const PERMANENCE_ORDER = [
  { code: 'adoption', label: 'Adoption order (Adoption and Children Act 2002 s.46)', route: 'adoption', reasonsCeased: ['E11', 'E12'] },
  { code: 'special_guardianship', label: 'Special guardianship order (Children Act 1989 s.14A)', route: 'special_guardianship', reasonsCeased: ['E45', 'E46', 'E47', 'E48'] },
  { code: 'child_arrangements', label: 'Child arrangements order (Children Act 1989 s.8)', route: 'child_arrangements', reasonsCeased: ['E41'] },
] as const satisfies readonly (CodeList[number] & { route: string; reasonsCeased: readonly string[] })[];
export type PermanenceOrderCode = CodeOf<typeof PERMANENCE_ORDER>;

/** Authority to place a child for adoption (Adoption and Children Act 2002 ss.19, 21). */
export const AUTHORITY_TO_PLACE = [
  { code: 'placement_order', label: 'Placement order made by the court (s.21)' },
  { code: 'consent', label: 'The parents consented to placement for adoption (s.19)' },
] as const satisfies CodeList;
export type AuthorityToPlaceCode = CodeOf<typeof AUTHORITY_TO_PLACE>;

/**
 * How a member of staff is employed (WF-02, WF-04: "% agency staff by team"). Lantern's own list,
 * as the worker_profile table allows it (migration 0027).
 */
export const EMPLOYMENT = [
  { code: 'permanent', label: 'Permanent' },
  { code: 'agency', label: 'Agency' },
  { code: 'fixed_term', label: 'Fixed-term contract' },
  { code: 'seconded', label: 'Seconded' },
] as const satisfies CodeList;
