// SSDA903 (children looked after return) code lists. Codes are checked against
// /work/shared/specs/ssda903-2024.yml (the 2023-24 column spec) by codes.test.ts, except where a
// later year changed the list (noted with from / until). Meanings: /work/shared/reference/
// standards.md §2.3; validity: the 903 validator rules named on each list.
//
// Not here, because no meanings were found (standards.md §2.3, §6): LS_ADOPTR (L0, L11, L12, L2,
// L3, L4) and SW_REASON (MANAGE, FCONTA, LEFTRL, ORGRST, TSPROC, ABSENC, CHCHAN, PCCHAN, SWDIED,
// OTHERS). Add them when DfE's descriptions are to hand, rather than guessing labels.
// UASC is a yes/no flag with a date it ceased (UASC table, DUC), not a code list.
import type { CodeList, CodeOf } from './code-list.ts';
import { pickCodes, zodEnumOf } from './code-list.ts';
import { PRIMARY_NEED } from './cin-census.ts';

/** Reason for new episode (RNE). Source: standards.md §2.3 (rule 143); ssda903-2024.yml Episodes.RNE. */
export const REASON_NEW_EPISODE = [
  { code: 'S', label: 'Started to be looked after' },
  { code: 'L', label: 'Change of legal status only' },
  { code: 'P', label: 'Change of placement and carer(s) only' },
  { code: 'T', label: 'Change of placement, same carer(s)' },
  { code: 'B', label: 'Change of legal status and placement and carer(s) at the same time' },
  { code: 'U', label: 'Change of legal status and placement, same carer(s)' },
] as const satisfies CodeList;
export type ReasonNewEpisodeCode = CodeOf<typeof REASON_NEW_EPISODE>;
export const reasonNewEpisodeCodeSchema = zodEnumOf(REASON_NEW_EPISODE);

/** Legal status (LS). Source: standards.md §2.3 (rule 144); ssda903-2024.yml Episodes.LS. */
export const LEGAL_STATUS = [
  { code: 'C1', label: 'Interim care order' },
  { code: 'C2', label: 'Full care order' },
  { code: 'D1', label: 'Freeing order granted' },
  { code: 'E1', label: 'Placement order granted' },
  { code: 'V2', label: 'Single period of accommodation under section 20' },
  { code: 'V3', label: 'Series of short-term breaks, individual episodes recorded' },
  { code: 'V4', label: 'Series of short-term breaks, agreements recorded' },
  { code: 'L1', label: 'Under police protection and in local authority accommodation' },
  { code: 'L2', label: 'Emergency protection order' },
  { code: 'L3', label: 'Under a child assessment order and in local authority accommodation' },
  { code: 'J1', label: 'Remanded to local authority accommodation or youth detention accommodation' },
  { code: 'J2', label: 'Placed in local authority accommodation under PACE 1984' },
  { code: 'J3', label: 'Youth rehabilitation order with residence or intensive fostering requirement' },
] as const satisfies CodeList;
export type LegalStatusCode = CodeOf<typeof LEGAL_STATUS>;
export const legalStatusCodeSchema = zodEnumOf(LEGAL_STATUS);

/**
 * Category of need (903 CIN column): the CIN census primary need codes N1-N8, without N9 and N0.
 * Source: standards.md §2.3 (rule 145); ssda903-2024.yml Episodes.CIN.
 */
export const CATEGORY_OF_NEED = pickCodes(PRIMARY_NEED, [
  'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8',
] as const);
export type CategoryOfNeedCode = CodeOf<typeof CATEGORY_OF_NEED>;
export const categoryOfNeedCodeSchema = zodEnumOf(CATEGORY_OF_NEED);

/**
 * Placement type (PLACE; XML tag PL). Source: standards.md §2.3 (rule 146 by year);
 * ssda903-2024.yml Episodes.PLACE (the 2023-24 list). K3 was added in 2024-25; in 2025-26 H5 and
 * P2 were dropped and Z1 split into Z11-Z14. Use validIn(PLACEMENT_TYPE, year) for a year's list.
 */
