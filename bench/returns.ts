// Benchmark (not a test): the statutory returns on a generated council (issue 10, "Performance").
//   1. census-rules: the CIN census rule check alone (every rule over the return, in memory) of a
//      return of at least 20,000 children (target under 2 s);
//   2. returns: every return made and checked from the record (target under 60 s each): the CIN census
//      (the return read, its XML, its rules, the XSD check), SSDA903 (the return read, every CSV table,
//      the XML, its rules), Ofsted Annex A (lists 1-11 read and the XLSX written) and the DfE CSC API
//      full snapshot (every child's payload, in requests of 100 each checked against the API's schema);
//   3. import: the CIN census XML of that year imported into a fresh database, then the same file again
//      (which must create nothing) (target under 60 s).
// Each timed part runs once after a warm-up unless --repeat says otherwise (the import runs once: a
// second run is the "again" case). Wall times are inflated by whatever else the machine runs: the load
// average is printed beside each, and the CPU time of this process and of the PostgreSQL backends
// serving it (read from /proc, as bench/cpu.ts does) is given too.
//
//   npx tsx bench/returns.ts postgres://postgres@127.0.0.1:5432/lantern_bench \
//     [--year 2026] [--today 2026-11-20] [--repeat 1] [--only census-rules,returns,import]
//     [--import-url postgres://postgres@127.0.0.1:5432/returns_import] [--out /tmp/returns-out]
//     [--last-year record|none]
// --last-year: SSDA903 reads last year's return from the record for the rules that compare with it, as
// the page does (decision 0076; the default), or not at all (the return as before 0076, for a before/after).
// --only returns is cin-census,ssda903,annex-a,csc-api, each of which may also be given alone.
// --import-url names an empty database (createdb -h 127.0.0.1 -U postgres returns_import): it is
// migrated, then the file is imported twice. Without it, a fresh PGlite folder under /tmp is used.
// --out DIR writes every file made (XML, CSV, XLSX, the CSC API requests as JSON, the rule reports), with
// a fixed "made at" time, so that a change can be shown to keep each output byte for byte.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { validateXML } from 'xmllint-wasm';
import { Ajv } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';
import { openDatabase, type DatabaseHandle } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createUser } from '../src/access/users.ts';
import { censusReturn, ruleContext as censusRuleContext } from '../src/returns/cin-census/service.ts';
import { validateCensus } from '../src/returns/cin-census/validate.ts';
import { censusXml } from '../src/returns/cin-census/xml.ts';
import { censusSchema2025, censusSchema2027 } from '../src/returns/cin-census/schema.ts';
import { collectionYear, collectionYearOf, MODULE5_FIRST_YEAR } from '../src/returns/cin-census/year.ts';
import { lastYearsReturn, ssda903Return, ruleContext as ssda903RuleContext } from '../src/returns/ssda903/service.ts';
import { validateSsda903 } from '../src/returns/ssda903/validate.ts';
import { ssda903Xml } from '../src/returns/ssda903/xml.ts';
import { tableCsv, tablesOfYear } from '../src/returns/ssda903/tables.ts';
import { annexAFile, defaultRange } from '../src/returns/annex-a/service.ts';
import { batchesOf, nextBatch } from '../src/returns/csc-api/service.ts';
import { OPENAPI_PATH } from '../src/returns/csc-api/stub.ts';
import { importCensusFile } from '../src/returns/import/cin-census.ts';
import type { ImportReport } from '../src/returns/import/report.ts';

// ajv-formats is CommonJS: its default export may arrive wrapped in another (as in csc-api/stub.ts).
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    year: { type: 'string' },
    today: { type: 'string' },
    repeat: { type: 'string', default: '1' },
    only: { type: 'string' },
    'import-url': { type: 'string' },
    out: { type: 'string' },
    'last-year': { type: 'string', default: 'record' },
  },
});
const where = positionals[0];
if (!where) throw new Error('Give the database URL or PGlite data folder of a generated council.');
const repeat = Number(args.repeat);
const only = args.only ? new Set(args.only.split(',')) : null;
const wanted = (part: string) => !only || only.has(part);
// Named by this process, so that the backends serving it can be told from anyone else's (another run's too).
const APP = `lantern-bench-returns-${process.pid}`;
const named = (url: string) => `${url}${url.includes('?') ? '&' : '?'}application_name=${APP}`;
const h = await openDatabase(where.startsWith('postgres') ? { url: named(where), poolSize: 4 } : { dataDir: where });
const db = h.db;
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const sharedDir = process.env['LANTERN_SHARED_DIR'] ?? '/work/shared';

