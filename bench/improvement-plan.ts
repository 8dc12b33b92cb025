// Benchmark (not a test): an improvement plan's page (decision 0069), the service call that gives the
// plan with each measure's value then and now, and the same figures for every measure that counts workers,
// each run `--repeat` times after one warm-up, with the CPU of this process and the load average. Reads
// only (in a read-only session). The plan is the council's first, unless `--plan` names one.
//   npx tsx bench/improvement-plan.ts postgres://postgres@127.0.0.1:5432/lantern_bench [--today 2026-11-20] [--repeat 5] [--plan <id>]
import { loadavg } from 'node:os';
import { cpuUsage } from 'node:process';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/connection.ts';
import { planFigures } from '../src/improvement-plans/figures.ts';
import { planWithProgress } from '../src/improvement-plans/service.ts';
import { WORKER_MEASURES } from '../src/measures/catalogue/workers.ts';
import { nearestRank } from './arrivals.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { today: { type: 'string', default: '2026-11-20' }, repeat: { type: 'string', default: '5' }, plan: { type: 'string' } },
});
const where = positionals[0];
if (!where) throw new Error('Give the database URL or PGlite data folder of a generated council.');
const today = args.today!;
const repeat = Number(args.repeat);
// A read-only session: a benchmark never writes to the council it measures.
const url = where.startsWith('postgres') ? `${where}${where.includes('?') ? '&' : '?'}options=-c%20default_transaction_read_only%3Don` : undefined;
const h = await openDatabase(url ? { url, poolSize: 4 } : { dataDir: where });
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');

async function time(f: () => Promise<unknown>) {
  await f();
  const ms: number[] = [];
  const cpu = cpuUsage();
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await f();
    ms.push(performance.now() - start);
  }
  const used = cpuUsage(cpu);
  ms.sort((a, b) => a - b);
  return `p50 ${nearestRank(ms, 50).toFixed(0)} ms, p95 ${nearestRank(ms, 95).toFixed(0)} ms, this process's CPU ${((used.user + used.system) / 1000 / repeat).toFixed(0)} ms a run`;
}

const planId = args.plan ?? (await h.db.selectFrom('improvement_plan').select('id').where('deleted_at', 'is', null).orderBy('recorded_at').executeTakeFirstOrThrow()).id;
console.log(`load ${load()}; ${repeat} runs each after a warm-up`);
console.log(`the plan's page (${planId}): ${await time(() => planWithProgress(h.db, planId, today))}`);
console.log(`the workers' ${WORKER_MEASURES.length} measures: ${await time(() => planFigures(h.db, WORKER_MEASURES.map((m) => m.id), today, today))}`);
console.log(`load ${load()}`);
await h.close();
