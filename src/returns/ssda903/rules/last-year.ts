// Rules that compare a child's return with theirs last year (the validator's `_last` tables;
// ssda903-rules.md; decision 0076). Each follows the validator's file of that code
// (csc-validator-be-903, lac_validator/rules/lac20XX_YY/rule_NNN.py): a child is the same child in both
// years (Lantern's id, where the validator joins on CHILD); the child's first episode this year is the
// one with the earliest DECOM, their last episode last year the one with the latest.
import { addMonths } from '../../../calendar/index.ts';
import { eighteenthBirthday } from '../../../people/uasc.ts';
import type { Ssda903Child, Ssda903Episode } from '../model.ts';
import { days, episodeWhere, lastYearRule, validDate, type Ssda903Rule } from './define.ts';

const first = (c: Ssda903Child): Ssda903Episode | undefined => c.episodes[0];
const lastEpisode = (c: Ssda903Child | undefined): Ssda903Episode | undefined => c?.episodes.at(-1);
/** The validator compares values as text: a blank is the same as a blank. */
const same = (a: string | number | null | undefined, b: string | number | null | undefined) => String(a ?? '') === String(b ?? '');

/** Last year's last episode was still open: this year's first episode must carry it on. */
const openAtEndOfLastYear = (c: Ssda903Child, last: Ssda903Child | undefined): [Ssda903Episode, Ssda903Episode] | null => {
  const now = first(c);
  const before = lastEpisode(last);
  return now && before && before.dec === null ? [now, before] : null;
};

/** 503A-503J: an item of the first episode differs from the episode open at the end of last year. */
const carriedOn = (code: string, message: string, differs: (now: Ssda903Episode, before: Ssda903Episode) => boolean): Ssda903Rule =>
  lastYearRule(code, message, (c, last) => {
    const pair = openAtEndOfLastYear(c, last);
    return pair && differs(...pair) ? [episodeWhere(pair[0])] : [];
  });

const distanceDiffers = (now: Ssda903Episode, before: Ssda903Episode) => now.plDistance !== null && before.plDistance !== null && Math.abs(now.plDistance - before.plDistance) >= 0.2;

const UN_CODES = ['UN1', 'UN2', 'UN3', 'UN4', 'UN5'];

/**
 * Rule 208 as the validator reads it: a UPN that changed, except from UN1 or blank to UN2-UN5, from
 * blank to UN1, or from unknown (blank or UN1-UN5) to a real UPN; blank in both years is left to 442.
 */
function upnContradicts(now: string | null, before: string | null): boolean {
  const n = now?.toUpperCase() ?? null;
  const b = before?.toUpperCase() ?? null;
  if (n === b) return false;
  const toUnknownReason = (b === 'UN1' || b === null) && n !== null && UN_CODES.slice(1).includes(n);
  const unknownToKnown = (b === null || UN_CODES.includes(b)) && n !== null && !UN_CODES.includes(n);
  return !toUnknownReason && !unknownToKnown;
}

/**
 * Rule 1001 as the validator reads it: over this year's and last year's episodes (a repeated DECOM
 * counted once, the one with an end kept; the latest left open counted to the year's end; V3/V4 short
 * breaks left out), at least 91 days looked after from the 14th birthday and a day from the 16th; and
 * not adopted (the latest episode ending E11 or E12). A young person 20 or over at the year's end is not
 * judged: the validator's comment says they are dropped, as two years cannot hold their care (its code
 * then flags them for having no total; Lantern follows the comment).
 */
function notRelevantChild(c: Ssda903Child, last: Ssda903Child | undefined, yearEnd: string): boolean {
  if (c.dob && validDate(c.dob) && addMonths(c.dob, 240) <= yearEnd) return false;
  const byStart = new Map<string, Ssda903Episode>();
  for (const e of [...c.episodes, ...(last?.episodes ?? [])]) {
    const held = byStart.get(e.decom);
    if (!held || (held.dec === null && e.dec !== null) || (held.dec !== null && e.dec !== null && e.dec < held.dec)) byStart.set(e.decom, e);
  }
  const episodes = [...byStart.values()].sort((a, b) => a.decom.localeCompare(b.decom));
  const latest = episodes.at(-1);
  if (latest && (latest.rec === 'E11' || latest.rec === 'E12')) return true;
  if (!c.dob || !validDate(c.dob)) return true;
  const at14 = addMonths(c.dob, 168);
  const at16 = addMonths(c.dob, 192);
  let after14 = 0;
  let after16 = 0;
  for (const e of episodes) {
    if (e.ls === 'V3' || e.ls === 'V4') continue;
    const end = e.dec ?? (e === latest ? yearEnd : null);
    if (end === null) continue;
    after14 += Math.max(0, days(e.decom > at14 ? e.decom : at14, end));
    after16 += Math.max(0, days(e.decom > at16 ? e.decom : at16, end));
  }
  return !(after14 >= 91 && after16 >= 1);
}

