// A walk of every page as each demo account (a tool, not part of `npm test`): the app is built in this
// process on a generated council, each demo user is signed in, and every same-site link is followed
// breadth-first from the landing page (GET only, never a form), each route pattern a few times with
// different ids. It reports what a user would meet: a 5xx; a 404 or 403 from a link Lantern showed that
// user; a link to a route that does not exist; text that should never show (undefined, NaN, null,
// [object Object], Invalid Date, raw codes such as `front_door:` or snake_case words); empty headings,
// summary values and tables.
//
//   npx tsx scripts/walk.ts --data-dir /tmp/walk-small --generate small     (a new PGlite council first)
//   npx tsx scripts/walk.ts --data-dir /tmp/walk-small [--pages 400] [--per-pattern 3] [--roles iro,administrator] [--out walk.json]
//   npx tsx scripts/walk.ts --database-url postgres://postgres@127.0.0.1:5432/lantern_walk --generate small
//
// Never point it at a council people use: every GET writes audit rows (and sessions are started).
// --database-url must name a lantern_walk… database; --generate drops and recreates it.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startSession, SESSION_COOKIE } from '../src/access/sessions.ts';
import type { Role } from '../src/access/roles.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { DeclaredRoute } from '../src/server/guard.ts';
import { buildApp } from '../src/server/app.ts';
import { AREAS } from '../src/server/areas.ts';
import { fixedTime } from '../src/server/time.ts';
import { generateCouncil } from '../src/synth/generate.ts';
import { isSize } from '../src/synth/profile.ts';
import { openCouncil, setting } from '../bench/council.ts';
import { findingsOf, linksOf, type Finding } from './walk-checks.ts';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    generate: { type: 'string' },
    seed: { type: 'string', default: '1' },
    today: { type: 'string', default: '2026-11-20' },
    pages: { type: 'string', default: '400' }, // at most this many pages a role
    'per-pattern': { type: 'string', default: '3' }, // each route pattern (with its query names) this many times
    roles: { type: 'string' }, // only these roles (comma-separated)
    out: { type: 'string' }, // every finding as JSON
  },
});
const url = args['database-url'];
const dataDir = args['data-dir'] ? resolve(args['data-dir']) : undefined;
if (!url === !dataDir) throw new Error('Give exactly one of --database-url (PostgreSQL) or --data-dir (PGlite).');
if (url && !/\/lantern_walk[a-z0-9_]*$/.test(new URL(url).pathname)) throw new Error('--database-url must name a lantern_walk… database: the walk writes audit rows and sessions.');
const MAX_PAGES = Number(args.pages);
const PER_PATTERN = Number(args['per-pattern']);

