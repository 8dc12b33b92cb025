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
  child?: (c: CensusChild, ctx: RuleContext) => readonly string[];
  /** The first census year the rule is in (Module 5: 2027, for 2026-27); every year if absent. */
  fromYear?: number;
  /** Rules over the whole return (duplicates, percentages, the header). */
  whole?: (r: CensusReturn, ctx: RuleContext) => WholeReturnFinding[];
}

const kindOf = (code: string): CensusRule['kind'] => (code.endsWith('Q') ? 'query' : 'error');

// Every rule runs over every child, and almost every child passes almost every rule: the answers for
// "passes" and "fails as a whole" are shared, and a list is made only for a child who fails, so that a
// 20,000-child check allocates little beyond its failures.
const PASSES: readonly string[] = Object.freeze([]);
const FAILS_AS_A_WHOLE: readonly string[] = Object.freeze(['']);

export function childRule(code: string, message: string, check: (c: CensusChild, ctx: RuleContext) => boolean | readonly string[]): CensusRule {
  return {
    code,
    kind: kindOf(code),
    message,
    child: (c, ctx) => {
      const result = check(c, ctx);
      return result === true ? FAILS_AS_A_WHOLE : result === false ? PASSES : result;
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

/** Where each of a child's episodes fails, in order. */
export const episodeRule = (code: string, message: string, fails: (d: CensusCinDetails, c: CensusChild, ctx: RuleContext) => boolean) =>
  childRule(code, message, (c, ctx) => {
    let where: string[] | null = null;
    for (const d of c.cinDetails) if (fails(d, c, ctx)) (where ??= []).push(referralWhere(d));
    return where ?? PASSES;
  });

/** Where each item of one kind in a child's episodes fails, episode by episode, in order. */
function itemRule<T>(
  code: string,
  message: string,
  itemsOf: (d: CensusCinDetails) => readonly T[],
  whereOf: (d: CensusCinDetails, item: T) => string,
  fails: (item: T, d: CensusCinDetails, c: CensusChild, ctx: RuleContext) => boolean,
): CensusRule {
  return childRule(code, message, (c, ctx) => {
    let where: string[] | null = null;
    for (const d of c.cinDetails) for (const item of itemsOf(d)) if (fails(item, d, c, ctx)) (where ??= []).push(whereOf(d, item));
    return where ?? PASSES;
  });
}

export const assessmentRule = (code: string, message: string, fails: (a: CensusAssessment, d: CensusCinDetails, c: CensusChild, ctx: RuleContext) => boolean) =>
  itemRule(code, message, (d) => d.assessments, assessmentWhere, fails);

export const enquiryRule = (code: string, message: string, fails: (s: CensusSection47, d: CensusCinDetails, c: CensusChild, ctx: RuleContext) => boolean) =>
  itemRule(code, message, (d) => d.section47s, enquiryWhere, fails);

export const cpPlanRule = (code: string, message: string, fails: (p: CensusCpPlan, d: CensusCinDetails, c: CensusChild, ctx: RuleContext) => boolean) =>
  itemRule(code, message, (d) => d.cpPlans, cpPlanWhere, fails);

export const cinPlanRule = (code: string, message: string, fails: (p: CensusCinPlan, d: CensusCinDetails, c: CensusChild, ctx: RuleContext) => boolean) =>
  itemRule(code, message, (d) => d.cinPlans, cinPlanWhere, fails);

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