const placedWhere = (p: Ssda903Child['placedAdoption'][number]) => `Decision to place for adoption ${p.datePlaced}`;

export const LAST_YEAR_RULES: Ssda903Rule[] = [
  // Header
  lastYearRule('202', 'The gender code conflicts with the gender already recorded for this child.', (c, last) => !!last && !same(c.sex, last.sex)),
  lastYearRule('203', 'Date of birth disagrees with the date of birth already recorded for this child.', (c, last) => !!last && !same(c.dob, last.dob)),
  lastYearRule('204', 'Ethnic origin code disagrees with the ethnic origin already recorded for this child.', (c, last) => !!last && !same(c.ethnic?.toUpperCase(), last.ethnic?.toUpperCase())),
  lastYearRule('207', 'Mother status for the current year disagrees with the mother status already recorded for this child.', (c, last) =>
    !!last && c.episodes.length > 0 && last.mother === '1' && c.mother !== '1'),
  lastYearRule('208', 'Unique Pupil Number (UPN) for the current year disagrees with the Unique Pupil Number (UPN) already recorded for this child.', (c, last) =>
    !!last && upnContradicts(c.upn, last.upn)),
  lastYearRule('624', 'Date of birth of the first child contradicts the date of birth of the first child previously recorded.', (c, last) =>
    !!last && last.mcDob !== null && c.mcDob !== last.mcDob),
  lastYearRule('626', 'Child was reported as a mother but the date of birth of the first child is before the current year which contradicts with the mother status recorded last year.', (c, last, ctx) =>
    !!last && c.mcDob !== null && validDate(c.mcDob) && c.mother === '1' && last.mother === '0' && c.mcDob < ctx.year.start),

  // UASC: a child in this year's UASC table (205A and 205C need a row there that is not UASC: see decision 0076).
  lastYearRule('205B', 'Child previously identified as UASC is also UASC this year, but date UASC ceased in both years does not support this.', (c, last, ctx) => {
    if (!c.uasc || !last?.uasc) return false;
    const ceasedThisYear = c.duc !== null && c.duc >= ctx.year.start && c.duc <= ctx.year.end;
    const lastWasEighteenth = last.duc !== null && validDate(last.dob) && last.duc === eighteenthBirthday(last.dob!);
    return (!ceasedThisYear && c.duc !== last.duc) || !lastWasEighteenth ? ['UASC'] : [];
  }),
  lastYearRule('205D', 'Child identified as UASC this year but not identified as UASC status provided for the child last year.', (c, last) => !!last && c.uasc && !last.uasc),

  // Episodes
  lastYearRule('452', 'Contradiction between local authority of placement code in the last episode of the previous year and in the first episode of the current year.', (c, last) => {
    const pair = openAtEndOfLastYear(c, last);
    return pair && pair[0].rne === pair[1].rne && !same(pair[0].plLa, pair[1].plLa) ? [episodeWhere(pair[0])] : [];
  }),
  lastYearRule('453', 'Contradiction between placement distance in the last episode of the previous year and in the first episode of the current year.', (c, last) => {
    const pair = openAtEndOfLastYear(c, last);
    return pair && pair[0].rne === pair[1].rne && distanceDiffers(...pair) ? [episodeWhere(pair[0])] : [];
  }),
  lastYearRule('502', 'Last year\'s record ended with an open episode. The date on which that episode started does not match the start date of the first episode on this year’s record.', (c, last) => {
    const now = first(c);
    return now && last?.episodes.some((e) => e.dec === null && e.decom !== now.decom) ? [episodeWhere(now)] : [];
  }),
  carriedOn('503A', 'The reason for new episode in the first episode does not match open episode at end of last year.', (now, before) => !same(now.rne, before.rne)),
  carriedOn('503B', 'The legal status in the first episode does not match open episode at end of last year.', (now, before) => !same(now.ls, before.ls)),
  carriedOn('503C', 'The category of need in the first episode does not match open episode at end of last year.', (now, before) => !same(now.cin, before.cin)),
  carriedOn('503D', 'The placement type in the first episode does not match open episode at end of last year', (now, before) => !same(now.place, before.place)),
  carriedOn('503E', 'The placement provider in the first episode does not match open episode at end of last year.', (now, before) => !same(now.placeProvider, before.placeProvider)),
  carriedOn('503F', 'The Ofsted URN in the first episode does not match open episode at end of last year.', (now, before) => !same(now.urn, before.urn)),
  carriedOn('503G', 'The distance in first episode does not match open episode at end of last year.', (now, before) =>
    distanceDiffers(now, before) || (before.plDistance === null && now.plDistance !== null)),
  carriedOn('503H', 'The placement LA in first episode does not match open episode at end of last year.', (now, before) => !same(now.plLa, before.plLa)),
  carriedOn('503J', 'The placement location in first episode does not match open episode at end of last year.', (now, before) => !same(now.plLocation, before.plLocation)),
  lastYearRule('562', 'Episode commenced before the start of the current collection year but there is a missing continuous episode in the previous year.', (c, last, ctx) => {
    const before = c.episodes.find((e) => e.decom < ctx.year.start);
    return before && lastEpisode(last)?.decom !== before.decom ? [episodeWhere(before)] : [];
  }),
  lastYearRule('NoE', 'This child has no episodes loaded for previous year even though child started to be looked after before this current year.', (c, last, ctx) =>
    last && last.episodes.length > 0 ? [] : c.episodes.filter((e) => e.decom < ctx.year.start).map(episodeWhere)),

  // Missing: this year's first missing period (by start) is the one open at the end of last year.
  lastYearRule('576', 'There is an open missing/away from placement without authorisation period in last year’s return and there is no corresponding period recorded at the start of this year.', (c, last) => {
    const firstMissing = c.missing.reduce<Ssda903Child['missing'][number] | undefined>((a, m) => (!a || m.misStart < a.misStart ? m : a), undefined);
    return firstMissing && last?.missing.some((m) => m.misEnd === null && m.misStart !== firstMissing.misStart) ? [`Missing from ${firstMissing.misStart}`] : [];
  }),

  // PlacedAdoption: each of this year's decisions against each of last year's.
  lastYearRule('559', 'Date of decision that a child should be placed for adoption was not in the current year but the date of the decision that the child should be placed for adoption was not completed in a previous return.', (c, last, ctx) =>
    c.placedAdoption.filter((p) => p.datePlaced < ctx.year.start && !last?.placedAdoption.length).map(placedWhere)),
  lastYearRule('560', 'Date of decision that the child should be placed for adoption this year is different from that recorded last year but the decision to place the child for adoption did not change.', (c, last) =>
    c.placedAdoption.filter((p) => last?.placedAdoption.some((l) => l.datePlacedCeased === null && l.datePlaced !== p.datePlaced)).map(placedWhere)),
  lastYearRule('561', 'Date of the decision that the child should be placed for adoption this year is the same as that recorded last year but records show that the decision changed, and the child should no longer be placed for adoption last year.', (c, last) =>
    c.placedAdoption.filter((p) => last?.placedAdoption.some((l) => l.datePlaced === p.datePlaced && (l.datePlacedCeased !== null || l.reasonPlacedCeased !== null))).map(placedWhere)),
  lastYearRule('584', 'Date of decision that the child should be placed for adoption this year is different from that recorded last year, but the decision to placed the child for adoption changed and the child should no longer be placed for adoption.', (c, last) =>
    c.placedAdoption.filter((p) => last?.placedAdoption.some((l) => (l.datePlacedCeased !== null || l.reasonPlacedCeased !== null) && p.datePlaced <= l.datePlaced)).map(placedWhere)),

  // OC3
  lastYearRule('348', 'Care leaver has previously been reported as having died.', (c, last) => !!c.oc3 && last?.oc3?.inTouch === 'DIED' && c.oc3.inTouch !== 'DIED'),
  lastYearRule('1001', 'The episodes recorded for this young person suggest they are not a relevant or a former relevant child and therefore should not have care leaver information completed.', (c, last, ctx) =>
    !!c.oc3 && ctx.last.hasEpisodes && notRelevantChild(c, last, ctx.year.end) ? ['OC3'] : []),
  lastYearRule('1010', 'This child has no episodes loaded for current year even though there was an open episode of care at the end of the previous year, and care leaver data has been entered.', (c, last) =>
    !!c.oc3 && c.episodes.length === 0 && lastEpisode(last)?.dec === null ? ['OC3'] : []),

  // DoLo (from 2026-27): an order open at the end of last year is in this year's table from the same day.
  lastYearRule('706', 'There is an open DoLO in last year’s return and there is no corresponding DoLO recorded at the start of this year.', (c, last) =>
    (last?.dolo ?? []).filter((d) => d.doloEnd === null && !c.dolo.some((o) => o.doloStart === d.doloStart)).map((d) => `Deprivation of liberty order from ${d.doloStart}, open at the end of last year`), { from: 2027 }),
];
