// Rules on reviews, missing episodes, health and offending outcomes (OC2) and care leavers (OC3)
// (ssda903-rules.md).
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH, MISSING_EPISODE_TYPE, REVIEW_PARTICIPATION, SDQ_REASON } from '../../../codes/ssda903.ts';
import { codesOf } from '../../../codes/code-list.ts';
import { addMonths } from '../../../calendar/index.ts';
import { ageAt, ceasedOn, childRule, episodeOn, missingRule, reviewRule, twelveMonths, validDate, type RuleContext, type Ssda903Rule } from './define.ts';
import type { Ssda903Child } from '../model.ts';
import { AD1_ITEMS } from './adoption.ts';

const PARTICIPATION: readonly string[] = codesOf(REVIEW_PARTICIPATION);
const MISSING_TYPES: readonly string[] = codesOf(MISSING_EPISODE_TYPE);
const SDQ_REASONS: readonly string[] = codesOf(SDQ_REASON);
const IN_TOUCH: readonly string[] = codesOf(CARE_LEAVER_IN_TOUCH);
const ACTIVITY: readonly string[] = codesOf(CARE_LEAVER_ACTIVITY);
const ACCOMMODATION: readonly string[] = codesOf(CARE_LEAVER_ACCOMMODATION);

const OC2_FLAGS = ['convicted', 'healthCheck', 'immunisations', 'teethCheck', 'healthAssessment', 'substanceMisuse', 'interventionReceived', 'interventionOffered'] as const;
/** The four items every child in OC2 has (rules 182, 191, 544, 547). */
const CORE_OC2 = ['immunisations', 'teethCheck', 'healthAssessment', 'substanceMisuse'] as const;
const hasSdq = (c: Ssda903Child) => !!c.oc2 && (c.oc2.sdqScore !== null || !!c.oc2.sdqReason);
const oc2Completed = (c: Ssda903Child) => !!c.oc2 && OC2_FLAGS.some((f) => c.oc2![f] !== null);
/** Any OC3 item given. */
const oc3Completed = (c: Ssda903Child) => !!c.oc3 && [c.oc3.inTouch, c.oc3.activ, c.oc3.accom].some((v) => v !== '');
/** A day within the collection year. */
const inYear = (day: string | null, ctx: RuleContext) => day !== null && day >= ctx.year.start && day <= ctx.year.end;
/** The child's birthday at an age. */
const birthday = (c: Ssda903Child, years: number) => (c.dob && validDate(c.dob) ? addMonths(c.dob, years * 12) : null);

export const REVIEW_RULES: Ssda903Rule[] = [
  reviewRule('166', 'Date of review is invalid or blank.', (r) => !validDate(r.review)),
  reviewRule('167', 'Data entry for participation is invalid or blank.', (r) => !PARTICIPATION.includes(r.reviewCode)),
  reviewRule('440', 'Participation method indicates child was under 4 years old at the time of the review, but date of birth and review date indicates the child was 4 years old or over.', (r, c) =>
    r.reviewCode === 'PN0' && (ageAt(c, r.review) ?? 0) >= 4),
  reviewRule('441', 'Participation method indicates child was 4 years old or over at the time of the review, but the date of birth and review date indicates the child was under 4 years old.', (r, c) =>
    r.reviewCode !== 'PN0' && PARTICIPATION.includes(r.reviewCode) && (ageAt(c, r.review) ?? 99) < 4),
];

