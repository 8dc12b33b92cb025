// Rules on section 47 enquiries and initial child protection conferences (standards.md §1.5, table Section47).
import { isWeekend } from '../../../calendar/index.ts';
import { childRule, enquiryRule, enquiryWhere, inYear, workingDaysFrom, type CensusRule } from './define.ts';
import type { CensusSection47 } from '../model.ts';

/** Still going on: no conference held and none found not to be needed. */
const isOpen = (s: CensusSection47) => !s.icpcDate && !s.icpcNotRequired;

export const SECTION47_RULES: CensusRule[] = [
  enquiryRule('1104', 'The date of the initial child protection conference cannot be before the referral date', (s, d) => !!s.icpcDate && s.icpcDate < d.referralDate),
  enquiryRule('2889', 'The S47 start date cannot be before the referral date.', (s, d) => s.startDate < d.referralDate),
  enquiryRule('8615', 'Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference', (s) => !s.startDate || (!!s.icpcDate && s.startDate > s.icpcDate)),
  enquiryRule('8675Q', 'S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.', (s, _d, _c, ctx) => {
    if (!isOpen(s)) return false;
    const days = workingDaysFrom(s.startDate, ctx.asOf);
    return days !== null && days > 15;
  }),
  enquiryRule('8715', 'Date of Initial Child Protection Conference must fall within the census year', (s, _d, _c, ctx) => !!s.icpcDate && !inYear(s.icpcDate, ctx)),
  enquiryRule('8740', 'For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year', (s, _d, _c, ctx) =>
    isOpen(s) && !inYear(s.startDate, ctx)),
  childRule('8839', 'Within one CINDetails group there are 2 or more open S47 Assessments', (c) =>
    c.cinDetails.flatMap((d) => (d.section47s.filter(isOpen).length > 1 ? [`Referral ${d.referralDate}`] : []))),
  enquiryRule('8870Q', 'The Target Date for Initial Child Protection Conference should not be a weekend', (s) => !!s.icpcTarget && isWeekend(s.icpcTarget)),
  enquiryRule('8875', 'The Date of Initial Child Protection Conference cannot be a weekend', (s) => !!s.icpcDate && isWeekend(s.icpcDate)),
  childRule('8890', 'A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing', (c) =>
    c.cinDetails.flatMap((d) =>
      d.section47s
        .filter((s) => d.section47s.some((o) => o !== s && o.startDate < s.startDate && (isOpen(o) || (!!o.icpcDate && o.icpcDate > s.startDate))))
        .map((s) => enquiryWhere(d, s)),
    ),
  ),
  enquiryRule('2884', 'An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one', (s, d) => !!s.icpcDate && !!d.dateOfInitialCpc),
];