export const PLACEMENT_TYPE = [
  { code: 'A3', label: 'Placed for adoption with parental consent, with current foster carer(s)' },
  { code: 'A4', label: 'Placed for adoption with parental consent, not with current foster carer(s)' },
  { code: 'A5', label: 'Placed for adoption under a placement order, with current foster carer(s)' },
  { code: 'A6', label: 'Placed for adoption under a placement order, not with current foster carer(s)' },
  {
    code: 'H5',
    label: 'Semi-independent living not subject to children\'s homes regulations',
    until: '2024-25',
  },
  { code: 'K1', label: 'Secure children\'s home' },
  { code: 'K2', label: 'Children\'s home subject to Children\'s Homes Regulations' },
  { code: 'K3', label: 'Registered supported accommodation', from: '2024-25' },
  { code: 'P1', label: 'Placed with own parent(s) or other person with parental responsibility' },
  { code: 'P2', label: 'Independent living (for example flat, lodgings, bed and breakfast)', until: '2024-25' },
  { code: 'P3', label: 'Residential employment' },
  { code: 'R1', label: 'Residential care home' },
  { code: 'R2', label: 'NHS/health trust or other establishment providing medical or nursing care' },
  { code: 'R3', label: 'Family centre or mother and baby unit' },
  { code: 'R5', label: 'Young offender institution' },
  { code: 'S1', label: 'Residential school (unless dual-registered as a children\'s home)' },
  { code: 'T0', label: 'Temporary move – all types' },
  { code: 'T1', label: 'Temporary move – hospital' },
  { code: 'T2', label: 'Temporary move – child on holiday' },
  { code: 'T3', label: 'Temporary move – carer on holiday' },
  { code: 'T4', label: 'Temporary move – 7 days or less, other reason' },
  { code: 'U1', label: 'Foster placement with relative or friend – long-term fostering' },
  { code: 'U2', label: 'Foster placement with relative or friend – fostering for adoption or concurrent planning' },
  { code: 'U3', label: 'Foster placement with relative or friend – other' },
  { code: 'U4', label: 'Foster placement with other foster carer – long-term fostering' },
  { code: 'U5', label: 'Foster placement with other foster carer – fostering for adoption or concurrent planning' },
  { code: 'U6', label: 'Foster placement with other foster carer – other' },
  { code: 'Z1', label: 'Other placements', until: '2024-25' },
  // Meanings of Z11-Z14 were not in Lantern's sources (standards.md §2.3, §6); replace these labels
  // with DfE's descriptions before they are shown to workers.
  { code: 'Z11', label: 'Other placement – type Z11 (DfE description to be confirmed)', from: '2025-26' },
  { code: 'Z12', label: 'Other placement – type Z12 (DfE description to be confirmed)', from: '2025-26' },
  { code: 'Z13', label: 'Other placement – type Z13 (DfE description to be confirmed)', from: '2025-26' },
  { code: 'Z14', label: 'Other placement – type Z14 (DfE description to be confirmed)', from: '2025-26' },
] as const satisfies CodeList;
export type PlacementTypeCode = CodeOf<typeof PLACEMENT_TYPE>;
export const placementTypeCodeSchema = zodEnumOf(PLACEMENT_TYPE);

/** Placement provider (PLACE_PROVIDER). Source: standards.md §2.3 (rule 178); ssda903-2024.yml. */
export const PLACEMENT_PROVIDER = [
  { code: 'PR0', label: 'Parent(s) or other person with parental responsibility' },
  { code: 'PR1', label: 'Own local authority provision (including a regional adoption agency it hosts)' },
  { code: 'PR2', label: 'Other local authority provision' },
  { code: 'PR3', label: 'Other public provision' },
  { code: 'PR4', label: 'Private provision' },
  { code: 'PR5', label: 'Voluntary or third sector provision' },
] as const satisfies CodeList;
export type PlacementProviderCode = CodeOf<typeof PLACEMENT_PROVIDER>;
export const placementProviderCodeSchema = zodEnumOf(PLACEMENT_PROVIDER);

