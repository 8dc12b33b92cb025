import type { Generated } from 'kysely';
import type { IsoDate, RecordColumns } from '../db/schema.ts';
import type { AdopterLeavingReasonCode } from '../codes/annex-a.ts';
import type { AdoptersLegalStatusCode, AdoptersSexCode } from '../codes/ssda903.ts';

/**
 * A prospective adopter household, from the first enquiry through registration of interest, stage one
 * and stage two to the panel and the agency decision (Adoption Agencies Regulations 2005 as amended by
 * SI 2013/985; statutory guidance ch.3). Not a child: no child's journal, so its own dates.
 */
export interface AdopterHouseholdTable extends RecordColumns {
  id: string;
  /** How the household is known: "Sam and Alex Carter". */
  name: string;
  /** One or two applicants (SSDA903 AD1 NB_ADOPTR). */
  applicants: number;
  postcode: string | null;
  /** The applicants' sexes (SSDA903 AD1 SEX_ADOPTR): M1 or F1 for one, MM, FF or MF for two. */
  adopters_sex: AdoptersSexCode | null;
  /** How the applicants are joined in law (AD1 LS_ADOPTR): only the codes whose meaning is known (decision 0043). */
  adopters_legal_status: AdoptersLegalStatusCode | null;
  /** The adoption social worker assessing them. */
  worker_id: string | null;
  /** Approved as foster carers too, for fostering for adoption (Annex A list 11; seed AD-08). */
  fostering_for_adoption: Generated<boolean>;
  enquiry_on: IsoDate;
  /** The registration of interest accepted: stage one begins (2 months expected). */
  registered_on: IsoDate | null;
  /** The agency told them they may go on to stage two. */
  stage_one_ended_on: IsoDate | null;
  /** They told the agency they wish to go on (within 6 months): stage two begins (4 months expected). */
  stage_two_started_on: IsoDate | null;
  panel_on: IsoDate | null;
  panel_recommended: boolean | null;
  /** The agency decision maker's decision whether they are suitable to adopt. */
  decided_on: IsoDate | null;
  approved: boolean | null;
  /** Left the process (Annex A list 11: withdrew, on hold, application refused). */
  left_on: IsoDate | null;
  left_reason: AdopterLeavingReasonCode | null;
  left_note: string | null;
}

/** A child matched with an approved household: the match panel, the agency decision, the move, any disruption. */
export interface AdoptionMatchTable extends RecordColumns {
  id: string;
  child_id: string;
  plan_id: string;
  household_id: string;
  /** The adoption panel's recommendation of the match. */
  panel_on: IsoDate;
  /** The agency decision maker's decision on the match (scorecard A2 ends here). */
  decided_on: IsoDate;
  /** The child moved in with the household (scorecard A1 ends here): the placement the care service recorded. */
  placed_on: IsoDate | null;
  placement_id: string | null;
  /** The placement ended before the adoption order (seed AD-19). */
  disrupted_on: IsoDate | null;
  disruption_reason: string | null;
}

/** One applicant of a household (the first or the second): Annex A list 11 is one row per adopter. */
export interface AdopterApplicantTable extends RecordColumns {
  id: string;
  household_id: string;
  /** 1 or 2: the applicant's row in Annex A list 11 (`<household>-<position>`). */
  position: number;
  name: string;
  /** As a child's: M, F or U (not known); null until they say. */
  sex: string | null;
  /** The children's ethnicity list (CIN census); null until they say. */
  ethnicity: string | null;
  /** Whether they have a disability; null while not known. */
  disabled: boolean | null;
}

export interface AdoptionTables {
  adopter_household: AdopterHouseholdTable;
  adoption_match: AdoptionMatchTable;
  adopter_applicant: AdopterApplicantTable;
}
