// Reading the ONS Postcode Directory (ONSPD) into postcode centroids: each live full postcode with its
// latitude, longitude and the council that holds children's services there, and each district (outward
// code) at the mean of its postcodes, for placements recorded with only a district (decision 0010).
// The directory's column names change between releases (oslaua, then lad25cd …), so columns are found
// by the names each release has used.
import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { normalisePostcode, outwardCode } from './distance.ts';

export interface Centroid {
  postcode: string;
  latitude: number;
  longitude: number;
  councilCode: string;
  councilName: string;
}

/** The ONSPD's stand-in for "no county" (a unitary, metropolitan or London authority) and for "no grid
 *  reference" (a postcode with no coordinates). */
const NO_COUNTY = /^[EWSN]99999999$/;
const NO_LATITUDE = 99.999999;

const find = (header: readonly string[], ...patterns: RegExp[]) => {
  for (const pattern of patterns) {
    const index = header.findIndex((name) => pattern.test(name.trim()));
    if (index >= 0) return index;
  }
  return -1;
};

/** Where each field is in a directory (or a names lookup) header; throws naming what is missing. */
function columnsOf(header: readonly string[]) {
  const columns = {
    postcode: find(header, /^pcds$/i, /^pcd8$/i, /^pcd2$/i, /^pcd7?$/i),
    terminated: find(header, /^doterm$/i),
    county: find(header, /^oscty$/i, /^cty\d\dcd$/i),
    district: find(header, /^oslaua$/i, /^lad\d\dcd$/i),
    latitude: find(header, /^lat$/i),
    longitude: find(header, /^long$/i, /^lon$/i),
  };
  const missing = Object.entries(columns).filter(([name, index]) => index < 0 && name !== 'county' && name !== 'terminated');
  if (missing.length) throw new Error(`This is not an ONS Postcode Directory file: no ${missing.map(([name]) => name).join(', ')} column`);
  return columns;
}

/**
 * The centroids in a directory CSV. Children's services belong to the upper tier: in a two-tier area the
 * county (oscty), elsewhere the district, unitary or borough (oslaua). Terminated postcodes and those
 * with no grid reference are left out; a district's centroid is the mean of its live postcodes.
 * `names` maps an authority code to its name (from the directory's lookup files); codes stand for
 * themselves where no name is known.
 */
export async function readPostcodeDirectory(input: Readable, names: ReadonlyMap<string, string> = new Map()): Promise<{ postcodes: Centroid[]; districts: Centroid[] }> {
  const postcodes: Centroid[] = [];
  const districts = new Map<string, { latitude: number; longitude: number; n: number; councils: Map<string, number> }>();
  let columns: ReturnType<typeof columnsOf> | null = null;
  for await (const record of input.pipe(parse({ relax_column_count: true, skip_empty_lines: true, bom: true })) as AsyncIterable<string[]>) {
    if (!columns) {
      columns = columnsOf(record);
      continue;
    }
    if (columns.terminated >= 0 && record[columns.terminated]?.trim()) continue;
    const postcode = normalisePostcode(record[columns.postcode] ?? '');
    const latitude = Number(record[columns.latitude]);
    const longitude = Number(record[columns.longitude]);
    if (!postcode || !Number.isFinite(latitude) || !Number.isFinite(longitude) || latitude === NO_LATITUDE) continue;
    const county = columns.county >= 0 ? (record[columns.county] ?? '').trim() : '';
    const councilCode = county && !NO_COUNTY.test(county) ? county : (record[columns.district] ?? '').trim();
    if (!councilCode) continue;
    postcodes.push({ postcode, latitude, longitude, councilCode, councilName: names.get(councilCode) ?? councilCode });
    const district = districts.get(outwardCode(postcode)) ?? { latitude: 0, longitude: 0, n: 0, councils: new Map<string, number>() };
    district.latitude += latitude;
    district.longitude += longitude;
    district.n += 1;
    district.councils.set(councilCode, (district.councils.get(councilCode) ?? 0) + 1);
    districts.set(outwardCode(postcode), district);
  }
  if (!columns) throw new Error('The file is empty');
  return {
    postcodes,
    // A district that straddles a boundary is given to the council holding most of its postcodes.
    districts: [...districts].map(([postcode, d]) => {
      const councilCode = [...d.councils].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
      return { postcode, latitude: round(d.latitude / d.n), longitude: round(d.longitude / d.n), councilCode, councilName: names.get(councilCode) ?? councilCode };
    }),
  };
}

const round = (degrees: number) => Math.round(degrees * 1e6) / 1e6;

/** Authority names from one of the directory's lookup CSVs (e.g. "LA_UA names and codes", "County
 *  names and codes"): the first column named like a code (…CD) and the first named like a name (…NM). */
export async function readAuthorityNames(input: Readable, into = new Map<string, string>()): Promise<Map<string, string>> {
  let code = -1;
  let name = -1;
  let first = true;
  for await (const record of input.pipe(parse({ relax_column_count: true, skip_empty_lines: true, bom: true })) as AsyncIterable<string[]>) {
    if (first) {
      first = false;
      code = find(record, /cd$/i);
      name = find(record, /nm$/i);
      if (code < 0 || name < 0) throw new Error('A names file needs a code column (…CD) and a name column (…NM)');
      continue;
    }
    const key = record[code]?.trim();
    const value = record[name]?.trim();
    if (key && value) into.set(key, value);
  }
  return into;
}
