// How far a placement is from the child's home, and whether it is in the council's area: from the
// centroids of the two postcodes (SSDA903 PL_DISTANCE, PL_LOCATION; seed PS-03). A full postcode's
// own centroid is used where the directory has it, otherwise its outward code's (district) centroid.
// Where either is unknown the distance is left blank: never guessed.
import type { Db } from '../db/history.ts';
import { centroidsOf, ownCouncilCode } from './repository.ts';

/** "bw1 2ab" → "BW1 2AB"; null when it is not the shape of a UK postcode. */
export function normalisePostcode(text: string): string | null {
  const compact = text.toUpperCase().replace(/\s+/g, '');
  const match = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/.exec(compact);
  return match ? `${match[1]} ${match[2]}` : null;
}

export const outwardCode = (postcode: string) => postcode.split(' ')[0] as string;

const EARTH_RADIUS_MILES = 3958.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in miles between two points (haversine), to one decimal place. */
export function milesBetween(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h))) * 10) / 10;
}

export interface PlacementLocation {
  distanceMiles: number | null;
  hostCouncil: string | null;
  inCouncilArea: boolean | null;
}

/** Where a placement is, from its postcode and the child's home postcode (either may be missing). */
export async function locatePlacement(db: Db, homePostcode: string | null, placementPostcode: string | null): Promise<PlacementLocation> {
  if (!placementPostcode) return { distanceMiles: null, hostCouncil: null, inCouncilArea: null };
  const keys = [placementPostcode, outwardCode(placementPostcode), ...(homePostcode ? [homePostcode, outwardCode(homePostcode)] : [])];
  const [rows, own] = await Promise.all([centroidsOf(db, keys), ownCouncilCode(db)]);
  const find = (postcode: string) => rows.find((r) => r.postcode === postcode) ?? rows.find((r) => r.postcode === outwardCode(postcode));
  const placed = find(placementPostcode);
  const home = homePostcode ? find(homePostcode) : undefined;
  return {
    distanceMiles: placed && home ? milesBetween(home, placed) : null,
    hostCouncil: placed?.council_name ?? null,
    inCouncilArea: placed && own ? placed.council_code === own : null,
  };
}
