// Moving to Lantern: importing a CIN census file from another system (issue 10, decision 0039).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type TestApp } from '../../../test/support/app.ts';
import { censusXml } from '../cin-census/xml.ts';
import { readCensusReturn } from '../cin-census/extract.ts';
import { collectionYear } from '../cin-census/year.ts';
import { cleanChild } from '../cin-census/test-fixture.ts';
import type { CensusChild, CensusReturn } from '../cin-census/model.ts';
import { importCensusFile } from './cin-census.ts';
import { UnreadableFile } from './read-cin-census.ts';
import { exampleCensus } from './example-census.ts';
import type { ImportReport } from './report.ts';

const header = { year: 2026, referenceDate: '2026-03-31', laNumber: '999', madeAt: '2026-04-15T09:00:00Z' };
const fileOf = (children: CensusChild[]): string => censusXml({ header, children });

/** The child as the census sees them, without Lantern's ids and with lists in one order. */
function canonical(c: CensusChild) {
  return {
    ...c,
    childId: undefined,
    disabilities: [...c.disabilities].sort(),
    cinDetails: [...c.cinDetails]
      .map((d) => ({
        ...d,
        episodeId: undefined,
        assessments: d.assessments.map((a) => ({ ...a, factors: [...a.factors].sort() })).sort((a, b) => a.startDate.localeCompare(b.startDate)),
        cinPlans: [...d.cinPlans].sort((a, b) => a.startDate.localeCompare(b.startDate)),
        section47s: [...d.section47s].sort((a, b) => a.startDate.localeCompare(b.startDate)),
        cpPlans: [...d.cpPlans].sort((a, b) => a.startDate.localeCompare(b.startDate)),
      }))
      .sort((a, b) => a.referralDate.localeCompare(b.referralDate)),
  };
}

const byLaChildId = (r: CensusReturn) => new Map(r.children.map((c) => [c.laChildId, canonical(c)]));

/** Every kind's counts add up to what the file held: nothing silently dropped. */
function total(report: ImportReport, kind: keyof ImportReport['counts']): number {
  const c = report.counts[kind];
  return c.created + c.alreadyInLantern + c.rejected;
}

