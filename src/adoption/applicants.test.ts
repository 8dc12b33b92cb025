// Each applicant of a prospective adopter household, recorded on the household's page, in Annex A list
// 11 (one row per adopter: gender, ethnicity, disability) and in the SSDA903 and SSD adopters' sexes
// when the household's own record does not give them (decision 0055).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, textOf } from '../plans/test-helpers.ts';
import { workbookSheet } from '../returns/annex-a/test-fixture.ts';
import { adoptersSexSql } from './adopters-sex.ts';
import { sql } from 'kysely';

let t: TestApp;
let worker: Agent;
let householdId: string;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  const r = await worker.post('/adopters/new', { name: 'Jo and Femi Okafor', applicants: '2', fosteringForAdoption: 'no', adoptersSex: 'MF', adoptersLegalStatus: 'L11', ...dateFields('enquiryOn', '2026-07-06') });
  expect(r.statusCode).toBe(303);
  householdId = String(r.headers.location).split('/').at(-1)!;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the applicants of a household', () => {
  it('the page asks for each of the two applicants, none recorded yet', async () => {
    const page = textOf((await worker.get(`/adopters/${householdId}`)).body);
    expect(page).toContain('The first applicant Record the applicant’s details (The first applicant) Sex Not recorded Ethnicity Not recorded Disability Not known');
    expect(page).toContain('The second applicant Record the applicant’s details (The second applicant)');
  });

  it('the first applicant is recorded; a second applicant whose sex does not fit the household’s “male and female” is refused', async () => {
    expect((await worker.post(`/adopters/${householdId}/applicants/1`, { name: 'Jo Okafor', sex: 'F', ethnicity: 'WBRI', disabled: 'no' })).statusCode).toBe(303);
    const wrong = await worker.post(`/adopters/${householdId}/applicants/2`, { name: 'Femi Okafor', sex: 'F', ethnicity: 'BAFR', disabled: 'unknown' });
    expect(wrong.statusCode).toBe(422);
    expect(textOf(wrong.body)).toContain('The household’s record gives the applicants’ sexes as “A couple, male and female”');
    expect((await worker.post(`/adopters/${householdId}/applicants/2`, { name: 'Femi Okafor', sex: 'M', ethnicity: 'BAFR', disabled: 'unknown' })).statusCode).toBe(303);
    const page = textOf((await worker.get(`/adopters/${householdId}`)).body);
    expect(page).toContain('Jo Okafor Change the applicant’s details (Jo Okafor) Sex Female Ethnicity White British Disability No');
    expect(page).toContain('Femi Okafor Change the applicant’s details (Femi Okafor) Sex Male Ethnicity African Disability Not known');
  });

  it('a correction keeps the version it replaced; a household of one has no second applicant', async () => {
    expect((await worker.post(`/adopters/${householdId}/applicants/1`, { name: 'Jo Okafor', sex: 'F', ethnicity: 'WIRI', disabled: 'yes' })).statusCode).toBe(303);
    const first = await t.ctx.db.selectFrom('adopter_applicant').select(['id', 'ethnicity', 'disabled', 'version']).where('household_id', '=', householdId).where('position', '=', 1).executeTakeFirstOrThrow();
    expect(first).toMatchObject({ ethnicity: 'WIRI', disabled: true, version: 2 });
    expect(await t.ctx.db.selectFrom('record_version').select('record_id').where('record_id', '=', first.id).execute()).toHaveLength(1);
    const h = await t.ctx.db.selectFrom('adopter_household').selectAll().where('id', '=', householdId).executeTakeFirstOrThrow();
    const toOne = await worker.api('PUT', `/api/v1/adopters/${householdId}`, { name: h.name, applicants: 1, fosteringForAdoption: false, enquiryOn: h.enquiry_on, reason: 'Only Jo is applying', version: h.version });
    expect(toOne.statusCode).toBe(422);
    expect(toOne.body).toContain('Femi Okafor is recorded as the second applicant');
  });

  it('Annex A list 11 has one row per adopter with their gender, ethnicity and disability', async () => {
    const rows = (await workbookSheet(await t.signIn('analyst'), 'List 11')).filter((r) => r['Family identifier'] === householdId);
    expect(rows.map((r) => [r['Individual adopter identifier'], r['Gender'], r['Ethnicity'], r['Disability']])).toEqual([
      [`${householdId}-1`, 'b) Female', 'b) WIRI', 'a) Yes'],
      [`${householdId}-2`, 'a) Male', 'o) BAFR', 'c) Unknown'],
    ]);
  });

  it('where the household’s record leaves the sexes blank, the returns (SSDA903 AD1, the SSD) take them from the applicants once both are known', async () => {
    const r = await worker.api('POST', '/api/v1/adopters', { name: 'Dev and Owen Price', applicants: 2, fosteringForAdoption: false, enquiryOn: '2026-08-03' });
    const id = (r.json() as { id: string }).id;
    const sexes = async () => (await sql<{ sex: string | null }>`SELECT ${sql.raw(adoptersSexSql('h'))} AS sex FROM adopter_household h WHERE h.id = ${id}`.execute(t.ctx.db)).rows[0]!.sex;
    await worker.api('PUT', `/api/v1/adopters/${id}/applicants/1`, { name: 'Dev Price', sex: 'M', ethnicity: null, disabled: 'no' });
    expect(await sexes()).toBeNull();
    await worker.api('PUT', `/api/v1/adopters/${id}/applicants/2`, { name: 'Owen Price', sex: 'M', ethnicity: null, disabled: 'no' });
    expect(await sexes()).toBe('MM');
  });
});
