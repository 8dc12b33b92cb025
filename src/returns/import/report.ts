// What an import did with every child and fact in the file (issue 10: "a report lists every row
// rejected and why; nothing is silently dropped"). The counts of each kind add up to what the file
// held: created + already in Lantern + rejected.
import type { Difference } from './differences.ts';

export type FactKind = 'child' | 'disability' | 'episode' | 'assessment' | 'cinPlan' | 'section47' | 'initialConference' | 'cpPlan' | 'review';

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
};

export interface FactCounts {
  created: number;
  alreadyInLantern: number;
  rejected: number;
}

export interface RejectedRow {
  /** The child's position in the file (1 = the first <Child>). */
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

export function emptyReport(year: number | null, childrenInFile: number): ImportReport {
  const counts = Object.fromEntries((Object.keys(FACT_NAMES) as FactKind[]).map((k) => [k, { created: 0, alreadyInLantern: 0, rejected: 0 }])) as Record<FactKind, FactCounts>;
  return {
    year,
    childrenInFile,
    counts,
    rejected: [],
    differences: [],
    add(kind, outcome, n) {
      counts[kind][outcome] += n;
    },
  };
}
