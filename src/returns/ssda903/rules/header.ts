// Rules on the child's Header row: sex, date of birth, ethnicity, UPN, motherhood (ssda903-rules.md).
import { ETHNICITY, codesOf } from '../../../codes/index.ts';
import { addDays } from '../../../calendar/index.ts';
import { schoolAge } from '../mapping.ts';
import { ageAt, ceasedOn, childRule, duplicates, SHORT_BREAKS, validDate, wholeRule, type Ssda903Rule } from './define.ts';

const ETHNIC_CODES: readonly string[] = codesOf(ETHNICITY);
const UPN = /^((?![IOS])[A-Z]){1}(\d{12}|\d{11}[A-Z]{1})$/;
const UPN_UNKNOWN = /^UN[1-5]$/;
const lookedAfter = (c: { episodes: unknown[] }) => c.episodes.length > 0;
const onlyShortBreaks = (c: { episodes: { ls: string }[] }) => c.episodes.length > 0 && c.episodes.every((e) => SHORT_BREAKS.includes(e.ls));

export const HEADER_RULES: Ssda903Rule[] = [
  childRule('101', 'The child or young person’s reported sex is not valid.', (c) => !['M', 'F', 'U'].includes(c.sex ?? '')),
  childRule('102', 'Date of birth is not a valid date.', (c) => !validDate(c.dob)),
  childRule('103', 'The ethnicity code is either not valid or has not been entered.', (c) => !c.ethnic || !ETHNIC_CODES.includes(c.ethnic)),
  childRule('168', 'Unique Pupil Number (UPN) is not valid. If unknown, default codes should be UN1, UN2, UN3, UN4 or UN5.', (c) => !!c.upn && !UPN.test(c.upn) && !UPN_UNKNOWN.test(c.upn)),
  childRule('174', 'Mother’s child date of birth is recorded but sex shows that the child is a male.', (c) => !!c.mcDob && c.sex === 'M'),
  childRule('209', 'Child looked after is of school age and should not have an unknown Unique Pupil Number (UPN) code of UN1.', (c, ctx) => c.upn === 'UN1' && !!c.dob && validDate(c.dob) && schoolAge(c.dob, ctx.year)),
  // More than a week: the period open on 31 March began at least 7 days before it.
  childRule('210', 'Children looked after for more than a week at 31 March should not have an unknown Unique Pupil Number (UPN) code of UN4.', (c, ctx) => {
    const last = c.episodes.at(-1);
    return c.upn === 'UN4' && !!last && last.dec === null && last.periodStart <= addDays(ctx.year.end, -7);
  }),
  childRule('232', 'Sex of the child/young person has been reported as unknown.', (c) => c.sex === 'U'),
  childRule('301', 'Date of birth falls after the year ended.', (c, ctx) => validDate(c.dob) && c.dob! > ctx.year.end),
  childRule('302', 'First episode starts before child was born.', (c) => validDate(c.dob) && !!c.episodes[0] && c.episodes[0].decom < c.dob!),
  childRule('351', 'Child was over 25 at the start of the current collection year.', (c, ctx) => (ageAt(c, ctx.year.start) ?? 0) > 25),
  childRule('393', 'Child is looked after but mother field is not completed.', (c) => c.sex === 'F' && lookedAfter(c) && !onlyShortBreaks(c) && !c.mother),
  childRule('442', 'Unique Pupil Number (UPN) field is not completed.', (c) => lookedAfter(c) && !c.upn),
  childRule('611', 'Date of birth field is blank, but child is a mother.', (c) => c.mother === '1' && !c.mcDob),
  childRule('612', 'Date of birth field has been completed but mother field indicates child is not a mother.', (c) => !!c.mcDob && c.mother !== '1'),
  childRule('620', 'Child has been recorded as a mother, but date of birth shows that the mother is under 11 years of age.', (c, ctx) => c.mother === '1' && (ageAt(c, ctx.year.start) ?? 99) < 11),
  childRule('621', 'Mother’s field has been completed but date of birth shows that the mother is younger than her child.', (c) => !!c.mcDob && validDate(c.dob) && c.mcDob < c.dob!),
  childRule('625', 'Date of birth of the first child is beyond the end of this reporting year or the date the child ceased to be looked after.', (c, ctx) => {
    const ceased = ceasedOn(c);
    return !!c.mcDob && (c.mcDob > ctx.year.end || (ceased !== null && c.mcDob > ceased));
  }),
  childRule('607', 'Child ceased to be looked after in the year, but mother field has not been completed.', (c, ctx) => {
    const ceased = ceasedOn(c);
    return c.sex === 'F' && ceased !== null && ceased >= ctx.year.start && !onlyShortBreaks(c) && !c.mother;
  }),
  childRule('628', 'Motherhood details are not required for care leavers who have not been looked after during the year.', (c) => !lookedAfter(c) && !!c.oc3 && (!!c.mother || !!c.mcDob)),
  childRule('1012', 'No other data should be returned for OC3 children who had no episodes in the current year', (c) =>
    !lookedAfter(c) && (c.reviews.length > 0 || c.missing.length > 0 || !!c.oc2 || !!c.ad1 || c.placedAdoption.length > 0 || c.swEpisodes.length > 0 || c.dolo.length > 0)),
  childRule('399', 'Mother field, review field or participation field are completed but child is looked after under legal status V3 or V4.', (c) => onlyShortBreaks(c) && (!!c.mother || c.reviews.length > 0)),
  wholeRule('444', 'Duplicate UPN has been reported', (r) => {
    const real = r.children.filter((c) => c.upn && UPN.test(c.upn));
    const repeated = new Set(duplicates(real.map((c) => c.upn)));
    return real.filter((c) => repeated.has(c.upn)).map((c) => ({ childId: c.childId, where: `UPN ${c.upn}` }));
  }),
  wholeRule('INT32', 'Internal Check: Child should only exist once in Header.', (r) => {
    const repeated = new Set(duplicates(r.children.map((c) => c.child).filter((id): id is string => !!id)));
    return r.children.filter((c) => c.child && repeated.has(c.child)).map((c) => ({ childId: c.childId, where: `CHILD ${c.child}` }));
  }),
];
