// Benchmark (not a test): the dashboards' kept monthly figures on a generated council (decision 0035).
// Counts the 24 closed months of every measure from nothing (it empties dashboard_month, nothing else),
// then times the staleness check when nothing changed, the trends read and the dashboards assembled.
//   npx tsx bench/dashboard-months.ts postgres://postgres@127.0.0.1:5432/lantern_bench [YYYY-MM-DD]
//   npx tsx bench/dashboard-months.ts /tmp/lantern-small [YYYY-MM-DD]        (a PGlite data folder)
import { sql } from 'kysely';
import { loadavg } from 'node:os';
import { openDatabase } from '../src/db/connection.ts';
import { refreshMonths, readTrends, trendMonths } from '../src/dashboards/monthly.ts';
import { qualityTrend } from '../src/dashboards/quality-trend.ts';
import { dashboardOf } from '../src/dashboards/present.ts';

const where = process.argv[2];
if (!where) throw new Error('Give the database URL or PGlite data folder of a generated council.');
const today = process.argv[3] ?? '2026-11-20';
const h = await openDatabase(where.startsWith('postgres') ? { url: where, poolSize: 4 } : { dataDir: where });
const db = h.db;
const t = async <T>(label: string, f: () => Promise<T>) => { const s = performance.now(); const r = await f(); console.log(label, (performance.now() - s).toFixed(0), 'ms'); return r; };
console.log('load', loadavg().map((n) => n.toFixed(2)).join(' '));
await sql`DELETE FROM dashboard_month`.execute(db);
const r = await t('first count of 24 months (every measure)', () => refreshMonths(db, today));
console.log('counted', r.counted.length, 'before records', r.beforeRecords.length);
await t('staleness check, nothing changed', () => refreshMonths(db, today));
await t('staleness check again', () => refreshMonths(db, today));
const months = trendMonths(today);
await t('read council trends', () => readTrends(db, months, { council: true }));
await t('quality trend council', () => qualityTrend(db, months, today, { council: true }));
await t('dashboard council (kept)', () => dashboardOf(db, today, { kind: 'council' }));
const team = (await sql<{ id: string; name: string }>`SELECT id, name FROM team ORDER BY name LIMIT 1`.execute(db)).rows[0]!;
await t('dashboard team (kept)', () => dashboardOf(db, today, { kind: 'teams', teams: [team] }));
console.log('figure rows', (await sql<{ n: number }>`SELECT count(*)::int AS n FROM dashboard_figure`.execute(db)).rows[0]!.n);
console.log('load', loadavg().map((n) => n.toFixed(2)).join(' '));
await h.close();
