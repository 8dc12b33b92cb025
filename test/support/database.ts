// A fresh, migrated database for each test file: in-memory PGlite, or, when DATABASE_URL is set
// (as CI sets it), a new database on that PostgreSQL server, dropped afterwards. Under vitest each one
// is a copy of the database migrated once for the run (database-template.ts); the migrations still run
// on it, and find nothing left to do unless the copy is missing one.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { DatabaseTemplate } from './database-template.ts';

function template(): Partial<Record<'pgliteDump' | 'postgresTemplate', string>> {
  const provided: DatabaseTemplate | undefined = inject('databaseTemplate');
  return provided ?? {};
}

/** A migrated database; `empty`: one no migration has run on, for a test of an upgrade to migrate itself. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<DatabaseHandle> {
  const url = process.env['DATABASE_URL'];
  const { pgliteDump, postgresTemplate } = options.empty ? {} : template();
  if (!url) {
    const handle = await openDatabase({ loadDataDir: pgliteDump });
    if (!options.empty) await migrateToLatest(handle.db);
    return handle;
  }
  const name = `lantern_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${postgresTemplate ? ` TEMPLATE ${postgresTemplate}` : ''}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const handle = await openDatabase({ url: testUrl.toString(), poolSize: 4 });
  if (!options.empty) await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
