// Rules on previous permanence (PrevPerm: PREV_PERM, LA_PERM, DATE_PERM; ssda903-rules.md 630-635),
// recorded on the period of care (src/looked-after/previous-permanence.ts, decision 0041).
import { codesOf } from '../../../codes/code-list.ts';
import { PERMANENCE_COUNCIL, PREVIOUS_PERMANENCE } from '../../../codes/ssda903.ts';
import { childRule, episodeWhere, validDate, type Ssda903Rule } from './define.ts';
import type { Ssda903Child } from '../model.ts';

const CODES: readonly string[] = codesOf(PREVIOUS_PERMANENCE);
const where = 'Previous permanence';
const firstDecom = (c: Ssda903Child) => c.episodes.reduce<string | null>((min, e) => (min === null || e.decom < min ? e.decom : min), null);
const lastDecom = (c: Ssda903Child) => c.episodes.reduce<string | null>((max, e) => (max === null || e.decom > max ? e.decom : max), null);

export const PREVIOUS_PERMANENCE_RULES: Ssda903Rule[] = [
  // A child who started to be looked after in the year has a PrevPerm row with a code, and with the
  // council and the date unless the code is Z1 (the validator's reading of the rule).
  childRule('630', 'Information on previous permanence option should be returned.', (c, ctx) => {
    const p = c.prevPerm;
    const incomplete = !p || !p.prevPerm || (p.prevPerm !== 'Z1' && (!p.laPerm || !p.datePerm));
    return incomplete ? c.episodes.filter((e) => e.rne === 'S' && e.decom >= ctx.year.start).map(episodeWhere) : [];
  }),
  childRule('631', 'Previous permanence option not a valid value.', (c) => (!!c.prevPerm?.prevPerm && !CODES.includes(c.prevPerm.prevPerm) ? [where] : [])),
  // The order came before the first episode of the return.
  childRule('632', 'Date of previous permanence order not a valid value.', (c) => {
    const date = c.prevPerm?.datePerm;
    if (!date) return [];
    const first = firstDecom(c);
    return !validDate(date) || (first !== null && date >= first) ? [where] : [];
  }),
  childRule('633', 'Local authority code where previous permanence option was arranged is not a valid value.', (c) => (!!c.prevPerm?.laPerm && !PERMANENCE_COUNCIL.test(c.prevPerm.laPerm) ? [where] : [])),
  childRule('634', 'There are entries for previous permanence options, but child has not started to be looked after from 1 April 2016 onwards.', (c, ctx) => {
    const p = c.prevPerm;
    const last = lastDecom(c);
    return !!p && (!!p.prevPerm || !!p.laPerm || !!p.datePerm) && last !== null && last < ctx.year.start ? [where] : [];
  }),
  childRule('635', 'There are entries for date of order and local authority code where previous permanence option was arranged but previous permanence code is Z1', (c) =>
    c.prevPerm?.prevPerm === 'Z1' && (!!c.prevPerm.laPerm || !!c.prevPerm.datePerm) ? [where] : []),
];
