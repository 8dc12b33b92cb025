// Measures that count households (decision 0050): hand-worked examples for prospective adopters and the
// council's foster carers, each citing its source, then the pages: a team manager sees the households
// named, each opening its record; an analyst, who may not open adopters' records, sees them counted and
// not named; the list exports to CSV and XLSX. Today is TEST_TODAY, 20 November 2026.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, textOf } from '../plans/test-helpers.ts';
import { adopterStageOn } from './catalogue/adopter-households.ts';
import { householdMeasureById } from './catalogue/households.ts';
import { computeHouseholdFigure, type AdopterHouseholdFact, type AdoptionMatchFact, type FosteringHouseholdFact, type HouseholdFacts } from './households.ts';

const YEAR = { from: '2025-11-01', to: '2026-10-31' };

const adopter = (id: string, steps: Partial<AdopterHouseholdFact>): AdopterHouseholdFact => ({
  id,
  name: `Household ${id}`,
  enquiryOn: '2025-01-06',
  registeredOn: null,
  stageOneEndedOn: null,
  stageTwoStartedOn: null,
  panelOn: null,
  decidedOn: null,
  approved: null,
  leftOn: null,
  ...steps,
});

const match = (householdId: string, panelOn: string, placed: Partial<AdoptionMatchFact> = {}): AdoptionMatchFact => ({ householdId, panelOn, placedOn: null, disruptedOn: null, placedInCouncilArea: null, ...placed });

const approvedAdopter = (id: string, registeredOn: string, decidedOn: string) =>
  adopter(id, { registeredOn, stageOneEndedOn: registeredOn, stageTwoStartedOn: registeredOn, panelOn: decidedOn, decidedOn, approved: true });

// A: registered 1 December 2025, approved 15 August 2026 (within 9 months: by 1 September), first matched
//    1 October (within 3 months of approval: by 15 November), a child moved in 20 October outside the area.
// B: registered 3 November 2025, approved 10 September 2026 (after 3 August: not within 9 months), not matched.
// C: approved 1 October 2025 (before the year), first matched 2 February 2026 (after 1 January: waited
//    more than 3 months), a child moved in 1 March, the placement's area not recorded.
// D: in stage one on 31 October. E: stage two, panel 20 October, awaiting the decision. F: left in April.
// G: an enquiry only.
const ADOPTERS = [
  approvedAdopter('A', '2025-12-01', '2026-08-15'),
  approvedAdopter('B', '2025-11-03', '2026-09-10'),
  approvedAdopter('C', '2025-06-02', '2025-10-01'),
  adopter('D', { registeredOn: '2026-09-01' }),
  adopter('E', { registeredOn: '2026-03-01', stageOneEndedOn: '2026-05-01', stageTwoStartedOn: '2026-05-20', panelOn: '2026-10-20' }),
  adopter('F', { registeredOn: '2026-01-10', leftOn: '2026-04-01' }),
  adopter('G', { enquiryOn: '2026-10-01' }),
];
const MATCHES = [match('A', '2026-10-01', { placedOn: '2026-10-20', placedInCouncilArea: false }), match('C', '2026-02-02', { placedOn: '2026-03-01' })];

const facts = (adopters: AdopterHouseholdFact[], matches: AdoptionMatchFact[], fosterCarers: FosteringHouseholdFact[] = []): HouseholdFacts => {
  const byHousehold = new Map<string, AdoptionMatchFact[]>();
  for (const m of matches) byHousehold.set(m.householdId, [...(byHousehold.get(m.householdId) ?? []), m]);
  return { adopters, matches: byHousehold, fosterCarers, today: '2026-11-20', settings: {} };
};

const figure = (id: string, f: HouseholdFacts, p = YEAR) => computeHouseholdFigure(f, householdMeasureById(id)!, p);
const rowsOf = (id: string, f: HouseholdFacts) => figure(id, f).rows.map((r) => [r.householdId, r.met]);

