// Each SSDA903 rule Lantern implements (ssda903-rules.md; the 2025-26 additions 242, 243, SW18STG2
// and SW19STG2 from policy-2026.md §2.6; the 2026-27 DoLo rules 700-710) with a return that breaks it
// and a near miss that does not. The clean child breaks none; each case changes just enough.
import { describe, expect, it } from 'vitest';
import { SSDA903_RULES, rulesOfYear } from './rules/index.ts';
import { LAST_YEAR_RULES } from './rules/last-year.ts';
import { validateSsda903 } from './validate.ts';
import type { Ssda903Child, Ssda903Episode } from './model.ts';
import { cleanChild, fixtureContext, fixtureReturn, secondEpisode } from './test-fixture.ts';
import { PROVIDER_RULES } from './rules/providers.ts';

type Change = (c: Ssda903Child, e1: Ssda903Episode, e2: Ssda903Episode) => void;

function changed(change: Change): Ssda903Child {
  const c = cleanChild();
  change(c, c.episodes[0]!, c.episodes[1]!);
  return c;
}

const codesFailing = (child: Ssda903Child, year = 2026) => validateSsda903(fixtureReturn([child], year), fixtureContext(year)).failures.map((f) => f.code);

const none: Change = () => {};
/** The child's second episode ends in the year with a reason. */
const leaves = (e2: Ssda903Episode, rec: string, on = '2026-01-01') => Object.assign(e2, { dec: on, rec });
/** Adopted in the year: placed for adoption (A4) in June 2025, adopted in January 2026. */
const adopt: Change = (c, _e1, e2) => {
  Object.assign(e2, { place: 'A4', dec: '2026-01-10', rec: 'E11' });
  c.ad1 = { dateInt: '2025-03-01', dateMatch: '2025-05-01', fosterCare: '0', nbAdoptr: '2', sexAdoptr: 'MF', lsAdoptr: 'L11' };
  c.placedAdoption = [{ datePlaced: '2025-03-01', datePlacedCeased: null, reasonPlacedCeased: null }];
};
const then = (...changes: Change[]): Change => (c, e1, e2) => changes.forEach((ch) => ch(c, e1, e2));
const placed: Change = (c) => (c.placedAdoption = [{ datePlaced: '2025-03-01', datePlacedCeased: null, reasonPlacedCeased: null }]);
const careLeaver: Change = (c) => (c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'D1' });
const temporary = (decom: string, dec: string, place: string): Ssda903Episode => ({ ...secondEpisode(), decom, dec, rec: 'X1', rne: 'T', place, placeProvider: null, plPost: 'NG4 4DD' });
/** For the 2026-27 DoLo rules: an order from May 2026, the child in a children's home (K2). */
const dolo = (start = '2026-05-01', end: string | null = null): Change => (c, _e1, e2) => {
  e2.place = 'K2';
  c.dolo = [{ doloStart: start, doloEnd: end }];
};

/** Came into care in June 2025 (RNE S in the year), with this previous permanence. */
const newToCare = (prevPerm: Ssda903Child['prevPerm']): Change => (c, _e1, e2) => {
  c.episodes = [{ ...e2, decom: '2025-06-01', rne: 'S', periodStart: '2025-06-01' }];
  c.prevPerm = prevPerm;
};

