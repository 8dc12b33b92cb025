// The statements pages run over and over are prepared once per connection (parsed and, once the generic
// plan is no dearer, planned once), the record page's long statement included; a search's pattern match
// is not, so it is planned with its pattern and can use the name indexes. On PostgreSQL and on the
// embedded PGlite alike (it is reached through pg's driver too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/db/connection.ts';

const url = process.env['DATABASE_URL'];
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openDatabase(url ? { url, poolSize: 1 } : {});
});
afterAll(async () => {
  await handle?.close();
});

const preparedTexts = async () =>
  (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(handle.db)).rows.map((r) => r.statement);

describe(`prepared statements on ${url ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('prepares a statement with parameters, even one over 8 kB like the record page’s', async () => {
    const long = `SELECT ${Array.from({ length: 600 }, (_, i) => `$1::int + ${i} AS c${i}`).join(', ')}`;
    expect(long.length).toBeGreaterThan(8_192);
    await handle.db.executeQuery({ sql: long, parameters: [1], query: { kind: 'RawNode' } } as never);
    expect(await preparedTexts()).toContain(long);
  });

  it('does not prepare a pattern match (LIKE), so its plan follows the pattern', async () => {
    const search = `SELECT count(*) FROM pg_class WHERE relname LIKE $1`;
    await handle.db.executeQuery({ sql: search, parameters: ['pg_%'], query: { kind: 'RawNode' } } as never);
    expect(await preparedTexts()).not.toContain(search);
  });
});