describe('prospective adopters (seed-requirements §2g)', () => {
  const f = facts(ADOPTERS, MATCHES);

  it('Q110 (Newham 2014 ¶91): of A and B approved in the year, A within 9 months of registration: 1 of 2', () => {
    expect(figure('adopters-approved-within-9-months', f)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(rowsOf('adopters-approved-within-9-months', f)).toEqual([
      ['A', true],
      ['B', false],
    ]);
  });

  it('Q110: a household approved with no registration of interest recorded is counted, not in time', () => {
    const unregistered = adopter('H', { decidedOn: '2026-05-01', approved: true });
    expect(figure('adopters-approved-within-9-months', facts([unregistered], []))).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
  });

  it('Q111 (Wandsworth 2016 ¶81; scorecard A12): of A and C first matched in the year, C waited more than 3 months: 1 of 2', () => {
    expect(figure('adopters-waiting-over-3-months-for-a-match', f)).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(rowsOf('adopters-waiting-over-3-months-for-a-match', f)).toEqual([
      ['A', false],
      ['C', true],
    ]);
  });

  it('Q112 (Wandsworth 2016 ¶81: 15 approved, 9 linked): on 31 October A and C of the 3 approved are matched: 2 of 3', () => {
    expect(figure('approved-adopters-linked', f)).toMatchObject({ numerator: 2, denominator: 3, value: 66.7 });
  });

  it('Q112: a match that disrupted before the day no longer counts the household as matched', () => {
    const disrupted = facts(ADOPTERS, [MATCHES[0]!, match('C', '2026-02-02', { placedOn: '2026-03-01', disruptedOn: '2026-10-15' })]);
    expect(figure('approved-adopters-linked', disrupted)).toMatchObject({ numerator: 1, denominator: 3 });
    expect(adopterStageOn(ADOPTERS[2]!, disrupted.matches.get('C')!, '2026-10-14')).toBe('matched');
  });

  it('Q113 (Southend 2016 ¶85: adopters by stage): on 31 October D is in stage one and E awaits the decision; F left and G only enquired', () => {
    const result = figure('adopters-in-assessment', f);
    expect(result).toMatchObject({ numerator: 2, denominator: null, value: 2 });
    expect(result.rows.map((r) => [r.householdId, r.group])).toEqual([
      ['D', 'Stage one'],
      ['E', 'Panel held, awaiting the decision'],
    ]);
  });

  it('Q113: counted on the day asked: on 30 April 2026 A and B were in stage two and E in stage one; on 31 March F too, not yet left', () => {
    const april = figure('adopters-in-assessment', f, { from: '2026-04-30', to: '2026-04-30' });
    expect(april.rows.map((r) => [r.householdId, r.group])).toEqual([
      ['A', 'Stage two'],
      ['B', 'Stage two'],
      ['E', 'Stage one'],
    ]);
    const march = figure('adopters-in-assessment', f, { from: '2026-03-31', to: '2026-03-31' });
    expect(march.rows.map((r) => r.householdId)).toEqual(['A', 'B', 'E', 'F']);
  });

  it('Q108 (Southend 2016 ¶83: a third with adopters outside the area): of 2 children placed in the year, 1 outside; the other’s area is not known', () => {
    const result = figure('adoption-placements-out-of-area', f);
    expect(result).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(result.rows.find((r) => r.householdId === 'C')!.facts).toContain('Area not known');
  });
});

const carers = (id: string, kind: string, statuses: [string, string][], more: Partial<FosteringHouseholdFact> = {}): FosteringHouseholdFact => {
  const approvedOn = statuses.find(([s]) => s === 'approved')?.[1] ?? null;
  return {
    id,
    name: `Carers ${id}`,
    kind,
    decidedOn: approvedOn,
    approved: approvedOn === null ? null : true,
    places: 1,
    statuses: statuses.map(([status, fromOn], i) => ({ status, fromOn, toOn: statuses[i + 1]?.[1] ?? null })),
    reviews: [],
    placements: [],
    carers: [`Carer ${id}`],
    dbsChecks: [],
    visits: [],
    supervisingWorkers: [],
    members: [],
    ...more,
  };
};

// H1: approved June 2025 for 2, reviewed 1 May 2026 (due 10 June: on time), X placed since January: 1 vacant.
// H2: connected person approved 1 February 2026 for 1, Y placed the same day: none vacant.
// H3: approved 2024, reviewed August 2025, next review due 20 August 2026 not done; resigned 30 September.
// H4: in assessment since July 2026. H5: withdrew during the assessment in April (never a carer).
// H6: approved March 2025, deregistered 15 January 2026, before its review fell due (3 March): not counted.
// H7: short breaks, approved 1 June 2026 for 1, no child: 1 vacant.
// H8: parent and child, approved 1 September 2026 for 1; its child moved out on 31 October itself: 1 vacant.
const FOSTER_CARERS = [
  carers('H1', 'mainstream', [['in_assessment', '2025-01-06'], ['approved', '2025-06-10']], { places: 2, reviews: ['2026-05-01'], placements: [{ childId: 'X', startedOn: '2026-01-01', endedOn: null }] }),
  carers('H2', 'connected_person', [['in_assessment', '2025-11-10'], ['approved', '2026-02-01']], { placements: [{ childId: 'Y', startedOn: '2026-02-01', endedOn: null }] }),
  carers('H3', 'mainstream', [['in_assessment', '2024-03-01'], ['approved', '2024-09-02'], ['resigned', '2026-09-30']], { reviews: ['2025-08-20'] }),
  carers('H4', 'mainstream', [['in_assessment', '2026-07-01']]),
  carers('H5', 'mainstream', [['in_assessment', '2026-01-05'], ['resigned', '2026-04-01']]),
  carers('H6', 'mainstream', [['in_assessment', '2024-10-01'], ['approved', '2025-03-03'], ['deregistered', '2026-01-15']]),
  carers('H7', 'short_breaks', [['in_assessment', '2026-01-05'], ['approved', '2026-06-01']]),
  carers('H8', 'parent_and_child', [['in_assessment', '2026-03-02'], ['approved', '2026-09-01']], { placements: [{ childId: 'Z', startedOn: '2026-09-01', endedOn: '2026-10-31' }] }),
];

describe('the council’s foster carers (seed-requirements §2f, FO-02 to FO-04)', () => {
  const f = facts([], [], FOSTER_CARERS);

  it('Q93 and FO-03 (Wandsworth 2016 ¶54: 3 approved this year, 6 in assessment): H2, H7 and H8 approved in the year; H4 in assessment on 31 October', () => {
    expect(figure('foster-carers-approved', f)).toMatchObject({ value: 3 });
    expect(figure('foster-carers-approved', f).rows.map((r) => r.householdId)).toEqual(['H2', 'H7', 'H8']);
    expect(figure('foster-carers-in-assessment', f).rows.map((r) => r.householdId)).toEqual(['H4']);
  });

  it('Q93 and FO-03 (“a net loss of 17 carers”): H3 resigned and H6 was deregistered, H5 withdrew before approval: 2 stopped, a net gain of 1', () => {
    expect(figure('foster-carers-stopped', f).rows.map((r) => r.householdId)).toEqual(['H3', 'H6']);
    const net = figure('foster-carers-net-change', f);
    expect(net).toMatchObject({ numerator: 1, value: 1 });
    expect(net.rows.map((r) => [r.householdId, r.amount])).toEqual([
      ['H6', -1],
      ['H2', 1],
      ['H7', 1],
      ['H8', 1],
      ['H3', -1],
    ]);
  });

  it('FS(E)R 2011 reg 28(2), FO-04: H1’s review on time, H3’s late (its approval ended after it fell due), H6’s not counted (ended before): 1 of 2', () => {
    const result = figure('foster-carer-reviews-on-time', f);
    expect(result).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(result.rows.map((r) => [r.householdId, r.on, r.met])).toEqual([
      ['H1', '2026-06-10', true],
      ['H3', '2026-08-20', false],
    ]);
  });

  it('FO-02 (sufficiency): on 31 October H1 has 1 vacant place, H2 none, H7 and H8 one each (H8’s child left that day): 3', () => {
    const result = figure('foster-carer-vacancies', f);
    expect(result).toMatchObject({ numerator: 3, value: 3 });
    expect(result.rows.map((r) => [r.householdId, r.amount])).toEqual([
      ['H1', 1],
      ['H2', 0],
      ['H7', 1],
      ['H8', 1],
    ]);
  });
});

// Oversight of the carers (decision 0056), on 31 October 2026 and over the year to it.
// K1: a couple approved 10 June 2025. The first carer's check (1 May 2023) was due for renewal 1 May 2026:
//     not up to date; the second's (3 March 2025, due 3 March 2028) is. Visited 15 July 2025 (due 22 July:
//     on time), then 1 September 2025 (due 26 August: late), then unannounced 1 October 2026 (due 13 October
//     2025, before the year: late). Its supervising social worker from June 2025 to 30 September 2026: none on 31 October.
// K2: one carer approved 1 February 2026, on hold since 1 October (still approved). Checked 1 January
//     2026 without the children's barred list: not up to date. Never visited: visits due 15 March 2026 and
//     then nothing more (a clock running unmet is owed once). Approved less than a year, no unannounced
//     visit: not yet owed one. A supervising social worker since 1 February.
// K3: approved 2024, resigned 30 September 2026: not approved on 31 October, so not counted on the day.
const OVERSIGHT = [
  carers('K1', 'mainstream', [['in_assessment', '2025-01-06'], ['approved', '2025-06-10']], {
    carers: ['Rose Bennett', 'Tom Bennett'],
    dbsChecks: [
      { id: 'd1', carer: 1, memberId: null, checkedOn: '2023-05-01', barredList: true, renewalDueOn: '2026-05-01' },
      { id: 'd2', carer: 2, memberId: null, checkedOn: '2025-03-03', barredList: true, renewalDueOn: '2028-03-03' },
      { id: 'd4', carer: null, memberId: 'sam', checkedOn: '2024-06-01', barredList: true, renewalDueOn: '2027-06-01' },
      { id: 'd5', carer: null, memberId: 'grace', checkedOn: '2025-11-20', barredList: true, renewalDueOn: '2028-11-20' },
    ],
    members: [
      { id: 'leah', name: 'Leah Bennett', dateOfBirth: '2008-09-12', fromOn: '2008-09-12', toOn: null },
      { id: 'sam', name: 'Sam Bennett', dateOfBirth: '2000-02-01', fromOn: '2010-01-01', toOn: '2026-08-01' },
      { id: 'grace', name: 'Grace Hill', dateOfBirth: '1990-05-05', fromOn: '2025-11-01', toOn: null },
      { id: 'noah', name: 'Noah Bennett', dateOfBirth: '2012-03-03', fromOn: '2012-03-03', toOn: null },
    ],
    visits: [
      { id: 'v1', visitedOn: '2025-07-15', unannounced: false },
      { id: 'v2', visitedOn: '2025-09-01', unannounced: false },
      { id: 'v3', visitedOn: '2026-10-01', unannounced: true },
    ],
    supervisingWorkers: [{ fromOn: '2025-06-10', toOn: '2026-09-30' }],
  }),
  carers('K2', 'short_breaks', [['in_assessment', '2025-09-01'], ['approved', '2026-02-01'], ['on_hold', '2026-10-01']], {
    carers: ['Ada Clarke'],
    dbsChecks: [
      { id: 'd3', carer: 1, memberId: null, checkedOn: '2026-01-01', barredList: false, renewalDueOn: '2029-01-01' },
      { id: 'd6', carer: null, memberId: 'ben', checkedOn: '2023-03-01', barredList: true, renewalDueOn: '2026-03-01' },
    ],
    // Known only from a check recorded before members were (migration 0062): no date of birth, an adult.
    members: [{ id: 'ben', name: 'Ben Clarke', dateOfBirth: null, fromOn: '2023-03-01', toOn: null }],
    supervisingWorkers: [{ fromOn: '2026-02-01', toOn: null }],
  }),
  carers('K3', 'mainstream', [['in_assessment', '2024-01-08'], ['approved', '2024-06-03'], ['resigned', '2026-09-30']], { carers: ['Joy Adams'] }),
];

describe('oversight of the council’s foster carers (seed FO-04; decision 0056)', () => {
  const f = facts([], [], OVERSIGHT);

  it('Q92 (Wandsworth 2016 ¶68: “23 approved in-house carers without an up-to-date DBS check”): Rose Bennett’s lapsed, Ada Clarke’s lacks the barred list: 2 of 3 carers', () => {
    const result = figure('foster-carers-without-dbs-check', f);
    expect(result).toMatchObject({ numerator: 2, denominator: 3, value: 66.7 });
    expect(result.rows.map((r) => [r.householdId, r.met, r.facts[0]])).toEqual([
      ['K1', true, 'Rose Bennett'],
      ['K1', false, 'Tom Bennett'],
      ['K2', true, 'Ada Clarke'],
    ]);
    // On 30 April 2026 Rose Bennett's check was still in force (due 1 May); Joy Adams, approved until
    // September and never checked, was counted too: Ada Clarke and Joy Adams, 2 of 4.
    expect(figure('foster-carers-without-dbs-check', f, { from: '2026-04-30', to: '2026-04-30' })).toMatchObject({ numerator: 2, denominator: 4 });
  });

  it('FS(E)R 2011 Sch. 3 para 2 (each member of the household aged 18 or over), beside Q92: on 31 October 2026 Leah Bennett, 18 on 12 September and unchecked, and Ben Clarke, lapsed 1 March, of 3 adults (Grace Hill up to date; Sam moved out; Noah is 14): 2 of 3', () => {
    const result = figure('foster-carer-household-adults-without-dbs-check', f);
    expect(result).toMatchObject({ numerator: 2, denominator: 3, value: 66.7 });
    expect(result.rows.map((r) => [r.householdId, r.met, r.facts[0]])).toEqual([
      ['K1', true, 'Leah Bennett'],
      ['K1', false, 'Grace Hill'],
      ['K2', true, 'Ben Clarke'],
    ]);
    // On 31 July 2026 Leah was 17; Sam still lived there, checked until June 2027; Grace up to date; Ben lapsed: 1 of 3.
    const july = figure('foster-carer-household-adults-without-dbs-check', f, { from: '2026-07-31', to: '2026-07-31' });
    expect(july.rows.map((r) => [r.facts[0], r.met])).toEqual([
      ['Sam Bennett', false],
      ['Grace Hill', false],
      ['Ben Clarke', true],
    ]);
    // Q92 stays the carers, as Ofsted counted them.
    expect(figure('foster-carers-without-dbs-check', f)).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('NMS 21: supervisory visits due in the year: K2’s, due 15 March 2026, never made: 0 of 1; K1’s fell due before it', () => {
    const result = figure('foster-carer-supervisory-visits-on-time', f);
    expect(result).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    expect(result.rows.map((r) => [r.householdId, r.on, r.met])).toEqual([['K2', '2026-03-15', false]]);
    // From July to October 2025: K1's first visit on 15 July in time for 22 July; the next, due 26 August,
    // made on 1 September; the next, due 13 October, made (unannounced) only on 1 October 2026.
    const before = figure('foster-carer-supervisory-visits-on-time', f, { from: '2025-07-01', to: '2025-10-31' });
    expect(before.rows.map((r) => [r.on, r.met])).toEqual([
      ['2025-07-22', true],
      ['2025-08-26', false],
      ['2025-10-13', false],
    ]);
  });

  it('NMS 21.8: K1, approved more than a year, visited unannounced on 1 October 2026; K2 approved under a year and not yet owed one: 1 of 1', () => {
    expect(figure('foster-carers-unannounced-visit-in-year', f)).toMatchObject({ numerator: 1, denominator: 1, value: 100 });
    // On 30 September 2026 K1 had none in the 12 months to it.
    expect(figure('foster-carers-unannounced-visit-in-year', f, { from: '2026-09-30', to: '2026-09-30' })).toMatchObject({ numerator: 0, denominator: 1 });
  });

  it('NMS 21: K1’s supervising social worker left on 30 September, K2 has one; K3 resigned: 1 of 2 without', () => {
    const result = figure('foster-carers-without-supervising-worker', f);
    expect(result).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    expect(result.rows.map((r) => [r.householdId, r.met])).toEqual([
      ['K1', true],
      ['K2', false],
    ]);
  });
});

describe('the pages of a household measure', () => {
  let t: TestApp;
  let worker: Agent;
  let manager: Agent;
  let analyst: Agent;
  let adopterId: string;

  beforeAll(async () => {
    t = await startTestApp();
    [worker, manager, analyst] = await Promise.all([t.signIn('worker'), t.signIn('manager'), t.signIn('analyst')]);
    const r = await worker.post('/adopters/new', { name: 'Sam and Alex Carter', applicants: '2', fosteringForAdoption: 'no', ...dateFields('enquiryOn', '2026-01-05') });
    adopterId = String(r.headers.location).split('/').at(-1)!;
    const page = `/adopters/${adopterId}`;
    for (const [path, fields] of [
      ['registration', dateFields('registeredOn', '2026-01-12')],
      ['stage-one', { mayProceed: 'yes', ...dateFields('endedOn', '2026-03-02') }],
      ['stage-two', dateFields('startedOn', '2026-03-09')],
      ['panel', { recommended: 'yes', ...dateFields('panelOn', '2026-06-15') }],
      ['decision', { approved: 'yes', ...dateFields('decidedOn', '2026-06-22') }],
    ] as const) {
      expect((await worker.post(`${page}/${path}`, fields)).statusCode).toBe(303);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('the measures page lists the households’ measures with their figures', async () => {
    const body = textOf((await manager.get('/measures')).body);
    expect(body).toContain('Adoption: counting adopter households');
    expect(body).toContain('Adopters approved within 9 months of their registration of interest 100% 1 of 1');
    expect(body).toContain('Fostering: counting foster carer households');
  });

  it('a team manager sees the household named, opening its record; the list naming it is audited', async () => {
    const response = await manager.get('/measures/households/adopters-approved-within-9-months');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`href="/adopters/${adopterId}"`);
    expect(textOf(response.body)).toContain('Sam and Alex Carter');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_type']).where('user_id', '=', t.users.manager).where('object_type', '=', 'measure-households').execute();
    expect(audit).toEqual([{ action: 'view-adopter', object_type: 'measure-households' }]);
  });

  it('an analyst, who may not open adopters’ records, sees the figure and the household counted, not named', async () => {
    const response = await analyst.get('/measures/households/adopters-approved-within-9-months');
    expect(response.statusCode).toBe(200);
    expect(textOf(response.body)).toContain('100% (1 of 1)');
    expect(response.body).not.toContain('Sam and Alex Carter');
    expect(textOf(response.body)).toContain('counted but not named');
  });

  it('the list exports to CSV and XLSX, the same rows as the page', async () => {
    const csv = await manager.get('/measures/households/adopters-approved-within-9-months/households.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[1]).toContain('"Sam and Alex Carter"');
    expect(csv.body).toContain('"Registration of interest accepted 2026-01-12; Approved 2026-06-22; 161 days"');
    const xlsx = await manager.get('/measures/households/adopters-approved-within-9-months/households.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(2).getCell(1).value).toBe('Sam and Alex Carter');
  });

  it('an unknown measure is 404; a period that ends before it starts is a clear message, not a figure', async () => {
    expect((await manager.get('/measures/households/no-such-measure')).statusCode).toBe(404);
    const backwards = await manager.get('/measures/households/foster-carers-approved?from=2026-10-31&to=2026-10-01');
    expect(backwards.statusCode).toBe(400);
    expect(textOf(backwards.body)).toContain('The period ends before it starts');
  });

  it('a social worker, who has no view of performance, is refused', async () => {
    expect((await worker.get('/measures/households/foster-carers-approved')).statusCode).toBe(403);
  });
});
