import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { locatePlacement } from './distance.ts';
import { readAuthorityNames, readPostcodeDirectory } from './postcode-directory.ts';
import { replaceCentroids } from './repository.ts';

// The shape of an ONSPD release (a few of its columns, in its order), with fictional postcode areas
// (BW, KQ: not UK areas) and made-up authority codes. Row 3 is terminated; row 4 has no grid reference
// (the directory's 99.999999); row 5 is in a two-tier area, so its children's services council is the
// county, not the district.
const DIRECTORY = [
  'pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,lat,long',
  'BW1 1AA,BW1  1AA,BW1 1AA,199801,,E99999999,E99999999,E09000901,E05000001,51.000000,-0.100000',
  'BW1 1AB,BW1  1AB,BW1 1AB,199801,,E99999999,E99999999,E09000901,E05000001,51.020000,-0.100000',
  'BW1 1AD,BW1  1AD,BW1 1AD,199801,200406,E99999999,E99999999,E09000901,E05000001,53.000000,-0.100000',
  'BW1 1AE,BW1  1AE,BW1 1AE,199801,,E99999999,E99999999,E09000901,E05000001,99.999999,0.000000',
  'KQ7 3ZZ,KQ7  3ZZ,KQ7 3ZZ,199801,,E10000901,E58000001,E07000901,E05000002,52.000000,-0.100000',
].join('\n');

const NAMES = ['LAD25CD,LAD25NM,LAD25NMW', 'E09000901,Borough of Brightwater,', 'E07000901,Kestrel Vale,'].join('\n');
const COUNTIES = ['CTY25CD,CTY25NM', 'E10000901,Kestrelshire'].join('\n');

describe('the ONS Postcode Directory (SSDA903 PL_DISTANCE and PL_LOCATION from postcode centroids)', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it('reads live postcodes with coordinates, the children’s services council (the county in a two-tier area) and each district’s mean', async () => {
    const names = await readAuthorityNames(Readable.from(NAMES), await readAuthorityNames(Readable.from(COUNTIES)));
    const { postcodes, districts } = await readPostcodeDirectory(Readable.from(DIRECTORY), names);
    expect(postcodes.map((p) => p.postcode)).toEqual(['BW1 1AA', 'BW1 1AB', 'KQ7 3ZZ']);
    expect(postcodes[2]).toMatchObject({ councilCode: 'E10000901', councilName: 'Kestrelshire' });
    expect(districts).toContainEqual({ postcode: 'BW1', latitude: 51.01, longitude: -0.1, councilCode: 'E09000901', councilName: 'Borough of Brightwater' });
  });

  it('refuses a file that is not the directory, naming what is missing', async () => {
    await expect(readPostcodeDirectory(Readable.from('postcode,latitude\nBW1 1AA,51'))).rejects.toThrow(/no postcode, district, latitude, longitude column/);
  });

  it('a placement 1 degree of latitude north is 69.1 miles away (2π × 3,958.8 / 360), in the county’s area', async () => {
    const { postcodes, districts } = await readPostcodeDirectory(Readable.from(DIRECTORY), await readAuthorityNames(Readable.from(COUNTIES)));
    await replaceCentroids(handle.db, [...postcodes, ...districts]);
    await handle.db.insertInto('council_setting').values({ key: 'ownCouncilCode', value: JSON.stringify('E10000901') }).execute();
    expect(await locatePlacement(handle.db, 'BW1 1AA', 'KQ7 3ZZ')).toEqual({ distanceMiles: 69.1, hostCouncil: 'Kestrelshire', inCouncilArea: true });
    // A postcode the directory does not hold falls back to its district's centroid.
    expect((await locatePlacement(handle.db, 'BW1 9XX', 'KQ7 3ZZ')).distanceMiles).toBe(68.4);
    // Loading again replaces the directory rather than adding to it.
    await replaceCentroids(handle.db, postcodes);
    expect(Number((await handle.db.selectFrom('postcode_centroid').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)).toBe(3);
  });
});
