// What a CIN census validation rule is (standards.md §1.5): the DfE number, whether it is an error or
// a query (a code ending in Q), DfE's message, and a check over the return's data that names where in
// the child's return it fails. Rules are data: the engine (../validate.ts) runs every one of them.
import { workingDaysBetween } from '../../../calendar/index.ts';
import type { CensusAssessment, CensusChild, CensusCinDetails, CensusCinPlan, CensusCpPlan, CensusReturn, CensusSection47 } from '../model.ts';
import type { CollectionYear } from '../year.ts';

export interface RuleContext {
  year: CollectionYear;
  /** The census year's end, or today for the live record part-way through a year. */
  asOf: string;
}

/** One failure: the child (null for the return as a whole) and where in their return. */
export interface WholeReturnFinding {
  childId: string | null;
  where: string;
}

export interface CensusRule {
  code: string;
  kind: 'error' | 'query';
  message: string;
  /** Where in one child's return the rule fails ('' for the child as a whole). */
  child?: (c: CensusChild, ctx: RuleContext) => string[];
  /** The first census year the rule is in (Module 5: 2027, for 2026-27); every year if absent. */
  fromYear?: number;
  /** Rules over the whole return (duplicates, percentages, the header). */
  whole?: (r: CensusReturn, ctx: RuleContext) => WholeReturnFinding[];
}

const kindOf = (code: string): CensusRule['kind'] => (code.endsWith('Q') ? 'query' : 'error');

export function childRule(code: string, message: string, check: (c: CensusChild, ctx: RuleContext) => boolean | string[]): CensusRule {
  return {
    code,
    kind: kindOf(code),
    message,
    child: (c, ctx) => {
      const result = check(c, ctx);
      return result === true ? [''] : result === false ? [] : result;
    },
  };
}

export function wholeRule(code: string, message: string, whole: CensusRule['whole']): CensusRule {
  return { code, kind: kindOf(code), message, whole };
}

// Where, in words an analyst can find in the record.
export const referralWhere = (d: CensusCinDetails) => `Referral ${d.referralDate}`;
export const assessmentWhere = (d: CensusCinDetails, a: CensusAssessment) => `${referralWhere(d)}: assessment started ${a.startDate}`;
export const enquiryWhere = (d: CensusCinDetails, s: CensusSection47) => `${referralWhere(d)}: section 47 enquiry started ${s.startDate}`;
export const cpPlanWhere = (d: CensusCinDetails, p: CensusCpPlan) => `${referralWhere(d)}: child protection plan started ${p.startDate}`;
export const cinPlanWhere = (d: CensusCinDetails, p: CensusCinPlan) => `${referralWhere(d)}: child in need plan started ${p.startDate}`;

export const episodeRule = (code: string, message: string, fails: (d: CensusCinDetails, c: CensusChild, ctx: RuleContext) => boolean) =>
  childRule(code, message, (c, ctx) => c.cinDetails.filter((d) => fails(d, c, ctx)).map(referralWhere));

export const assessmentRule = (code: string, message: string, fails: (a: CensusAssessment, d: CensusCinDetails, c: CensusChild, ctx: RuleContext) => boolean) =>
  childRule(code, message, (c, ctx) => c.cinDetails.flatMap((d) => d.assessments.filter((a) => fails(a, d, c, ctx)).map((a) => assessmentWhere(d, a))));

export const enquiryRule = (code: string, message: string, fails: (s: CensusSection47, d: CensusCinDetails, c: CensusChild, ctx: RuleContext) => boolean) =>
  childRule(code, message, (c, ctx) => c.cinDetails.flatMap((d) => d.section47s.filter((s) => fails(s, d, c, ctx)).map((s) => enquiryWhere(d, s))));

export const cpPlanRule = (code: string, message: string, fails: (p: CensusCpPlan, d: CensusCinDetails, c: CensusChild, ctx: RuleContext) => boolean) =>
  childRule(code, message, (c, ctx) => c.cinDetails.flatMap((d) => d.cpPlans.filter((p) => fails(p, d, c, ctx)).map((p) => cpPlanWhere(d, p))));

export const cinPlanRule = (code: string, message: string, fails: (p: CensusCinPlan, d: CensusCinDetails, c: CensusChild, ctx: RuleContext) => boolean) =>
  childRule(code, message, (c, ctx) => c.cinDetails.flatMap((d) => d.cinPlans.filter((p) => fails(p, d, c, ctx)).map((p) => cinPlanWhere(d, p))));

// --- Date helpers -------------------------------------------------------------------------------

export const inYear = (date: string, ctx: RuleContext) => date >= ctx.year.start && date <= ctx.year.end;

/** Two periods overlap (an open end runs for ever); periods that only touch do not. */
export function overlaps(a: { start: string; end: string | null }, b: { start: string; end: string | null }): boolean {
  return a.start < (b.end ?? '9999-12-31') && b.start < (a.end ?? '9999-12-31');
}

/** Working days from one day to another; null outside the calendar's years rather than a crash. */
export function workingDaysFrom(start: string, end: string): number | null {
  try {
    return workingDaysBetween(start, end);
  } catch {
    return null;
  }
}

export function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const repeated = new Set<T>();
  for (const v of values) (seen.has(v) ? repeated : seen).add(v);
  return [...repeated];
}

/** An unborn child: an expected date of birth and no date of birth (rule 8750's test). */
export const isUnborn = (c: CensusChild) => !c.birthDate && !!c.expectedBirthDate;
