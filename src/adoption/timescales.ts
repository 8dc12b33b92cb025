// The timescales of a prospective adopter's assessment. A household is not a child, so these are not
// clocks on a child's journal (decision 0014): they are the same kind of rule, as data, with their
// sources, and the due date is worked out by the clock engine's own dueDate().
import { dueDate } from '../clocks/engine.ts';
import type { DueUnit } from '../clocks/rule.ts';
import type { AdopterHouseholdTable } from './tables.ts';

type DateColumn = 'registered_on' | 'stage_one_ended_on' | 'stage_two_started_on' | 'decided_on';

export interface AdopterTimescale {
  id: 'stage-one' | 'decide-on-stage-two' | 'stage-two' | 'match';
  /** What must happen, as a worker would say it. */
  title: string;
  startsOn: DateColumn;
  due: { unit: DueUnit; amount: number };
  source: string;
  /** After the limit the step cannot happen at all (stage one lapses), rather than being late. */
  lapses?: boolean;
}

export const ADOPTER_TIMESCALES: readonly AdopterTimescale[] = [
  {
    id: 'stage-one',
    title: 'Finish stage one (pre-assessment)',
    startsOn: 'registered_on',
    due: { unit: 'months', amount: 2 },
    source: 'Statutory guidance on adoption (DfE 2013) ch.3: stage one normally within 2 months of accepting the registration of interest; AAR 2005 as amended by SI 2013/985 (timescales.md AD4)',
  },
  {
    id: 'decide-on-stage-two',
    title: 'Hear whether they go on to stage two',
    startsOn: 'stage_one_ended_on',
    due: { unit: 'months', amount: 6 },
    source: 'AAR 2005 as amended by SI 2013/985: a prospective adopter has 6 months from the end of stage one to say they wish to go on; after that stage one starts again (timescales.md AD5)',
    lapses: true,
  },
  {
    id: 'stage-two',
    title: 'Decide whether they are suitable to adopt (stage two)',
    startsOn: 'stage_two_started_on',
    due: { unit: 'months', amount: 4 },
    source: 'Statutory guidance on adoption (DfE 2013) ch.3: stage two, to the agency decision, normally within 4 months (timescales.md AD6)',
  },
  {
    id: 'match',
    title: 'Match with a child',
    startsOn: 'decided_on',
    due: { unit: 'months', amount: 3 },
    source: 'Adoption scorecard A12 and seed AD-11: approved adopters who wait more than 3 months to be matched (Wandsworth 2016 ¶81: 91%)',
  },
];

export const adopterTimescale = (id: AdopterTimescale['id']) => ADOPTER_TIMESCALES.find((t) => t.id === id)!;

export interface AdopterDue {
  id: AdopterTimescale['id'];
  title: string;
  dueOn: string;
  overdue: boolean;
  lapses: boolean;
  source: string;
}

type Household = Pick<AdopterHouseholdTable, 'registered_on' | 'stage_one_ended_on' | 'stage_two_started_on' | 'panel_on' | 'decided_on' | 'approved' | 'left_on'>;

/** What is due now for a household (one thing at most), or null: left, or nothing running. */
export function adopterDue(h: Household, firstMatchOn: string | null, today: string): AdopterDue | null {
  if (h.left_on) return null;
  const running: AdopterTimescale['id'] | null =
    h.decided_on ? (h.approved && !firstMatchOn ? 'match' : null)
    : h.stage_two_started_on ? 'stage-two'
    : h.stage_one_ended_on ? 'decide-on-stage-two'
    : h.registered_on ? 'stage-one'
    : null;
  if (!running) return null;
  const rule = adopterTimescale(running);
  const started = h[rule.startsOn]!;
  const dueOn = dueDate(started, rule.due.unit, rule.due.amount);
  return { id: rule.id, title: rule.title, dueOn, overdue: dueOn < today, lapses: rule.lapses === true, source: rule.source };
}

/** How long a finished stage took against its timescale, for the household's page. */
export function stageTaken(from: string | null, to: string | null, rule: AdopterTimescale): { dueOn: string; late: boolean } | null {
  if (!from || !to) return null;
  const dueOn = dueDate(from, rule.due.unit, rule.due.amount);
  return { dueOn, late: to > dueOn };
}