export const MISSING_RULES: Ssda903Rule[] = [
  missingRule('1006', 'Missing type invalid.', (m) => !MISSING_TYPES.includes(m.missing)),
  missingRule('1004', 'The start date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.', (m) => !validDate(m.misStart)),
  missingRule('1005', 'The end date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.', (m) => m.misEnd !== null && !validDate(m.misEnd)),
  missingRule('567', 'The date that the missing episode or episode that the child was away from placement without authorisation ended is before the date that it started.', (m) => !!m.misEnd && m.misEnd < m.misStart),
  missingRule('570', 'The date that the child started to be missing or away from placement without authorisation is after the end of the collection year.', (m, _c, ctx) => m.misStart > ctx.year.end),
  missingRule('571', 'The date that the child ceased to be missing or away from placement without authorisation is before the start or after the end of the collection year.', (m, _c, ctx) =>
    !!m.misEnd && (m.misEnd < ctx.year.start || m.misEnd > ctx.year.end)),
  missingRule('574', 'A new missing/away from placement without authorisation period cannot start when the previous missing/away from placement without authorisation period is still open.', (m, c, _ctx, i) => {
    const before = i > 0 ? c.missing[i - 1] : undefined;
    return !!before && (before.misEnd === null || m.misStart < before.misEnd);
  }),
  missingRule('577', 'Child ceased to be looked after but there is a missing/away from placement without authorisation period without an end date.', (m, c) => !m.misEnd && ceasedOn(c) !== null),
  missingRule('578', 'The date that the child started to be missing is after the child ceased to be looked after.', (m, c) => {
    const ceased = ceasedOn(c);
    return ceased !== null && m.misStart > ceased;
  }),
  missingRule('580', 'Child is missing when cease being looked after but reason episode ceased not ‘E8’.', (m, c) => {
    const ceased = ceasedOn(c);
    const last = c.episodes.at(-1);
    return ceased !== null && m.misStart <= ceased && (m.misEnd === null || m.misEnd > ceased) && last?.rec !== 'E8';
  }),
  missingRule('581', 'Child is missing but has not yet started to be looked after.', (m, c) => !!c.episodes[0] && m.misStart < c.episodes[0].decom),
  missingRule('586', 'Dates of missing periods are before child’s date of birth.', (m, c) => validDate(c.dob) && m.misStart < c.dob!),
  // The validator's reading: a missing period still open that began within an episode (its first to its
  // last day) which has ended.
  missingRule('575', 'If the placement from which the child goes missing/away from placement without authorisation ends, the missing/away from placement without authorisation period in the missing module must also have an end date.', (m, c) =>
    m.misEnd === null && c.episodes.some((e) => e.dec !== null && e.decom <= m.misStart && m.misStart <= e.dec)),
];

