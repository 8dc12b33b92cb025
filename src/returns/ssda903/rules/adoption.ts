// Rules on adoption: AD1 (children adopted in the year) and PlacedAdoption (decisions that a child
// should be placed for adoption) (ssda903-rules.md).
import { ADOPTION_PLACEMENTS, ceasedOn, childRule, placedRule, validDate, type Ssda903Rule } from './define.ts';
import type { Ssda903Child } from '../model.ts';
import { codesOf } from '../../../codes/code-list.ts';
import { ADOPTION_DECISION_REVERSED_REASON } from '../../../codes/ssda903.ts';

const REVERSED_REASONS: readonly string[] = codesOf(ADOPTION_DECISION_REVERSED_REASON);

const adopted = (c: Ssda903Child) => ['E11', 'E12'].includes(c.episodes.at(-1)?.rec ?? '');
/** The first episode placed for adoption (A3-A6). */
const placedForAdoption = (c: Ssda903Child) => c.episodes.find((e) => ADOPTION_PLACEMENTS.includes(e.place));

export const ADOPTION_RULES: Ssda903Rule[] = [
  childRule('114', 'Data entry to record the status of former carer(s) of an adopted child is invalid.', (c) => !!c.ad1?.fosterCare && !['0', '1'].includes(c.ad1.fosterCare)),
  childRule('175', 'The number of adopter(s) code is not a valid code.', (c) => !!c.ad1?.nbAdoptr && !['1', '2'].includes(c.ad1.nbAdoptr)),
  childRule('333', 'Date should be placed for adoption must be on or prior to the date of matching child with adopter(s).', (c) => !!c.ad1?.dateInt && !!c.ad1.dateMatch && c.ad1.dateInt > c.ad1.dateMatch),
  childRule('331', 'Date of matching child and adopter(s) should be the same as, or prior to, the date of placement of adoption.', (c) => {
    const placed = placedForAdoption(c);
    return !!c.ad1?.dateMatch && !!placed && c.ad1.dateMatch > placed.decom;
  }),
  childRule('335', 'The current foster value (0) suggests that child is not adopted by current foster carer, but last placement is A2, A3, or A5. Or the current foster value (1) suggests child is adopted by current foster carer, but last placement is A1, A4 or A6.', (c) => {
    const place = c.episodes.at(-1)?.place;
    return !!c.ad1?.fosterCare && adopted(c) && ((c.ad1.fosterCare === '0' && ['A3', 'A5'].includes(place ?? '')) || (c.ad1.fosterCare === '1' && ['A4', 'A6'].includes(place ?? '')));
  }),
  childRule('582', 'Child is showing as ceasing to be looked after due to adoption, but the date of adoption is the same as the date reported for being matched with adopters.', (c) => adopted(c) && !!c.ad1?.dateMatch && c.ad1.dateMatch === ceasedOn(c)),
  childRule('602', 'The episode data submitted for this child does not show that he/she was adopted during the year.', (c) => !!c.ad1 && !adopted(c)),
  childRule('523', 'Date of decision that the child should be placed for adoption should be the same date as the decision that adoption is in the best interest (date should be placed).', (c) =>
    !!c.ad1?.dateInt && c.placedAdoption.length > 0 && !c.placedAdoption.some((p) => p.datePlaced === c.ad1!.dateInt)),
  childRule('525', 'A child for whom the decision to be placed for adoption has been reversed cannot be adopted during the year.', (c) => !!c.ad1 && c.placedAdoption.length > 0 && c.placedAdoption.every((p) => !!p.datePlacedCeased)),
  placedRule('115', 'Date of Local Authority’s (LA) decision that a child should be placed for adoption is not a valid date.', (p) => !validDate(p.datePlaced)),
  placedRule('117', 'Date of decision that a child should/should no longer be placed for adoption is beyond the current collection year or after the child ceased to be looked after.', (p, c, ctx) => {
    const ceased = ceasedOn(c);
    const latest = p.datePlacedCeased ?? p.datePlaced;
    return latest > ctx.year.end || (ceased !== null && latest > ceased);
  }),
  placedRule('118', 'Date of decision that a child should no longer be placed for adoption is before the current collection year or before the date the child started to be looked after.', (p, c, ctx) =>
    !!p.datePlacedCeased && (p.datePlacedCeased < ctx.year.start || (!!c.episodes[0] && p.datePlacedCeased < c.episodes[0].periodStart))),
  placedRule('184', 'Date of decision that a child should be placed for adoption is before the child was born.', (p, c) => validDate(c.dob) && p.datePlaced < c.dob!),
  placedRule('522', 'Date of decision that the child should be placed for adoption must be on or before the date that a child should no longer be placed for adoption.', (p) => !!p.datePlacedCeased && p.datePlaced > p.datePlacedCeased),
  placedRule('1003', 'Date of LA’s decision that a child should be placed for adoption is before the child started to be looked after.', (p, c) => !!c.episodes[0] && p.datePlaced < c.episodes[0].periodStart),
  placedRule('579', 'A new decision that the child should be placed for adoption this year cannot start when the previous decision is still open.', (p, c, _ctx, i) => {
    const before = i > 0 ? c.placedAdoption[i - 1] : undefined;
    return !!before && (before.datePlacedCeased === null || p.datePlaced < before.datePlacedCeased);
  }),
  placedRule('552', 'Date of Decision to place a child for adoption should be on or prior to the date that the child was placed for adoption.', (p, c) => {
    const placed = placedForAdoption(c);
    return !!placed && p.datePlaced > placed.decom && c.placedAdoption[0] === p;
  }),
  placedRule('558', 'If a child has been adopted, then the decision to place them for adoption has not been disrupted and the date of the decision that a child should no longer be placed for adoption should be left blank.', (p, c, _ctx, i) =>
    adopted(c) && i === c.placedAdoption.length - 1 && !!p.datePlacedCeased),
  // Why a decision to place for adoption was reversed (decision 0041: recorded with the change of plan).
  placedRule('119', 'If the decision is made that a child should no longer be placed for adoption, then the date of this decision and the reason why this decision was made must be completed.', (p) =>
    !!p.datePlacedCeased !== !!p.reasonPlacedCeased),
  placedRule('120', 'The reason for the reversal of the decision that the child should be placed for adoption code is not valid.', (p) => !!p.reasonPlacedCeased && !REVERSED_REASONS.includes(p.reasonPlacedCeased)),
  placedRule('563', 'The child should no longer be placed for adoption but the date of the decision that the child should be placed for adoption is blank', (p) => (!!p.datePlacedCeased || !!p.reasonPlacedCeased) && !p.datePlaced),
  // A placement order (LS E1) in the year with no decision that the child should be placed for adoption.
  childRule('553', 'Placement order has been granted but there is no date of decision that the child should be placed for adoption.', (c) =>
    c.episodes.some((e) => e.ls === 'E1') && !c.placedAdoption.some((p) => !!p.datePlaced)),
  // Left care not adopted after a decision to place for adoption (a placement order or freeing order, or
  // placed for adoption): the decision must show as reversed, with the date and the reason.
  childRule('557', 'Child for whom the decision was made that they should be placed for adoption has left care but was not adopted and information on the decision that they should no longer be placed for adoption items has not been completed.', (c) => {
    const rec = c.episodes.at(-1)?.rec ?? null;
    const leftNotAdopted = ceasedOn(c) !== null && rec !== 'E11' && rec !== 'E12';
    const adoptionTrack = c.episodes.some((e) => ['D1', 'E1'].includes(e.ls) || ADOPTION_PLACEMENTS.includes(e.place));
    const last = c.placedAdoption.at(-1);
    return leftNotAdopted && adoptionTrack && !!last && (!last.datePlacedCeased || !last.reasonPlacedCeased);
  }),
  // Placed for adoption in the year with no decision that they should be.
  childRule('551', 'Child has been placed for adoption but there is no date of the decision that the child should be placed for adoption.', (c, ctx) => {
    const placed = c.episodes.find((e) => ADOPTION_PLACEMENTS.includes(e.place) && e.decom >= ctx.year.start);
    return !!placed && c.placedAdoption.length === 0;
  }),
];
