// The children-in-care measures against a real database, recorded through the pages a worker uses:
// the placement's distance and area as the record worked them out from the postcodes, dental checks,
// the reason care ended, and the page that opens the children behind a figure (decision 0038).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDecision } from '../oversight/test-helpers.ts';
import { dateFields, makeChild, openEpisode } from '../plans/test-helpers.ts';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from '../../test/support/app.ts';
import { measureById } from './catalogue.ts';
import { computeFigures } from './engine.ts';

let t: TestApp;
let worker: Agent;
const children: Record<string, string> = {};
const TO_TODAY = { from: '2026-01-01', to: TEST_TODAY };

const intoCare = {
  legalStatus: 'C2',
  categoryOfNeed: 'N1',
  decidedBy: 'Head of Service, Children in Care',
  alternativesConsidered: 'Family group conference: no family member able to care',
  homePostcode: 'BW1 2AB',
  provider: 'PR1',
  intendedUntil18: 'no',
};

const figure = async (id: string, period = TO_TODAY) => {
  const f = await computeFigures(t.ctx.db, { periods: [period], measures: [measureById(id)!], today: TEST_TODAY });
  const pair = f.pairs[0]![0]!;
  return { numerator: pair.now.numerator, denominator: pair.now.denominator, rows: pair.now.rows };
};

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  // Brightwater's own postcodes, a district of Kestrelford next door (13.8 miles) and one of Farholt (48 miles).
  await t.ctx.db
    .insertInto('postcode_centroid')
    .values([
      { postcode: 'BW1 2AB', latitude: 50.8, longitude: -1.1, council_code: 'E0000BW', council_name: 'Brightwater' },
      { postcode: 'BW1', latitude: 50.81, longitude: -1.09, council_code: 'E0000BW', council_name: 'Brightwater' },
      { postcode: 'KQ3', latitude: 51.0, longitude: -1.1, council_code: 'E0000KQ', council_name: 'Kestrelford' },
      { postcode: 'FZ9', latitude: 51.5, longitude: -1.1, council_code: 'E0000FZ', council_name: 'Farholt' },
    ])
    .execute();
  await t.ctx.db.insertInto('council_setting').values({ key: 'ownCouncilCode', value: JSON.stringify('E0000BW') }).execute();
  const placed = async (name: string, startedOn: string, placement: Record<string, string>) => {
    const childId = await makeChild(t, { firstName: name, dateOfBirth: '2015-03-01' });
    await openEpisode(t, childId, '2025-01-06');
    await givenDecision(t.ctx.db, childId, 'entry_to_care', startedOn, t.users.manager);
    const page = await worker.post(`/children/${childId}/care/start`, { ...intoCare, ...placement, ...dateFields('startedOn', startedOn) });
    expect(page.statusCode).toBe(303);
    children[name] = childId;
    return childId;
  };
  // Near: in the council's area, under a mile from home. Next door: Kestrelford, 13.8 miles. Far: Farholt, 48 miles.
  await placed('Near', '2025-02-03', { placementType: 'U6', carerName: 'Kim Hughes', postcode: 'BW1 7XY' });
  await placed('Next', '2025-02-03', { placementType: 'U6', carerName: 'Sam Ode', postcode: 'KQ3 1AA' });
  await placed('Far', '2025-02-03', { placementType: 'K2', carerName: 'Hillside House', postcode: 'FZ9 4QQ' });
  // Near's dental check in the year; Far's check was immunisations.
  expect((await worker.post(`/children/${children['Near']}/health/checks/new`, { kind: 'dental', ...dateFields('checkedOn', '2026-06-01') })).statusCode).toBe(303);
  expect((await worker.post(`/children/${children['Far']}/health/checks/new`, { kind: 'immunisations', ...dateFields('checkedOn', '2026-06-10'), upToDate: 'yes' })).statusCode).toBe(303);
});

afterAll(async () => t?.close());

describe('children-in-care measures from the record (decision 0038)', () => {
  it('placed more than 20 miles from home: seed PS-03, the distance the record worked out from the postcodes', async () => {
    // Near (under a mile) and Next (13.8 miles) no; Far (48 miles) yes. 1 / 3.
    const f = await figure('placed-far-from-home');
    expect([f.numerator, f.denominator]).toEqual([1, 3]);
    expect(f.rows.find((r) => r.childId === children['Far'])?.facts).toContain('48.4 miles from home');
  });

  it('placed outside the council’s area: Q12, from the placement’s postcode', async () => {
    // Next (Kestrelford) and Far (Farholt). 2 / 3.
    expect(await figure('placed-out-of-area')).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('dental checks of children in care a year: Q73, the check’s kind from the health record', async () => {
    // In care since 3 Feb 2025: all three a year on 20 November; only Near had a dental check. 1 / 3.
    expect(await figure('dental-checks')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(await figure('immunisations-up-to-date')).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('a child who left care on a special guardianship order is counted as such, not as adopted: Q19, Q102', async () => {
    const page = await worker.post(`/children/${children['Next']}/care/end`, { reasonCeased: 'E41', ...dateFields('endedOn', '2026-10-01') });
    expect(page.statusCode).toBe(303);
    expect(await figure('adoptions-of-those-leaving-care')).toMatchObject({ numerator: 0, denominator: 1 });
    expect(await figure('looked-after')).toMatchObject({ numerator: 2 });
  });

  it('the measure page opens the children behind the figure', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get(`/measures/placed-far-from-home?from=2026-01-01&to=${TEST_TODAY}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/children/${children['Far']}"`);
    const catalogue = await analyst.get(`/measures?from=2026-01-01&to=${TEST_TODAY}`);
    expect(catalogue.statusCode).toBe(200);
    expect(catalogue.body).toContain('Children placed more than 20 miles from home');
    expect(catalogue.body).toContain('Care leavers aged 19 to 21 in education, employment or training');
    const a1 = await analyst.get(`/measures/adoption-a1?from=2026-01-01&to=${TEST_TODAY}`);
    expect(a1.statusCode).toBe(200);
    expect(a1.body).toContain('A1: days from entering care to moving in with the adoptive family');
  });

  it('the list of an average of days shows each child’s days, on the page and in the export (DQ-45)', async () => {
    const analyst = await t.signIn('analyst');
    // An average of amounts: caseloads count children, so the column says whether each is in the numerator.
    const csv = await analyst.get(`/measures/caseload-average/children.csv?from=2026-01-01&to=${TEST_TODAY}`);
    expect(csv.body.split('\r\n')[0]).toContain('"In the numerator"');
    const { numeratorCell } = await import('./present.ts');
    expect(numeratorCell({ childId: 'c', name: 'A', laChildId: null, team: 'T', on: '2026-03-01', inNumerator: true, amount: 397, facts: '' })).toBe('397');
    expect(numeratorCell({ childId: 'c', name: 'A', laChildId: null, team: 'T', on: '2026-03-01', inNumerator: false, amount: null, facts: '' })).toBe('No');
  });
});
