// The adoption scorecard's two timeliness measures, per child: A1, entering care to moving in with the
// adoptive family, and A2, court authority to place (the placement order) to the agency's decision on
// the match. DfE publishes them as 3-year averages in days against thresholds of 14 and 4 months
// ("Adoption scorecards and thresholds published", DfE, 14 January 2014; the scorecard methodology
// names both "average time (in days)"; Adoption National Minimum Standards 2011 standard 13 expects
// children to be placed within them). A child's own figure is the day count the average is made of;
// until the step happens it is the days so far, so a worker sees a child heading past the threshold.
import { daysBetween } from '../calendar/index.ts';
import { ruleById } from '../clocks/rules.ts';

export interface Threshold {
  id: 'A1' | 'A2';
  title: string;
  days: number;
  source: string;
}

/**
 * The thresholds for 2013-16, the last DfE set: 14 months and 4 months, counted in days as the
 * scorecard tables count them, 426 and 121 (timescales.md AD1, AD2; the day figures are marked
 * unverified there, so they live here once, to change in one place).
 */
export const ADOPTION_THRESHOLDS: Readonly<Record<'A1' | 'A2', Threshold>> = {
  A1: {
    id: 'A1',
    title: 'Entering care to moving in with the adoptive family',
    days: 426,
    source: 'Adoption scorecard A1: threshold 14 months for 2013-16 (DfE, 14 January 2014), 426 days (timescales.md AD1)',
  },
  A2: {
    id: 'A2',
    title: 'Placement order to the decision on the match',
    // The same figure as the clock that puts the match on the worker's list.
    days: ruleById('adoption-match')!.due.amount,
    source: 'Adoption scorecard A2: threshold 4 months for 2013-16 (DfE, 14 January 2014), 121 days (timescales.md AD2)',
  },
};

export interface Timing {
  id: 'A1' | 'A2';
  title: string;
  threshold: number;
  from: string;
  /** The day the step happened, or null while waiting (then `days` counts to today). */
  to: string | null;
  days: number;
  /** Past the threshold: done late, or waiting longer than it already. */
  over: boolean;
}

function timing(threshold: Threshold, from: string, to: string | null, today: string): Timing {
  // A match before the court's authority counts as 0 days (the scorecard's rule); Lantern refuses one anyway.
  const days = Math.max(0, daysBetween(from, to ?? today));
  return { id: threshold.id, title: threshold.title, threshold: threshold.days, from, to, days, over: days > threshold.days };
}

/**
 * A child's A1 and A2, where they apply: A1 from the start of the period of care once adoption is the
 * plan, A2 once a court made a placement order (a placement with the parents' consent has no court
 * authority to count from).
 */
export function adoptionTimings(facts: { careStartedOn: string; placedOn: string | null; placementOrderOn: string | null; matchDecidedOn: string | null }, today: string): Timing[] {
  const timings = [timing(ADOPTION_THRESHOLDS.A1, facts.careStartedOn, facts.placedOn, today)];
  if (facts.placementOrderOn) timings.push(timing(ADOPTION_THRESHOLDS.A2, facts.placementOrderOn, facts.matchDecidedOn, today));
  return timings;
}
