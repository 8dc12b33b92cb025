// Runs the year's SSDA903 rules over a return: each failure by child and rule, and a count per rule.
// The report has the same shape as the CIN census's (../cin-census/validate.ts), so the page shows
// both the same way.
import type { Ssda903Return } from './model.ts';
import { rulesOfYear, type RuleContext, type Ssda903Rule } from './rules/index.ts';

export interface Ssda903Failure {
  code: string;
  kind: Ssda903Rule['kind'];
  message: string;
  /** Lantern's id of the child; null for a finding about the whole return. */
  childId: string | null;
  laChildId: string | null;
  where: string;
}

export interface RuleCount {
  code: string;
  kind: Ssda903Rule['kind'];
  message: string;
  failures: number;
  children: number;
}

export interface Ssda903Report {
  failures: Ssda903Failure[];
  counts: RuleCount[];
  errors: number;
  queries: number;
  childrenWithErrors: number;
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
  const byCode = new Map<string, Ssda903Failure[]>();
  for (const f of failures) {
    const list = byCode.get(f.code);
    if (list) list.push(f);
    else byCode.set(f.code, [f]);
  }
  const counts = rules
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
    rules: rules.length,
  };
}
