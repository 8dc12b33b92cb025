// The engine counts many periods in one call (a dashboard's 24 months) from facts it reads once and
// shares between them. Whatever it shares, each month's figures must be the ones a call for that month
// alone gives, as corrected since and as recorded by the end of the month (decision 0027), on a
// generated council with late records, corrections and deletions.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { generateCouncil } from '../synth/generate.ts';
import { monthPeriod, trendMonths } from '../dashboards/monthly.ts';
import { TIMESCALE_RULES } from '../clocks/rules.ts';
import { loadSettings } from '../settings/council-settings.ts';
import { loadSchoolCalendar } from '../settings/school-terms.ts';
import { MEASURES, rulesOf } from './catalogue.ts';
import { allocationsByChild, type MeasureFacts } from './counting.ts';
import { computeFigures, figureOfRows, type Figure } from './engine.ts';
import { DETAIL_KINDS, readAllocations, readAssessments, readClocks, readDetails, readJournal } from './facts.ts';
import { JournalIndex, milestonesOfTable } from './known.ts';

const TODAY = '2026-11-20';
const months = trendMonths(TODAY);
let handle: DatabaseHandle;

/** A figure and the rows behind it, the rows as a set (the order a list is built in is not the figure). */
const seen = (f: Figure) => ({
  numerator: f.numerator,
  denominator: f.denominator,
  rows: f.rows.map((r) => JSON.stringify([r.childId, r.on, r.met, r.amount ?? null, r.key ?? null, r.facts])).sort(),
});

/**
 * A figure and who is counted in it, and how, without the facts each row lists: a child whose record
 * did not change after the day keeps the record now's row, which may name a later fact (a visit done
 * after it, where the figure counts it late either way: decision 0054).
 */
const counted = (f: Figure) => ({
  numerator: f.numerator,
  denominator: f.denominator,
  rows: f.rows.map((r) => JSON.stringify([r.childId, r.on, r.met, r.amount ?? null, r.key ?? null])).sort(),
});

beforeAll(async () => {
  handle = await createTestDatabase();
  await generateCouncil(handle.db, { size: 'tiny', seed: 7, today: TODAY });
  // Corrections and deletions after the months closed (the generator writes none): every 40th event
  // of the types the clocks and plans read moved two weeks earlier, every 53rd deleted.
  await sql`UPDATE child_event SET occurred_on = occurred_on - 14
    WHERE id IN (SELECT id FROM child_event WHERE type IN ('cp-plan.started', 'icpc.held', 'cin-visit', 'placement.ended', 'care.started', 'referral.received') ORDER BY id)
      AND abs(hashtext(id::text)) % 40 = 0`.execute(handle.db);
  await sql`UPDATE child_event SET deleted_at = now() WHERE deleted_at IS NULL AND abs(hashtext(id::text)) % 53 = 0`.execute(handle.db);
}, 600_000);

afterAll(async () => {
  await handle?.close();
});

