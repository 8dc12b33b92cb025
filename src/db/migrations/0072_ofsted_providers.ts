// The register of placement providers from Ofsted's published lists (decision 0077): the children's
// homes list and the social care providers list, as DfE's SSDA903 validator reads them (URN, the
// placement types and provider codes Ofsted gives it, postcode, local authority, registration and
// closure). A load replaces the register whole, so loading the same lists again changes nothing;
// each load is kept with who loaded it and the rows it could not take.
import type { Kysely } from 'kysely';
import { runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE ofsted_provider_load (
      id uuid PRIMARY KEY,
      file_names text NOT NULL,
      providers integer NOT NULL,
      rejected jsonb NOT NULL DEFAULT '[]',
      loaded_by uuid REFERENCES app_user(id),
      loaded_at timestamptz NOT NULL DEFAULT lantern_now()
    )`,
    `CREATE TABLE ofsted_provider (
      urn text PRIMARY KEY CHECK (urn ~ '^(SC[0-9]{6}|[0-9]{6,7})$'),
      name text,
      provider_type text,
      placement_codes text[] NOT NULL DEFAULT '{}',
      provider_codes text[] NOT NULL DEFAULT '{}',
      postcode text,
      local_authority text,
      council_code text,
      council_name text,
      registered_on date,
      closed_on date,
      list text NOT NULL CHECK (list IN ('children_homes', 'social_care_providers', 'combined')),
      load_id uuid NOT NULL REFERENCES ofsted_provider_load(id)
    )`,
  ]);
}
