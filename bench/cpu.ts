// CPU time per request of a page, measured in-process (not a test). On a machine other work keeps busy,
// a page's wall time says little; the CPU it costs does not depend on that, and capacity follows from it
// (about cores ÷ CPU per request, when PostgreSQL and Lantern share the cores). On PGlite the database
// runs inside this process, so its work is counted too; on PostgreSQL the server backends' CPU is read
// from /proc for the connections this process opened.
//
//   npx tsx bench/cpu.ts --data-dir /tmp/lantern-small [--requests 200] [--pages 'child record,offending'] [--path /children/<id> --role performance_analyst]
//   npx tsx bench/cpu.ts --database-url postgres://postgres@127.0.0.1:5432/lantern_bench
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { fixedTime } from '../src/server/time.ts';
import { startSession, SESSION_COOKIE } from '../src/access/sessions.ts';
import { benchApp, chooseCouncil, openCouncil, setting } from './council.ts';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    requests: { type: 'string', default: '200' },
    path: { type: 'string' },
    role: { type: 'string', default: 'senior_leader' },
    pages: { type: 'string' }, // the pages of bench/pages.ts whose label contains one of these (comma-separated)
  },
});
const dataDir = args['data-dir'] ? resolve(args['data-dir']) : undefined;
// Named, so that the PostgreSQL backends serving this process can be told from anyone else's.
const url = args['database-url'] ? `${args['database-url']}${args['database-url'].includes('?') ? '&' : '?'}application_name=lantern-bench-cpu` : undefined;
const { handle, release } = await openCouncil({ url, dataDir });
const db = handle.db;
const { today } = await setting<{ today: string }>(db, 'synth.council');

/** What is measured: --path as the first active user of --role; else the pages of bench/pages.ts asked for (default the child record). */
async function targets(): Promise<{ label: string; path: string; cookie: string | null }[]> {
  const signIn = { label: '/sign-in', path: '/sign-in', cookie: null };
  if (args.path) {
    const user = await db.selectFrom('app_user').select('id').where('role', '=', args.role as 'senior_leader').where('active', '=', true).orderBy('username').executeTakeFirstOrThrow();
    return [{ label: args.path, path: args.path, cookie: `${SESSION_COOKIE}=${await startSession(db, user.id, fixedTime(today))}` }];
  }
  const council = await chooseCouncil(db, { today, connections: 0, pages: args.pages ?? 'child record' });
  return [...council.pages.map((p) => ({ label: p.label, path: p.path, cookie: p.cookies[0]! })), signIn];
}
const measured = await targets();
const app = await benchApp(db, today);

/** CPU seconds (user + system) of the PostgreSQL backends serving this process. */
async function backendsCpu(): Promise<number> {
  if (handle.kind !== 'postgres') return 0;
  const pids = (await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE application_name = 'lantern-bench-cpu'`.execute(db)).rows;
  let ticks = 0;
  for (const { pid } of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // A backend that has gone since the query.
    }
  }
  return ticks / 100;
}

const n = Number(args.requests);
for (const { label, path, cookie } of measured) {
  const request = () => app.inject({ method: 'GET', url: path, headers: cookie ? { cookie } : {} });
  for (let i = 0; i < 20; i++) await request(); // warm: plans cached, templates compiled
  const status = (await request()).statusCode;
  const db0 = await backendsCpu();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await request();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const dbCpu = ((await backendsCpu()) - db0) * 1000;
  const node = (c.user + c.system) / 1000;
  console.log(`${label} (${status}): ${(node / n).toFixed(2)} ms of this process's CPU a request${handle.kind === 'postgres' ? ` + ${(dbCpu / n).toFixed(2)} ms of PostgreSQL's` : ' (PGlite inside it)'}; wall ${(wall / n).toFixed(1)} ms; load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
}
await app.close();
await handle.close();
release();