describe('24 months counted together are 24 months counted one by one (issue 9: trends true for any date)', () => {
  it('the generated council has late records, corrections and deletions for the months to differ as recorded then', async () => {
    const changed = await sql<{ n: number }>`SELECT count(DISTINCT event_id)::int AS n FROM child_event_change`.execute(handle.db);
    expect(changed.rows[0]!.n).toBeGreaterThan(20);
  });

  it('every measure, every month: the figure and its children, as corrected since and as recorded by the end of the month', async () => {
    const together = await computeFigures(handle.db, { periods: months.map(monthPeriod), today: TODAY });
    let differs = 0;
    for (const [p, month] of months.entries()) {
      const alone = await computeFigures(handle.db, { periods: [monthPeriod(month)], today: TODAY });
      MEASURES.forEach((m, i) => {
        const a = together.pairs[p]![i]!;
        const b = alone.pairs[0]![i]!;
        expect({ month, measure: m.id, now: seen(a.now), known: seen(a.known) }).toEqual({ month, measure: m.id, now: seen(b.now), known: seen(b.known) });
        if (a.differs) differs++;
      });
    }
    // Some figures moved after their month closed, so the months as recorded then were really counted.
    expect(differs).toBeGreaterThan(0);
  }, 600_000);

  it('as recorded by the end of each month: the figure and its children are those of every child counted from their facts as then recorded (none taken from the record now)', async () => {
    const periods = months.map(monthPeriod);
    const together = await computeFigures(handle.db, { periods, today: TODAY });
    // From scratch: every child's journal as it stood at the end of the month, and every child's clocks
    // derived again from it, by the same engine and rules as the due list.
    const from = periods[0]!.from;
    const until = periods.at(-1)!.to;
    const ruleIds = [...new Set(MEASURES.flatMap(rulesOf))];
    const rules = TIMESCALE_RULES.filter((r) => ruleIds.includes(r.id));
    const [rows, clocks, allocations, assessments, settings, school, details] = await Promise.all([
      readJournal(handle.db, [...new Set(MEASURES.flatMap((m) => m.events))], until),
      readClocks(handle.db, ruleIds, from, until),
      readAllocations(handle.db, from, until),
      readAssessments(handle.db, from, until),
      loadSettings(handle.db),
      loadSchoolCalendar(handle.db),
      readDetails(handle.db, new Set(DETAIL_KINDS)),
    ]);
    const index = new JournalIndex(rows);
    const everyone = new Set([...rows.map((r) => r.childId), ...clocks.map((c) => c.childId)]);
    const derivation = { rules, settings, school, milestones: milestonesOfTable(clocks, rules, new Map()) };
    let changedChildren = 0;
    for (const [p, period] of periods.entries()) {
      changedChildren += index.changedSince(period.to).size;
      const then = index.knownOf(everyone, period.to, derivation);
      const facts: MeasureFacts = { byType: then.byType, clocks: then.clocks, allocations, allocationsByChild: allocationsByChild(allocations), assessments, details, settings, today: TODAY };
      MEASURES.forEach((m, i) => {
        const engine = together.pairs[p]![i]!.known;
        expect({ month: period.from, measure: m.id, known: counted(figureOfRows(engine, m.count(facts, period))) }).toEqual({ month: period.from, measure: m.id, known: counted(engine) });
      });
    }
    // Most children's facts were counted from the record now by the engine, so the comparison proved something.
    expect(changedChildren).toBeGreaterThan(0);
    expect(changedChildren).toBeLessThan(everyone.size * periods.length);
  }, 600_000);

  it('every measure counted from its own facts alone (its page, export and API) is the same figure and children as from every fact the catalogue reads', async () => {
    const periods = [monthPeriod(months.at(-1)!), { from: '2025-11-21', to: TODAY }];
    const whole = await computeFigures(handle.db, { periods, today: TODAY });
    const byChild = allocationsByChild(whole.allocations);
    let handoverRows = 0;
    for (const [i, measure] of MEASURES.entries()) {
      const id = measure.id;
      const alone = await computeFigures(handle.db, { periods, measures: [measure], today: TODAY });
      // As recorded then, who is counted and how (the facts a row lists aside): alone, a child is counted
      // again only if their events of this measure's types changed; in the catalogue, if any of theirs did,
      // and a row counted again lists the facts as known then, not the record now's (decision 0054).
      for (const p of [0, 1]) {
        expect({ id, p, now: seen(alone.pairs[p]![0]!.now), known: counted(alone.pairs[p]![0]!.known) }).toEqual({ id, p, now: seen(whole.pairs[p]![i]!.now), known: counted(whole.pairs[p]![i]!.known) });
        // Each row's team: alone, from the allocations of the children counted on their rows' days; in
        // the catalogue, from the council's. On a handover day, the same team (decision 0074).
        for (const r of [...alone.pairs[p]![0]!.now.rows, ...alone.pairs[p]![0]!.known.rows]) {
          expect({ id, child: r.childId, on: r.on, team: alone.teamOf(r.childId, r.on) }).toEqual({ id, child: r.childId, on: r.on, team: whole.teamOf(r.childId, r.on) });
          const running = (byChild.get(r.childId) ?? []).filter((a) => a.teamId && a.fromDate <= r.on && (a.toDate === null || a.toDate >= r.on));
          if (new Set(running.map((a) => a.teamId)).size > 1) handoverRows++;
        }
      }
    }
    // Some rows were on a day two teams' allocations ran (a handover), so the rule was tried.
    expect(handoverRows).toBeGreaterThan(0);
  }, 600_000);
});
