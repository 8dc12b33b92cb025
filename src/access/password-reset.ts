// Passwords: a user changes their own; an administrator resets someone's with a one-time link. The
// link's token is random and only its SHA-256 is stored; it works once, for 24 hours. Making a link
// ends the user's sessions and stops the old password working; using it ends every session again.
// Each step is audited, never with a password or a token.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { RuleBroken } from '../server/errors.ts';
import { audit } from './audit.ts';
import { hashPassword, isPasswordHash, NO_PASSWORD, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { passwordProblem } from './password-rules.ts';
import { endSessionsOf } from './sessions.ts';
import { claimAttempt, forgiveAttempt, waitInWords, type Subject } from './throttle.ts';

export const RESET_LINK_HOURS = 24;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Who did it, for the audit entry. */
export interface Actor {
  id: string;
  username: string;
  ip: string | null;
}

export interface ResetLink {
  token: string;
  userId: string;
  username: string;
  displayName: string;
  expiresAt: Date;
}

/** An administrator makes a one-time link for a user; any earlier link of theirs stops working. */
export async function makeResetLink(db: Kysely<Database>, username: string, admin: Actor): Promise<ResetLink> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'active'])
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) throw new RuleBroken(`No one has the username ${username.trim()}`, 'username');
  if (!user.active) throw new RuleBroken(`${user.display_name}’s account is not active: it cannot be signed in to`, 'username');
  const token = randomBytes(32).toString('base64url');
  return db.transaction().execute(async (tx) => {
    await sql`UPDATE password_reset SET used_at = now() WHERE user_id = ${user.id} AND used_at IS NULL`.execute(tx);
    const made = await sql<{ expires_at: Date }>`
      INSERT INTO password_reset (id, user_id, token_hash, created_by, expires_at)
      VALUES (${randomUUID()}, ${user.id}, ${hashToken(token)}, ${admin.id}, now() + make_interval(hours => ${RESET_LINK_HOURS}))
      RETURNING expires_at`.execute(tx);
    // Whoever knew the old password (or holds a session) is locked out until the link is used.
    await tx.updateTable('app_user').set({ password_hash: NO_PASSWORD }).where('id', '=', user.id).execute();
    await endSessionsOf(tx, user.id);
    await audit(tx, {
      userId: admin.id,
      username: admin.username,
      ip: admin.ip,
      action: 'password-reset-link',
      objectType: 'app_user',
      objectId: user.id,
      detail: { expiresAt: made.rows[0]!.expires_at },
    });
    return { token, userId: user.id, username: user.username, displayName: user.display_name, expiresAt: new Date(made.rows[0]!.expires_at) };
  });
}

/** The user a link is for, while it is unused and in date; null otherwise. */
export async function resetLinkUser(db: Kysely<Database>, token: string): Promise<{ username: string; displayName: string } | null> {
  const row = await sql<{ username: string; display_name: string }>`
    SELECT u.username, u.display_name FROM password_reset r JOIN app_user u ON u.id = r.user_id
     WHERE r.token_hash = ${hashToken(token)} AND r.used_at IS NULL AND r.expires_at > now() AND u.active`.execute(db);
  const user = row.rows[0];
  return user ? { username: user.username, displayName: user.display_name } : null;
}

export const LINK_NOT_VALID = 'This link has expired or has already been used. Ask an administrator for a new one.';

/** Sets the new password from a link: once only, with the same rules as any new password. */
export async function useResetLink(db: Kysely<Database>, token: string, newPassword: string, ip: string): Promise<void> {
  const holder = await resetLinkUser(db, token);
  if (!holder) throw new RuleBroken(LINK_NOT_VALID);
  const problem = passwordProblem(newPassword, holder.username);
  if (problem) throw new RuleBroken(problem, 'newPassword');
  const hash = await hashPassword(newPassword); // slow on purpose: outside the transaction
  await db.transaction().execute(async (tx) => {
    // Taken and marked used in one statement: two tabs cannot both use it.
    const taken = await sql<{ user_id: string; username: string }>`
      UPDATE password_reset r SET used_at = now() FROM app_user u
       WHERE r.token_hash = ${hashToken(token)} AND r.used_at IS NULL AND r.expires_at > now() AND u.id = r.user_id AND u.active
      RETURNING r.user_id, u.username`.execute(tx);
    const user = taken.rows[0];
    if (!user) throw new RuleBroken(LINK_NOT_VALID);
    await tx.updateTable('app_user').set({ password_hash: hash }).where('id', '=', user.user_id).execute();
    await endSessionsOf(tx, user.user_id);
    await sql`DELETE FROM sign_in_throttle WHERE kind = 'username' AND subject = ${user.username}`.execute(tx);
    await audit(tx, { userId: user.user_id, username: user.username, ip, action: 'password-reset', objectType: 'app_user', objectId: user.user_id });
  });
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/**
 * A signed-in user changes their own password. The current one is checked first, and wrong guesses
 * count towards sign-in throttling (a session left open is not a way round it). Every other session
 * of theirs ends.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  user: { id: string; username: string },
  change: PasswordChange,
  ip: string,
  sessionToken: string | undefined,
): Promise<void> {
  const subjects: Subject[] = [{ kind: 'username', subject: user.username }];
  const claim = await claimAttempt(db, subjects);
  if (!claim.ok) {
    throw new RuleBroken(`Your current password has been entered wrongly too many times. Wait ${waitInWords(claim.retryAfterSeconds)}, then try again.`, 'currentPassword');
  }
  const row = await db.selectFrom('app_user').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
  const good = isPasswordHash(row.password_hash) ? await verifyPassword(change.currentPassword, row.password_hash) : await verifyAgainstDummy(change.currentPassword);
  if (!good) throw new RuleBroken('Your current password is not right', 'currentPassword');
  await forgiveAttempt(db, subjects);
  const problem = passwordProblem(change.newPassword, user.username);
  if (problem) throw new RuleBroken(problem, 'newPassword');
  if (change.newPassword === change.currentPassword) throw new RuleBroken('Your new password must be different from your current one', 'newPassword');
  const hash = await hashPassword(change.newPassword);
  await db.transaction().execute(async (tx) => {
    await tx.updateTable('app_user').set({ password_hash: hash }).where('id', '=', user.id).execute();
    await endSessionsOf(tx, user.id, sessionToken);
    await audit(tx, { userId: user.id, username: user.username, ip, action: 'password-changed', objectType: 'app_user', objectId: user.id });
  });
}
