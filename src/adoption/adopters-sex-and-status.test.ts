// The adopters' sexes and legal status (SSDA903 AD1 SEX_ADOPTR, LS_ADOPTR; decision 0043): asked on
// the household's record, every legal status of the return offered with its meaning (decision 0072), each
// checked against the number of applicants and their sexes as the return's rules 511, 514, 517, 518, 520
// and 524 ask, and a change is a correction with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields } from '../plans/test-helpers.ts';
import { checkAdopters } from './households.ts';

let t: TestApp;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
});

afterAll(async () => {
  await t?.close();
});

const enquire = (fields: Record<string, string>) => worker.post('/adopters/new', { name: 'Sam and Alex Carter', applicants: '2', fosteringForAdoption: 'no', ...dateFields('enquiryOn', '2026-03-02'), ...fields });

describe('the adopters’ sexes and legal status (AD1)', () => {
  it('the form offers every legal status of the return (L0, L11, L12, L2, L3, L4), each with its meaning (decision 0072)', async () => {
    const page = (await worker.get('/adopters/new')).body;
    for (const meaning of ['A single adopter', 'A married couple of different sexes', 'A married couple of the same sex', 'A couple in a civil partnership', 'An unmarried couple of different sexes', 'An unmarried couple of the same sex']) {
      expect(page).toContain(meaning);
    }
    for (const code of ['L0', 'L11', 'L12', 'L2', 'L3', 'L4']) expect(page).toContain(`value="${code}"`);
    expect((await enquire({ adoptersLegalStatus: 'L1' })).statusCode).toBe(400);
  });

  it('rules 524, 517, 518: a same-sex married couple is MM or FF, an unmarried couple MF (L3) or MM or FF (L4)', async () => {
    const married = await enquire({ adoptersSex: 'MF', adoptersLegalStatus: 'L12' });
    expect(married.statusCode).toBe(422);
    expect(married.body).toContain('A married couple of the same sex is “A couple, both male” or “A couple, both female” (SSDA903 rule 524)');
    expect(() => checkAdopters({ applicants: 2, adoptersSex: 'FF', adoptersLegalStatus: 'L3' })).toThrow('SSDA903 rule 517');
    expect(() => checkAdopters({ applicants: 2, adoptersSex: 'MF', adoptersLegalStatus: 'L4' })).toThrow('SSDA903 rule 518');
    expect(() => checkAdopters({ applicants: 2, adoptersSex: 'MF', adoptersLegalStatus: 'L3' })).not.toThrow();
    expect(() => checkAdopters({ applicants: 2, adoptersSex: 'MM', adoptersLegalStatus: 'L4' })).not.toThrow();
    expect(() => checkAdopters({ applicants: 1, adoptersSex: 'F1', adoptersLegalStatus: 'L12' })).toThrow('One person is applying');
    const saved = await enquire({ adoptersSex: 'FF', adoptersLegalStatus: 'L12' });
    expect(saved.statusCode).toBe(303);
    const id = String(saved.headers.location).split('/').at(-1)!;
    expect((await worker.get(`/adopters/${id}`)).body).toContain('A married couple of the same sex');
  });

  it('rule 511: two applicants with one adopter’s sex refused; rule 514: a couple as a single adopter refused; rule 520: married of different sexes is MF', async () => {
    const one = await enquire({ adoptersSex: 'F1' });
    expect(one.statusCode).toBe(422);
    expect(one.body).toContain('Two people are applying: choose one of the couples');
    expect((await enquire({ adoptersSex: 'FF', adoptersLegalStatus: 'L0' })).statusCode).toBe(422);
    expect((await enquire({ adoptersSex: 'FF', adoptersLegalStatus: 'L11' })).statusCode).toBe(422);
    expect(() => checkAdopters({ applicants: 1, adoptersSex: 'MF', adoptersLegalStatus: null })).toThrow('One person is applying');
    expect(() => checkAdopters({ applicants: 1, adoptersSex: 'M1', adoptersLegalStatus: 'L0' })).not.toThrow();
    expect(() => checkAdopters({ applicants: 2, adoptersSex: 'MM', adoptersLegalStatus: 'L2' })).not.toThrow();
  });

  it('recorded at the enquiry, shown on the household; changing it is a correction with the reason, the old version kept', async () => {
    const saved = await enquire({ adoptersSex: 'MF', adoptersLegalStatus: 'L11' });
    expect(saved.statusCode).toBe(303);
    const id = String(saved.headers.location).split('/').at(-1)!;
    const page = (await worker.get(`/adopters/${id}`)).body;
    expect(page).toContain('A couple, male and female');
    expect(page).toContain('A married couple of different sexes');
    const correction = { name: 'Sam and Alex Carter', applicants: '2', fosteringForAdoption: 'no', ...dateFields('enquiryOn', '2026-03-02'), adoptersSex: 'FF', adoptersLegalStatus: 'L2', version: '1' };
    expect((await worker.post(`/adopters/${id}/change`, correction)).statusCode).toBe(400);
    expect((await worker.post(`/adopters/${id}/change`, { ...correction, reason: 'They are civil partners: the enquiry form was misread' })).statusCode).toBe(303);
    const row = await t.ctx.db.selectFrom('adopter_household').select(['adopters_sex', 'adopters_legal_status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ adopters_sex: 'FF', adopters_legal_status: 'L2' });
    const kept = await t.ctx.db.selectFrom('record_version').select('data').where('record_id', '=', id).where('reason', '=', 'They are civil partners: the enquiry form was misread').executeTakeFirstOrThrow();
    expect(kept.data).toMatchObject({ adopters_sex: 'MF', adopters_legal_status: 'L11' });
  });
});
