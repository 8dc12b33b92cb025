// Benchmark (not a test): how quickly Lantern answers the pages people land on, on a council that is
// already generated (or generated first with --generate), with the server in a process of its own
// so that the benchmark's own work is not counted in it.
//
//   npm run bench -- --database-url postgres://postgres@127.0.0.1:5432/lantern_bench [--generate large]
//   npm run bench -- --data-dir /tmp/lantern-small [--generate small]          (embedded PGlite)
//
// It prints, with os.loadavg() before and after each run:
//   (a) each landing page for one user: p50/p95 over --requests sequential requests;
//   (b) closed loop: the child record for --connections users at once, as fast as it answers;
//   (c) open loop: --rate requests a second mixed over the landing pages issue 6 names, arriving one every 1000/rate ms (bench/arrivals.ts), then autocannon overallRate to compare;
//   (d) the same for GET /sign-in, which does no database work: the ratio's baseline;
//   (e) for PGlite, --pglite-users concurrent users on the child record;
//   (f) EXPLAIN of every statement each page runs (captured with Kysely's log hook in this process),
//       naming any sequential scan of a table with more than 10,000 rows.
// Figures go to stdout and, as JSON, to bench/out/. Record them by hand in bench/RESULTS.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle, OpenOptions } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Database } from '../src/db/schema.ts';
import { generateCouncil } from '../src/synth/generate.ts';
import { isSize } from '../src/synth/profile.ts';
import { benchApp, chooseCouncil, COOKIE_SECRET, LANDING_PAGES, openCouncil, type Council, type Page } from './council.ts';
import { fixedRateArrivals, nearestRank } from './arrivals.ts';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    generate: { type: 'string' },
    seed: { type: 'string', default: '1' },
    today: { type: 'string' },
    requests: { type: 'string', default: '200' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '15' },
    'warm-seconds': { type: 'string', default: '15' }, // open loop: arrivals sent first and not counted
    rate: { type: 'string', default: '100' },
    'pglite-users': { type: 'string', default: '5' },
    start: { type: 'string', default: 'tsx' }, // tsx | dist: how the server process runs
    workers: { type: 'string' }, // LANTERN_WORKERS for the server (cluster on PostgreSQL)
    only: { type: 'string', default: 'single,closed,open,explain' },
    label: { type: 'string', default: '' },
    pages: { type: 'string' }, // only the pages whose label contains this
  },
});

const url = args['database-url'];
const dataDir = args['data-dir'] ? resolve(args['data-dir']) : undefined;
if (!url === !dataDir) throw new Error('Give exactly one of --database-url (PostgreSQL) or --data-dir (PGlite).');
const backend = url ? 'postgres' : 'pglite';
const only = new Set(args.only!.split(','));
const REQUESTS = Number(args.requests);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '–');
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');

// ------------------------------------------------------------------------------------------------
// The council: generate it if asked (the users and pages are chosen in bench/council.ts).
// ------------------------------------------------------------------------------------------------

function open(log?: OpenOptions['log']): Promise<{ handle: DatabaseHandle; release: () => void }> {
  return openCouncil({ url, dataDir }, { poolSize: 4, ...(log ? { log } : {}) });
}

async function generate(size: string): Promise<number> {
  if (!isSize(size)) throw new Error(`--generate must be small, medium or large`);
  if (url) {
    const target = new URL(url);
    const name = target.pathname.slice(1);
    if (!/^lantern_[a-z0-9_]+$/.test(name)) throw new Error(`Refusing to recreate database "${name}": name it lantern_…`);
    const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  } else if (existsSync(dataDir!) && readdirSync(dataDir!).length) {
    rmSync(dataDir!, { recursive: true, force: true });
  }
  const { handle, release } = await open();
  try {
    const started = performance.now();
    await migrateToLatest(handle.db);
    await generateCouncil(handle.db, { size, seed: Number(args.seed), today: args.today ?? '2026-11-20' }, (line) => console.log(`  ${line}`));
    const seconds = (performance.now() - started) / 1000;
    console.log(`generate and load (migrate, generate, analyze): ${seconds.toFixed(1)} s`);
    return seconds;
  } finally {
    await handle.close();
    release();
  }
}

// ------------------------------------------------------------------------------------------------
// The server, in its own process.
// ------------------------------------------------------------------------------------------------

