// What a visit and a case note must say: one page each, at most six required inputs.
import { z } from 'zod';
import { ACTION_STATUS_CODES } from '../plans/codes.ts';
import { CorrectionReason, fail, optionalText, requiredDate, requiredText, SeenVersion, yesNo } from '../plans/fields.ts';
import { CASE_NOTE_SIGNIFICANCE_CODES, SEEN_ALONE_CODES, VISIT_KIND_CODES } from './codes.ts';

export const ActionUpdate = z.object({
  actionId: z.guid({ error: 'Reload the page and try again' }),
  status: z.enum(ACTION_STATUS_CODES, { error: 'Choose the status of the action' }),
  reason: optionalText('Why it is no longer needed', 1000),
});

export const VisitInput = z
  .object({
    visitedOn: requiredDate('The date of the visit', 'Enter the date of the visit'),
    kind: z.enum(VISIT_KIND_CODES, { error: 'Choose what kind of visit it was' }),
    childSeen: yesNo('Say whether you saw the child'),
    seenAlone: z.enum(SEEN_ALONE_CODES, { error: 'Say whether you saw the child alone' }),
    observations: requiredText('Enter what you saw and heard, and what the child said or showed you', 'What you saw and heard', 20_000),
    // Optional: the plan's actions, updated from the visit.
    actions: z.array(ActionUpdate).max(200).default([]),
  })
  .superRefine((visit, ctx) => {
    if (!visit.childSeen && visit.seenAlone === 'yes') {
      fail(ctx, 'seenAlone', 'You did not see the child, so they cannot have been seen alone: choose no or not applicable');
    }
  });
export type VisitInput = z.output<typeof VisitInput>;

export const CaseNoteInput = z.object({
  notedOn: requiredDate('The date', 'Enter the date it happened'),
  title: requiredText('Enter a title: what the note is about', 'The title', 200),
  note: requiredText('Enter the note', 'The note', 20_000),
  significance: z.enum(CASE_NOTE_SIGNIFICANCE_CODES, { error: 'Choose how significant this is' }).default('low'),
});
export type CaseNoteInput = z.output<typeof CaseNoteInput>;


export const VisitCorrection = z
  .object({
    visitedOn: requiredDate('The date of the visit', 'Enter the date of the visit'),
    childSeen: yesNo('Say whether you saw the child'),
    seenAlone: z.enum(SEEN_ALONE_CODES, { error: 'Say whether you saw the child alone' }),
    observations: requiredText('Enter what you saw and heard, and what the child said or showed you', 'What you saw and heard', 20_000),
    reason: CorrectionReason,
    version: SeenVersion,
  })
  .superRefine((visit, ctx) => {
    if (!visit.childSeen && visit.seenAlone === 'yes') {
      fail(ctx, 'seenAlone', 'You did not see the child, so they cannot have been seen alone: choose no or not applicable');
    }
  });
export type VisitCorrection = z.output<typeof VisitCorrection>;

export const CaseNoteCorrection = CaseNoteInput.extend({ reason: CorrectionReason, version: SeenVersion });
export type CaseNoteCorrection = z.output<typeof CaseNoteCorrection>;

export const VisitParams = z.object({ childId: z.guid(), visitId: z.guid() });
export const CaseNoteParams = z.object({ childId: z.guid(), noteId: z.guid() });
