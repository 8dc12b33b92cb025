// CIN census 2026-27 Module 5, pre-proceedings and family group decision-making (policy-2026.md §2.5;
// decision 0032): each rule with a block that breaks it and a near miss, the block in the XML against
// the 2026-27 test schema, and the block read from the record of a child in pre-proceedings.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { startTestApp, type Agent, type TestApp } from '../../../test/support/app.ts';
import { makeChild, openEpisode } from '../../plans/test-helpers.ts';
import type { CensusChild, CensusPreProceedings } from './model.ts';
import { validateCensus } from './validate.ts';
import { censusSchema2025, censusSchema2027 } from './schema.ts';
import { censusXml } from './xml.ts';
import { censusReturn } from './service.ts';
import { collectionYear } from './year.ts';
import { cleanChild, fixtureReturn } from './test-fixture.ts';
import { MODULE5_RULES } from './rules/module5.ts';

const YEAR = collectionYear(2027);
const ctx = { year: YEAR, asOf: YEAR.end };

/** Pre-proceedings through a whole year: decided, letter with the offer, meetings, a family group meeting, step up, application, letter. */
const cleanBlock = (): CensusPreProceedings => ({
  preProceedingsId: 'pp1',
  ppStartDate: '2026-05-04',
  lbpSentDate: '2026-05-11',
  fgdmMeetingOffer: true,
  fgdmMeetingFac: true,
  initialPpMeetingDate: '2026-05-25',
  reviewMeetingsCount: 2,
  stepDecisionDate: '2026-09-07',
  ppOutcome: 'A',
  courtAppDate: '2026-09-14',
  letterInitCpDate: '2026-09-15',
});

/** The clean child moved into 2026-27, with one pre-proceedings block. */
function childWith(change: (p: CensusPreProceedings) => void = () => {}): CensusChild {
  const c = cleanChild();
  const d = c.cinDetails[0]!;
  d.referralDate = '2026-04-06';
  d.assessments = [{ startDate: '2026-04-07', authorisationDate: '2026-05-01', factors: ['16A'] }];
  d.section47s = [];
  d.cpPlans = [];
  d.cinPlans = [{ startDate: '2026-05-01', endDate: null }];
  const p = cleanBlock();
  change(p);
  d.preProceedings = [p];
  return c;
}

const failing = (children: CensusChild[], context = ctx) => validateCensus({ ...fixtureReturn(children), header: { ...fixtureReturn().header, year: 2027, referenceDate: '2027-03-31' } }, context).failures;
const codes = (children: CensusChild[]) => failing(children).map((f) => f.code);

// [DfE number, what breaks it, a near miss that does not]
const CASES: [string, (p: CensusPreProceedings) => void, (p: CensusPreProceedings) => void][] = [
  ['9005', (p) => (p.ppStartDate = '2026-03-31'), (p) => (p.ppStartDate = '2026-04-01')],
  ['9006', (p) => (p.lbpSentDate = '2026-05-03'), (p) => (p.lbpSentDate = '2026-05-04')],
  ['9007', (p) => (p.fgdmMeetingOffer = null), (p) => { p.fgdmMeetingOffer = false; p.fgdmMeetingFac = null; }],
  ['9008', (p) => (p.initialPpMeetingDate = '2027-04-01'), (p) => (p.initialPpMeetingDate = '2027-03-31')],
  ['9009', (p) => (p.stepDecisionDate = '2026-05-03'), (p) => (p.stepDecisionDate = '2026-05-04')],
  ['9010Q', (p) => (p.fgdmMeetingFac = null), (p) => (p.fgdmMeetingFac = false)],
  ['9011', (p) => (p.ppOutcome = 'D'), (p) => (p.ppOutcome = 'C')],
  ['9012', (p) => (p.courtAppDate = '2026-09-06'), (p) => (p.courtAppDate = '2026-09-07')],
  ['9013', (p) => (p.letterInitCpDate = '2026-09-13'), (p) => (p.letterInitCpDate = '2026-09-14')],
  ['9015Q', (p) => (p.reviewMeetingsCount = null), (p) => (p.reviewMeetingsCount = 0)],
];

