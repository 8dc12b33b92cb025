// What starting, meeting about and ending a child in need plan must say. Forms and API alike.
import { z } from 'zod';
import { CorrectionReason, fail, optionalText, requiredDate, requiredText, SeenVersion, yesNo } from '../plans/fields.ts';
import { CIN_PLAN_END_REASON_CODES, ENDINGS_NEEDING_EVIDENCE } from './codes.ts';

export const CinPlanStart = z.object({
  startedOn: requiredDate('The start date', 'Enter the date the plan started'),
});
export type CinPlanStart = z.output<typeof CinPlanStart>;

export const CinMeetingInput = z.object({
  heldOn: requiredDate('The date of the meeting', 'Enter the date the meeting was held'),
  attendees: requiredText('Enter who came to the meeting, and their role or agency', 'Who came', 1000),
  planReviewed: yesNo('Say whether the meeting reviewed the plan'),
  summary: requiredText('Enter what the meeting found: progress, the difference it is making for the child, and next steps', 'What the meeting found', 20_000),
});
export type CinMeetingInput = z.output<typeof CinMeetingInput>;

export const CinMeetingCorrection = CinMeetingInput.extend({ reason: CorrectionReason, version: SeenVersion });
export type CinMeetingCorrection = z.output<typeof CinMeetingCorrection>;

export const CinPlanEnd = z
  .object({
    endedOn: requiredDate('The end date', 'Enter the date the plan ended'),
    reason: z.enum(CIN_PLAN_END_REASON_CODES, { error: 'Choose why the plan is ending' }),
    evidence: optionalText('What has changed', 5000),
  })
  .superRefine((end, ctx) => {
    if (ENDINGS_NEEDING_EVIDENCE.includes(end.reason) && !end.evidence) {
      fail(ctx, 'evidence', 'Say what has changed for the child and how you know the change will last');
    }
    if (end.reason === 'other' && !end.evidence) fail(ctx, 'evidence', 'Say why the plan is ending');
  });
export type CinPlanEnd = z.output<typeof CinPlanEnd>;

export const CinPlanParams = z.object({ childId: z.guid(), planId: z.guid() });
export const CinMeetingParams = z.object({ childId: z.guid(), meetingId: z.guid() });
