// Forms on a child's record: family members, addresses, allocation. Each schema takes today, for
// "not in the future" (see fields.ts Today).
import { z } from 'zod';
import { SW_CHANGE_REASON } from '../codes/ssda903.ts';
import { zodEnumOf } from '../codes/code-list.ts';
import { codesOf, SEX } from '../codes/index.ts';
import { dateField, fail, flag, optionalText, resolveToday, type Today } from './fields.ts';
import { NAME_MAX } from './schemas.ts';
import { RELATIONSHIP_KIND_CODES } from './relationship-kinds.ts';
import { ALLOCATION_ROLE_CODES } from './allocation-roles.ts';

const relationshipKind = z.enum(RELATIONSHIP_KIND_CODES, { error: 'Select how they are related to the child' });

/** Cross-field rules run whatever else is wrong, so the worker sees every problem at once. */
const always = { when: () => true };

const notFuture = (today: Today, field: string, label: string) => (value: string | null, ctx: z.RefinementCtx) => {
  const now = resolveToday(today);
  if (now && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && value > now) fail(ctx, field, `${label} must be today or in the past`);
};

export function familyMemberSchema(today: Today) {
  return z
    .object({
      who: z.enum(['new', 'existing'], { error: 'Select whether this is someone new or someone already recorded' }),
      firstName: optionalText('First name', NAME_MAX),
      lastName: optionalText('Last name', NAME_MAX),
      dateOfBirth: dateField('Date of birth'),
      sex: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(codesOf(SEX), { error: 'Select their sex from the list' }).nullable()),
      existingPersonId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid('Select the person from the list').optional()),
      laChildId: optionalText('LA child ID', 40),
      kind: relationshipKind,
      parentalResponsibility: flag,
      livesWith: flag,
      startedOn: dateField('Date the relationship started'),
    })
    .superRefine((v, ctx) => {
      if (v.who === 'new') {
        if (!v.firstName) fail(ctx, 'firstName', 'Enter their first name');
        if (!v.lastName) fail(ctx, 'lastName', 'Enter their last name');
        notFuture(today, 'dateOfBirth', 'Date of birth')(v.dateOfBirth, ctx);
      } else if (!v.existingPersonId && !v.laChildId) {
        fail(ctx, 'existingPersonId', 'Select the person from the list, or enter the LA child ID of a child');
      }
      notFuture(today, 'startedOn', 'Date the relationship started')(v.startedOn, ctx);
    }, always);
}
export type FamilyMember = z.infer<ReturnType<typeof familyMemberSchema>>;

export function relationshipChangeSchema(today: Today) {
  return z
    .object({
      kind: relationshipKind,
      parentalResponsibility: flag,
      livesWith: flag,
      startedOn: dateField('Date the relationship started'),
      endedOn: dateField('Date the relationship ended'),
      version: z.coerce.number().int().positive().optional(),
    })
    .superRefine((v, ctx) => {
      notFuture(today, 'startedOn', 'Date the relationship started')(v.startedOn, ctx);
      notFuture(today, 'endedOn', 'Date the relationship ended')(v.endedOn, ctx);
      if (v.startedOn && v.endedOn && v.endedOn < v.startedOn) fail(ctx, 'endedOn', 'Date the relationship ended must be on or after the date it started');
    }, always);
}
export type RelationshipChange = z.infer<ReturnType<typeof relationshipChangeSchema>>;

const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/;

export function addressSchema(today: Today) {
  return z
    .object({
      line1: z.string({ error: 'Enter the first line of the address' }).trim().min(1, 'Enter the first line of the address').max(200, 'Address line 1 must be 200 characters or fewer'),
      line2: optionalText('Address line 2', 200),
      town: optionalText('Town or city', 100),
      postcode: z
        .string({ error: 'Enter the postcode' })
        .trim()
        .toUpperCase()
        .min(1, 'Enter the postcode')
        .max(10, 'Enter a real postcode, like AA1 1AA')
        .regex(POSTCODE, 'Enter a real postcode, like AA1 1AA')
        .transform((v) => (v.includes(' ') ? v : `${v.slice(0, -3)} ${v.slice(-3)}`)),
      fromDate: dateField('Date they moved in', 'Enter the date they moved in'),
    })
    .superRefine((v, ctx) => notFuture(today, 'fromDate', 'Date they moved in')(v.fromDate, ctx), always);
}
export type NewAddress = z.infer<ReturnType<typeof addressSchema>>;

export function allocationSchema(today: Today) {
  return z
    .object({
      workerId: z.uuid('Select the worker to allocate'),
      role: z.enum(ALLOCATION_ROLE_CODES, { error: 'Select the role they will have' }),
      fromDate: dateField('Date the allocation starts', 'Enter the date the allocation starts'),
      changeReason: z.preprocess((v) => (v === '' ? null : v), zodEnumOf(SW_CHANGE_REASON).nullish()),
      // A manager's approval of complex work or a caseload beyond the protected limit for a newly qualified worker (src/workforce/allocation-guard.ts).
      approvalReason: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v), z.string().max(2000, 'Approval must be 2000 characters or fewer').nullish()),
    })
    .superRefine((v, ctx) => notFuture(today, 'fromDate', 'Date the allocation starts')(v.fromDate, ctx), always);
}
export type NewAllocation = z.infer<ReturnType<typeof allocationSchema>>;

