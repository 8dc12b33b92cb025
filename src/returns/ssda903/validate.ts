// Runs the year's SSDA903 rules over a return: each failure by child and rule, and a count per rule.
// The report has the same shape as the CIN census's (../cin-census/validate.ts), so the page shows
// both the same way.
import type { Ssda903Return } from './model.ts';
import { rulesOfYear, type RuleContext, type Ssda903Rule } from './rules/index.ts';
import { summariseFailures, type RuleFailure, type RuleReport } from '../report.ts';

export type Ssda903Failure = RuleFailure;

export type { RuleCount } from '../report.ts';

export interface Ssda903Report extends RuleReport<Ssda903Failure> {
  /** How many rules were checked. */
  rules: number;
}

export function validateSsda903(r: Ssda903Return, ctx: RuleContext, rules: readonly Ssda903Rule[] = rulesOfYear(ctx.year.year)): Ssda903Report {
  const failures: Ssda903Failure[] = [];
  const laIdOf = new Map(r.children.map((c) => [c.childId, c.child]));
  for (const rule of rules) {
    const base = { code: rule.code, kind: rule.kind, message: rule.message };
    if (rule.child) for (const c of r.children) for (const where of rule.child(c, ctx)) failures.push({ ...base, childId: c.childId, laChildId: c.child, where });
    if (rule.whole) for (const f of rule.whole(r, ctx)) failures.push({ ...base, childId: f.childId, laChildId: f.childId ? (laIdOf.get(f.childId) ?? null) : null, where: f.where });
  }
  return { ...summariseFailures(rules, failures), rules: rules.length };
}
