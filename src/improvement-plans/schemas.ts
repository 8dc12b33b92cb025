// What an improvement plan, an action and a measure linked to it must say (at most six inputs a page).
import { z } from 'zod';
import { requiredDate, requiredText } from '../plans/fields.ts';
import { reasonInput } from '../server/forms.ts';

export const PlanInput = z.object({
  title: requiredText('Enter the plan’s title', 'The title', 200),
  source: requiredText('Enter what the plan answers, like “Ofsted ILACS 2026”', 'What it answers', 200),
  ownerId: z.guid({ error: 'Choose who owns the plan' }),
});
export type PlanInput = z.output<typeof PlanInput>;

export const ActionInput = z.object({
  action: requiredText('Enter what will be done', 'What will be done', 2000),
  ownerId: z.guid({ error: 'Choose who owns the action' }),
  dueOn: requiredDate('The date it should be done by', 'Enter the date it should be done by'),
});
export type ActionInput = z.output<typeof ActionInput>;

export const MeasureLinkInput = z.object({
  measureId: z.string({ error: 'Choose the measure it should move' }).regex(/^[a-z0-9-]+$/, 'Choose the measure it should move'),
  target: z
    .union([z.number(), z.string().trim().min(1, 'Enter the target').regex(/^\d{1,6}(\.\d)?$/, 'Enter the target as a number, like 85 or 12.5').transform(Number)], { error: 'Enter the target' })
    .pipe(z.number().min(0, 'The target cannot be below 0')),
  direction: z.enum(['higher', 'lower'], { error: 'Say whether the measure should rise or fall to the target' }),
});
export type MeasureLinkInput = z.output<typeof MeasureLinkInput>;

export const PlanParams = z.object({ planId: z.guid({ error: 'Not an improvement plan id' }) });
export const ActionParams = z.object({ planId: z.guid(), actionId: z.guid({ error: 'Not an action id' }) });

/** An action marked done: the day, who did it and what was done (decision 0046). */
export const DoneInput = z.object({
  doneOn: requiredDate('The date it was done', 'Enter the date it was done'),
  doneById: z.guid({ error: 'Choose who did it' }),
  note: requiredText('Say what was done', 'What was done', 2000),
});
export type DoneInput = z.output<typeof DoneInput>;

/** Why an action is reopened or removed: asked every time, kept with the version it replaced. */
export const REOPEN_REASON_MISSING = 'Say why the action is reopened';
export const REMOVAL_REASON_MISSING = 'Say why the action is removed';
export const ReopenInput = reasonInput(REOPEN_REASON_MISSING);
export const RemovalInput = reasonInput(REMOVAL_REASON_MISSING);
