// The SSDA903 collection year: 1 April to 31 March, named by the year it ends in (2026 for 2025-26),
// like the CIN census's (../cin-census/year.ts). Which tables and rules a year has follows the
// validator's rule sets (standards.md §2.4): 2025-26 is the first Lantern offers (its placement codes
// Z11-Z14 and the 2025-26 rules 233-243, SW17-SW19); 2026-27 adds the DoLo table (rules 700-710).
import { collectionYear, collectionYearOf, type CollectionYear } from '../cin-census/year.ts';

export { collectionYear, collectionYearOf, type CollectionYear };

/** The first SSDA903 year Lantern offers: 2025-26. */
export const FIRST_903_YEAR = 2026;
/** The first year with the deprivation of liberty orders table (policy-2026.md §2.6; ssda903-rules.md 700-710). */
export const FIRST_DOLO_YEAR = 2027;

export const hasDoloTable = (year: number): boolean => year >= FIRST_DOLO_YEAR;

/** Years an analyst may choose, newest first: the current one (to date) and those before it. */
export function yearsToOffer(today: string): CollectionYear[] {
  const current = collectionYearOf(today).year;
  const years: CollectionYear[] = [];
  for (let y = current; y >= FIRST_903_YEAR; y--) years.push(collectionYear(y));
  return years;
}

export const is903Year = (value: unknown, today: string): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= FIRST_903_YEAR && value <= collectionYearOf(today).year;
