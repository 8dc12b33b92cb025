// Forms and API bodies of the workforce area: one schema reads a posted form and a JSON body alike.
import { z } from 'zod';
import { EMPLOYMENT } from '../codes/lantern.ts';
import { codesOf } from '../codes/code-list.ts';
import { optionalDate, optionalId, requiredDate, requiredText } from '../plans/fields.ts';

/** FTE as typed ("0.8") or sent (0.8): its range is a rule of the record, checked by the service with the field named. */
const fte = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
  z.number({ error: 'Enter the hours as a full-time equivalent, like 1 or 0.8' }).refine((n) => Number.isFinite(n), 'Enter the hours as a full-time equivalent, like 1 or 0.8'),
);

export const ProfileInput = z.object({
  qualifiedOn: optionalDate('The date they qualified'),
  asyeCompletedOn: optionalDate('The date they completed their ASYE'),
  employment: z.enum(codesOf(EMPLOYMENT), { error: 'Select how they are employed' }),
  startedOn: requiredDate('The date they started', 'Enter the date they started with the council'),
  fte,
  lineManagerId: optionalId('Select their line manager'),
  leftOn: optionalDate('The date they left'),
  version: z.coerce.number().int().positive().optional(),
});
export type ProfileInput = z.infer<typeof ProfileInput>;

export const TransferRequestInput = z.object({
  toTeamId: z.guid({ error: 'Select the team the case is moving to' }),
  requestedOn: requiredDate('The date of the request', 'Enter the date of the request'),
  reason: requiredText('Say why the case is moving to this team', 'The reason', 2000),
});
export type TransferRequestInput = z.infer<typeof TransferRequestInput>;

export const TransferAcceptInput = z.object({
  workerId: z.guid({ error: 'Select the social worker in your team who will hold the case' }),
  decidedOn: requiredDate('The date you accept the case', 'Enter the date you accept the case'),
  approvalReason: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v), z.string().max(2000).nullish()),
});
export type TransferAcceptInput = z.infer<typeof TransferAcceptInput>;

export const TransferDeclineInput = z.object({
  decidedOn: requiredDate('The date you decline the case', 'Enter the date you decline the case'),
  reason: requiredText('Say why you are declining the case, so the sending team knows what to do', 'The reason', 2000),
});
export type TransferDeclineInput = z.infer<typeof TransferDeclineInput>;

export const WorkerParams = z.object({ userId: z.guid({ error: 'Not a worker id' }) });
export const TransferParams = z.object({ transferId: z.guid({ error: 'Not a transfer id' }) });
