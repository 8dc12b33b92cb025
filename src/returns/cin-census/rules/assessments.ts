// Rules on assessments and the factors identified at them (standards.md §1.5, table Assessments).
import { childRule, assessmentRule, assessmentWhere, duplicates, inYear, workingDaysFrom, type CensusRule } from './define.ts';

export const ASSESSMENT_RULES: CensusRule[] = [
  assessmentRule('1103', 'The assessment start date cannot be before the referral date', (a, d) => a.startDate < d.referralDate),
  assessmentRule('8608', 'Assessment Start Date cannot be later than its End Date', (a) => !!a.authorisationDate && a.startDate > a.authorisationDate),
  assessmentRule('8614', 'Parental or child factors at assessment should only be present for a completed assessment.', (a) => !a.authorisationDate && a.factors.length > 0),
  assessmentRule('8670Q', 'Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.', (a, _d, _c, ctx) => {
    if (a.authorisationDate) return false;
    const days = workingDaysFrom(a.startDate, ctx.asOf);
    return days !== null && days > 45;
  }),
  assessmentRule('8696', 'Assessment end date must fall within the census year', (a, _d, _c, ctx) => !!a.authorisationDate && !inYear(a.authorisationDate, ctx)),
  assessmentRule('8736', 'For an Assessment that has not been completed, the start date must fall within the census year', (a, _d, _c, ctx) => !a.authorisationDate && !inYear(a.startDate, ctx)),
  childRule('8863Q', 'An Assessment is shown as starting when there is another Assessment ongoing.', (c) =>
    c.cinDetails.flatMap((d) =>
      d.assessments
        .filter((a) => d.assessments.some((o) => o !== a && o.startDate < a.startDate && (!o.authorisationDate || o.authorisationDate > a.startDate)))
        .map((a) => assessmentWhere(d, a)),
    ),
  ),
  childRule('8896', 'Within one CINDetails group there are 2 or more open Assessments groups', (c) =>
    c.cinDetails.flatMap((d) => (d.assessments.filter((a) => !a.authorisationDate).length > 1 ? [`Referral ${d.referralDate}`] : []))),
  assessmentRule('8869', 'The assessment factors code “21” cannot be used in conjunction with any other assessment factors.', (a) => a.factors.includes('21') && a.factors.length > 1),
  assessmentRule('8873Q', 'When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or \'RC9\' should be used.', (a, d) =>
    d.assessments.length === 1 && !!a.authorisationDate && a.factors.length === 1 && a.factors[0] === '21' && !!d.closureDate && d.closureReason !== 'RC8' && d.closureReason !== 'RC9'),
  assessmentRule('8897Q', 'Parental or child factors at assessment information is missing from a completed assessment', (a) => !!a.authorisationDate && a.factors.length === 0),
  assessmentRule('8898', 'The assessment has more than one parental or child factors with the same code', (a) => duplicates(a.factors).length > 0),
  assessmentRule('8945Q', 'the assessment factors code \'18A\' should not be used (\'18B\' or \'18C\' should be used instead)', (a) => a.factors.includes('18A')),
  assessmentRule('8950Q', 'the assessment factors code \'19A\' should not be used (\'19B\' or \'19C\' should be used instead)', (a) => a.factors.includes('19A')),
];
