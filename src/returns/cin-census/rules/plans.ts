// Rules on child in need plans, child protection plans and their reviews (standards.md §1.5, tables
// CINplanDates, ChildProtectionPlans, Reviews).
import { CATEGORY_OF_ABUSE, codesOf } from '../../../codes/index.ts';
import { childRule, cinPlanRule, cinPlanWhere, cpPlanRule, cpPlanWhere, inYear, overlaps, type CensusRule, type RuleContext } from './define.ts';
import type { CensusChild, CensusCinDetails, CensusCinPlan, CensusCpPlan } from '../model.ts';

const conferencesInYear = (d: CensusCinDetails, ctx: RuleContext) =>
  [...d.section47s.map((s) => s.icpcDate), d.dateOfInitialCpc].filter((x): x is string => !!x && inYear(x, ctx));

const CATEGORIES: readonly string[] = codesOf(CATEGORY_OF_ABUSE);

const period = (p: CensusCinPlan | CensusCpPlan) => ({ start: p.startDate, end: p.endDate });
const cpPlansOf = (c: CensusChild) => c.cinDetails.flatMap((d) => d.cpPlans);
const cinPlansOf = (c: CensusChild) => c.cinDetails.flatMap((d) => d.cinPlans);
const inside = (day: string, p: { startDate: string; endDate: string | null }) => p.startDate < day && day < (p.endDate ?? '9999-12-31');

