// The CIN census collection year: 1 April to 31 March, named by the year it ends in (the census's
// own <Year>), with ReferenceDate 31 March (rule 100).

export interface CollectionYear {
  /** The year the collection ends in: 2026 for 2025-26. */
  year: number;
  start: string;
  end: string;
  /** "2025 to 2026". */
  label: string;
}

export function collectionYear(year: number): CollectionYear {
  return { year, start: `${year - 1}-04-01`, end: `${year}-03-31`, label: `${year - 1} to ${year}` };
}

/** The collection year a date falls in. */
export function collectionYearOf(date: string): CollectionYear {
  const y = Number(date.slice(0, 4));
  return collectionYear(date.slice(5) >= '04-01' ? y + 1 : y);
}

/** The first census year with Module 5, pre-proceedings and family group decision-making (2026-27). */
export const MODULE5_FIRST_YEAR = 2027;

/** The first census year Lantern offers: the first with Sex in place of GenderCurrent (2024-25). */
export const FIRST_CENSUS_YEAR = 2025;

/** Years an analyst may choose, newest first: the current one (to date) and those before it. */
export function yearsToOffer(today: string): CollectionYear[] {
  const current = collectionYearOf(today).year;
  const years: CollectionYear[] = [];
  for (let y = current; y >= FIRST_CENSUS_YEAR; y--) years.push(collectionYear(y));
  return years;
}

export const isCensusYear = (value: unknown, today: string): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= FIRST_CENSUS_YEAR && value <= collectionYearOf(today).year;
