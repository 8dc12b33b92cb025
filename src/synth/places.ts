// Addresses in Brightwater, a fictional town. Street and district names are made up. Postcodes use
// the area letters "BW", which is not a UK postcode area (the B… areas are B, BA, BB, BD, BH, BL,
// BN, BR, BS and BT), so no synthetic postcode can be a real one. Placements out of the area are in
// Kestrelford, postcode area "KQ" (not a UK area either: the K… areas are KA, KT, KW and KY).
import type { Random } from './random.ts';

export const TOWN = 'Brightwater';
export const OUT_OF_AREA_TOWN = 'Kestrelford';

const STREET_FIRST = [
  'Lantern', 'Kestrel', 'Harbour', 'Willowmere', 'Foxglove', 'Beacon', 'Saltmarsh', 'Heron', 'Copperbeech',
  'Juniper', 'Millstream', 'Larkspur', 'Tidewell', 'Brackenfield', 'Ferncombe', 'Gullhaven', 'Shingle',
  'Marram', 'Oystercatcher', 'Rookery', 'Samphire', 'Seacole', 'Sunhill', 'Thistledown', 'Wrenfield',
  'Ashgrove', 'Bramblewick', 'Cobblestone', 'Dovecote', 'Emberlea', 'Fairwind', 'Glasswork', 'Hollyhock',
  'Ironbridge', 'Kingfisher', 'Lighthouse', 'Meadowsweet', 'Netmakers', 'Quayside', 'Ropewalk',
] as const;
const STREET_KIND = ['Road', 'Street', 'Close', 'Way', 'Avenue', 'Lane', 'Crescent', 'Gardens', 'Row', 'Drive', 'Court', 'Walk', 'Terrace'] as const;
const DISTRICTS = ['Northgate', 'Seabrook', 'Old Town', 'Harbourside', 'Millfield', 'Eastcliff', 'Westmoor', 'Sandhurst Green', 'Beacon Hill'] as const;
const BLOCKS = ['Beacon House', 'Gull Court', 'Marram Tower', 'Quay House', 'Harbour View', 'Saltings', 'Tern Point'] as const;
// Letters used in the inward part of real postcodes (never C, I, K, M, O or V).
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export interface Street {
  name: string;
  district: string;
  postcodeDistrict: string;
}

export interface PostalAddress {
  line1: string;
  line2: string | null;
  town: string;
  postcode: string;
}

export function buildStreets(rng: Random): Street[] {
  const streets: Street[] = [];
  for (const first of STREET_FIRST) {
    for (const kind of rng.shuffle([...STREET_KIND]).slice(0, 3)) {
      const districtIndex = rng.int(0, DISTRICTS.length - 1);
      streets.push({ name: `${first} ${kind}`, district: DISTRICTS[districtIndex] as string, postcodeDistrict: `BW${districtIndex + 1}` });
    }
  }
  return streets;
}

function inward(rng: Random): string {
  return `${rng.int(1, 9)}${INWARD_LETTERS.charAt(rng.int(0, INWARD_LETTERS.length - 1))}${INWARD_LETTERS.charAt(rng.int(0, INWARD_LETTERS.length - 1))}`;
}

/** A home in Brightwater: a house on a street, or a flat in a block. */
export function homeAddress(rng: Random, streets: readonly Street[]): PostalAddress {
  const street = rng.pick(streets);
  const flat = rng.chance(0.25);
  return {
    line1: flat ? `Flat ${rng.int(1, 48)}, ${rng.pick(BLOCKS)}` : `${rng.int(1, 180)} ${street.name}`,
    line2: flat ? street.name : rng.chance(0.5) ? street.district : null,
    town: TOWN,
    postcode: `${street.postcodeDistrict} ${inward(rng)}`,
  };
}

/** Where a care leaver lives: supported lodgings, a training flat, or their own tenancy. */
export function careLeaverAddress(rng: Random, streets: readonly Street[]): PostalAddress {
  const street = rng.pick(streets);
  return {
    line1: rng.chance(0.5) ? `Room ${rng.int(1, 12)}, ${rng.int(1, 90)} ${street.name}` : `Flat ${rng.int(1, 30)}, ${rng.pick(BLOCKS)}`,
    line2: street.district,
    town: TOWN,
    postcode: `${street.postcodeDistrict} ${inward(rng)}`,
  };
}

/** A placement address (foster home or children's home), in the area or out of it. */
export function placementAddress(rng: Random, streets: readonly Street[]): PostalAddress {
  if (rng.chance(0.3)) {
    return {
      line1: `${rng.int(1, 120)} ${rng.pick(STREET_FIRST)} ${rng.pick(STREET_KIND)}`,
      line2: null,
      town: OUT_OF_AREA_TOWN,
      postcode: `KQ${rng.int(1, 6)} ${inward(rng)}`,
    };
  }
  return homeAddress(rng, streets);
}
