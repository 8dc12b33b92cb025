// The audit log: append-only (the database refuses updates and deletes). Every view of a child's
// record, every change, every export and every sign-in is written here. No personal data goes into
// detail beyond ids: an auditor follows ids back to the record.
import type { Db } from '../db/history.ts';

export type AuditAction =
  | 'sign-in'
  | 'sign-in-failed'
  | 'sign-out'
  | 'account-locked'
  | 'password-changed'
  | 'password-reset-link'
  | 'password-reset'
  | 'view-child'
  | 'view-adopter'
  | 'view-chronology'
  | 'print-chronology'
  | 'search-children'
  | 'create'
  | 'update'
  | 'delete'
  | 'merge'
  | 'export'
  | 'view-audit'
  | 'grant-access'
  | 'setting-changed'
  | 'denied';

export interface AuditEntry {
  userId: string | null;
  username?: string | null;
  action: AuditAction;
  childId?: string | null;
  objectType?: string | null;
  objectId?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.userId,
      username: entry.username ?? null,
      action: entry.action,
      child_id: entry.childId ?? null,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}