const setting = async <T>(key: string): Promise<T | null> => {
  const row = await db.selectFrom('council_setting').select('value').where('key', '=', key).executeTakeFirst();
  return row ? ((typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as T) : null;
};
const today = args.today ?? (await setting<{ today: string }>('synth.council'))?.today;
if (!today) throw new Error('Give --today: the council has no synth.council setting');
// The last whole collection year before today's, unless told.
const year = args.year ? Number(args.year) : collectionYearOf(today).year - 1;
// Fixed, so that files made before and after a change can be compared byte for byte.
const madeAt = new Date(`${today}T12:00:00Z`);
const out = args.out;
if (out) mkdirSync(out, { recursive: true });
const write = (name: string, contents: string | Buffer) => {
  if (out) writeFileSync(join(out, name), contents);
};

/** CPU ticks (user + system) of each PostgreSQL backend serving this process, by pid (none on PGlite, where it is this process). */
async function backendTicks(handle: DatabaseHandle): Promise<Map<number, number>> {
  const ticks = new Map<number, number>();
  if (handle.kind !== 'postgres') return ticks;
  const pids = (await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE application_name = ${APP}`.execute(handle.db)).rows;
  for (const { pid } of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // A backend that has gone since the query.
    }
  }
  return ticks;
}

interface Timing { wall: number; node: number; pg: number }
const seconds = (t: Timing) => `${(t.wall / 1000).toFixed(2)} s wall, CPU ${(t.node / 1000).toFixed(2)} s Node + ${(t.pg / 1000).toFixed(2)} s PostgreSQL`;

/**
 * One run of f, timed: wall, this process's CPU and the PostgreSQL backends' CPU, in ms. The pool closes
 * a connection idle for 10 s and opens another, so the backends are sampled through the run and each
 * one's last reading counted (from 0 for one that started during the run).
 */
async function measure<T>(f: () => Promise<T>, handle: DatabaseHandle = h): Promise<{ value: T; t: Timing }> {
  const first = await backendTicks(handle);
  const last = new Map(first);
  let sampling = Promise.resolve();
  const sampler = setInterval(() => {
    sampling = sampling.then(async () => {
      for (const [pid, n] of await backendTicks(handle)) last.set(pid, n);
    });
  }, 500);
  const c0 = process.cpuUsage();
  const s = performance.now();
  const value = await f();
  const wall = performance.now() - s;
  const c = process.cpuUsage(c0);
  clearInterval(sampler);
  await sampling;
  for (const [pid, n] of await backendTicks(handle)) last.set(pid, n);
  let ticks = 0;
  for (const [pid, n] of last) ticks += n - (first.get(pid) ?? 0);
  return { value, t: { wall, node: (c.user + c.system) / 1000, pg: ticks * 10 } };
}

/** One warm-up, then `repeat` timed runs; prints the median run (by wall time) and the slowest. */
async function time<T>(label: string, f: () => Promise<T>): Promise<{ value: T; t: Timing }> {
  const warm = await measure(f);
  const runs: Timing[] = repeat === 0 ? [warm.t] : [];
  for (let i = 0; i < repeat; i++) runs.push((await measure(f)).t);
  runs.sort((a, b) => a.wall - b.wall);
  const median = runs[Math.floor(runs.length / 2)]!;
  console.log(`${label}: ${seconds(median)}${runs.length > 1 ? `; slowest ${(runs.at(-1)!.wall / 1000).toFixed(2)} s` : ''} (load ${load()})`);
  return { value: warm.value, t: median };
}

console.log(`returns bench ${new Date().toISOString()}; council today ${today}; census and SSDA903 year ${collectionYear(year).label}; ${h.kind}; load ${load()}`);

// --- 1. The CIN census rule check --------------------------------------------------------------
const census = await censusReturn(db, year, madeAt);
const censusCtx = censusRuleContext(collectionYear(year), today);
console.log(`CIN census ${collectionYear(year).label}: ${census.children.length.toLocaleString('en-GB')} children, ${census.children.reduce((n, c) => n + c.cinDetails.length, 0).toLocaleString('en-GB')} episodes`);
if (wanted('census-rules')) {
  const { value: report } = await time(`CIN census rule check (${census.children.length.toLocaleString('en-GB')} children, target < 2 s)`, async () => validateCensus(census, censusCtx));
  console.log(`  ${report.failures.length.toLocaleString('en-GB')} failures of ${report.counts.filter((c) => c.failures > 0).length} rules`);
  write('cin-census-report.json', JSON.stringify(report));
}

// --- 2. Every return made and checked ---------------------------------------------------------
const wantedReturn = (name: string) => wanted('returns') || wanted(name);
if (['cin-census', 'ssda903', 'annex-a', 'csc-api'].some(wantedReturn)) {
  const totals: { name: string; t: Timing }[] = [];
  const xsd2024 = readFileSync(join(sharedDir, 'specs/cin-census-2024.xsd'), 'utf8');
  const censusXsd = year >= MODULE5_FIRST_YEAR ? censusSchema2027(xsd2024) : censusSchema2025(xsd2024);

  if (wantedReturn('cin-census')) {
    const cin = await time('CIN census: read, XML, rules, XSD (target < 60 s)', async () => {
      const ret = await censusReturn(db, year, madeAt);
      const xml = censusXml(ret);
      const report = validateCensus(ret, censusCtx);
      const xsd = await validateXML({ xml: [{ fileName: 'cin.xml', contents: xml }], schema: [{ fileName: 'cin.xsd', contents: censusXsd }], initialMemoryPages: 512, maxMemoryPages: 65536 });
      return { xml, report, xsdErrors: xsd.errors.map((e) => e.rawMessage) };
    });
    totals.push({ name: 'CIN census', t: cin.t });
    console.log(`  ${(cin.value.xml.length / 1e6).toFixed(1)} MB of XML; XSD ${cin.value.xsdErrors.length === 0 ? 'valid' : `INVALID: ${cin.value.xsdErrors.slice(0, 3).join('; ')}`}`);
    write('cin-census.xml', cin.value.xml);
  }

  if (wantedReturn('ssda903')) {
    const tables = tablesOfYear(year);
    const lastYearMode = args['last-year'];
    const readLastYear = async () => {
      if (lastYearMode === 'none') return undefined;
      return lastYearsReturn(db, year, madeAt);
    };
    const s903 = await time(`SSDA903: read (last year's: ${lastYearMode}), CSV tables, XML, rules (target < 60 s)`, async () => {
      const [ret, last] = await Promise.all([ssda903Return(db, year, today, madeAt), readLastYear()]);
      const csvs = tables.map((table) => ({ file: table.file, csv: tableCsv(ret, table) }));
      const xml = ssda903Xml(ret);
      const report = validateSsda903(ret, ssda903RuleContext(collectionYear(year), today, last));
      return { children: ret.children.length, lastChildren: last?.children.length ?? 0, csvs, xml, report };
    });
    totals.push({ name: 'SSDA903', t: s903.t });
    console.log(`  ${s903.value.children.toLocaleString('en-GB')} children (last year's return: ${s903.value.lastChildren.toLocaleString('en-GB')}); ${s903.value.csvs.length} CSV tables; ${(s903.value.xml.length / 1e6).toFixed(1)} MB of XML; ${s903.value.report.failures.length.toLocaleString('en-GB')} rule failures`);
    for (const { file, csv } of s903.value.csvs) write(`ssda903-${file}`, csv);
    write('ssda903.xml', s903.value.xml);
    write('ssda903-report.json', JSON.stringify(s903.value.report));
  }

  if (wantedReturn('annex-a')) {
    const range = defaultRange(today);
    const annexA = await time(`Ofsted Annex A ${range.from} to ${range.to}: lists 1-11 and the XLSX (target < 60 s)`, () => annexAFile(db, range, 'Bench', madeAt));
    totals.push({ name: 'Annex A', t: annexA.t });
    console.log(`  ${(annexA.value.length / 1e6).toFixed(1)} MB of XLSX`);
    write('annex-a.xlsx', annexA.value);
  }

  // The full snapshot: what the first run sends when DfE holds nothing yet (the bench council's state
  // table is empty; were it not, this would be the day's changes).
  if (wantedReturn('csc-api')) {
    const openapi = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as { components: Record<string, unknown> };
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema({ components: openapi.components }, 'openapi');
    const cscSchema = ajv.getSchema('openapi#/components/schemas/CSC');
    if (!cscSchema) throw new Error('The OpenAPI document has no CSC schema');
    const csc = await time('DfE CSC API full snapshot: every payload, requests of 100 checked against the schema (target < 60 s)', async () => {
      const next = await nextBatch(db, today);
      const bodies = batchesOf(next.outgoing, 100).map((batch) => batch.flatMap((o) => o.items));
      const invalid = bodies.filter((body) => !cscSchema(body)).length;
      return { kind: next.kind, children: next.outgoing.length, unsendable: next.unsendable.length, bodies, invalid };
    });
    totals.push({ name: 'CSC API snapshot', t: csc.t });
    console.log(`  a ${csc.value.kind}: ${csc.value.children.toLocaleString('en-GB')} children in ${csc.value.bodies.length} requests (${csc.value.invalid} refused by the schema), ${csc.value.unsendable} not sendable`);
    write('csc-api-requests.json', JSON.stringify(csc.value.bodies));
  }

  const sum = totals.reduce((a, { t }) => ({ wall: a.wall + t.wall, node: a.node + t.node, pg: a.pg + t.pg }), { wall: 0, node: 0, pg: 0 });
  console.log(`every return: ${seconds(sum)} (${totals.map(({ name, t }) => `${name} ${(t.wall / 1000).toFixed(1)} s`).join(', ')})`);
}

