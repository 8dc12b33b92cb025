// England figures bundled as data (issue 9: "England and statistical-neighbour averages where published
// figures exist, bundled as data with their year and source"; decision 0035). Only figures read from
// the DfE's own publication, each with its year, table and the counts it is worked from, and only for
// a measure counted the same way. Left out (not verified, or not counted the same way): second or
// subsequent plans (table D3), plans for neglect, initial conferences within 15 working days, caseloads
// (the workforce census counts cases, not children), and every statistical-neighbour average (they
// depend on the council, and none was verified).
export interface PublishedFigure {
  measureId: string;
  /** A percentage. */
  value: number;
  numerator: number;
  denominator: number;
  /** The year the figure is for. */
  year: string;
  source: string;
}

export const ENGLAND: readonly PublishedFigure[] = [
  {
    measureId: 're-referrals',
    value: 22.4,
    numerator: 139_080,
    denominator: 621_880,
    year: 'year ending 31 March 2024',
    source: 'DfE, “Children in need: a focus on re-referrals”, reporting year 2024, headline figures: 139,080 of 621,880 referrals were re-referrals within 12 months of a previous referral (the release rounds it to 22%; 22.4% is worked from its counts)',
  },
  {
    measureId: 'assessments-on-time',
    value: 85.7,
    numerator: 555_820,
    denominator: 648_830,
    year: 'year ending 31 March 2025',
    source: 'DfE, “Children in need”, reporting year 2025, table C2 (completed assessments by duration), England: 555,820 of 648,830 completed within 45 working days (the same day, 1-10, 11-20, 21-30, 31-40 and 41-45 days added up; DfE rounds each to the nearest 10)',
  },
  {
    measureId: 'cp-ended-2-years',
    value: 4.4,
    numerator: 2_710,
    denominator: 62_300,
    year: 'year ending 31 March 2025',
    source: 'DfE, “Children in need”, reporting year 2025, table D7 (child protection plans ending during the year by duration), England: 2,710 of 62,300 plans ending had lasted 2 years or more, 4.4% as the table gives it (from counts before rounding to the nearest 10)',
  },
];

export const englandFor = (measureId: string): PublishedFigure | null => ENGLAND.find((f) => f.measureId === measureId) ?? null;
