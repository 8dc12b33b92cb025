// Each CIN census validation rule (standards.md §1.5) with a return that breaks it and one that
// does not. The clean child breaks none; each case changes it just enough to break one rule.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CENSUS_RULES } from './rules/index.ts';
import { MODULE5_RULES } from './rules/module5.ts';
import { validateCensus } from './validate.ts';
import type { CensusChild, CensusCinDetails } from './model.ts';
import { cleanChild, fixtureContext, fixtureReturn } from './test-fixture.ts';

type Change = (c: CensusChild, d: CensusCinDetails) => void;

/** The clean child with one change made to it (d: its first referral). */
function changed(change: Change): CensusChild {
  const c = cleanChild();
  change(c, c.cinDetails[0]!);
  return c;
}

const codesFailing = (children: CensusChild[], asOf?: string) => validateCensus(fixtureReturn(children), fixtureContext(asOf)).failures.map((f) => f.code);

// [DfE number, what breaks it, a near miss that does not]
const CASES: [string, Change, Change][] = [
  ['8500', (c) => (c.laChildId = null), (c) => (c.laChildId = 'A1')],
  ['1570', (c) => (c.laChildId = 'A'.repeat(21)), (c) => (c.laChildId = 'A'.repeat(20))],
  ['1580', (c) => (c.laChildId = 'LC-0001'), (c) => (c.laChildId = 'LC0001')],
  ['1510', (c) => (c.upn = 'B201123456789'), (c) => (c.upn = 'A201123456788')],
  ['1530', (c) => (c.upn = 'P999123456789'), () => {}],
  ['1540', (c) => (c.upn = 'P2011234X6789'), () => {}],
  ['1550', (c) => (c.upn = 'P20112345678I'), () => {}],
  ['1560Q', (c) => (c.formerUpn = 'P2011'), (c) => (c.formerUpn = 'A201123456788')],
  ['8770Q', (c) => { c.upn = null; c.upnUnknown = 'UN1'; }, (c) => { c.upn = null; c.upnUnknown = 'UN2'; }],
  ['8772', (c) => (c.upnUnknown = 'UN7'), (c, d) => { c.upnUnknown = 'UN7'; d.referralNfa = true; d.assessments = []; d.section47s = []; d.cpPlans = []; d.cinPlans = []; d.referralDate = '2025-06-01'; }],
  ['4180', (c) => (c.sex = '1'), (c) => (c.sex = 'M')],
  ['8750', (c) => { c.birthDate = null; c.expectedBirthDate = '2026-05-01'; c.sex = 'F'; }, (c) => { c.birthDate = null; c.expectedBirthDate = '2026-05-01'; c.sex = 'U'; c.cinDetails = []; }],
  ['8520', (c) => (c.birthDate = '2026-04-01'), (c) => (c.birthDate = '2024-04-01')],
  ['8525Q', (c) => (c.expectedBirthDate = '2015-05-10'), () => {}],
  ['8530Q', (c) => { c.birthDate = null; c.expectedBirthDate = '2027-01-10'; c.sex = 'U'; }, (c) => { c.birthDate = null; c.expectedBirthDate = '2026-06-10'; c.sex = 'U'; }],
  ['8535Q', (c) => (c.deathDate = '2015-01-01'), () => {}],
  ['8545Q', (c) => (c.deathDate = '2026-04-02'), () => {}],
  ['8775Q', (c) => (c.birthDate = '1990-01-01'), (c) => (c.birthDate = '2008-01-01')],
  ['8590', (c) => (c.cinDetails = []), () => {}],
  ['4220', (c) => (c.ethnicity = 'XXXX'), (c) => (c.ethnicity = 'NOBT')],
  ['8540', (c) => (c.disabilities = ['LEGS']), (c) => (c.disabilities = ['MOB'])],
  ['8790', (c) => (c.disabilities = ['NONE', 'MOB']), (c) => (c.disabilities = ['HAND', 'MOB'])],
  ['8794', (c) => (c.disabilities = ['MOB', 'MOB']), (c) => (c.disabilities = ['MOB', 'VIS'])],

  ['8600', (_c, d) => (d.referralDate = '2026-04-02'), () => {}],
  ['8606', (c, d) => { c.birthDate = null; c.expectedBirthDate = '2026-05-01'; c.sex = 'U'; d.referralDate = '2025-07-01'; }, (c, d) => { c.birthDate = '2025-09-01'; d.referralDate = '2025-05-01'; }],
  ['8555Q', (c) => (c.deathDate = '2025-04-30'), (c) => (c.deathDate = '2026-03-30')],
  ['8866', (_c, d) => (d.referralSource = '11'), (_c, d) => (d.referralSource = '5D')],
  ['8568', (_c, d) => (d.referralNfa = null), () => {}],
  ['8569Q', (_c, d) => { d.referralNfa = true; d.referralDate = '2025-03-20'; d.assessments = []; d.section47s = []; d.cpPlans = []; d.cinPlans = []; }, (_c, d) => { d.referralNfa = true; d.referralDate = '2025-04-01'; d.assessments = []; d.section47s = []; d.cpPlans = []; d.cinPlans = []; }],
  ['8610', (_c, d) => (d.primaryNeed = null), (_c, d) => { d.primaryNeed = null; d.referralNfa = true; d.assessments = []; d.section47s = []; d.cpPlans = []; d.cinPlans = []; }],
  ['8650', (_c, d) => (d.primaryNeed = 'N10'), (_c, d) => (d.primaryNeed = 'N0')],
  ['8620', (_c, d) => { d.closureDate = '2026-04-01'; d.closureReason = 'RC7'; }, (_c, d) => { d.closureDate = '2026-03-31'; d.closureReason = 'RC7'; d.cinPlans[0]!.endDate = '2026-03-31'; }],
  ['8630', (_c, d) => { d.closureDate = '2025-04-30'; d.closureReason = 'RC7'; }, () => {}],
  ['8640', (_c, d) => { d.closureDate = '2026-03-01'; d.closureReason = 'RC10'; d.cinPlans[0]!.endDate = '2026-03-01'; }, (_c, d) => { d.closureDate = '2026-03-01'; d.closureReason = 'RC7'; d.cinPlans[0]!.endDate = '2026-03-01'; }],
  ['8805', (_c, d) => { d.closureDate = '2026-03-01'; d.cinPlans[0]!.endDate = '2026-03-01'; }, () => {}],
  ['8810', (_c, d) => (d.closureReason = 'RC7'), () => {}],
  ['8585Q', (_c, d) => { d.closureDate = '2026-03-01'; d.closureReason = 'RC2'; d.cinPlans[0]!.endDate = '2026-03-01'; }, (c, d) => { c.deathDate = '2026-03-01'; d.closureDate = '2026-03-01'; d.closureReason = 'RC2'; d.cinPlans[0]!.endDate = '2026-03-01'; }],
  ['8815', (c) => c.cinDetails.push(secondReferral({ referralDate: '2026-02-01' })), (c) => c.cinDetails.push(secondReferral({ referralDate: '2026-02-01', referralNfa: true }))],
  ['8816', (c, d) => { d.closureDate = null; c.cinDetails.push(secondReferral({ referralDate: '2026-02-01', closureDate: '2026-02-10', closureReason: 'RC7' })); }, (c, d) => { d.closureDate = '2026-01-31'; d.closureReason = 'RC7'; d.cinPlans[0]!.endDate = '2026-01-31'; c.cinDetails.push(secondReferral({ referralDate: '2026-02-01' })); }],
  ['8820', (c, d) => { d.closureDate = '2026-02-10'; d.closureReason = 'RC7'; d.cinPlans[0]!.endDate = '2026-02-10'; c.cinDetails.push(secondReferral({ referralDate: '2026-02-01' })); }, (c, d) => { d.closureDate = '2026-01-31'; d.closureReason = 'RC7'; d.cinPlans[0]!.endDate = '2026-01-31'; c.cinDetails.push(secondReferral({ referralDate: '2026-02-01' })); }],
  ['8825Q', (_c, d) => { d.closureDate = '2025-05-10'; d.closureReason = 'RC8'; d.assessments = []; d.section47s = []; d.cpPlans = []; d.cinPlans = []; }, (_c, d) => { d.closureDate = '2025-06-10'; d.closureReason = 'RC8'; d.section47s = []; d.cpPlans = []; d.cinPlans = []; }],
  ['2990', (_c, d) => { d.closureDate = '2026-03-01'; d.closureReason = 'RC8'; d.cinPlans[0]!.endDate = '2026-03-01'; }, (_c, d) => { d.closureDate = '2025-06-10'; d.closureReason = 'RC8'; d.section47s = []; d.cpPlans = []; d.cinPlans = []; }],
  ['8831', (_c, d) => (d.referralNfa = true), () => {}],
  ['8867', (_c, d) => { d.closureDate = '2026-03-01'; d.closureReason = 'RC7'; d.cinPlans[0]!.endDate = '2026-03-01'; d.assessments[0]!.authorisationDate = null; d.assessments[0]!.factors = []; }, () => {}],
  ['8868', (_c, d) => { d.closureDate = '2026-03-01'; d.closureReason = 'RC7'; d.cinPlans[0]!.endDate = '2026-03-01'; d.section47s[0]!.icpcDate = null; d.cpPlans = []; }, (_c, d) => { d.closureDate = '2026-03-01'; d.closureReason = 'RC7'; d.cinPlans[0]!.endDate = '2026-03-01'; d.section47s[0]!.icpcDate = null; d.section47s[0]!.icpcNotRequired = true; d.cpPlans = []; }],
  ['2991Q', (_c, d) => (d.assessments = []), () => {}],

  ['1103', (_c, d) => (d.assessments[0]!.startDate = '2025-04-30'), (_c, d) => (d.assessments[0]!.startDate = '2025-05-01')],
  ['8608', (_c, d) => (d.assessments[0]!.authorisationDate = '2025-05-01'), (_c, d) => (d.assessments[0]!.authorisationDate = '2025-05-02')],
  ['8614', (_c, d) => (d.assessments[0]!.authorisationDate = null), (_c, d) => { d.assessments[0]!.authorisationDate = null; d.assessments[0]!.factors = []; }],
  ['8670Q', (_c, d) => { d.assessments[0] = { startDate: '2026-01-05', authorisationDate: null, factors: [] }; }, (_c, d) => { d.assessments[0] = { startDate: '2026-02-20', authorisationDate: null, factors: [] }; }],
  ['8696', (_c, d) => { d.referralDate = '2025-03-01'; d.assessments[0] = { startDate: '2025-03-02', authorisationDate: '2025-03-30', factors: ['16A'] }; }, () => {}],
  ['8736', (_c, d) => { d.referralDate = '2025-03-01'; d.assessments[0] = { startDate: '2025-03-02', authorisationDate: null, factors: [] }; }, (_c, d) => { d.referralDate = '2025-03-01'; d.assessments[0] = { startDate: '2025-04-02', authorisationDate: null, factors: [] }; }],
  ['8863Q', (_c, d) => d.assessments.push({ startDate: '2025-06-01', authorisationDate: '2025-07-01', factors: ['16A'] }), (_c, d) => d.assessments.push({ startDate: '2025-06-11', authorisationDate: '2025-07-01', factors: ['16A'] })],
  ['8896', (_c, d) => { d.assessments = [{ startDate: '2026-03-01', authorisationDate: null, factors: [] }, { startDate: '2026-03-02', authorisationDate: null, factors: [] }]; }, () => {}],
  ['8869', (_c, d) => (d.assessments[0]!.factors = ['21', '16A']), (_c, d) => (d.assessments[0]!.factors = ['21'])],
  ['8873Q', (_c, d) => { d.assessments[0]!.factors = ['21']; d.section47s = []; d.cpPlans = []; d.cinPlans = []; d.closureDate = '2025-06-10'; d.closureReason = 'RC7'; }, (_c, d) => { d.assessments[0]!.factors = ['21']; d.section47s = []; d.cpPlans = []; d.cinPlans = []; d.closureDate = '2025-06-10'; d.closureReason = 'RC8'; }],
  ['8897Q', (_c, d) => (d.assessments[0]!.factors = []), () => {}],
  ['8898', (_c, d) => (d.assessments[0]!.factors = ['16A', '16A']), (_c, d) => (d.assessments[0]!.factors = ['16A', '17A'])],
  ['8945Q', (_c, d) => (d.assessments[0]!.factors = ['18A']), (_c, d) => (d.assessments[0]!.factors = ['18B'])],
  ['8950Q', (_c, d) => (d.assessments[0]!.factors = ['19A']), (_c, d) => (d.assessments[0]!.factors = ['19C'])],

  ['1104', (_c, d) => { d.section47s[0]!.icpcDate = '2025-04-29'; d.section47s[0]!.startDate = '2025-04-28'; d.cpPlans[0]!.startDate = '2025-04-29'; }, () => {}],
  ['2889', (_c, d) => (d.section47s[0]!.startDate = '2025-04-30'), (_c, d) => (d.section47s[0]!.startDate = '2025-05-01')],
  ['8615', (_c, d) => (d.section47s[0]!.startDate = '2025-05-28'), (_c, d) => (d.section47s[0]!.startDate = '2025-05-27')],
  ['8675Q', (_c, d) => { d.section47s[0] = { startDate: '2026-03-02', icpcTarget: null, icpcDate: null, icpcNotRequired: false }; d.cpPlans = []; }, (_c, d) => { d.section47s[0] = { startDate: '2026-03-20', icpcTarget: null, icpcDate: null, icpcNotRequired: false }; d.cpPlans = []; }],
  ['8715', (_c, d) => { d.referralDate = '2025-03-01'; d.assessments[0]!.startDate = '2025-03-02'; d.section47s[0] = { startDate: '2025-03-03', icpcTarget: null, icpcDate: '2025-03-20', icpcNotRequired: false }; d.cpPlans[0]!.startDate = '2025-03-20'; }, () => {}],
  ['8740', (_c, d) => { d.referralDate = '2025-03-01'; d.assessments[0]!.startDate = '2025-03-02'; d.section47s[0] = { startDate: '2025-03-03', icpcTarget: null, icpcDate: null, icpcNotRequired: false }; d.cpPlans = []; }, (_c, d) => { d.section47s[0] = { startDate: '2025-05-06', icpcTarget: null, icpcDate: null, icpcNotRequired: true }; d.cpPlans = []; }],
  ['8839', (_c, d) => { d.section47s = [{ startDate: '2026-03-20', icpcTarget: null, icpcDate: null, icpcNotRequired: false }, { startDate: '2026-03-20', icpcTarget: null, icpcDate: null, icpcNotRequired: false }]; d.cpPlans = []; }, () => {}],
  ['8870Q', (_c, d) => (d.section47s[0]!.icpcTarget = '2025-05-24'), (_c, d) => (d.section47s[0]!.icpcTarget = '2025-05-23')],
  ['8875', (_c, d) => { d.section47s[0]!.icpcDate = '2025-05-24'; d.cpPlans[0]!.startDate = '2025-05-24'; }, (_c, d) => { d.section47s[0]!.icpcDate = '2025-05-23'; d.cpPlans[0]!.startDate = '2025-05-23'; }],
  ['8890', (_c, d) => { d.section47s.push({ startDate: '2025-05-20', icpcTarget: null, icpcDate: null, icpcNotRequired: true }); }, (_c, d) => { d.section47s.push({ startDate: '2025-05-28', icpcTarget: null, icpcDate: null, icpcNotRequired: true }); }],
  ['2884', (_c, d) => (d.dateOfInitialCpc = '2025-05-27'), () => {}],

  ['4000', (_c, d) => { d.referralNfa = true; }, () => {}],
  ['4001', (_c, d) => (d.cinPlans[0]!.startDate = '2025-11-01'), (_c, d) => (d.cinPlans[0]!.startDate = '2025-12-01')],
  ['4016', (_c, d) => (d.cpPlans[0]!.endDate = null), () => {}],
  ['4017', (_c, d) => { d.cinPlans[0] = { startDate: '2025-05-20', endDate: '2025-06-10' }; }, (_c, d) => { d.cinPlans[0] = { startDate: '2025-05-20', endDate: '2025-05-27' }; }],
  ['4003', (_c, d) => { d.cinPlans.push({ startDate: '2025-08-01', endDate: '2025-09-01' }); }, () => {}],
  ['4004', (_c, d) => d.cinPlans.push({ startDate: '2026-01-01', endDate: null }), (_c, d) => d.cinPlans.push({ startDate: '2025-11-30', endDate: '2025-11-30' })],
  ['4008', (c, d) => { c.deathDate = '2025-11-30'; d.cinPlans[0]!.endDate = '2025-11-30'; }, () => {}],
  ['4009Q', (c, d) => { c.deathDate = '2026-01-01'; d.cinPlans[0]!.endDate = '2026-01-02'; }, (c, d) => { c.deathDate = '2026-01-02'; d.cinPlans[0]!.endDate = '2026-01-02'; }],
  ['4010', (_c, d) => (d.cinPlans[0]!.startDate = '2026-04-01'), () => {}],
  ['4011', (_c, d) => (d.cinPlans[0]!.endDate = '2025-11-30'), () => {}],
  ['4012Q', (_c, d) => (d.cinPlans[0]!.endDate = '2025-12-01'), (_c, d) => (d.cinPlans[0]!.endDate = '2025-12-02')],
  ['4013', (_c, d) => (d.cinPlans[0]!.endDate = '2026-04-01'), (_c, d) => (d.cinPlans[0]!.endDate = '2026-03-31')],
  ['4014', (_c, d) => d.cinPlans.push({ startDate: '2026-01-01', endDate: '2026-02-01' }), () => {}],
  ['4015', (_c, d) => { d.cinPlans[0] = { startDate: '2025-04-30', endDate: '2025-05-10' }; }, () => {}],

  ['1105', (_c, d) => (d.cpPlans[0]!.startDate = '2025-04-30'), () => {}],
  ['8720', (_c, d) => { d.cpPlans[0]!.startDate = '2026-04-01'; d.cpPlans[0]!.endDate = null; }, () => {}],
  ['8730', (_c, d) => (d.cpPlans[0]!.numberOfPreviousCpp = null), (_c, d) => (d.cpPlans[0]!.numberOfPreviousCpp = 3)],
  ['8832', (_c, d) => (d.referralNfa = true), () => {}],
  ['8565', (_c, d) => { d.closureDate = '2025-11-30'; d.closureReason = 'RC7'; d.cinPlans = []; }, (_c, d) => { d.closureDate = '2025-12-01'; d.closureReason = 'RC7'; d.cinPlans = []; }],
  ['8840', (_c, d) => (d.cpPlans[0]!.endDate = '2025-05-27'), () => {}],
  ['8841', (_c, d) => (d.cpPlans[0]!.reviewDates = ['2025-05-27']), (_c, d) => (d.cpPlans[0]!.reviewDates = ['2025-05-28'])],
  ['8842Q', (_c, d) => (d.cpPlans[0]!.reviewDates = ['']), () => {}],
  ['8905', (_c, d) => (d.cpPlans[0]!.initialCategory = null), (_c, d) => (d.cpPlans[0]!.initialCategory = 'MUL')],
  ['8910', (_c, d) => (d.cpPlans[0]!.latestCategory = 'ABC'), (_c, d) => (d.cpPlans[0]!.latestCategory = 'EMO')],
  ['8915', (c, d) => { c.deathDate = '2025-05-26'; d.cinPlans = []; d.cpPlans[0]!.endDate = null; d.cpPlans[0]!.reviewDates = []; }, () => {}],
  ['8920', (c, d) => { c.deathDate = '2025-11-30'; d.cinPlans = []; }, (c, d) => { c.deathDate = '2025-12-01'; d.cinPlans = []; }],
  ['8925', (_c, d) => (d.cpPlans[0]!.endDate = '2025-05-26'), () => {}],
  ['8930', (_c, d) => { d.cpPlans[0]!.endDate = '2026-04-01'; d.cinPlans = []; }, () => {}],
  ['8935', (_c, d) => { d.cpPlans[0]!.endDate = null; d.cinPlans = []; d.cpPlans.push({ ...d.cpPlans[0]!, startDate: '2026-01-01', reviewDates: [] }); }, () => {}],
  ['8940', (_c, d) => { d.cinPlans = []; d.cpPlans.push({ ...d.cpPlans[0]!, startDate: '2025-11-01', endDate: '2026-01-01', reviewDates: [] }); }, () => {}],
  ['2883', (_c, d) => { d.section47s[0]!.icpcDate = null; d.section47s[0]!.icpcNotRequired = true; }, () => {}],
  ['2885', (_c, d) => (d.cpPlans[0]!.startDate = '2025-05-28'), () => {}],
];

