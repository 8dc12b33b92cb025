// Lantern's own lists for strategy discussions, enquiries, conferences and core groups. The agencies
// are STRATEGY_DISCUSSION_AGENCY and the categories CATEGORY_OF_ABUSE, both in src/codes. (These could
// move to src/codes/lantern.ts with the other Lantern lists.)
import type { CodeList, CodeOf } from '../codes/index.ts';

/** What a strategy discussion decided, when no section 47 enquiry is already open. */
export const STRATEGY_OUTCOME = [
  { code: 'S47', label: 'Start section 47 enquiries' },
  { code: 'NO_S47', label: 'No section 47 enquiry: continue with the assessment or support' },
] as const satisfies CodeList;

/** How a section 47 enquiry ended. */
export const ENQUIRY_OUTCOME = [
  { code: 'CONFERENCE', label: 'Concerns substantiated: hold an initial child protection conference' },
  { code: 'NO_CONFERENCE', label: 'No conference needed' },
] as const satisfies CodeList;
export type EnquiryOutcomeCode = CodeOf<typeof ENQUIRY_OUTCOME>;

export const INITIAL_CONFERENCE_DECISION = [
  { code: 'PLAN', label: 'Child protection plan' },
  { code: 'NO_PLAN', label: 'No child protection plan' },
] as const satisfies CodeList;

export const REVIEW_CONFERENCE_DECISION = [
  { code: 'CONTINUE', label: 'Continue the child protection plan' },
  { code: 'END', label: 'End the child protection plan' },
] as const satisfies CodeList;

/** Who from the family came to a conference or core group. */
export const FAMILY_ATTENDANCE = [
  { code: 'CHILD', label: 'The child' },
  { code: 'MOTHER', label: 'Mother' },
  { code: 'FATHER', label: 'Father' },
  { code: 'CARER', label: 'Another parent or carer' },
] as const satisfies CodeList;

/** The core group's explicit judgement on risk (N14 ¶39, SE ¶32: seed CP-03). */
export const RISK_REDUCING = [
  { code: 'yes', label: 'Yes, risk is reducing' },
  { code: 'no', label: 'No, risk is not reducing' },
  { code: 'unclear', label: 'Not clear yet' },
] as const satisfies CodeList;
