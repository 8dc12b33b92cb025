// Lantern's codes to Annex A's drop-down values, exactly as /work/shared/specs/annex-a-value-codes.yml
// spells them (values.test.ts checks every one against the yml). Most of Lantern's lists already are
// the DfE's (src/codes/): Annex A writes the same codes with a letter or a description. A code Annex A
// has no value for gives a blank, never a guess (decision 0031).
import {
  ACCOMMODATION_SUITABILITY, ADOPTER_LEAVING_REASON, ANNEX_A_CASE_STATUS, CARE_LEAVER_ELIGIBILITY, PERMANENCE_PLAN, PERMANENCE_ROUTE,
  annexAValueFor, type CareLeaverActivityCode, type CareLeaverInTouchCode, type CategoryOfAbuseCode, type CinClosureReasonCode, type EthnicityCode,
  type LegalStatusCode, type PlacementProviderCode, type PrimaryNeedCode, type ReasonEpisodeCeasedCode, type ReferralSourceCode,
} from '../../codes/index.ts';

const lookup = <K extends string>(table: Partial<Record<K, string>>) => (code: string | null | undefined): string | null =>
  code === null || code === undefined ? null : ((table as Record<string, string | undefined>)[code] ?? null);

/** Yes / No / Unknown (the yml's `&bool`). */
export const YES = 'a) Yes';
export const NO = 'b) No';
export const UNKNOWN = 'c) Unknown';
export const yesNo = (value: boolean | null | undefined): string | null => (value === null || value === undefined ? null : value ? YES : NO);

/** Gender (`&gen`): Lantern records sex M/F/U (and older GenderCurrent 1/2); unknown or not recorded is "not stated". */
export function gender(sex: string | null): string {
  if (sex === 'M' || sex === '1') return 'a) Male';
  if (sex === 'F' || sex === '2') return 'b) Female';
  return 'c) Not stated/recorded';
}

const ETHNICITY_VALUES: Record<EthnicityCode, string> = {
  WBRI: 'a) WBRI', WIRI: 'b) WIRI', WIRT: 'c) WIRT', WOTH: 'd) WOTH', WROM: 'e) WROM', MWBC: 'f) MWBC', MWBA: 'g) MWBA', MWAS: 'h) MWAS', MOTH: 'i) MOTH',
  AIND: 'j) AIND', APKN: 'k) APKN', ABAN: 'l) ABAN', AOTH: 'm) AOTH', BCRB: 'n) BCRB', BAFR: 'o) BAFR', BOTH: 'p) BOTH', CHNE: 'q) CHNE', OOTH: 'r) OOTH',
  REFU: 's) REFU', NOBT: 's) NOBT',
};
/** Ethnicity (`&eth`): not yet recorded is "information not yet obtained", as in the CIN census. */
export const ethnicity = (code: string | null): string | null => (code === null || code.trim() === '' ? ETHNICITY_VALUES.NOBT : lookup(ETHNICITY_VALUES)(code));

const SOURCE_VALUES: Partial<Record<ReferralSourceCode, string>> = {
  '1A': 'a) 1A: Individual', '1B': 'b) 1B: Individual', '1C': 'c) 1C: Individual', '1D': 'd) 1D: Individual', '2A': 'e) 2A: Schools', '2B': 'f) 2B: Education services',
  '3A': 'g) 3A: Health services', '3B': 'h) 3B: Health services', '3C': 'i) 3C: Health services', '3D': 'j) 3D: Health services', '3E': 'k) 3E: Health services',
  '3F': 'l) 3F: Health services', '4': 'm) 4: Housing', '5A': 'n) 5A: LA services', '5B': 'o) 5B: LA services', '5C': 'p) 5C: LA services', '6': 'q) 6: Police',
  '7': 'r) 7: Other legal agency', '8': 's) 8: Other', '9': 't) 9: Anonymous', '10': 'u) 10: Unknown',
  // 5D (LA services: early help, from 2022-23) has no Annex A value: left blank.
};
/** Contact and referral source (`&source`). */
export const source = lookup(SOURCE_VALUES);

const NEED_VALUES: Record<PrimaryNeedCode, string> = {
  N1: 'N1 - Abuse or neglect', N2: "N2 - Child's disability", N3: 'N3 - Parental disability or illness', N4: 'N4 - Family in acute stress', N5: 'N5 - Family dysfunction',
  N6: 'N6 - Socially unacceptable behaviour', N7: 'N7 - Low income', N8: 'N8 - Absent parenting', N9: 'N9 - Cases other than children in need', N0: 'N0 - Not stated',
};
/** Primary need and category of need (`&needcode`). */
export const need = lookup(NEED_VALUES);

