// Kysely over embedded PGlite, spoken to as if it were a PostgreSQL server: PGlite's node-postgres
// adapter (`@electric-sql/pglite/node-postgres`) gives `pg` a connection that passes the wire
// protocol to PGlite in the same process. So the embedded database goes through the same driver as
// PostgreSQL (Kysely's PostgresDialect on a `pg` pool), and gets the same named prepared statements:
// PGlite, like PostgreSQL, spent most of a page's database time parsing and planning statements it
// had planned a moment before (the record page's statement: about 3/4 of its cost).
//
// PGlite runs in a worker thread (pglite-thread.ts), so a long query never stops the event loop.
// PGlite is one session, so the pool has one client, which is never closed while Lantern runs; a
// request takes it whole for a query or a transaction, and everything else waits its turn.
import { PostgresAdapter, PostgresDialect, type DialectAdapter, type PostgresPool } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import type { PGliteProtocol } from './pglite-thread.ts';

class PGliteAdapter extends PostgresAdapter {
  // The migration already holds the only session for its whole run, so no lock is needed.
  override async acquireMigrationLock(): Promise<void> {}
  override async releaseMigrationLock(): Promise<void> {}
}

class PGliteDialect extends PostgresDialect {
  override createAdapter(): DialectAdapter {
    return new PGliteAdapter();
  }
}

/** A pool of PGlite's one session: the client stays open (its prepared statements with it). */
export function pgliteSessionPool(pglite: PGliteProtocol): pg.Pool {
  // The adapter's config carries the connection that `pg.Client` uses instead of a socket. The adapter
  // uses only readiness and the protocol of what it is given (src/db/pglite-thread.ts gives both).
  const config = createPgConfig(pglite as unknown as PGlite) as unknown as pg.PoolConfig;
  const pool = new pg.Pool({ ...config, max: 1, idleTimeoutMillis: 0 });
  pool.on('error', (error) => console.error(`PGlite: ${error.message}`));
  return pool;
}

export function pgliteDialect(pool: PostgresPool): PostgresDialect {
  return new PGliteDialect({ pool });
}
