// What an action from oversight, supervision or an audit must say: what, who and by when. No default
// date, ever: an action's date is its own (Southend 2016 ¶27); an action with no owner or date is
// refused (issue 8, "Bad input").
import { z } from 'zod';
import { ACTION_STATUS_CODES } from '../plans/codes.ts';
import { fail, optionalDate, optionalId, optionalText, requiredDate, requiredText } from '../plans/fields.ts';

export const NewCaseAction = z.object({
  description: requiredText('Enter what will be done', 'What will be done', 1000),
  owner: requiredText('Enter who will do it: a named person, role or agency', 'Who will do it', 200),
  ownerUserId: optionalId('Choose the Lantern user from the list'),
  dueOn: requiredDate('The date it is due', 'Enter the date the action is due'),
});
export type NewCaseAction = z.output<typeof NewCaseAction>;

/** A change of an action's status (done says when, dropped says why). */
export const CaseActionStatusChange = z
  .object({
    status: z.enum(ACTION_STATUS_CODES, { error: 'Choose the status of the action' }),
    statusReason: optionalText('Why it is no longer needed', 1000),
    completedOn: optionalDate('The date it was done'),
    version: z.coerce.number({ error: 'Reload the page and try again' }).int().min(1).optional(),
  })
  .superRefine((change, ctx) => {
    if (change.status === 'no_longer_needed' && !change.statusReason) fail(ctx, 'statusReason', 'Say why the action is no longer needed');
    if (change.status === 'done' && !change.completedOn) fail(ctx, 'completedOn', 'Enter the date the action was done');
  })
  .transform((change) => ({
    ...change,
    completedOn: change.status === 'done' ? change.completedOn : null,
    statusReason: change.status === 'no_longer_needed' ? change.statusReason : null,
  }));
export type CaseActionStatusChange = z.output<typeof CaseActionStatusChange>;
