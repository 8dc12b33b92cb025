// After an SSDA903 import, the file beside Lantern's own return for the same year (decision 0040), as
// differences.ts does for the CIN census: every Header, Episodes and Reviews value the file gave that
// Lantern now holds differently is listed (a MOTHER Lantern derives from the baby's record, a UPN
// reason, an episode's RNE that the changes it records do not give). Only what both hold is compared:
// what is missing from Lantern was rejected, and is in the rejected list already.
import type { Ssda903Child } from '../ssda903/model.ts';
import type { Difference } from './differences.ts';

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
  }
  return out;
}