interface Server {
  address: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(today: string): Promise<Server> {
  // As `npm start` and `npm run start:compiled` run it (package.json), young generation included.
  const entry = ['--max-semi-space-size=64', ...(args.start === 'dist' ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'])];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LANTERN_TODAY: today,
    LANTERN_COOKIE_SECRET: COOKIE_SECRET,
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
  };
  delete env['DATABASE_URL'];
  if (url) env['DATABASE_URL'] = url;
  else env['LANTERN_DATA_DIR'] = dataDir;
  if (args.workers) env['LANTERN_WORKERS'] = args.workers;
  const child = spawn(process.execPath, entry, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const address = await new Promise<string>((done, fail) => {
    const onData = (chunk: Buffer) => {
      if (output.length < 100_000) output += chunk.toString();
      const found = /Lantern is running at (\S+?)\/? on/.exec(output);
      if (found) done(found[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => fail(new Error(`The server exited (${code}) before it was ready:\n${output}`)));
  });
  // Keep draining its output (request logs) so the pipe never blocks it.
  return {
    address,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// ------------------------------------------------------------------------------------------------
// Measuring.
// ------------------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(address: string, path: string, cookie?: string): Promise<{ status: number; ms: number; bytes: number }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const request = http.get(`${address}${path}`, { agent, headers: cookie ? { cookie } : {} }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => done({ status: response.statusCode ?? 0, ms: performance.now() - started, bytes }));
      response.on('error', fail);
    });
    request.on('error', fail);
  });
}

interface Single {
  label: string;
  who: string;
  p50: number;
  p95: number;
  max: number;
  kb: number;
  statuses: string;
}

async function singleUser(address: string, page: Page): Promise<Single> {
  for (let i = 0; i < 5; i++) await get(address, page.path, page.cookies[0]); // warm
  const times: number[] = [];
  const statuses = new Map<number, number>();
  let bytes = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const r = await get(address, page.path, page.cookies[i % page.cookies.length]);
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    times.push(r.ms);
    bytes = r.bytes;
  }
  times.sort((a, b) => a - b);
  return { label: page.label, who: page.who, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)!, kb: bytes / 1024, statuses: [...statuses].map(([c, n]) => `${c}×${n}`).join(' ') };
}

interface Loop {
  what: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  statuses: string;
  errors: number;
  timeouts: number;
  loadBefore: string;
  loadAfter: string;
}

async function loop(what: string, address: string, targets: { path: string; cookie?: string }[], options: { connections: number; seconds: number; overallRate?: number }): Promise<Loop> {
  const loadBefore = load();
  let next = 0;
  const statuses = new Map<number, number>();
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(
      {
        url: address,
        connections: options.connections,
        duration: options.seconds,
        timeout: 10,
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              const target = targets[next++ % targets.length]!;
              return { ...request, path: target.path, headers: { ...request.headers, ...(target.cookie ? { cookie: target.cookie } : {}) } };
            },
          },
        ],
      },
      (error, r) => (error ? fail(error) : done(r)),
    );
    instance.on('response', (_client: unknown, statusCode: number) => statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1));
  });
  return {
    what,
    connections: options.connections,
    seconds: options.seconds,
    requests: result.requests.total,
    perSecond: result.requests.total / options.seconds,
    p50: result.latency.p50,
    p95: percentileOf(result, 95),
    p99: result.latency.p99,
    max: result.latency.max,
    statuses: [...statuses].map(([c, n]) => `${c}×${n}`).join(' '),
    errors: result.errors,
    timeouts: result.timeouts,
    loadBefore,
    loadAfter: load(),
  };
}

/** The open loop's figure: fixed-rate arrivals, each request timed from when it was due. */
async function arrivals(what: string, address: string, targets: { path: string; cookie?: string }[], rate: number, seconds: number): Promise<Loop> {
  const loadBefore = load();
  const r = await fixedRateArrivals(address, targets, { rate, seconds });
  return {
    what,
    connections: 0,
    seconds,
    requests: r.answered,
    perSecond: r.answered / seconds,
    p50: nearestRank(r.latencies, 50),
    p95: nearestRank(r.latencies, 95),
    p99: nearestRank(r.latencies, 99),
    max: r.latencies.at(-1) ?? 0,
    statuses: [...r.statuses].map(([c, n]) => `${c}×${n}`).join(' '),
    errors: r.errors,
    timeouts: r.timeouts,
    loadBefore,
    loadAfter: load(),
  };
}

