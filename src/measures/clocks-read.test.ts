// The engine reads of a rule's clocks only those its measures count (decision 0075): a timeliness measure
// the clocks that fell due in the period, "assessments overdue" and "waiting for a visit" those running on
// its last day. Whatever it leaves out, every measure counted by clocks must give the figure, and the
// children behind it, that every clock gives, for any period: on a generated council with clocks met
// late, stopped and still running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { generateCouncil } from '../synth/generate.ts';
import { loadSettings } from '../settings/council-settings.ts';
import { MEASURES, measureById, rulesOf } from './catalogue.ts';
import type { MeasureFacts, Period } from './counting.ts';
import { clocksCountedByRule } from './engine.ts';
import { DETAIL_KINDS, readClocks, readDetails } from './facts.ts';

const TODAY = '2026-11-20';
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  await generateCouncil(handle.db, { size: 'tiny', seed: 11, today: TODAY });
}, 600_000);

afterAll(async () => {
  await handle?.close();
});

const byClocks = MEASURES.filter((m) => rulesOf(m).length > 0);

describe('the clocks a measure counts, and only those, are read (decision 0075)', () => {
  it('a timeliness measure counts the clocks due in the period; assessments overdue and children waiting for a visit, those running on its last day', () => {
    expect(clocksCountedByRule([measureById('icpc-on-time')!])).toEqual(new Map([['initial-conference', new Set(['due'])]]));
    // The improvement plan's assessments: on time (due in the 12 months) and overdue (running on the last day).
    expect(clocksCountedByRule([measureById('assessments-on-time')!, measureById('assessments-overdue')!])).toEqual(new Map([['assessment-completed', new Set(['due', 'running'])]]));
    expect(clocksCountedByRule([measureById('looked-after-waiting-for-a-visit')!]).get('looked-after-visit')).toEqual(new Set(['running']));
    // Every measure counted by clocks says which it counts.
    expect(byClocks.filter((m) => !m.countsClocks).map((m) => m.id)).toEqual([]);
  });

  it('every measure counted by clocks, over 12 months, a closed month, one day and 24 months together: the same figure and children as from every clock', async () => {
    const settings = await loadSettings(handle.db);
    const details = await readDetails(handle.db, new Set(DETAIL_KINDS));
    const months = Array.from({ length: 24 }, (_, i) => {
      const first = new Date(Date.UTC(2024, 10 + i, 1));
      const last = new Date(Date.UTC(2024, 11 + i, 0));
      return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
    });
    const asks: Period[][] = [[{ from: '2025-11-21', to: TODAY }], [{ from: '2026-10-01', to: '2026-10-31' }], [{ from: TODAY, to: TODAY }], months];
    let compared = 0;
    for (const periods of asks) {
      const from = periods[0]!.from;
      const until = periods.at(-1)!.to;
      const ends = periods.map((p) => p.to);
      for (const measure of byClocks) {
        const rules = rulesOf(measure);
        const [every, counted] = await Promise.all([
          readClocks(handle.db, rules, from, until, true),
          readClocks(handle.db, rules, from, until, true, { rules: clocksCountedByRule([measure]), ends }),
        ]);
        expect(counted.length).toBeLessThanOrEqual(every.length);
        const facts = (clocks: MeasureFacts['clocks']) => ({ byType: new Map(), clocks, details, settings, today: TODAY }) as unknown as MeasureFacts;
        for (const p of periods) {
          const rows = (clocks: MeasureFacts['clocks']) => measure.count(facts(clocks), p).map((r) => JSON.stringify([r.childId, r.on, r.met, r.facts]));
          const all = rows(every);
          expect({ id: measure.id, p, rows: rows(counted) }).toEqual({ id: measure.id, p, rows: all });
          compared += all.length;
        }
      }
    }
    // Clocks were counted, so the comparison proved something.
    expect(compared).toBeGreaterThan(1000);
  }, 600_000);
});
