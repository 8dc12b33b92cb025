// Opens the database: embedded PGlite in a data folder by default, PostgreSQL when DATABASE_URL is set.
// Both speak the same SQL, so migrations and queries are written once.
import { CompiledQuery, Kysely, PostgresDialect, sql, type DatabaseConnection, type LogConfig, type PostgresPool } from 'kysely';
import { pgliteDialect, pgliteSessionPool } from './pglite-dialect.ts';
import { startPGliteThread } from './pglite-thread.ts';
import { LiteralLimits } from './literal-limits.ts';
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database } from './schema.ts';
import type { TimeSource } from '../server/time.ts';

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
  /** In memory only: a data folder dumped by PGlite (a tar file) to start from (tests: one migrated copy). */
  loadDataDir?: string | undefined;
  poolSize?: number;
  /** Kysely's query log (the benchmark uses it to capture every statement a page runs). */
  log?: LogConfig;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.url) {
    // jit=off: Lantern's statements are short lookups; JIT compiling one (chosen on estimated cost, which
    // a large council's counts reach) took seconds where the query itself takes milliseconds.
    // Prepared statements (below) save the parsing and, once PostgreSQL finds the generic plan no dearer
    // than planning with the values (after 5 runs), the planning too: the record page's statement with
    // every section's facts took longer to plan than to run. A search (LIKE $1) is never prepared, so it
    // is planned with its values: a generic plan cannot use an index for LIKE $1 and the plan cache once
    // switched the search to a sequential scan of every person.
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: '-c jit=off',
    });
    // An idle connection can be cut by the server (a restart, a dropped database). Without a
    // listener that would crash the process; the pool simply opens a new connection next time.
    pool.on('error', (error) => console.error(`PostgreSQL closed an idle connection: ${error.message}`));
    const clock: PoolClock = { offset: null, applied: new WeakMap() };
    const onReserveConnection = async (connection: DatabaseConnection) => {
      // Each connection of the pool takes Lantern's clock before its first query, and again if it changes.
      if (clock.offset === null || clock.applied.get(connection) === clock.offset) return;
      await connection.executeQuery(CompiledQuery.raw(SET_CLOCK, [clock.offset]));
      clock.applied.set(connection, clock.offset);
    };
    const prepare = process.env['LANTERN_PREPARED_STATEMENTS'] !== 'off';
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: prepare ? preparingPool(pool) : pool, onReserveConnection }),
      plugins: [new LiteralLimits()],
      ...(options.log ? { log: options.log } : {}),
    });
    clocks.set(db, clock);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  // Values are read by pg's type parsers (above), as on PostgreSQL.
  const pglite = startPGliteThread(options.dataDir, options.loadDataDir);
  try {
    await pglite.waitReady;
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const pool = pgliteSessionPool(pglite);
  const prepare = process.env['LANTERN_PREPARED_STATEMENTS'] !== 'off';
  const db = new Kysely<Database>({ dialect: pgliteDialect(prepare ? preparingPool(pool) : pool), plugins: [new LiteralLimits()], ...(options.log ? { log: options.log } : {}) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/**
 * Lantern's clock in the database. `lantern_now()` (migration 0010) is the database's now() plus the
 * offset `lantern.clock_offset` set on each connection, and every recorded_at defaults to it, so a
 * pinned LANTERN_TODAY (or the tests' fixed day) is the day records are stamped with too.
 */
interface PoolClock {
  offset: string | null;
  applied: WeakMap<DatabaseConnection, string>;
}
const clocks = new WeakMap<Kysely<Database>, PoolClock>();
const SET_CLOCK = `SELECT set_config('lantern.clock_offset', $1, false)`;

/**
 * Sets the database's clock from the app's TimeSource: PGlite (one connection) at once, a PostgreSQL
 * pool on every connection as it is next taken. The offset is fixed now, so the clock runs on from the
 * TimeSource's "now" and records keep their order, and every connection agrees.
 */
export async function useClock(db: Kysely<Database>, time: TimeSource): Promise<void> {
  // The one place the real clock is read: to know how far the TimeSource is from it.
  const offset = `${time.now().getTime() - Date.now()} milliseconds`;
  const clock = clocks.get(db);
  if (clock) {
    clock.offset = offset;
    return;
  }
  await sql`SELECT set_config('lantern.clock_offset', ${offset}, false)`.execute(db);
}

/**
 * Named prepared statements for the statements pages run over and over: PostgreSQL parses and plans
 * them once per connection instead of on every request. Kysely's PostgresDriver calls
 * `client.query(sql, parameters)` on clients from `pool.connect()`; each client's query is wrapped once
 * so that a SELECT, INSERT, UPDATE or WITH with parameters is sent as `{ name, text, values }`. Bulk
 * statements (the synthetic council's multi-row inserts: many parameters or long text) stay unnamed,
 * as do statements without parameters (they may hold several commands, which a prepared one cannot),
 * and a connection stops naming new statements after MAX_PREPARED_PER_CONNECTION, so the server's
 * memory for them stays bounded; a pattern match (LIKE) stays unnamed, so it is planned with its values.
 * LANTERN_PREPARED_STATEMENTS=off turns it off (for measuring).
 */
const PREPARABLE = /^\s*(select|insert|update|with)\b/i;
/** Planned with its values every time: a pattern match's plan depends on the pattern (search). */
const PLAN_WITH_VALUES = /\b(i?like|similar\s+to)\b/i;
const MAX_PARAMETERS = 100;
/** The record page's statement, every section's facts in one, is about 10 kB. */
const MAX_TEXT = 32_768;
const MAX_PREPARED_PER_CONNECTION = 1_000;
const prepared = Symbol('lantern.prepared');

type PreparedClient = pg.PoolClient & { [prepared]?: Set<string> };

export function statementName(text: string): string {
  return `q${createHash('sha1').update(text).digest('base64url').slice(0, 16)}`;
}

/** What Kysely's PostgresDriver uses of a pool: connect and end. */
function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    end: () => pool.end(),
    connect: async () => {
      const client = (await pool.connect()) as PreparedClient;
      if (!client[prepared]) {
        const names = new Set<string>();
        client[prepared] = names;
        const query = client.query.bind(client) as (...args: unknown[]) => unknown;
        // any: pg's query has many overloads; this forwards every one of them unchanged but one.
        (client as any).query = (first: unknown, values?: unknown, ...rest: unknown[]) => {
          if (
            typeof first === 'string' &&
            Array.isArray(values) &&
            values.length > 0 &&
            values.length < MAX_PARAMETERS &&
            first.length < MAX_TEXT &&
            PREPARABLE.test(first) &&
            !PLAN_WITH_VALUES.test(first)
          ) {
            const name = statementName(first);
            if (names.has(name) || names.size < MAX_PREPARED_PER_CONNECTION) {
              names.add(name);
              return query({ name, text: first, values }, ...rest);
            }
          }
          return query(first, values, ...rest);
        };
      }
      return client;
    },
  };
}
