import type { Kysely } from 'kysely';
import { Migrator } from 'kysely';
import { migrations } from './migrations/index.ts';

// any: the migrator runs before the schema it creates exists, so it is typed for any schema.
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Unordered: migrations are written in parallel and numbered ahead (0009 may land after 0011 has
  // run somewhere), so a database runs whichever listed migrations it has not yet run, in name order.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
