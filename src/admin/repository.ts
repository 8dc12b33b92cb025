// The SQL behind the administrator's pages: searching the audit log and keeping access grants.
import { sql } from 'kysely';
import type { AuditAction } from '../access/audit.ts';
import type { Db } from '../db/history.ts';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditQuery {
  /** A known user's id: every entry of theirs, whatever name they typed. */
  userId?: string;
  /** A username no account has (failed sign-ins): matched on what was typed. */
  unknownUsername?: string;
  childId?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
  page: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  userId: string | null;
  username: string | null;
  displayName: string | null;
  action: string;
  childId: string | null;
  laChildId: string | null;
  objectType: string | null;
  objectId: string | null;
  detail: Record<string, unknown>;
  ip: string | null;
}

/** Newest first, a page at a time; `hasNext` says whether there is another page. */
export async function searchAudit(db: Db, q: AuditQuery): Promise<{ entries: AuditRow[]; hasNext: boolean }> {
  let query = db
    .selectFrom('audit_log as l')
    .leftJoin('person as p', 'p.id', 'l.child_id')
    .leftJoin('app_user as u', 'u.id', 'l.user_id')
    .select([
      'l.id',
      'l.at',
      'l.user_id as userId',
      'l.username',
      'u.display_name as displayName',
      'l.action',
      'l.child_id as childId',
      'p.la_child_id as laChildId',
      'l.object_type as objectType',
      'l.object_id as objectId',
      'l.detail',
      'l.ip',
    ]);
  if (q.userId) query = query.where('l.user_id', '=', q.userId);
  if (q.unknownUsername) query = query.where('l.user_id', 'is', null).where(sql<boolean>`lower(l.username) = ${q.unknownUsername.toLowerCase()}`);
  if (q.childId) query = query.where('l.child_id', '=', q.childId);
  if (q.action) query = query.where('l.action', '=', q.action);
  // Dates are days in England: from the start of `from` to the end of `to`, London time.
  if (q.from) query = query.where(sql<boolean>`l.at >= (${q.from}::date::timestamp AT TIME ZONE 'Europe/London')`);
  if (q.to) query = query.where(sql<boolean>`l.at < ((${q.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London')`);
  const rows = await query
    .orderBy('l.at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((q.page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return { entries: rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({ ...row, id: Number(row.id) })), hasNext: rows.length > AUDIT_PAGE_SIZE };
}

export async function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name as displayName', 'role', 'active'])
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

/** The child with this LA child id, deleted or not (the audit trail outlives the record). */
export async function findChildByLaId(db: Db, laChildId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'la_child_id as laChildId', 'restricted', 'deleted_at as deletedAt', 'merged_into as mergedInto'])
    .where('la_child_id', '=', laChildId.trim())
    .executeTakeFirst();
}

export interface GrantRow {
  id: string;
  childId: string;
  laChildId: string | null;
  userId: string;
  username: string;
  displayName: string;
  reason: string;
  grantedAt: Date;
  grantedBy: string;
  revokedAt: Date | null;
}

export async function currentGrants(db: Db): Promise<GrantRow[]> {
  return db
    .selectFrom('access_grant as g')
    .innerJoin('person as p', 'p.id', 'g.child_id')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .innerJoin('app_user as granter', 'granter.id', 'g.granted_by')
    .select([
      'g.id',
      'g.child_id as childId',
      'p.la_child_id as laChildId',
      'g.user_id as userId',
      'u.username',
      'u.display_name as displayName',
      'g.reason',
      'g.granted_at as grantedAt',
      'granter.display_name as grantedBy',
      'g.revoked_at as revokedAt',
    ])
    .where('g.revoked_at', 'is', null)
    .orderBy('p.la_child_id')
    .orderBy('u.username')
    .execute();
}

export async function findGrant(db: Db, grantId: string) {
  return db.selectFrom('access_grant').selectAll().where('id', '=', grantId).executeTakeFirst();
}

export async function hasCurrentGrant(db: Db, childId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('access_grant')
    .select('id')
    .where('child_id', '=', childId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertGrant(
  db: Db,
  grant: { id: string; childId: string; userId: string; reason: string; grantedBy: string; grantedAt: Date },
): Promise<void> {
  await db
    .insertInto('access_grant')
    .values({ id: grant.id, child_id: grant.childId, user_id: grant.userId, reason: grant.reason, granted_by: grant.grantedBy, granted_at: grant.grantedAt })
    .execute();
}

/** Ends a grant. Returns false when it had already ended (someone else revoked it first). */
export async function endGrant(db: Db, grantId: string, at: Date): Promise<boolean> {
  const rows = await db.updateTable('access_grant').set({ revoked_at: at }).where('id', '=', grantId).where('revoked_at', 'is', null).returning('id').execute();
  return rows.length > 0;
}
