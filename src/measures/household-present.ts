// What the pages, exports and API show of a measure that counts households (decision 0050): its figure,
// the figure by stage or kind of household, and the households behind it. A household is named, and
// opens its record, only for a user who may open that record: the adopters' pages are for casework roles
// (record-casework: team managers, not analysts or senior leaders), the foster carers' for view-performance.
// Others see the figure and each household counted, not named (as a worker of another team is, 0046).
import type { SignedInUser } from '../access/policy.ts';
import { can, type Capability } from '../access/roles.ts';
import { NotFound } from '../server/errors.ts';
import { HOUSEHOLD_MEASURES, householdMeasureById } from './catalogue/households.ts';
import type { Period } from './counting.ts';
import { computeHouseholdFigure, householdFigureOf, type HouseholdFacts, type HouseholdFigure, type HouseholdMeasure, type HouseholdService } from './households.ts';
import { numeratorCell } from './present.ts';
import { describeRowMeasure, nameColumns, type Column } from './row-measures.ts';
import { figureShown } from './shown.ts';

const SERVICES: Record<HouseholdService, { group: string; capability: Capability; href: (id: string) => string }> = {
  adopters: { group: 'Adoption: counting adopter households', capability: 'record-casework', href: (id) => `/adopters/${id}` },
  'foster-carers': { group: 'Fostering: counting foster carer households', capability: 'view-performance', href: (id) => `/fostering/households/${id}` },
};

export const householdGroupOf = (m: HouseholdMeasure) => SERVICES[m.service].group;

export const describeHouseholdMeasure = (m: HouseholdMeasure) => describeRowMeasure(m, householdGroupOf(m), 'households' as const, { groupedBy: m.groupedBy });

export const shownHouseholdFigure = (f: HouseholdFigure) => figureShown(f, 'No households');

/** Every household measure's figure for the period (the catalogue page and the API): counts, no household named. */
export function householdCatalogueFigures(facts: HouseholdFacts, period: Period) {
  return HOUSEHOLD_MEASURES.map((m) => ({ ...describeHouseholdMeasure(m), ...shownHouseholdFigure(computeHouseholdFigure(facts, m, period)) }));
}

/** Whether the user may open this service's household records (and so see the households named). */
export const mayOpenHouseholds = (user: SignedInUser, m: HouseholdMeasure) => can(user.role, SERVICES[m.service].capability);

export interface HouseholdRow {
  householdId: string;
  /** Null where the user may not open the household's record: counted, not named. */
  name: string | null;
  href: string | null;
  group: string;
  on: string;
  inNumerator: boolean;
  /** What the row adds to a count of amounts (vacant places, +1 or −1), else null. */
  amount: number | null;
  facts: string;
}

export function householdMeasureDetail(facts: HouseholdFacts, user: SignedInUser, id: string, period: Period) {
  const measure = householdMeasureById(id);
  if (!measure) throw new NotFound('There is no measure of households with that name');
  const figure = computeHouseholdFigure(facts, measure, period);
  const named = mayOpenHouseholds(user, measure);
  const names = new Map<string, string>([...facts.adopters, ...facts.fosterCarers].map((h) => [h.id, h.name]));
  const groups = new Map<string, HouseholdFigure['rows']>();
  for (const r of figure.rows) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  const breakdown = [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, rows]) => ({ group, ...shownHouseholdFigure(householdFigureOf(measure, period, rows)) }));
  const rows: HouseholdRow[] = figure.rows
    .map((r) => ({
      householdId: r.householdId,
      name: named ? (names.get(r.householdId) ?? null) : null,
      href: named ? SERVICES[measure.service].href(r.householdId) : null,
      group: r.group,
      on: r.on,
      inNumerator: r.met,
      amount: measure.numeratorOf ? (r.amount ?? 0) : null,
      facts: r.facts.join('; '),
    }))
    // Numerator first, then by date: the households a manager would look at first.
    .sort((a, b) => Number(b.inNumerator) - Number(a.inNumerator) || (a.on < b.on ? -1 : a.on > b.on ? 1 : 0) || (a.name ?? '').localeCompare(b.name ?? ''));
  const numeratorColumn = measure.numeratorOf ? 'Adds to the figure' : 'In the numerator';
  return { measure: describeHouseholdMeasure(measure), service: measure.service, period, figure: shownHouseholdFigure(figure), breakdown, rows, numeratorColumn, named, hidden: named ? 0 : rows.length };
}

export type HouseholdMeasureDetail = ReturnType<typeof householdMeasureDetail>;

/** The list's columns in the exports: as the page, with the household's id. */
export const householdColumns = (d: HouseholdMeasureDetail): Column<HouseholdRow>[] => [
  ...nameColumns<HouseholdRow>('Household', 'Not shown (a record you may not open)', (r) => r.householdId),
  { heading: d.measure.groupedBy, text: (r) => r.group },
  { heading: 'Date', text: (r) => r.on },
  // An amount (vacant places, +1 or −1) as a number, so the spreadsheet can add them up.
  { heading: d.numeratorColumn, text: numeratorCell, number: (r) => r.amount },
  { heading: 'Facts', text: (r) => r.facts },
];
