// What recording for a care leaver asks, for the pages and the API alike.
import { z } from 'zod';
import { codesOf } from '../codes/code-list.ts';
import { CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH } from '../codes/ssda903.ts';
import { CorrectionReason, optionalDate, optionalText, requiredDate, requiredText, SeenVersion, yesNo } from '../plans/fields.ts';
import { ACCOMMODATION_KIND_CODES, CONTACT_METHOD_CODES, SUPPORT_KIND_CODES } from './codes.ts';

export const PathwayPlanStart = z.object({
  startedOn: requiredDate('The date the pathway plan was agreed', 'Enter the date the pathway plan was agreed'),
});
export type PathwayPlanStart = z.output<typeof PathwayPlanStart>;

export const PathwayPlanReviewInput = z.object({
  reviewedOn: requiredDate('The date of the review', 'Enter the date of the review'),
  youngPersonTookPart: yesNo('Say whether the young person took part'),
  contingencies: requiredText('Enter what happens if the plan does not work out', 'The contingencies', 5000),
  summary: requiredText('Enter what the review found and decided', 'The summary', 20_000),
});
export type PathwayPlanReviewInput = z.output<typeof PathwayPlanReviewInput>;
export const PathwayPlanReviewCorrection = PathwayPlanReviewInput.extend({ reason: CorrectionReason, version: SeenVersion });
export type PathwayPlanReviewCorrection = z.output<typeof PathwayPlanReviewCorrection>;

export const ContactInput = z.object({
  contactOn: requiredDate('The date of the contact', 'Enter the date of the contact'),
  method: z.enum(CONTACT_METHOD_CODES, { error: 'Choose how you were in contact' }),
  reached: yesNo('Say whether you reached the young person'),
  note: requiredText('Enter what was talked about, or what you tried', 'The note', 20_000),
});
export type ContactInput = z.output<typeof ContactInput>;

export const AccommodationInput = z.object({
  fromOn: requiredDate('The date they moved in', 'Enter the date they moved in'),
  kind: z.enum(ACCOMMODATION_KIND_CODES, { error: 'Choose the kind of accommodation' }),
  suitable: yesNo('Say whether the accommodation is suitable'),
  description: optionalText('The description', 1000),
  planToMove: optionalText('The plan to move', 5000),
  moveBy: optionalDate('The date to move by'),
});
export type AccommodationInput = z.output<typeof AccommodationInput>;

export const BirthdayInput = z.object({
  recordedOn: requiredDate('The date this was checked', 'Enter the date you checked'),
  inTouch: z.enum(codesOf(CARE_LEAVER_IN_TOUCH) as [string, ...string[]], { error: 'Choose whether the council is in touch' }),
  activity: z.enum(codesOf(CARE_LEAVER_ACTIVITY) as [string, ...string[]], { error: 'Choose what the young person is doing' }),
  accommodation: z.enum(codesOf(CARE_LEAVER_ACCOMMODATION) as [string, ...string[]], { error: 'Choose where the young person lives' }),
});
export type BirthdayInput = z.output<typeof BirthdayInput>;
/** A new birthday record names the birthday (17 to 21); a correction keeps the one it corrects. */
export const NewBirthdayInput = BirthdayInput.extend({
  age: z.coerce.number({ error: 'Choose the birthday' }).int('Choose the birthday').min(17, 'Choose the birthday').max(21, 'Choose the birthday'),
});
export type NewBirthdayInput = z.output<typeof NewBirthdayInput>;
export const BirthdayCorrection = BirthdayInput.extend({ reason: CorrectionReason, version: SeenVersion });
export type BirthdayCorrection = z.output<typeof BirthdayCorrection>;

export const SupportInput = z.object({
  kind: z.enum(SUPPORT_KIND_CODES, { error: 'Choose what was done' }),
  onDate: requiredDate('The date', 'Enter the date it was done'),
  outcome: z.preprocess((v) => (v === '' ? null : v), z.enum(['needed', 'not_needed'], { error: 'Choose the outcome' }).nullish()),
  note: optionalText('The note', 5000),
});
export type SupportInput = z.output<typeof SupportInput>;

export const BirthdayParams = z.object({ childId: z.guid(), age: z.coerce.number().int().min(17).max(21) });
export const RecordParams = z.object({ childId: z.guid(), recordId: z.guid() });
export const ReviewParams = z.object({ childId: z.guid(), reviewId: z.guid() });
