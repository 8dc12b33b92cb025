// What an import did with every child and fact in the file (issue 10: "a report lists every row
// rejected and why; nothing is silently dropped"). The counts of each kind add up to what the file
// held: created + already in Lantern + rejected.
import type { Difference } from './differences.ts';

export type FactKind =
  | 'child' | 'disability' | 'episode' | 'assessment' | 'cinPlan' | 'section47' | 'initialConference' | 'cpPlan' | 'review'
  // The SSDA903 return's tables (decision 0040): Header rows are 'child'.
  | 'careEpisode' | 'lookedAfterReview' | 'uasc' | 'oc2' | 'oc3' | 'ad1' | 'placedAdoption' | 'prevPerm' | 'missing' | 'swEpisode' | 'dolo';

/** The kinds of each return, in the order its report lists them. */
export const CIN_CENSUS_KINDS: readonly FactKind[] = ['child', 'disability', 'episode', 'assessment', 'cinPlan', 'section47', 'initialConference', 'cpPlan', 'review'];
export const SSDA903_KINDS: readonly FactKind[] = ['child', 'careEpisode', 'lookedAfterReview', 'uasc', 'oc2', 'oc3', 'ad1', 'placedAdoption', 'prevPerm', 'missing', 'swEpisode', 'dolo'];

/** The SSDA903 table each kind is a row of (to count a rejected row of any table). */
export const SSDA903_TABLE_KIND: Record<string, FactKind> = {
  Header: 'child', Episodes: 'careEpisode', Reviews: 'lookedAfterReview', UASC: 'uasc', OC2: 'oc2', OC3: 'oc3', AD1: 'ad1',
  PlacedAdoption: 'placedAdoption', PrevPerm: 'prevPerm', Missing: 'missing', SWEpisodes: 'swEpisode', DoLo: 'dolo',
};

/** Plural names for the report, in the order a record is built. */
export const FACT_NAMES: Record<FactKind, string> = {
  child: 'children',
  disability: 'disabilities',
  episode: 'episodes of need (referrals)',
  assessment: 'assessments',
  cinPlan: 'child in need plans',
  section47: 'section 47 enquiries',
  initialConference: 'initial child protection conferences',
  cpPlan: 'child protection plans',
  review: 'child protection review conferences',
  careEpisode: 'episodes of care (SSDA903 Episodes rows)',
  lookedAfterReview: 'looked-after reviews',
  uasc: 'UASC rows',
  oc2: 'OC2 rows (outcomes)',
  oc3: 'OC3 rows (care leavers)',
  ad1: 'AD1 rows (adoptions)',
  placedAdoption: 'placed for adoption rows',
  prevPerm: 'previous permanence rows',
  missing: 'missing episodes',
  swEpisode: 'social worker episodes',
  dolo: 'deprivation of liberty orders',
};

export interface FactCounts {
  created: number;
  alreadyInLantern: number;
  rejected: number;
}

export interface RejectedRow {
  /** The child's position in the file (1 = the first <Child>; for an SSDA903 return, the Header row). */
  position: number;
  laChildId: string | null;
  kind: FactKind;
  /** Where in the child's element, e.g. "CINdetails 1 / Section47 2". */
  where: string;
  reason: string;
}

export interface ImportReport {
  year: number | null;
  childrenInFile: number;
  counts: Record<FactKind, FactCounts>;
  rejected: RejectedRow[];
  /** Values the file gave that Lantern's own return for the year holds differently (differences.ts). */
  differences: Difference[];
  add(kind: FactKind, outcome: keyof FactCounts, n: number): void;
}

export function emptyReport(year: number | null, childrenInFile: number, kinds: readonly FactKind[] = CIN_CENSUS_KINDS): ImportReport {
  const counts = Object.fromEntries(kinds.map((k) => [k, { created: 0, alreadyInLantern: 0, rejected: 0 }])) as Record<FactKind, FactCounts>;
  return {
    year,
    childrenInFile,
    counts,
    rejected: [],
    differences: [],
    add(kind, outcome, n) {
      counts[kind] ??= { created: 0, alreadyInLantern: 0, rejected: 0 };
      counts[kind][outcome] += n;
    },
  };
}
