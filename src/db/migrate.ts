import type { Kysely, Migration } from 'kysely';
import { DEFAULT_MIGRATION_TABLE, Migrator } from 'kysely';
import { migrations, type LanternMigration } from './migrations/index.ts';
import { REBUILDS, type Rebuild } from './rebuilds.ts';
import type { Database } from './schema.ts';

/**
 * Runs the listed migrations a database has not yet run, then, in the same transaction, the rebuilds
 * of derived rows those migrations asked for (decision 0069), each once, by today's code against the
 * final schema. `listed` is every migration but in tests of an upgrade.
 */
// any: the migrator runs before the schema it creates exists, so it is typed for any schema.
export async function migrateToLatest(db: Kysely<any>, listed: Readonly<Record<string, LanternMigration>> = migrations): Promise<string[]> {
  const requested = new Set<Rebuild>();
  // Each migration's step also notes what it asks rebuilt; the last pending one then runs the rebuilds,
  // before the transaction commits: an upgrade whose rebuild fails is rolled back whole, so it is run again.
  const withRebuilds = (name: string, migration: LanternMigration): Migration => ({
    ...(migration.down ? { down: migration.down } : {}),
    up: async (trx) => {
      await migration.up(trx);
      for (const rebuild of migration.rebuilds ?? []) requested.add(rebuild);
      if (requested.size && (await lastPending(trx, name, listed))) {
        const records = trx as Kysely<Database>; // the schema after every migration
        for (const rebuild of requested) await REBUILDS[rebuild](records);
      }
    },
  });
  const provider = { getMigrations: async () => Object.fromEntries(Object.entries(listed).map(([name, m]) => [name, withRebuilds(name, m)])) };
  // Unordered: migrations are written in parallel and numbered ahead (0009 may land after 0011 has
  // run somewhere), so a database runs whichever listed migrations it has not yet run, in name order.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Whether no listed migration but this one is left to run (the migrator records each after its step). */
// any: the migrator's own table is not in the record's schema.
async function lastPending(db: Kysely<any>, name: string, listed: Readonly<Record<string, LanternMigration>>): Promise<boolean> {
  const ran = await db.selectFrom(DEFAULT_MIGRATION_TABLE).select('name').execute();
  const done = new Set<string>([name, ...ran.map((r: { name: string }) => r.name)]);
  return Object.keys(listed).every((n) => done.has(n));
}