export const CIN_PLAN_RULES: CensusRule[] = [
  cinPlanRule('4000', 'CIN Plan details provided for a referral with no further action', (_p, d) => d.referralNfa === true),
  cinPlanRule('4001', 'A CIN Plan cannot run concurrently with a Child Protection Plan', (p, _d, c) => cpPlansOf(c).some((cp) => inside(p.startDate, cp))),
  cinPlanRule('4016', 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.', (p, _d, c) => !p.endDate && cpPlansOf(c).some((cp) => !cp.endDate)),
  cinPlanRule('4017', 'A CIN Plan has been reported as open at the same time as a Child Protection Plan.', (p, _d, c) => cpPlansOf(c).some((cp) => inside(cp.startDate, p))),
  childRule('4003', 'A CPP review date is shown as being held at the same time as an open CIN Plan.', (c) =>
    c.cinDetails.flatMap((d) => d.cpPlans.filter((cp) => cp.reviewDates.some((r) => cinPlansOf(c).some((p) => inside(r, p)))).map((cp) => cpPlanWhere(d, cp)))),
  childRule('4004', 'This child is showing more than one open CIN Plan, i.e. with no End Date', (c) => {
    const open = c.cinDetails.flatMap((d) => d.cinPlans.filter((p) => !p.endDate).map((p) => cinPlanWhere(d, p)));
    return open.length > 1 ? open : [];
  }),
  cinPlanRule('4008', 'CIN Plan shown as starting after the child’s Date of Death.', (p, _d, c) => !!c.deathDate && p.startDate > c.deathDate),
  cinPlanRule('4009Q', 'CIN Plan cannot end after the child’s Date of Death', (p, _d, c) => !!c.deathDate && !!p.endDate && p.endDate > c.deathDate),
  cinPlanRule('4010', 'CIN Plan start date is missing or out of data collection period', (p, _d, _c, ctx) => !p.startDate || p.startDate > ctx.year.end),
  cinPlanRule('4011', 'CIN Plan End Date earlier than Start Date', (p) => !!p.endDate && p.endDate < p.startDate),
  cinPlanRule('4012Q', 'CIN Plan shown as starting and ending on the same day', (p) => p.endDate === p.startDate),
  cinPlanRule('4013', 'CIN Plan end date must fall within the census year', (p, _d, _c, ctx) => !!p.endDate && !inYear(p.endDate, ctx)),
  childRule('4014', 'CIN Plan data contains overlapping dates', (c) =>
    c.cinDetails.flatMap((d) => d.cinPlans.filter((p) => cinPlansOf(c).some((o) => o !== p && o.startDate <= p.startDate && overlaps(period(o), period(p)))).map((p) => cinPlanWhere(d, p)))),
  cinPlanRule('4015', 'The CIN Plan start date cannot be before the referral date', (p, d) => p.startDate < d.referralDate),
];

export const CP_PLAN_RULES: CensusRule[] = [
  cpPlanRule('1105', 'The child protection plan start date cannot be before the referral date', (p, d) => p.startDate < d.referralDate),
  cpPlanRule('8720', 'Child Protection Plan Start Date missing or out of data collection period', (p, _d, _c, ctx) => !p.startDate || p.startDate > ctx.year.end),
  cpPlanRule('8730', 'Total Number of previous Child Protection Plans missing', (p) => p.numberOfPreviousCpp === null),
  cpPlanRule('8832', 'Child Protection details provided for a referral with no further action.', (_p, d) => d.referralNfa === true),
  cpPlanRule('8565', 'Activity shown after a case has been closed', (p, d) =>
    !!d.closureDate && (p.startDate > d.closureDate || (!!p.endDate && p.endDate > d.closureDate) || p.reviewDates.some((r) => r > d.closureDate!))),
  cpPlanRule('8840', 'Child Protection Plan cannot start and end on the same day', (p) => p.endDate === p.startDate),
  cpPlanRule('8841', 'The review date cannot be on the same day or before the Child protection Plan start date.', (p) => p.reviewDates.some((r) => r <= p.startDate)),
  cpPlanRule('8842Q', 'Review Record has a missing date', (p) => p.reviewDates.some((r) => !r)),
  cpPlanRule('8905', 'Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)', (p) => !p.initialCategory || !CATEGORIES.includes(p.initialCategory)),
  cpPlanRule('8910', 'Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)', (p) => !p.latestCategory || !CATEGORIES.includes(p.latestCategory)),
  cpPlanRule('8915', 'Child Protection Plan shown as starting after the child’s Date of Death', (p, _d, c) => !!c.deathDate && p.startDate > c.deathDate),
  cpPlanRule('8920', 'Child Protection Plan cannot end after the child’s Date of Death', (p, _d, c) => !!c.deathDate && !!p.endDate && p.endDate > c.deathDate),
  cpPlanRule('8925', 'Child Protection Plan End Date earlier than Start Date', (p) => !!p.endDate && p.endDate < p.startDate),
  cpPlanRule('8930', 'Child Protection Plan End Date must fall within the census year', (p, _d, _c, ctx) => !!p.endDate && !inYear(p.endDate, ctx)),
  childRule('8935', 'This child is showing more than one open Child Protection plan, i.e. with no End Date', (c) => {
    const open = c.cinDetails.flatMap((d) => d.cpPlans.filter((p) => !p.endDate).map((p) => cpPlanWhere(d, p)));
    return open.length > 1 ? open : [];
  }),
  childRule('8940', 'Child Protection Plan data contains overlapping dates', (c) =>
    c.cinDetails.flatMap((d) => d.cpPlans.filter((p) => cpPlansOf(c).some((o) => o !== p && o.startDate <= p.startDate && overlaps(period(o), period(p)))).map((p) => cpPlanWhere(d, p)))),
  // Every plan that starts in the year starts at an initial conference in the same episode that
  // year, on the same day (a plan carried over from last year had its conference then).
  childRule('2883', 'There are more child protection plans starting than initial conferences taking place', (c, ctx) =>
    c.cinDetails.flatMap((d) => {
      const conferences = conferencesInYear(d, ctx).length;
      return d.cpPlans.filter((p) => inYear(p.startDate, ctx)).length > conferences ? [`Referral ${d.referralDate}`] : [];
    }),
  ),
  cpPlanRule('2885', 'Child protection plan shown as starting a different day to the initial child protection conference.', (p, d, _c, ctx) => {
    const conferences = conferencesInYear(d, ctx);
    return inYear(p.startDate, ctx) && conferences.length > 0 && !conferences.includes(p.startDate);
  }),
];
