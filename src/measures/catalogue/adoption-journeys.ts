// Adoption indicators of seed-requirements §2g the record held but were not yet measures (decision
// 0050): who the children adopted were (Q104: aged 5 or over, from a minority ethnic group) and plans of
// adoption changed away from adoption (Q107; an imported return's reversed decisions too, decision 0040).
// Hand-worked examples in recorded-indicators.test.ts, each citing its source.
import { labelFor } from '../../codes/code-list.ts';
import { ETHNICITY } from '../../codes/cin-census.ts';
import { ADOPTION_DECISION_REVERSED_REASON } from '../../codes/ssda903.ts';
import { ageInMonths, eventsOf, inPeriod, type Counted, type MeasureFacts, type Period } from '../counting.ts';
import { adoptedIn } from './adoption.ts';
import { CARE } from './care-counting.ts';
import type { Measure } from './define.ts';

/** Q104 (Wandsworth 2016 ¶75): children adopted "aged over 5" (5 or over at the adoption, as the DfE's age bands count). */
export const ADOPTED_OLDER_YEARS = 5;

/** The CIN census ethnicity codes of the Mixed, Asian, Black, Chinese and other groups: every code but the White groups and "not known". */
export const MINORITY_ETHNIC: readonly string[] = ETHNICITY.map((e) => e.code).filter((c) => !c.startsWith('W') && c !== 'REFU' && c !== 'NOBT');
const NOT_KNOWN: readonly string[] = ['REFU', 'NOBT'];

const adoptedChildren = (f: MeasureFacts, p: Period) => adoptedIn(f, p);

/** Plans of adoption in force at any time in the period, each with the day it changed away from adoption, if it did. */
function adoptionPlansDuring(f: MeasureFacts, p: Period) {
  const changed = new Map<string, string>();
  for (const e of eventsOf(f, 'permanence.plan-changed')) if (e.scopeId && !changed.has(e.scopeId)) changed.set(e.scopeId, e.occurredOn);
  return eventsOf(f, 'permanence.planned').flatMap((e) => {
    const planId = e.scopeId ?? e.sourceId;
    const plan = planId ? f.details.permanencePlans.get(planId) : undefined;
    if (!planId || plan?.route !== 'adoption' || e.occurredOn > p.to) return [];
    const changedOn = changed.get(planId) ?? null;
    // A plan achieved (the adoption order) ends as its record says; a change, as the journal says.
    const end = changedOn ?? (plan.endReason === 'achieved' ? plan.endedOn : null);
    if (end !== null && end < p.from) return [];
    return [{ childId: e.childId, planId, decidedOn: e.occurredOn, changedOn, reversedReason: plan.reversedReason }];
  });
}

export const ADOPTION_JOURNEYS: readonly Measure[] = [
  {
    id: 'adopted-aged-5-and-over',
    group: 'Adoption',
    name: 'Children adopted aged 5 or over',
    definition: 'Of the children adopted in the period (ceased to be looked after, SSDA903 REC E11 or E12), those aged 5 or over on the day. A child whose date of birth is not recorded is counted, not aged 5 or over.',
    numerator: 'Children adopted aged 5 or over',
    denominator: 'Children adopted in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q104 (Wandsworth 2016 ¶75: 13.5% aged over five, England 5%); SSDA903 REC E11, E12',
    direction: 'neither',
    events: [...CARE],
    details: ['carePeriods', 'people'],
    count: (f, p) =>
      adoptedChildren(f, p).map((s): Counted => {
        const born = f.details.birthDates.get(s.childId);
        const years = born ? Math.floor(ageInMonths(born, s.end) / 12) : null;
        return { childId: s.childId, on: s.end, facts: [`Adopted ${s.end}`, years === null ? 'Date of birth not recorded' : `Aged ${years}`], met: years !== null && years >= ADOPTED_OLDER_YEARS };
      }),
  },
  {
    id: 'adopted-minority-ethnic',
    group: 'Adoption',
    name: 'Children adopted from Black, Asian, mixed or other minority ethnic groups',
    definition:
      'Of the children adopted in the period, those whose recorded ethnicity is in the Mixed, Asian, Black, Chinese or any other ethnic group (CIN census codes), not a White group. A child whose ethnicity is not known (refused, not yet obtained, not recorded) is counted, not in the numerator.',
    numerator: 'Children adopted from a minority ethnic group',
    denominator: 'Children adopted in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q104 (Wandsworth 2016 ¶75: 54.1% BME, England 8%); CIN census and SSDA903 ETHNIC codes',
    direction: 'neither',
    events: [...CARE],
    details: ['carePeriods', 'ethnicity'],
    count: (f, p) =>
      adoptedChildren(f, p).map((s): Counted => {
        const code = f.details.ethnicity.get(s.childId) ?? null;
        const known = code !== null && !NOT_KNOWN.includes(code);
        return { childId: s.childId, on: s.end, facts: [`Adopted ${s.end}`, known ? `Ethnicity: ${labelFor(ETHNICITY, code) ?? code}` : 'Ethnicity not known'], met: known && MINORITY_ETHNIC.includes(code) };
      }),
  },
  {
    id: 'adoption-plans-changed',
    group: 'Adoption',
    name: 'Plans of adoption changed away from adoption',
    definition:
      'Of the plans of adoption in force at any time in the period (decided by its end, not changed or achieved before its start), those changed to another plan in the period: the decision to place for adoption reversed (SSDA903 REASON_PLACED_CEASED). A return imported from another system counts its reversed decisions too.',
    numerator: 'Plans of adoption changed away from adoption in the period',
    denominator: 'Plans of adoption in force in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q107 (Southend 2016 ¶82: 3 children, 13%, England 14%); seed AD-06 (changes of plan away from adoption); SSDA903 PlacedAdoption REASON_PLACED_CEASED',
    direction: 'lower',
    events: ['permanence.planned', 'permanence.plan-changed'],
    details: ['permanencePlans'],
    count: (f, p) =>
      adoptionPlansDuring(f, p).map((plan): Counted => {
        const changedIn = plan.changedOn !== null && inPeriod(plan.changedOn, p);
        const why = plan.reversedReason ? `: ${labelFor(ADOPTION_DECISION_REVERSED_REASON, plan.reversedReason) ?? plan.reversedReason}` : '';
        return { childId: plan.childId, on: changedIn ? plan.changedOn! : plan.decidedOn, facts: [`Plan of adoption decided ${plan.decidedOn}`, changedIn ? `Changed away from adoption ${plan.changedOn}${why}` : 'Not changed in the period'], met: changedIn };
      }),
  },
];
