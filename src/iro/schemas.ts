import { z } from 'zod';
import type { IroContactMethod } from './tables.ts';
import { CorrectionReason, fail, optionalText, requiredDate, requiredText, SeenVersion } from '../plans/fields.ts';
import { CHALLENGE_CATEGORY_CODES, CHALLENGE_STAGE_CODES, IRO_CONTACT_METHOD_CODES, SEEN_METHODS } from './codes.ts';

export const ChallengeInput = z.object({
  raisedOn: requiredDate('The date the challenge was raised', 'Enter the date you raised it'),
  category: z.enum(CHALLENGE_CATEGORY_CODES, { error: 'Choose what the challenge is about' }),
  concern: requiredText('Enter the concern: what is wrong, for the child, and what you want done', 'The concern', 20_000),
  stage: z.enum(CHALLENGE_STAGE_CODES, { error: 'Choose who it is raised with' }),
  addressedTo: requiredText('Enter who it was raised with (name and role)', 'Who it was raised with', 200),
});
export type ChallengeInput = z.output<typeof ChallengeInput>;

export const ResponseInput = z.object({
  respondedOn: requiredDate('The date of the response', 'Enter the date of the response'),
  response: requiredText('Enter the response: what will be done, by whom, by when', 'The response', 20_000),
});
export type ResponseInput = z.output<typeof ResponseInput>;

export const EscalationInput = z.object({
  escalatedOn: requiredDate('The date it was escalated', 'Enter the date you escalated it'),
  stage: z.enum(CHALLENGE_STAGE_CODES, { error: 'Choose the stage it is escalated to' }),
  addressedTo: requiredText('Enter who it is escalated to (name and role)', 'Who it is escalated to', 200),
  why: requiredText('Enter why the response did not resolve it', 'Why', 5000),
});
export type EscalationInput = z.output<typeof EscalationInput>;

export const ResolutionInput = z.object({
  resolvedOn: requiredDate('The date it was resolved', 'Enter the date it was resolved'),
  resolution: requiredText('Enter how it was resolved', 'The resolution', 5000),
  note: optionalText('The note', 1000),
});
export type ResolutionInput = z.output<typeof ResolutionInput>;

export const ChallengeParams = z.object({ childId: z.guid(), challengeId: z.guid() });

/** The IRO's contact with the child: "seen alone" is asked only when the child was seen. */
const contactFields = z.object({
  contactOn: requiredDate('The date of the contact', 'Enter the date you were in touch with the child'),
  method: z.enum(IRO_CONTACT_METHOD_CODES, { error: 'Choose how you were in touch with the child' }) as z.ZodType<IroContactMethod>,
  seenAlone: z.preprocess((v) => (v === '' ? undefined : v), z.union([z.boolean(), z.enum(['yes', 'no'])]).optional()).transform((v) => (v === undefined ? null : v === true || v === 'yes')),
  note: optionalText('The note', 5000),
});
const seenAloneWhenSeen = <T extends z.output<typeof contactFields>>(schema: z.ZodType<T>) =>
  schema
    .superRefine((v, ctx) => {
      if (SEEN_METHODS.includes(v.method) && v.seenAlone === null) fail(ctx, 'seenAlone', 'Say whether you saw the child alone');
    })
    .transform((v) => ({ ...v, seenAlone: SEEN_METHODS.includes(v.method) ? v.seenAlone : null }));
export const IroContactInput = seenAloneWhenSeen(contactFields);
export type IroContactInput = z.output<typeof IroContactInput>;
/** A correction says why, and which version the IRO saw. */
export const IroContactCorrection = seenAloneWhenSeen(contactFields.extend({ reason: CorrectionReason, version: SeenVersion }));
export type IroContactCorrection = z.output<typeof IroContactCorrection>;

export const IroContactParams = z.object({ childId: z.guid(), contactId: z.guid() });
