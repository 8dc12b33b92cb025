// The measures that count prospective adopters (decision 0050): each row an adopter household, its list
// opening the household's record. The timescales are those of the household's own page
// (src/adoption/present.ts, timescales.ts), so the page and the figure cannot disagree. Hand-worked
// examples in src/measures/households.test.ts, each citing its source.
import { addMonths, daysBetween } from '../../calendar/index.ts';
import { STAGE_LABELS } from '../../adoption/present.ts';
import type { StageFilter } from '../../adoption/schemas.ts';
import { inPeriod } from '../counting.ts';
import type { AdopterHouseholdFact, AdoptionMatchFact, HouseholdFacts, HouseholdMeasure } from '../households.ts';

/** Q110: approved within 9 months of the registration of interest (seed AD-09; Newham 2014 ¶91). */
export const REGISTRATION_TO_APPROVAL_MONTHS = 9;
/** Q111: matched within 3 months of approval (seed AD-11; the adopters' "match" timescale). */
export const APPROVAL_TO_MATCH_MONTHS = 3;

const matchesOf = (f: HouseholdFacts, h: AdopterHouseholdFact) => f.matches.get(h.id) ?? [];

/** The first match recommended by the panel on or before the day (the adopters' "match" timescale is met by it). */
const firstMatchBy = (matches: readonly AdoptionMatchFact[], day: string) => matches.find((m) => m.panelOn <= day) ?? null;

/**
 * The household's stage on a day, from its dated steps, as the adopters' list reads it now
 * (src/adoption/repository.ts): null before the enquiry. Matched while a match recommended by then has not disrupted by then.
 */
export function adopterStageOn(h: AdopterHouseholdFact, matches: readonly AdoptionMatchFact[], day: string): StageFilter | null {
  const by = (d: string | null) => d !== null && d <= day;
  if (h.enquiryOn > day) return null;
  if (by(h.leftOn)) return 'left';
  if (by(h.decidedOn)) {
    if (!h.approved) return 'left';
    return matches.some((m) => m.panelOn <= day && !by(m.disruptedOn)) ? 'matched' : 'approved';
  }
  if (by(h.stageTwoStartedOn)) return by(h.panelOn) ? 'awaiting_decision' : 'stage_two';
  if (by(h.stageOneEndedOn)) return 'between_stages';
  if (by(h.registeredOn)) return 'stage_one';
  return 'enquiry';
}

const stageLabel = (f: HouseholdFacts, h: AdopterHouseholdFact, day: string) => {
  const stage = adopterStageOn(h, matchesOf(f, h), day);
  return stage ? STAGE_LABELS[stage] : 'Not yet enquired';
};

/** Approved by the day and still in the process on it: what "approved adopters" counts. */
const approvedOn = (h: AdopterHouseholdFact, day: string) => h.approved === true && h.decidedOn !== null && h.decidedOn <= day && (h.leftOn === null || h.leftOn > day);

const GROUPED_BY_STAGE = 'Stage at the end of the period';

