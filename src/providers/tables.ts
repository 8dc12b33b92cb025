import type { Generated } from 'kysely';
import type { IsoDate, Json } from '../db/schema.ts';

/** A provider on Ofsted's lists, as last loaded (decision 0077). */
export interface OfstedProviderTable {
  /** Ofsted's unique reference number: SSDA903 URN. */
  urn: string;
  name: string | null;
  provider_type: string | null;
  /** The SSDA903 placement types (PLACE) Ofsted gives the provider (rule 219). */
  placement_codes: string[];
  /** The SSDA903 placement provider codes (PR0-PR5) Ofsted gives it (rule 224). */
  provider_codes: string[];
  /** The setting's postcode, "BW1 2AB" (rule 221). */
  postcode: string | null;
  /** The local authority named in Ofsted's file. */
  local_authority: string | null;
  /** The council the postcode is in, from the postcode directory, as the validator infers it (rules 229, 241). */
  council_code: string | null;
  council_name: string | null;
  registered_on: IsoDate | null;
  /** Closed or deregistered (REG_END: rules 227, 228). */
  closed_on: IsoDate | null;
  list: 'children_homes' | 'social_care_providers' | 'combined';
  load_id: string;
}

export interface RejectedProviderRow {
  file: string;
  sheet: string;
  row: number;
  urn: string | null;
  reason: string;
}

export interface OfstedProviderLoadTable {
  id: string;
  file_names: string;
  providers: number;
  rejected: Json<RejectedProviderRow[]>;
  loaded_by: string | null;
  loaded_at: Generated<Date>;
}

export interface ProviderTables {
  ofsted_provider: OfstedProviderTable;
  ofsted_provider_load: OfstedProviderLoadTable;
}