// [rule, what breaks it, a near miss that does not, the collection year (2026 unless said)]
const CASES: [string, Change, Change, number?][] = [
  ['101', (c) => (c.sex = '1'), (c) => (c.sex = 'M')],
  ['102', (c) => (c.dob = '2012-02-30'), (c) => (c.dob = '2012-02-28')],
  ['103', (c) => (c.ethnic = 'XXXX'), (c) => (c.ethnic = 'NOBT')],
  ['168', (c) => (c.upn = 'I201123456788'), (c) => (c.upn = 'UN2')],
  ['174', (c) => { c.sex = 'M'; c.mother = '1'; c.mcDob = '2025-01-01'; }, (c) => { c.mother = '1'; c.mcDob = '2025-01-01'; }],
  ['209', (c) => (c.upn = 'UN1'), (c) => { c.upn = 'UN1'; c.dob = '2021-01-01'; }],
  ['210', (c) => (c.upn = 'UN4'), (c, _e1, e2) => { c.upn = 'UN4'; c.episodes = [{ ...e2, decom: '2026-03-28', rne: 'S', periodStart: '2026-03-28' }]; }],
  ['232', (c) => (c.sex = 'U'), none],
  ['301', (c) => (c.dob = '2026-04-02'), (c) => (c.dob = '2026-03-31')],
  ['302', (c) => (c.dob = '2024-03-02'), (c) => (c.dob = '2024-03-01')],
  ['351', (c) => (c.dob = '1999-01-01'), (c) => (c.dob = '2000-04-01')],
  ['393', (c) => (c.mother = null), (c) => { c.sex = 'M'; c.mother = null; }],
  ['442', (c) => (c.upn = null), (c) => (c.upn = 'UN2')],
  ['611', (c) => (c.mother = '1'), (c) => { c.mother = '1'; c.mcDob = '2025-01-01'; }],
  ['612', (c) => (c.mcDob = '2025-01-01'), (c) => { c.mother = '1'; c.mcDob = '2025-01-01'; }],
  ['620', (c) => { c.dob = '2015-06-15'; c.mother = '1'; c.mcDob = '2025-01-01'; }, (c) => { c.dob = '2013-06-15'; c.mother = '1'; c.mcDob = '2025-01-01'; }],
  ['621', (c) => { c.mother = '1'; c.mcDob = '2010-01-01'; }, (c) => { c.mother = '1'; c.mcDob = '2025-01-01'; }],
  ['625', (c) => { c.mother = '1'; c.mcDob = '2026-04-05'; }, (c) => { c.mother = '1'; c.mcDob = '2026-03-30'; }],
  ['607', (c, _e1, e2) => { c.mother = null; leaves(e2, 'E4A'); }, (c, _e1, e2) => { leaves(e2, 'E4A'); }],
  ['628', (c) => { c.episodes = []; c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'D1' }; c.oc2 = null; c.reviews = []; c.missing = []; c.swEpisodes = []; }, (c) => { c.episodes = []; c.mother = null; c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'D1' }; }],
  ['1012', (c) => { c.episodes = []; c.mother = null; c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'D1' }; }, (c) => { c.episodes = []; c.mother = null; c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'D1' }; c.oc2 = null; c.reviews = []; c.missing = []; c.swEpisodes = []; }],
  ['399', (c, e1, e2) => { e1.ls = 'V3'; e2.ls = 'V3'; }, (c, e1, e2) => { e1.ls = 'V3'; e2.ls = 'V3'; c.reviews = []; c.mother = null; }],

  ['143', (_c, e1) => (e1.rne = 'X'), none],
  ['144', (_c, _e1, e2) => (e2.ls = 'C9'), (_c, _e1, e2) => (e2.ls = 'C1')],
  ['145', (_c, _e1, e2) => (e2.cin = 'N9'), (_c, _e1, e2) => (e2.cin = 'N8')],
  ['146', (_c, _e1, e2) => (e2.place = 'Z1'), (_c, _e1, e2) => { e2.place = 'Z11'; e2.placeProvider = null; }],
  ['149', (_c, e1) => (e1.rec = 'E99'), none],
  ['178', (_c, _e1, e2) => (e2.placeProvider = 'PR9'), (_c, _e1, e2) => (e2.placeProvider = 'PR5')],
  ['1009', (_c, e1) => (e1.reasonPlaceChange = 'NOPE'), (_c, e1) => (e1.reasonPlaceChange = 'OTHER')],
  ['148', (_c, e1) => (e1.rec = null), none],
  ['141', (_c, e1) => (e1.decom = '2024-02-30'), none],
  ['147', (_c, e1) => (e1.dec = '2025-06-31'), none],
  ['385', (_c, _e1, e2) => leaves(e2, 'E8', '2026-04-02'), (_c, _e1, e2) => leaves(e2, 'E8', '2026-03-31')],
  ['357', (_c, e1) => (e1.rne = 'P'), (c, _e1, e2) => (c.episodes = [{ ...e2, periodStart: '2024-03-01' }])],
  ['408', (_c, _e1, e2) => (e2.place = 'A5'), (_c, _e1, e2) => { e2.place = 'A5'; e2.ls = 'E1'; e2.rne = 'U'; }],
  ['142', (_c, e1) => (e1.dec = null), none],
  ['501', (_c, _e1, e2) => (e2.decom = '2025-05-01'), none],
  ['353', (_c, e1) => (e1.decom = '1991-10-13'), (_c, e1) => (e1.decom = '1991-10-14')],
  ['354', (_c, _e1, e2) => leaves(e2, 'E8', '2026-04-02'), (_c, _e1, e2) => leaves(e2, 'E8', '2026-03-31')],
  ['355', (_c, e1) => (e1.dec = '2024-03-01'), none],
  ['356', (_c, e1) => (e1.dec = '2024-02-01'), none],
  ['352', (c) => (c.dob = '2006-01-01'), (c) => (c.dob = '2006-03-02')],
  ['358', (c, _e1, e2) => { e2.ls = 'J1'; c.dob = '2016-01-01'; }, (c, _e1, e2) => { e2.ls = 'J1'; c.dob = '2015-06-01'; }],
  ['361', (_c, _e1, e2) => (e2.ls = 'L1'), (_c, _e1, e2) => { e2.ls = 'L1'; leaves(e2, 'E4A', '2025-06-04'); }],
  ['362', (_c, _e1, e2) => (e2.ls = 'L2'), (_c, _e1, e2) => { e2.ls = 'L2'; leaves(e2, 'E4A', '2025-06-22'); }],
  ['363', (_c, _e1, e2) => (e2.ls = 'L3'), (_c, _e1, e2) => { e2.ls = 'L3'; leaves(e2, 'E4A', '2025-06-08'); }],
  ['365', (_c, _e1, e2) => (e2.ls = 'V3'), (_c, _e1, e2) => { e2.ls = 'V3'; leaves(e2, 'E4A', '2025-06-18'); }],
  ['366', (_c, _e1, e2) => (e2.ls = 'V3'), (c, _e1, e2) => { c.episodes = [{ ...e2, ls: 'V3', rne: 'S', periodStart: e2.decom }]; }],
  ['367', (_c, _e1, e2) => (e2.ls = 'V3'), (_c, _e1, e2) => { e2.ls = 'V3'; leaves(e2, 'E4A', '2025-06-10'); }],
  ['426', (_c, e1, e2) => { e1.ls = 'V3'; e2.ls = 'V4'; }, (_c, e1, e2) => { e1.ls = 'V4'; e2.ls = 'V4'; }],
  ['371', (_c, _e1, e2) => (e2.place = 'K3'), (c, _e1, e2) => { e2.place = 'K3'; c.dob = '2009-01-01'; }],
  ['372', (c, _e1, e2) => { e2.place = 'R5'; c.dob = '2016-01-01'; }, (c, _e1, e2) => { e2.place = 'R5'; c.dob = '2015-01-01'; }],
  ['373', (c, _e1, e2) => { e2.place = 'S1'; c.dob = '2022-01-01'; }, (c, _e1, e2) => { e2.place = 'S1'; c.dob = '2021-01-01'; }],
  ['374', (_c, _e1, e2) => (e2.place = 'P3'), (c, _e1, e2) => { e2.place = 'P3'; c.dob = '2011-01-01'; }],
  ['375', (_c, _e1, e2) => (e2.place = 'T1'), (_c, _e1, e2) => { e2.place = 'T1'; leaves(e2, 'E4A', '2025-07-13'); }],
  ['376', (_c, _e1, e2) => (e2.place = 'T3'), (_c, _e1, e2) => { e2.place = 'T3'; leaves(e2, 'E4A', '2025-06-22'); }],
  ['379', (_c, _e1, e2) => (e2.place = 'T4'), (_c, _e1, e2) => { e2.place = 'T4'; leaves(e2, 'E4A', '2025-06-08'); }],
  ['377', (c, e1) => { c.episodes = [{ ...e1, dec: '2025-06-01' }, temporary('2025-06-01', '2025-06-05', 'T3'), { ...e1, rne: 'T', decom: '2025-06-05', dec: '2025-07-01' }, temporary('2025-07-01', '2025-07-05', 'T3'), { ...e1, rne: 'T', decom: '2025-07-05', dec: '2025-08-01' }, temporary('2025-08-01', '2025-08-05', 'T3'), { ...e1, rne: 'T', decom: '2025-08-05', dec: null, rec: null, reasonPlaceChange: null }]; },
    (c, e1) => { c.episodes = [{ ...e1, dec: '2025-06-01' }, temporary('2025-06-01', '2025-06-05', 'T3'), { ...e1, rne: 'T', decom: '2025-06-05', dec: '2025-07-01' }, temporary('2025-07-01', '2025-07-05', 'T3'), { ...e1, rne: 'T', decom: '2025-07-05', dec: null, rec: null, reasonPlaceChange: null }]; }],
  ['378', (_c, _e1, e2) => { e2.place = 'P1'; e2.ls = 'V2'; }, (_c, _e1, e2) => (e2.place = 'P1')],
  ['380', (_c, e1) => (e1.place = 'T1'), (_c, _e1, e2) => (e2.place = 'T1')],
  ['381', (_c, _e1, e2) => { e2.place = 'T0'; leaves(e2, 'E4A'); }, (_c, _e1, e2) => (e2.place = 'T0')],
  ['382', (_c, _e1, e2) => { e2.ls = 'V4'; e2.place = 'T2'; }, (_c, _e1, e2) => (e2.place = 'T2')],
  ['383', (c, e1, e2) => { c.episodes = [e1, temporary('2025-06-01', '2025-06-10', 'T2'), { ...e2, decom: '2025-06-10' }]; }, (c, e1, e2) => { c.episodes = [e1, temporary('2025-06-01', '2025-06-10', 'T2'), { ...e2, decom: '2025-06-10', place: 'U4', plPost: 'NG2 2BB' }]; }],
  ['384', (_c, _e1, e2) => { e2.ls = 'V4'; e2.place = 'U4'; }, (_c, _e1, e2) => (e2.ls = 'V4')],
  ['386', (c, _e1, e2) => { e2.place = 'A4'; leaves(e2, 'E11'); c.dob = '2007-01-01'; }, (c, _e1, e2) => { e2.place = 'A4'; leaves(e2, 'E11'); c.dob = '2010-01-01'; }],
  ['387', (_c, _e1, e2) => leaves(e2, 'E5'), (c, _e1, e2) => { leaves(e2, 'E5'); c.dob = '2011-01-01'; }],
  ['388', (_c, _e1, e2) => leaves(e2, 'X1'), (_c, _e1, e2) => leaves(e2, 'E4A')],
  ['389', (_c, _e1, e2) => leaves(e2, 'E7'), (c, _e1, e2) => { leaves(e2, 'E7'); c.dob = '2009-01-01'; }],
  ['390', (_c, _e1, e2) => leaves(e2, 'E11'), (_c, _e1, e2) => { leaves(e2, 'E11'); e2.place = 'A4'; }],
  ['407', (c, _e1, e2) => { leaves(e2, 'E45'); c.dob = '2007-01-01'; }, (c, _e1, e2) => { leaves(e2, 'E45'); c.dob = '2010-01-01'; }],
  ['460', (_c, _e1, e2) => leaves(e2, 'E17'), (c, _e1, e2) => { leaves(e2, 'E17'); c.dob = '2007-06-01'; }],
  ['437', (_c, e1) => (e1.rec = 'E2'), (_c, _e1, e2) => leaves(e2, 'E2')],
  ['431', (_c, _e1, e2) => (e2.rne = 'S'), (_c, e1, e2) => { e1.rec = 'E4A'; e2.rne = 'S'; e2.decom = '2025-06-10'; }],
  ['432', (_c, e1) => (e1.rec = 'E4A'), none],
  ['433', (_c, _e1, e2) => (e2.decom = '2025-06-05'), none],
  ['434', (_c, _e1, e2) => (e2.rne = 'L'), (_c, e1, e2) => Object.assign(e2, { rne: 'L', ls: 'C1', place: e1.place, placeProvider: e1.placeProvider, plPost: e1.plPost, urn: e1.urn })],
  ['435', (_c, _e1, e2) => (e2.ls = 'C1'), none],
  ['436', (_c, _e1, e2) => (e2.rne = 'B'), (_c, _e1, e2) => { e2.rne = 'B'; e2.ls = 'C1'; }],
  ['446', (_c, e1) => { e1.ls = 'E1'; e1.decom = '2005-01-01'; }, (_c, e1) => { e1.ls = 'E1'; e1.decom = '2005-12-01'; }],
  ['504', (_c, _e1, e2) => (e2.cin = 'N2'), none],
  ['217', (_c, _e1, e2) => (e2.place = 'A3'), (_c, _e1, e2) => { e2.place = 'A3'; e2.rne = 'T'; }],
  ['213', (_c, _e1, e2) => (e2.place = 'T0'), (_c, _e1, e2) => { e2.place = 'T0'; e2.placeProvider = null; }],
  ['526', (_c, _e1, e2) => (e2.placeProvider = null), (_c, _e1, e2) => { e2.place = 'Z11'; e2.placeProvider = null; }],
  ['527', (_c, _e1, e2) => { e2.placeProvider = 'PR1'; e2.place = 'P1'; }, (_c, _e1, e2) => (e2.placeProvider = 'PR1')],
  ['528', (_c, _e1, e2) => { e2.placeProvider = 'PR2'; e2.place = 'R2'; }, (_c, _e1, e2) => (e2.placeProvider = 'PR2')],
  ['529', (_c, _e1, e2) => { e2.placeProvider = 'PR3'; e2.place = 'K2'; }, (_c, _e1, e2) => { e2.placeProvider = 'PR3'; e2.place = 'R2'; }],
  ['530', (_c, _e1, e2) => { e2.placeProvider = 'PR4'; e2.place = 'P1'; }, (_c, _e1, e2) => { e2.placeProvider = 'PR0'; e2.place = 'P1'; }],
  ['531', (_c, _e1, e2) => { e2.placeProvider = 'PR5'; e2.place = 'P1'; }, (_c, _e1, e2) => { e2.placeProvider = 'PR5'; e2.place = 'K2'; }],
  ['550', (_c, _e1, e2) => (e2.placeProvider = 'PR0'), (_c, _e1, e2) => { e2.placeProvider = 'PR0'; e2.place = 'P1'; }],
  ['226', (_c, e1) => (e1.place = 'T1'), none],
  ['233', (_c, _e1, e2) => (e2.reasonPlaceChange = 'CARPL'), none],
  ['234', (c, e1) => { e1.reasonPlaceChange = 'CUSTOD'; c.dob = '2016-01-01'; }, (c, e1) => { e1.reasonPlaceChange = 'CUSTOD'; c.dob = '2015-01-01'; }],
  ['225', (_c, e1) => (e1.reasonPlaceChange = null), (_c, e1, e2) => { e1.reasonPlaceChange = null; e2.rne = 'L'; }],
  ['242', (_c, _e1, e2) => { e2.urn = 'XXXXXXX'; e2.place = 'K2'; }, (_c, _e1, e2) => (e2.urn = 'XXXXXXX')],
  ['243', (_c, _e1, e2) => { e2.urn = 'SC123456'; e2.plLa = 'S12000033'; }, (_c, _e1, e2) => (e2.urn = 'SC123456')],
  // A council's name is not a nation's code: a placement in Sheffield is in England.
  ['243', (_c, _e1, e2) => { e2.urn = 'SC123456'; e2.plLa = 'WAL'; }, (_c, _e1, e2) => { e2.urn = 'SC123456'; e2.plLa = 'Sheffield'; }],
  ['392b', (_c, _e1, e2) => (e2.plPost = null), (_c, e1, e2) => { e1.ls = 'V3'; e2.ls = 'V3'; e2.plPost = null; }],
  ['392c', (_c, _e1, e2) => (e2.plPost = 'NOTAPOSTCODE'), (_c, _e1, e2) => (e2.plPost = 'ng3 3cc')],
  ['392d', (_c, _e1, e2) => (e2.plPost = 'NG1 1AA'), (_c, _e1, e2) => { e2.plPost = 'NG1 1AA'; e2.place = 'P1'; }],
  ['454', (_c, _e1, e2) => (e2.plDistance = 351), (_c, _e1, e2) => (e2.plDistance = 350)],

  ['166', (c) => (c.reviews[0]!.review = '2025-02-30'), none],
  ['167', (c) => (c.reviews[0]!.reviewCode = 'PN9'), (c) => (c.reviews[0]!.reviewCode = 'PN7')],
  ['440', (c) => (c.reviews[0]!.reviewCode = 'PN0'), (c) => { c.reviews[0]!.reviewCode = 'PN0'; c.dob = '2022-01-01'; }],
  ['441', (c) => (c.dob = '2022-01-01'), (c) => (c.dob = '2021-05-01')],

  ['1006', (c) => (c.missing[0]!.missing = 'X'), (c) => (c.missing[0]!.missing = 'A')],
  ['1004', (c) => (c.missing[0]!.misStart = '2025-07-32'), none],
  ['1005', (c) => (c.missing[0]!.misEnd = '2025-07-32'), none],
  ['567', (c) => (c.missing[0]!.misEnd = '2025-06-30'), (c) => (c.missing[0]!.misEnd = '2025-07-01')],
  ['570', (c) => Object.assign(c.missing[0]!, { misStart: '2026-04-01', misEnd: null }), (c) => Object.assign(c.missing[0]!, { misStart: '2026-03-31', misEnd: null })],
  ['571', (c) => (c.missing[0]!.misEnd = '2026-04-02'), (c) => (c.missing[0]!.misEnd = '2026-03-31')],
  ['574', (c) => { c.missing[0]!.misEnd = null; c.missing.push({ missing: 'M', misStart: '2025-08-01', misEnd: '2025-08-02' }); }, (c) => c.missing.push({ missing: 'M', misStart: '2025-08-01', misEnd: '2025-08-02' })],
  ['577', (c, _e1, e2) => { c.missing[0]!.misEnd = null; leaves(e2, 'E8'); }, (c) => (c.missing[0]!.misEnd = null)],
  ['578', (_c, _e1, e2) => leaves(e2, 'E4A', '2025-06-30'), (_c, _e1, e2) => leaves(e2, 'E4A', '2025-07-03')],
  ['580', (c, _e1, e2) => { c.missing[0]!.misEnd = null; leaves(e2, 'E4A'); }, (c, _e1, e2) => { c.missing[0]!.misEnd = null; leaves(e2, 'E8'); }],
  ['581', (c) => (c.missing[0]!.misStart = '2024-02-01'), (c) => (c.missing[0]!.misStart = '2024-03-01')],
  ['586', (c) => (c.dob = '2025-07-05'), none],

  ['180', (c) => (c.oc2!.sdqScore = 41), (c) => (c.oc2!.sdqScore = 40)],
  ['181', (c) => (c.oc2!.convicted = '2'), (c) => (c.oc2!.convicted = '1')],
  ['196', (c) => Object.assign(c.oc2!, { sdqScore: null, sdqReason: 'SDQ9' }), (c) => Object.assign(c.oc2!, { sdqScore: null, sdqReason: 'SDQ5' })],
  ['197a', (c) => (c.oc2!.sdqReason = 'SDQ4'), (c) => Object.assign(c.oc2!, { sdqScore: null, sdqReason: 'SDQ4' })],
  ['188', (c) => (c.dob = '2022-06-01'), (c) => (c.dob = '2022-03-01')],
  ['189', (c) => (c.dob = '2008-01-01'), (c) => (c.dob = '2008-06-01')],
  ['186', (c) => (c.oc2!.sdqScore = null), (c) => Object.assign(c.oc2!, { sdqScore: null, sdqReason: 'SDQ2' })],
  ['190', (_c, _e1, e2) => leaves(e2, 'E4A', '2026-03-01'), none],
  ['185', (_c, _e1, e2) => leaves(e2, 'E4A', '2026-03-01'), (c, _e1, e2) => { leaves(e2, 'E4A', '2026-03-01'); c.oc2!.sdqScore = null; }],
  ['542', (c) => { c.oc2!.convicted = '0'; c.dob = '2016-06-01'; }, (c) => { c.oc2!.convicted = '0'; c.dob = '2015-06-01'; }],

  ['131', (c) => (c.oc3 = { inTouch: 'MAYBE', activ: 'F2', accom: 'D1' }), careLeaver],
  ['132', (c) => (c.oc3 = { inTouch: 'YES', activ: 'F3', accom: 'D1' }), careLeaver],
  ['133', (c) => (c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'S1' }), careLeaver],
  ['153', (c) => (c.oc3 = { inTouch: 'YES', activ: '', accom: '' }), careLeaver],
  ['345', (c) => (c.oc3 = { inTouch: 'YES', activ: '0', accom: 'D1' }), (c) => (c.oc3 = { inTouch: 'NO', activ: '0', accom: '0' })],
  ['344', (c) => (c.oc3 = { inTouch: 'DIED', activ: 'F2', accom: 'D1' }), (c) => (c.oc3 = { inTouch: 'DIED', activ: '0', accom: '0' })],
  ['391', careLeaver, (c) => { careLeaver(c, c.episodes[0]!, c.episodes[1]!); c.dob = '2008-06-01'; }],
  ['1000', (c, e1, e2) => { careLeaver(c, e1, e2); leaves(e2, 'E2'); }, (c, e1, e2) => { careLeaver(c, e1, e2); leaves(e2, 'E4A'); }],
  ['1011', (c, e1, e2) => { careLeaver(c, e1, e2); leaves(e2, 'E3'); }, (c, e1, e2) => { careLeaver(c, e1, e2); leaves(e2, 'E4A'); }],
  ['1007', (c, e1, e2) => { careLeaver(c, e1, e2); c.dob = '2008-06-01'; }, (c, e1, e2) => { careLeaver(c, e1, e2); c.dob = '2008-06-01'; c.episodes = [{ ...e1, dec: '2025-05-01', rec: 'E4A', reasonPlaceChange: null }]; }],
  ['134', then(adopt, careLeaver), careLeaver],

  ['114', then(adopt, (c) => (c.ad1!.fosterCare = '2')), adopt],
  ['175', then(adopt, (c) => (c.ad1!.nbAdoptr = '3')), then(adopt, (c) => (c.ad1!.nbAdoptr = '1'))],
  ['333', then(adopt, (c) => (c.ad1!.dateInt = '2025-05-02')), then(adopt, (c) => { c.ad1!.dateInt = '2025-05-01'; c.placedAdoption[0]!.datePlaced = '2025-05-01'; })],
  ['331', then(adopt, (c) => (c.ad1!.dateMatch = '2025-06-02')), then(adopt, (c) => (c.ad1!.dateMatch = '2025-06-01'))],
  ['335', then(adopt, (c) => (c.ad1!.fosterCare = '1')), adopt],
  ['582', then(adopt, (c) => (c.ad1!.dateMatch = '2026-01-10')), adopt],
  ['602', (c) => (c.ad1 = { dateInt: '2025-03-01', dateMatch: '2025-05-01', fosterCare: '0', nbAdoptr: '2', sexAdoptr: null, lsAdoptr: null }), adopt],
  ['523', then(adopt, (c) => (c.placedAdoption[0]!.datePlaced = '2025-03-02')), adopt],
  ['525', then(adopt, (c) => (c.placedAdoption[0]!.datePlacedCeased = '2025-04-01')), adopt],
  ['115', then(placed, (c) => (c.placedAdoption[0]!.datePlaced = '2025-13-01')), placed],
  ['117', then(placed, (c) => (c.placedAdoption[0]!.datePlaced = '2026-04-02')), then(placed, (c) => (c.placedAdoption[0]!.datePlaced = '2026-03-31'))],
  ['118', then(placed, (c) => (c.placedAdoption[0]!.datePlacedCeased = '2025-03-31')), then(placed, (c) => (c.placedAdoption[0]!.datePlacedCeased = '2025-04-01'))],
  ['184', then(placed, (c) => (c.placedAdoption[0]!.datePlaced = '2012-01-01')), placed],
  ['522', then(placed, (c) => (c.placedAdoption[0]!.datePlacedCeased = '2025-02-01')), then(placed, (c) => (c.placedAdoption[0]!.datePlacedCeased = '2025-03-01'))],
  ['1003', then(placed, (c) => (c.placedAdoption[0]!.datePlaced = '2024-02-01')), then(placed, (c) => (c.placedAdoption[0]!.datePlaced = '2024-03-01'))],
  ['579', then(placed, (c) => c.placedAdoption.push({ datePlaced: '2025-05-01', datePlacedCeased: null, reasonPlacedCeased: null })),
    then(placed, (c) => { c.placedAdoption[0]!.datePlacedCeased = '2025-04-01'; c.placedAdoption.push({ datePlaced: '2025-05-01', datePlacedCeased: null, reasonPlacedCeased: null }); })],
  ['552', then(adopt, (c) => { c.placedAdoption[0]!.datePlaced = '2025-07-01'; }), then(adopt, (c) => { c.placedAdoption[0]!.datePlaced = '2025-06-01'; })],
  ['558', then(adopt, (c) => (c.placedAdoption[0]!.datePlacedCeased = '2025-12-01')), adopt],
  ['551', then(adopt, (c) => (c.placedAdoption = [])), adopt],
  // The reason a decision to place for adoption was reversed (decision 0041).
  ['119', then(placed, (c) => (c.placedAdoption[0]!.datePlacedCeased = '2025-09-01')), then(placed, (c) => Object.assign(c.placedAdoption[0]!, { datePlacedCeased: '2025-09-01', reasonPlacedCeased: 'RD1' }))],
  ['120', then(placed, (c) => Object.assign(c.placedAdoption[0]!, { datePlacedCeased: '2025-09-01', reasonPlacedCeased: 'RD5' })), then(placed, (c) => Object.assign(c.placedAdoption[0]!, { datePlacedCeased: '2025-09-01', reasonPlacedCeased: 'RD4' }))],
  ['563', (c) => (c.placedAdoption = [{ datePlaced: '', datePlacedCeased: '2025-09-01', reasonPlacedCeased: 'RD2' }]), (c) => (c.placedAdoption = [{ datePlaced: '2025-03-01', datePlacedCeased: '2025-09-01', reasonPlacedCeased: 'RD2' }])],
  ['553', (_c, _e1, e2) => (e2.ls = 'E1'), then(placed, (_c, _e1, e2) => (e2.ls = 'E1'))],
  ['557', then(placed, (_c, _e1, e2) => { e2.ls = 'E1'; leaves(e2, 'E4A'); }), then(placed, (c, _e1, e2) => { e2.ls = 'E1'; leaves(e2, 'E4A'); Object.assign(c.placedAdoption[0]!, { datePlacedCeased: '2025-09-01', reasonPlacedCeased: 'RD1' }); })],

  // PrevPerm (decision 0041): a child new to care in the year needs it; one in care since before does not carry it.
  ['630', newToCare(null), newToCare({ prevPerm: 'P2', laPerm: '352', datePerm: '2019-03-03' })],
  ['630', newToCare({ prevPerm: 'P1', laPerm: null, datePerm: '2019-03-03' }), newToCare({ prevPerm: 'Z1', laPerm: null, datePerm: null })],
  ['631', newToCare({ prevPerm: 'P5', laPerm: '352', datePerm: '2019-03-03' }), newToCare({ prevPerm: 'P4', laPerm: '999', datePerm: '2019-03-03' })],
  ['632', newToCare({ prevPerm: 'P1', laPerm: '352', datePerm: '2025-06-01' }), newToCare({ prevPerm: 'P1', laPerm: '352', datePerm: '2025-05-31' })],
  ['632', newToCare({ prevPerm: 'P1', laPerm: '352', datePerm: '2019-02-30' }), newToCare({ prevPerm: 'P1', laPerm: 'WAL', datePerm: '2019-02-28' })],
  ['633', newToCare({ prevPerm: 'P2', laPerm: '35', datePerm: '2019-03-03' }), newToCare({ prevPerm: 'P2', laPerm: 'NUK', datePerm: '2019-03-03' })],
  ['634', (c, e1) => { c.episodes = [{ ...e1, dec: null, rec: null, reasonPlaceChange: null }]; c.prevPerm = { prevPerm: 'Z1', laPerm: null, datePerm: null }; }, newToCare({ prevPerm: 'Z1', laPerm: null, datePerm: null })],
  ['635', newToCare({ prevPerm: 'Z1', laPerm: '352', datePerm: null }), newToCare({ prevPerm: 'Z1', laPerm: null, datePerm: null })],

  // UASC DUC (decision 0041). The clean child was born 15 June 2012: 18 on 15 June 2030.
  ['104', (c) => { c.uasc = true; c.duc = '2025-02-30'; }, (c) => { c.uasc = true; c.duc = '2025-02-28'; }],
  ['303', (c) => (c.duc = '2025-09-01'), (c) => { c.uasc = true; c.duc = '2025-09-01'; }],
  ['304', (c) => { c.uasc = true; c.dob = '2007-06-15'; c.duc = '2025-06-16'; }, (c) => { c.uasc = true; c.dob = '2007-06-15'; c.duc = '2025-06-15'; }],
  ['1014', (c) => { c.episodes = []; c.uasc = true; c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'D1' }; }, (c) => { c.uasc = true; c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'D1' }; }],

  ['SW01aSTG1', (c) => (c.swEpisodes[1]!.swId = ''), none],
  ['SW02STG1', (c) => (c.swEpisodes[1]!.swId = 'AB123'), (c) => (c.swEpisodes[1]!.swId = 'SW123')],
  ['SW04STG1', (c) => (c.swEpisodes[1]!.swDecom = '2025-09-31'), none],
  ['SW05STG1', (c) => (c.swEpisodes[0]!.swDec = '2025-09-31'), none],
  ['SW07STG2', (c) => (c.swEpisodes[0]!.swDec = '2025-03-01'), (c) => (c.swEpisodes[0]!.swDec = '2025-04-01')],
  ['SW08STG2', (c) => (c.swEpisodes[0]!.swDec = null), none],
  ['SW09STG2', (c) => (c.swEpisodes[1]!.swDec = '2025-09-01'), none],
  ['SW10STG2', (c) => (c.swEpisodes[1]!.swDecom = '2025-08-01'), none],
  ['SW11bSTG2', (c) => (c.swEpisodes[1]!.swDec = '2026-01-01'), (c, _e1, e2) => { c.swEpisodes[1]!.swDec = '2026-01-01'; leaves(e2, 'E4A'); }],
  ['SW13STG1', (c) => (c.swEpisodes[0]!.swReason = 'BORED'), (c) => (c.swEpisodes[0]!.swReason = 'OTHERS')],
  ['SW17STG2', (c) => (c.swEpisodes = [c.swEpisodes[0]!]), none],
  ['SW18STG2', (c) => (c.swEpisodes[0]!.swDec = '2024-01-01'), none],
  ['SW19STG2', (c) => (c.swEpisodes[1]!.swDecom = '2024-03-01'), none],

  ['700', dolo('2026-02-30'), dolo(), 2027],
  ['701', dolo('2026-05-01', '2026-13-01'), dolo('2026-05-01', '2026-12-01'), 2027],
  ['702', dolo('2026-05-01', '2026-04-30'), dolo('2026-05-01', '2026-05-01'), 2027],
  ['703', dolo('2027-04-01'), dolo('2027-03-31'), 2027],
  ['704', dolo('2026-05-01', '2027-04-02'), dolo('2026-05-01', '2027-03-31'), 2027],
  ['705', then(dolo(), (c) => c.dolo.push({ doloStart: '2026-06-01', doloEnd: null })), then(dolo('2026-05-01', '2026-05-31'), (c) => c.dolo.push({ doloStart: '2026-06-01', doloEnd: null })), 2027],
  ['707', then(dolo(), (_c, _e1, e2) => leaves(e2, 'E4A', '2027-01-01')), then(dolo('2026-05-01', '2027-01-01'), (_c, _e1, e2) => leaves(e2, 'E4A', '2027-01-01')), 2027],
  ['708', then(dolo(), (c) => (c.dob = '2026-06-01')), dolo(), 2027],
  // The adopters' sexes and legal status (decision 0043).
  ['151', then(adopt, (c) => (c.ad1!.lsAdoptr = null)), adopt],
  ['176', then(adopt, (c) => (c.ad1!.sexAdoptr = 'M2')), adopt],
  ['177', then(adopt, (c) => (c.ad1!.lsAdoptr = 'L1')), then(adopt, (c) => (c.ad1!.lsAdoptr = 'L12'), (c) => (c.ad1!.sexAdoptr = 'FF'))],
  ['511', then(adopt, (c) => (c.ad1!.sexAdoptr = 'F1')), then(adopt, (c) => Object.assign(c.ad1!, { nbAdoptr: '1', sexAdoptr: 'F1', lsAdoptr: 'L0' }))],
  ['514', then(adopt, (c) => Object.assign(c.ad1!, { lsAdoptr: 'L0' })), then(adopt, (c) => Object.assign(c.ad1!, { nbAdoptr: '1', sexAdoptr: 'M1', lsAdoptr: 'L0' }))],
  ['517', then(adopt, (c) => Object.assign(c.ad1!, { sexAdoptr: 'FF', lsAdoptr: 'L3' })), then(adopt, (c) => Object.assign(c.ad1!, { lsAdoptr: 'L3' }))],
  ['518', then(adopt, (c) => Object.assign(c.ad1!, { lsAdoptr: 'L4' })), then(adopt, (c) => Object.assign(c.ad1!, { sexAdoptr: 'MM', lsAdoptr: 'L4' }))],
  ['519', then(adopt, (c) => Object.assign(c.ad1!, { sexAdoptr: 'M1', lsAdoptr: 'L2' })), then(adopt, (c) => Object.assign(c.ad1!, { sexAdoptr: 'FF', lsAdoptr: 'L2' }))],
  ['520', then(adopt, (c) => Object.assign(c.ad1!, { sexAdoptr: 'MM' })), adopt],
  ['524', then(adopt, (c) => Object.assign(c.ad1!, { lsAdoptr: 'L12' })), then(adopt, (c) => Object.assign(c.ad1!, { sexAdoptr: 'FF', lsAdoptr: 'L12' }))],
  ['601', then(adopt, (c) => (c.ad1!.sexAdoptr = null)), adopt],
  // Offending, substance misuse and the under-5 development check (decision 0043).
  ['158', (c) => Object.assign(c.oc2!, { substanceMisuse: '1', interventionReceived: '1', interventionOffered: '1' }), (c) => Object.assign(c.oc2!, { substanceMisuse: '1', interventionReceived: '1' })],
  ['159', (c) => Object.assign(c.oc2!, { substanceMisuse: '1', interventionReceived: '0' }), (c) => Object.assign(c.oc2!, { substanceMisuse: '1', interventionReceived: '0', interventionOffered: '1' })],
  ['182', (c) => Object.assign(c.oc2!, { teethCheck: null }), (c) => Object.assign(c.oc2!, { convicted: null, immunisations: null, teethCheck: null, healthAssessment: null, substanceMisuse: null })],
  ['191', (c) => (c.oc2!.substanceMisuse = null), none],
  ['192', (c) => (c.oc2!.substanceMisuse = '1'), (c) => Object.assign(c.oc2!, { substanceMisuse: '1', interventionReceived: '1' })],
  ['193', (c) => (c.oc2!.interventionOffered = '0'), (c) => Object.assign(c.oc2!, { substanceMisuse: '1', interventionReceived: '0', interventionOffered: '0' })],
  ['543', (c) => (c.oc2!.convicted = null), (c) => { c.oc2!.convicted = null; c.dob = '2016-04-01'; }],
  ['544', (c) => (c.oc2!.healthAssessment = null), (c) => Object.assign(c.oc2!, { convicted: null, healthAssessment: null })],
  ['545', (c) => Object.assign(c, { dob: '2022-01-01', oc2: { ...c.oc2!, convicted: null, sdqScore: null } }), (c) => Object.assign(c, { dob: '2022-01-01', oc2: { ...c.oc2!, convicted: null, sdqScore: null, healthCheck: '1' } })],
  ['546', (c) => (c.oc2!.healthCheck = '1'), (c) => Object.assign(c, { dob: '2022-01-01', oc2: { ...c.oc2!, convicted: null, sdqScore: null, healthCheck: '1' } })],
  ['547', (c) => Object.assign(c, { dob: '2022-01-01', oc2: { ...c.oc2!, convicted: null, sdqScore: null, healthCheck: '1', teethCheck: null } }), (c) => Object.assign(c, { dob: '2022-01-01', oc2: { ...c.oc2!, convicted: null, sdqScore: null, healthCheck: '1' } })],
  // Decision 0078: the rules whose reading is the validator's (csc-validator-be-903), cases from its tests where they fit.
  ['157', (c) => Object.assign(c.oc2!, { sdqScore: null, sdqReason: 'SDQ1' }), (c) => Object.assign(c, { dob: '2021-06-01', oc2: { ...c.oc2!, sdqScore: null, sdqReason: 'SDQ1' } })],
  ['197B', (c) => Object.assign(c, { dob: '2021-06-01', oc2: { ...c.oc2!, sdqScore: null } }), (c) => Object.assign(c, { dob: '2021-06-01', oc2: { ...c.oc2!, sdqScore: null, sdqReason: 'SDQ2' } })],
  ['197B', (c) => Object.assign(c, { dob: '2008-06-01', oc2: { ...c.oc2!, sdqScore: null } }), (c) => Object.assign(c, { dob: '2008-03-31', oc2: { ...c.oc2!, sdqScore: null } })],
  ['198', (c, _e1, e2) => { leaves(e2, 'E4A', '2026-03-01'); Object.assign(c.oc2!, { sdqScore: null, sdqReason: 'SDQ4' }); }, (c, _e1, e2) => { leaves(e2, 'E4A', '2026-03-01'); c.oc2!.sdqScore = null; }],
  ['187', careLeaver, (c, e1, e2) => { careLeaver(c, e1, e2); leaves(e2, 'E4A', '2026-01-01'); }],
  ['187', (c) => (c.ad1 = { dateInt: '2025-03-01', dateMatch: null, fosterCare: null, nbAdoptr: null, sexAdoptr: null, lsAdoptr: null }), adopt],
  ['215', careLeaver, (c, e1, e2) => { careLeaver(c, e1, e2); c.oc2 = null; }],
  ['347', (c) => (c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'T1' }), (c) => { c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'T1' }; c.dob = '2007-04-01'; }],
  ['1016', (c, e1) => { careLeaver(c, e1, e1); c.dob = '2008-07-01'; c.episodes = [{ ...e1, dec: '2025-08-01', rec: 'E4A', reasonPlaceChange: null }]; },
    (c, e1) => { careLeaver(c, e1, e1); c.dob = '2008-07-01'; c.episodes = [{ ...e1, dec: '2025-05-01', rec: 'E4A', reasonPlaceChange: null }]; }],
  ['3001', (c) => { c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'Z1' }; c.dob = '2008-06-01'; }, (c) => { c.oc3 = { inTouch: 'YES', activ: 'F2', accom: 'Z1' }; c.dob = '2007-06-01'; }],
  ['575', (c, _e1, e2) => { c.missing[0]!.misEnd = null; leaves(e2, 'E4A'); }, (c) => (c.missing[0]!.misEnd = null)],
  ['SW06STG2', (c) => (c.swEpisodes[1]!.swDecom = '2026-04-01'), (c) => (c.swEpisodes[1]!.swDecom = '2026-03-31')],
  ['231', (c) => { c.uasc = true; c.dob = '2015-04-01'; }, (c) => { c.uasc = true; c.dob = '2015-03-31'; }],
  ['199', (_c, e1) => (e1.rec = 'E11'), (_c, _e1, e2) => { e2.place = 'A4'; leaves(e2, 'E11'); }],
  ['336', (_c, e1, e2) => { e1.place = 'K2'; e2.place = 'A3'; }, (_c, _e1, e2) => (e2.place = 'A3')],
  ['359', (c) => (c.dob = '2007-06-01'), (c) => (c.dob = '2008-03-31')],
  ['359', (c) => (c.dob = '2007-06-01'), (c, _e1, e2) => { c.dob = '2007-06-01'; Object.assign(e2, { ls: 'V2', place: 'K2' }); }],
  ['364', (_c, _e1, e2) => (e2.ls = 'J2'), (_c, _e1, e2) => { e2.ls = 'J2'; leaves(e2, 'E4A', '2025-06-22'); }],
  ['364', (c, e1) => { c.episodes = [{ ...e1, ls: 'J2', decom: '2025-06-01', dec: '2025-06-15', rne: 'S', periodStart: '2025-06-01' }, { ...e1, ls: 'J2', rne: 'P', decom: '2025-06-15', dec: '2025-06-30', rec: 'E4A' }]; },
    (c, e1) => { c.episodes = [{ ...e1, ls: 'J2', decom: '2025-06-01', dec: '2025-06-15', rne: 'S', periodStart: '2025-06-01' }, { ...e1, ls: 'C2', rne: 'L', decom: '2025-06-15', dec: '2025-06-30', rec: 'E4A' }]; }],
  ['516', (_c, _e1, e2) => { e2.place = 'K2'; leaves(e2, 'E45'); }, (_c, _e1, e2) => leaves(e2, 'E45')],
  ['334', then(adopt, (c) => (c.ad1!.dateInt = '2024-02-01')), then(adopt, (c) => (c.ad1!.dateInt = '2024-03-01'))],
  ['521', then(adopt, (c) => (c.ad1!.dateInt = '2025-06-02')), then(adopt, (c) => (c.ad1!.dateInt = '2025-06-01'))],
  ['554', then(placed, (c, _e1, e2) => { e2.ls = 'E1'; c.placedAdoption[0]!.datePlaced = '2025-06-02'; }), then(placed, (_c, _e1, e2) => (e2.ls = 'E1'))],
  ['583', then(placed, (c) => c.placedAdoption.push({ datePlaced: '2025-05-01', datePlacedCeased: null, reasonPlacedCeased: null })),
    then(placed, (c) => { c.placedAdoption[0]!.datePlacedCeased = '2025-04-01'; c.placedAdoption.push({ datePlaced: '2025-05-01', datePlacedCeased: null, reasonPlacedCeased: null }); })],
  ['583', then(placed, (c) => c.placedAdoption.unshift({ datePlaced: '2025-04-01', datePlacedCeased: '2025-04-02', reasonPlacedCeased: 'RD1' }), (c) => c.placedAdoption.reverse()),
    then(placed, (c) => c.placedAdoption.unshift({ datePlaced: '2025-02-01', datePlacedCeased: '2025-02-02', reasonPlacedCeased: 'RD1' }))],
  ['214', (_c, e1, e2) => { e1.ls = 'V3'; e2.ls = 'V3'; e1.plPost = null; e2.homePost = null; e1.homePost = null; }, (_c, e1, e2) => { e1.ls = 'V3'; e2.ls = 'V3'; Object.assign(e1, { plPost: null, urn: null }); Object.assign(e2, { plPost: null, urn: null }); }],
  ['398', (_c, e1, e2) => { e1.ls = 'V4'; e2.ls = 'V4'; }, (_c, e1, e2) => { e1.ls = 'V4'; e2.ls = 'V4'; Object.assign(e1, { homePost: null, plPost: null }); Object.assign(e2, { homePost: null, plPost: null }); }],
  ['420', (_c, e1, e2) => { e1.ls = 'V4'; e2.ls = 'V4'; }, (_c, e1, e2) => { e1.ls = 'V4'; e2.ls = 'V4'; e1.plLa = null; e2.plLa = null; }],
  ['406', (c) => (c.uasc = true), (c, e1, e2) => { c.uasc = true; e1.plDistance = null; e2.plDistance = null; }],
  ['1015', (_c, _e1, e2) => Object.assign(e2, { place: 'K2', placeProvider: 'PR1', plLocation: 'OUT' }), (_c, _e1, e2) => Object.assign(e2, { placeProvider: 'PR1', plLocation: 'OUT' })],
  ['1015', (_c, _e1, e2) => Object.assign(e2, { place: 'K2', placeProvider: 'PR1', plLocation: 'OUT' }), (_c, _e1, e2) => Object.assign(e2, { place: 'K2', placeProvider: 'PR1', plLocation: 'IN' })],
  ['709', then(dolo(), (_c, _e1, e2) => (e2.place = 'U6')), dolo(), 2027],
  ['710', then(dolo(), (_c, _e1, e2) => (e2.place = 'K1')), then(dolo(), (_c, _e1, e2) => { e2.place = 'Z12'; e2.placeProvider = null; }), 2027],
];