function secondReferral(overrides: Partial<CensusCinDetails>): CensusCinDetails {
  return {
    episodeId: '00000000-0000-4000-8000-0000000000e2',
    referralDate: '2026-02-01',
    referralSource: '6',
    primaryNeed: 'N4',
    closureDate: null,
    closureReason: null,
    dateOfInitialCpc: null,
    referralNfa: false,
    assessments: [],
    section47s: [],
    cpPlans: [],
    cinPlans: [],
    ...overrides,
  };
}

describe('CIN census validation rules (DfE CIN census validation rules; standards.md §1.5)', () => {
  it('a complete, consistent child breaks no rule about a child', () => {
    expect(codesFailing([cleanChild()]).filter((code) => !['2887Q'].includes(code))).toEqual([]);
  });

  it('every rule has a DfE number, a DfE message and a test below', () => {
    // Module 5's rules (2026-27) have their cases in module5.test.ts.
    const tested = new Set([...CASES.map(([code]) => code), '100', '8510', '1520', '2886Q', '2887Q', '2888Q', ...MODULE5_RULES.map((r) => r.code)]);
    for (const rule of CENSUS_RULES) {
      expect(rule.message.length).toBeGreaterThan(10);
      expect(tested.has(rule.code), `rule ${rule.code} has a test`).toBe(true);
    }
    expect(new Set(CENSUS_RULES.map((r) => r.code)).size).toBe(CENSUS_RULES.length);
  });

  it('every rule of the 2024-25 set listed in standards.md §1.5 is implemented', () => {
    // The reference sits beside the repository (/work/shared/reference), read-only.
    const standards = readFileSync(path.resolve(process.cwd(), '../shared/reference/standards.md'), 'utf8');
    const section = standards.slice(standards.indexOf('### 1.5'), standards.indexOf('### 1.6'));
    const listed = [...section.matchAll(/^\| (\d{3,4}Q?) \|/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(100);
    expect(listed.filter((code) => !CENSUS_RULES.some((r) => r.code === code))).toEqual([]);
  });

  it.each(CASES)('rule %s: fails where it is broken, passes where it is not', (code, breaks, nearMiss) => {
    expect(codesFailing([changed(breaks)])).toContain(code);
    expect(codesFailing([changed(nearMiss)])).not.toContain(code);
  });

  it('rule 100: the reference date must be 31 March of the census year', () => {
    const wrong = fixtureReturn();
    wrong.header.referenceDate = '2026-03-30';
    expect(validateCensus(wrong, fixtureContext()).failures.map((f) => f.code)).toContain('100');
    expect(codesFailing([cleanChild()])).not.toContain('100');
  });

  it('rules 8510 and 1520: two children with the same LA child ID or UPN', () => {
    const twin = cleanChild({ childId: '00000000-0000-4000-8000-000000000002' });
    const failing = validateCensus(fixtureReturn([cleanChild(), twin]), fixtureContext()).failures;
    expect(failing.filter((f) => f.code === '8510').map((f) => f.childId)).toHaveLength(2);
    expect(failing.filter((f) => f.code === '1520')).toHaveLength(2);
    const other = cleanChild({ childId: '00000000-0000-4000-8000-000000000002', laChildId: 'LC0000002', upn: 'A201123456788' });
    expect(codesFailing([cleanChild(), other])).not.toContain('8510');
    expect(codesFailing([cleanChild(), other])).not.toContain('1520');
  });

  it('rule 2886Q: more than 2% of children (not unborn) with sex unknown', () => {
    const many = Array.from({ length: 50 }, (_, i) => cleanChild({ childId: `c${i}`, laChildId: `LC${i}`, upn: null, sex: i === 0 ? 'U' : 'F' }));
    expect(codesFailing(many)).not.toContain('2886Q');
    many[1]!.sex = 'U';
    expect(codesFailing(many)).toContain('2886Q');
  });

  it('rules 2887Q and 2888Q: fewer than 8 disability codes in the return; one code for every disabled child', () => {
    const codes = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS'];
    const varied = codes.map((d, i) => cleanChild({ childId: `c${i}`, laChildId: `LC${i}`, disabilities: i === 0 ? [d, 'AUT'] : [d] }));
    expect(codesFailing(varied)).not.toContain('2887Q');
    expect(codesFailing(varied)).not.toContain('2888Q');
    const few = varied.slice(2);
    expect(codesFailing(few)).toContain('2887Q');
    expect(codesFailing(few)).toContain('2888Q');
  });

  it('the report counts each rule’s failures and names the child and where', () => {
    const report = validateCensus(fixtureReturn([changed((_c, d) => (d.assessments[0]!.factors = ['21', '16A']))]), fixtureContext());
    const f = report.failures.find((x) => x.code === '8869');
    expect(f).toMatchObject({ childId: cleanChild().childId, laChildId: 'LC0000001', where: 'Referral 2025-05-01: assessment started 2025-05-02', kind: 'error' });
    expect(report.counts.find((c) => c.code === '8869')).toMatchObject({ failures: 1, children: 1 });
  });
});
