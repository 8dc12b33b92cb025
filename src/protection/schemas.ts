// What the strategy discussion, enquiry, conference and core group pages and API accept. The rules
// that need the record (dates against the enquiry and plan, one open enquiry) are in service.ts.
import { z } from 'zod';
import { CATEGORY_OF_ABUSE, STRATEGY_DISCUSSION_AGENCY } from '../codes/index.ts';
import { Uuid, codeChoice, oneOrMany, optionalCodeChoice, optionalDate, optionalText, requiredDate, requiredText } from '../episodes/schemas.ts';
import {
  ENQUIRY_OUTCOME,
  FAMILY_ATTENDANCE,
  INITIAL_CONFERENCE_DECISION,
  REVIEW_CONFERENCE_DECISION,
  RISK_REDUCING,
  STRATEGY_OUTCOME,
} from './codes.ts';

export const DiscussionParams = z.object({ childId: Uuid, discussionId: Uuid });
export const EnquiryParams = z.object({ childId: Uuid, enquiryId: Uuid });
export const PlanParams = z.object({ childId: Uuid, planId: Uuid });
export const ConferenceParams = z.object({ childId: Uuid, conferenceId: Uuid });
export const CoreGroupParams = z.object({ childId: Uuid, coreGroupId: Uuid });

/**
 * Why a record is corrected: asked every time, kept with the old version. (`changeReason`, because a
 * strategy discussion already has a `reason`: why it was held.)
 */
const changeReason = requiredText('Say why you are correcting this record', 1_000);
/** The version the worker saw: a change made meanwhile by someone else is not overwritten. */
const version = z.coerce.number().int().positive().optional();

export const AttendeeInput = z.object({
  agency: codeChoice(STRATEGY_DISCUSSION_AGENCY, 'Choose the agencies from the list'),
  names: optionalText(1_000),
});

const attendees = z
  .array(AttendeeInput)
  .min(1, 'Choose the agencies that took part')
  .refine((list) => new Set(list.map((a) => a.agency)).size === list.length, { message: 'Name each agency once' });

const familyAttended = z.preprocess(oneOrMany, z.array(codeChoice(FAMILY_ATTENDANCE, 'Choose who came from the family from the list')));

/** '14:30'; '9:30' is taken as '09:30'. */
const timeOfDay = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? (/^\d:\d\d$/.test(v) ? `0${v}` : v) : null))
  .refine((v) => v === null || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { message: 'Enter the time as hours and minutes, for example 14:30' });

export const StrategyDiscussionInput = z.object({
  heldOn: requiredDate('the date of the strategy discussion'),
  heldAt: timeOfDay,
  attendees,
  reason: requiredText('Say why the strategy discussion was held'),
  otherViews: optionalText(),
  decisions: requiredText('Record what was decided and why'),
  nextSteps: optionalText(),
  /** Needed when no section 47 enquiry is open; a later meeting of an open enquiry needs none. */
  outcome: optionalCodeChoice(STRATEGY_OUTCOME, 'Choose what the strategy discussion decided'),
  /** The section 47 start date, when later than the discussion (the DfE measure counts from it). */
  s47StartedOn: optionalDate('the date section 47 enquiries started'),
});
export type StrategyDiscussionInput = z.output<typeof StrategyDiscussionInput>;

/** A correction: everything but what it decided (to change that, delete it and record it again). */
export const StrategyDiscussionCorrection = StrategyDiscussionInput.omit({ outcome: true }).extend({ changeReason, version });
export type StrategyDiscussionCorrection = z.output<typeof StrategyDiscussionCorrection>;

export const EnquiryOutcomeInput = z.object({
  outcome: codeChoice(ENQUIRY_OUTCOME, 'Choose the outcome of the enquiry'),
  completedOn: requiredDate('the date the enquiry was completed'),
  summary: requiredText('Summarise what the enquiry found'),
});
export type EnquiryOutcomeInput = z.output<typeof EnquiryOutcomeInput>;

const conferenceFields = {
  heldOn: requiredDate('the date of the conference'),
  chairId: z.string({ error: 'Choose who chaired the conference' }).min(1, 'Choose who chaired the conference').pipe(Uuid),
  attendees,
  familyAttended,
  categoryOfAbuse: optionalCodeChoice(CATEGORY_OF_ABUSE, 'Choose the category of abuse from the list'),
  summary: optionalText(),
};

export const InitialConferenceInput = z.object({
  ...conferenceFields,
  decision: codeChoice(INITIAL_CONFERENCE_DECISION, 'Choose whether the child is to have a child protection plan'),
});
export type InitialConferenceInput = z.output<typeof InitialConferenceInput>;

export const ReviewConferenceInput = z.object({
  ...conferenceFields,
  decision: codeChoice(REVIEW_CONFERENCE_DECISION, 'Choose whether the plan continues or ends'),
  endReason: optionalText(5_000),
});
export type ReviewConferenceInput = z.output<typeof ReviewConferenceInput>;

/** A correction of either kind of conference: everything but its decision. */
export const ConferenceCorrection = z.object({
  ...conferenceFields,
  /** For a review that ended the plan: why. */
  endReason: optionalText(5_000),
  changeReason,
  version,
});
export type ConferenceCorrection = z.output<typeof ConferenceCorrection>;

export const CoreGroupInput = z.object({
  heldOn: requiredDate('the date of the core group meeting'),
  attendees,
  familyAttended,
  riskReducing: codeChoice(RISK_REDUCING, 'Say whether the core group judged that risk is reducing'),
  summary: requiredText('Summarise the progress of the plan and what was agreed'),
});
export type CoreGroupInput = z.output<typeof CoreGroupInput>;

export const CoreGroupCorrection = CoreGroupInput.extend({ changeReason, version });
export type CoreGroupCorrection = z.output<typeof CoreGroupCorrection>;

export const PlanEndInput = z.object({
  endedOn: requiredDate('the date the plan ended'),
  reason: requiredText('Give the reason the plan ended', 5_000),
});
export type PlanEndInput = z.output<typeof PlanEndInput>;

export const PeriodQuery = z.object({
  from: optionalDate('the ‘from’ date'),
  to: optionalDate('the ‘to’ date'),
});

export const AsAtQuery = z.object({ asAt: optionalDate('the ‘as at’ date') });

/** Form posts: agency checkboxes `agencies` and a names box for each, `names-POLICE` and so on. */
export function attendeesFromForm(body: Record<string, unknown>): { agency: string; names: string }[] {
  return oneOrMany(body['agencies']).map((agency) => ({ agency: String(agency), names: String(body[`names-${String(agency)}`] ?? '') }));
}
