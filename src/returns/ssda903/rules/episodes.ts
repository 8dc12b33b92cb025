// Rules on the Episodes table: codes, the order of episodes, legal statuses and placements, ages,
// reasons ceased, providers, URNs and postcodes (ssda903-rules.md; 241-243: policy-2026.md §2.6).
import { LEGAL_STATUS, PLACEMENT_PROVIDER, PLACEMENT_TYPE, REASON_EPISODE_CEASED, REASON_NEW_EPISODE, REASON_PLACE_CHANGE, CATEGORY_OF_NEED } from '../../../codes/ssda903.ts';
import { codesOf, validIn } from '../../../codes/code-list.ts';
import { addMonths } from '../../../calendar/index.ts';
import type { Ssda903Episode } from '../model.ts';
import { ADOPTION_PLACEMENTS, FOSTER_PLACEMENTS, ageAt, childRule, days, episodeRule, episodeWhere, isTemporary, SHORT_BREAKS, validDate, type RuleContext, type Ssda903Rule } from './define.ts';

const codes = (list: Parameters<typeof codesOf>[0]): readonly string[] => codesOf(list);
const RNE = codes(REASON_NEW_EPISODE);
const LS = codes(LEGAL_STATUS);
const CIN = codes(CATEGORY_OF_NEED);
const REC = codes(REASON_EPISODE_CEASED);
const PROVIDERS = codes(PLACEMENT_PROVIDER);
const PLACE_CHANGE = codes(REASON_PLACE_CHANGE);
/** The placement types valid in the year (rule 146 changes by year: Z11-Z14 from 2025-26). */
const placeTypesOf = (ctx: RuleContext): string[] => validIn(PLACEMENT_TYPE, `${ctx.year.year - 1}-${String(ctx.year.year).slice(2)}` as `20${number}-${number}`).map((e) => e.code);
/** Placement types that need no provider (rules 178, 213) and no reason for a change (226). */
const NO_PROVIDER = ['T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14'];
/** Codes for a placement outside England with no Ofsted URN (rule 243). */
const OUTSIDE_ENGLAND = ['CON', 'NIR', 'SCO', 'WAL', 'NUK'];
/**
 * Whether the placement's council (PL_LA) is outside England: a nation code, or an ONS code of Scotland,
 * Wales or Northern Ireland (S, W, N and eight digits). Lantern's own placements name the council, and a
 * name is never taken for a nation (Sheffield is not Scotland). Rules 218 and 243.
 */
export const outsideEngland = (plLa: string | null): boolean => plLa !== null && (OUTSIDE_ENGLAND.includes(plLa.toUpperCase()) || /^[SWN]\d{8}$/.test(plLa));
const FOSTER_OR_ADOPTION = [...ADOPTION_PLACEMENTS, ...FOSTER_PLACEMENTS];
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i;

const previous = (c: { episodes: Ssda903Episode[] }, i: number) => (i > 0 ? c.episodes[i - 1] : undefined);
const next = (c: { episodes: Ssda903Episode[] }, i: number) => c.episodes[i + 1];
const placementOf = (e: Ssda903Episode) => [e.place, e.plPost ?? '', e.urn ?? '', e.placeProvider ?? ''].join('|');
/** Days an episode lasted: to its end, or to the year's end while open. */
const lasted = (e: Ssda903Episode, ctx: RuleContext) => days(e.decom, e.dec ?? ctx.year.end);
/** Days a run of consecutive episodes under one legal status lasted, counted on its last episode. */
function statusRunDays(c: { episodes: Ssda903Episode[] }, i: number, ctx: RuleContext): number | null {
  const e = c.episodes[i]!;
  const after = next(c, i);
  if (after && after.ls === e.ls && after.decom === e.dec) return null;
  let first = i;
  while (first > 0 && c.episodes[first - 1]!.ls === e.ls && c.episodes[first - 1]!.dec === c.episodes[first]!.decom) first--;
  return days(c.episodes[first]!.decom, e.dec ?? ctx.year.end);
}
const ageAtStart = (c: Parameters<typeof ageAt>[0], e: Ssda903Episode) => ageAt(c, e.decom);
const ageAtEnd = (c: Parameters<typeof ageAt>[0], e: Ssda903Episode) => (e.dec ? ageAt(c, e.dec) : null);

