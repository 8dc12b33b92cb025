// After an SSDA903 import, the file beside Lantern's own return for the same year (decision 0040), as
// differences.ts does for the CIN census: every Header, Episodes and Reviews value the file gave that
// Lantern now holds differently is listed (a MOTHER Lantern derives from the baby's record, a UPN
// reason, an episode's RNE that the changes it records do not give). Only what both hold is compared:
// what is missing from Lantern was rejected, and is in the rejected list already.
import type { Ssda903Child } from '../ssda903/model.ts';
import type { Difference } from './differences.ts';

/** Said of an item Lantern does not hold (decision 0030's blank list; the match, not imported). */
export const NOT_HELD = 'not held by Lantern';

const shown = (value: unknown): string => (value === null || value === undefined || value === '' ? 'not given' : String(value));

function compare<T extends object>(out: Difference[], laChildId: string, where: string, file: T, lantern: T, items: Partial<Record<keyof T, string>>): void {
  for (const [key, item] of Object.entries(items) as [keyof T, string][]) {
    const a = shown(file[key]);
    const b = shown(lantern[key]);
    if (a !== b) out.push({ laChildId, where, item, inFile: a, inLantern: b });
  }
}

export function differences903(fileChildren: readonly Ssda903Child[], lanternChildren: readonly Ssda903Child[]): Difference[] {
  const lantern = new Map(lanternChildren.map((c) => [c.child, c]));
  const out: Difference[] = [];
  for (const file of fileChildren) {
    const held = file.child ? lantern.get(file.child) : undefined;
    if (!held || !file.child) continue;
    const id = file.child;
    compare(out, id, 'Header', file, held, { sex: 'SEX', dob: 'DOB', ethnic: 'ETHNIC', upn: 'UPN', mother: 'MOTHER', mcDob: 'MC_DOB' });
    const episodes = new Map(held.episodes.map((e) => [e.decom, e]));
    for (const e of file.episodes) {
      const h = episodes.get(e.decom);
      if (h) compare(out, id, `Episode ${e.decom}`, e, h, { rne: 'RNE', ls: 'LS', cin: 'CIN', place: 'PLACE', placeProvider: 'PLACE_PROVIDER', dec: 'DEC', rec: 'REC', reasonPlaceChange: 'REASON_PLACE_CHANGE', homePost: 'HOME_POST', plPost: 'PL_POST', urn: 'URN' });
    }
    const reviews = new Map(held.reviews.map((r) => [r.review, r]));
    for (const r of file.reviews) {
      const h = reviews.get(r.review);
      if (h) compare(out, id, `Review ${r.review}`, r, h, { reviewCode: 'REVIEW_CODE' });
    }
    moreTables(out, id, file, held);
  }
  return out;
}

/** The tables beside Header, Episodes and Reviews, each row matched on the day it began. */
function moreTables(out: Difference[], id: string, file: Ssda903Child, held: Ssda903Child): void {
  if (file.uasc && held.uasc) compare(out, id, 'UASC', file, held, { duc: 'DUC' });
  const byDay = <T, K extends keyof T>(list: readonly T[], key: K) => new Map(list.map((x) => [x[key], x]));
  const rows = <T extends object, K extends keyof T>(where: string, fileRows: readonly T[], heldRows: readonly T[], key: K, items: Partial<Record<keyof T, string>>) => {
    const h = byDay(heldRows, key);
    for (const r of fileRows) {
      const match = h.get(r[key]);
      if (match) compare(out, id, `${where} ${String(r[key])}`, r, match, items);
    }
  };
  rows('Missing', file.missing, held.missing, 'misStart', { missing: 'MISSING', misEnd: 'MIS_END' });
  rows('PlacedAdoption', file.placedAdoption, held.placedAdoption, 'datePlaced', { datePlacedCeased: 'DATE_PLACED_CEASED', reasonPlacedCeased: 'REASON_PLACED_CEASED' });
  rows('SWEpisodes', file.swEpisodes, held.swEpisodes, 'swDecom', { swId: 'SW_ID', swDec: 'SW_DEC', swReason: 'SW_REASON' });
  rows('DoLo', file.dolo, held.dolo, 'doloStart', { doloEnd: 'DOLO_END' });
  if (file.prevPerm && held.prevPerm) compare(out, id, 'PrevPerm', file.prevPerm, held.prevPerm, { prevPerm: 'PREV_PERM', laPerm: 'LA_PERM', datePerm: 'DATE_PERM' });
  if (file.oc3 && held.oc3) compare(out, id, 'OC3', file.oc3, held.oc3, { inTouch: 'IN_TOUCH', activ: 'ACTIV', accom: 'ACCOM' });
  if (file.ad1 && held.ad1) compare(out, id, 'AD1', file.ad1, held.ad1, { dateInt: 'DATE_INT', fosterCare: 'FOSTER_CARE' });
  if (file.ad1) {
    // The match and the adopters: Lantern keeps them with the adopters' household, which the return does not describe.
    const notHeld: [keyof typeof file.ad1, string][] = [['dateMatch', 'DATE_MATCH'], ['nbAdoptr', 'NB_ADOPTR'], ['sexAdoptr', 'SEX_ADOPTR'], ['lsAdoptr', 'LS_ADOPTR']];
    for (const [key, item] of notHeld) if (file.ad1[key] !== null) out.push({ laChildId: id, where: 'AD1', item, inFile: shown(file.ad1[key]), inLantern: NOT_HELD });
  }
}
