// Validators for the national and local identifiers held on a child's record.
//
// Each validator is pure and returns either the normalised value (what Lantern stores) or a
// message written for the social worker who typed the value, not for a developer.
// Sources: /work/shared/reference/standards.md §1.1 (XSD types), §1.3-§1.5 (CIN rules 1510-1580),
// §2.1 (SSDA903 rule 168) and §4 (DfE CSC API la_child_id).

export type IdentifierResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly message: string };

const ok = (value: string): IdentifierResult => ({ ok: true, value });
const fail = (message: string): IdentifierResult => ({ ok: false, message });

// Any whitespace, because numbers pasted from letters and other systems carry non-breaking spaces.
const WHITESPACE = /\s+/g;

// ---------------------------------------------------------------------------------------------
// NHS number
// ---------------------------------------------------------------------------------------------
// 10 digits; the 10th is a modulus 11 check digit over the first 9 (weights 10 down to 2).
// standards.md has no NHS number section, so nothing beyond the check digit is enforced. Note that
// every all-same-digit number (e.g. 111 111 1111) passes modulus 11: the weights sum to 54 ≡ -1
// (mod 11), so the check digit of ddddddddd is always d. Rejecting them would be a local policy
// choice, not a standard rule, so it is left to the caller.
// Synthetic data should use the 999 prefix, which NHS England reserves for test numbers.

/**
 * The modulus 11 check digit for the first nine digits of an NHS number, or `null` when no check
 * digit exists (remainder 10: such numbers are never issued). Throws if `first9` is not 9 digits,
 * because that is a programming error, not user input.
 */
export function nhsCheckDigit(first9: string): number | null {
  if (!/^\d{9}$/.test(first9)) {
    throw new RangeError(`nhsCheckDigit needs exactly 9 digits, got "${first9}"`);
  }
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9.charAt(i)) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** Validates an NHS number; spaces are allowed in the input and removed from the value. */
export function validateNhsNumber(input: string): IdentifierResult {
  const compact = input.replace(WHITESPACE, '');
  if (compact === '') return fail('Enter the NHS number');
  if (!/^\d+$/.test(compact)) {
    return fail('NHS number can only contain numbers and spaces');
  }
  if (compact.length !== 10) {
    return fail(`NHS number must be 10 digits (this has ${compact.length})`);
  }
  const expected = nhsCheckDigit(compact.slice(0, 9));
  if (expected === null || expected !== Number(compact.charAt(9))) {
    // Both cases are almost always a typing slip, so the worker gets the same advice.
    return fail('NHS number check digit is wrong: check the number was typed correctly');
  }
  return ok(compact);
}

// ---------------------------------------------------------------------------------------------
// UPN (unique pupil number) and former UPN
// ---------------------------------------------------------------------------------------------
// standards.md §1.4 and CIN rules 1510 (check letter), 1530 (LA code), 1540 (characters 5-12
// numeric), 1550 (character 13), 1560Q (former UPN format); XSD upntype; SSDA903 rule 168.
// Layout: check letter, 3-digit LA number, 4-digit establishment number, 2-digit year,
// 3-digit serial. A temporary UPN ends in a letter instead of the last serial digit.

/** The 23 letters used for UPN check letters and temporary UPNs: A-Z without I, O and S. */
export const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * LA numbers accepted in characters 2-4 of a UPN: DfE CIN rule 1530 (2023-24), "a valid post
 * April 1998 LA code or a recognised 'pseudo LA' code". standards.md names the rule but not the
 * list; the ranges are the rule's own text as quoted in data-to-insight/csc-validator-be-cin
 * (cin_validator/rules/cin2023_24/rule_1530.py), with 942 and 943 added for 2023-24.
 */
export const UPN_LA_CODE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [1, 5], [201, 213], [301, 320], [330, 336], [340, 344], [350, 359], [370, 373], [380, 384],
  [390, 394], [420, 420], [660, 681], [701, 708], [800, 803], [805, 808], [810, 813], [815, 816],
  [820, 823], [825, 826], [830, 831], [835, 841], [845, 846], [850, 852], [855, 857], [860, 861],
  [865, 896], [908, 909], [916, 916], [919, 919], [921, 921], [925, 926], [928, 929], [931, 931],
  [933, 933], [935, 938], [940, 943],
];

/** True when a 3-digit string is an LA number rule 1530 accepts. */
export function isUpnLaCode(code: string): boolean {
  if (!/^\d{3}$/.test(code)) return false;
  const n = Number(code);
  return UPN_LA_CODE_RANGES.some(([lo, hi]) => n >= lo && n <= hi);
}