describe('importing a CIN census file (issue 10: moving to Lantern)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());
  const importAs = (xml: string) => importCensusFile(t.ctx.db, xml, { actorId: t.users.admin, today: TEST_TODAY });

  it('creates the child, the episode and each fact with its journal event, so the chronology and clocks follow', async () => {
    const child = cleanChild({ laChildId: 'IMP0001' });
    const report = await importAs(fileOf([child]));
    expect(report.rejected).toEqual([]);
    expect(report.counts.child.created).toBe(1);
    expect(report.counts.episode.created).toBe(1);
    expect(report.counts.assessment.created).toBe(1);
    expect(report.counts.section47.created).toBe(1);
    expect(report.counts.initialConference.created).toBe(1);
    expect(report.counts.cpPlan.created).toBe(1);
    expect(report.counts.review.created).toBe(1);
    expect(report.counts.cinPlan.created).toBe(1);
    const person = await t.ctx.db.selectFrom('person').selectAll().where('la_child_id', '=', 'IMP0001').executeTakeFirstOrThrow();
    expect(person.first_name).toBe('Name not known');
    const events = await t.ctx.db.selectFrom('child_event').select(['type', 'occurred_on']).where('child_id', '=', person.id).orderBy('occurred_on').execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['referral.received', 'assessment.started', 's47.initiated', 'icpc.held', 'cp-plan.started', 'cp-review.held', 'cp-plan.ended', 'cin-plan.started']));
    // The conference clock ran from the enquiry's start and was met by the conference (Working Together ch.3).
    const clock = await t.ctx.db.selectFrom('clock').select(['due_on', 'met_on']).where('child_id', '=', person.id).where('rule_id', '=', 'initial-conference').executeTakeFirstOrThrow();
    expect(String(clock.met_on)).toBe('2025-05-27');
    // What Lantern holds differently is said, not hidden: the other system counted the conference from
    // a strategy discussion the census does not carry (Lantern counts from the enquiry's start), and the
    // child had a plan before this one that the file does not hold.
    expect(report.differences).toEqual([
      { laChildId: 'IMP0001', where: 'CINdetails 2025-05-01 / Section47 2025-05-06', item: 'InitialCPCtarget', inFile: '2025-05-27', inLantern: '2025-05-28' },
      { laChildId: 'IMP0001', where: 'CINdetails 2025-05-01 / CP plan 2025-05-27', item: 'NumberOfPreviousCPP', inFile: '1', inLantern: '0' },
    ]);
  });

  it('importing the same file twice creates nothing twice', async () => {
    const xml = fileOf([cleanChild({ laChildId: 'IMP0002' })]);
    const first = await importAs(xml);
    const count = async () => Number((await t.ctx.db.selectFrom('child_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const second = await importAs(xml);
    expect(await count()).toBe(before);
    for (const kind of Object.keys(first.counts) as (keyof ImportReport['counts'])[]) {
      expect(second.counts[kind].created, kind).toBe(0);
      expect(second.counts[kind].alreadyInLantern, kind).toBe(first.counts[kind].created);
    }
  });

  it('lists every row it rejects and why, and the counts add up to the file', async () => {
    const good = cleanChild({ laChildId: 'IMP0003' });
    const noId = cleanChild({ laChildId: null });
    const badClosure = cleanChild({ laChildId: 'IMP0004' });
    badClosure.cinDetails[0]!.closureDate = '2026-01-10';
    const twoOpen = cleanChild({ laChildId: 'IMP0005' });
    twoOpen.cinDetails.push({ ...twoOpen.cinDetails[0]!, referralDate: '2025-09-01', assessments: [], section47s: [], cpPlans: [], cinPlans: [] });
    const xml = fileOf([good, noId, badClosure, twoOpen]);
    const report = await importAs(xml);
    expect(report.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ position: 2, laChildId: null, kind: 'child', reason: expect.stringContaining('No LAchildID') }),
        expect.objectContaining({ position: 3, laChildId: 'IMP0004', kind: 'episode', where: 'CINdetails 1', reason: expect.stringContaining('both its date') }),
        expect.objectContaining({ position: 4, laChildId: 'IMP0005', kind: 'episode', where: 'CINdetails 2', reason: expect.stringContaining('one open episode at a time') }),
      ]),
    );
    expect(report.counts.child).toEqual({ created: 3, alreadyInLantern: 0, rejected: 1 });
    // What the rejected episode held is counted as rejected with it.
    expect(total(report, 'assessment')).toBe(4);
    expect(report.counts.assessment.created).toBe(2);
    expect(total(report, 'episode')).toBe(5);
  });

  it('a child the database refuses is rejected with the constraint, and the rest of the file still imports', async () => {
    // A record deleted in Lantern keeps its LA child ID, so the file's child cannot be created again:
    // the importer does not foresee it, the database's unique key refuses it.
    await importAs(fileOf([cleanChild({ laChildId: 'IMP0007' })]));
    await t.ctx.db.updateTable('person').set({ deleted_at: new Date(), deleted_by: t.users.admin, deleted_reason: 'Test: recorded in error' }).where('la_child_id', '=', 'IMP0007').execute();
    const report = await importAs(fileOf([cleanChild({ laChildId: 'IMP0007' }), cleanChild({ laChildId: 'IMP0008' })]));
    expect(report.rejected).toEqual([expect.objectContaining({ position: 1, laChildId: 'IMP0007', kind: 'child', reason: expect.stringContaining('person_la_child_id_key') })]);
    expect(report.counts.child).toEqual({ created: 1, alreadyInLantern: 0, rejected: 1 });
    expect(report.counts.episode).toEqual({ created: 1, alreadyInLantern: 0, rejected: 1 });
    expect(await t.ctx.db.selectFrom('person').select('id').where('la_child_id', '=', 'IMP0008').executeTakeFirst()).toBeDefined();
  });

  it('a date that is not a date rejects that child, naming the element', async () => {
    const xml = fileOf([cleanChild({ laChildId: 'IMP0006' })]).replace('<CINreferralDate>2025-05-01</CINreferralDate>', '<CINreferralDate>01/05/2025</CINreferralDate>');
    const report = await importAs(xml);
    expect(report.rejected).toEqual([expect.objectContaining({ laChildId: 'IMP0006', kind: 'child', reason: 'CINdetails 1 / CINreferralDate: "01/05/2025" is not a date (YYYY-MM-DD)' })]);
    expect(await t.ctx.db.selectFrom('person').select('id').where('la_child_id', '=', 'IMP0006').executeTakeFirst()).toBeUndefined();
  });

  it('a file that is not a CIN census imports nothing', async () => {
    await expect(importAs('<not xml')).rejects.toBeInstanceOf(UnreadableFile);
    await expect(importAs('<?xml version="1.0"?><Message><Header><CollectionDetails><Collection>SSDA903</Collection></CollectionDetails></Header></Message>')).rejects.toThrow(/not a CIN census/);
  });

  it('round trip: 300 children imported and exported again for the same year give the same children and values', async () => {
    const file = exampleCensus(300);
    const report = await importAs(censusXml(file));
    expect(report.rejected).toEqual([]);
    expect(report.differences).toEqual([]);
    expect(report.counts.child.created).toBe(300);
    const exported = await readCensusReturn(t.ctx.db, collectionYear(2026), { laNumber: '999', madeAt: header.madeAt });
    const again = byLaChildId(exported);
    const before = byLaChildId(file);
    for (const [id, child] of before) expect(again.get(id), id ?? '').toEqual(child);
  });
});
