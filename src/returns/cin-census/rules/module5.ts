// Module 5 of the CIN census from 2026-27: pre-proceedings and family group decision-making
// (PreProceedingsandFGDM; policy-2026.md §2.5; decision 0032). DfE's rule numbers and messages as the
// published validator (cin_validator rules/cin2026_27) gives them. Where its check and DfE's text
// differ, Lantern follows the text and says so: 9007 (the validator tests the offer without the
// letter, the message asks for the offer when the letter is there) and 9011 (only a value present is
// checked, as DfE's "if present").
import type { CensusCinDetails, CensusPreProceedings, CensusReturn } from '../model.ts';
import { MODULE5_FIRST_YEAR } from '../year.ts';
import { childRule, inYear, referralWhere, wholeRule, type CensusRule, type RuleContext } from './define.ts';

export const ppWhere = (d: CensusCinDetails, p: CensusPreProceedings) => `${referralWhere(d)}: pre-proceedings decided ${p.ppStartDate ?? '(no date)'}`;

const ppRule = (code: string, message: string, fails: (p: CensusPreProceedings, ctx: RuleContext) => boolean): CensusRule => ({
  ...childRule(code, message, (c, ctx) => c.cinDetails.flatMap((d) => (d.preProceedings ?? []).filter((p) => fails(p, ctx)).map((p) => ppWhere(d, p)))),
  fromYear: MODULE5_FIRST_YEAR,
});

/** A date present and outside the year, or before the one it must follow. */
const outOfOrder = (date: string | null, after: string | null, ctx: RuleContext) => date !== null && after !== null && (!inYear(date, ctx) || date < after);

const yearOver = (ctx: RuleContext) => ctx.asOf >= ctx.year.end;

const blocks = (r: CensusReturn) => r.children.flatMap((c) => c.cinDetails.flatMap((d) => d.preProceedings ?? []));

export const PP_OUTCOME_CODES: readonly string[] = ['A', 'B', 'C'];

export const MODULE5_RULES: CensusRule[] = [
  ppRule('9005', 'The date of the legal planning meeting or other decision making forum where the LA made the decision to commence pre-proceedings cannot fall outside the reporting year.', (p, ctx) =>
    p.ppStartDate !== null && !inYear(p.ppStartDate, ctx)),
  ppRule('9006', 'The date the letter before proceedings was sent must be within the reporting year and after the date pre-proceedings began.', (p, ctx) => outOfOrder(p.lbpSentDate, p.ppStartDate, ctx)),
  ppRule('9007', 'You have confirmed that a letter before proceedings was sent. Please confirm whether or not a FGDM meeting was offered in the letter.', (p) => p.lbpSentDate !== null && p.fgdmMeetingOffer === null),
  ppRule('9008', 'The date of the first effective pre-proceedings meeting must be within the reporting year.', (p, ctx) => p.initialPpMeetingDate !== null && !inYear(p.initialPpMeetingDate, ctx)),
  ppRule('9009', 'The date when the decision was made to step up or down must be on or after the date of the decision to begin pre-proceedings and must fall within the reporting year', (p, ctx) =>
    outOfOrder(p.stepDecisionDate, p.ppStartDate, ctx)),
  ppRule('9010Q', 'Please check: You have reported that a FGDM meeting was offered in the letter before proceedings. Please confirm whether or not a FGDM meeting was facilitated in the pre-proceedings period following this offer.', (p) =>
    p.fgdmMeetingOffer === true && p.fgdmMeetingFac === null),
  ppRule('9011', 'The outcome of the pre-proceedings must be reported using a valid value', (p) => p.ppOutcome !== null && !PP_OUTCOME_CODES.includes(p.ppOutcome)),
  ppRule('9012', 'The date that the local authority submitted the court application to commence care proceedings must fall within the reporting year and be on or after the date of the decision to initiate care proceedings.', (p, ctx) =>
    outOfOrder(p.courtAppDate, p.stepDecisionDate, ctx)),
  ppRule('9013', 'The date on which the letter to initiate care proceedings was sent to parents/guardians must fall within the reporting year and be on or after the date when the local authority submitted the court application to commence care proceedings.', (p, ctx) =>
    outOfOrder(p.letterInitCpDate, p.courtAppDate, ctx)),
  ppRule('9015Q', 'Please check: if review meetings were held  following the initial pre-proceedings meeting, the total number held should be reported.', (p) => p.initialPpMeetingDate !== null && p.reviewMeetingsCount === null),
  // LA-level queries: the validator asks for a reason once for the whole return. Asked of the year's
  // return once the year is over: part-way through it, no pre-proceedings yet is no question to answer.
  {
    ...wholeRule('8995Q', 'Please check and provide a reason why no module 5 (pre-proceedings and FGM) data has been provided for any child.', (r, ctx) =>
      yearOver(ctx) && blocks(r).length === 0 ? [{ childId: null, where: 'The whole return' }] : []),
    fromYear: MODULE5_FIRST_YEAR,
  },
  {
    ...wholeRule('9000Q', 'Please check: If you do not yet collect this data, please leave this field blank and provide a reason.', (r, ctx) =>
      !yearOver(ctx) || blocks(r).some((p) => p.ppStartDate !== null) ? [] : [{ childId: null, where: 'The whole return: no pre-proceedings start date (PPStartDate) for any child' }]),
    fromYear: MODULE5_FIRST_YEAR,
  },
];
