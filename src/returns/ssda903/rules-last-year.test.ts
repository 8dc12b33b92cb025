// Each SSDA903 rule that compares with last year's return (the validator's `_last` tables; decision
// 0076) with a pair of returns that breaks it and a near miss that does not. Last year's clean return
// is the clean child's 2024-25: in care since March 2024, the first placement still open on 31 March 2025.
import { describe, expect, it } from 'vitest';
import { LAST_YEAR_RULES } from './rules/last-year.ts';
import { lastYearReturn } from './rules/define.ts';
import { validateSsda903 } from './validate.ts';
import type { Ssda903Child, Ssda903Episode } from './model.ts';
import { cleanChild, firstEpisode, fixtureContext, fixtureReturn, secondEpisode } from './test-fixture.ts';
import { collectionYear } from './year.ts';

/** The clean child as last year's return had her. */
function lastYearsChild(): Ssda903Child {
  return cleanChild({
    episodes: [{ ...firstEpisode(), dec: null, rec: null, reasonPlaceChange: null }],
    reviews: [{ review: '2024-08-01', reviewCode: 'PN1' }],
    missing: [],
    oc2: null,
    swEpisodes: [{ swId: 'XXAB12CD34', swDecom: '2024-03-01', swDec: null, swReason: null }],
  });
}

/** This year's child, last year's, this year's first episode and last year's last. */
type Change = (c: Ssda903Child, last: Ssda903Child, e1: Ssda903Episode, lastEpisode: Ssda903Episode) => void;

function codesFailing(change: Change, year = 2026): string[] {
  const c = cleanChild();
  const last = lastYearsChild();
  change(c, last, c.episodes[0]!, last.episodes.at(-1)!);
  const ctx = { ...fixtureContext(year), last: lastYearReturn(fixtureReturn([last], year - 1), collectionYear(year - 1)) };
  return validateSsda903(fixtureReturn([c], year), ctx).failures.map((f) => f.code);
}

const none: Change = () => {};
/** Last year's child is someone else: this child was not in last year's return. */
const someoneElse: Change = (_c, last) => (last.childId = 'someone else');
/** Last year's last episode ended on 31 March 2025, so this year's first need not carry it on. */
const endedLastYear: Change = (_c, _last, _e1, l) => Object.assign(l, { dec: '2025-03-31', rec: 'X1', reasonPlaceChange: 'CARPL' });
const then = (...changes: Change[]): Change => (c, last, e1, l) => changes.forEach((ch) => ch(c, last, e1, l));
/** For 503A-503J: last year's open episode said otherwise; the near miss, it had ended. */
const carried = (code: string, change: Change): [string, Change, Change] => [code, change, then(change, endedLastYear)];
const leftCare: Change = (c) => {
  c.dob = '2007-06-15';
  c.episodes = [];
  c.reviews = [];
  c.missing = [];
  c.oc2 = null;
  c.swEpisodes = [];
  c.mother = null;
  c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'D1' };
};
const uascBorn2007: Change = (c, last) => {
  for (const child of [c, last]) Object.assign(child, { dob: '2007-01-10', uasc: true, duc: '2025-01-10' });
};
const decision = (datePlaced: string, datePlacedCeased: string | null = null, reasonPlacedCeased: string | null = null) => ({ datePlaced, datePlacedCeased, reasonPlacedCeased });

