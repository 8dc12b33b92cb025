// EXPLAIN ANALYZE, by hand, of the statements a page ran in the last `npm run bench` (its
// --only explain step writes them with their parameters to bench/out/statements-<backend>.json).
//
//   npx tsx bench/explain.ts --database-url postgres://…/lantern_bench [--page "front door queue"] [--min-ms 5]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    page: { type: 'string' },
    'min-ms': { type: 'string', default: '5' },
    file: { type: 'string', default: 'bench/out/statements-postgres.json' },
  },
});
if (!args['database-url']) throw new Error('--database-url is required');

const pages = JSON.parse(readFileSync(args.file!, 'utf8')) as { page: string; statements: { sql: string; parameters: unknown[]; ms: number }[] }[];
const client = new pg.Client({ connectionString: args['database-url'] });
await client.connect();
try {
  for (const page of pages) {
    if (args.page && page.page !== args.page) continue;
    for (const statement of page.statements) {
      if (statement.ms < Number(args['min-ms']) || !/^\s*(select|with)\b/i.test(statement.sql)) continue;
      const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.parameters);
      console.log(`\n### ${page.page}: ${statement.ms.toFixed(1)} ms in the page\n${statement.sql}\n-- ${JSON.stringify(statement.parameters).slice(0, 300)}`);
      console.log(result.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
    }
  }
} finally {
  await client.end();
}