export const OC2_RULES: Ssda903Rule[] = [
  childRule('180', 'Data entry for the strengths and difficulties questionnaire (SDQ) score is invalid.', (c) => c.oc2?.sdqScore !== null && c.oc2?.sdqScore !== undefined && (!Number.isInteger(c.oc2.sdqScore) || c.oc2.sdqScore < 0 || c.oc2.sdqScore > 40)),
  childRule('181', 'Data items relating to children looked after continuously for 12 months should be completed with a 0 or 1.', (c) => !!c.oc2 && OC2_FLAGS.some((f) => c.oc2![f] !== null && !['0', '1'].includes(c.oc2![f]!))),
  childRule('196', 'Strengths and Difficulties (SDQ) reason is not a valid code.', (c) => !!c.oc2?.sdqReason && !SDQ_REASONS.includes(c.oc2.sdqReason)),
  childRule('197a', 'Reason for no Strengths and Difficulties (SDQ) score is not required if Strengths and Difficulties Questionnaire score is filled in.', (c) => c.oc2?.sdqScore !== null && c.oc2?.sdqScore !== undefined && !!c.oc2.sdqReason),
  childRule('188', 'Child is aged under 4 years at the end of the year, but a Strengths and Difficulties (SDQ) score or a reason for no SDQ score has been completed.', (c, ctx) => hasSdq(c) && (ageAt(c, ctx.year.end) ?? 99) < 4),
  childRule('189', 'Child is aged 17 years or over at the beginning of the year, but an Strengths and Difficulties (SDQ) score or a reason for no Strengths and Difficulties (SDQ) score has been completed.', (c, ctx) => hasSdq(c) && (ageAt(c, ctx.year.start) ?? 0) >= 17),
  childRule('186', 'Children aged 4 or over at the start of the year and children aged under 17 at the end of the year and who have been looked after for at least 12 months continuously should have a Strengths and Difficulties (SDQ) score completed.', (c, ctx) =>
    twelveMonths(c, ctx) && (ageAt(c, ctx.year.start) ?? 0) >= 4 && (ageAt(c, ctx.year.end) ?? 99) < 17 && !hasSdq(c)),
  childRule('190', 'Child has not been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been completed.', (c, ctx) => oc2Completed(c) && !twelveMonths(c, ctx)),
  childRule('185', 'Child has not been looked after continuously for at least 12 months at 31 March but a Strengths and Difficulties (SDQ) score has been completed.', (c, ctx) => c.oc2?.sdqScore !== null && c.oc2?.sdqScore !== undefined && !twelveMonths(c, ctx)),
  childRule('542', 'A child aged under 10 at 31 March should not have conviction information completed.', (c, ctx) => !!c.oc2?.convicted && (ageAt(c, ctx.year.end) ?? 99) < 10),
  // Offending, substance misuse and the under-5 development check (decision 0043). Where DfE's message
  // leaves the reading open, the rule follows DfE's validator (csc-validator-be-903, lac2022_23).
  childRule('158', 'If a child has been recorded as receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be left blank.', (c) =>
    c.oc2?.interventionReceived === '1' && c.oc2.interventionOffered !== null),
  childRule('159', 'If a child has been recorded as not receiving an intervention for their substance misuse problem, then the additional item on whether an intervention was offered should be completed as well.', (c) =>
    c.oc2?.substanceMisuse === '1' && c.oc2.interventionReceived === '0' && c.oc2.interventionOffered === null),
  childRule('182', 'Data entries on immunisations, teeth checks, health assessments and substance misuse problem identified should be completed or all OC2 fields should be left blank.', (c) =>
    !!c.oc2 && CORE_OC2.some((f) => c.oc2![f] === null) && (['convicted', 'healthCheck', 'interventionReceived', 'interventionOffered'] as const).some((f) => c.oc2![f] !== null)),
  childRule('191', 'Child has been looked after continuously for at least 12 months at 31 March but one or more data items relating to children looked after for 12 months have been left blank.', (c, ctx) =>
    twelveMonths(c, ctx) && (!c.oc2 || CORE_OC2.some((f) => c.oc2![f] === null))),
  childRule('192', 'Child has been identified as having a substance misuse problem but the additional item on whether an intervention was received has been left blank.', (c) =>
    c.oc2?.substanceMisuse === '1' && c.oc2.interventionReceived === null),
  childRule('193', 'Child not identified as having a substance misuse problem but at least one of the two additional items on whether an intervention were offered and received have been completed.', (c) =>
    !!c.oc2 && c.oc2.substanceMisuse !== '1' && (c.oc2.interventionReceived !== null || c.oc2.interventionOffered !== null)),
  childRule('543', 'Child is aged 10 or over at 31 March and has been looked after continuously for 12 months yet conviction information has not been completed.', (c, ctx) =>
    twelveMonths(c, ctx) && (ageAt(c, ctx.year.end) ?? 0) >= 10 && (c.oc2?.convicted ?? null) === null),
  childRule('544', 'Any child who has conviction information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.', (c) =>
    !!c.oc2?.convicted && CORE_OC2.some((f) => c.oc2![f] === null)),
  childRule('545', 'Child is aged under 5 at 31 March and has been looked after continuously for 12 months yet health promotion information has not been completed.', (c, ctx) =>
    twelveMonths(c, ctx) && (ageAt(c, ctx.year.end) ?? 99) < 5 && (c.oc2?.healthCheck ?? null) === null),
  childRule('546', 'Children aged 5 or over at 31 March should not have health promotion information completed.', (c, ctx) => !!c.oc2?.healthCheck && (ageAt(c, ctx.year.end) ?? 0) >= 5),
  // The SDQ by age and by whether the child is in the OC2 cohort (decision 0078: the validator's readings,
  // csc-validator-be-903; "looked after continuously for 12 months" is Lantern's twelveMonths, as for 186 and 190).
  childRule('157', 'Child is aged 4 years or over at the beginning of the year or 16 years or under at the end of the year and Strengths and Difficulties Questionnaire (SDQ) 1 has been recorded as the reason for no Strengths and Difficulties Questionnaire (SDQ) score.', (c, ctx) => {
    const sixteenth = birthday(c, 16);
    return twelveMonths(c, ctx) && (ageAt(c, ctx.year.start) ?? 0) >= 4 && sixteenth !== null && sixteenth >= ctx.year.end && c.oc2?.sdqScore === null && c.oc2.sdqReason === 'SDQ1';
  }),
  // The 4th or the 17th birthday falls in the year (186 asks the same of the ages between).
  childRule('197B', 'SDQ score or reason for no SDQ should be reported for 4- or 17-year-olds.', (c, ctx) =>
    twelveMonths(c, ctx) && !hasSdq(c) && [4, 17].some((age) => inYear(birthday(c, age), ctx))),
  childRule('198', 'Child has not been looked after continuously for at least 12 months at 31 March but a reason for no Strengths and Difficulties (SDQ) score has been completed.', (c, ctx) => !!c.oc2?.sdqReason && !twelveMonths(c, ctx)),
  childRule('547', 'Any child who has health promotion information completed must also have immunisation, teeth check, health assessment and substance misuse problem identified fields completed.', (c) =>
    !!c.oc2?.healthCheck && CORE_OC2.some((f) => c.oc2![f] === null)),
];

