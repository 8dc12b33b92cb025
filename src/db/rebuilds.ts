// Rows derived from the record by live code (decision 0069): the household clocks today; any other such
// rows join here. A migration never calls live domain code, which reads the schema as it is today and so
// breaks an upgrade from a database before a later migration (as 0060 did, decision 0062). It names what
// it changed the inputs of (`export const rebuilds`), and migrateToLatest rebuilds each once, after the
// last pending migration, against the final schema.
import type { Kysely, Transaction } from 'kysely';
import { refreshHouseholdClocks } from '../fostering/clocks.ts';
import type { Database } from './schema.ts';

type Rebuilder = (db: Kysely<Database> | Transaction<Database>) => Promise<void>;

export const REBUILDS = {
  /** Every foster household's clocks and due dates (src/fostering/clocks.ts). */
  'household-clocks': async (db) => {
    const households = await db.selectFrom('fostering_household').select('id').where('deleted_at', 'is', null).orderBy('id').execute();
    for (const h of households) await refreshHouseholdClocks(db, h.id);
  },
} satisfies Record<string, Rebuilder>;

export type Rebuild = keyof typeof REBUILDS;