describe('Module 5 rules (CIN census 2026-27, rules 9005-9015Q, 8995Q, 9000Q)', () => {
  it('a whole pre-proceedings, recorded in the year, breaks no Module 5 rule', () => {
    expect(codes([childWith()]).filter((c) => MODULE5_RULES.some((r) => r.code === c))).toEqual([]);
  });

  it.each(CASES)('rule %s: fails where it is broken, passes where it is not', (code, breaks, nearMiss) => {
    expect(codes([childWith(breaks)])).toContain(code);
    expect(codes([childWith(nearMiss)])).not.toContain(code);
  });

  it('rule 9006 also fails for a letter after the year; 9012 for an application after it', () => {
    expect(codes([childWith((p) => (p.lbpSentDate = '2027-04-02'))])).toContain('9006');
    expect(codes([childWith((p) => (p.courtAppDate = '2027-04-02'))])).toContain('9012');
  });

  it('rules 8995Q and 9000Q: once for the whole year’s return when no child has Module 5 data, not when one has, nor part-way through the year', () => {
    const none = cleanChild();
    none.cinDetails[0]!.preProceedings = [];
    const found = failing([none]).filter((f) => f.code === '8995Q' || f.code === '9000Q');
    expect(found.map((f) => [f.code, f.childId])).toEqual([
      ['8995Q', null],
      ['9000Q', null],
    ]);
    expect(codes([none, { ...childWith(), childId: 'c2', laChildId: 'LC2', upn: null }])).not.toContain('8995Q');
    // The live record part-way through the year asks neither: no pre-proceedings yet is no question.
    expect(failing([none], { year: YEAR, asOf: '2026-11-20' }).map((f) => f.code).filter((c) => c === '8995Q' || c === '9000Q')).toEqual([]);
    const noStart = childWith((p) => (p.ppStartDate = null));
    expect(codes([noStart])).toContain('9000Q');
    expect(codes([noStart])).not.toContain('8995Q');
  });

  it('none of them runs before 2026-27', () => {
    const c = childWith((p) => (p.ppOutcome = 'D'));
    const earlier = validateCensus(fixtureReturn([c]), { year: collectionYear(2026), asOf: '2026-03-31' }).failures.map((f) => f.code);
    expect(earlier.filter((code) => MODULE5_RULES.some((r) => r.code === code))).toEqual([]);
  });

  it('the failure names the child and the pre-proceedings', () => {
    const f = failing([childWith((p) => (p.ppOutcome = 'D'))]).find((x) => x.code === '9011');
    expect(f).toMatchObject({ childId: cleanChild().childId, where: 'Referral 2026-04-06: pre-proceedings decided 2026-05-04', kind: 'error' });
  });
});

const xsd2024 = readFileSync(path.resolve(process.cwd(), '../shared/specs/cin-census-2024.xsd'), 'utf8');
async function validate(xml: string, xsd: string) {
  const result = await validateXML({ xml: [{ fileName: 'cin.xml', contents: xml }], schema: [{ fileName: 'cin.xsd', contents: xsd }], initialMemoryPages: 512, maxMemoryPages: 16384 });
  return { valid: result.valid, errors: result.errors.slice(0, 5).map((e) => e.rawMessage) };
}

describe('the PreProceedingsandFGDM block in the XML (the 2026-27 test schema: 2024-25 with the block added)', () => {
  it('is written after the CP plans, in the item order of the validator, with the yes/no items as 1 and 0, and is valid', async () => {
    const c = childWith((p) => (p.fgdmMeetingFac = false));
    const xml = censusXml({ ...fixtureReturn([c]), header: { ...fixtureReturn().header, year: 2027, referenceDate: '2027-03-31' } });
    const block = xml.slice(xml.indexOf('<PreProceedingsandFGDM>'), xml.indexOf('</PreProceedingsandFGDM>'));
    expect(block.replace(/\s+/g, '')).toBe(
      '<PreProceedingsandFGDM><PPStartDate>2026-05-04</PPStartDate><LBPSentDate>2026-05-11</LBPSentDate><FGDMMeetingOffer>1</FGDMMeetingOffer><FGDMMeetingFac>0</FGDMMeetingFac>' +
        '<InitialPPMeetingDate>2026-05-25</InitialPPMeetingDate><ReviewMeetingsCount>2</ReviewMeetingsCount><StepDecisionDate>2026-09-07</StepDecisionDate><PPOutcome>A</PPOutcome>' +
        '<CourtAppDate>2026-09-14</CourtAppDate><LetterInitCPDate>2026-09-15</LetterInitCPDate>',
    );
    expect(await validate(xml, censusSchema2027(xsd2024))).toEqual({ valid: true, errors: [] });
    // The 2024-25 schema has no such block: the test schema is what lets it through.
    expect((await validate(xml, censusSchema2025(xsd2024))).valid).toBe(false);
    // An outcome outside CS131 is refused by the schema too.
    const bad = censusXml({ ...fixtureReturn([childWith((p) => (p.ppOutcome = 'D'))]), header: { ...fixtureReturn().header, year: 2027, referenceDate: '2027-03-31' } });
    expect((await validate(bad, censusSchema2027(xsd2024))).valid).toBe(false);
  });
});

