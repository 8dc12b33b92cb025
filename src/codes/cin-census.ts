// Children in Need (CIN) census code lists. Codes are checked against the enumerations in
// /work/shared/specs/cin-census-2024.xsd by codes.test.ts; labels follow the XSD documentation or
// /work/shared/reference/standards.md §1.3 where that is plainer.
//
// Not here, because the sources have no such list:
// - Immigration / asylum status: the returns only record UASC as a yes/no flag (SSDA903 UASC table
//   with DUC, the date UASC status ceased; Annex A List 8 Y/N; DfE CSC API uasc_flag boolean), plus
//   assessment factor 9A. standards.md §2.1, §3.1, §4.
// - Reason a child protection plan ended: the CIN census collects only CPPendDate (standards.md §1.1).
import type { CodeList, CodeOf } from './code-list.ts';
import { zodEnumOf } from './code-list.ts';

/**
 * Ethnicity. Source: cin-census-2024.xsd `ethnicitytype`; standards.md §1.3 (rule 4220). SSDA903
 * ETHNIC uses the same codes (ssda903-2024.yml Header.ETHNIC).
 */
export const ETHNICITY = [
  { code: 'WBRI', label: 'White British' },
  { code: 'WIRI', label: 'White Irish' },
  { code: 'WIRT', label: 'Traveller of Irish heritage' },
  { code: 'WOTH', label: 'Any other White background' },
  { code: 'WROM', label: 'Gypsy/Roma' },
  { code: 'MWBC', label: 'White and Black Caribbean' },
  { code: 'MWBA', label: 'White and Black African' },
  { code: 'MWAS', label: 'White and Asian' },
  { code: 'MOTH', label: 'Any other Mixed background' },
  { code: 'AIND', label: 'Indian' },
  { code: 'APKN', label: 'Pakistani' },
  { code: 'ABAN', label: 'Bangladeshi' },
  { code: 'AOTH', label: 'Any other Asian background' },
  { code: 'BCRB', label: 'Caribbean' },
  { code: 'BAFR', label: 'African' },
  { code: 'BOTH', label: 'Any other Black background' },
  { code: 'CHNE', label: 'Chinese' },
  { code: 'OOTH', label: 'Any other ethnic group' },
  { code: 'REFU', label: 'Refused' },
  { code: 'NOBT', label: 'Information not yet obtained' },
] as const satisfies CodeList;
export type EthnicityCode = CodeOf<typeof ETHNICITY>;
export const ethnicityCodeSchema = zodEnumOf(ETHNICITY);

/**
 * Sex, from the 2024-25 collections. Source: standards.md §1.2, §1.3 (CIN `Sex`, N00783, rules 4180
 * and 8750) and §2.1 (SSDA903 SEX, rule 101). Not in cin-census-2024.xsd, which predates it.
 */
export const SEX = [
  { code: 'M', label: 'Male' },
  { code: 'F', label: 'Female' },
  {
    code: 'U',
    label: 'Unknown',
    note: 'Must be used for an unborn child (CIN rule 8750).',
  },
] as const satisfies CodeList;
export type SexCode = CodeOf<typeof SEX>;
export const sexCodeSchema = zodEnumOf(SEX);

/**
 * Legacy CIN GenderCurrent (N00065), replaced by SEX from 2024-25; kept to read records and returns
 * made before then. SSDA903 SEX used 1 and 2 until 2023-24. Source: cin-census-2024.xsd
 * `gendertype`; standards.md §1.3.
 */
export const LEGACY_GENDER_CURRENT = [
  { code: '1', label: 'Male', until: '2023-24' },
  { code: '2', label: 'Female', until: '2023-24' },
  { code: '0', label: 'Not recorded or unborn', until: '2023-24' },
  { code: '9', label: 'Indeterminate', until: '2023-24' },
] as const satisfies CodeList;
export type LegacyGenderCurrentCode = CodeOf<typeof LEGACY_GENDER_CURRENT>;
export const legacyGenderCurrentCodeSchema = zodEnumOf(LEGACY_GENDER_CURRENT);

/**
 * Disability. Source: cin-census-2024.xsd `disabilitytype`; standards.md §1.3 (rules 8540, 8790:
 * NONE cannot be combined with another code; 8794: no duplicates).
 */
export const DISABILITY = [
  { code: 'NONE', label: 'No disability', note: 'Cannot be recorded with any other disability (rule 8790).' },
  { code: 'MOB', label: 'Mobility' },
  { code: 'HAND', label: 'Hand function' },
  { code: 'PC', label: 'Personal care' },
  { code: 'INC', label: 'Incontinence' },
  { code: 'COMM', label: 'Communication' },
  { code: 'LD', label: 'Learning' },
  { code: 'HEAR', label: 'Hearing' },
  { code: 'VIS', label: 'Vision' },
  { code: 'BEH', label: 'Behaviour' },
  { code: 'CON', label: 'Consciousness' },
  { code: 'AUT', label: 'Autism' },
  { code: 'DDA', label: 'Other' },
] as const satisfies CodeList;
export type DisabilityCode = CodeOf<typeof DISABILITY>;
export const disabilityCodeSchema = zodEnumOf(DISABILITY);