describe('SSDA903 validation rules (ssda903-rules.md; policy-2026.md §2.6)', () => {
  it('the clean child in care breaks no rule in 2025-26, nor with a DoLO in a children’s home in 2026-27', () => {
    expect(codesFailing(cleanChild())).toEqual([]);
    const c = changed(dolo());
    c.swEpisodes[0]!.swDec = '2026-04-01';
    c.swEpisodes[1]!.swDecom = '2026-04-01';
    c.reviews = [];
    c.missing = [];
    expect(codesFailing(c, 2027)).toEqual([]);
  });

  it('every rule has DfE’s code, a message and a case below; the 2025-26 additions 242, 243, SW18STG2, SW19STG2 are there', () => {
    // The rules comparing with last year's return have their cases in rules-last-year.test.ts; the URN and
    // provider rules in rules/providers.test.ts (decision 0077).
    const tested = new Set([...CASES.map(([code]) => code), '444', 'INT32', ...LAST_YEAR_RULES.map((r) => r.code), ...PROVIDER_RULES.map((r) => r.code)]);
    for (const rule of SSDA903_RULES) {
      expect(rule.message.length).toBeGreaterThan(10);
      expect(tested.has(rule.code), `rule ${rule.code} has a test`).toBe(true);
    }
    expect(new Set(SSDA903_RULES.map((r) => r.code)).size).toBe(SSDA903_RULES.length);
    for (const code of ['242', '243', 'SW18STG2', 'SW19STG2', '233', '234', '444', '454', 'SW17STG2']) expect(SSDA903_RULES.some((r) => r.code === code), code).toBe(true);
  });

  it('the DoLo rules 700-710 apply from 2026-27, not to 2025-26', () => {
    expect(rulesOfYear(2026).some((r) => r.code === '709')).toBe(false);
    expect(rulesOfYear(2027).some((r) => r.code === '709')).toBe(true);
    expect(codesFailing(changed(then(dolo(), (_c, _e1, e2) => (e2.place = 'U6'))), 2026)).not.toContain('709');
  });

  it.each(CASES)('rule %s: fails where it is broken, passes where it is not', (code, breaks, nearMiss, year = 2026) => {
    expect(codesFailing(changed(breaks), year)).toContain(code);
    expect(codesFailing(changed(nearMiss), year)).not.toContain(code);
  });

  it('rules 444 and INT32: two children with the same UPN, or the same CHILD identifier', () => {
    const twin = cleanChild({ childId: 'twin' });
    const failing = validateSsda903(fixtureReturn([cleanChild(), twin]), fixtureContext()).failures;
    expect(failing.filter((f) => f.code === '444').map((f) => f.childId)).toEqual([cleanChild().childId, 'twin']);
    expect(failing.filter((f) => f.code === 'INT32')).toHaveLength(2);
    const other = cleanChild({ childId: 'other', child: 'LC0000904', upn: 'A201123456789' });
    const clean = validateSsda903(fixtureReturn([cleanChild(), other]), fixtureContext()).failures.map((f) => f.code);
    expect(clean).not.toContain('444');
    expect(clean).not.toContain('INT32');
  });

  it('the report counts each rule’s failures and names the child and where', () => {
    const report = validateSsda903(fixtureReturn([changed((_c, _e1, e2) => (e2.plDistance = 400))]), fixtureContext());
    expect(report.failures).toEqual([{ code: '454', kind: 'error', message: 'Placement distance from home is over 350 miles.', childId: cleanChild().childId, laChildId: 'LC0000903', where: 'Episode starting 2025-06-01' }]);
    expect(report.counts).toEqual([{ code: '454', kind: 'error', message: 'Placement distance from home is over 350 miles.', failures: 1, children: 1 }]);
  });
});
