// One count of the catalogue (not a test), to profile the engine: --period today|12|month|24, --measure ID (a drill-down's count).
// Prints the CPU time of each phase of the engine (reading, the journal index, the changed children's facts, counting).
//   node --import tsx --cpu-prof bench/engine-once.ts postgres://postgres@127.0.0.1:5432/lantern_bench --period today
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/connection.ts';
import { monthPeriod, trendMonths } from '../src/dashboards/monthly.ts';
import { measureById } from '../src/measures/catalogue.ts';
import { computeFigures } from '../src/measures/engine.ts';
import { defaultPeriod } from '../src/measures/present.ts';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { today: { type: 'string', default: '2026-11-20' }, period: { type: 'string', default: 'today' }, measure: { type: 'string' }, repeat: { type: 'string', default: '1' } } });
const where = positionals[0];
if (!where) throw new Error('Give the database URL or PGlite data folder of a generated council.');
const today = args.today!;
const h = await openDatabase(where.startsWith('postgres') ? { url: where, poolSize: 4 } : { dataDir: where });
const periods =
  args.period === 'today' ? [{ from: today, to: today }] : args.period === 'month' ? [monthPeriod(trendMonths(today, 1)[0]!)] : args.period === '24' ? trendMonths(today).map(monthPeriod) : [defaultPeriod(today)];
const measure = args.measure ? measureById(args.measure) : undefined;
if (args.measure && !measure) throw new Error(`No measure ${args.measure}`);
for (let i = 0; i < Number(args.repeat); i++) {
  const cpu = process.cpuUsage();
  const s = performance.now();
  const phases = new Map<string, number>();
  await computeFigures(h.db, { periods, today, cpu: phases, ...(measure ? { measures: [measure] } : {}) });
  const used = process.cpuUsage(cpu);
  console.log(`  cpu ms by phase: ${[...phases].map(([phase, ms]) => `${phase} ${ms.toFixed(0)}`).join('; ')}`);
  console.log(`${args.period}${measure ? ` ${measure.id}` : ''}: ${(performance.now() - s).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms cpu of this process (load ${loadavg().map((n) => n.toFixed(2)).join(' ')})`);
}
await h.close();
