// Where a child is on their route to permanence: the steps recorded, the latest, and what comes next.
// Worked out the same way for the child's page and the tracker, from the plan, its steps and its match.
import { daysBetween } from '../calendar/index.ts';
import { labelFor } from '../codes/code-list.ts';
import { PERMANENCE_ORDER, PERMANENCE_ROUTE } from '../codes/lantern.ts';
import { adoptionTimings, type Timing } from './timings.ts';

export interface PlanFacts {
  plan: string;
  parallel_plan: string | null;
  decided_on: string;
  ended_on: string | null;
  end_reason: string | null;
}
export interface StepFacts {
  kind: string;
  occurred_on: string;
  authority: string | null;
  court: string | null;
  order_kind: string | null;
}
export interface MatchFacts {
  household_name: string;
  panel_on: string;
  decided_on: string;
  placed_on: string | null;
  disrupted_on: string | null;
}

export interface Milestone {
  what: string;
  on: string;
  /** Days from this step to the next one, or to today for the latest. */
  days: number;
}

const label = (list: readonly { code: string; label: string }[], code: string | null) => (code ? (labelFor(list, code) ?? code) : null);

/** The steps as milestones in date order, each with its age: the tracker's "age of each step" (seed AD-03, DQ-23). */
export function milestonesOf(plan: PlanFacts, steps: readonly StepFacts[], match: MatchFacts | null, today: string): Milestone[] {
  const dated: { what: string; on: string }[] = [{ what: `Plan decided: ${label(PERMANENCE_ROUTE, plan.plan)}`, on: plan.decided_on }];
  for (const s of steps) {
    const what =
      s.kind === 'family_finding' ? 'Family finding started'
      : s.kind === 'authority_to_place' ? (s.authority === 'placement_order' ? 'Placement order' : 'Consent to placement')
      : s.kind === 'order' ? (label(PERMANENCE_ORDER, s.order_kind)?.split(' (')[0] ?? 'Order')
      : 'Long-term fostering confirmed';
    dated.push({ what, on: s.occurred_on });
  }
  if (match) {
    dated.push({ what: `Match panel (${match.household_name})`, on: match.panel_on });
    dated.push({ what: 'Match decided', on: match.decided_on });
    if (match.placed_on) dated.push({ what: 'Moved in with the adopters', on: match.placed_on });
    if (match.disrupted_on) dated.push({ what: 'Placement disrupted', on: match.disrupted_on });
  }
  dated.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const end = plan.ended_on ?? today;
  return dated.map((m, i) => ({ ...m, days: daysBetween(m.on, dated[i + 1]?.on ?? end) }));
}

/** What the plan needs next, in a worker's words (null once achieved or where nothing is set). */
export function nextStepOf(plan: PlanFacts, steps: readonly StepFacts[], match: MatchFacts | null): string | null {
  if (plan.ended_on) return null;
  const has = (kind: string) => steps.some((s) => s.kind === kind);
  switch (plan.plan) {
    case 'adoption':
      if (!has('authority_to_place')) return has('family_finding') ? 'Placement order' : 'Family finding, placement order';
      if (!match || match.disrupted_on) return has('family_finding') ? 'Match with adopters' : 'Family finding, match with adopters';
      if (!match.placed_on) return 'Move in with the adopters';
      return 'Adoption order';
    case 'long_term_fostering':
      return has('long_term_fostering_confirmed') ? null : 'Confirm long-term fostering';
    case 'special_guardianship':
      return 'Special guardianship order';
    case 'child_arrangements':
      return 'Child arrangements order';
    case 'return_home':
      return 'Return home';
    default:
      return null;
  }
}

/** A1 and A2 where adoption is the plan or the parallel plan. */
export function timingsOf(plan: PlanFacts, careStartedOn: string, steps: readonly StepFacts[], match: MatchFacts | null, today: string): Timing[] {
  if (plan.plan !== 'adoption' && plan.parallel_plan !== 'adoption') return [];
  const order = steps.find((s) => s.kind === 'authority_to_place' && s.authority === 'placement_order');
  const live = match && !match.disrupted_on ? match : null;
  // Once the plan has ended without a move, the count stops with it.
  const stop = plan.ended_on ?? today;
  return adoptionTimings({ careStartedOn, placedOn: live?.placed_on ?? null, placementOrderOn: order?.occurred_on ?? null, matchDecidedOn: match?.decided_on ?? null }, stop);
}