// The value of a UPN body character in the check sum: digits count as themselves; a temporary
// UPN's final letter counts as its position in UPN_LETTERS (A=0 ... Z=22), as in DfE's UPN guide.
// (standards.md §1.4 notes the CIN validator skips the check for temporary UPNs; Lantern checks it.)
function upnCharValue(ch: string): number {
  return /\d/.test(ch) ? Number(ch) : UPN_LETTERS.indexOf(ch);
}

const UPN_BODY = /^\d{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/;

/**
 * The check letter (character 1) for the 12 characters that follow it: 11 digits then a digit,
 * or a letter for a temporary UPN. Weights 2..13, sum mod 23, mapped onto UPN_LETTERS.
 * Throws if `first12` has the wrong shape, because that is a programming error.
 */
export function upnCheckLetter(first12: string): string {
  const body = first12.toUpperCase();
  if (!UPN_BODY.test(body)) {
    throw new RangeError(
      `upnCheckLetter needs 11 digits then a digit or letter (not I, O, S), got "${first12}"`,
    );
  }
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += upnCharValue(body.charAt(i)) * (i + 2);
  return UPN_LETTERS.charAt(sum % 23);
}

function validateUpnShape(input: string, name: 'UPN' | 'Former UPN'): IdentifierResult {
  const upn = input.replace(WHITESPACE, '').toUpperCase();
  if (upn === '') return fail(`Enter the ${name}`);
  if (/^UN\d$/.test(upn)) {
    // 903 files carry UN codes in the UPN column; in Lantern they are a separate field.
    return fail(
      `${upn} is a reason the UPN is not known, not a UPN: record it as the "UPN unknown" reason instead`,
    );
  }
  if (!/^[A-Z0-9]+$/.test(upn)) return fail(`${name} can only contain letters and numbers`);
  if (upn.length !== 13) {
    return fail(`${name} must be 13 characters (this has ${upn.length})`);
  }
  const first = upn.charAt(0);
  if (!/[A-Z]/.test(first)) return fail(`${name} must start with a letter`);
  if (!/^\d{11}$/.test(upn.slice(1, 12))) {
    return fail(`Characters 2 to 12 of the ${name} must all be numbers`);
  }
  if (!UPN_LETTERS.includes(first)) {
    return fail(`${name} cannot start with I, O or S: check the number was typed correctly`);
  }
  const last = upn.charAt(12);
  if (!/\d/.test(last) && !UPN_LETTERS.includes(last)) {
    return fail(`The last character of the ${name} must be a number or a letter other than I, O or S`);
  }
  const la = upn.slice(1, 4);
  if (!isUpnLaCode(la)) {
    return fail(
      `Characters 2 to 4 of the ${name} should be a local authority number, and ${la} is not one: check the number was typed correctly`,
    );
  }
  if (upnCheckLetter(upn.slice(1)) !== first) {
    return fail(`${name} check letter is wrong: check the number was typed correctly`);
  }
  return ok(upn);
}

/** Validates a UPN (permanent or temporary). Spaces are removed and letters upper-cased. */
export function validateUpn(input: string): IdentifierResult {
  return validateUpnShape(input, 'UPN');
}

/** Validates a former UPN: same format and checks as a UPN (XSD upntype, CIN rule 1560Q). */
export function validateFormerUpn(input: string): IdentifierResult {
  return validateUpnShape(input, 'Former UPN');
}

// ---------------------------------------------------------------------------------------------
// LA child ID
// ---------------------------------------------------------------------------------------------
// CIN census LAchildID (N00097): from 2024-25 at most 20 characters (rule 1570) and letters and
// digits only (rule 1580); the DfE CSC API la_child_id is ^[A-Za-z0-9]+$, max 20 (standards.md
// §1.1, §1.5, §4). The 2021 SSDA903 XML schema allowed only 1-10 characters for CHILDID
// (standards.md §2.2), so an export to that schema can pass maxLength: 10.

export const LA_CHILD_ID_MAX_LENGTH = 20;
export const SSDA903_XML_CHILD_ID_MAX_LENGTH = 10;

/**
 * Validates an LA child ID. Surrounding spaces are trimmed; case is kept because the ID is the
 * local system's own key and may be case-sensitive there.
 */
export function validateLaChildId(
  input: string,
  options: { readonly maxLength?: number } = {},
): IdentifierResult {
  const maxLength = options.maxLength ?? LA_CHILD_ID_MAX_LENGTH;
  const id = input.trim();
  if (id === '') return fail('Enter the LA child ID');
  if (!/^[A-Za-z0-9]+$/.test(id)) {
    return fail('LA child ID can only contain letters and numbers (no spaces, dashes or other symbols)');
  }
  if (id.length > maxLength) {
    return fail(`LA child ID must be ${maxLength} characters or fewer (this has ${id.length})`);
  }
  return ok(id);
}