/** Reason episode ceased (REC). Source: standards.md §2.3 (rule 149); ssda903-2024.yml Episodes.REC. */
export const REASON_EPISODE_CEASED = [
  { code: 'X1', label: 'Episode ended and a new one started on the same day' },
  { code: 'E11', label: 'Adopted – application unopposed' },
  { code: 'E12', label: 'Adopted – consent dispensed with by the court' },
  { code: 'E2', label: 'Died' },
  { code: 'E3', label: 'Care taken over by another local authority in the UK' },
  { code: 'E4A', label: 'Returned home to parents or other person with parental responsibility, as part of the care plan' },
  { code: 'E4B', label: 'Returned home to parents or other person with parental responsibility, not part of the care plan' },
  { code: 'E13', label: 'Left care to live with parents, relatives or others with no parental responsibility' },
  { code: 'E41', label: 'Residence order or child arrangements order granted' },
  { code: 'E45', label: 'Special guardianship order to former foster carer(s) who are relatives or friends' },
  { code: 'E46', label: 'Special guardianship order to former foster carer(s) who are not relatives or friends' },
  { code: 'E47', label: 'Special guardianship order to carer(s) other than former foster carer(s), who are relatives or friends' },
  { code: 'E48', label: 'Special guardianship order to carer(s) other than former foster carer(s), who are not relatives or friends' },
  { code: 'E5', label: 'Moved into independent living with formal support' },
  { code: 'E6', label: 'Moved into independent living without formal support' },
  { code: 'E7', label: 'Transferred to residential care funded by adult social care' },
  { code: 'E9', label: 'Sentenced to custody' },
  { code: 'E14', label: 'Accommodation on remand ended' },
  { code: 'E15', label: 'Age assessment found the child to be 18 or over' },
  { code: 'E16', label: 'Child moved abroad' },
  { code: 'E17', label: 'Aged 18 or over and stayed with current carers (including staying put)' },
  { code: 'E8', label: 'Care ceased for any other reason' },
] as const satisfies CodeList;
export type ReasonEpisodeCeasedCode = CodeOf<typeof REASON_EPISODE_CEASED>;
export const reasonEpisodeCeasedCodeSchema = zodEnumOf(REASON_EPISODE_CEASED);

/**
 * Reason for placement change (REASON_PLACE_CHANGE). Source: standards.md §2.3 (rule 1009);
 * ssda903-2024.yml Episodes.REASON_PLACE_CHANGE.
 */
export const REASON_PLACE_CHANGE = [
  { code: 'CARPL', label: 'Change to or implementation of the care plan' },
  { code: 'CLOSE', label: 'Resignation of the carer or closure of the provision' },
  { code: 'ALLEG', label: 'Allegation (section 47 enquiry)' },
  { code: 'STAND', label: 'Concern about the standard of care' },
  { code: 'APPRR', label: 'Carer\'s approval removed' },
  { code: 'CREQB', label: 'Carer asked for the placement to end because of the child\'s behaviour' },
  { code: 'CREQO', label: 'Carer asked for the placement to end for other reasons' },
  { code: 'CHILD', label: 'Child asked for the placement to end' },
  { code: 'LAREQ', label: 'Responsible or area authority asked for the placement to end' },
  { code: 'PLACE', label: 'Change in the status of the placement only' },
  { code: 'CUSTOD', label: 'Custody arrangement' },
  { code: 'OTHER', label: 'Other' },
] as const satisfies CodeList;
export type ReasonPlaceChangeCode = CodeOf<typeof REASON_PLACE_CHANGE>;
export const reasonPlaceChangeCodeSchema = zodEnumOf(REASON_PLACE_CHANGE);

/**
 * Reason for a change of social worker (SWEpisodes SW_REASON; rules SW13STG1, SW15STG2). Source:
 * standards.md §2.3; ssda903-2024.yml SocialWorker.SW_REASON. DfE's meanings were not in the sources
 * read: the labels are Lantern's reading of the codes (docs/decisions/0019).
 */
export const SW_CHANGE_REASON = [
  { code: 'MANAGE', label: 'Management decision (for example to balance caseloads)' },
  { code: 'FCONTA', label: 'The social worker’s fixed-term or agency contract ended' },
  { code: 'LEFTRL', label: 'The social worker left the role or the council' },
  { code: 'ORGRST', label: 'Organisational restructure' },
  { code: 'TSPROC', label: 'Transfer between teams in the usual process (for example assessment to children in care)' },
  { code: 'ABSENC', label: 'The social worker is absent (long-term sickness, parental leave)' },
  { code: 'CHCHAN', label: 'The child asked for a change' },
  { code: 'PCCHAN', label: 'A parent or carer asked for a change' },
  { code: 'SWDIED', label: 'The social worker died' },
  { code: 'OTHERS', label: 'Other' },
] as const satisfies CodeList;
export type SwChangeReasonCode = CodeOf<typeof SW_CHANGE_REASON>;

/**
 * Child's participation in a looked-after review (REVIEW_CODE). Source: standards.md §2.3
 * (rule 167); ssda903-2024.yml Reviews.REVIEW_CODE.
 */
