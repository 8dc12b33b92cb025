// Signing in: a locked account stays locked for a while after repeated failures, and every
// attempt, good or bad, is audited. The message never says which part was wrong.
import type { Db } from '../db/history.ts';
import type { TimeSource } from '../server/time.ts';
import { audit } from './audit.ts';
import { verifyPassword } from './passwords.ts';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export type SignInResult = { ok: true; userId: string } | { ok: false; message: string };

const WRONG = 'Enter a correct username and password';

export async function checkSignIn(db: Db, username: string, password: string, time: TimeSource, ip: string): Promise<SignInResult> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'password_hash', 'failed_sign_ins', 'locked_until', 'active'])
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  if (!user || !user.active) {
    await audit(db, { userId: null, username: username.slice(0, 100), action: 'sign-in-failed', ip });
    return { ok: false, message: WRONG };
  }
  const now = time.now();
  if (user.locked_until && new Date(user.locked_until) > now) {
    await audit(db, { userId: user.id, username: user.username, action: 'sign-in-failed', detail: { locked: true }, ip });
    return { ok: false, message: `This account is locked after ${MAX_FAILED_SIGN_INS} failed sign-ins. Try again in ${LOCKOUT_MINUTES} minutes or ask an administrator.` };
  }
  if (!(await verifyPassword(password, user.password_hash))) {
    const failed = user.failed_sign_ins + 1;
    const lock = failed >= MAX_FAILED_SIGN_INS;
    await db
      .updateTable('app_user')
      .set({ failed_sign_ins: lock ? 0 : failed, locked_until: lock ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null })
      .where('id', '=', user.id)
      .execute();
    await audit(db, { userId: user.id, username: user.username, action: lock ? 'account-locked' : 'sign-in-failed', ip });
    return { ok: false, message: WRONG };
  }
  await db.updateTable('app_user').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', user.id).execute();
  await audit(db, { userId: user.id, username: user.username, action: 'sign-in', ip });
  return { ok: true, userId: user.id };
}
