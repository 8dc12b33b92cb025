// The codes of pre-proceedings and care proceedings. Lantern's own lists, in the words of the Public
// Law Outline (PD12A) and the Children Act 1989.
import type { CodeList, CodeOf } from '../codes/index.ts';
import { codesOf } from '../codes/index.ts';

export const LEGAL_PLANNING_DECISION = [
  { code: 'pre_proceedings', label: 'Enter pre-proceedings (send a letter before proceedings)' },
  { code: 'issue_proceedings', label: 'Issue care proceedings' },
  { code: 'neither', label: 'Neither: the threshold is not met, or continue with the current plan' },
] as const satisfies CodeList;
export type LegalPlanningDecisionCode = CodeOf<typeof LEGAL_PLANNING_DECISION>;
export const LEGAL_PLANNING_DECISION_CODES = codesOf(LEGAL_PLANNING_DECISION) as [LegalPlanningDecisionCode, ...LegalPlanningDecisionCode[]];

export const PRE_PROCEEDINGS_MEETING_KIND = [
  { code: 'meeting', label: 'Pre-proceedings meeting' },
  { code: 'review', label: 'Pre-proceedings review' },
] as const satisfies CodeList;
export type PreProceedingsMeetingKind = CodeOf<typeof PRE_PROCEEDINGS_MEETING_KIND>;
export const PRE_PROCEEDINGS_MEETING_KIND_CODES = codesOf(PRE_PROCEEDINGS_MEETING_KIND) as [PreProceedingsMeetingKind, ...PreProceedingsMeetingKind[]];

export const PRE_PROCEEDINGS_OUTCOME = [
  { code: 'step_down', label: 'Step down: enough has changed' },
  { code: 'issue_proceedings', label: 'Issue care proceedings' },
] as const satisfies CodeList;
export type PreProceedingsOutcomeCode = CodeOf<typeof PRE_PROCEEDINGS_OUTCOME>;
export const PRE_PROCEEDINGS_OUTCOME_CODES = codesOf(PRE_PROCEEDINGS_OUTCOME) as [PreProceedingsOutcomeCode, ...PreProceedingsOutcomeCode[]];

/** Applications under s.31: the 26-week limit of s.32(1)(a) applies to each. */
export const APPLICATION_TYPE = [
  { code: 'care_order', label: 'Care order (s.31)' },
  { code: 'supervision_order', label: 'Supervision order (s.31)' },
  { code: 'care_and_placement', label: 'Care order (s.31) with a placement order (Adoption and Children Act 2002 s.22)' },
] as const satisfies CodeList;
export type ApplicationTypeCode = CodeOf<typeof APPLICATION_TYPE>;
export const APPLICATION_TYPE_CODES = codesOf(APPLICATION_TYPE) as [ApplicationTypeCode, ...ApplicationTypeCode[]];

export const HEARING_TYPE = [
  { code: 'cmh', label: 'Case management hearing' },
  { code: 'further_cmh', label: 'Further case management hearing' },
  { code: 'interim', label: 'Interim order hearing' },
  { code: 'irh', label: 'Issues resolution hearing' },
  { code: 'final', label: 'Final hearing' },
  { code: 'other', label: 'Another hearing' },
] as const satisfies CodeList;
export type HearingTypeCode = CodeOf<typeof HEARING_TYPE>;
export const HEARING_TYPE_CODES = codesOf(HEARING_TYPE) as [HearingTypeCode, ...HearingTypeCode[]];

export const ORDER_TYPE = [
  { code: 'interim_care', label: 'Interim care order' },
  { code: 'interim_supervision', label: 'Interim supervision order' },
  { code: 'care', label: 'Care order' },
  { code: 'supervision', label: 'Supervision order' },
  { code: 'placement', label: 'Placement order' },
  { code: 'sgo', label: 'Special guardianship order' },
  { code: 'child_arrangements', label: 'Child arrangements order' },
  { code: 'none', label: 'No order, or the application was withdrawn' },
] as const satisfies CodeList;
export type OrderTypeCode = CodeOf<typeof ORDER_TYPE>;
export const ORDER_TYPE_CODES = codesOf(ORDER_TYPE) as [OrderTypeCode, ...OrderTypeCode[]];

/** Orders that end care proceedings (an interim order does not). */
export const FINAL_ORDERS: readonly OrderTypeCode[] = ['care', 'supervision', 'placement', 'sgo', 'child_arrangements', 'none'];

/** A person's answer to the offer of a family group decision-making meeting (s.31ZA(2)). */
export const FGDM_RESPONSE = [
  { code: 'accepted', label: 'Accepted: wants the meeting' },
  { code: 'declined', label: 'Declined' },
  { code: 'no_response', label: 'No answer was given' },
] as const satisfies CodeList;
export type FgdmResponseCode = CodeOf<typeof FGDM_RESPONSE>;
export const FGDM_RESPONSE_CODES = codesOf(FGDM_RESPONSE) as [FgdmResponseCode, ...FgdmResponseCode[]];

/** The two best-interests decisions s.31ZA allows: not to offer the meeting, not to hold one accepted. */
export const FGDM_EXEMPTION_COVERS = [
  { code: 'offer', label: 'Not to offer a family group decision-making meeting' },
  { code: 'meeting', label: 'Not to hold the meeting that was accepted' },
] as const satisfies CodeList;
export type FgdmExemptionCoversCode = CodeOf<typeof FGDM_EXEMPTION_COVERS>;
export const FGDM_EXEMPTION_COVERS_CODES = codesOf(FGDM_EXEMPTION_COVERS) as [FgdmExemptionCoversCode, ...FgdmExemptionCoversCode[]];

/** Who the offer goes to besides anyone with parental responsibility: the child's parents (s.31ZA(1)). */
export const PARENT_KINDS: readonly string[] = ['mother', 'father', 'parent'];
