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

describe(`a list's LIMIT and OFFSET are numbers in the statement on ${url ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('writes them into the text, from the query builder and from hand-written SQL, and keeps every other value a parameter', () => {
    const built = handle.db.selectFrom('person').select('id').where('last_name', '=', 'Ahmed').orderBy('id').limit(20).offset(40).compile();
    expect(built.sql).toMatch(/limit 20 offset 40$/);
    expect(built.parameters).toEqual(['Ahmed']);
    const raw = sql`SELECT id FROM person WHERE last_name = ${'Ahmed'} ORDER BY id LIMIT ${50} OFFSET ${100}`.compile(handle.db);
    expect(raw.sql).toBe('SELECT id FROM person WHERE last_name = $1 ORDER BY id LIMIT 50 OFFSET 100');
    // A number anywhere else, and anything after LIMIT that is not a whole number, stay parameters.
    const other = sql`SELECT id FROM person WHERE version > ${3} LIMIT ${'all'}`.compile(handle.db);
    expect(other.parameters).toEqual([3, 'all']);
  });

  it('lets the database keep one plan for a list instead of planning it on every request', async () => {
    // With LIMIT $2 PostgreSQL plans this afresh every time (its generic plan must guess the limit).
    await sql`CREATE TEMP TABLE listed AS SELECT g AS id, (g % 3)::text AS kind FROM generate_series(1, 20000) g`.execute(handle.db);
    await sql`CREATE INDEX ON listed (id)`.execute(handle.db);
    await sql`ANALYZE listed`.execute(handle.db);
    const list = sql<{ id: number }>`SELECT id FROM listed WHERE kind = ${'1'} ORDER BY id LIMIT ${10}`;
    for (let i = 0; i < 8; i++) await list.execute(handle.db);
    const plans = await sql<{ generic_plans: number }>`SELECT generic_plans FROM pg_prepared_statements WHERE statement = ${list.compile(handle.db).sql}`.execute(handle.db);
    expect(Number(plans.rows[0]?.generic_plans)).toBeGreaterThan(0);
  });
});
