// Synthetic identifiers that pass the same checks as real ones (src/people/identifiers.ts).
import { nhsCheckDigit, UPN_LETTERS, upnCheckLetter } from '../people/identifiers.ts';
import type { Random } from './random.ts';

/**
 * NHS numbers start 999: NHS England reserves that range for test data, so a synthetic number can
 * never be a real patient's. Unique within one council.
 */
export function makeNhsNumber(rng: Random, used: Set<string>): string {
  for (;;) {
    const first9 = `999${String(rng.int(0, 999_999)).padStart(6, '0')}`;
    const check = nhsCheckDigit(first9);
    if (check === null) continue; // remainder 10: never issued
    const nhs = `${first9}${check}`;
    if (used.has(nhs)) continue;
    used.add(nhs);
    return nhs;
  }
}

/**
 * The LA numbers written into synthetic UPNs. A UPN must carry a real LA number to pass CIN rule
 * 1530, so Brightwater borrows some from the accepted ranges (its own schools and a neighbour's);
 * the establishment and serial digits are random, so these are not real pupils' UPNs.
 */
export const SYNTH_UPN_LA_CODES = ['873', '874', '882'] as const;

/** A UPN: check letter, LA, establishment, two-digit year of allocation, serial. A few are temporary. */
export function makeUpn(rng: Random, yearAllocated: number, used: Set<string>, temporary = false): string {
  for (;;) {
    const la = rng.pick(SYNTH_UPN_LA_CODES);
    const establishment = String(rng.int(2000, 7999)).padStart(4, '0');
    const year = String(yearAllocated % 100).padStart(2, '0');
    const serial = temporary
      ? `${String(rng.int(0, 99)).padStart(2, '0')}${UPN_LETTERS.charAt(rng.int(0, UPN_LETTERS.length - 1))}`
      : String(rng.int(0, 999)).padStart(3, '0');
    const body = `${la}${establishment}${year}${serial}`;
    const upn = `${upnCheckLetter(body)}${body}`;
    if (used.has(upn)) continue;
    used.add(upn);
    return upn;
  }
}

/** Local child ids: "BW" and seven digits (9 characters, inside the SSDA903 XML limit of 10). */
export function laChildId(sequence: number): string {
  return `BW${String(sequence).padStart(7, '0')}`;
}
