// Opens the database: embedded PGlite in a data folder by default, PostgreSQL when DATABASE_URL is set.
// Both speak the same SQL, so migrations and queries are written once.
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

const DATE_OID = 1082;
// A calendar date is a date, not an instant: keep 'YYYY-MM-DD' strings so no time zone can shift it.
const keepDateAsText = (value: string): string => value;
// bigint counts (count(*)) arrive as strings; every count Lantern makes fits in a JS number.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const toNumber = (value: string): number => Number(value);

pg.types.setTypeParser(DATE_OID, keepDateAsText);
pg.types.setTypeParser(INT8_OID, toNumber);
pg.types.setTypeParser(NUMERIC_OID, toNumber);

export interface OpenOptions {
  /** postgres://… connection string; when absent the embedded database is used. */
  url?: string | undefined;
  /** Folder for the embedded database; undefined means in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection can be cut by the server (a restart, a dropped database). Without a
    // listener that would crash the process; the pool simply opens a new connection next time.
    pool.on('error', (error) => console.error(`PostgreSQL closed an idle connection: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const pglite = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    parsers: { [DATE_OID]: keepDateAsText, [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber },
  });
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
