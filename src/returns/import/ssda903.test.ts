// Moving to Lantern: importing an SSDA903 return from another system (issue 10, decision 0040).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type TestApp } from '../../../test/support/app.ts';
import { readSsda903Return } from '../ssda903/extract.ts';
import { collectionYear } from '../ssda903/year.ts';
import type { Ssda903Child, Ssda903Return } from '../ssda903/model.ts';
import { SSDA903_TABLES, tableCsv } from '../ssda903/tables.ts';
import { exampleSsda903, ssda903CsvFiles } from './example-ssda903.ts';
import { withEveryTable } from './example-ssda903-tables.ts';
import { importSsda903Files } from './ssda903.ts';
import { UnreadableFile } from './read-ssda903.ts';
import type { ImportReport } from './report.ts';

/** What the return's tables say of a child (not Lantern's id, nor what DfE derives from postcodes). */
const canonical = (c: Ssda903Child) => ({
  ...c,
  childId: undefined,
  episodes: c.episodes.map((e) => ({ ...e, plDistance: undefined, plLa: undefined, plInOwnLa: undefined, periodStart: undefined })),
});
const ALL_TABLES = ['Header', 'Episodes', 'UASC', 'Reviews', 'OC2', 'OC3', 'AD1', 'PlacedAdoption', 'PrevPerm', 'Missing', 'SWEpisodes'];
const byChild = (r: Ssda903Return) => new Map(r.children.map((c) => [c.child, canonical(c)]));
const total = (report: ImportReport, kind: keyof ImportReport['counts']) => {
  const c = report.counts[kind];
  return c.created + c.alreadyInLantern + c.rejected;
};
const csv = (name: string, r: Ssda903Return) => ({ fileName: `${name}.csv`, text: tableCsv(r, SSDA903_TABLES.find((t) => t.name === name)!) });

