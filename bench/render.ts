// CPU and heap a render of a page costs, in-process (not a test): a page is asked once through the app
// as a user would (the guard and the load run as usual), the template and context it rendered are kept,
// and then only the render is repeated --renders times (Lantern's renderer: autoescaping, the role's
// label and navigation, the layout). The statements run once, so the database decides nothing here.
// The request writes a session and an audit row, as every page does: run it on a copy of the council.
//
//   node --expose-gc --max-semi-space-size=64 --import tsx bench/render.ts --database-url postgres://postgres@127.0.0.1:5432/lantern_bench_copy [--renders 2000] [--pages 'child record'] [--repeat 3] [--html out.html]
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import nunjucks from 'nunjucks';
import { createRenderer } from '../src/server/render.ts';
import { benchApp, chooseCouncil, openCouncil, setting } from './council.ts';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    renders: { type: 'string', default: '2000' },
    repeat: { type: 'string', default: '3' },
    pages: { type: 'string', default: 'child record' },
    html: { type: 'string' }, // write each page's rendered HTML here (label appended), to compare builds
  },
});

// What the page rendered: the environment's render is watched while the request runs.
type Rendered = { template: string; context: Record<string, unknown> };
let last: Rendered | null = null;
const envProto = nunjucks.Environment.prototype as unknown as { render: (name: string, ctx: Record<string, unknown>) => string };
const original = envProto.render;
envProto.render = function (this: unknown, name: string, ctx: Record<string, unknown>) {
  last = { template: name, context: ctx };
  return original.call(this, name, ctx);
};

const { handle, release } = await openCouncil({ url: args['database-url'], dataDir: args['data-dir'] });
const db = handle.db;
const { today } = await setting<{ today: string }>(db, 'synth.council');
const council = await chooseCouncil(db, { today, connections: 0, pages: args.pages! });
const app = await benchApp(db, today);
const captured: (Rendered & { label: string })[] = [];
for (const page of council.pages) {
  last = null;
  const response = await app.inject({ method: 'GET', url: page.path, headers: { cookie: page.cookies[0]! } });
  if (response.statusCode !== 200 || !last) throw new Error(`${page.label}: ${response.statusCode}`);
  captured.push({ label: page.label, ...(last as Rendered) });
}
await app.close();
await handle.close();
release();
envProto.render = original;

const render = createRenderer();
const n = Number(args.renders);
for (const { label, template, context } of captured) {
  const html = render(template, context);
  if (args.html) writeFileSync(`${args.html}.${label.replace(/\W+/g, '-')}.html`, html);
  for (let i = 0; i < 50; i++) render(template, context); // warm: compiled, optimised
  for (let r = 0; r < Number(args.repeat); r++) {
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) render(template, context);
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1000 / n;
    console.log(`${label} (${template}, ${Buffer.byteLength(html)} bytes): ${cpu.toFixed(3)} ms of CPU a render${allocatedPerRender(() => render(template, context))}; load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  }
}

/** The heap a render allocates: collected first, then 10 renders with no collection between (needs
 *  node --expose-gc and a young generation larger than 10 renders, --max-semi-space-size=64). */
function allocatedPerRender(once: () => void): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return '';
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 10; i++) once();
  return `, ${((process.memoryUsage().heapUsed - before) / 10 / 1024).toFixed(0)} KB allocated`;
}
