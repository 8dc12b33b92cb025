// The team of every row of some measures' drill-downs (not a test): to check a change to how rows are
// teamed keeps them (decision 0074). Writes one line a row (measure, period, child, day, team), sorted;
// with --compare FILE, says how many rows differ from an earlier dump and how many of those are on a day
// two of the child's allocations with different teams ran (a handover). Reads only.
//   npx tsx bench/teams.ts postgres://postgres@127.0.0.1:5432/lantern_bench --dump /tmp/teams.txt [--compare /tmp/teams-before.txt] [--measure re-referrals,…]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connection.ts';
import { monthPeriod, trendMonths } from '../src/dashboards/monthly.ts';
import { measureById } from '../src/measures/catalogue.ts';
import { computeFigures } from '../src/measures/engine.ts';
import { defaultPeriod } from '../src/measures/present.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { today: { type: 'string', default: '2026-11-20' }, measure: { type: 'string', default: 'placed-far-from-home,icpc-on-time,cp-current,re-referrals' }, dump: { type: 'string' }, compare: { type: 'string' } },
});
const where = positionals[0];
if (!where || !args.dump) throw new Error('Give the database URL of a generated council and --dump FILE.');
const today = args.today!;
const h = await openDatabase(where.startsWith('postgres') ? { url: where, poolSize: 4 } : { dataDir: where });
const periods = { '12-months': defaultPeriod(today), 'closed-month': monthPeriod(trendMonths(today, 1)[0]!) };
const lines: string[] = [];
for (const id of args.measure!.split(',')) {
  const measure = measureById(id);
  if (!measure) throw new Error(`No measure ${id}`);
  for (const [label, period] of Object.entries(periods)) {
    const figures = await computeFigures(h.db, { periods: [period], measures: [measure], today });
    const pair = figures.pairs[0]![0]!;
    for (const r of [...pair.now.rows, ...pair.known.rows]) lines.push(`${id} ${label} ${r.childId} ${r.on} ${figures.teamOf(r.childId, r.on).id ?? '-'}`);
  }
}
const unique = [...new Set(lines)].sort();
writeFileSync(args.dump, unique.join('\n') + '\n');
console.log(`${unique.length} rows (child and day) written to ${args.dump}`);
if (args.compare) {
  const before = new Map(readFileSync(args.compare, 'utf8').trim().split('\n').map((l) => [l.split(' ').slice(0, 4).join(' '), l.split(' ')[4]!]));
  const differ = unique.filter((l) => before.get(l.split(' ').slice(0, 4).join(' ')) !== l.split(' ')[4]);
  // A handover day: two allocations with different teams ran on the row's day.
  const handover = async (childId: string, day: string) =>
    (await sql<{ n: number }>`SELECT count(DISTINCT w.team_id)::int AS n FROM allocation a JOIN app_user w ON w.id = a.worker_id
      WHERE a.child_id = ${childId} AND a.deleted_at IS NULL AND w.team_id IS NOT NULL AND a.from_date <= ${day} AND (a.to_date IS NULL OR a.to_date >= ${day})`.execute(h.db)).rows[0]!.n > 1;
  let onHandover = 0;
  for (const l of differ) {
    const [, , childId, day] = l.split(' ');
    if (await handover(childId!, day!)) onHandover++;
  }
  console.log(`${differ.length} rows with another team than in ${args.compare} (${before.size} there); ${onHandover} of them on a handover day`);
  for (const l of differ.slice(0, 5)) console.log(`  ${l} (was ${before.get(l.split(' ').slice(0, 4).join(' ')) ?? 'not there'})`);
}
await h.close();