const CLOSURE_VALUES: Partial<Record<CinClosureReasonCode, string>> = {
  RC1: 'RC1 - Adopted', RC2: 'RC2 - Died', RC3: 'RC3 - Child arrangements order', RC4: 'RC4 - Special guardianship order',
  RC5: 'RC5 - Transferred to services of another local authority', RC6: 'RC6 - Transferred to adult social care services',
  RC7: 'RC7 - Services ceased for any other reason, including child no longer in need', RC8: 'RC8 - Case closed after assessment, no further action',
  // RC9 (closed after assessment, referred to early help, from 2022-23) has no Annex A value: left blank.
};
/** Reason for closure (`&reason`). */
export const closureReason = lookup(CLOSURE_VALUES);

/** Case status (`&casestatus`), from Lantern's own list. */
export const caseStatus = (code: string | null): string | null => (code ? (annexAValueFor(ANNEX_A_CASE_STATUS, code) ?? null) : null);

const ABUSE_VALUES: Record<CategoryOfAbuseCode, string> = { NEG: 'a) Neglect', PHY: 'b) Physical abuse', SAB: 'c) Sexual abuse', EMO: 'd) Emotional abuse', MUL: 'e) Multiple/not recommended' };
/** Category of abuse (`&cat_abuse`). */
export const abuse = lookup(ABUSE_VALUES);

const LEGAL_STATUS_VALUES: Record<LegalStatusCode, string> = {
  C1: 'C1: ICO', C2: 'C2: FCO', D1: 'D1: Freeing order', E1: 'E1: Placement order', V2: 'V2: Single period under S20', V3: 'V3: Short term breaks, episodes recorded',
  V4: 'V4: Short term breaks, agreements recorded', L1: 'L1: Police protection LA accommodation', L2: 'L2: EPO', L3: 'L3: Child assessment order LA accommodation',
  J1: 'J1: Remanded to LA or youth detention', J2: 'J2: LA accommodation under PACE', J3: 'J3: Youth rehabilitation order',
};
/** Legal status (`&legal_status`). */
export const legalStatus = lookup(LEGAL_STATUS_VALUES);

/** Permanence plan (`&permanence_plan`): Lantern's route, through the Annex A plan each route is. */
export function permanencePlan(route: string | null): string | null {
  const plan = PERMANENCE_ROUTE.find((r) => r.code === route)?.annexA;
  return plan ? (annexAValueFor(PERMANENCE_PLAN, plan) ?? null) : null;
}

const CEASED_VALUES: Record<ReasonEpisodeCeasedCode, string> = {
  E11: 'a) E11: Adopted - application unopposed', E12: 'b) E12: Adopted - consent dispensed', E2: 'c) E2: Died', E3: 'd) E3: Care taken by another LA',
  E4A: 'e) E4A: Returned home to live with parents or relatives - part of planning', E4B: 'f) E4B: Returned home to live with parents or relatives - not part of planning',
  E13: 'g) E13: Parents, relatives or other with no parental responsibility', E41: 'h) E41: Residence order granted',
  E45: 'i) E45: Special Guardianship Orders - former carer relative/friend', E46: 'j) E46: Special Guardianship Orders - former carer other',
  E47: 'k) E47: Special Guardianship Orders - relative/friend', E48: 'l) E48: Special Guardianship Orders - other', E5: 'm) E5: Moved into independent living - supported',
  E6: 'n) E6: Moved into independent living - no support', E7: 'o) E7: Transferred to residential care funded by adult social services', E9: 'p) E9: Sentenced to custody',
  E14: 'q) E14: Accommodation on remand ended', E15: 'r) E15: Age assessment determined child was 18 or over', E16: 's) E16: Child moved abroad',
  E8: 't) E8: Care ceased for any other reason', X1: 'u) X1: CodeError', E17: 'v) E17: Aged 18+ and remained with current carers',
};
/** Reason ceased to be looked after (`&ceased_lac`). */
export const reasonCeased = lookup(CEASED_VALUES);

const PLACEMENT_VALUES: Record<string, string> = {
  U1: 'a) U1: Foster placement - relatives - long term', U2: 'b) U2: Foster placement - relative - FFA', U3: 'c) U3: Foster placement - relative - not FFA',
  U4: 'd) U4: Foster placement - long term', U5: 'e) U5: Foster placement - FFA', U6: 'f) U6: Foster placement - not FFA',
  A3: 'g) A3: Placed for adoption - consent - current foster', A4: 'h) A4: Placed for adoption - consent - not foster', A5: 'i) A5: Placed for adoption - order - foster',
  A6: 'j) A6: Placed for adoption - order - not foster', P1: 'k) P1: Placed with parents', P2: 'l) P2: Independent living', P3: 'm) P3: Residential employment',
  H5: 'n) H5: Residential accommodation', K1: "o) K1: Secure Children's Homes", K2: "p) K2: Children's Homes", R1: 'q) R1: Residential Care Home', R2: 'r) R2: NHS/Health Trust',
  R3: 's) R3: Family Centre or Mother and Baby Unit', R5: 't) R5: Young Offender Institution', S1: 'u) S1: Residential school', Z1: 'v) Z1: Other placements',
  T0: 'w) T0: Temporary placement', T1: 'x) T1: Temporary placement - hospital', T2: 'y) T2: Temporary placement - holiday', T3: 'z) T3: Temporary placement - carer holiday',
  T4: 'zz) T4: Temporary placement - seven days or less',
  // K3 and Z11-Z14 (added to the SSDA903 list in 2024-25 and 2025-26) have no Annex A value yet: left blank.
};
/** Placement type (`&placement_type`). */
export const placementType = lookup(PLACEMENT_VALUES);

