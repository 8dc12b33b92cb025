// Server-side sessions in the database. The browser holds a random token; the database holds only
// its SHA-256, so a copy of the session table cannot be replayed. Sessions end after a period of
// inactivity and, whatever the activity, after an absolute lifetime.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { compiledOnce } from '../db/compiled-once.ts';
import { KEEP_SUBMISSIONS } from '../server/once.ts';
import type { TimeSource } from '../server/time.ts';
import { isRole } from './roles.ts';
import type { SignedInUser } from './policy.ts';

export const SESSION_COOKIE = 'lantern_session';
export const IDLE_MINUTES = 30;
export const ABSOLUTE_HOURS = 10;
/** Don't write last_seen on every request: once a minute is enough to measure idleness. */
const TOUCH_AFTER_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function startSession(db: Db, userId: string, time: TimeSource): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = time.now();
  await db
    .insertInto('user_session')
    .values({
      id: hashToken(token),
      user_id: userId,
      data: JSON.stringify({}),
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + ABSOLUTE_HOURS * 3_600_000),
    })
    .execute();
  return token;
}

export async function endSession(db: Db, token: string): Promise<void> {
  const id = hashToken(token);
  remembered.delete(id);
  await db.deleteFrom('user_session').where('id', '=', id).execute();
}

/** The session and its user: read when a request's session is not remembered (below), so compiled once. */
const readSession = compiledOnce((db, id: string) =>
  db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .leftJoin('team as t', 't.id', 'u.team_id')
    .select(['s.last_seen_at', 's.expires_at', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.team_id', 'u.agency', 'u.active', 't.service as team_service'])
    .where('s.id', '=', id),
);

/**
 * Sessions this process read in the last two seconds (decision 0070). Every signed-in request read its
 * session before anything else: a round trip of about 0.5 ms of CPU, a tenth of a record page's. A
 * session read a moment ago is taken as read, so a person clicking through a child's record costs one
 * statement less a page. Its times are still checked on every request against Lantern's clock, so an
 * idle or expired session ends exactly as before, and it is read again (and touched) once a minute.
 * Sessions end only here (signing out, a password changed or reset), and each end forgets them at once;
 * in another process (LANTERN_WORKERS) a session ended elsewhere lasts at most REMEMBER_MS longer.
 */
interface Remembered {
  user: SignedInUser;
  lastSeen: number;
  expires: number;
  /** When this process read it, in real time (Lantern's clock may be pinned). */
  readAt: number;
}
const remembered = new Map<string, Remembered>();
const REMEMBER_MS = 2_000;
/** Enough for every session of a large council at once; past it the oldest are forgotten. */
const REMEMBER_AT_MOST = 20_000;

function remember(id: string, entry: Remembered): void {
  remembered.delete(id); // to the end of the insertion order, so the first entries are the oldest read
  remembered.set(id, entry);
  if (remembered.size > REMEMBER_AT_MOST) remembered.delete(remembered.keys().next().value!);
}

/** Forgets the sessions of a user (or one session), as they end. */
function forget(match: (id: string, entry: Remembered) => boolean): void {
  for (const [id, entry] of remembered) if (match(id, entry)) remembered.delete(id);
}

/** Whether a session's times let it go on at `now`: not ended by its lifetime or by idleness. */
const stillOpen = (now: number, lastSeen: number, expires: number) => now < expires && now - lastSeen <= IDLE_MINUTES * 60_000;

export async function userForSession(db: Db, token: string, time: TimeSource): Promise<SignedInUser | null> {
  const id = hashToken(token);
  const now = time.now().getTime();
  const known = remembered.get(id);
  if (known && Date.now() - known.readAt < REMEMBER_MS && stillOpen(now, known.lastSeen, known.expires) && now - known.lastSeen <= TOUCH_AFTER_MS) {
    return known.user;
  }
  remembered.delete(id);
  const row = (await readSession(db, id)).rows[0];
  if (!row) return null;
  let lastSeen = new Date(row.last_seen_at).getTime();
  const expires = new Date(row.expires_at).getTime();
  if (!row.active || !stillOpen(now, lastSeen, expires)) {
    await db.deleteFrom('user_session').where('id', '=', id).execute();
    return null;
  }
  if (now - lastSeen > TOUCH_AFTER_MS) {
    await db.updateTable('user_session').set({ last_seen_at: new Date(now) }).where('id', '=', id).execute();
    lastSeen = now;
  }
  if (!isRole(row.role)) return null;
  const user: SignedInUser = { id: row.id, username: row.username, displayName: row.display_name, role: row.role, teamId: row.team_id, agency: row.agency, inFrontDoorTeam: row.team_service === 'front-door' };
  remember(id, { user, lastSeen, expires, readAt: Date.now() });
  return user;
}

export async function removeExpiredSessions(db: Db, time: TimeSource): Promise<void> {
  await db.deleteFrom('user_session').where('expires_at', '<', time.now()).execute();
}

let lastPruned = 0;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * Expired sessions go, and with them what only matters while a session could still use it: used form
 * tokens and kept API responses (src/server/once.ts), old sign-in failure counts, and reset links
 * that ended a month ago. Run after a sign-in, at most every ten minutes per process.
 */
export async function pruneAfterSignIn(db: Db, time: TimeSource): Promise<void> {
  const now = Date.now(); // real elapsed time between prunes, not Lantern's "today"
  if (now - lastPruned < PRUNE_EVERY_MS) return;
  lastPruned = now;
  await removeExpiredSessions(db, time);
  await sql`DELETE FROM form_submission WHERE created_at < now() - ${KEEP_SUBMISSIONS}::interval`.execute(db);
  await sql`DELETE FROM api_idempotency WHERE created_at < now() - ${KEEP_SUBMISSIONS}::interval`.execute(db);
  await sql`DELETE FROM sign_in_throttle WHERE last_failure_at < now() - interval '1 day'`.execute(db);
  await sql`DELETE FROM password_reset WHERE expires_at < now() - interval '30 days'`.execute(db);
}

/** Ends every session of a user (a password reset), or every one but the one in use (a change). */
export async function endSessionsOf(db: Db, userId: string, keepToken?: string): Promise<void> {
  const keep = keepToken ? hashToken(keepToken) : null;
  forget((id, entry) => entry.user.id === userId && id !== keep);
  let query = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keep) query = query.where('id', '<>', keep);
  await query.execute();
  // Again: a request that read a session while it was being deleted may have remembered it.
  forget((id, entry) => entry.user.id === userId && id !== keep);
}