export const OC3_RULES: Ssda903Rule[] = [
  childRule('131', 'Data entry for being in touch after leaving care is invalid.', (c) => !!c.oc3 && !IN_TOUCH.includes(c.oc3.inTouch)),
  childRule('132', 'Data entry for activity after leaving care is invalid.', (c) => !!c.oc3 && !ACTIVITY.includes(c.oc3.activ)),
  childRule('133', 'Data entry for accommodation after leaving care is invalid. If reporting on a childs accommodation after leaving care the data entry must be valid', (c) => !!c.oc3 && !ACCOMMODATION.includes(c.oc3.accom)),
  childRule('153', 'All data items relating to a child’s activity or accommodation after leaving care must be coded or left blank.', (c) => {
    if (!c.oc3) return false;
    const given = [c.oc3.inTouch, c.oc3.activ, c.oc3.accom].filter((v) => v !== '').length;
    return given > 0 && given < 3;
  }),
  childRule('345', 'The data collection record shows the local authority is in touch with this young person, but activity and/or accommodation data items are zero.', (c) => c.oc3?.inTouch === 'YES' && (c.oc3.activ === '0' || c.oc3.accom === '0')),
  childRule('344', 'The record shows the young person has died or returned home to live with parent(s) or someone with parental responsibility for a continuous period of 6 months or more, but activity and/or accommodation data items are not zero.', (c) =>
    !!c.oc3 && ['DIED', 'RHOM'].includes(c.oc3.inTouch) && (c.oc3.activ !== '0' || c.oc3.accom !== '0')),
  childRule('391', 'Young person was not 17, 18, 19, 20 or 21 during the current collection year.', (c, ctx) => {
    if (!c.oc3) return false;
    const atStart = ageAt(c, ctx.year.start);
    const atEnd = ageAt(c, ctx.year.end);
    return atStart !== null && atEnd !== null && (atEnd < 17 || atStart > 21);
  }),
  childRule('1000', 'This child is recorded as having died in care and therefore should not have the care leaver information completed.', (c) => !!c.oc3 && c.episodes.some((e) => e.rec === 'E2')),
  childRule('1011', 'This child is recorded as having his/her care transferred to another local authority for the final episode and therefore should not have the care leaver information completed.', (c) => !!c.oc3 && c.episodes.at(-1)?.rec === 'E3'),
  // Still looked after on the 17th or 18th birthday that falls in the year.
  childRule('1007', 'Care leaver information is not required for 17- or 18-year olds who are still looked after.', (c, ctx) =>
    !!c.oc3 && [17, 18].some((age) => {
      const day = birthday(c, age);
      return day !== null && day >= ctx.year.start && day <= ctx.year.end && episodeOn(c, day) !== undefined;
    })),
  childRule('134', 'Data on adoption should not be entered for the OC3 cohort.', (c) => !!c.oc3 && !!c.ad1),
  // Decision 0078: the validator's readings (csc-validator-be-903).
  childRule('187', 'Child cannot be looked after continuously for 12 months at 31 March (OC2) and have any of adoption or care leavers returns completed.', (c, ctx) =>
    twelveMonths(c, ctx) && (oc3Completed(c) || (!!c.ad1 && AD1_ITEMS.some((f) => c.ad1![f] !== null)))),
  childRule('215', 'Child has care leaver information but one or more data items relating to children looked after for 12 months have been completed.', (c) => oc3Completed(c) && oc2Completed(c)),
  // The validator compares ACCOM with 'T', which no valid code is; the Foyer codes are T1 and T2
  // (deviation: the rule is read as DfE's message says). Under 18 at the start of the year.
  childRule('347', 'Care leavers aged under 18 years, can not be accommodated in a Foyer.', (c, ctx) => ['T1', 'T2'].includes(c.oc3?.accom ?? '') && (ageAt(c, ctx.year.start) ?? 99) < 18),
  // Aged 17 or 18 at the year's end, with an episode that ended on or after the 17th birthday.
  childRule('1016', 'Care leaver information is not required for 17- or 18-year olds who cease to be looked after, after their birthday.', (c, ctx) => {
    const age = ageAt(c, ctx.year.end);
    const seventeenth = birthday(c, 17);
    return oc3Completed(c) && age !== null && age >= 17 && age < 19 && seventeenth !== null && c.episodes.some((e) => e.dec !== null && e.dec >= seventeenth);
  }),
  childRule('3001', 'Where care leavers information is being returned for a young person around their 17th birthday, the accommodation cannot be with their former foster carer(s).', (c, ctx) =>
    ['Z1', 'Z2'].includes(c.oc3?.accom ?? '') && inYear(birthday(c, 17), ctx)),
];
