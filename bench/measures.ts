// Benchmark (not a test): the measure engine on a generated council (issue 9's targets): the whole
// catalogue for one period (today, the 12 months to today, a closed month), 24 monthly values of every
// measure (the engine alone, nothing kept), and a measure's drill-down (the children behind a figure),
// each run `--repeat` times after one warm-up. Reads only.
//   npx tsx bench/measures.ts postgres://postgres@127.0.0.1:5432/lantern_bench [--today 2026-11-20] [--repeat 3] [--only catalogue,trend,drill]
// --dump FILE writes every figure of the trend and of the 12 months (numerator, denominator and a hash
// of the rows behind it, as corrected and as recorded then), to check a change to the engine keeps them.
// --dump-now-only leaves out the 24 months (the record now only: quicker, for a change to that path).
// --dump-each adds, to the dump, every measure counted by clocks counted alone (its page; 12 months, the
// last closed month, today), the council's first improvement plan's measures and every measure of workers
// as the plan's page counts them (planFigures, on today and on the plan's first baseline day): the reads
// that depend on the measures asked (decision 0075).
// --compare FILE (with --dump) then checks the dump is byte for byte an earlier one (made before the
// change): it names the first figures that differ and exits with 1 if any do (decision 0061).
//   npx tsx bench/measures.ts /tmp/lantern-small                                    (a PGlite data folder)
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connection.ts';
import type { SignedInUser } from '../src/access/policy.ts';
import type { Role } from '../src/access/roles.ts';
import { monthPeriod, trendMonths } from '../src/dashboards/monthly.ts';
import { computeFigures, type Figure, type Figures } from '../src/measures/engine.ts';
import { catalogueFigures, defaultPeriod, measureDetail } from '../src/measures/present.ts';
import { MEASURES, rulesOf } from '../src/measures/catalogue.ts';
import { WORKER_MEASURES } from '../src/measures/catalogue/workers.ts';
import { planFigures } from '../src/improvement-plans/figures.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { today: { type: 'string', default: '2026-11-20' }, repeat: { type: 'string', default: '3' }, only: { type: 'string' }, dump: { type: 'string' }, compare: { type: 'string' }, 'dump-now-only': { type: 'boolean', default: false }, 'dump-each': { type: 'boolean', default: false } },
});
const where = positionals[0];
if (!where) throw new Error('Give the database URL or PGlite data folder of a generated council.');
const today = args.today!;
const repeat = Number(args.repeat);
const only = args.only ? new Set(args.only.split(',')) : null;
const h = await openDatabase(where.startsWith('postgres') ? { url: where, poolSize: 4 } : { dataDir: where });
const db = h.db;
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');

