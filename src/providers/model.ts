// Ofsted's provider lists as Lantern holds them (decision 0077): what the SSDA903 rules 219-229, 241
// and 1008 look up by a placement's URN, and what a placement's URN is checked against when recorded.

/** The URN DfE allows for a placement through a regional adoption agency (rule 242). */
export const REGIONAL_ADOPTION_AGENCY_URN = 'XXXXXXX';

/** Ofsted's URN: "SC" and 6 digits (children's homes, agencies), or 6 or 7 digits. */
export const URN_SHAPE = /^(SC\d{6}|\d{6,7})$/;

export type OfstedList = 'children_homes' | 'social_care_providers' | 'combined';

export interface OfstedProvider {
  urn: string;
  name: string | null;
  providerType: string | null;
  placementCodes: string[];
  providerCodes: string[];
  postcode: string | null;
  localAuthority: string | null;
  registeredOn: string | null;
  closedOn: string | null;
  list: OfstedList;
}

/** A provider with the council its postcode is in (from the postcode directory, as the validator infers it). */
export interface RegisteredProvider extends OfstedProvider {
  councilCode: string | null;
  councilName: string | null;
}

/** What the rules look up: the register by URN, and the council's own code (rule 229). Absent when no list is loaded. */
export interface ProviderRegister {
  byUrn: ReadonlyMap<string, RegisteredProvider>;
  ownCouncilCode: string | null;
}
