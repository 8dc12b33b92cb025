// Which of regulation 28's visiting patterns a placement follows (Care Planning, Placement and Case
// Review (England) Regulations 2010 reg 28(2)-(4); timescales.md LA4-LA6). The pattern decides the
// kind of the placement's start event, and the clock rules in src/clocks/rules.ts take it from there.
import type { CodeEntry } from '../codes/code-list.ts';

export const VISITING_RULES = [
  { code: 'standard', label: 'The usual visits: within a week, then at least every 6 weeks (regulation 28(2))' },
  { code: 'with-parent-before-assessment', label: 'Placed with a parent before their assessment is finished: weekly until the first review, then at least every 6 weeks (regulation 28(3))' },
  { code: 'connected-person-or-interim-order', label: 'With a connected person approved for now, or with a parent under an interim care order: weekly until the first review, then at least every 4 weeks (regulation 28(4))' },
] as const satisfies readonly CodeEntry[];

export type VisitingRule = (typeof VISITING_RULES)[number]['code'];
export const VISITING_RULE_CODES = VISITING_RULES.map((r) => r.code) as [VisitingRule, ...VisitingRule[]];

/** The placement types each pattern fits: placed with parents (P1); connected persons (U1-U3) or a parent (P1). */
const FITS: Record<Exclude<VisitingRule, 'standard'>, readonly string[]> = {
  'with-parent-before-assessment': ['P1'],
  'connected-person-or-interim-order': ['P1', 'U1', 'U2', 'U3'],
};

/** Why a pattern does not fit the type of placement, in a worker's words; null when it does. */
export function visitingRuleMisfit(rule: VisitingRule, placementType: string): string | null {
  if (rule === 'standard' || FITS[rule].includes(placementType)) return null;
  return rule === 'with-parent-before-assessment'
    ? 'Weekly visits under regulation 28(3) are for a child placed with a parent (placement type P1)'
    : 'Weekly visits under regulation 28(4) are for a child placed with a connected person (U1 to U3) or with a parent (P1)';
}

/** Every kind of event that starts a placement. */
export const PLACEMENT_STARTED_TYPES = ['placement.started', 'placement.started-long-term', 'placement.started-weekly-then-6-weekly', 'placement.started-weekly-then-4-weekly'] as const;

export function placementStartedType(rule: VisitingRule, intendedUntil18: boolean): (typeof PLACEMENT_STARTED_TYPES)[number] {
  if (rule === 'with-parent-before-assessment') return 'placement.started-weekly-then-6-weekly';
  if (rule === 'connected-person-or-interim-order') return 'placement.started-weekly-then-4-weekly';
  return intendedUntil18 ? 'placement.started-long-term' : 'placement.started';
}