/** One warm-up, then `repeat` timed runs: the median and the slowest (with --repeat 0, the warm-up's time, cold). */
async function time(label: string, f: () => Promise<unknown>) {
  const cold = performance.now();
  await f();
  const ms: number[] = repeat === 0 ? [performance.now() - cold] : [];
  for (let i = 0; i < repeat; i++) {
    const s = performance.now();
    await f();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label}: median ${ms[Math.floor(ms.length / 2)]!.toFixed(0)} ms, slowest ${ms.at(-1)!.toFixed(0)} ms (load ${load()})`);
}

const analystRow = (await sql<{ id: string; username: string; display_name: string; role: Role; team_id: string | null }>`
  SELECT id, username, display_name, role, team_id FROM app_user WHERE role = 'performance_analyst' ORDER BY username LIMIT 1`.execute(db)).rows[0];
if (!analystRow) throw new Error('No performance analyst in this council');
const analyst: SignedInUser = { id: analystRow.id, username: analystRow.username, displayName: analystRow.display_name, role: analystRow.role, teamId: analystRow.team_id, agency: null };
const lastMonth = monthPeriod(trendMonths(today, 1)[0]!);
const twelve = defaultPeriod(today);
console.log(`today ${today}; 12 months ${twelve.from} to ${twelve.to}; last closed month ${lastMonth.from} to ${lastMonth.to}; load ${load()}`);

if (!only || only.has('catalogue')) {
  await time('catalogue, as at today (one day)', () => catalogueFigures(db, { from: today, to: today }, today));
  await time('catalogue, the 12 months to today', () => catalogueFigures(db, twelve, today));
  await time('catalogue, the last closed month (as recorded then too)', () => catalogueFigures(db, lastMonth, today));
}
if (!only || only.has('drill')) {
  for (const id of ['placed-far-from-home', 'icpc-on-time', 'cp-current', 're-referrals']) {
    await time(`drill-down ${id}, 12 months to today`, () => measureDetail(db, analyst, id, twelve, today));
    await time(`drill-down ${id}, last closed month`, () => measureDetail(db, analyst, id, lastMonth, today));
  }
}
if (!only || only.has('trend')) {
  const periods = trendMonths(today).map(monthPeriod);
  await time('24 monthly values of every measure (engine only)', () => computeFigures(db, { periods, today }));
}
if (args.dump) {
  // The rows as a set: the order a measure lists them in is not part of the figure.
  const hashOf = (f: Figure) => createHash('sha256').update(f.rows.map((r) => JSON.stringify([r.childId, r.on, r.met, r.amount ?? null, r.key ?? null, r.facts])).sort().join('\n')).digest('hex').slice(0, 16);
  const lines: string[] = [];
  const dump = (figures: Figures, periods: readonly { from: string; to: string }[]) =>
    figures.pairs.forEach((row, p) =>
      row.forEach((pair) => lines.push(`${periods[p]!.from} ${periods[p]!.to} ${pair.now.measure.id} now ${pair.now.numerator}/${pair.now.denominator} ${hashOf(pair.now)} known ${pair.known.numerator}/${pair.known.denominator} ${hashOf(pair.known)}`)),
    );
  const periods = trendMonths(today).map(monthPeriod);
  let s = performance.now();
  if (!args['dump-now-only']) {
    dump(await computeFigures(db, { periods, today }), periods);
    console.log(`dump: 24 months in ${(performance.now() - s).toFixed(0)} ms`);
  }
  s = performance.now();
  dump(await computeFigures(db, { periods: [twelve], today }), [twelve]);
  dump(await computeFigures(db, { periods: [{ from: today, to: today }], today }), [{ from: today, to: today }]);
  console.log(`dump: 12 months and today in ${(performance.now() - s).toFixed(0)} ms`);
  if (args['dump-each']) {
    s = performance.now();
    const eachPeriods = [twelve, lastMonth, { from: today, to: today }];
    for (const m of MEASURES.filter((m) => rulesOf(m).length > 0)) {
      const alone = await computeFigures(db, { periods: eachPeriods, measures: [m], today });
      alone.pairs.forEach((row, p) => {
        const pair = row[0]!;
        lines.push(`alone ${eachPeriods[p]!.from} ${eachPeriods[p]!.to} ${m.id} now ${pair.now.numerator}/${pair.now.denominator} ${hashOf(pair.now)} known ${pair.known.numerator}/${pair.known.denominator} ${hashOf(pair.known)}`);
      });
    }
    const plan = (await sql<{ measure_id: string; baseline_on: string }>`
      SELECT m.measure_id, m.baseline_on::text AS baseline_on FROM improvement_action_measure m JOIN improvement_action a ON a.id = m.action_id
      WHERE a.plan_id = (SELECT id FROM improvement_plan WHERE deleted_at IS NULL ORDER BY recorded_at LIMIT 1) ORDER BY m.baseline_on, m.measure_id`.execute(db)).rows;
    const planIds = [...new Set(plan.map((r) => r.measure_id))];
    const days = [today, ...(plan[0] ? [plan[0].baseline_on] : []), lastMonth.to];
    for (const [what, ids] of [['plan', planIds], ['workers', WORKER_MEASURES.map((w) => w.id)]] as const) {
      for (const day of days) {
        for (const [id, f] of await planFigures(db, ids, day, today)) lines.push(`${what} ${day} ${id} now ${JSON.stringify(f.now)} known ${JSON.stringify(f.known)}`);
      }
    }
    console.log(`dump: each measure by clocks alone, the plan's and the workers' in ${(performance.now() - s).toFixed(0)} ms (plan: ${planIds.join(', ')})`);
  }
  writeFileSync(args.dump, lines.join('\n') + '\n');
  console.log(`dump: ${lines.length} figures written to ${args.dump}`);
  if (args.compare) {
    const before = readFileSync(args.compare, 'utf8');
    const after = lines.join('\n') + '\n';
    const earlier = before.split('\n');
    const differ = lines.filter((line, i) => line !== earlier[i]);
    console.log(before === after ? `dump: byte for byte the same as ${args.compare}` : `dump: NOT the same as ${args.compare} (${earlier.length - 1} lines there): first differing\n  ${differ.slice(0, 5).join('\n  ')}`);
    if (before !== after) process.exitCode = 1;
  }
}
await h.close();
