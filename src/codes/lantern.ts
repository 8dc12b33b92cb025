// Lantern's own code lists: no DfE or Ofsted list exists for these, so the codes are ours.
import type { CodeList, CodeOf } from './code-list.ts';
import { zodEnumOf } from './code-list.ts';

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