describe('importing an SSDA903 return (issue 10: moving to Lantern)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());
  const importAs = (files: { fileName: string; text: string }[], year: number | null = 2026) => importSsda903Files(t.ctx.db, files, { actorId: t.users.admin, today: TEST_TODAY, year });

  it('round trip: a generated return of 300 children imported and exported again for 2025-26 gives the same rows in every table; a second import creates nothing', async () => {
    const file = withEveryTable(exampleSsda903(300));
    const count = (rows: (c: Ssda903Child) => number) => file.children.reduce((n, c) => n + rows(c), 0);
    const expected = {
      careEpisode: count((c) => c.episodes.length),
      lookedAfterReview: count((c) => c.reviews.length),
      uasc: count((c) => (c.uasc ? 1 : 0)),
      oc3: count((c) => (c.oc3 ? 1 : 0)),
      ad1: count((c) => (c.ad1 ? 1 : 0)),
      placedAdoption: count((c) => c.placedAdoption.length),
      prevPerm: count((c) => (c.prevPerm ? 1 : 0)),
      missing: count((c) => c.missing.length),
      swEpisode: count((c) => c.swEpisodes.length),
    } as const;
    // Every table has rows, and the kinds of row the import treats differently are there.
    expect(file.children.filter((c) => c.episodes.length > 1).length).toBeGreaterThan(100);
    for (const [kind, n] of Object.entries(expected)) expect(n, kind).toBeGreaterThan(2);
    expect(file.children.some((c) => c.duc !== null) && file.children.some((c) => c.uasc && c.duc === null)).toBe(true);
    expect(file.children.some((c) => c.placedAdoption.some((p) => p.reasonPlacedCeased === 'RD3'))).toBe(true);
    expect(file.children.some((c) => c.prevPerm && c.prevPerm.prevPerm !== 'Z1')).toBe(true);
    expect(file.children.some((c) => c.swEpisodes.some((s) => s.swReason !== null))).toBe(true);
    expect(file.children.some((c) => c.missing.some((m) => m.misEnd === null))).toBe(true);

    const report = await importAs(ssda903CsvFiles(file, ALL_TABLES));
    expect(report.rejected).toEqual([]);
    expect(report.counts.child).toEqual({ created: 300, alreadyInLantern: 0, rejected: 0 });
    for (const [kind, n] of Object.entries(expected)) expect(report.counts[kind as keyof typeof expected], kind).toEqual({ created: n, alreadyInLantern: 0, rejected: 0 });
    expect(report.differences).toEqual([]);

    const held = await readSsda903Return(t.ctx.db, collectionYear(2026), { laNumber: '999', madeAt: '' }, TEST_TODAY);
    const exportedReturn = { ...held, children: held.children.filter((c) => c.child?.startsWith('OLD903')) };
    const exported = byChild(exportedReturn);
    expect(exported.size).toBe(300);
    for (const [id, child] of byChild(file)) expect(exported.get(id), id ?? '').toEqual(child);
    // The CSV files themselves are the same, row for row, table for table.
    expect(ssda903CsvFiles(exportedReturn, ALL_TABLES)).toEqual(ssda903CsvFiles(file, ALL_TABLES));

    const again = await importAs(ssda903CsvFiles(file, ALL_TABLES));
    expect(again.rejected).toEqual([]);
    expect(again.counts.child).toEqual({ created: 0, alreadyInLantern: 300, rejected: 0 });
    for (const [kind, n] of Object.entries(expected)) expect(again.counts[kind as keyof typeof expected], kind).toEqual({ created: 0, alreadyInLantern: n, rejected: 0 });
  }, 300_000);

  it('writes each fact with its journal event (care started, placement, legal status, review), so the chronology follows', async () => {
    const file = exampleSsda903(1, 2026, 'journal');
    file.children[0]!.child = 'JRN0001';
    await importAs(ssda903CsvFiles(file));
    const person = await t.ctx.db.selectFrom('person').select('id').where('la_child_id', '=', 'JRN0001').executeTakeFirstOrThrow();
    const types = (await t.ctx.db.selectFrom('child_event').select('type').where('child_id', '=', person.id).execute()).map((e) => e.type);
    expect(types).toContain('person.created');
    expect(types).toContain('care.started');
    expect(types).toContain('placement.started');
    expect(types.filter((x) => x === 'looked-after-review.held').length).toBe(file.children[0]!.reviews.length);
  });

  it('rejects every row it cannot take with the reason, and counts add up to what the files held (nothing silently dropped)', async () => {
    const base = exampleSsda903(6, 2026, 'rejected');
    const [good, badRne, gap, orphanOwner, badDate, reviewOutside] = base.children.map((c, i) => ({ ...c, child: `REJ${i}` }));
    badRne!.episodes = [{ ...badRne!.episodes[0]!, rne: 'Q' }, ...badRne!.episodes.slice(1)];
    gap!.episodes = [{ ...gap!.episodes[0]!, dec: '2025-05-01', rec: 'X1', decom: '2025-04-10' }, { ...gap!.episodes[0]!, decom: '2025-06-01', rne: 'P' }];
    reviewOutside!.reviews = [{ review: '2025-01-01', reviewCode: 'PN1' }];
    reviewOutside!.episodes = [{ ...reviewOutside!.episodes[0]!, decom: '2025-04-10', dec: null, rec: null }];
    reviewOutside!.dob = '2015-01-01';
    const header: Ssda903Return = { ...base, children: [good!, badRne!, gap!, badDate!, reviewOutside!] };
    const rest: Ssda903Return = { ...base, children: [good!, badRne!, gap!, orphanOwner!, badDate!, reviewOutside!] };
    const headerCsv = csv('Header', header);
    headerCsv.text = headerCsv.text.replace(/REJ4,([MF]),[0-9/]+,/, 'REJ4,$1,31/02/2015,');
    // The other tables' bad rows, each with what breaks it, for the good child.
    const start = good!.episodes[0]!.decom;
    const others: Ssda903Return = {
      ...base,
      children: [
        {
          ...good!,
          uasc: true,
          duc: '2099-01-01',
          missing: [{ missing: 'X', misStart: start, misEnd: null }, { missing: 'M', misStart: start, misEnd: '2020-01-01' }],
          prevPerm: { prevPerm: 'Z1', laPerm: '352', datePerm: null },
          placedAdoption: [{ datePlaced: start, datePlacedCeased: null, reasonPlacedCeased: 'RD3' }],
          swEpisodes: [{ swId: 'XX12345678', swDecom: start, swDec: null, swReason: 'BORED' }],
          oc3: { inTouch: 'YES', activ: 'F1', accom: 'B1' },
          oc2: { sdqScore: 12, sdqReason: null, convicted: '0', healthCheck: '1', immunisations: '1', teethCheck: '1', healthAssessment: '1', substanceMisuse: '0', interventionReceived: null, interventionOffered: null },
          ad1: { dateInt: null, dateMatch: null, fosterCare: null, nbAdoptr: null, sexAdoptr: null, lsAdoptr: null },
        },
      ],
    };
    const more = ['UASC', 'Missing', 'PrevPerm', 'PlacedAdoption', 'SWEpisodes', 'OC3', 'OC2', 'AD1'].map((name) => csv(name, others));
    // A second UASC row, and one whose DOB is not the Header's.
    more[0]!.text += more[0]!.text.split('\r\n')[1] + '\r\n' + more[0]!.text.split('\r\n')[1]!.replace(/,\d\d\/\d\d\/\d{4},/, ',01/01/2001,') + '\r\n';
    const report = await importAs([headerCsv, csv('Episodes', rest), csv('Reviews', rest), ...more]);
    const reasons = report.rejected.map((r) => `${r.laChildId} ${r.kind} ${r.where}: ${r.reason}`);
    expect(reasons.some((r) => r.startsWith('REJ1 careEpisode') && r.includes('RNE “Q”'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('REJ2 careEpisode') && r.includes('follow on day to day'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('REJ3 careEpisode Episodes row') && r.includes('No Header row for CHILD REJ3'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('REJ4 child') && r.includes('not a date'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('REJ5 lookedAfterReview') && r.includes('No period of care in Lantern on 2025-01-01'))).toBe(true);
    const of = (kind: string, text: string) => expect(reasons.filter((r) => r.startsWith(`REJ0 ${kind}`) && r.includes(text)), `${kind}: ${text}`).toHaveLength(1);
    of('uasc', 'DUC 2099-01-01 is not between');
    of('uasc', 'another UASC row');
    of('uasc', 'is not the Header’s');
    of('missing', 'MISSING “X” is not M');
    of('missing', 'MIS_END is before MIS_START');
    of('prevPerm', 'rule 635');
    of('placedAdoption', 'rule 119');
    of('swEpisode', 'SW_REASON “BORED” is not a code');
    of('oc3', 'no 17th to 21st birthday in the collection year');
    of('oc2', 'SDQ_SCORE, IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT: Lantern keeps each health check on the day it was done');
    of('oc2', 'CONVICTED, HEALTH_CHECK, SUBSTANCE_MISUSE: not held by Lantern');
    of('ad1', 'No DATE_INT');
    const episodesInFile = rest.children.reduce((n, c) => n + c.episodes.length, 0);
    const reviewsInFile = rest.children.reduce((n, c) => n + c.reviews.length, 0);
    expect(total(report, 'child')).toBe(5);
    expect(total(report, 'careEpisode')).toBe(episodesInFile);
    expect(total(report, 'lookedAfterReview')).toBe(reviewsInFile);
    for (const [kind, n] of [['uasc', 3], ['missing', 2], ['prevPerm', 1], ['placedAdoption', 1], ['swEpisode', 1], ['oc3', 1], ['oc2', 1], ['ad1', 1]] as const) {
      expect(report.counts[kind], kind).toEqual({ created: 0, alreadyInLantern: 0, rejected: n });
    }
    expect(report.counts.child.created).toBe(4);
    expect(report.counts.careEpisode.rejected).toBe(badRne!.episodes.length + 2 + orphanOwner!.episodes.length + badDate!.episodes.length);
  });

  it('a period of care Lantern holds is not changed by a later file: an episode it does not hold is rejected with why, and values held differently are listed', async () => {
    const first = exampleSsda903(1, 2026, 'held');
    const c = { ...first.children[0]!, child: 'HELD001', sex: 'F', mother: '0' };
    c.episodes = [{ ...c.episodes[0]!, decom: '2025-05-01', rne: 'S', dec: null, rec: null, reasonPlaceChange: null }];
    c.reviews = [];
    c.dob = '2012-01-01';
    c.upn = 'A123456789012';
    await importAs(ssda903CsvFiles({ ...first, children: [c] }));
    const later = { ...c, mother: '1', mcDob: '2025-09-01', episodes: [{ ...c.episodes[0]!, dec: '2025-10-01', rec: 'X1', reasonPlaceChange: 'CARPL' }, { ...c.episodes[0]!, decom: '2025-10-01', rne: 'P', place: 'K2' }] };
    const report = await importAs(ssda903CsvFiles({ ...first, children: [later] }));
    expect(report.counts.careEpisode).toEqual({ created: 0, alreadyInLantern: 1, rejected: 1 });
    expect(report.rejected.map((r) => r.reason)).toContain('The period of care from 2025-05-01 is already in Lantern without this episode: a period held is not changed by an import; record the change in Lantern');
    const items = report.differences.filter((d) => d.laChildId === 'HELD001').map((d) => `${d.where} ${d.item}: ${d.inFile} / ${d.inLantern}`);
    expect(items).toContain('Header MOTHER: 1 / 0');
    expect(items).toContain('Episode 2025-05-01 DEC: 2025-10-01 / not given');
  });

  it('the other tables write their facts with journal events; a fact held differently is not changed; AD1’s match and adopters are listed as not held by Lantern', async () => {
    const r = exampleSsda903(1, 2026, 'other-tables');
    const c = r.children[0]!;
    c.child = 'OTH0001';
    c.dob = '2023-02-01';
    c.upn = 'UN1';
    c.episodes = [{ ...c.episodes[0]!, decom: '2025-05-01', rne: 'S', dec: '2025-12-01', rec: 'E11', reasonPlaceChange: null }];
    c.reviews = [];
    c.missing = [{ missing: 'M', misStart: '2025-06-01', misEnd: '2025-06-02' }];
    c.placedAdoption = [{ datePlaced: '2025-06-10', datePlacedCeased: null, reasonPlacedCeased: null }];
    c.ad1 = { dateInt: '2025-06-10', dateMatch: '2025-09-01', fosterCare: null, nbAdoptr: '2', sexAdoptr: 'MF', lsAdoptr: 'L0' };
    c.swEpisodes = [{ swId: 'SW998877', swDecom: '2025-05-01', swDec: null, swReason: null }];
    const tables = ['Header', 'Episodes', 'Missing', 'PlacedAdoption', 'AD1', 'SWEpisodes'];
    const report = await importAs(ssda903CsvFiles(r, tables));
    expect(report.rejected).toEqual([]);
    const notHeld = report.differences.filter((d) => d.laChildId === 'OTH0001' && d.inLantern === 'not held by Lantern').map((d) => `${d.item} ${d.inFile}`);
    expect(notHeld).toEqual(['DATE_MATCH 2025-09-01', 'NB_ADOPTR 2', 'SEX_ADOPTR MF', 'LS_ADOPTR L0']);
    const person = await t.ctx.db.selectFrom('person').select('id').where('la_child_id', '=', 'OTH0001').executeTakeFirstOrThrow();
    const types = (await t.ctx.db.selectFrom('child_event').select('type').where('child_id', '=', person.id).execute()).map((e) => e.type);
    for (const type of ['missing.started', 'missing.returned', 'permanence.planned', 'allocation.started'] as const) expect(types, type).toContain(type);
    // An SW_ID that is not Lantern's own names an inactive account made for it.
    const worker = await t.ctx.db.selectFrom('app_user').select(['display_name', 'active']).where('username', '=', 'imported-sw-sw998877').executeTakeFirstOrThrow();
    expect(worker).toEqual({ display_name: 'Social worker SW998877 (imported from an SSDA903 return)', active: false });

    // The same file with the missing episode ending another day: Lantern keeps what it holds.
    c.missing = [{ missing: 'M', misStart: '2025-06-01', misEnd: '2025-06-05' }];
    const again = await importAs(ssda903CsvFiles(r, tables));
    expect(again.counts.missing).toEqual({ created: 0, alreadyInLantern: 0, rejected: 1 });
    expect(again.rejected.map((x) => x.reason)).toContain('Lantern already holds the episode from 2025-06-01 as returned 2025-06-02, the file says returned 2025-06-05: a fact held is not changed by an import; correct it in Lantern');
    expect(again.counts.placedAdoption).toEqual({ created: 0, alreadyInLantern: 1, rejected: 0 });
    expect(again.counts.ad1).toEqual({ created: 0, alreadyInLantern: 1, rejected: 0 });
  });

  it('2026-27: an ended deprivation of liberty order is imported and exported again; one still in force is rejected, needing the day it ends (DoLo, rules 700-710)', async () => {
    const r = exampleSsda903(1, 2027, 'dolo');
    const c = r.children[0]!;
    c.child = 'DOLO001';
    c.dob = '2011-03-01';
    c.upn = 'A123456789099';
    c.sex = 'M';
    c.mother = null;
    c.episodes = [{ ...c.episodes[0]!, decom: '2026-05-01', rne: 'S', dec: null, rec: null, reasonPlaceChange: null }];
    c.reviews = [];
    c.dolo = [{ doloStart: '2026-06-01', doloEnd: '2026-07-15' }, { doloStart: '2026-08-01', doloEnd: null }];
    const report = await importAs(ssda903CsvFiles(r, ['Header', 'Episodes', 'DoLo']), 2027);
    expect(report.counts.dolo).toEqual({ created: 1, alreadyInLantern: 0, rejected: 1 });
    expect(report.rejected[0]!.reason).toMatch(/^An order still in force needs the last day it authorises/);
    const held = await readSsda903Return(t.ctx.db, collectionYear(2027), { laNumber: '999', madeAt: '' }, TEST_TODAY);
    expect(held.children.find((x) => x.child === 'DOLO001')?.dolo).toEqual([{ doloStart: '2026-06-01', doloEnd: '2026-07-15' }]);
    const again = await importAs(ssda903CsvFiles(r, ['Header', 'Episodes', 'DoLo']), 2027);
    expect(again.counts.dolo).toEqual({ created: 0, alreadyInLantern: 1, rejected: 1 });
  });

  it('refuses files that are not the return’s tables, and a return without its Episodes', async () => {
    await expect(importAs([{ fileName: 'x.csv', text: 'A,B\r\n1,2\r\n' }])).rejects.toThrow(UnreadableFile);
    await expect(importAs([csv('Header', exampleSsda903(1))])).rejects.toThrow(/Episodes table is missing/);
  });
});
