// Signing in. Repeated failures slow further attempts (throttle.ts) instead of locking the account,
// which anyone could do to a colleague. Every attempt, good or bad, is audited (never the password).
// The message never says which part was wrong, and an unknown username takes as long to refuse as a
// wrong password, so neither the words nor the time tell whether an account exists.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { TimeSource } from '../server/time.ts';
import { audit } from './audit.ts';
import { isPasswordHash, verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { claimAttempt, forgiveAttempt, subjectsOf, waitInWords } from './throttle.ts';

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; message: string }
  /** Too many failures: nothing was checked; try again after this many seconds. */
  | { ok: false; message: string; retryAfterSeconds: number };

const WRONG = 'Enter a correct username and password';

export const tooManyAttempts = (seconds: number) =>
  `There have been too many attempts to sign in with this username or from this computer. Wait ${waitInWords(seconds)}, then try again.`;

export async function checkSignIn(db: Kysely<Database>, username: string, password: string, _time: TimeSource, ip: string): Promise<SignInResult> {
  const typed = username.trim().toLowerCase();
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'password_hash', 'active'])
    .where('username', '=', typed)
    .executeTakeFirst();
  const known = user && user.active ? user : undefined;
  const subjects = subjectsOf(typed, ip);
  const claim = await claimAttempt(db, subjects);
  if (!claim.ok) {
    await audit(db, {
      userId: known?.id ?? null,
      username: known?.username ?? username.slice(0, 100),
      action: 'sign-in-failed',
      detail: { throttled: true, retryAfterSeconds: claim.retryAfterSeconds },
      ip,
    });
    return { ok: false, message: tooManyAttempts(claim.retryAfterSeconds), retryAfterSeconds: claim.retryAfterSeconds };
  }
  const good =
    known && isPasswordHash(known.password_hash) ? await verifyPassword(password, known.password_hash) : await verifyAgainstDummy(password);
  if (!known || !good) {
    await audit(db, { userId: known?.id ?? null, username: known?.username ?? username.slice(0, 100), action: 'sign-in-failed', ip });
    return { ok: false, message: WRONG };
  }
  await forgiveAttempt(db, subjects);
  await audit(db, { userId: known.id, username: known.username, action: 'sign-in', ip });
  return { ok: true, userId: known.id };
}