/** The SSDA903 placement types that are fostering for adoption (U2, U5) or concurrent planning. */
export const FFA_PLACEMENT_TYPES = ['U2', 'U5'] as const;

const PROVIDER_VALUES: Record<PlacementProviderCode, string> = {
  PR0: 'a) PR0: Parents/Parental responsibility', PR1: 'b) PR1: Own provision', PR2: 'c) PR2: Other LA provision', PR3: 'd) PR3: Other public provision',
  PR4: 'e) PR4: Private provision', PR5: 'f) PR5: Voluntary/third sector',
};
/** Placement provider (`&placement_provider`). */
export const provider = lookup(PROVIDER_VALUES);

/** Placement location (`&in_out`): inside or outside the council's area. */
export const location = (inArea: boolean | null): string | null => (inArea === null ? null : inArea ? 'a) In' : 'b) Out');

/** Eligibility category (`&elig`) for Lantern's care leaver status; an eligible young person is still in care (list 8). */
export function eligibility(status: string | null): string | null {
  const code = status === 'relevant' ? 'RELEVANT' : status === 'former-relevant' ? 'FORMER_RELEVANT' : status === 'qualifying' ? 'QUALIFYING' : null;
  return code ? (annexAValueFor(CARE_LEAVER_ELIGIBILITY, code) ?? null) : null;
}

const IN_TOUCH_VALUES: Record<CareLeaverInTouchCode, string> = { YES: 'a) Yes', NO: 'b) No', DIED: 'c) Died', REFU: 'd) Refu', NREQ: 'e) NREQ', RHOM: 'f) Rhom' };
/** LA in touch (`&intouch`). */
export const inTouch = lookup(IN_TOUCH_VALUES);

const ACCOMMODATION_VALUES: Record<string, string> = {
  B: 'B: Parents/relatives', C: 'C: Community home/residential care', D: 'D: Semi-independent, transitional accommodation and self-contained accommodation',
  E: 'E: Supported lodgings', G: 'G: Abroad', H: 'H: Deported', K: 'K: Ordinary lodgings, without formal support', R: 'R: Residence not known',
  S: 'S: No fixed adobe/homeless', T: 'T: Foyers and similar supported accommodation', U: 'U: Independent living', V: 'V: Emergency accommodation',
  W: 'W: Bed and breakfast', X: 'X: In custody', Y: 'Y: Other accommodation', Z: 'Z: With former foster carers',
};
/** Type of accommodation (`&accommodation`): the letter of the SSDA903 OC3 code Lantern records. */
export const accommodation = lookup(ACCOMMODATION_VALUES);

/** Suitability of accommodation (`&suitability`). */
export const suitability = (suitable: boolean | null): string | null =>
  suitable === null ? null : (annexAValueFor(ACCOMMODATION_SUITABILITY, suitable ? 'SUITABLE' : 'UNSUITABLE') ?? null);

const ACTIVITY_VALUES: Partial<Record<CareLeaverActivityCode, string>> = {
  F1: 'F1: Full time in higher education', P1: 'P1: Part time in higher education', F2: 'F2: Full time in education other than higher',
  P2: 'P2: Part time in education other than higher',
  // Annex A still has one "training or employment" pair (F3/P3); the SSDA903 split it into apprenticeships (F4/P4) and the rest (F5/P5).
  F4: 'F3: Full time in training or employment', F5: 'F3: Full time in training or employment', P4: 'P3: Part time in training or employment', P5: 'P3: Part time in training or employment',
  G4: 'G4: Not in education, employment or training - illness or disability', G5: 'G5: Not in education, employment or training - other',
  G6: 'G6: Not in education, employment or training - pregnancy or parenting',
  // 0 (not known: not in touch) has no Annex A value: left blank.
};
/** Activity status (`&activity`). */
export const activity = lookup(ACTIVITY_VALUES);

const NO_LONGER_VALUES: Record<string, string> = {
  RD1: 'RD1 - The child’s needs changed subsequent to the decision', RD2: 'RD2 - The Court did not make a placement order',
  RD3: 'RD3 - Prospective adopters could not be found', RD4: 'RD4 - Any other reason',
};
/** Reason why a child is no longer to be placed for adoption (`&reason_no_adoption`). */
export const noLongerAdoption = lookup(NO_LONGER_VALUES);

/** Reason for leaving the adoption process (`&leaving_adoption`), from Lantern's own list. */
export const leavingReason = (code: string | null): string | null => (code ? (annexAValueFor(ADOPTER_LEAVING_REASON, code) ?? null) : null);
