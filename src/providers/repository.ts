// The providers register's SQL (decision 0077).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { OfstedProvider, RegisteredProvider } from './model.ts';
import type { RejectedProviderRow } from './tables.ts';

/**
 * Replaces the register with these providers in one transaction (Ofsted's lists are whole lists, closed
 * providers included), and keeps the load. Each provider's council is taken from the postcode
 * directory: its full postcode's, else its district's.
 */
export async function replaceRegister(db: Kysely<Database>, load: { fileNames: string; providers: readonly OfstedProvider[]; rejected: readonly RejectedProviderRow[]; loadedBy: string | null }): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('ofsted_provider_load').values({ id, file_names: load.fileNames, providers: load.providers.length, rejected: JSON.stringify(load.rejected), loaded_by: load.loadedBy }).execute();
    await tx.deleteFrom('ofsted_provider').execute();
    // 13 parameters a row: well under PostgreSQL's 65,535 a statement.
    for (let i = 0; i < load.providers.length; i += 2_000) {
      const rows = load.providers.slice(i, i + 2_000).map((p) => ({
        urn: p.urn,
        name: p.name,
        provider_type: p.providerType,
        placement_codes: p.placementCodes,
        provider_codes: p.providerCodes,
        postcode: p.postcode,
        local_authority: p.localAuthority,
        registered_on: p.registeredOn,
        closed_on: p.closedOn,
        list: p.list,
        load_id: id,
      }));
      await tx.insertInto('ofsted_provider').values(rows).execute();
    }
    await sql`UPDATE ofsted_provider o SET council_code = c.council_code, council_name = c.council_name FROM postcode_centroid c WHERE c.postcode = o.postcode`.execute(tx);
    await sql`UPDATE ofsted_provider o SET council_code = c.council_code, council_name = c.council_name FROM postcode_centroid c
      WHERE o.council_code IS NULL AND o.postcode IS NOT NULL AND c.postcode = split_part(o.postcode, ' ', 1)`.execute(tx);
  });
  return id;
}

const toProvider = (r: Database['ofsted_provider'] extends infer T ? { [K in keyof T]: T[K] } : never): RegisteredProvider => ({
  urn: r.urn,
  name: r.name,
  providerType: r.provider_type,
  placementCodes: r.placement_codes,
  providerCodes: r.provider_codes,
  postcode: r.postcode,
  localAuthority: r.local_authority,
  registeredOn: r.registered_on,
  closedOn: r.closed_on,
  list: r.list,
  councilCode: r.council_code,
  councilName: r.council_name,
});

export async function allProviders(db: Db): Promise<RegisteredProvider[]> {
  return (await db.selectFrom('ofsted_provider').selectAll().orderBy('urn').execute()).map(toProvider);
}

export async function providerByUrn(db: Db, urn: string): Promise<RegisteredProvider | null> {
  const row = await db.selectFrom('ofsted_provider').selectAll().where('urn', '=', urn).executeTakeFirst();
  return row ? toProvider(row) : null;
}

/** The last load, or null when Ofsted's lists have never been loaded. */
export function lastLoad(db: Db) {
  return db.selectFrom('ofsted_provider_load as l').leftJoin('app_user as u', 'u.id', 'l.loaded_by').select(['l.id', 'l.file_names', 'l.providers', 'l.rejected', 'l.loaded_at', 'u.display_name as loaded_by']).orderBy('l.loaded_at', 'desc').orderBy('l.id').executeTakeFirst();
}

export function recentLoads(db: Db, limit = 10) {
  return db
    .selectFrom('ofsted_provider_load as l')
    .leftJoin('app_user as u', 'u.id', 'l.loaded_by')
    .select(['l.id', 'l.file_names', 'l.providers', sql<number>`jsonb_array_length(l.rejected)`.as('rejected_count'), 'l.loaded_at', 'u.display_name as loaded_by'])
    .orderBy('l.loaded_at', 'desc')
    .limit(limit)
    .execute();
}

export function loadOf(db: Db, id: string) {
  return db.selectFrom('ofsted_provider_load as l').leftJoin('app_user as u', 'u.id', 'l.loaded_by').select(['l.id', 'l.file_names', 'l.providers', 'l.rejected', 'l.loaded_at', 'u.display_name as loaded_by']).where('l.id', '=', id).executeTakeFirst();
}

/** How many providers the register holds, by list and open or closed. */
export async function registerCounts(db: Db) {
  return db
    .selectFrom('ofsted_provider')
    .select(['list', sql<number>`count(*)::int`.as('providers'), sql<number>`count(*) FILTER (WHERE closed_on IS NOT NULL)::int`.as('closed'), sql<number>`count(*) FILTER (WHERE council_code IS NULL)::int`.as('no_council')])
    .groupBy('list')
    .orderBy('list')
    .execute();
}
