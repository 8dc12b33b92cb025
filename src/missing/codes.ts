// The code lists a worker chooses from when recording a missing episode and a return interview, and
// the thresholds the pages use, each with where it comes from.
import { MISSING_EPISODE_TYPE } from '../codes/ssda903.ts';

/** A choice on a form: a code, what the worker reads, and sometimes a hint. */
export interface Choice {
  readonly code: string;
  readonly label: string;
  readonly hint?: string;
}

/** SSDA903 MISSING (rule 1006), with what each means for the worker choosing. */
export const MISSING_KINDS: readonly Choice[] = MISSING_EPISODE_TYPE.map((e) => ({
  ...e,
  hint:
    e.code === 'M'
      ? 'Nobody knows where the child is'
      : 'A child in care who is not where they should be, without permission, but whose whereabouts are known',
}));
export const MISSING_KIND_CODES = ['M', 'A'] as const;

export const INTERVIEW_OUTCOMES = [
  { code: 'done', label: 'The interview took place' },
  { code: 'declined', label: 'It was offered and the child declined' },
  { code: 'not_reached', label: 'It was offered or tried, but the child could not be reached', hint: 'Record another try when there is one: the interview is still due' },
] as const satisfies readonly Choice[];
export const INTERVIEW_OUTCOME_CODES = ['done', 'declined', 'not_reached'] as const;

/**
 * Why the child went, as the child told it (push and pull factors), coded so that the council can
 * see what recurs for a child and across children (seed MI-03, MI-04; Wandsworth 2017 ¶110).
 */
export const PUSH_PULL_FACTORS = [
  { code: 'conflict', label: 'Conflict at home or in the placement' },
  { code: 'family', label: 'To see family' },
  { code: 'friends', label: 'To be with friends' },
  { code: 'relationship', label: 'A boyfriend, girlfriend or partner' },
  { code: 'exploitation', label: 'A concern about exploitation' },
  { code: 'substances', label: 'Alcohol or drugs' },
  { code: 'school', label: 'Problems at school' },
  { code: 'mental_health', label: 'Mental health or how they were feeling' },
  { code: 'other', label: 'Something else' },
] as const satisfies readonly Choice[];
export const PUSH_PULL_CODES = PUSH_PULL_FACTORS.map((e) => e.code) as unknown as readonly [string, ...string[]];

export const EXPLOITATION_RISKS = [
  { code: 'none', label: 'None indicated' },
  { code: 'sexual', label: 'Child sexual exploitation' },
  { code: 'criminal', label: 'Child criminal exploitation, for example county lines' },
  { code: 'both', label: 'Both sexual and criminal exploitation' },
] as const satisfies readonly Choice[];
export const EXPLOITATION_RISK_CODES = ['none', 'sexual', 'criminal', 'both'] as const;

/** Return interview within 72 hours of the return (timescales.md MI1), counted in hours. */
export const RETURN_INTERVIEW_HOURS = 72;
export const RETURN_INTERVIEW_SOURCE =
  'Statutory guidance on children who run away or go missing from home or care (DfE 2014): an independent return interview within 72 hours of the child’s return';

/**
 * "Repeat missing": a local setting, not a national definition. The 2014 statutory guidance sets no
 * number; Lantern's default is 3 or more episodes in 90 days, which a council should check against its
 * own missing protocol.
 */
export const REPEAT_MISSING = { episodes: 3, days: 90 } as const;
export const REPEAT_MISSING_SOURCE = `3 or more episodes in ${REPEAT_MISSING.days} days: a local setting (Lantern’s default), not a national definition`;

/** The managers' list looks back this far (the window the repeat flag uses). */
export const LIST_WINDOW_DAYS = REPEAT_MISSING.days;
