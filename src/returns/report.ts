// A return's validation report, the same for the CIN census and the SSDA903: each failure by child and
// rule, a count per rule, and the failures of one child together for the page.

export interface RuleFailure {
  code: string;
  kind: 'error' | 'query';
  message: string;
  /** Lantern's id of the child; null for a finding about the whole return. */
  childId: string | null;
  laChildId: string | null;
  where: string;
}

export interface RuleCount {
  code: string;
  kind: RuleFailure['kind'];
  message: string;
  failures: number;
  children: number;
}

export interface RuleReport<F extends RuleFailure = RuleFailure> {
  failures: F[];
  counts: RuleCount[];
  errors: number;
  queries: number;
  childrenWithErrors: number;
}

const childrenOf = (failures: readonly RuleFailure[]) => new Set(failures.map((f) => f.childId).filter(Boolean)).size;

/** Counts the failures by rule, in the rules' order, and the errors and queries in all. */
export function summariseFailures<F extends RuleFailure>(rules: readonly { code: string; kind: RuleFailure['kind']; message: string }[], failures: F[]): RuleReport<F> {
  const byCode = new Map<string, F[]>();
  for (const f of failures) {
    const list = byCode.get(f.code);
    if (list) list.push(f);
    else byCode.set(f.code, [f]);
  }
  const counts = rules.flatMap((rule) => {
    const mine = byCode.get(rule.code);
    return mine ? [{ code: rule.code, kind: rule.kind, message: rule.message, failures: mine.length, children: childrenOf(mine) }] : [];
  });
  const errors = failures.filter((f) => f.kind === 'error');
  return { failures, counts, errors: errors.length, queries: failures.length - errors.length, childrenWithErrors: childrenOf(errors) };
}

/** One child's failures together, in the order of their LA child ID; only one rule's when chosen. */
export function failuresByChild<F extends RuleFailure>(failures: readonly F[], rule: string | null): F[] {
  return failures
    .map((f, order) => ({ f, order }))
    .filter(({ f }) => f.childId !== null && (!rule || f.code === rule))
    .sort((a, b) => (a.f.laChildId ?? '').localeCompare(b.f.laChildId ?? '') || (a.f.childId ?? '').localeCompare(b.f.childId ?? '') || a.order - b.order)
    .map(({ f }) => f);
}
