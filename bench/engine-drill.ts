// Where a drill-down's time goes (not a test): a measure's page (measurePage: its first 50 rows named) for
// the 12 months to today and the last closed month, each statement it sends with its time and rows, and
// the CPU of this process for the whole call (the machine is shared: compare CPU, and say the load).
// With --export, the export's list instead (measureDetail: every row named). Reads only.
//   npx tsx bench/engine-drill.ts postgres://postgres@127.0.0.1:5432/lantern_bench [--today 2026-11-20] [--measure icpc-on-time,cp-current] [--repeat 3] [--statements] [--export]
// With --statements, each statement's SQL (first 160 characters) and time; with --save FILE, the statements
// with their parameters as bench/explain.ts reads them, for EXPLAIN ANALYZE (in a read-only session:
// --database-url 'postgres://…/lantern_bench?options=-c%20default_transaction_read_only%3Don').
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql, type LogEvent } from 'kysely';
import { openDatabase } from '../src/db/connection.ts';
import type { SignedInUser } from '../src/access/policy.ts';
import type { Role } from '../src/access/roles.ts';
import { monthPeriod, trendMonths } from '../src/dashboards/monthly.ts';
import { defaultPeriod, measureDetail, measurePage } from '../src/measures/present.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { today: { type: 'string', default: '2026-11-20' }, measure: { type: 'string', default: 'placed-far-from-home,icpc-on-time,cp-current,re-referrals' }, repeat: { type: 'string', default: '3' }, statements: { type: 'boolean', default: false }, export: { type: 'boolean', default: false }, save: { type: 'string' } },
});
const where = positionals[0];
if (!where) throw new Error('Give the database URL or PGlite data folder of a generated council.');
const today = args.today!;
let logging = false;
const statements: { sql: string; parameters: readonly unknown[]; ms: number }[] = [];
const saved: { page: string; statements: typeof statements }[] = [];
const log = (e: LogEvent) => {
  if (logging) statements.push({ sql: e.query.sql, parameters: e.query.parameters, ms: e.queryDurationMillis });
};
const h = await openDatabase(where.startsWith('postgres') ? { url: where, poolSize: 4, log } : { dataDir: where, log });
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');

const analystRow = (await sql<{ id: string; username: string; display_name: string; role: Role; team_id: string | null }>`
  SELECT id, username, display_name, role, team_id FROM app_user WHERE role = 'performance_analyst' ORDER BY username LIMIT 1`.execute(h.db)).rows[0];
if (!analystRow) throw new Error('No performance analyst in this council');
const analyst: SignedInUser = { id: analystRow.id, username: analystRow.username, displayName: analystRow.display_name, role: analystRow.role, teamId: analystRow.team_id, agency: null };
// The page as the route shows it (its first 50 rows named), or the export's list.
const drill = async (id: string, period: { from: string; to: string }) =>
  args.export ? (await measureDetail(h.db, analyst, id, period, today)).rows.length : (await measurePage(h.db, analyst, id, period, today, null, (rows) => ({ shown: rows.slice(0, 50) }))).detail.rows.length;
const periods = { '12 months': defaultPeriod(today), 'closed month': monthPeriod(trendMonths(today, 1)[0]!) };

for (const id of args.measure!.split(',')) {
  for (const [label, period] of Object.entries(periods)) {
    await drill(id, period);
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < Number(args.repeat); i++) {
      logging = i === 0;
      const c = process.cpuUsage();
      const s = performance.now();
      const counted = await drill(id, period);
      wall.push(performance.now() - s);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
      logging = false;
      if (i === 0) console.log(`${id}, ${label}: ${counted} rows${args.export ? ' (the export)' : ''}`);
    }
    const median = (l: number[]) => [...l].sort((a, b) => a - b)[Math.floor(l.length / 2)]!.toFixed(0);
    console.log(`  median ${median(wall)} ms wall, ${median(cpu)} ms cpu of this process (load ${load()})`);
    const ran = statements.splice(0);
    if (args.statements) for (const s of ran) console.log(`    ${s.ms.toFixed(0).padStart(5)} ms  ${s.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    saved.push({ page: `${id}, ${label}`, statements: ran });
  }
}
if (args.save) writeFileSync(args.save, JSON.stringify(saved));
await h.close();
