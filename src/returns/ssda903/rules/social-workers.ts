// Rules on the social worker episodes (SWEpisodes; ssda903-rules.md; SW18STG2 and SW19STG2 are the
// 2025-26 additions in policy-2026.md §2.6) and, from 2026-27, the deprivation of liberty orders
// (DoLo, rules 700-710).
import { SW_CHANGE_REASON } from '../../../codes/ssda903.ts';
import { codesOf } from '../../../codes/code-list.ts';
import { ceasedOn, childRule, doloRule, episodeOn, lookedAfterAtEnd, swRule, validDate, type Ssda903Rule } from './define.ts';

const SW_REASONS: readonly string[] = codesOf(SW_CHANGE_REASON);
/** Where a child under a DoLO is expected to live (rule 709) and where they cannot (rule 710). */
const DOLO_EXPECTED = ['K2', 'Z12', 'Z13'];
const DOLO_NOT_ALLOWED = ['K1', 'P1', 'R5', 'K3'];

export const SOCIAL_WORKER_RULES: Ssda903Rule[] = [
  swRule('SW01aSTG1', 'For each social worker episode, information should be complete', (s) => !s.swId || !s.swDecom),
  swRule('SW02STG1', 'Social worker ID does not begin with the characters ‘SW’ or ‘XX’.', (s) => !!s.swId && !/^(SW|XX)/.test(s.swId)),
  swRule('SW04STG1', 'Date social worker episode began is not a valid date..', (s) => !validDate(s.swDecom)),
  swRule('SW05STG1', 'Date social worker episode ended is not a valid date.', (s) => s.swDec !== null && !validDate(s.swDec)),
  // Decision 0078: the validator's reading (a valid start after the collection's end).
  swRule('SW06STG2', 'Social worker episode data should be within the social worker data reporting year.', (s, _c, ctx) => validDate(s.swDecom) && s.swDecom > ctx.year.end),
  swRule('SW07STG2', 'Social worker episode end date should be on or after the start of the social worker reporting period, and should be on or before the collection end date.', (s, _c, ctx) =>
    !!s.swDec && (s.swDec < ctx.year.start || s.swDec > ctx.year.end)),
  swRule('SW08STG2', 'A new social worker episode has started, but the previous episode has not ended.', (s, c, _ctx, i) => i < c.swEpisodes.length - 1 && !s.swDec),
  swRule('SW09STG2', 'Social worker episode appears to have lasted for less than 24 hours.', (s) => !!s.swDec && s.swDec === s.swDecom),
  swRule('SW10STG2', 'A new social worker episode has started before the end date of the previous social worker episode.', (s, c, _ctx, i) => {
    const before = i > 0 ? c.swEpisodes[i - 1] : undefined;
    return !!before?.swDec && s.swDecom < before.swDec;
  }),
  swRule('SW11bSTG2', 'Social worker episode has ended before 31 March and no subsequent social worker episode has been provided.', (s, c, ctx, i) =>
    !!s.swDec && s.swDec < ctx.year.end && i === c.swEpisodes.length - 1 && lookedAfterAtEnd(c, ctx)),
  swRule('SW13STG1', 'The reason for social worker change is not valid.', (s) => !!s.swReason && !SW_REASONS.includes(s.swReason.trim())),
  childRule('SW17STG2', 'There is no social worker episode open at 31 March', (c, ctx) => lookedAfterAtEnd(c, ctx) && !c.swEpisodes.some((s) => s.swDecom <= ctx.year.end && (s.swDec === null || s.swDec > ctx.year.end))),
  swRule('SW18STG2', 'Social worker episode ends before it starts.', (s) => !!s.swDec && s.swDec < s.swDecom),
  swRule('SW19STG2', 'Two social worker episodes for this child start on the same date.', (s, c) => c.swEpisodes.filter((o) => o.swDecom === s.swDecom).length > 1),
];

export const DOLO_RULES: Ssda903Rule[] = [
  doloRule('700', 'The start date of the DoLO is not a valid date.', (d) => !validDate(d.doloStart)),
  doloRule('701', 'The end date of the DoLO is not a valid date.', (d) => d.doloEnd !== null && !validDate(d.doloEnd)),
  doloRule('702', 'The date that the DoLO ended is before the date that it started.', (d) => !!d.doloEnd && d.doloEnd < d.doloStart),
  doloRule('703', 'The date that the DoLO started is after the end of the collection year.', (d, _c, ctx) => d.doloStart > ctx.year.end),
  doloRule('704', 'The date that the DoLO ended is before the start or after the end of the collection year.', (d, _c, ctx) => !!d.doloEnd && (d.doloEnd < ctx.year.start || d.doloEnd > ctx.year.end)),
  doloRule('705', 'A DoLO cannot start when the previous DoLO is still open.', (d, c, _ctx, i) => {
    const before = i > 0 ? c.dolo[i - 1] : undefined;
    return !!before && (before.doloEnd === null || d.doloStart < before.doloEnd);
  }),
  doloRule('707', 'Child ceased to be looked after but there is a DoLO without an end date.', (d, c) => !d.doloEnd && ceasedOn(c) !== null),
  doloRule('708', 'Dates of DoLOs are before child’s date of birth.', (d, c) => validDate(c.dob) && d.doloStart < c.dob!),
  doloRule('709', 'Child with a DoLO is in an unexpected placement type.', (d, c) => {
    const place = episodeOn(c, d.doloStart)?.place;
    return !!place && !DOLO_EXPECTED.includes(place) && !DOLO_NOT_ALLOWED.includes(place);
  }),
  doloRule('710', 'Child with a DoLO can not be placed in secure children’s homes, with parents, young offender institutions, or supported accommodation.', (d, c) =>
    DOLO_NOT_ALLOWED.includes(episodeOn(c, d.doloStart)?.place ?? '')),
];

