// Where the measure engine's time goes (not a test): each statement the engine sends, timed alone, then
// the counting. CPU time of this process beside the wall time, since the machine is shared. With
// --by-measure, each measure's count of the record now for every period asked, the slowest first.
//   npx tsx bench/engine-phases.ts postgres://postgres@127.0.0.1:5432/lantern_bench [--today 2026-11-20] [--period today|12|month|24] [--by-measure]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/connection.ts';
import { monthPeriod, trendMonths } from '../src/dashboards/monthly.ts';
import { MEASURES, rulesOf } from '../src/measures/catalogue.ts';
import { computeFigures, countedSince } from '../src/measures/engine.ts';
import { allocationsByChild } from '../src/measures/counting.ts';
import { journalNow } from '../src/measures/known.ts';
import { loadSettings } from '../src/settings/council-settings.ts';
import { loadSchoolCalendar } from '../src/settings/school-terms.ts';
import { readAllocations, readAssessments, readClocks, readDetails, readJournal, readJournalNow, type DetailKind } from '../src/measures/facts.ts';
import { defaultPeriod } from '../src/measures/present.ts';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { today: { type: 'string', default: '2026-11-20' }, period: { type: 'string', default: '12' }, 'by-measure': { type: 'boolean', default: false } } });
const where = positionals[0];
if (!where) throw new Error('Give the database URL or PGlite data folder of a generated council.');
const today = args.today!;
const h = await openDatabase(where.startsWith('postgres') ? { url: where, poolSize: 4 } : { dataDir: where });
const periods =
  args.period === 'today' ? [{ from: today, to: today }] : args.period === 'month' ? [monthPeriod(trendMonths(today, 1)[0]!)] : args.period === '24' ? trendMonths(today).map(monthPeriod) : [defaultPeriod(today)];
const from = periods[0]!.from;
const until = periods.at(-1)!.to;

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const s = performance.now();
  const out = await f();
  const used = process.cpuUsage(cpu);
  console.log(`${label.padEnd(28)} ${(performance.now() - s).toFixed(0).padStart(6)} ms wall ${((used.user + used.system) / 1000).toFixed(0).padStart(6)} ms cpu`);
  return out;
}
const types = [...new Set(MEASURES.flatMap((m) => m.events))];
const ruleIds = [...new Set(MEASURES.flatMap(rulesOf))];
if (!args['by-measure']) {
  await timed('warm-up (whole engine)', () => computeFigures(h.db, { periods, today }));
  const asKnownToo = periods.some((p) => p.to < today);
  const journal = asKnownToo
    ? await timed('journal (all versions)', () => readJournal(h.db, types, until))
    : await timed('journal (now only)', () => readJournalNow(h.db, [...new Set(MEASURES.flatMap((m) => (rulesOf(m).length === 0 ? m.events : [])))], until, countedSince(MEASURES, from)));
  console.log(`  ${journal.length} journal rows`);
  const clocks = await timed('clocks', () => readClocks(h.db, ruleIds, from, until));
  console.log(`  ${clocks.length} clocks`);
  await timed('allocations', () => readAllocations(h.db, from, until));
  await timed('assessments', () => readAssessments(h.db, from, until));
  for (const kind of new Set(MEASURES.flatMap((m) => m.details ?? []))) await timed(`details: ${kind}`, () => readDetails(h.db, new Set<DetailKind>([kind])));
  await timed('whole engine', () => computeFigures(h.db, { periods, today }));
}
if (args['by-measure']) {
  // The record now's facts as the engine reads them, then each measure counted alone for every period.
  const nowTypes = [...new Set(MEASURES.flatMap((m) => (rulesOf(m).length === 0 ? m.events : [])))];
  const [facts, nowClocks, allocations, assessments, details, settings, school] = await Promise.all([
    readJournalNow(h.db, nowTypes, until, countedSince(MEASURES, from)),
    readClocks(h.db, ruleIds, from, until, true),
    readAllocations(h.db, from, until),
    readAssessments(h.db, from, until),
    readDetails(h.db, new Set(MEASURES.flatMap((m) => m.details ?? []))),
    loadSettings(h.db),
    loadSchoolCalendar(h.db),
  ]);
  void school;
  const now = { byType: journalNow(facts), clocks: nowClocks, allocations, allocationsByChild: allocationsByChild(allocations), assessments, details, settings, today };
  const times: [string, number, number][] = [];
  for (const m of MEASURES) {
    const cpu = process.cpuUsage();
    let rows = 0;
    for (const p of periods) rows += m.count(now, p).length;
    const used = process.cpuUsage(cpu);
    times.push([m.id, (used.user + used.system) / 1000, rows]);
  }
  times.sort((a, b) => b[1] - a[1]);
  console.log(`counting the record now, every period (cpu ms, rows): total ${times.reduce((s, t) => s + t[1], 0).toFixed(0)} ms`);
  for (const [id, ms, rows] of times.slice(0, 20)) console.log(`  ${id.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms ${rows} rows`);
}
console.log(`load ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
await h.close();