/**
 * Reason the UPN is not known. Source: cin-census-2024.xsd `unknownupntype` (UN1-UN7);
 * standards.md §1.3 and §2.3. SSDA903 accepts only UN1-UN5 (rule 168): see SSDA903_UPN_UNKNOWN_CODES.
 */
export const UPN_UNKNOWN = [
  { code: 'UN1', label: 'Not of school age and has not yet been given a UPN' },
  { code: 'UN2', label: 'Has never attended a maintained school in England' },
  { code: 'UN3', label: 'Educated outside England' },
  { code: 'UN4', label: 'Newly looked after and the UPN is not yet known' },
  { code: 'UN5', label: 'Records do not match (name or date of birth), so the UPN cannot be reliably identified' },
  {
    code: 'UN6',
    label: 'UN6 (CIN census only; DfE description to be confirmed)',
    note: 'In the CIN XSD but its meaning was not found in Lantern\'s sources (standards.md §1.3).',
  },
  { code: 'UN7', label: 'Referral with no further action', note: 'CIN census only (rule 8772).' },
] as const satisfies CodeList;
export type UpnUnknownCode = CodeOf<typeof UPN_UNKNOWN>;
export const upnUnknownCodeSchema = zodEnumOf(UPN_UNKNOWN);
/** The UPN unknown codes the SSDA903 return accepts (rule 168). */
export const SSDA903_UPN_UNKNOWN_CODES = ['UN1', 'UN2', 'UN3', 'UN4', 'UN5'] as const satisfies readonly UpnUnknownCode[];

/**
 * Source of referral (ReferralSource, N00152). Source: cin-census-2024.xsd `referralsourcetype`;
 * standards.md §1.3 (rule 8866). Annex A List 1 contact source uses the same codes.
 */
export const REFERRAL_SOURCE = [
  { code: '1A', label: 'Individual – family member, relative or carer' },
  { code: '1B', label: 'Individual – acquaintance (including neighbours and child minders)' },
  { code: '1C', label: 'Individual – self' },
  { code: '1D', label: 'Individual – other (including strangers and MPs)' },
  { code: '2A', label: 'Schools' },
  { code: '2B', label: 'Education services' },
  { code: '3A', label: 'Health – GP' },
  { code: '3B', label: 'Health – health visitor' },
  { code: '3C', label: 'Health – school nurse' },
  { code: '3D', label: 'Health – other primary health services' },
  { code: '3E', label: 'Health – A&E' },
  { code: '3F', label: 'Health – other (for example hospice)' },
  { code: '4', label: 'Housing (local authority housing or housing association)' },
  { code: '5A', label: 'LA services – social care (for example adult social care)' },
  { code: '5B', label: 'LA services – other internal (for example youth offending, not housing)' },
  { code: '5C', label: 'LA services – external (for example another local authority\'s adult social care)' },
  { code: '5D', label: 'LA services – early help', from: '2022-23' },
  { code: '6', label: 'Police' },
  { code: '7', label: 'Other legal agency (courts, probation, immigration, CAFCASS, prison)' },
  { code: '8', label: 'Other (children\'s centres, independent providers, voluntary organisations)' },
  { code: '9', label: 'Anonymous' },
  { code: '10', label: 'Unknown' },
] as const satisfies CodeList;
export type ReferralSourceCode = CodeOf<typeof REFERRAL_SOURCE>;
export const referralSourceCodeSchema = zodEnumOf(REFERRAL_SOURCE);

/**
 * Primary need (PrimaryNeedCode, N00101). Source: cin-census-2024.xsd `primaryneedcodetype`;
 * standards.md §1.3 (rules 8610, 8650). SSDA903 uses N1-N8 only: see CATEGORY_OF_NEED in ssda903.ts.
 */
export const PRIMARY_NEED = [
  { code: 'N1', label: 'Abuse or neglect' },
  { code: 'N2', label: 'Child\'s disability' },
  { code: 'N3', label: 'Parental disability or illness' },
  { code: 'N4', label: 'Family in acute stress' },
  { code: 'N5', label: 'Family dysfunction' },
  { code: 'N6', label: 'Socially unacceptable behaviour' },
  { code: 'N7', label: 'Low income' },
  { code: 'N8', label: 'Absent parenting' },
  { code: 'N9', label: 'Cases other than children in need' },
  { code: 'N0', label: 'Not stated' },
] as const satisfies CodeList;
export type PrimaryNeedCode = CodeOf<typeof PRIMARY_NEED>;
export const primaryNeedCodeSchema = zodEnumOf(PRIMARY_NEED);

/**
 * Reason a CIN episode closed (ReasonForClosure, N00103). Source: cin-census-2024.xsd
 * `reasonforclosuretype`; standards.md §1.3 (rule 8640).
 */
