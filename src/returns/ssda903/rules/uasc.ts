// Rules on the UASC table (DUC, the day UASC status ceased; ssda903-rules.md 104, 303, 304, 1014),
// recorded on the child (src/people/uasc.ts, decision 0041).
import { eighteenthBirthday } from '../../../people/uasc.ts';
import { ageAt, childRule, validDate, type Ssda903Rule } from './define.ts';

const where = 'UASC';

export const UASC_RULES: Ssda903Rule[] = [
  childRule('104', 'Date for Unaccompanied Asylum-Seeking Children (UASC) status ceased is not a valid date.', (c) => (c.uasc && !!c.duc && !validDate(c.duc) ? [where] : [])),
  childRule('303', 'If date Unaccompanied Asylum-Seeking Child (UASC) status ceased is not null, UASC status must be coded 1.', (c) => (!!c.duc && !c.uasc ? [where] : [])),
  childRule('304', 'Date unaccompanied asylum-seeking child (UASC) status ceased must be on or before the 18th birthday of a child.', (c) =>
    !!c.duc && validDate(c.duc) && validDate(c.dob) && c.duc > eighteenthBirthday(c.dob!) ? [where] : []),
  // A care leaver with no episode in the year is not in the UASC table (the validator's reading).
  childRule('1014', 'UASC information is not required for care leavers', (c) => (c.uasc && !!c.oc3 && c.episodes.length === 0 ? [where] : [])),
  // Under 11 at the year's end (the validator's reading, decision 0078): a query to check, or to explain
  // in a bypass request.
  childRule('231', 'We expect that unaccompanied asylum seeking children are generally older young people. Please check the date of birth is correct. If the date of birth is correct then please provide details in a bypass request.', (c, ctx) =>
    c.uasc && (ageAt(c, ctx.year.end) ?? 99) < 11 ? ['Header'] : []),
];