/** autocannon reports p90 and p97.5 but not p95; its histogram is not exposed, so interpolate. */
function percentileOf(result: autocannon.Result, p: 95): number {
  const l = result.latency as unknown as Record<string, number>;
  const p90 = l['p90']!;
  const p975 = l['p97_5']!;
  return p90 + ((p - 90) / 7.5) * (p975 - p90);
}

// ------------------------------------------------------------------------------------------------
// EXPLAIN: every statement each page runs, in this process, with the same code as the server.
// ------------------------------------------------------------------------------------------------

interface Captured {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
}

interface SeqScan {
  page: string;
  table: string;
  rows: number;
  plan: 'custom' | 'generic';
  statement: string;
  explain: string;
}

function seqScansIn(node: Record<string, unknown>, out: string[]): void {
  if (node['Node Type'] === 'Seq Scan' && typeof node['Relation Name'] === 'string') out.push(node['Relation Name']);
  for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) seqScansIn(child, out);
}

/** A parameter as an SQL literal, for EXPLAIN EXECUTE of a generic plan. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (Array.isArray(value)) return `'{${value.map((v) => `"${String(v).replace(/(["\\])/g, '\\$1')}"`).join(',')}}'`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replace(/'/g, "''")}'`;
}

async function explainPages(council: Council): Promise<{ roundTrips: Record<string, number>; seqScans: SeqScan[]; statements: number; slowest: { page: string; ms: number; statement: string }[] }> {
  let current: Captured[] = [];
  const { handle, release } = await open((event) => {
    if (event.level === 'query') current.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
  });
  const roundTrips: Record<string, number> = {};
  const seqScans: SeqScan[] = [];
  const slowest: { page: string; ms: number; statement: string }[] = [];
  const dump: { page: string; statements: Captured[] }[] = [];
  let statements = 0;
  try {
    const app = await benchApp(handle.db, council.today);
    const big = new Map(
      // reltuples is -1 until a table is first analyzed; the statistics' live row count stands in then.
      (
        await sql<{ relname: string; reltuples: number }>`
          SELECT c.relname, greatest(c.reltuples, coalesce(s.n_live_tup, 0))::float8 AS reltuples
          FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
          WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace`.execute(handle.db)
      ).rows.map((r) => [r.relname, Number(r.reltuples)]),
    );
    const pages = [...council.pages, { label: 'sign-in (baseline)', path: '/sign-in', cookies: [], who: 'nobody' } as Page];
    for (const page of pages) {
      const inject = () => app.inject({ method: 'GET', url: page.path, headers: page.cookies[0] ? { cookie: page.cookies[0] } : {} });
      await inject(); // warm: the timings below are of the second request
      current = [];
      const response = await inject();
      const captured = current;
      dump.push({ page: page.label, statements: captured });
      roundTrips[page.label] = captured.length;
      if (response.statusCode !== 200) console.log(`  ${page.label}: ${response.statusCode}`);
      const slow = [...captured].sort((a, b) => b.ms - a.ms).filter((q) => q.ms >= 5).slice(0, 3);
      for (const q of slow) slowest.push({ page: page.label, ms: q.ms, statement: q.sql.replace(/\s+/g, ' ').slice(0, 300) });
      const seen = new Set<string>();
      for (const statement of captured) {
        if (!/^\s*(select|with|insert|update|delete)\b/i.test(statement.sql) || seen.has(statement.sql)) continue;
        seen.add(statement.sql);
        statements++;
        const plans: { kind: 'custom' | 'generic'; json: Record<string, unknown>; text: () => Promise<string> }[] = [];
        const custom = await handle.db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${statement.sql}`, [...statement.parameters]));
        plans.push({
          kind: 'custom',
          json: planRoot(custom.rows[0]!['QUERY PLAN']),
          text: async () => (await handle.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${statement.sql}`, [...statement.parameters]))).rows.map((r) => r['QUERY PLAN']).join('\n'),
        });
        // The plan a prepared statement may settle on after five runs (PostgreSQL's plan cache).
        if (backend === 'postgres' && statement.parameters.length > 0) {
          const generic = await genericPlan(handle.db, statement);
          if (generic) plans.push({ kind: 'generic', json: planRoot(generic.json), text: async () => generic.text });
        }
        for (const plan of plans) {
          const scans: string[] = [];
          seqScansIn(plan.json, scans);
          for (const table of new Set(scans)) {
            const rows = big.get(table) ?? 0;
            if (rows > 10_000) seqScans.push({ page: page.label, table, rows, plan: plan.kind, statement: statement.sql, explain: await plan.text() });
          }
        }
      }
    }
    await app.close();
  } finally {
    await handle.close();
    release();
  }
  // Every statement with its parameters, to EXPLAIN ANALYZE by hand (scripts/explain.ts).
  mkdirSync(join('bench', 'out'), { recursive: true });
  writeFileSync(join('bench', 'out', `statements-${backend}.json`), JSON.stringify(dump, null, 1));
  return { roundTrips, seqScans, statements, slowest };
}

function planRoot(value: unknown): Record<string, unknown> {
  const parsed = typeof value === 'string' ? JSON.parse(value) : value;
  return (parsed as { Plan: Record<string, unknown> }[])[0]!.Plan;
}

async function genericPlan(db: Kysely<Database>, statement: Captured): Promise<{ json: unknown; text: string } | null> {
  return db.connection().execute(async (c) => {
    try {
      await sql.raw(`PREPARE bench_generic AS ${statement.sql}`).execute(c);
      await sql.raw(`SET plan_cache_mode = force_generic_plan`).execute(c);
      const call = `EXECUTE bench_generic(${statement.parameters.map(literal).join(', ')})`;
      const json = await sql.raw<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${call}`).execute(c);
      const text = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN ${call}`).execute(c);
      return { json: json.rows[0]!['QUERY PLAN'], text: text.rows.map((r) => r['QUERY PLAN']).join('\n') };
    } catch (error) {
      console.log(`  (no generic plan for a statement: ${(error as Error).message.slice(0, 120)})`);
      return null;
    } finally {
      await sql.raw(`RESET plan_cache_mode`).execute(c).catch(() => {});
      await sql.raw(`DEALLOCATE bench_generic`).execute(c).catch(() => {});
    }
  });
}

// ------------------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  console.log(`Lantern page benchmark ${started.toISOString()} ${args.label}`);
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${load()}`);
  console.log(`backend: ${backend}${url ? ` (${new URL(url).pathname.slice(1)})` : ` (${dataDir})`}; server: ${args.start}${args.workers ? `, ${args.workers} workers` : ''}`);
  const generated = args.generate ? await generate(args.generate) : null;

  const { handle, release } = await open();
  let council: Council;
  try {
    // As the server does on start, so that this process's own queries (EXPLAIN) meet the same schema.
    await migrateToLatest(handle.db);
    council = await chooseCouncil(handle.db, { connections: Number(args.connections), ...(args.today ? { today: args.today } : {}), ...(args.pages ? { pages: args.pages } : {}) });
  } finally {
    await handle.close();
    release();
  }
  console.log(`council: ${council.size}, today ${council.today}; ${council.notes.join('; ')}`);
  const report: Record<string, unknown> = { started, backend, start: args.start, workers: args.workers ?? null, council: { size: council.size, today: council.today, notes: council.notes }, generated };

  if (only.has('single') || only.has('closed') || only.has('open') || only.has('pglite')) {
    const server = await startServer(council.today);
    try {
      for (const page of council.pages) {
        const warm = await get(server.address, page.path, page.cookies[0]);
        if (warm.status !== 200) throw new Error(`${page.label} (${page.path}) answered ${warm.status}`);
      }
      if (only.has('single')) {
        console.log(`\n(a) one user, ${REQUESTS} sequential requests a page (load ${load()})`);
        const singles: Single[] = [];
        for (const page of [...council.pages, { label: 'sign-in (baseline)', path: '/sign-in', cookies: [''], who: 'nobody' }]) {
          const s = await singleUser(server.address, page);
          singles.push(s);
          console.log(`  ${s.label.padEnd(30)} p50 ${ms(s.p50).padStart(7)}  p95 ${ms(s.p95).padStart(7)}  max ${ms(s.max).padStart(7)}  ${s.kb.toFixed(0).padStart(4)} kB  ${s.statuses}  ${s.who}`);
        }
        console.log(`  (load after ${load()})`);
        report['single'] = singles;
      }
      const loops: Loop[] = [];
      const show = (l: Loop) => {
        loops.push(l);
        console.log(`  ${l.what}: ${l.requests} requests in ${l.seconds} s (${l.perSecond.toFixed(0)}/s), p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, p99 ${ms(l.p99)}, max ${ms(l.max)}; ${l.statuses}; errors ${l.errors}, timeouts ${l.timeouts}; load ${l.loadBefore} → ${l.loadAfter}`);
      };
      const seconds = Number(args.seconds);
      if (only.has('closed')) {
        const connections = backend === 'pglite' ? Number(args['pglite-users']) : Number(args.connections);
        console.log(`\n(b, d) closed loop, ${connections} connections, as fast as answered`);
        show(await loop('child record', server.address, council.recordCookies.slice(0, connections).map((cookie) => ({ path: council.record.path, cookie })), { connections, seconds }));
        show(await loop('sign-in (baseline)', server.address, [{ path: '/sign-in' }], { connections, seconds }));
        const [record, baseline] = loops.slice(-2) as [Loop, Loop];
        console.log(`  ratio: the child record answers ${(record.perSecond / baseline.perSecond * 100).toFixed(1)}% as many requests a second as the baseline`);
      }
      if (only.has('open')) {
        const rate = Number(args.rate);
        const connections = Math.max(20, Math.min(200, rate));
        console.log(`\n(c, d) open loop, ${rate} requests a second (autocannon: ${connections} connections)`);
        // Interleave pages so that consecutive requests go to different pages.
        const interleaved: { path: string; cookie: string }[] = [];
        const landing = council.pages.filter((p) => LANDING_PAGES.has(p.label));
        const per = Math.max(...landing.map((p) => p.cookies.length));
        for (let i = 0; i < per; i++) for (const p of landing) interleaved.push({ path: p.path, cookie: p.cookies[i % p.cookies.length]! });
        // The figure: fixed-rate arrivals (bench/arrivals.ts). Then autocannon's overall rate, kept to compare
        // with earlier results: it sends each connection's quota in a burst at the start of each second.
        // A server that has just started prepares and plans each statement on each pooled connection as it
        // meets it, and V8 is still optimising: --warm-seconds of the same arrivals first, not counted, so the
        // figure is the server's steady state (5 s left p99 tails of 300 ms from the first seconds in a 15 s run).
        const warmSeconds = Number(args['warm-seconds']);
        const warm = await arrivals('warm-up', server.address, interleaved, rate, warmSeconds);
        console.log(`  warm-up (not counted): ${warmSeconds} s at ${rate}/s, p50 ${ms(warm.p50)}, p95 ${ms(warm.p95)}`);
        show(await arrivals(`every landing page, mixed, ${rate}/s, one every ${(1000 / rate).toFixed(0)} ms`, server.address, interleaved, rate, seconds));
        show(await arrivals(`sign-in (baseline), ${rate}/s, one every ${(1000 / rate).toFixed(0)} ms`, server.address, [{ path: '/sign-in' }], rate, seconds));
        show(await loop(`every landing page, mixed, autocannon overallRate ${rate}/s (bursts each second)`, server.address, interleaved, { connections, seconds, overallRate: rate }));
        show(await loop(`sign-in (baseline), autocannon overallRate ${rate}/s (bursts each second)`, server.address, [{ path: '/sign-in' }], { connections, seconds, overallRate: rate }));
      }
      report['loops'] = loops;
    } finally {
      await server.stop();
    }
  }

  if (only.has('explain')) {
    console.log(`\n(f) EXPLAIN of every statement each page runs`);
    const { roundTrips, seqScans, statements, slowest } = await explainPages(council);
    console.log(`  round trips: ${Object.entries(roundTrips).map(([page, n]) => `${page} ${n}`).join(', ')}`);
    console.log(`  statements taking 5 ms or more (second request, in this process):`);
    for (const q of slowest) console.log(`    ${q.page}: ${ms(q.ms)}  ${q.statement}`);
    report['slowest'] = slowest;
    console.log(`  ${statements} distinct statements explained; sequential scans of tables over 10,000 rows: ${seqScans.length}`);
    for (const s of seqScans) console.log(`\n  ${s.page}: Seq Scan on ${s.table} (${Math.round(s.rows).toLocaleString('en-GB')} rows, ${s.plan} plan)\n    ${s.statement.replace(/\s+/g, ' ').slice(0, 400)}\n${s.explain.split('\n').map((l) => `      ${l}`).join('\n')}`);
    report['roundTrips'] = roundTrips;
    report['seqScans'] = seqScans;
  }

  mkdirSync(join('bench', 'out'), { recursive: true });
  const file = join('bench', 'out', `pages-${backend}-${council.size}-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(`\nwritten ${file}`);
}

await main();
