// Lantern's record to the SSDA903's items, where they are kept differently (decision 0030). Most
// codes are stored as the 903's own (src/codes/ssda903.ts: legal status, placement type, provider,
// reasons, participation, care leavers' codes) and pass through unchanged, so a code the return does
// not know is named by its rule, never replaced. Sex and ethnicity are mapped as for the CIN census.
import { addDays } from '../../calendar/index.ts';
import type { CollectionYear } from './year.ts';

/** School age for the UPN: 5 or over on the 31 August before the year's end (as CIN rule 8770Q, decision 0028). */
export function schoolAge(dob: string, y: { end: string }): boolean {
  const august = `${Number(y.end.slice(0, 4)) - 1}-08-31`;
  const years = Number(august.slice(0, 4)) - Number(dob.slice(0, 4)) - (august.slice(5) < dob.slice(5) ? 1 : 0);
  return years >= 5;
}

/**
 * UPN: the child's UPN; where Lantern has none, the reason is derived where the record shows it: UN1
 * for a child not of school age, UN4 for a child who came into care in the last week of the year
 * (newly looked after, UPN not yet known: rule 210's week). Otherwise blank, and rule 442 asks for it.
 */
export function upnOf(upn: string | null, dob: string | null, periods: readonly { started_on: string; ended_on: string | null }[], y: CollectionYear): string | null {
  if (upn) return upn;
  if (dob && !schoolAge(dob, y)) return 'UN1';
  const newlyInCare = periods.some((p) => (p.ended_on === null || p.ended_on > y.end) && p.started_on > addDays(y.end, -7));
  return newlyInCare ? 'UN4' : null;
}

/**
 * SW_ID: DfE wants the social worker's Social Work England number, which Lantern does not yet hold.
 * Until it does, the ID is "XX" (the validator's prefix for an ID that is not an SWE number, rule
 * SW02STG1) and the first eight characters of Lantern's id for the worker: the same worker has the
 * same ID in every year's return.
 */
export const swIdOf = (workerId: string): string => `XX${workerId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;

/** dd/mm/yyyy, the 903's date format; blank for no date. */
export const ukDate = (iso: string | null): string => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
