// Runs every CIN census rule over a return: each failure by child and rule, and a count per rule.
import type { CensusReturn } from './model.ts';
import { CENSUS_RULES, type CensusRule, type RuleContext } from './rules/index.ts';
import { summariseFailures, type RuleFailure, type RuleReport } from '../report.ts';

export type CensusFailure = RuleFailure;

export type { RuleCount } from '../report.ts';

export type CensusReport = RuleReport<CensusFailure>;

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
  return summariseFailures(rules, failures);
}
