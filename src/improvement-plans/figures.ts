// The figures an improvement plan reads: a measure of the children's catalogue (the engine), one that
// counts workers (src/measures/workers.ts, decision 0046) or one that counts households (adopters and
// foster carers, src/measures/households.ts, decisions 0050 and 0056), over the 12 months to a day, so
// an action can aim at caseloads or carers' checks as well as at timeliness. One read of each kind for
// every measure asked.
import type { Db } from '../db/history.ts';
import { measureById, type Measure } from '../measures/catalogue.ts';
import { WORKER_MEASURES, workerMeasureById } from '../measures/catalogue/workers.ts';
import { computeFigures } from '../measures/engine.ts';
import { defaultPeriod, shown } from '../measures/present.ts';
import { shownWorkerFigure } from '../measures/worker-present.ts';
import { computeWorkerFigure, readWorkerFacts } from '../measures/workers.ts';
import { HOUSEHOLD_MEASURES, householdMeasureById } from '../measures/catalogue/households.ts';
import { householdGroupOf, shownHouseholdFigure } from '../measures/household-present.ts';
import { computeHouseholdFigure, readHouseholdFacts } from '../measures/households.ts';
import { caseloadRules } from '../workforce/caseloads.ts';
import type { MeasureKind } from '../measures/catalogue.ts';

export const WORKERS_GROUP = 'Workforce: counting workers';

export interface PlanMeasure {
  id: string;
  name: string;
  group: string;
  kind: MeasureKind;
  direction: 'higher' | 'lower' | 'neither';
  /** Its page: the children behind it, or the workers. */
  href: string;
}

export function planMeasureById(id: string): PlanMeasure | undefined {
  const m = measureById(id);
  if (m) return { id: m.id, name: m.name, group: m.group, kind: m.kind, direction: m.direction, href: `/measures/${m.id}` };
  const w = workerMeasureById(id);
  if (w) return { id: w.id, name: w.name, group: WORKERS_GROUP, kind: w.kind, direction: w.direction, href: `/measures/workers/${w.id}` };
  const h = householdMeasureById(id);
  if (h) return { id: h.id, name: h.name, group: householdGroupOf(h), kind: h.kind, direction: h.direction, href: `/measures/households/${h.id}` };
  return undefined;
}

export const workerMeasureChoices = () => WORKER_MEASURES.map((m) => ({ id: m.id, name: m.name, group: WORKERS_GROUP, direction: m.direction, kind: m.kind }));

export const householdMeasureChoices = () => HOUSEHOLD_MEASURES.map((m) => ({ id: m.id, name: m.name, group: householdGroupOf(m), direction: m.direction, kind: m.kind }));

/** The groups of the household measures, in the catalogue's order (adopters, then foster carers). */
export const HOUSEHOLD_GROUPS = [...new Set(HOUSEHOLD_MEASURES.map(householdGroupOf))];

export interface PlanFigure {
  from: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  text: string;
  fraction: string | null;
}

/**
 * Each measure's figure over the 12 months to `day`: as corrected since (`now`) and as recorded by the
 * end of the day (`known`). A measure of workers reads the allocations and profiles as they are, and a
 * household has no journal (decision 0050): for those the two are the same.
 */
export async function planFigures(db: Db, ids: readonly string[], day: string, today: string): Promise<Map<string, { now: PlanFigure; known: PlanFigure }>> {
  const period = defaultPeriod(day);
  const children = [...new Set(ids)].map((id) => measureById(id)).filter((m): m is Measure => m !== undefined);
  const workers = [...new Set(ids)].map((id) => workerMeasureById(id)).filter((m) => m !== undefined);
  const households = [...new Set(ids)].map((id) => householdMeasureById(id)).filter((m) => m !== undefined);
  const result = new Map<string, { now: PlanFigure; known: PlanFigure }>();
  if (children.length) {
    // The figures only: the teams of the children counted are not shown, so their allocations are not read.
    const pairs = (await computeFigures(db, { periods: [period], measures: children, today, teams: false })).pairs[0]!;
    children.forEach((m, i) => result.set(m.id, { now: { from: period.from, ...shown(pairs[i]!.now) }, known: { from: period.from, ...shown(pairs[i]!.known) } }));
  }
  if (workers.length) {
    const facts = await readWorkerFacts(db, period, (await caseloadRules(db)).perFte);
    for (const m of workers) {
      const figure = { from: period.from, ...shownWorkerFigure(computeWorkerFigure(facts, m, period)) };
      result.set(m.id, { now: figure, known: figure });
    }
  }
  if (households.length) {
    // "Today" for the facts is the day asked: a review or visit due after it was not late by then.
    const facts = await readHouseholdFacts(db, day, households);
    for (const m of households) {
      const figure = { from: period.from, ...shownHouseholdFigure(computeHouseholdFigure(facts, m, period)) };
      result.set(m.id, { now: figure, known: figure });
    }
  }
  return result;
}
