// What the audit search and the access grant forms accept.
import { z } from 'zod';
import type { AuditAction } from '../access/audit.ts';
import { isIsoDate } from '../calendar/index.ts';

/** Every audited action as an administrator reads it. `satisfies` keeps it complete when one is added. */
export const AUDIT_ACTION_LABELS = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Sign-in failed',
  'sign-out': 'Signed out',
  'account-locked': 'Account locked (before sign-in throttling replaced locking)',
  'password-changed': 'Changed their password',
  'password-reset-link': 'Made a password reset link',
  'password-reset': 'Set a password from a reset link',
  'view-child': 'Viewed a child’s record',
  'view-adopter': 'Viewed a prospective adopter’s record',
  'view-chronology': 'Viewed a chronology',
  'print-chronology': 'Printed a chronology',
  'search-children': 'Searched for children',
  create: 'Recorded',
  update: 'Changed',
  delete: 'Deleted',
  merge: 'Merged records',
  export: 'Exported',
  'view-audit': 'Searched the audit log',
  'grant-access': 'Access to a restricted record',
  'setting-changed': 'Changed a council setting',
  denied: 'Refused access',
} as const satisfies Record<AuditAction, string>;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as [AuditAction, ...AuditAction[]];

const blankToUndefined = (value: string | undefined) => (value ? value : undefined);

const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional().transform(blankToUndefined);

const optionalDate = (name: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || isIsoDate(value), `${name} must be a real date`)
    .transform(blankToUndefined);

/** Filters for the audit search, from the query string (the page folds its date inputs first). */
export const AuditFilters = z
  .object({
    username: optionalText(100, 'Username must be 100 characters or fewer'),
    child: optionalText(50, 'LA child id must be 50 characters or fewer'),
    action: z
      .union([z.literal(''), z.enum(AUDIT_ACTIONS)], { error: 'Select an action from the list' })
      .optional()
      .transform((value) => (value ? value : undefined)),
    from: optionalDate('Date from'),
    to: optionalDate('Date to'),
    page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'Date to must be the same as or after date from' });

export type AuditFilterInput = z.infer<typeof AuditFilters>;

export const GrantForm = z.object({
  username: z.string().trim().min(1, 'Enter the username of the person who needs access').max(100, 'Username must be 100 characters or fewer'),
  laChildId: z.string().trim().min(1, 'Enter the child’s LA child id').max(50, 'LA child id must be 50 characters or fewer'),
  reason: z.string().trim().min(1, 'Enter why they need access to this record').max(2000, 'Reason must be 2,000 characters or fewer'),
});

export type GrantInput = z.infer<typeof GrantForm>;
