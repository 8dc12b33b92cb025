// What an SSDA903 validation rule is (ssda903-rules.md; policy-2026.md §2.6): DfE's code, DfE's
// message, the tables it reads, and a check over one child's return (or the whole return) that names
// where it fails. Rules are data: ../validate.ts runs every one that applies to the year.
import { daysBetween, isIsoDate } from '../../../calendar/index.ts';
import type { Ssda903Child, Ssda903Episode, Ssda903Return } from '../model.ts';
import type { CollectionYear } from '../year.ts';
import type { ProviderRegister } from '../../../providers/model.ts';

export interface RuleContext {
  year: CollectionYear;
  /** The year's end, or today for the live record part-way through a year. */
  asOf: string;
  /** Last year's return, for the rules that compare with it (decision 0076); without it they are not checked. */
  last?: LastYearReturn;
  /** Ofsted's provider lists, when loaded (decision 0077): rules 219-229, 241 and 1008 need them. */
  providers?: ProviderRegister;
}

/** Last year's return, each child found by Lantern's id (the same person in both years). */
export interface LastYearReturn {
  year: CollectionYear;
  childOf: ReadonlyMap<string, Ssda903Child>;
  /** Whether last year's return has any episode at all (rule 1001 needs both years' episodes). */
  hasEpisodes: boolean;
}

export const lastYearReturn = (r: Ssda903Return, year: CollectionYear): LastYearReturn => ({
  year,
  childOf: new Map(r.children.map((c) => [c.childId, c])),
  hasEpisodes: r.children.some((c) => c.episodes.length > 0),
});

export interface WholeReturnFinding {
  childId: string | null;
  where: string;
}

export interface Ssda903Rule {
  code: string;
  /** DfE's 903 rules are all errors to be fixed or explained; none is a query by its code. */
  kind: 'error' | 'query';
  message: string;
  /** The first collection year (its end) the rule applies to: 2027 for the DoLo rules. */
  from?: number;
  child?: (c: Ssda903Child, ctx: RuleContext) => string[];
  whole?: (r: Ssda903Return, ctx: RuleContext) => WholeReturnFinding[];
}

export function childRule(code: string, message: string, check: (c: Ssda903Child, ctx: RuleContext) => boolean | string[], options: { from?: number } = {}): Ssda903Rule {
  return {
    code,
    kind: 'error',
    message,
    ...options,
    child: (c, ctx) => {
      const result = check(c, ctx);
      return result === true ? [''] : result === false ? [] : result;
    },
  };
}

/**
 * A rule comparing a child's return with theirs last year (the validator's `_last` tables): `last` is
 * the same child in last year's return, or undefined when they were not in it. Not checked without
 * last year's return, as the validator skips it without the `_last` files.
 */
export function lastYearRule(
  code: string,
  message: string,
  check: (c: Ssda903Child, last: Ssda903Child | undefined, ctx: RuleContext & { last: LastYearReturn }) => boolean | string[],
  options: { from?: number } = {},
): Ssda903Rule {
  return childRule(code, message, (c, ctx) => (ctx.last ? check(c, ctx.last.childOf.get(c.childId), ctx as RuleContext & { last: LastYearReturn }) : false), options);
}

export function wholeRule(code: string, message: string, whole: Ssda903Rule['whole']): Ssda903Rule {
  return { code, kind: 'error', message, whole };
}

// Where, in words an analyst can find in the record.
export const episodeWhere = (e: Ssda903Episode) => `Episode starting ${e.decom}`;

/** A rule on each episode, given the one before and after it in the child's return. */
export const episodeRule = (code: string, message: string, fails: (e: Ssda903Episode, c: Ssda903Child, ctx: RuleContext, i: number) => boolean) =>
  childRule(code, message, (c, ctx) => c.episodes.filter((e, i) => fails(e, c, ctx, i)).map(episodeWhere));

