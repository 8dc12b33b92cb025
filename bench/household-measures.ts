// Benchmark (not a test): the foster carers' household measures on a generated council (decision 0060):
// for each, reading every household fact (as before 0060) and reading only the facts it counts, then
// counting it, each run `--repeat` times after one warm-up. Reads only (in a read-only session).
//   npx tsx bench/household-measures.ts postgres://postgres@127.0.0.1:5432/lantern_bench [--today 2026-11-20] [--repeat 20]
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/connection.ts';
import { HOUSEHOLD_MEASURES } from '../src/measures/catalogue/households.ts';
import { defaultPeriod } from '../src/measures/present.ts';
import { computeHouseholdFigure, readHouseholdFacts } from '../src/measures/households.ts';
import { nearestRank } from './arrivals.ts';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { today: { type: 'string', default: '2026-11-20' }, repeat: { type: 'string', default: '20' } } });
const where = positionals[0];
if (!where) throw new Error('Give the database URL or PGlite data folder of a generated council.');
const today = args.today!;
const repeat = Number(args.repeat);
// A read-only session: a benchmark never writes to the council it measures.
const url = where.startsWith('postgres') ? `${where}${where.includes('?') ? '&' : '?'}options=-c%20default_transaction_read_only%3Don` : undefined;
const h = await openDatabase(url ? { url, poolSize: 4 } : { dataDir: where });
const period = defaultPeriod(today);
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');

async function time(f: () => Promise<unknown>) {
  await f();
  const ms: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await f();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return `p50 ${nearestRank(ms, 50).toFixed(0)} ms, p95 ${nearestRank(ms, 95).toFixed(0)} ms`;
}

console.log(`load ${load()}; ${repeat} runs each after a warm-up; facts read then the figure counted`);
for (const m of HOUSEHOLD_MEASURES.filter((m) => m.service === 'foster-carers')) {
  const all = await time(async () => computeHouseholdFigure(await readHouseholdFacts(h.db, today), m, period));
  const own = await time(async () => computeHouseholdFigure(await readHouseholdFacts(h.db, today, [m]), m, period));
  console.log(`${m.id.padEnd(42)} every fact: ${all}; its own (${(m.reads ?? ['all']).join(', ') || 'households only'}): ${own}`);
}
console.log(`load ${load()}`);
await h.close();
