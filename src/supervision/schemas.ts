// What recording supervision asks, for the pages and the API alike.
import { z } from 'zod';
import { NewCaseAction } from '../actions/schemas.ts';
import { reasonInput } from '../server/forms.ts';
import { CorrectionReason, optionalDate, requiredDate, requiredText, SeenVersion } from '../plans/fields.ts';
import { CONCERN_KIND_CODES, SUPERVISION_KIND_CODES } from './codes.ts';

const notes = z.string().trim().max(20_000, 'The notes must be 20,000 characters or fewer').nullish().transform((v) => v ?? '');

const sessionFields = {
  heldOn: requiredDate('The date of the supervision', 'Enter the date of the supervision'),
  kind: z.enum(SUPERVISION_KIND_CODES, { error: 'Choose casework or reflective supervision' }),
  notes,
};
export const SessionInput = z.object(sessionFields).superRefine((v, ctx) => {
  // Reflective supervision is only its notes: an empty one records nothing (DQ-17: "little evidence of reflection").
  if (v.kind === 'reflective' && !v.notes) ctx.addIssue({ code: 'custom', path: ['notes'], message: 'Enter what was discussed in reflective supervision', input: undefined });
});
export type SessionInput = z.output<typeof SessionInput>;
export const SessionCorrection = z.object({ heldOn: sessionFields.heldOn, notes, reason: CorrectionReason, version: SeenVersion });
export type SessionCorrection = z.output<typeof SessionCorrection>;

const discussionFields = {
  progress: requiredText('Enter the progress against the child’s plan', 'The progress against the plan', 20_000),
  reflection: requiredText('Enter the reflection and analysis: what is happening for the child, and why', 'The reflection and analysis', 20_000),
  decisions: requiredText('Enter the decisions made about the child', 'The decisions', 20_000),
};
export const DiscussionInput = z.object({
  sessionId: z.guid({ error: 'Choose the supervision session' }),
  ...discussionFields,
  actions: z.array(NewCaseAction).max(10, 'Set up to 10 actions at once').default([]),
});
export type DiscussionInput = z.output<typeof DiscussionInput>;
export const DiscussionCorrection = z.object({ ...discussionFields, reason: CorrectionReason, version: SeenVersion });
export type DiscussionCorrection = z.output<typeof DiscussionCorrection>;

export const ConcernInput = z.object({
  raisedOn: requiredDate('The date the concern was raised', 'Enter the date the concern was raised'),
  kind: z.enum(CONCERN_KIND_CODES, { error: 'Choose capability or conduct' }),
  concern: requiredText('Enter the concern', 'The concern', 20_000),
  actionAgreed: z.string().trim().max(20_000, 'The action agreed must be 20,000 characters or fewer').nullish().transform((v) => v ?? ''),
  toldWorkerOn: optionalDate('The date the worker was told'),
});
export type ConcernInput = z.output<typeof ConcernInput>;

export const WorkerParams = z.object({ userId: z.guid({ error: 'Not a worker id' }) });
export const SessionParams = WorkerParams.extend({ sessionId: z.guid({ error: 'Not a supervision session id' }) });
export const DiscussionParams = z.object({ childId: z.guid({ error: 'Not a child id' }), discussionId: z.guid({ error: 'Not a supervision discussion id' }) });
export const DELETION_REASON_MISSING = 'Say why you are deleting this record';
export const Deletion = reasonInput(DELETION_REASON_MISSING);
