// The front door's own code lists. No DfE or Ofsted list exists for these, so the codes are
// Lantern's (like src/codes/lantern.ts, where they may move once the front door settles).
import type { CodeList, CodeOf } from '../codes/index.ts';

/**
 * What worries the referrer, ticked on the contact so that decisions can be audited by factor
 * (seed-requirements FD-04; Southend ¶18-19: decisions involving domestic abuse, parental mental
 * health or substance misuse were "overly optimistic").
 */
export const RISK_INDICATOR = [
  { code: 'DOMESTIC_ABUSE', label: 'Domestic abuse' },
  { code: 'NEGLECT', label: 'Neglect' },
  { code: 'PHYSICAL_HARM', label: 'Physical harm or unexplained injury' },
  { code: 'SEXUAL_HARM', label: 'Sexual harm' },
  { code: 'EXPLOITATION', label: 'Exploitation (sexual or criminal)' },
  { code: 'PARENT_MENTAL_HEALTH', label: 'Mental health of a parent or carer' },
  { code: 'SUBSTANCE_MISUSE', label: 'Alcohol or drug misuse' },
  { code: 'MISSING', label: 'Missing from home, care or education' },
  { code: 'SELF_HARM', label: 'Self-harm' },
] as const satisfies CodeList;
export type RiskIndicatorCode = CodeOf<typeof RISK_INDICATOR>;

/**
 * Indicators where the manager is prompted to consider a strategy discussion straight away
 * (FD-08; Wandsworth ¶19: unexplained injuries and CSE not recognised as needing an immediate s47).
 */
export const IMMEDIATE_S47_PROMPT: readonly RiskIndicatorCode[] = ['PHYSICAL_HARM', 'SEXUAL_HARM', 'EXPLOITATION'];

/** The threshold decision on a contact (FD-02, FD-08). */
export const CONTACT_OUTCOME = [
  { code: 'NFA', label: 'No further action' },
  { code: 'ADVICE', label: 'Advice and information' },
  { code: 'EARLY_HELP', label: 'Early help' },
  { code: 'REFERRAL', label: 'Referral to children’s social care' },
  { code: 'STRATEGY', label: 'Referral to children’s social care: strategy discussion' },
] as const satisfies CodeList;
export type ContactOutcomeCode = CodeOf<typeof CONTACT_OUTCOME>;

/** Outcomes that close the contact with no service: these get a second look when risk was recorded. */
export const NO_SERVICE_OUTCOMES: readonly ContactOutcomeCode[] = ['NFA', 'ADVICE'];

/** Outcomes that open a social care episode (receiveReferral). */
export const REFERRAL_OUTCOMES: readonly ContactOutcomeCode[] = ['REFERRAL', 'STRATEGY'];

/** What a partner is told about their referral: the outcome without the record behind it. */
export const OUTCOME_FOR_PARTNER: Record<ContactOutcomeCode, string> = {
  NFA: 'No further action by children’s services',
  ADVICE: 'Advice and information given',
  EARLY_HELP: 'Early help offered to the family',
  REFERRAL: 'Accepted as a referral to children’s social care',
  STRATEGY: 'Accepted as a referral to children’s social care: a strategy discussion will be held',
};

/** Agencies the front door checks with (FD-03, FD-11). */
export const CHECK_AGENCY = [
  { code: 'POLICE', label: 'Police' },
  { code: 'HEALTH', label: 'Health' },
  { code: 'EDUCATION', label: 'Education (school or nursery)' },
  { code: 'PROBATION', label: 'Probation' },
  { code: 'HOUSING', label: 'Housing' },
  { code: 'OTHER', label: 'Other agency' },
] as const satisfies CodeList;
export type CheckAgencyCode = CodeOf<typeof CHECK_AGENCY>;

/** Whether the family agreed to the contact being made. */
export const CONSENT = [
  { code: 'GIVEN', label: 'The family agreed to the contact' },
  { code: 'NOT_GIVEN', label: 'The family did not agree: the worry about the child overrides it' },
  { code: 'NOT_SOUGHT', label: 'Not asked: asking could put the child at risk' },
  { code: 'UNKNOWN', label: 'Not known' },
] as const satisfies CodeList;
export type ConsentCode = CodeOf<typeof CONSENT>;

/** How the referrer was told the outcome (FD-01). */
export const FEEDBACK_METHOD = [
  { code: 'PHONE', label: 'Phone' },
  { code: 'EMAIL', label: 'Secure email' },
  { code: 'LETTER', label: 'Letter' },
  { code: 'IN_PERSON', label: 'In person' },
  { code: 'ONLINE', label: 'Online, through Lantern' },
] as const satisfies CodeList;
export type FeedbackMethodCode = CodeOf<typeof FEEDBACK_METHOD>;

/** Second look at a no-service decision where risk was recorded (FD-05; Southend ¶18). */
export const SECOND_LOOK_CONCLUSION = [
  { code: 'AGREE', label: 'Agree with the decision' },
  { code: 'CHANGE', label: 'Change the decision' },
] as const satisfies CodeList;
export type SecondLookConclusionCode = CodeOf<typeof SECOND_LOOK_CONCLUSION>;

/** Referral sources of individuals rather than professionals (FD-01 referrer type, FD-03). */
export const NON_PROFESSIONAL_SOURCES: readonly string[] = ['1A', '1B', '1C', '1D', '9'];

/** The referral source a partner's agency usually is, to prefill their form. */
export const SOURCE_FOR_AGENCY: Record<string, string> = {
  police: '6',
  health: '3F',
  gp: '3A',
  school: '2A',
  education: '2B',
  housing: '4',
  probation: '7',
};
