// Where the measure engine's time goes (not a test): each statement the engine sends, timed alone, then
// the counting. CPU time of this process beside the wall time, since the machine is shared.
//   npx tsx bench/engine-phases.ts postgres://postgres@127.0.0.1:5432/lantern_bench [--today 2026-11-20] [--period today|12|month|24]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/connection.ts';
import { monthPeriod, trendMonths } from '../src/dashboards/monthly.ts';
import { MEASURES, rulesOf } from '../src/measures/catalogue.ts';
import { computeFigures, countedSince } from '../src/measures/engine.ts';
import { readAllocations, readAssessments, readClocks, readDetails, readJournal, readJournalNow, type DetailKind } from '../src/measures/facts.ts';
import { defaultPeriod } from '../src/measures/present.ts';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { today: { type: 'string', default: '2026-11-20' }, period: { type: 'string', default: '12' } } });
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
console.log(`load ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
await h.close();