export const REVIEW_PARTICIPATION = [
  { code: 'PN0', label: 'Child under 4 at the time of the review' },
  { code: 'PN1', label: 'Child attended and spoke for themselves' },
  { code: 'PN2', label: 'Child attended and an advocate spoke for them' },
  { code: 'PN3', label: 'Child attended and conveyed their views non-verbally' },
  { code: 'PN4', label: 'Child attended but did not contribute' },
  { code: 'PN5', label: 'Child did not attend but briefed an advocate to speak for them' },
  { code: 'PN6', label: 'Child did not attend but conveyed their views another way' },
  { code: 'PN7', label: 'Child did not attend and their views were not conveyed' },
] as const satisfies CodeList;
export type ReviewParticipationCode = CodeOf<typeof REVIEW_PARTICIPATION>;
export const reviewParticipationCodeSchema = zodEnumOf(REVIEW_PARTICIPATION);

/** Missing or away from placement (MISSING). Source: standards.md §2.3 (rule 1006); ssda903-2024.yml Missing.MISSING. */
export const MISSING_EPISODE_TYPE = [
  { code: 'M', label: 'Missing (whereabouts unknown)' },
  { code: 'A', label: 'Away from placement without authorisation (whereabouts known)' },
] as const satisfies CodeList;
export type MissingEpisodeTypeCode = CodeOf<typeof MISSING_EPISODE_TYPE>;
export const missingEpisodeTypeCodeSchema = zodEnumOf(MISSING_EPISODE_TYPE);

/** Reason no SDQ score (OC2 SDQ_REASON). Source: standards.md §2.3 (rule 196); ssda903-2024.yml OC2.SDQ_REASON. */
export const SDQ_REASON = [
  { code: 'SDQ1', label: 'Child under 4 or over 16' },
  { code: 'SDQ2', label: 'Carer refused to complete the questionnaire' },
  { code: 'SDQ3', label: 'Child\'s disability too severe to complete the questionnaire' },
  { code: 'SDQ4', label: 'Other' },
  { code: 'SDQ5', label: 'Young person refused to allow the questionnaire to be completed' },
] as const satisfies CodeList;
export type SdqReasonCode = CodeOf<typeof SDQ_REASON>;
export const sdqReasonCodeSchema = zodEnumOf(SDQ_REASON);

/** Care leaver: local authority in touch (OC3 IN_TOUCH). Source: standards.md §2.3 (rule 131); ssda903-2024.yml OC3.IN_TOUCH. */
export const CARE_LEAVER_IN_TOUCH = [
  { code: 'YES', label: 'Yes, in touch' },
  { code: 'NO', label: 'No, not in touch' },
  { code: 'DIED', label: 'Young person has died' },
  { code: 'REFU', label: 'Young person refuses contact' },
  { code: 'NREQ', label: 'Young person no longer requires services' },
  { code: 'RHOM', label: 'Young person returned home for 6 months or more' },
] as const satisfies CodeList;
export type CareLeaverInTouchCode = CodeOf<typeof CARE_LEAVER_IN_TOUCH>;
export const careLeaverInTouchCodeSchema = zodEnumOf(CARE_LEAVER_IN_TOUCH);

/**
 * Care leaver: main activity (OC3 ACTIV). Source: standards.md §2.3 (rule 132); ssda903-2024.yml
 * OC3.ACTIV. (Annex A List 9's older F3/P3 are not SSDA903 codes.)
 */
export const CARE_LEAVER_ACTIVITY = [
  { code: 'F1', label: 'Full time in higher education' },
  { code: 'P1', label: 'Part time in higher education' },
  { code: 'F2', label: 'Full time in education other than higher education' },
  { code: 'P2', label: 'Part time in education other than higher education' },
  { code: 'F4', label: 'Full time apprenticeship' },
  { code: 'P4', label: 'Part time apprenticeship' },
  { code: 'F5', label: 'Full time in training or employment (not an apprenticeship)' },
  { code: 'P5', label: 'Part time in training or employment (not an apprenticeship)' },
  { code: 'G4', label: 'Not in education, employment or training – illness or disability' },
  { code: 'G5', label: 'Not in education, employment or training – other reasons' },
  { code: 'G6', label: 'Not in education, employment or training – pregnancy or parenting' },
  { code: '0', label: 'Not known (local authority not in touch)' },
] as const satisfies CodeList;
export type CareLeaverActivityCode = CodeOf<typeof CARE_LEAVER_ACTIVITY>;
export const careLeaverActivityCodeSchema = zodEnumOf(CARE_LEAVER_ACTIVITY);

