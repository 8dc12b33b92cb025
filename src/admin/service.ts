// The administrator's rules: who may search the audit log, and who may be given access to a
// restricted (sealed) record. Every grant and revocation is audited in the same transaction.
import { randomUUID } from 'node:crypto';
import { audit } from '../access/audit.ts';
import type { SignedInUser } from '../access/policy.ts';
import { can, type Capability } from '../access/roles.ts';
import type { Db } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import type { Kysely } from 'kysely';
import { Forbidden, NotFound, RuleBroken } from '../server/errors.ts';
import { endGrant, findChildByLaId, findGrant, findUserByUsername, hasCurrentGrant, insertGrant, searchAudit, type AuditQuery } from './repository.ts';
import type { AuditFilterInput, GrantInput } from './schemas.ts';

const REFUSALS: Partial<Record<Capability, string>> = {
  'search-audit': 'Only administrators can search the audit log.',
  'manage-settings': 'Only administrators can change the council’s settings.',
  'grant-access': 'Only administrators can give access to restricted records.',
};

export function requireCapability(user: SignedInUser, capability: Capability): void {
  if (!can(user.role, capability)) throw new Forbidden(REFUSALS[capability] ?? 'You do not have access to this page.');
}

/** Who did it, for the audit entry. */
export interface Actor {
  id: string;
  username: string;
  ip: string | null;
}

/**
 * Turns the filters a person typed into a query: a username into the account's id (so that every
 * entry of theirs is found), an LA child id into the child's record id.
 */
export async function auditSearch(db: Db, filters: AuditFilterInput) {
  const query: AuditQuery = { page: filters.page };
  if (filters.username) {
    const user = await findUserByUsername(db, filters.username);
    if (user) query.userId = user.id;
    else query.unknownUsername = filters.username;
  }
  if (filters.child) {
    const child = await findChildByLaId(db, filters.child);
    if (!child) throw new RuleBroken(`No child has the LA child id ${filters.child}`, 'child');
    query.childId = child.id;
  }
  if (filters.action) query.action = filters.action;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  const result = await searchAudit(db, query);
  return { ...result, childId: query.childId ?? null };
}

export async function grantAccess(db: Kysely<Database>, input: GrantInput, actor: Actor, now: Date): Promise<string> {
  const user = await findUserByUsername(db, input.username);
  if (!user) throw new RuleBroken(`No one has the username ${input.username}`, 'username');
  if (!user.active) throw new RuleBroken(`${user.displayName}’s account is not active`, 'username');
  if (user.role === 'administrator' || user.role === 'partner_agency') {
    // Administrators keep the system, not records; partner agencies only see their own referrals.
    throw new RuleBroken(`${user.displayName} cannot be given access to a child’s record: administrators and partner agency users do not see records`, 'username');
  }
  const child = await findChildByLaId(db, input.laChildId);
  if (!child || child.deletedAt || child.mergedInto) throw new RuleBroken(`No child has the LA child id ${input.laChildId}`, 'laChildId');
  if (!child.restricted) {
    throw new RuleBroken('This child’s record is not restricted: access follows allocation and team, so no grant is needed', 'laChildId');
  }
  if (await hasCurrentGrant(db, child.id, user.id)) throw new RuleBroken(`${user.displayName} already has access to this record`, 'username');
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await insertGrant(tx, { id, childId: child.id, userId: user.id, reason: input.reason, grantedBy: actor.id, grantedAt: now });
    await audit(tx, {
      userId: actor.id,
      username: actor.username,
      ip: actor.ip,
      action: 'grant-access',
      childId: child.id,
      objectType: 'access_grant',
      objectId: id,
      detail: { change: 'granted', grantedTo: user.id },
    });
  });
  return id;
}

export async function revokeAccess(db: Kysely<Database>, grantId: string, actor: Actor, now: Date): Promise<void> {
  const grant = await findGrant(db, grantId);
  if (!grant) throw new NotFound('There is no access grant with that id.');
  await db.transaction().execute(async (tx) => {
    if (!(await endGrant(tx, grantId, now))) throw new RuleBroken('This access has already been revoked.');
    await audit(tx, {
      userId: actor.id,
      username: actor.username,
      ip: actor.ip,
      action: 'grant-access',
      childId: grant.child_id,
      objectType: 'access_grant',
      objectId: grantId,
      detail: { change: 'revoked', grantedTo: grant.user_id },
    });
  });
}
