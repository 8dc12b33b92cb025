// Lantern's record to the CIN census's codes, in one place (decision 0028). Most of Lantern's code
// lists already are the census's (src/codes/cin-census.ts): ethnicity, disability, referral source,
// primary need, reason for closure, assessment factors and category of abuse are stored as census
// codes, so they pass through unchanged and a code the census does not know is left for the
// validation rules to name (4220, 8540, 8866, 8650, 8640, 8905/8910), never silently replaced.
// What Lantern records differently is mapped here.
import { SEX, codesOf } from '../../codes/index.ts';

const SEX_CODES: readonly string[] = codesOf(SEX);

/** GenderCurrent codes from before 2024-25 (a record imported from an older system). */
const LEGACY_GENDER_TO_SEX: Record<string, string> = { '1': 'M', '2': 'F', '0': 'U', '9': 'U' };

/**
 * Sex (N00783, from 2024-25). Lantern keeps M/F/U; an older GenderCurrent code is translated; an
 * unborn child is always U (rule 8750). Not recorded is U: the census's "unknown", which rule 2886Q
 * counts.
 */
export function censusSex(sex: string | null, unborn: boolean): string {
  if (unborn) return 'U';
  if (sex && SEX_CODES.includes(sex)) return sex;
  if (sex && LEGACY_GENDER_TO_SEX[sex]) return LEGACY_GENDER_TO_SEX[sex];
  return sex ?? 'U';
}

/** Ethnicity (N00177): not yet recorded is the census's NOBT, "information not yet obtained". */
export function censusEthnicity(ethnicity: string | null): string {
  if (ethnicity === null || ethnicity.trim() === '') return 'NOBT';
  return ethnicity;
}

/** The census's yes/no type (yesnotype): Lantern's booleans as true/false. */
export const censusYesNo = (value: boolean): 'true' | 'false' => (value ? 'true' : 'false');

/**
 * UPNunknown (N00135): Lantern does not record a reason the UPN is missing, so it is derived where
 * the record shows it: UN7 when every referral in the return was a referral with no further action
 * (rule 8772's meaning); UN1 for a child not yet of school age (under 5 on the reference date, or
 * unborn). Otherwise nothing, and rule 8770Q asks for the UPN.
 */
export function censusUpnUnknown(child: { upn: string | null; birthDate: string | null; unborn: boolean; allNfa: boolean }, referenceDate: string): string | null {
  if (child.upn) return null;
  if (child.allNfa) return 'UN7';
  if (child.unborn) return 'UN1';
  if (child.birthDate && ageOn(child.birthDate, referenceDate) < 5) return 'UN1';
  return null;
}

/** Whole years between a date of birth and a day. */
export function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * AssessmentAuthorisationDate (N00160) is the day the assessment was completed: the manager's
 * authorisation where Lantern has one, otherwise the day the worker completed it.
 */
export const censusAssessmentEnd = (a: { completed_on: string | null; authorised_on: string | null }): string | null =>
  a.authorised_on ?? a.completed_on;

/**
 * PPOutcome (N00833, code set CS131): A, B or C. DfE's meanings were not found (policy-2026.md §2.5),
 * so the mapping is Lantern's reading, in this one place (decision 0032): A the step up (care
 * proceedings to be issued) and B the step down, in the order rule 9009's message names them ("step
 * up or down"); C, some other end, is never sent: Lantern's pre-proceedings end one of the two ways.
 */
export const PP_OUTCOME: Record<string, string> = { issue_proceedings: 'A', step_down: 'B' };
export const censusPpOutcome = (outcome: string | null): string | null => (outcome ? (PP_OUTCOME[outcome] ?? null) : null);

/** Module 5's yes/no items as 1/0: the validator's 9010Q reads the offer as "1" (policy-2026.md §2.5). */
export const censusOneZero = (value: boolean | null): '1' | '0' | null => (value === null ? null : value ? '1' : '0');

/** ICPCnotRequired (N00111): the enquiry ended without a conference. */
export const censusIcpcNotRequired = (outcome: string | null): boolean => outcome === 'NO_CONFERENCE';