// [rule, what breaks it, a near miss that does not, the collection year (2026 unless said)]
const CASES: [string, Change, Change, number?][] = [
  ['202', (_c, last) => (last.sex = 'M'), then(someoneElse, (_c, last) => (last.sex = 'M'))],
  ['203', (_c, last) => (last.dob = '2012-06-16'), then(someoneElse, (_c, last) => (last.dob = '2012-06-16'))],
  ['204', (_c, last) => (last.ethnic = 'WIRI'), (_c, last) => (last.ethnic = 'wbri')],
  ['207', (_c, last) => (last.mother = '1'), (c, last) => { last.mother = '1'; c.mother = '1'; }],
  ['208', (_c, last) => (last.upn = 'A201123456789'), (_c, last) => (last.upn = 'UN1')],
  ['624', (c, last) => { last.mcDob = '2024-01-01'; c.mcDob = '2024-02-01'; }, (c, last) => { last.mcDob = '2024-01-01'; c.mcDob = '2024-01-01'; }],
  ['626', (c) => { c.mother = '1'; c.mcDob = '2025-01-01'; }, (c) => { c.mother = '1'; c.mcDob = '2025-05-01'; }],
  ['205B', then(uascBorn2007, (c) => (c.duc = '2025-02-01')), uascBorn2007],
  ['205D', (c) => (c.uasc = true), then(someoneElse, (c) => (c.uasc = true))],

  ['452', (_c, _last, e1) => (e1.plLa = 'E09000001'), (_c, _last, e1, l) => { e1.plLa = 'E09000001'; l.rne = 'P'; }],
  ['453', (_c, _last, e1) => (e1.plDistance = 3.5), (_c, _last, e1) => (e1.plDistance = 3.1)],
  ['502', (_c, _last, _e1, l) => (l.decom = '2024-03-02'), then((_c, _last, _e1, l) => (l.decom = '2024-03-02'), endedLastYear)],
  carried('503A', (_c, _last, _e1, l) => (l.rne = 'L')),
  carried('503B', (_c, _last, _e1, l) => (l.ls = 'C1')),
  carried('503C', (_c, _last, _e1, l) => (l.cin = 'N2')),
  carried('503D', (_c, _last, _e1, l) => (l.place = 'U5')),
  carried('503E', (_c, _last, _e1, l) => (l.placeProvider = 'PR2')),
  carried('503F', (_c, _last, _e1, l) => (l.urn = 'SC123456')),
  ['503G', (_c, _last, e1) => (e1.plDistance = 3.3), (_c, _last, e1) => (e1.plDistance = 3.1)],
  carried('503H', (_c, _last, _e1, l) => (l.plLa = 'E09000002')),
  carried('503J', (_c, _last, e1, l) => { e1.plLocation = 'IN'; l.plLocation = 'OUT'; }),
  ['562', (_c, _last, _e1, l) => (l.decom = '2024-02-01'),
    (_c, last) => (last.episodes = [{ ...firstEpisode(), decom: '2024-02-01', dec: '2024-03-01', periodStart: '2024-02-01' }, { ...lastYearsChild().episodes[0]!, periodStart: '2024-02-01' }])],
  ['NoE', (_c, last) => (last.episodes = []), (c, last) => { last.episodes = []; c.episodes = [{ ...secondEpisode(), decom: '2025-06-01', rne: 'S', periodStart: '2025-06-01' }]; }],

  ['576', (_c, last) => (last.missing = [{ missing: 'M', misStart: '2025-03-30', misEnd: null }]),
    (c, last) => { last.missing = [{ missing: 'M', misStart: '2025-03-30', misEnd: null }]; c.missing.unshift({ missing: 'M', misStart: '2025-03-30', misEnd: '2025-04-02' }); }],

  ['559', (c) => (c.placedAdoption = [decision('2025-03-01')]), (c, last) => { c.placedAdoption = [decision('2025-03-01')]; last.placedAdoption = [decision('2025-03-01')]; }],
  ['560', (c, last) => { c.placedAdoption = [decision('2025-05-01')]; last.placedAdoption = [decision('2025-03-01')]; }, (c, last) => { c.placedAdoption = [decision('2025-03-01')]; last.placedAdoption = [decision('2025-03-01')]; }],
  ['561', (c, last) => { c.placedAdoption = [decision('2025-03-01')]; last.placedAdoption = [decision('2025-03-01', '2025-03-20', 'RD1')]; }, (c, last) => { c.placedAdoption = [decision('2025-03-01')]; last.placedAdoption = [decision('2025-03-01')]; }],
  ['584', (c, last) => { c.placedAdoption = [decision('2025-03-01')]; last.placedAdoption = [decision('2025-03-01', '2025-03-20', 'RD1')]; }, (c, last) => { c.placedAdoption = [decision('2025-05-01')]; last.placedAdoption = [decision('2025-03-01', '2025-03-20', 'RD1')]; }],

  ['348', (c, last) => { c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'D1' }; last.oc3 = { inTouch: 'DIED', activ: 'F2', accom: 'D1' }; }, (c, last) => { c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'D1' }; last.oc3 = { inTouch: 'NO', activ: 'F2', accom: 'D1' }; }],
  // Left care at 17 in March 2025 after 31 days looked after (break) or after nine months (near miss).
  ['1001', then(leftCare, (_c, last) => (last.episodes = [{ ...firstEpisode(), decom: '2025-01-01', dec: '2025-02-01', rec: 'E4A', periodStart: '2025-01-01' }])),
    then(leftCare, (_c, last) => (last.episodes = [{ ...firstEpisode(), decom: '2024-06-01', dec: '2025-03-01', rec: 'E4A', periodStart: '2024-06-01' }]))],
  ['1010', leftCare, then(leftCare, endedLastYear)],

  ['706', (c, last) => { last.dolo = [{ doloStart: '2026-03-01', doloEnd: null }]; c.dolo = []; }, (c, last) => { last.dolo = [{ doloStart: '2026-03-01', doloEnd: null }]; c.dolo = [{ doloStart: '2026-03-01', doloEnd: null }]; }, 2027],
];

describe('SSDA903 rules that compare with last year’s return (decision 0076)', () => {
  it('the clean child and her return last year break none; without last year’s return none is checked', () => {
    const codes = new Set(LAST_YEAR_RULES.map((r) => r.code));
    expect(codesFailing(none).filter((code) => codes.has(code))).toEqual([]);
    const alone = validateSsda903(fixtureReturn([cleanChild({ episodes: [{ ...firstEpisode(), decom: '2020-01-01' }, secondEpisode()] })]), fixtureContext()).failures;
    expect(alone.filter((f) => codes.has(f.code))).toEqual([]);
  });

  it('every rule has DfE’s code, a message and a case below', () => {
    const tested = new Set(CASES.map(([code]) => code));
    for (const rule of LAST_YEAR_RULES) expect(tested.has(rule.code), `rule ${rule.code} has a test`).toBe(true);
    expect(LAST_YEAR_RULES.every((r) => r.message.length > 10)).toBe(true);
  });

  it.each(CASES)('rule %s: fails where it is broken, passes where it is not', (code, breaks, nearMiss, year = 2026) => {
    expect(codesFailing(breaks, year)).toContain(code);
    expect(codesFailing(nearMiss, year)).not.toContain(code);
  });

  it('rule 706 is the 2026-27 DoLo table’s: not checked in 2025-26', () => {
    expect(codesFailing((c, last) => { last.dolo = [{ doloStart: '2025-03-01', doloEnd: null }]; c.dolo = []; }, 2026)).not.toContain('706');
  });
});
