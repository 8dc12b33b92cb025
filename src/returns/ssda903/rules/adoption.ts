// Rules on adoption: AD1 (children adopted in the year) and PlacedAdoption (decisions that a child
// should be placed for adoption) (ssda903-rules.md).
import { ADOPTION_PLACEMENTS, ceasedOn, childRule, episodeWhere, placedRule, validDate, type Ssda903Rule } from './define.ts';
import type { Ssda903Child } from '../model.ts';
import { codesOf } from '../../../codes/code-list.ts';
import { ADOPTERS_SEX, ADOPTION_DECISION_REVERSED_REASON, LS_ADOPTR_CODES } from '../../../codes/ssda903.ts';

const REVERSED_REASONS: readonly string[] = codesOf(ADOPTION_DECISION_REVERSED_REASON);

const SEXES: readonly string[] = codesOf(ADOPTERS_SEX);
const COUPLES = ['MM', 'FF', 'MF'];
/** Every AD1 item (rules 151, 187, 601). */
export const AD1_ITEMS = ['dateInt', 'dateMatch', 'fosterCare', 'nbAdoptr', 'sexAdoptr', 'lsAdoptr'] as const;
/** The adopters' legal status is this code and their sexes are not among these (rules 514, 517-520, 524). */
const statusNeeds = (code: string, sexes: readonly string[]) => (c: Ssda903Child) => c.ad1?.lsAdoptr === code && !sexes.includes(c.ad1.sexAdoptr ?? '');

const adopted = (c: Ssda903Child) => ['E11', 'E12'].includes(c.episodes.at(-1)?.rec ?? '');
/** The first episode placed for adoption (A3-A6). */
const placedForAdoption = (c: Ssda903Child) => c.episodes.find((e) => ADOPTION_PLACEMENTS.includes(e.place));

export const ADOPTION_RULES: Ssda903Rule[] = [
  childRule('114', 'Data entry to record the status of former carer(s) of an adopted child is invalid.', (c) => !!c.ad1?.fosterCare && !['0', '1'].includes(c.ad1.fosterCare)),
  childRule('175', 'The number of adopter(s) code is not a valid code.', (c) => !!c.ad1?.nbAdoptr && !['1', '2'].includes(c.ad1.nbAdoptr)),
  // The adopters' sexes and legal status (decision 0043: recorded on the household). Where DfE's message
  // leaves the reading open, the rule follows DfE's validator (csc-validator-be-903, lac2022_23).
  childRule('151', 'All data items relating to a childs adoption must be coded or left blank.', (c) => !!c.ad1 && AD1_ITEMS.some((f) => c.ad1![f] === null) && AD1_ITEMS.some((f) => c.ad1![f] !== null)),
  childRule('176', 'The gender of adopter(s) at the date of adoption code is not a valid code.', (c) => !!c.ad1?.sexAdoptr && !SEXES.includes(c.ad1.sexAdoptr)),
  childRule('177', 'The legal status of adopter(s) code is not a valid code.', (c) => !!c.ad1?.lsAdoptr && !LS_ADOPTR_CODES.includes(c.ad1.lsAdoptr)),
  childRule('511', 'If reporting that the number of person(s) adopting the looked after child is two adopters then the code should only be MM, FF or MF. MM = the adopting couple are both males; FF = the adopting couple are both females; MF = the adopting couple are male and female.', (c) =>
    c.ad1?.nbAdoptr === '2' && !COUPLES.includes(c.ad1.sexAdoptr ?? '')),
  childRule('514', 'Data entry on the legal status of adopters shows a single adopter but data entry for the numbers of adopters shows it as a couple.', statusNeeds('L0', ['M1', 'F1'])),
  childRule('517', 'If reporting legal status of adopters is L3 then the genders of adopters should be coded as MF. MF = the adopting couple are male and female.', statusNeeds('L3', ['MF'])),
  childRule('518', 'If reporting legal status of adopters is L4 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females.', statusNeeds('L4', ['MM', 'FF'])),
  childRule('519', 'Data entered on the legal status of adopters shows civil partnership couple, but data entered on genders of adopters does not show it as a couple.', statusNeeds('L2', COUPLES)),
  childRule('520', 'Data entry on the legal status of adopters shows different gender married couple but data entry on genders of adopters shows it as a same gender couple.', statusNeeds('L11', ['MF'])),
  childRule('524', 'If reporting legal status of adopters is L12 then the genders of adopters should be coded as MM or FF. MM = the adopting couple are both males. FF = the adopting couple are both females.', statusNeeds('L12', ['MM', 'FF'])),
  // Adopted in the year (an episode ended E11 or E12 in it) with any AD1 item blank.
  childRule('601', 'The additional fields relating to adoption have not been completed although the episode data shows that the child was adopted during the year.', (c, ctx) =>
    c.episodes.some((e) => (e.rec === 'E11' || e.rec === 'E12') && !!e.dec && e.dec >= ctx.year.start && e.dec <= ctx.year.end) && (!c.ad1 || AD1_ITEMS.some((f) => c.ad1![f] === null))),
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
  // Decision 0078: the validator's readings (csc-validator-be-903).
  // The latest episode in which the child started to be looked after (RNE S) began by the AD1 decision.
  childRule('334', 'Date child started to be looked after in latest period of care must be on or prior to the date should be placed for adoption.', (c) => {
    const started = c.episodes.filter((e) => e.rne === 'S').at(-1);
    return !!c.ad1?.dateInt && !!started && c.ad1.dateInt < started.decom;
  }),
  // Each placement for adoption (A3-A6) began on or after the AD1 decision.
  childRule('521', 'Date of local authority’s decision (LA) that adoption is in the best interests of the child (date should be placed) must be on or prior to the date the child is placed for adoption.', (c) =>
    c.episodes.filter((e) => ADOPTION_PLACEMENTS.includes(e.place) && !!c.ad1?.dateInt && c.ad1.dateInt > e.decom).map(episodeWhere)),
  // Against the first episode under a placement order (E1) in the return; the validator warns that one
  // granted in an earlier year gives false results, as it does here.
  placedRule('554', 'Date of decision that the child should be placed for adoption should be on or prior to the date that the placement order was granted.', (p, c) => {
    const order = c.episodes.find((e) => e.ls === 'E1');
    return !!order && p.datePlaced > order.decom;
  }),
  // Every decision but the latest has been revoked; two open decisions both fail.
  placedRule('583', 'More than one date the child should be placed for adoption has been reported, but an earlier decision has not been revoked. Check that both dates are required and add in the date the earlier decision was revoked. Note this may be in a previous year.', (p, c) => {
    if (p.datePlacedCeased) return false;
    const open = c.placedAdoption.filter((o) => !o.datePlacedCeased).length;
    const latest = c.placedAdoption.reduce((a, b) => (b.datePlaced > a.datePlaced ? b : a));
    return open > 1 || p !== latest;
  }),
  // Placed for adoption in the year with no decision that they should be.
  childRule('551', 'Child has been placed for adoption but there is no date of the decision that the child should be placed for adoption.', (c, ctx) => {
    const placed = c.episodes.find((e) => ADOPTION_PLACEMENTS.includes(e.place) && e.decom >= ctx.year.start);
    return !!placed && c.placedAdoption.length === 0;
  }),
];