async function generate(size: string): Promise<void> {
  if (!isSize(size)) throw new Error('--generate must be tiny, small, medium or large');
  if (url) {
    const name = new URL(url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  } else if (existsSync(dataDir!) && readdirSync(dataDir!).length) rmSync(dataDir!, { recursive: true, force: true });
  const { handle, release } = await openCouncil({ url, dataDir });
  try {
    await migrateToLatest(handle.db);
    await generateCouncil(handle.db, { size, seed: Number(args.seed), today: args.today! }, (line) => console.log(`  ${line}`));
  } finally {
    await handle.close();
    release();
  }
}

/** A declared GET route as a regular expression over the path. */
function routeMatcher(routes: DeclaredRoute[]): (path: string) => string | null {
  const patterns = routes
    .filter((r) => r.method === 'GET')
    .map((r) => ({ url: r.url, re: new RegExp(`^${r.url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+').replace(/\*/g, '.*')}/?$`) }))
    // Fixed segments before parameters, as Fastify's router prefers them.
    .sort((a, b) => (b.url.match(/\/[^:/*][^/]*/g)?.length ?? 0) - (a.url.match(/\/[^:/*][^/]*/g)?.length ?? 0));
  return (path) => patterns.find((p) => p.re.test(path))?.url ?? null;
}

/** The key a page is counted under: its route pattern and the names (and non-id values) of its query. */
function patternKey(route: string, href: URL): string {
  const query = [...href.searchParams.entries()]
    .map(([k, v]) => `${k}=${/^[0-9a-f-]{8,}$|^\d+$/i.test(v) ? ':id' : v.length > 20 ? ':text' : v}`)
    .sort()
    .join('&');
  return query ? `${route}?${query}` : route;
}

interface RoleWalk {
  role: Role;
  username: string;
  pages: number;
  patterns: number;
  findings: Finding[];
}

async function walk(): Promise<RoleWalk[]> {
  const { handle, release } = await openCouncil({ url, dataDir });
  const db = handle.db;
  try {
    const { today } = await setting<{ today: string }>(db, 'synth.council');
    const demoUsers = await setting<{ username: string; role: Role }[]>(db, 'synth.demoUsers');
    const declaredRoutes: DeclaredRoute[] = [];
    const app = await buildApp({ db, time: fixedTime(today), councilName: 'Walk' }, { cookieSecret: 'walk-cookie-secret-long-enough-0123456789', secureCookies: false, areas: AREAS, declaredRoutes });
    const routeOf = routeMatcher(declaredRoutes);
    const wanted = args.roles?.split(',').map((r) => r.trim());
    const walks: RoleWalk[] = [];
    for (const demo of demoUsers) {
      if (wanted && !wanted.includes(demo.role)) continue;
      const user = await db.selectFrom('app_user').select('id').where('username', '=', demo.username).executeTakeFirstOrThrow();
      const cookie = `${SESSION_COOKIE}=${await startSession(db, user.id, fixedTime(today))}`;
      const result: RoleWalk = { role: demo.role, username: demo.username, pages: 0, patterns: 0, findings: [] };
      const seenPath = new Set<string>();
      const perKey = new Map<string, number>();
      const queue: { path: string; from: string }[] = [{ path: '/', from: '(start)' }];
      seenPath.add('/');
      const started = performance.now();
      while (queue.length && result.pages < MAX_PAGES) {
        const { path, from } = queue.shift()!;
        const response = await app.inject({ method: 'GET', url: path, headers: { cookie } });
        result.pages++;
        const report = (kind: string, detail: string) => result.findings.push({ kind, path, from, detail });
        const route = routeOf(new URL(path, 'http://lantern').pathname) ?? '(no route)';
        if (response.statusCode >= 500) report('5xx', `${response.statusCode} ${route}`);
        else if (response.statusCode === 404 || response.statusCode === 403) report(`${response.statusCode} from a link shown`, route);
        const follow: string[] = [];
        if (response.statusCode >= 300 && response.statusCode < 400 && response.headers.location) follow.push(String(response.headers.location));
        const type = String(response.headers['content-type'] ?? '');
        if (type.startsWith('text/html')) {
          const html = response.body;
          for (const f of findingsOf(html)) report(f.kind, f.detail);
          follow.push(...linksOf(html));
        }
        for (const raw of follow) {
          const href = new URL(raw, `http://lantern${path}`);
          if (href.host !== 'lantern') continue;
          const next = href.pathname + href.search;
          if (seenPath.has(next)) continue;
          seenPath.add(next);
          const target = routeOf(href.pathname);
          if (!target) {
            result.findings.push({ kind: 'link to no route', path: next, from: path, detail: href.pathname });
            continue;
          }
          if (target.startsWith('/assets') || target.startsWith('/public')) continue;
          const key = patternKey(target, href);
          const n = perKey.get(key) ?? 0;
          if (n >= PER_PATTERN) continue;
          perKey.set(key, n + 1);
          queue.push({ path: next, from: path });
        }
      }
      result.patterns = perKey.size;
      console.log(`${demo.role} (${demo.username}): ${result.pages} pages, ${result.patterns} patterns, ${result.findings.length} findings, ${((performance.now() - started) / 1000).toFixed(0)} s`);
      walks.push(result);
    }
    await app.close();
    return walks;
  } finally {
    await handle.close();
    release();
  }
}

if (args.generate) await generate(args.generate);
const walks = await walk();
// The findings grouped by kind and route, each with one example path and the page that linked to it.
const grouped = new Map<string, { roles: Set<string>; count: number; example: Finding }>();
for (const w of walks) {
  for (const f of w.findings) {
    const key = `${f.kind} | ${f.detail}`;
    const g = grouped.get(key) ?? { roles: new Set<string>(), count: 0, example: f };
    g.roles.add(w.role);
    g.count++;
    grouped.set(key, g);
  }
}
console.log('\nFindings (kind | detail: count, roles; an example page ← the page linking to it):');
for (const [key, g] of [...grouped].sort()) console.log(`  ${key}: ${g.count}, ${[...g.roles].join(' ')}; ${g.example.path} ← ${g.example.from}`);
if (args.out) writeFileSync(args.out, JSON.stringify(walks, null, 2));