export const EPISODE_RULES: Ssda903Rule[] = [
  episodeRule('143', 'The reason for new episode code is not a valid code.', (e) => !RNE.includes(e.rne)),
  episodeRule('144', 'The legal status code is not a valid code.', (e) => !LS.includes(e.ls)),
  episodeRule('145', 'Category of need code is not a valid code.', (e) => !CIN.includes(e.cin)),
  episodeRule('146', 'Placement type code is not a valid code.', (e, _c, ctx) => !placeTypesOf(ctx).includes(e.place)),
  episodeRule('149', 'Reason episode ceased code is not valid.', (e) => !!e.rec && !REC.includes(e.rec)),
  episodeRule('178', 'Placement provider code is not a valid code.', (e) => !!e.placeProvider && !PROVIDERS.includes(e.placeProvider)),
  episodeRule('1009', 'Reason for placement change is not a valid code.', (e) => !!e.reasonPlaceChange && !PLACE_CHANGE.includes(e.reasonPlaceChange)),
  episodeRule('141', 'Date episode began is not a valid date.', (e) => !validDate(e.decom)),
  episodeRule('147', 'Date episode ceased is not a valid date.', (e) => e.dec !== null && !validDate(e.dec)),
  episodeRule('385', 'Date episode ceased must be on or before the end of the current collection year.', (e, _c, ctx) => !!e.dec && e.dec > ctx.year.end),
  // The first episode of a period of care in the return: no episode immediately before it.
  episodeRule('357', 'If this is the first episode ever for this child, reason for new episode must be S. Check whether there is an episode immediately preceding this one, which has been left out.', (e, c, _ctx, i) =>
    e.decom === e.periodStart && i === 0 && e.rne !== 'S'),
  episodeRule('408', 'Child is placed for adoption with a placement order, but no placement order has been recorded.', (e) => ['A5', 'A6'].includes(e.place) && !['E1', 'D1'].includes(e.ls)),
  episodeRule('148', 'Date episode ceased and reason episode ceased must both be coded, or both left blank.', (e) => !e.dec !== !e.rec),
  episodeRule('142', 'A new episode has started, but the previous episode has not ended.', (_e, c, _ctx, i) => !!next(c, i) && !c.episodes[i]!.dec),
  episodeRule('501', 'A new episode has started before the end date of the previous episode.', (e, c, _ctx, i) => {
    const before = previous(c, i);
    return !!before && !!before.dec && e.decom < before.dec;
  }),
  episodeRule('353', 'No episode submitted can start before 14 October 1991.', (e) => e.decom < '1991-10-14'),
  episodeRule('354', 'Date episode ceased must be on or before the end of the current collection year.', (e, _c, ctx) => !!e.dec && e.dec > ctx.year.end),
  episodeRule('355', 'Episode appears to have lasted for less than 24 hours', (e) => !!e.dec && e.dec === e.decom),
  episodeRule('356', 'The date the episode ceased is before the date the same episode started.', (e) => !!e.dec && e.dec < e.decom),
  episodeRule('352', 'Child who started to be looked after was aged 18 or over.', (e, c) => e.rne === 'S' && (ageAtStart(c, e) ?? 0) >= 18),
  episodeRule('358', 'Child with this legal status should not be under 10.', (e, c) => ['J1', 'J2', 'J3'].includes(e.ls) && (ageAtStart(c, e) ?? 99) < 10),
  episodeRule('361', 'Police protection legal status lasted longer than maximum 72 hours allowed in the Children Act 1989.', (e, c, ctx, i) => e.ls === 'L1' && (statusRunDays(c, i, ctx) ?? 0) > 3),
  episodeRule('362', 'Emergency protection order (EPO) lasted longer than 21 days', (e, c, ctx, i) => e.ls === 'L2' && (statusRunDays(c, i, ctx) ?? 0) > 21),
  episodeRule('363', 'Child assessment order (CAO) lasted longer than 7 days allowed in the Children Act 1989.', (e, c, ctx, i) => e.ls === 'L3' && (statusRunDays(c, i, ctx) ?? 0) > 7),
  episodeRule('365', 'Any individual short- term respite placement must not exceed 17 days.', (e, _c, ctx) => e.ls === 'V3' && lasted(e, ctx) > 17),
  episodeRule('366', 'A child cannot change placement during the course of an individual short-term respite break.', (e) => e.ls === 'V3' && e.rne !== 'S'),
  childRule('367', 'The maximum amount of respite care allowable is 75 days in any 12-month period.', (c, ctx) =>
    c.episodes.filter((e) => e.ls === 'V3').reduce((n, e) => n + days(e.decom < ctx.year.start ? ctx.year.start : e.decom, e.dec ?? ctx.year.end), 0) > 75),
  childRule('426', 'A child receiving respite care cannot be recorded under a legal status of V3 and V4 in the same year.', (c) => c.episodes.some((e) => e.ls === 'V3') && c.episodes.some((e) => e.ls === 'V4')),
  episodeRule('371', 'Child in supported accomodation not subject to children’s homes regulations should be at least 16.', (e, c) => ['H5', 'K3'].includes(e.place) && (ageAtStart(c, e) ?? 99) < 16),
  episodeRule('372', 'Child in youth custody or prison should be at least 10.', (e, c) => e.place === 'R5' && (ageAtStart(c, e) ?? 99) < 10),
  episodeRule('373', 'Child placed in a school should be at least 4 years old.', (e, c) => e.place === 'S1' && (ageAtStart(c, e) ?? 99) < 4),
  episodeRule('374', 'Child in residential employment should be at least 14 years old.', (e, c) => e.place === 'P3' && (ageAtStart(c, e) ?? 99) < 14),
  episodeRule('375', 'Hospitalisation coded as a temporary placement exceeds six weeks.', (e, _c, ctx) => e.place === 'T1' && lasted(e, ctx) > 42),
  episodeRule('376', 'Temporary placements coded as being due to holiday of usual foster carer(s) cannot exceed three weeks.', (e, _c, ctx) => e.place === 'T3' && lasted(e, ctx) > 21),
  episodeRule('379', 'Temporary placements for unspecified reason (placement code T4) cannot exceed seven days.', (e, _c, ctx) => e.place === 'T4' && lasted(e, ctx) > 7),
  childRule('377', 'Only two temporary placements coded as being due to holiday of usual foster carer(s) are allowed in any 12- month period.', (c, ctx) =>
    c.episodes.filter((e) => e.place === 'T3' && e.decom >= ctx.year.start).length > 2),
  episodeRule('378', 'A child who is placed with parent(s) cannot be looked after under a single period of accommodation under Section 20 of the Children Act 1989.', (e) => e.place === 'P1' && e.ls === 'V2'),
  episodeRule('380', 'A period of care cannot start with a temporary placement.', (e) => e.rne === 'S' && isTemporary(e.place)),
  episodeRule('381', 'A period of care cannot end with a temporary placement.', (e) => !!e.rec && e.rec !== 'X1' && isTemporary(e.place)),
  episodeRule('382', 'A child receiving respite care cannot be in a temporary placement.', (e) => SHORT_BREAKS.includes(e.ls) && isTemporary(e.place)),
  episodeRule('383', 'A child in a temporary placement must subsequently return to his/her normal placement.', (e, c, _ctx, i) => {
    const before = previous(c, i);
    const after = next(c, i);
    return isTemporary(e.place) && !!before && !!after && (after.place !== before.place || (after.plPost ?? '') !== (before.plPost ?? ''));
  }),
  episodeRule('384', 'A child receiving respite care cannot be in a long-term foster placement', (e) => SHORT_BREAKS.includes(e.ls) && ['U1', 'U4'].includes(e.place)),
  episodeRule('386', 'Reason episode ceased is adopted but child has reached age 18.', (e, c) => ['E11', 'E12'].includes(e.rec ?? '') && (ageAtEnd(c, e) ?? 0) >= 18),
  episodeRule('387', 'Reason episode ceased is child moved into independent living arrangement, but the child is aged under 14.', (e, c) => ['E5', 'E6'].includes(e.rec ?? '') && (ageAtEnd(c, e) ?? 99) < 14),
  episodeRule('388', 'Reason episode ceased is coded new episode begins, but there is no continuation episode.', (e, c, _ctx, i) => e.rec === 'X1' && next(c, i)?.decom !== e.dec),
  episodeRule('389', 'Reason episode ceased is that child transferred to care of adult social care services, but child is aged under 16.', (e, c) => e.rec === 'E7' && (ageAtEnd(c, e) ?? 99) < 16),
  episodeRule('390', 'Reason episode ceased is adopted but child has not been previously placed for adoption.', (e) => ['E11', 'E12'].includes(e.rec ?? '') && !ADOPTION_PLACEMENTS.includes(e.place)),
  episodeRule('407', 'Reason episode ceased is Special Guardianship Order, but child has reached age 18.', (e, c) => ['E45', 'E46', 'E47', 'E48'].includes(e.rec ?? '') && (ageAtEnd(c, e) ?? 0) >= 18),
  episodeRule('460', 'Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is aged under 18.', (e, c) => e.rec === 'E17' && (ageAtEnd(c, e) ?? 99) < 18),
  episodeRule('437', 'Reason episode ceased is child has died or is aged 18 or over but there are further episodes.', (e, c, _ctx, i) => ['E2', 'E15'].includes(e.rec ?? '') && i < c.episodes.length - 1),
  episodeRule('431', 'The reason for new episode is started to be looked after, but the previous episode ended on the same day.', (e, c, _ctx, i) => e.rne === 'S' && previous(c, i)?.dec === e.decom),
  episodeRule('432', 'The child ceased to be looked after at the end of the previous episode but the reason for the new episode is not started to be looked after.', (e, c, _ctx, i) => {
    const before = previous(c, i);
    return !!before && !!before.rec && before.rec !== 'X1' && e.rne !== 'S';
  }),
  episodeRule('433', 'The reason for new episode suggests that this is a continuation episode, but the episode does not start on the same day as the last episode finished.', (e, c, _ctx, i) => {
    const before = previous(c, i);
    return e.rne !== 'S' && !!before && before.dec !== e.decom;
  }),
  episodeRule('434', 'Reason for new episode is that child’s legal status has changed but not the placement, but this is not reflected in the episode data.', (e, c, _ctx, i) => {
    const before = previous(c, i);
    return e.rne === 'L' && !!before && (before.ls === e.ls || placementOf(before) !== placementOf(e));
  }),
  episodeRule('435', 'Reason for new episode is that child’s placement has changed but not the legal status, but this is not reflected in the episode data recorded.', (e, c, _ctx, i) => {
    const before = previous(c, i);
    return ['P', 'T'].includes(e.rne) && !!before && (before.ls !== e.ls || placementOf(before) === placementOf(e));
  }),
  episodeRule('436', 'Reason for new episode is that both child’s placement and legal status have changed, but this is not reflected in the episode data.', (e, c, _ctx, i) => {
    const before = previous(c, i);
    return ['B', 'U'].includes(e.rne) && !!before && (before.ls === e.ls || placementOf(before) === placementOf(e));
  }),
  episodeRule('446', 'E1 is not a valid code for episodes starting before December 2005.', (e) => e.ls === 'E1' && e.decom < '2005-12-01'),
  childRule('504', 'The category of need code differs from that reported at start of current period of being looked after', (c) =>
    c.episodes.filter((e, i) => i > 0 && e.rne !== 'S' && e.periodStart === c.episodes[i - 1]!.periodStart && e.cin !== c.episodes[i - 1]!.cin).map(episodeWhere)),
  episodeRule('217', 'Children who are placed for adoption with current foster carers (placement types A3 or A5) must have a reason for new episode of S, T or U.', (e) => ['A3', 'A5'].includes(e.place) && e.decom >= '2015-04-01' && !['S', 'T', 'U'].includes(e.rne)),
  // Decision 0078: the validator's readings (csc-validator-be-903).
  // Adopted (E11, E12) earlier in the return, yet a later episode: the child was adopted from care before.
  episodeRule('199', 'Episode information shows child has been previously adopted from care.', (_e, c, _ctx, i) => c.episodes.slice(0, i).some((b) => ['E11', 'E12'].includes(b.rec ?? ''))),
  // The validator checks A3 and A4 while quoting DfE's rule as A3 and A5 (placed for adoption with the
  // current foster carers); Lantern follows DfE's rule. Not the first episode in the return.
  episodeRule('336', 'Child does not have a foster placement immediately prior to being placed for adoption.', (e, c, _ctx, i) => {
    const before = previous(c, i);
    return ['A3', 'A5'].includes(e.place) && !!before && !FOSTER_OR_ADOPTION.includes(before.place);
  }),
  // Still looked after (the episode open) after the 18th birthday, not V2 in a community home (K2).
  // The day is the year's end, or today part-way through a year: a birthday to come has not happened.
  episodeRule('359', 'Child being looked after following 18th birthday must be accommodated under section 20(5) of the Children Act 1989 in a community home.', (e, c, ctx) => {
    const eighteenth = validDate(c.dob) ? addMonths(c.dob!, 18 * 12) : null;
    return e.dec === null && eighteenth !== null && eighteenth < ctx.asOf && !(e.ls === 'V2' && e.place === 'K2');
  }),
  // A run of J2 episodes without a gap lasted more than 21 days: every episode of the run fails.
  episodeRule('364', 'Sections 41-46 of Police and Criminal Evidence (PACE; 1984) severely limits the time a child can be detained in custody in Local Authority (LA) accommodation.', (e, c, ctx, i) => {
    if (e.ls !== 'J2') return false;
    let first = i;
    while (first > 0 && c.episodes[first - 1]!.ls === 'J2' && c.episodes[first - 1]!.dec !== null && c.episodes[first]!.decom <= c.episodes[first - 1]!.dec!) first--;
    let last = i;
    while (last < c.episodes.length - 1 && c.episodes[last + 1]!.ls === 'J2' && c.episodes[last]!.dec !== null && c.episodes[last + 1]!.decom <= c.episodes[last]!.dec!) last++;
    return c.episodes.slice(first, last + 1).reduce((n, r) => n + lasted(r, ctx), 0) > 21;
  }),
  episodeRule('516', 'The episode data submitted for this child does not show that he/she was with their former foster carer(s) during the year. If the code in the reason episode ceased is E45 or E46 the child must have a placement code of U1 to U6.', (e) =>
    ['E45', 'E46'].includes(e.rec ?? '') && !FOSTER_PLACEMENTS.includes(e.place)),
  // Providers.
  episodeRule('213', 'Placement provider information not required.', (e) => NO_PROVIDER.includes(e.place) && !!e.placeProvider),
  episodeRule('526', 'Child is missing a placement provider code for at least one episode.', (e) => !NO_PROVIDER.includes(e.place) && !e.placeProvider),
  episodeRule('527', 'A placement provider code of PR1 cannot be associated with placements P1, R2 or R5.', (e) => e.placeProvider === 'PR1' && ['P1', 'R2', 'R5'].includes(e.place)),
  episodeRule('528', 'A placement provider code of PR2 cannot be associated with placements P1, R2 or R5.', (e) => e.placeProvider === 'PR2' && ['P1', 'R2', 'R5'].includes(e.place)),
  episodeRule('529', 'Placement provider code of PR3 cannot be associated with placements P1, A3 to A6, K1, K2 and U1 to U6 as these placements cannot be provided by other public organisations.', (e) =>
    e.placeProvider === 'PR3' && ['P1', 'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'].includes(e.place)),
  episodeRule('530', 'A placement provider code of PR4 cannot be associated with placement P1.', (e) => e.placeProvider === 'PR4' && e.place === 'P1'),
  episodeRule('531', 'A placement provider code of PR5 cannot be associated with placements P1.', (e) => e.placeProvider === 'PR5' && e.place === 'P1'),
  episodeRule('550', 'A placement provider code of PR0 can only be associated with placement P1.', (e) => e.placeProvider === 'PR0' && e.place !== 'P1'),
  // Reasons for a change of placement.
  episodeRule('226', 'Reason for placement change is not required for temporary placements.', (e) => NO_PROVIDER.includes(e.place) && !!e.reasonPlaceChange),
  episodeRule('233', 'Reason for placement change is not required when the episode has not ceased.', (e) => !e.dec && !!e.reasonPlaceChange),
  episodeRule('234', 'A child aged under 10 can not change placement due to being admitted to custody', (e, c) => e.reasonPlaceChange === 'CUSTOD' && (ageAtEnd(c, e) ?? 99) < 10),
  // The placement before a move (not a temporary one) says why it ended.
  episodeRule('225', 'Reason for placement change must be recorded.', (e, c, _ctx, i) => {
    const after = next(c, i);
    return !!after && ['P', 'B', 'T', 'U'].includes(after.rne) && !isTemporary(after.place) && !NO_PROVIDER.includes(e.place) && !e.reasonPlaceChange;
  }),
  // URNs (242, 243: 2025-26 additions).
  episodeRule('242', 'URN XXXXXXX (a regional adoption agency’s placement) is only allowed for adoption placements (A3-A6) and foster placements (U1-U6).', (e) =>
    e.urn === 'XXXXXXX' && !['A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'].includes(e.place)),
  episodeRule('243', 'An Ofsted URN should not be recorded for a placement outside England.', (e) => !!e.urn && outsideEngland(e.plLa)),
  // Postcodes and distance.
  episodeRule('392b', 'Child is looked after but no postcodes are recorded.', (e) => !SHORT_BREAKS.includes(e.ls) && (!e.homePost || !e.plPost)),
  episodeRule('392c', 'Postcode(s) provided are invalid.', (e) => (!!e.homePost && !POSTCODE.test(e.homePost)) || (!!e.plPost && !POSTCODE.test(e.plPost))),
  episodeRule('392d', 'Home and placement postcodes should not be same unless the placement type is P1.', (e) =>
    !!e.homePost && !!e.plPost && e.place !== 'P1' && e.homePost.replace(/\s/g, '').toUpperCase() === e.plPost.replace(/\s/g, '').toUpperCase()),
  episodeRule('454', 'Placement distance from home is over 350 miles.', (e) => (e.plDistance ?? 0) > 350),
];
