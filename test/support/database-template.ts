// Vitest's global setup: migrates one database before any test file runs, which every test database
// then starts as a copy of (test/support/database.ts), instead of each file running the ~60 migrations
// itself. On PGlite a new database also skips initdb: a copy loads from a dump in about 2 s where a new,
// migrated one took about 9 s. On PostgreSQL it is a template database (CREATE DATABASE … TEMPLATE).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { pgliteDialect, pgliteSessionPool } from '../../src/db/pglite-dialect.ts';
import { openDatabase } from '../../src/db/connection.ts';
import type { PGliteProtocol } from '../../src/db/pglite-thread.ts';

/** Where the migrated database is: a PGlite dump file, or a PostgreSQL template database's name. */
export type DatabaseTemplate = { pgliteDump: string } | { postgresTemplate: string };

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate;
  }
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env['DATABASE_URL'];
  if (url) {
    const name = `lantern_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `CREATE DATABASE ${name}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${name}`;
    const handle = await openDatabase({ url: templateUrl.toString(), poolSize: 1 });
    try {
      await migrateToLatest(handle.db);
    } finally {
      await handle.close();
    }
    project.provide('databaseTemplate', { postgresTemplate: name });
    return () => adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  // PGlite in this process (no thread: it is dumped afterwards), migrated through the same dialect.
  const folder = await mkdtemp(join(tmpdir(), 'lantern-test-template-'));
  const pglite = new PGlite();
  try {
    const db = new Kysely({ dialect: pgliteDialect(pgliteSessionPool(pglite as unknown as PGliteProtocol)) });
    await migrateToLatest(db);
    await db.destroy();
    const dump = join(folder, 'migrated.tar');
    await writeFile(dump, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    project.provide('databaseTemplate', { pgliteDump: dump });
  } finally {
    await pglite.close();
  }
  return () => rm(folder, { recursive: true, force: true });
}
