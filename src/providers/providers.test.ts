// The providers register (decision 0077): Ofsted's lists read as DfE's validator reads them, loaded by
// whoever makes the returns (audited, every row not taken reported, loading again changes nothing), a
// placement's URN checked against it, and migration 0072 on a database from before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createTestDatabase } from '../../test/support/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { migrations } from '../db/migrations/index.ts';
import { childrensHomesList, socialCareProvidersList } from './example-lists.ts';
import { readOfstedLists, UnreadableList } from './read-ofsted.ts';
import { checkPlacementUrn, loadOfstedLists, providerRegister } from './register.ts';
import { RuleBroken } from '../server/errors.ts';

const lists = async () => [
  { fileName: 'childrens_homes.xlsx', bytes: await childrensHomesList() },
  { fileName: 'social_care_providers.xlsx', bytes: await socialCareProvidersList() },
];

describe('reading Ofsted’s provider lists', () => {
  it('takes each provider’s URN, placement types, provider codes, postcode, local authority and dates from either list', async () => {
    const { providers, rejected } = await readOfstedLists(await lists());
    const by = new Map(providers.map((p) => [p.urn, p]));
    expect([...by.keys()].sort()).toEqual(['2600002', 'SC500001', 'SC500002', 'SC600001', 'SC600009']);
    expect(by.get('SC500001')).toMatchObject({ name: 'Oakwood House', placementCodes: ['K2'], providerCodes: ['PR4'], postcode: 'BW1 1AA', localAuthority: 'Brightwater', registeredOn: '2012-05-01', closedOn: null, list: 'children_homes' });
    // "PR1/PR2" is two codes, as the validator splits it; a lower-case postcode is written as Ofsted's own.
    expect(by.get('SC500002')).toMatchObject({ providerCodes: ['PR1', 'PR2'], postcode: 'KQ2 2BB', registeredOn: '2015-09-01', closedOn: '2025-10-31' });
    expect(by.get('SC600001')).toMatchObject({ placementCodes: ['U4', 'U5', 'U6'], list: 'social_care_providers' });
    // The closed providers' sheet gives the deregistration date (REG_END).
    expect(by.get('SC600009')).toMatchObject({ closedOn: '2024-06-30', providerCodes: ['PR5'] });
    expect(rejected).toEqual([
      { file: 'childrens_homes.xlsx', sheet: 'Provider information', row: 4, urn: 'SC5X0003', reason: 'The URN is not Ofsted’s shape (SC and 6 digits, or 6 or 7 digits)' },
      { file: 'childrens_homes.xlsx', sheet: 'Provider information', row: 5, urn: 'SC500004', reason: 'The closed date “31/02/2025” is not a date' },
      { file: 'social_care_providers.xlsx', sheet: 'Current providers', row: 4, urn: 'SC600003', reason: 'The postcode “NOT KNOWN” is not a UK postcode' },
    ]);
  });

  it('refuses a workbook that is not one of Ofsted’s lists, naming the column it lacks', async () => {
    const noCodes = await childrensHomesList();
    await expect(readOfstedLists([{ fileName: 'notes.xlsx', bytes: Buffer.from('not a workbook') }])).rejects.toThrow(UnreadableList);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRows([['URN', 'Local authority', 'Setting postcode'], ['SC700001', 'Brightwater', 'BW1 1AA']]);
    const bytes = Buffer.from(await book.xlsx.writeBuffer());
    await expect(readOfstedLists([{ fileName: 'partial.xlsx', bytes }])).rejects.toThrow('partial.xlsx, sheet “Sheet1”: no “Placement provider code” column');
    expect(noCodes.length).toBeGreaterThan(0);
  });
});