export const CIN_CLOSURE_REASON = [
  { code: 'RC1', label: 'Adopted' },
  { code: 'RC2', label: 'Died' },
  { code: 'RC3', label: 'Child arrangements order' },
  { code: 'RC4', label: 'Special guardianship order' },
  { code: 'RC5', label: 'Transferred to services of another local authority' },
  { code: 'RC6', label: 'Transferred to adult social care services' },
  { code: 'RC7', label: 'Services ceased for any other reason, including child no longer in need' },
  { code: 'RC8', label: 'Case closed after assessment, no further action' },
  { code: 'RC9', label: 'Case closed after assessment, referred to early help', from: '2022-23' },
] as const satisfies CodeList;
export type CinClosureReasonCode = CodeOf<typeof CIN_CLOSURE_REASON>;
export const cinClosureReasonCodeSchema = zodEnumOf(CIN_CLOSURE_REASON);

/**
 * Factors identified at assessment (AssessmentFactors, N00181). Source: cin-census-2024.xsd
 * `assessmentfactorstype` (42 codes; standards.md §1.3 says 41 but lists 42); standards.md §1.3
 * (rule 8869: 21 must stand alone; 8898: no duplicates). The older 18A / 19A are left out: the
 * 2024 XSD no longer lists them and rules 8945Q / 8950Q query their use (standards.md §1.2).
 */
export const ASSESSMENT_FACTORS = [
  { code: '1A', label: 'Alcohol misuse by the child' },
  { code: '1B', label: 'Alcohol misuse by parent(s) or carer(s)' },
  { code: '1C', label: 'Alcohol misuse by another person in the household' },
  { code: '2A', label: 'Drug misuse by the child' },
  { code: '2B', label: 'Drug misuse by parent(s) or carer(s)' },
  { code: '2C', label: 'Drug misuse by another person in the household' },
  { code: '3A', label: 'Domestic violence: the child is the subject' },
  { code: '3B', label: 'Domestic violence: parent(s) or carer(s) are the subject' },
  { code: '3C', label: 'Domestic violence: another person in the household is the subject' },
  { code: '4A', label: 'Mental health of the child' },
  { code: '4B', label: 'Mental health of parent(s) or carer(s)' },
  { code: '4C', label: 'Mental health of another person in the family or household' },
  { code: '5A', label: 'Learning disability of the child' },
  { code: '5B', label: 'Learning disability of parent(s) or carer(s)' },
  { code: '5C', label: 'Learning disability of another person in the family or household' },
  { code: '6A', label: 'Physical disability or illness of the child' },
  { code: '6B', label: 'Physical disability or illness of parent(s) or carer(s)' },
  { code: '6C', label: 'Physical disability or illness of another person in the family or household' },
  { code: '7A', label: 'Young carer' },
  { code: '8B', label: 'Privately fostered – overseas child intending to return' },
  { code: '8C', label: 'Privately fostered – overseas child intending to stay' },
  { code: '8D', label: 'Privately fostered – UK child in an educational placement' },
  { code: '8E', label: 'Privately fostered – UK child making an alternative family arrangement' },
  { code: '8F', label: 'Privately fostered – other' },
  { code: '9A', label: 'Unaccompanied asylum-seeking child' },
  { code: '10A', label: 'Going or being missing' },
  { code: '11A', label: 'Child sexual exploitation' },
  { code: '12A', label: 'Trafficking' },
  { code: '13A', label: 'Gangs' },
  { code: '14A', label: 'Socially unacceptable behaviour' },
  { code: '15A', label: 'Self-harm' },
  { code: '16A', label: 'Neglect' },
  { code: '17A', label: 'Emotional abuse' },
  { code: '18B', label: 'Physical abuse – child on child' },
  { code: '18C', label: 'Physical abuse – adult on child' },
  { code: '19B', label: 'Sexual abuse – child on child' },
  { code: '19C', label: 'Sexual abuse – adult on child' },
  { code: '20', label: 'Other' },
  { code: '21', label: 'No factors identified', note: 'Cannot be recorded with any other factor (rule 8869).' },
  { code: '22A', label: 'Female genital mutilation (FGM)' },
  { code: '23A', label: 'Abuse linked to faith or belief' },
  { code: '24A', label: 'Child criminal exploitation', from: '2022-23' },
] as const satisfies CodeList;
export type AssessmentFactorCode = CodeOf<typeof ASSESSMENT_FACTORS>;
export const assessmentFactorCodeSchema = zodEnumOf(ASSESSMENT_FACTORS);

/**
 * Category of abuse on a child protection plan (InitialCategoryOfAbuse N00113,
 * LatestCategoryOfAbuse N00114). Source: cin-census-2024.xsd `categoryofabuse`; standards.md §1.3
 * (rules 8905, 8910).
 */
export const CATEGORY_OF_ABUSE = [
  { code: 'NEG', label: 'Neglect' },
  { code: 'PHY', label: 'Physical abuse' },
  { code: 'SAB', label: 'Sexual abuse' },
  { code: 'EMO', label: 'Emotional abuse' },
  { code: 'MUL', label: 'Multiple/not recommended' },
] as const satisfies CodeList;
export type CategoryOfAbuseCode = CodeOf<typeof CATEGORY_OF_ABUSE>;
export const categoryOfAbuseCodeSchema = zodEnumOf(CATEGORY_OF_ABUSE);