describe('the block from the record of a child in pre-proceedings', () => {
  let t: TestApp;
  let worker: Agent;
  beforeAll(async () => {
    t = await startTestApp();
    worker = await t.signIn('worker');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('PPStartDate is the legal planning meeting; the offer, the family group meeting, the step up, the application and its letter follow the record', async () => {
    const childId = await makeChild(t, { firstName: 'Nana' });
    await t.ctx.db.updateTable('person').set({ la_child_id: 'LC9001' }).where('id', '=', childId).execute();
    await openEpisode(t, childId, '2026-04-13');
    const mother = randomUUID();
    await t.ctx.db.insertInto('person').values({ id: mother, kind: 'adult', first_name: 'Adjoa', last_name: 'Adeyemi', recorded_by: t.users.admin }).execute();
    await t.ctx.db.insertInto('relationship').values({ id: randomUUID(), person_id: childId, related_person_id: mother, kind: 'mother', parental_responsibility: true, recorded_by: t.users.admin }).execute();
    const api = `/api/v1/children/${childId}`;
    const ok = async (method: 'POST' | 'PUT', url: string, body: unknown) => {
      const r = await worker.api(method, url, body);
      expect(r.statusCode, r.body).toBeLessThan(300);
      return r.json() as { id: string };
    };
    await ok('POST', `${api}/legal-planning-meetings`, { heldOn: '2026-06-01', decision: 'pre_proceedings', reasons: 'Neglect' });
    const pre = await ok('POST', `${api}/pre-proceedings`, { sentOn: '2026-06-03' });
    const offerId = (await ok('POST', `${api}/pre-proceedings/${pre.id}/family-group/offers`, { offeredOn: '2026-06-03', personIds: [mother] })).id;
    await ok('POST', `${api}/fgdm-offers/${offerId}/answer`, { response: 'accepted', respondedOn: '2026-06-08' });
    await ok('POST', `${api}/pre-proceedings/${pre.id}/meetings`, { heldOn: '2026-06-15', kind: 'meeting', outcome: 'Agreement signed' });
    await ok('POST', `${api}/pre-proceedings/${pre.id}/meetings`, { heldOn: '2026-07-20', kind: 'review', outcome: 'Little progress' });
    await ok('POST', `${api}/pre-proceedings/${pre.id}/family-group/meetings`, { heldOn: '2026-07-01', attendeeIds: [mother], familyProposal: 'Aunt to care for Nana' });
    await ok('POST', `${api}/pre-proceedings/${pre.id}/end`, { endedOn: '2026-08-24', outcome: 'issue_proceedings', reason: 'No change' });
    await ok('POST', `${api}/care-proceedings`, { issuedOn: '2026-08-31', court: 'Family Court', caseNumber: 'X9', applicationType: 'care_order', letterInitiatingSentOn: '2026-09-01' });

    const census = await censusReturn(t.ctx.db, 2027, new Date('2026-11-20T09:00:00Z'));
    const child = census.children.find((c) => c.childId === childId)!;
    expect(child.cinDetails[0]!.preProceedings).toEqual([
      {
        preProceedingsId: pre.id,
        ppStartDate: '2026-06-01',
        lbpSentDate: '2026-06-03',
        fgdmMeetingOffer: true,
        fgdmMeetingFac: true,
        initialPpMeetingDate: '2026-06-15',
        reviewMeetingsCount: 1,
        stepDecisionDate: '2026-08-24',
        ppOutcome: 'A',
        courtAppDate: '2026-08-31',
        letterInitCpDate: '2026-09-01',
      },
    ]);
    // The 2025-26 return has no Module 5 at all.
    const earlier = await censusReturn(t.ctx.db, 2026, new Date('2026-11-20T09:00:00Z'));
    expect(earlier.children.flatMap((c) => c.cinDetails).every((d) => d.preProceedings === undefined)).toBe(true);
    expect((await validate(censusXml(census), censusSchema2027(xsd2024))).errors).toEqual([]);
    // The live check names no Module 5 failure for this child.
    const report = validateCensus(census, { year: YEAR, asOf: '2026-11-20' });
    expect(report.failures.filter((f) => f.childId === childId && MODULE5_RULES.some((r) => r.code === f.code))).toEqual([]);
  });

  it('with the letter sent and nothing recorded about an offer, FGDMMeetingOffer is left empty and rule 9007 asks for it', async () => {
    const childId = await makeChild(t, { firstName: 'Kweku' });
    await openEpisode(t, childId, '2026-04-13');
    const api = `/api/v1/children/${childId}`;
    expect((await worker.api('POST', `${api}/legal-planning-meetings`, { heldOn: '2026-06-01', decision: 'pre_proceedings', reasons: 'Neglect' })).statusCode).toBe(201);
    expect((await worker.api('POST', `${api}/pre-proceedings`, { sentOn: '2026-06-03' })).statusCode).toBe(201);
    const census = await censusReturn(t.ctx.db, 2027, new Date('2026-11-20T09:00:00Z'));
    const block = census.children.find((c) => c.childId === childId)!.cinDetails[0]!.preProceedings![0]!;
    expect(block).toMatchObject({ lbpSentDate: '2026-06-03', fgdmMeetingOffer: null, fgdmMeetingFac: null, stepDecisionDate: null, ppOutcome: null });
    const report = validateCensus(census, { year: YEAR, asOf: '2026-11-20' });
    expect(report.failures.filter((f) => f.childId === childId).map((f) => f.code)).toContain('9007');
  });
});
