// Rules on each CINdetails group, the episode of need from referral to closure (standards.md §1.5,
// table CINdetails).
import { CIN_CLOSURE_REASON, PRIMARY_NEED, REFERRAL_SOURCE, codesOf } from '../../../codes/index.ts';
import { addDays } from '../../../calendar/index.ts';
import { childRule, episodeRule, inYear, referralWhere, workingDaysFrom, type CensusRule } from './define.ts';
import type { CensusCinDetails } from '../model.ts';

const REFERRAL_SOURCES: readonly string[] = codesOf(REFERRAL_SOURCE);
const PRIMARY_NEEDS: readonly string[] = codesOf(PRIMARY_NEED);
const CLOSURE_REASONS: readonly string[] = codesOf(CIN_CLOSURE_REASON);
const CLOSED_AFTER_ASSESSMENT = ['RC8', 'RC9'];

const isOpenWithAction = (d: CensusCinDetails) => !d.closureDate && d.referralNfa !== true;

export const EPISODE_RULES: CensusRule[] = [
  episodeRule('8600', 'Child referral date missing or after data collection period', (d, _c, ctx) => !d.referralDate || d.referralDate > ctx.year.end),
  episodeRule('8606', 'Child referral date is more than 40 weeks before DOB or expected DOB', (d, c) => {
    const born = c.birthDate ?? c.expectedBirthDate;
    return !!born && d.referralDate < addDays(born, -280);
  }),
  episodeRule('8555Q', 'Child cannot be referred after its recorded date of death', (d, c) => !!c.deathDate && d.referralDate > c.deathDate),
  episodeRule('8866', 'Source of Referral is missing or an invalid code', (d) => !d.referralSource || !REFERRAL_SOURCES.includes(d.referralSource)),
  episodeRule('8568', 'RNFA flag is missing or invalid', (d) => d.referralNfa === null),
  // Rule 8569Q: a referral from before the year (less one working day) was not "no further action" this year.
  episodeRule('8569Q', 'A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case', (d, _c, ctx) => {
    if (d.referralNfa !== true) return false;
    const before = workingDaysFrom(d.referralDate, ctx.year.start);
    return before !== null && before > 1;
  }),
  episodeRule('8610', 'Primary Need code is missing for a referral which led to further action.', (d) => d.referralNfa === false && !d.primaryNeed),
  episodeRule('8650', 'Primary Need Code invalid (see Primary Need table in CIN census code set)', (d) => !!d.primaryNeed && !PRIMARY_NEEDS.includes(d.primaryNeed)),
  episodeRule('8620', 'CIN Closure Date present and does not fall within the Census year', (d, _c, ctx) => !!d.closureDate && !inYear(d.closureDate, ctx)),
  episodeRule('8630', 'CIN Closure Date is before CIN Referral Date for the same CIN episode', (d) => !!d.closureDate && d.closureDate < d.referralDate),
  episodeRule('8640', 'CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)', (d) => !!d.closureReason && !CLOSURE_REASONS.includes(d.closureReason)),
  episodeRule('8805', 'A CIN case cannot have a CIN closure date without a Reason for Closure', (d) => !!d.closureDate && !d.closureReason),
  episodeRule('8810', 'A CIN case cannot have a Reason for Closure without a CIN Closure Date', (d) => !!d.closureReason && !d.closureDate),
  episodeRule('8585Q', 'CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death', (d, c) => d.closureReason === 'RC2' && !c.deathDate),
  childRule('8815', 'More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.', (c) => {
    const open = c.cinDetails.filter(isOpenWithAction);
    return open.length > 1 ? open.map(referralWhere) : [];
  }),
  childRule('8816', 'An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.', (c) => {
    const latest = c.cinDetails.reduce<string>((max, d) => (d.referralDate > max ? d.referralDate : max), '');
    return c.cinDetails.filter((d) => isOpenWithAction(d) && d.referralDate < latest).map(referralWhere);
  }),
  childRule('8820', 'The dates on the CIN episodes for this child overlap', (c) => {
    const sorted = [...c.cinDetails].sort((a, b) => a.referralDate.localeCompare(b.referralDate));
    return sorted.filter((d, i) => i > 0 && d.referralDate < (sorted[i - 1]!.closureDate ?? '9999-12-31')).map(referralWhere);
  }),
  episodeRule('8825Q', 'Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.', (d) =>
    !!d.closureReason && CLOSED_AFTER_ASSESSMENT.includes(d.closureReason) && d.assessments.length === 0),
  episodeRule('2990', 'Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or \'case closed after assessment, referred to early help\'.', (d) =>
    !!d.closureReason && CLOSED_AFTER_ASSESSMENT.includes(d.closureReason) && (d.cinPlans.length > 0 || d.section47s.length > 0 || d.cpPlans.length > 0)),
  episodeRule('8831', 'Activity is recorded against a case marked as a referral with no further action', (d) =>
    d.referralNfa === true && (d.assessments.length > 0 || d.cinPlans.length > 0 || d.section47s.length > 0 || d.cpPlans.length > 0 || !!d.dateOfInitialCpc)),
  episodeRule('8867', 'CIN episode is shown as closed, however Assessment is not shown as completed', (d) => !!d.closureDate && d.assessments.some((a) => !a.authorisationDate)),
  episodeRule('8868', 'CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag', (d) =>
    !!d.closureDate && d.section47s.some((s) => !s.icpcDate && !s.icpcNotRequired)),
  episodeRule('2991Q', 'A Section 47 module is recorded and there is no assessment on the episode', (d) => d.section47s.length > 0 && d.assessments.length === 0),
];