export const reviewRule = (code: string, message: string, fails: (r: Ssda903Child['reviews'][number], c: Ssda903Child, ctx: RuleContext) => boolean) =>
  childRule(code, message, (c, ctx) => c.reviews.filter((r) => fails(r, c, ctx)).map((r) => `Review ${r.review}`));

export const missingRule = (code: string, message: string, fails: (m: Ssda903Child['missing'][number], c: Ssda903Child, ctx: RuleContext, i: number) => boolean) =>
  childRule(code, message, (c, ctx) => c.missing.filter((m, i) => fails(m, c, ctx, i)).map((m) => `Missing from ${m.misStart}`));

export const placedRule = (code: string, message: string, fails: (p: Ssda903Child['placedAdoption'][number], c: Ssda903Child, ctx: RuleContext, i: number) => boolean) =>
  childRule(code, message, (c, ctx) => c.placedAdoption.filter((p, i) => fails(p, c, ctx, i)).map((p) => `Decision to place for adoption ${p.datePlaced}`));

export const swRule = (code: string, message: string, fails: (s: Ssda903Child['swEpisodes'][number], c: Ssda903Child, ctx: RuleContext, i: number) => boolean) =>
  childRule(code, message, (c, ctx) => c.swEpisodes.filter((s, i) => fails(s, c, ctx, i)).map((s) => `Social worker episode starting ${s.swDecom}`));

export const doloRule = (code: string, message: string, fails: (d: Ssda903Child['dolo'][number], c: Ssda903Child, ctx: RuleContext, i: number) => boolean) => ({
  ...childRule(code, message, (c, ctx) => c.dolo.filter((d, i) => fails(d, c, ctx, i)).map((d) => `Deprivation of liberty order from ${d.doloStart}`)),
  from: 2027,
});

// --- Helpers ------------------------------------------------------------------------------------

/** Whole years between a date of birth and a day. */
export function ageOn(dob: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dob.slice(0, 4));
  return day.slice(5) < dob.slice(5) ? years - 1 : years;
}

/** Age at a day, or null when the date of birth is missing or not a date. */
export const ageAt = (c: Ssda903Child, day: string): number | null => (c.dob && isIsoDate(c.dob) ? ageOn(c.dob, day) : null);

export const validDate = (value: string | null): boolean => value !== null && isIsoDate(value);

/** Days from one day to another (both ISO). */
export const days = (from: string, to: string): number => daysBetween(from, to);

export const TEMPORARY = ['T0', 'T1', 'T2', 'T3', 'T4'];
export const ADOPTION_PLACEMENTS = ['A3', 'A4', 'A5', 'A6'];
export const SHORT_BREAKS = ['V3', 'V4'];
export const FOSTER_PLACEMENTS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'];
export const isTemporary = (place: string) => TEMPORARY.includes(place);

/** The episode the child was in on a day. */
export const episodeOn = (c: Ssda903Child, day: string): Ssda903Episode | undefined =>
  c.episodes.find((e) => e.decom <= day && (e.dec === null || e.dec > day));

/** The child ceased to be looked after: the last episode ended with a reason other than X1. */
export const ceasedOn = (c: Ssda903Child): string | null => {
  const last = c.episodes.at(-1);
  return last && last.dec && last.rec && last.rec !== 'X1' ? last.dec : null;
};

/** Looked after on the year's last day. */
export const lookedAfterAtEnd = (c: Ssda903Child, ctx: RuleContext): boolean => episodeOn(c, ctx.year.end) !== undefined || c.episodes.some((e) => e.dec === null);

/** Looked after continuously for 12 months at 31 March: the period open at the end began by 1 April. */
export const twelveMonths = (c: Ssda903Child, ctx: RuleContext): boolean => {
  const last = c.episodes.at(-1);
  return !!last && last.dec === null && last.periodStart <= ctx.year.start;
};

export function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const repeated = new Set<T>();
  for (const v of values) (seen.has(v) ? repeated : seen).add(v);
  return [...repeated];
}