export const ADOPTER_MEASURES: readonly HouseholdMeasure[] = [
  {
    id: 'adopters-approved-within-9-months',
    name: 'Adopters approved within 9 months of their registration of interest',
    definition:
      'Of the prospective adopter households approved in the period (the agency decision that they are suitable to adopt), those approved within 9 months of the day their registration of interest was accepted. A household whose registration of interest is not recorded is counted, not in time.',
    numerator: 'Households approved within 9 months of the registration of interest',
    denominator: 'Households approved in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q110 (Newham 2014 ¶91: “over 75%” approved in under 9 months); seed AD-09 (timeliness of adopter assessments); statutory guidance on adoption (DfE 2013) ch.3: stage one 2 months, stage two 4 months',
    direction: 'higher',
    service: 'adopters',
    groupedBy: GROUPED_BY_STAGE,
    count: (f, p) =>
      f.adopters
        .filter((h) => h.approved === true && h.decidedOn !== null && inPeriod(h.decidedOn, p))
        .map((h) => {
          const decided = h.decidedOn!;
          const within = h.registeredOn !== null && decided <= addMonths(h.registeredOn, REGISTRATION_TO_APPROVAL_MONTHS);
          return {
            householdId: h.id,
            on: decided,
            group: stageLabel(f, h, p.to),
            met: within,
            facts: h.registeredOn
              ? [`Registration of interest accepted ${h.registeredOn}`, `Approved ${decided}`, `${daysBetween(h.registeredOn, decided)} days`]
              : [`Approved ${decided}`, 'Registration of interest not recorded'],
          };
        }),
  },
  {
    id: 'adopters-waiting-over-3-months-for-a-match',
    name: 'Adopters matched who waited more than 3 months from approval',
    definition:
      'Of the approved adopter households first matched with a child in the period (the adoption panel’s recommendation of their first match), those who waited more than 3 months from their approval to it: the adopters’ “match with a child” timescale, as the household’s page shows it.',
    numerator: 'Households whose first match came more than 3 months after their approval',
    denominator: 'Approved households first matched in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q111 (Wandsworth 2016 ¶81: 91% waited more than 3 months, statistical neighbours 59%, England 58%); seed AD-11; adoption scorecard A12',
    direction: 'lower',
    service: 'adopters',
    groupedBy: GROUPED_BY_STAGE,
    count: (f, p) =>
      f.adopters.flatMap((h) => {
        const first = matchesOf(f, h)[0];
        if (!h.approved || h.decidedOn === null || !first || !inPeriod(first.panelOn, p)) return [];
        const waited = first.panelOn > addMonths(h.decidedOn, APPROVAL_TO_MATCH_MONTHS);
        return [{ householdId: h.id, on: first.panelOn, group: stageLabel(f, h, p.to), met: waited, facts: [`Approved ${h.decidedOn}`, `First matched ${first.panelOn}`, `${daysBetween(h.decidedOn, first.panelOn)} days`] }];
      }),
  },
  {
    id: 'approved-adopters-linked',
    name: 'Approved adopter households matched with a child',
    definition:
      'Of the households approved to adopt and still in the process on the day (not left it), those matched with a child by then (the panel recommended the match, and it has not disrupted). The others are approved adopters not yet matched.',
    numerator: 'Approved households matched with a child on the day',
    denominator: 'Approved households in the process on the day',
    kind: 'percentage',
    when: 'as-at',
    citation: 'Q112 (Wandsworth 2016 ¶81: 15 approved, 9 linked; Southend 2016 ¶85: 22 approved adopters not yet matched); seed AD-11',
    direction: 'higher',
    service: 'adopters',
    groupedBy: 'Stage on the day',
    count: (f, p) =>
      f.adopters
        .filter((h) => approvedOn(h, p.to))
        .map((h) => {
          const matched = adopterStageOn(h, matchesOf(f, h), p.to) === 'matched';
          const first = firstMatchBy(matchesOf(f, h), p.to);
          return { householdId: h.id, on: p.to, group: stageLabel(f, h, p.to), met: matched, facts: [`Approved ${h.decidedOn}`, matched ? `Matched (first ${first?.panelOn})` : `Not matched: ${daysBetween(h.decidedOn!, p.to)} days since approval`] };
        }),
  },
  {
    id: 'adopters-in-assessment',
    name: 'Prospective adopters in assessment, by stage',
    definition:
      'Households whose registration of interest was accepted and who were still being assessed on the day: in stage one, between the stages, in stage two, or heard by the panel and awaiting the agency decision. The list gives each household’s stage; households that left the process (on hold, withdrew, refused) are not counted.',
    numerator: 'Households in assessment on the day',
    denominator: null,
    kind: 'count',
    when: 'as-at',
    citation: 'Q113 (Southend 2016 ¶85: 3 at stage one, 6 at stage two, 4 on hold); seed AD-09 (the adopter journey by stage)',
    direction: 'neither',
    service: 'adopters',
    groupedBy: 'Stage on the day',
    count: (f, p) =>
      f.adopters.flatMap((h) => {
        const stage = adopterStageOn(h, matchesOf(f, h), p.to);
        if (stage !== 'stage_one' && stage !== 'between_stages' && stage !== 'stage_two' && stage !== 'awaiting_decision') return [];
        return [{ householdId: h.id, on: p.to, group: STAGE_LABELS[stage], met: true, facts: [`Registration of interest accepted ${h.registeredOn}`, STAGE_LABELS[stage]] }];
      }),
  },
  {
    id: 'adoption-placements-out-of-area',
    name: 'Adoption placements with adopters outside the council’s area',
    definition:
      'Children who moved in with their adopters in the period (the placement the care service recorded for the match), one row each, by their adopters: those placed outside the council’s area. A placement whose area is not known is counted, not outside, and its row says so (as for children placed out of area).',
    numerator: 'Adoption placements outside the council’s area',
    denominator: 'Children placed with adopters in the period',
    kind: 'percentage',
    when: 'period',
    citation: 'Q108 (Southend 2016 ¶83: a third of adoption placements with adopters outside the area)',
    direction: 'neither',
    service: 'adopters',
    groupedBy: GROUPED_BY_STAGE,
    count: (f, p) =>
      f.adopters.flatMap((h) =>
        matchesOf(f, h)
          .filter((m) => m.placedOn !== null && inPeriod(m.placedOn, p))
          .map((m) => ({
            householdId: h.id,
            on: m.placedOn!,
            group: stageLabel(f, h, p.to),
            met: m.placedInCouncilArea === false,
            facts: [`A child moved in ${m.placedOn}`, m.placedInCouncilArea === null ? 'Area not known' : m.placedInCouncilArea ? 'Inside the council’s area' : 'Outside the council’s area'],
          })),
      ),
  },
];