// --- 3. Importing the census into a fresh database --------------------------------------------
if (wanted('import')) {
  const xml = censusXml(census);
  const folder = args['import-url'] ? null : mkdtempSync(join(tmpdir(), 'lantern-returns-import-'));
  const target = await openDatabase(args['import-url'] ? { url: named(args['import-url']), poolSize: 4 } : { dataDir: folder! });
  try {
    const existing = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`.execute(target.db);
    if ((existing.rows[0]?.n ?? 0) > 0) throw new Error('The import database is not empty: give a freshly created one');
    const migrated = await measure(() => migrateToLatest(target.db), target);
    console.log(`import database (${target.kind}${folder ? ` ${folder}` : ''}) migrated: ${migrated.value.length} migrations in ${(migrated.t.wall / 1000).toFixed(1)} s`);
    const actorId = await createUser(target.db, { username: 'bench-importer', displayName: 'Bench importer', role: 'administrator', passwordHash: '!' });
    const summary = (r: ImportReport) =>
      Object.entries(r.counts)
        .map(([kind, c]) => `${kind} ${c.created}/${c.alreadyInLantern}/${c.rejected}`)
        .join(', ');
    const first = await measure(() => importCensusFile(target.db, xml, { actorId, today }), target);
    console.log(`import of ${census.children.length.toLocaleString('en-GB')} children (target < 60 s): ${seconds(first.t)} (load ${load()})`);
    console.log(`  created/already in Lantern/rejected: ${summary(first.value)}`);
    const again = await measure(() => importCensusFile(target.db, xml, { actorId, today }), target);
    const createdAgain = Object.values(again.value.counts).reduce((n, c) => n + c.created, 0);
    console.log(`the same file again: ${seconds(again.t)} (load ${load()}); ${createdAgain === 0 ? 'created nothing' : `CREATED ${createdAgain}`}`);
    console.log(`  created/already in Lantern/rejected: ${summary(again.value)}`);
    if (out) {
      write('import-report.json', JSON.stringify(first.value));
      write('import-again-report.json', JSON.stringify(again.value));
      // What the import made, read back as the census of that year: the round trip, to compare too.
      write('import-census.xml', censusXml(await censusReturn(target.db, year, madeAt)));
      // The journal and the clocks it made, by LA child ID (ids are new on every import).
      const journal = await sql<{ line: string }>`
        SELECT concat_ws(' ', p.la_child_id, e.type, e.occurred_on, e.title, e.category, e.significance) AS line
        FROM child_event e JOIN person p ON p.id = e.child_id ORDER BY 1`.execute(target.db);
      write('import-journal.txt', journal.rows.map((r) => r.line).join('\n'));
      const clocks = await sql<{ line: string }>`
        SELECT concat_ws(' ', p.la_child_id, c.rule_id, c.started_on, c.due_on, coalesce(c.met_on::text, '-'), coalesce(c.stopped_on::text, '-')) AS line
        FROM clock c JOIN person p ON p.id = c.child_id ORDER BY 1`.execute(target.db);
      write('import-clocks.txt', clocks.rows.map((r) => r.line).join('\n'));
    }
  } finally {
    await target.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
}
if (out) console.log(`files written to ${out}: ${readdirSync(out).join(', ')}`);
await h.close();
