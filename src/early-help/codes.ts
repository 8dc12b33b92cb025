// Early help's own code lists (Lantern's: no DfE list exists for these).
import type { CodeList, CodeOf } from '../codes/index.ts';

/** How an early help episode began. */
export const EARLY_HELP_ORIGIN = [
  { code: 'CONTACT', label: 'Front door decision on a contact' },
  { code: 'STEP_DOWN', label: 'Stepped down from children’s social care' },
  { code: 'DIRECT', label: 'Started directly (request for early help)' },
] as const satisfies CodeList;
export type EarlyHelpOriginCode = CodeOf<typeof EARLY_HELP_ORIGIN>;

/** The lead practitioner's agency (EH-04: record the lead professional and their agency). */
export const LEAD_AGENCY = [
  { code: 'EARLY_HELP', label: 'Council early help service' },
  { code: 'SCHOOL', label: 'School or nursery' },
  { code: 'HEALTH', label: 'Health (health visitor, school nurse, GP)' },
  { code: 'CHILDRENS_CENTRE', label: 'Children’s centre or family hub' },
  { code: 'HOUSING', label: 'Housing' },
  { code: 'VOLUNTARY', label: 'Voluntary or community organisation' },
  { code: 'POLICE', label: 'Police' },
  { code: 'OTHER', label: 'Other agency' },
] as const satisfies CodeList;
export type LeadAgencyCode = CodeOf<typeof LEAD_AGENCY>;

/** Who came to a team-around-the-family meeting, by agency (EH-15). */
export const TAF_ATTENDEE = [
  { code: 'CHILD', label: 'The child or young person' },
  { code: 'FAMILY', label: 'Parents or carers' },
  { code: 'EARLY_HELP', label: 'Early help service' },
  { code: 'SCHOOL', label: 'School or nursery' },
  { code: 'HEALTH', label: 'Health' },
  { code: 'HOUSING', label: 'Housing' },
  { code: 'POLICE', label: 'Police' },
  { code: 'SOCIAL_CARE', label: 'Children’s social care' },
  { code: 'VOLUNTARY', label: 'Voluntary or community organisation' },
  { code: 'OTHER', label: 'Other agency' },
] as const satisfies CodeList;
export type TafAttendeeCode = CodeOf<typeof TAF_ATTENDEE>;

/** Why early help ended. 'STEPPED_UP' is set by a step-up, never chosen on the closure page. */
export const EARLY_HELP_END_REASON = [
  { code: 'NEEDS_MET', label: 'The family’s needs are met' },
  { code: 'DECLINED', label: 'The family declined further support' },
  { code: 'MOVED', label: 'The family moved out of the area' },
  { code: 'UNIVERSAL', label: 'Needs can be met by universal services' },
  { code: 'OTHER', label: 'Other reason' },
  { code: 'STEPPED_UP', label: 'Stepped up to children’s social care' },
] as const satisfies CodeList;
export type EarlyHelpEndReasonCode = CodeOf<typeof EARLY_HELP_END_REASON>;

/** The reasons a worker may choose when closing (a step-up is its own page). */
export const CLOSURE_CHOICES = EARLY_HELP_END_REASON.filter((r) => r.code !== 'STEPPED_UP');
