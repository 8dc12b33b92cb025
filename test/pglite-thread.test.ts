// The embedded database runs in a thread of its own: while it works on a long statement, Lantern goes on
// answering other requests (issue 6: long queries never block the process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/db/connection.ts';

const onPGlite = !process.env['DATABASE_URL'];
let handle: DatabaseHandle;
beforeAll(async () => {
  if (onPGlite) handle = await openDatabase({});
});
afterAll(async () => {
  await handle?.close();
});

describe.skipIf(!onPGlite)('the embedded database in its own thread', () => {
  it('answers a timer while a long statement runs, and then the statement', async () => {
    let finished = false;
    const long = sql<{ n: number }>`SELECT count(*)::int AS n FROM generate_series(1, 3000000) g, pg_sleep(0.3)`.execute(handle.db).then((r) => {
      finished = true;
      return r.rows[0]!.n;
    });
    // The timer is due at once; in the same thread it could not run until the statement had finished.
    const whileRunning = await new Promise<boolean>((resolve) => setTimeout(() => resolve(!finished), 1));
    expect(whileRunning).toBe(true);
    expect(await long).toBe(3_000_000);
  });

  it('reports an error in a statement and goes on answering', async () => {
    await expect(sql`SELECT 1 / 0`.execute(handle.db)).rejects.toThrow(/division by zero/);
    expect((await sql<{ x: number }>`SELECT 2 AS x`.execute(handle.db)).rows[0]!.x).toBe(2);
  });

  it('keeps a transaction to itself and rolls it back on an error', async () => {
    await sql`CREATE TABLE thread_check (n int)`.execute(handle.db);
    await expect(
      handle.db.transaction().execute(async (tx) => {
        await sql`INSERT INTO thread_check VALUES (1)`.execute(tx);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM thread_check`.execute(handle.db)).rows[0]!.n).toBe(0);
  });
});