/**
 * Care leaver: accommodation (OC3 ACCOM), a type letter plus 1 (suitable) or 2 (unsuitable).
 * Source: standards.md §2.3 (rule 133). The suitable/unsuitable reading of the digit is inferred
 * there from Annex A's separate suitability field: verify against the DfE guide. The list follows
 * the 903 validator, which has no S1 (homeless, suitable) or X1 (custody, suitable);
 * ssda903-2024.yml includes both.
 */
export const CARE_LEAVER_ACCOMMODATION = [
  { code: 'B1', label: 'With parents or relatives – suitable' },
  { code: 'B2', label: 'With parents or relatives – unsuitable' },
  { code: 'C1', label: 'Community home or other residential care – suitable' },
  { code: 'C2', label: 'Community home or other residential care – unsuitable' },
  { code: 'D1', label: 'Semi-independent or transitional accommodation – suitable' },
  { code: 'D2', label: 'Semi-independent or transitional accommodation – unsuitable' },
  { code: 'E1', label: 'Supported lodgings – suitable' },
  { code: 'E2', label: 'Supported lodgings – unsuitable' },
  { code: 'G1', label: 'Gone abroad – suitable' },
  { code: 'G2', label: 'Gone abroad – unsuitable' },
  { code: 'H1', label: 'Deported – suitable' },
  { code: 'H2', label: 'Deported – unsuitable' },
  { code: 'K1', label: 'Ordinary lodgings without formal support – suitable' },
  { code: 'K2', label: 'Ordinary lodgings without formal support – unsuitable' },
  { code: 'R1', label: 'Residence not known – suitable' },
  { code: 'R2', label: 'Residence not known – unsuitable' },
  { code: 'S2', label: 'No fixed abode or homeless – unsuitable' },
  { code: 'T1', label: 'Foyer or similar supported accommodation – suitable' },
  { code: 'T2', label: 'Foyer or similar supported accommodation – unsuitable' },
  { code: 'U1', label: 'Independent living – suitable' },
  { code: 'U2', label: 'Independent living – unsuitable' },
  { code: 'V1', label: 'Emergency accommodation – suitable' },
  { code: 'V2', label: 'Emergency accommodation – unsuitable' },
  { code: 'W1', label: 'Bed and breakfast – suitable' },
  { code: 'W2', label: 'Bed and breakfast – unsuitable' },
  { code: 'X2', label: 'In custody – unsuitable' },
  { code: 'Y1', label: 'Other accommodation – suitable' },
  { code: 'Y2', label: 'Other accommodation – unsuitable' },
  { code: 'Z1', label: 'With former foster carers – suitable' },
  { code: 'Z2', label: 'With former foster carers – unsuitable' },
  { code: '0', label: 'Not known (local authority not in touch)' },
] as const satisfies CodeList;
export type CareLeaverAccommodationCode = CodeOf<typeof CARE_LEAVER_ACCOMMODATION>;
export const careLeaverAccommodationCodeSchema = zodEnumOf(CARE_LEAVER_ACCOMMODATION);

/**
 * Reason a child is no longer to be placed for adoption (PlacedAdoption REASON_PLACED_CEASED;
 * Annex A List 10). Source: standards.md §2.3 (rule 120); ssda903-2024.yml; annex-a-value-codes.yml.
 */
export const ADOPTION_DECISION_REVERSED_REASON = [
  { code: 'RD1', label: 'The child\'s needs changed after the decision' },
  { code: 'RD2', label: 'The court did not make a placement order' },
  { code: 'RD3', label: 'Prospective adopters could not be found' },
  { code: 'RD4', label: 'Any other reason' },
] as const satisfies CodeList;
export type AdoptionDecisionReversedReasonCode = CodeOf<typeof ADOPTION_DECISION_REVERSED_REASON>;
export const adoptionDecisionReversedReasonCodeSchema = zodEnumOf(ADOPTION_DECISION_REVERSED_REASON);

