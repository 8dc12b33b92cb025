// What each step of family group decision-making before proceedings must say (s.31ZA). Forms and API alike.
import { z } from 'zod';
import { isIsoDate } from '../calendar/index.ts';
import { CorrectionReason, fail, optionalText, requiredDate, requiredText, SeenVersion } from '../plans/fields.ts';
import { FGDM_EXEMPTION_COVERS_CODES, FGDM_RESPONSE_CODES } from './codes.ts';

/** Checkboxes post one value as a string, several as a list, none at all: always a list here. */
const idList = (missing: string) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(z.guid({ error: missing })).max(50));

export const FgdmOfferInput = z.object({
  offeredOn: requiredDate('The date of the offer', 'Enter the date the meeting was offered'),
  personIds: idList('Choose who was offered the meeting').refine((ids) => ids.length > 0, 'Choose each person the meeting was offered to'),
});
export type FgdmOfferInput = z.output<typeof FgdmOfferInput>;

export const FgdmResponseInput = z.object({
  response: z.enum(FGDM_RESPONSE_CODES, { error: 'Choose their answer' }),
  respondedOn: requiredDate('The date of the answer', 'Enter the date they answered, or the date you stopped waiting for one'),
  /** Asked when an answer already recorded is changed: the old answer is kept with it. */
  reason: optionalText('The reason', 1000),
});
export type FgdmResponseInput = z.output<typeof FgdmResponseInput>;

const meetingFields = {
  heldOn: requiredDate('The date of the meeting', 'Enter the date of the family group meeting'),
  attendeeIds: idList('Choose who attended'),
  otherAttendees: optionalText('The other people who attended', 5000),
  familyProposal: requiredText('Enter the family’s proposal: the plan the family made for the child', 'The family’s proposal', 20_000),
};
export const FgdmMeetingInput = z.object(meetingFields);
export type FgdmMeetingInput = z.output<typeof FgdmMeetingInput>;
export const FgdmMeetingCorrection = z.object({ ...meetingFields, reason: CorrectionReason, version: SeenVersion });
export type FgdmMeetingCorrection = z.output<typeof FgdmMeetingCorrection>;

const exemptionFields = {
  covers: z.enum(FGDM_EXEMPTION_COVERS_CODES, { error: 'Choose what the decision was about' }),
  decidedOn: requiredDate('The date of the decision', 'Enter the date of the decision'),
  decidedBy: requiredText('Enter who made the decision: their name and role, or the panel', 'Who decided', 200),
  why: requiredText('Enter why it would not be in the child’s best interests', 'Why', 20_000),
};
export const FgdmExemptionInput = z.object(exemptionFields);
export type FgdmExemptionInput = z.output<typeof FgdmExemptionInput>;
export const FgdmExemptionCorrection = z.object({ ...exemptionFields, reason: CorrectionReason, version: SeenVersion });
export type FgdmExemptionCorrection = z.output<typeof FgdmExemptionCorrection>;

export const FgdmDutyInput = z
  .object({
    inForce: z.enum(['now', 'not-yet', 'from'], { error: 'Choose whether the duty is in force' }),
    from: z.string().trim().nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.inForce === 'from' && !(v.from && isIsoDate(v.from))) fail(ctx, 'from', 'Enter the date the duty comes into force, for example 1 9 2027');
  });
export type FgdmDutyInput = z.output<typeof FgdmDutyInput>;

export const FamilyGroupParams = z.object({ childId: z.guid(), preProceedingsId: z.guid() });
export const FgdmOfferParams = z.object({ childId: z.guid(), offerId: z.guid() });
export const FgdmMeetingParams = z.object({ childId: z.guid(), meetingId: z.guid() });
export const FgdmExemptionParams = z.object({ childId: z.guid(), exemptionId: z.guid() });
