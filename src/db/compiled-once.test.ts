// A statement compiled once answers each call with that call's values, like the query builder each time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from './connection.ts';
import { compiledOnce } from './compiled-once.ts';

const url = process.env['DATABASE_URL'];
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openDatabase(url ? { url, poolSize: 1 } : {});
});
afterAll(async () => handle?.close());

describe(`a statement compiled once on ${url ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('gives each call its own values, in the places the builder put them, with fixed values kept', async () => {
    const greet = compiledOnce((db, name: string, place: string) =>
      db.selectNoFrom([sql<string>`${'Hello'} || ' ' || ${name}`.as('greeting'), sql<string>`${place}::text`.as('place'), sql<string>`${name}::text`.as('again')]),
    );
    expect((await greet(handle.db, 'Amira', 'Leeds')).rows).toEqual([{ greeting: 'Hello Amira', place: 'Leeds', again: 'Amira' }]);
    expect((await greet(handle.db, 'Ben', 'York')).rows).toEqual([{ greeting: 'Hello Ben', place: 'York', again: 'Ben' }]);
  });

  it('refuses a statement whose value would be written into its text rather than sent as a parameter', async () => {
    const inlined = compiledOnce((db, name: string) => db.selectNoFrom(sql<string>`${sql.lit(name)}`.as('v')));
    await expect(inlined(handle.db, 'Amira')).rejects.toThrow(/every value must be a parameter/);
  });
});