describe('loading the register and checking a placement’s URN', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.handle.db.insertInto('postcode_centroid').values([
      { postcode: 'BW1', latitude: 50.8, longitude: -1.1, council_code: 'E0900001', council_name: 'Brightwater' },
      { postcode: 'KQ2 2BB', latitude: 51, longitude: -1.4, council_code: 'E0900002', council_name: 'Kestrelford' },
    ]).execute();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('with no list loaded, any URN is taken and the rules that need the lists are not run', async () => {
    await expect(checkPlacementUrn(app.handle.db, 'SC999999', '2026-06-01')).resolves.toBeUndefined();
    expect(await providerRegister(app.handle.db)).toBeUndefined();
  });

  it('only whoever makes the returns may load the lists', async () => {
    for (const who of ['worker', 'admin'] as const) {
      const agent = await app.signIn(who);
      expect((await agent.get('/returns/providers')).statusCode).toBe(403);
    }
  });

  it('an analyst loads both lists: the register holds them with the council from each postcode, the load is audited, and loading again changes nothing', async () => {
    const analyst = await app.signIn('analyst');
    const boundary = '----lantern-providers';
    const part = (name: string, file: { fileName: string; bytes: Buffer }) =>
      Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`), file.bytes, Buffer.from('\r\n')]);
    const body = async () => Buffer.concat([...(await lists()).map((f) => part('workbooks', f)), Buffer.from(`--${boundary}--\r\n`)]);
    const first = await analyst.postText!('/returns/providers', await body(), `multipart/form-data; boundary=${boundary}`);
    expect(first.statusCode).toBe(303);
    const page = await analyst.get(first.headers['location'] as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The closed date “31/02/2025” is not a date');
    const register = await providerRegister(app.handle.db);
    expect(register?.byUrn.size).toBe(5);
    // The council from the postcode directory: a full postcode's, else its district's (BW1).
    expect(register?.byUrn.get('SC500001')).toMatchObject({ councilCode: 'E0900001', councilName: 'Brightwater' });
    expect(register?.byUrn.get('SC500002')).toMatchObject({ councilCode: 'E0900002', councilName: 'Kestrelford' });
    expect(register?.byUrn.get('SC600001')).toMatchObject({ councilCode: null });
    const audit = await app.handle.db.selectFrom('audit_log').select(['action', 'object_type']).where('object_type', '=', 'ofsted-provider-list').execute();
    expect(audit).toEqual([{ action: 'create', object_type: 'ofsted-provider-list' }]);

    const again = await analyst.postText!('/returns/providers', await body(), `multipart/form-data; boundary=${boundary}`);
    expect(again.statusCode).toBe(303);
    const after = await providerRegister(app.handle.db);
    expect([...after!.byUrn.values()].map(({ urn, councilCode, closedOn }) => ({ urn, councilCode, closedOn }))).toEqual([...register!.byUrn.values()].map(({ urn, councilCode, closedOn }) => ({ urn, councilCode, closedOn })));
  });

  it('refuses a load with no files, and one that is not Ofsted’s list, with the reason on the page', async () => {
    const analyst = await app.signIn('analyst');
    const none = await analyst.upload!('/returns/providers', { field: 'other', fileName: 'x.txt', content: 'x', type: 'text/plain' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose Ofsted’s provider lists to load');
  });

  it('once loaded, a placement’s URN must be on the lists and the provider open when the placement started', async () => {
    await expect(checkPlacementUrn(app.handle.db, 'SC500001', '2026-06-01')).resolves.toBeUndefined();
    await expect(checkPlacementUrn(app.handle.db, 'XXXXXXX', '2026-06-01')).resolves.toBeUndefined();
    await expect(checkPlacementUrn(app.handle.db, 'SC999999', '2026-06-01')).rejects.toThrow(/URN SC999999 is not on Ofsted’s lists of providers loaded on .*leave the URN blank/);
    await expect(checkPlacementUrn(app.handle.db, 'SC500002', '2025-10-31')).rejects.toThrow(RuleBroken);
    await expect(checkPlacementUrn(app.handle.db, 'SC500002', '2025-10-30')).resolves.toBeUndefined();
  });
});

describe('migration 0072 on a database from before it', () => {
  it('adds the empty register and its loads', async () => {
    const handle = await createTestDatabase({ empty: true });
    try {
      await migrateToLatest(handle.db, Object.fromEntries(Object.entries(migrations).filter(([n]) => n < '0072')));
      const ran = await migrateToLatest(handle.db, migrations);
      expect(ran).toBeDefined();
      expect(await handle.db.selectFrom('ofsted_provider').selectAll().execute()).toEqual([]);
      expect(await handle.db.selectFrom('ofsted_provider_load').selectAll().execute()).toEqual([]);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