/** Previous permanence arrangement (PrevPerm PREV_PERM). Source: standards.md §2.3 (rule 631); ssda903-2024.yml. */
export const PREVIOUS_PERMANENCE = [
  { code: 'P1', label: 'Adoption' },
  { code: 'P2', label: 'Special guardianship order' },
  { code: 'P3', label: 'Residence order or child arrangements order' },
  { code: 'P4', label: 'Unknown' },
  { code: 'Z1', label: 'No previous permanence arrangement' },
] as const satisfies CodeList;
export type PreviousPermanenceCode = CodeOf<typeof PREVIOUS_PERMANENCE>;
export const previousPermanenceCodeSchema = zodEnumOf(PREVIOUS_PERMANENCE);
/**
 * LA_PERM: the council where the previous permanence was arranged, as a 3-digit LA code, or NIR, SCO,
 * WAL, NUK, or 999 not known (standards.md §2.3). DfE's list of LA codes is not in the sources: the
 * shape is checked, not the list (decision 0041).
 */
export const PERMANENCE_COUNCIL = /^(\d{3}|NIR|SCO|WAL|NUK)$/;

/**
 * Sex of adopter(s) (AD1 SEX_ADOPTR). Source: ssda903-2024.yml AD1.SEX_ADOPTR; the meanings are
 * inferred from the code shapes in standards.md §2.3: verify against the DfE guide.
 */
export const ADOPTER_SEX = [
  { code: 'M1', label: 'Single male adopter' },
  { code: 'F1', label: 'Single female adopter' },
  { code: 'MM', label: 'Male couple' },
  { code: 'FF', label: 'Female couple' },
  { code: 'MF', label: 'Male and female couple' },
] as const satisfies CodeList;
export type AdopterSexCode = CodeOf<typeof ADOPTER_SEX>;
export const adopterSexCodeSchema = zodEnumOf(ADOPTER_SEX);

/**
 * The adopters' sex at the date of adoption (AD1 SEX_ADOPTR). Source: ssda903-2024.yml (the codes);
 * rule 511's and 517's messages spell out MM, FF and MF; rule 514 (DfE's validator,
 * csc-validator-be-903 rule_514.py) reads M1 and F1 as a single adopter (decision 0043).
 */
export const ADOPTERS_SEX = [
  { code: 'M1', label: 'One adopter, male' },
  { code: 'F1', label: 'One adopter, female' },
  { code: 'MM', label: 'A couple, both male' },
  { code: 'FF', label: 'A couple, both female' },
  { code: 'MF', label: 'A couple, male and female' },
] as const satisfies CodeList;
export type AdoptersSexCode = CodeOf<typeof ADOPTERS_SEX>;
/** The sexes of one adopter; the rest are couples (rules 511, 514). */
export const SINGLE_ADOPTER_SEXES: readonly string[] = ['M1', 'F1'];

/**
 * The adopters' legal status (AD1 LS_ADOPTR). L0, L11 and L2 are named by the messages of rules 514, 520
 * and 519 (decision 0043); L12, L3 and L4 are read from the sexes rules 524, 517 and 518 give them, beside
 * L11 (decision 0072): a married couple is L11 (MF) or L12 (MM, FF), an unmarried couple L3 (MF) or L4
 * (MM, FF), as L1 was split in two when same-sex couples could marry.
 */
export const ADOPTERS_LEGAL_STATUS = [
  { code: 'L0', label: 'A single adopter' },
  { code: 'L11', label: 'A married couple of different sexes' },
  { code: 'L12', label: 'A married couple of the same sex' },
  { code: 'L2', label: 'A couple in a civil partnership' },
  { code: 'L3', label: 'An unmarried couple of different sexes' },
  { code: 'L4', label: 'An unmarried couple of the same sex' },
] as const satisfies CodeList;
export type AdoptersLegalStatusCode = CodeOf<typeof ADOPTERS_LEGAL_STATUS>;
/** The couples' sexes each legal status goes with, and the return's rule that says so. */
export const SEXES_OF_LEGAL_STATUS: Readonly<Partial<Record<AdoptersLegalStatusCode, { sexes: readonly AdoptersSexCode[]; rule: string }>>> = {
  L11: { sexes: ['MF'], rule: '520' },
  L12: { sexes: ['MM', 'FF'], rule: '524' },
  L3: { sexes: ['MF'], rule: '517' },
  L4: { sexes: ['MM', 'FF'], rule: '518' },
};
/** Every LS_ADOPTR code of the return (rule 177). */
export const LS_ADOPTR_CODES: readonly string[] = ADOPTERS_LEGAL_STATUS.map((s) => s.code);
