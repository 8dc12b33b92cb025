// Runs every CIN census rule over a return: each failure by child and rule, and a count per rule.
import type { CensusReturn } from './model.ts';
import { CENSUS_RULES, type CensusRule, type RuleContext } from './rules/index.ts';

export interface CensusFailure {
  code: string;
  kind: CensusRule['kind'];
  message: string;
  /** Lantern's id of the child; null for a finding about the whole return. */
  childId: string | null;
  laChildId: string | null;
  where: string;
}

export interface RuleCount {
  code: string;
  kind: CensusRule['kind'];
  message: string;
  failures: number;
  children: number;
}

export interface CensusReport {
  failures: CensusFailure[];
  counts: RuleCount[];
  errors: number;
  queries: number;
  childrenWithErrors: number;
}

export function validateCensus(census: CensusReturn, ctx: RuleContext, rules: readonly CensusRule[] = CENSUS_RULES): CensusReport {
  const failures: CensusFailure[] = [];
  const laIdOf = new Map(census.children.map((c) => [c.childId, c.laChildId]));
  for (const rule of rules) {
    if (rule.fromYear !== undefined && ctx.year.year < rule.fromYear) continue;
    const base = { code: rule.code, kind: rule.kind, message: rule.message };
    if (rule.child) {
      for (const c of census.children) for (const where of rule.child(c, ctx)) failures.push({ ...base, childId: c.childId, laChildId: c.laChildId, where });
    }
    if (rule.whole) {
      for (const f of rule.whole(census, ctx)) failures.push({ ...base, childId: f.childId, laChildId: f.childId ? (laIdOf.get(f.childId) ?? null) : null, where: f.where });
    }
  }
  const byCode = new Map<string, CensusFailure[]>();
  for (const f of failures) {
    const list = byCode.get(f.code);
    if (list) list.push(f);
    else byCode.set(f.code, [f]);
  }
  const counts: RuleCount[] = rules
    .filter((rule) => byCode.has(rule.code))
    .map((rule) => {
      const mine = byCode.get(rule.code) ?? [];
      return { code: rule.code, kind: rule.kind, message: rule.message, failures: mine.length, children: new Set(mine.map((f) => f.childId).filter(Boolean)).size };
    });
  const errors = failures.filter((f) => f.kind === 'error');
  return {
    failures,
    counts,
    errors: errors.length,
    queries: failures.length - errors.length,
    childrenWithErrors: new Set(errors.map((f) => f.childId).filter(Boolean)).size,
  };
}
