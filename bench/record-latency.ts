// Benchmark (not a test): generate a council, then measure how quickly Lantern opens a child's
// record and chronology for 50 signed-in users at once, on PGlite and on PostgreSQL.
//
//   npm run bench -- --size large --backend postgres --seconds 20
//   npm run bench -- --size small --backend pglite
//
// Prints the figures; record them by hand in bench/RESULTS.md with the machine and date.
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { generateCouncil } from '../src/synth/generate.ts';
import { buildApp } from '../src/server/app.ts';
import { AREAS } from '../src/server/areas.ts';
import { fixedTime } from '../src/server/time.ts';
import { startSession, SESSION_COOKIE } from '../src/access/sessions.ts';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'large' },
    backend: { type: 'string', default: 'both' },
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});

const size = args.size as 'small' | 'medium' | 'large';
const today = '2026-11-20';
const time = fixedTime(today);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

async function openBackend(kind: 'pglite' | 'postgres'): Promise<{ handle: DatabaseHandle; cleanup: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-bench-'));
    const handle = await openDatabase({ dataDir: dir });
    return { handle, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = 'lantern_bench';
  const admin = new pg.Client({ connectionString: args['database-url'] });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(args['database-url']!);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 10 });
  return {
    handle,
    cleanup: async () => {
      const c = new pg.Client({ connectionString: args['database-url'] });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function measure(url: string, cookies: string[], seconds: number, connections: number) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  let finish: (result: autocannon.Result) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve) => (finish = resolve));
  const instance = autocannon({
    url,
    connections,
    duration: seconds,
    // Each connection is a different signed-in user.
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, headers: { ...request.headers, cookie: cookies[next++ % cookies.length]! } }) }],
  }, (error, result) => {
    if (error) throw error;
    finish(result);
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    if (statusCode === 200) latencies.push(responseTime);
  });
  const result = await done;
  latencies.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    statuses: [...statuses].map(([code, n]) => `${code}×${n}`).join(' '),
    errors: result.errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

async function run(kind: 'pglite' | 'postgres') {
  console.log(`\n## ${kind}: ${size} council`);
  const { handle, cleanup } = await openBackend(kind);
  try {
    await migrateToLatest(handle.db);
    const started = performance.now();
    await generateCouncil(handle.db, { size, seed: Number(args.seed), today }, (line) => console.log(`  ${line}`));
    console.log(`generate and load: ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const setting = await handle.db.selectFrom('council_setting').select('value').where('key', '=', 'synth.longHistoryChild').executeTakeFirstOrThrow();
    const longChild = (typeof setting.value === 'string' ? JSON.parse(setting.value) : setting.value) as { childId: string };
    const events = await handle.db.selectFrom('child_event').select((eb) => eb.fn.countAll<number>().as('n')).where('child_id', '=', longChild.childId).executeTakeFirstOrThrow();
    console.log(`child with the longest history: ${events.n} journal events`);

    // 50 distinct signed-in users who may see every unrestricted child.
    const analysts = await handle.db
      .selectFrom('app_user')
      .select('id')
      .where('role', 'in', ['front_door_worker', 'performance_analyst', 'senior_leader'])
      .where('active', '=', true) // workers who have left cannot sign in
      .execute();
    if (analysts.length === 0) throw new Error('The council has no users who can see every child');
    const cookies: string[] = [];
    for (let i = 0; i < Number(args.connections); i++) {
      const token = await startSession(handle.db, analysts[i % analysts.length]!.id, time);
      cookies.push(`${SESSION_COOKIE}=${token}`);
    }

    const app = await buildApp({ db: handle.db, time, councilName: 'Bench' }, { cookieSecret: 'bench-cookie-secret-long-enough-0123456789', secureCookies: false, areas: AREAS });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const [label, path] of [
      ['child record', `/children/${longChild.childId}`],
      ['chronology', `/children/${longChild.childId}/chronology`],
    ] as const) {
      const warm = await fetch(`${address}${path}`, { headers: { cookie: cookies[0]! } });
      if (warm.status !== 200) throw new Error(`${label} answered ${warm.status}`);
      const r = await measure(`${address}${path}`, cookies, Number(args.seconds), Number(args.connections));
      console.log(`${label}: ${r.requests} requests, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx} (${r.statuses}), errors ${r.errors}`);
    }
    await app.close();
  } finally {
    await handle.close();
    await cleanup();
  }
}

console.log(`Lantern benchmark ${new Date().toISOString()} on ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
const backends = args.backend === 'both' ? (['postgres', 'pglite'] as const) : [args.backend as 'pglite' | 'postgres'];
for (const backend of backends) await run(backend);
