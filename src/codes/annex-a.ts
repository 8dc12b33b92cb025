// Ofsted ILACS Annex A lists that have no DfE code: Annex A codes them only as drop-down text
// (e.g. "a) Return to family"). The `code` values are Lantern's own stable keys; `annexA` is
// Ofsted's text, exactly as in /work/shared/specs/annex-a-value-codes.yml (checked by codes.test.ts),
// for the Annex A export. Column context: /work/shared/reference/standards.md §3.1.
// Lists Annex A shares with the returns (ethnicity, referral source, legal status, placement type
// and so on) are in cin-census.ts and ssda903.ts.
import type { CodeEntry, CodeOf } from './code-list.ts';
import { zodEnumOf } from './code-list.ts';

export interface AnnexAEntry extends CodeEntry {
  /** The Annex A drop-down value, exactly as Ofsted's template spells it. */
  readonly annexA: string;
}
export type AnnexAList = readonly AnnexAEntry[];

/** Annex A for a Lantern code, or undefined for an unknown code. */
export function annexAValueFor(list: AnnexAList, code: string): string | undefined {
  return list.find((entry) => entry.code === code)?.annexA;
}

/** Permanence plan (List 8, "What is the permanence plan for this child?"). */
export const PERMANENCE_PLAN = [
  { code: 'RETURN_TO_FAMILY', label: 'Return to family', annexA: 'a) Return to family' },
  { code: 'ADOPTION', label: 'Adoption', annexA: 'b) Adoption' },
  {
    code: 'SGO_CAO',
    label: 'Special guardianship order or child arrangements order',
    annexA: 'c) SGO/CAO',
  },
  {
    code: 'SUPPORTED_LIVING',
    label: 'Supported living in the community',
    annexA: 'd) Supported living in the community',
  },
  {
    code: 'LONG_TERM_RESIDENTIAL',
    label: 'Long-term residential placement',
    annexA: 'e) Long-term residential placement',
  },
  { code: 'LONG_TERM_FOSTERING', label: 'Long-term fostering', annexA: 'f) Long-term fostering' },
  { code: 'OTHER', label: 'Other', annexA: 'g) other' },
] as const satisfies AnnexAList;
export type PermanencePlanCode = CodeOf<typeof PERMANENCE_PLAN>;
export const permanencePlanCodeSchema = zodEnumOf(PERMANENCE_PLAN);

/** Care leaver eligibility category (List 9, "Eligibility Category"). */
export const CARE_LEAVER_ELIGIBILITY = [
  { code: 'RELEVANT', label: 'Relevant child', annexA: 'a) Relevant child' },
  { code: 'FORMER_RELEVANT', label: 'Former relevant child', annexA: 'b) Former relevant child' },
  { code: 'QUALIFYING', label: 'Qualifying care leaver', annexA: 'c) Qualifying care leaver' },
] as const satisfies AnnexAList;
export type CareLeaverEligibilityCode = CodeOf<typeof CARE_LEAVER_ELIGIBILITY>;
export const careLeaverEligibilityCodeSchema = zodEnumOf(CARE_LEAVER_ELIGIBILITY);

/** Suitability of a care leaver's accommodation (List 9, "Suitability of Accommodation"). */
export const ACCOMMODATION_SUITABILITY = [
  { code: 'SUITABLE', label: 'Suitable', annexA: 'a) Suitable' },
  { code: 'UNSUITABLE', label: 'Unsuitable', annexA: 'b) Unsuitable' },
] as const satisfies AnnexAList;
export type AccommodationSuitabilityCode = CodeOf<typeof ACCOMMODATION_SUITABILITY>;
export const accommodationSuitabilityCodeSchema = zodEnumOf(ACCOMMODATION_SUITABILITY);

/** Case status (List 6, "Case status"); Lantern derives it from the record rather than storing it. */
export const ANNEX_A_CASE_STATUS = [
  { code: 'LOOKED_AFTER', label: 'Looked after child', annexA: 'a) Looked after child' },
  { code: 'CP_PLAN', label: 'Child protection plan', annexA: 'b) Child Protection plan' },
  { code: 'CIN_PLAN', label: 'Child in need plan', annexA: 'c) Child in need plan' },
  { code: 'OPEN_ASSESSMENT', label: 'Open assessment', annexA: 'd) Open assessment' },
  { code: 'CLOSED', label: 'Closed episode', annexA: 'e) Closed episode' },
] as const satisfies AnnexAList;
export type AnnexACaseStatusCode = CodeOf<typeof ANNEX_A_CASE_STATUS>;
export const annexACaseStatusCodeSchema = zodEnumOf(ANNEX_A_CASE_STATUS);

/** Why a prospective adopter left the adoption process (List 11, "Reason for leaving adoption process"). */
export const ADOPTER_LEAVING_REASON = [
  { code: 'WITHDREW', label: 'Adopter withdrew from the process', annexA: '1 - Adopter withdrew from process' },
  { code: 'ON_HOLD', label: 'Process put on hold', annexA: '2 - Process put on hold' },
  { code: 'REFUSED', label: 'Application refused', annexA: '3 - Application refused' },
] as const satisfies AnnexAList;
export type AdopterLeavingReasonCode = CodeOf<typeof ADOPTER_LEAVING_REASON>;
export const adopterLeavingReasonCodeSchema = zodEnumOf(ADOPTER_LEAVING_REASON);
