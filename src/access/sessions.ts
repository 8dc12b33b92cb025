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
  await db.deleteFrom('user_session').where('id', '=', hashToken(token)).execute();
}

/** The session and its user: every signed-in request reads it, so it is compiled once. */
const readSession = compiledOnce((db, id: string) =>
  db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .leftJoin('team as t', 't.id', 'u.team_id')
    .select(['s.last_seen_at', 's.expires_at', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.team_id', 'u.agency', 'u.active', 't.service as team_service'])
    .where('s.id', '=', id),
);

export async function userForSession(db: Db, token: string, time: TimeSource): Promise<SignedInUser | null> {
  const id = hashToken(token);
  const row = (await readSession(db, id)).rows[0];
  if (!row) return null;
  const now = time.now().getTime();
  const idleFor = now - new Date(row.last_seen_at).getTime();
  if (!row.active || now >= new Date(row.expires_at).getTime() || idleFor > IDLE_MINUTES * 60_000) {
    await db.deleteFrom('user_session').where('id', '=', id).execute();
    return null;
  }
  if (idleFor > TOUCH_AFTER_MS) {
    await db.updateTable('user_session').set({ last_seen_at: new Date(now) }).where('id', '=', id).execute();
  }
  if (!isRole(row.role)) return null;
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, teamId: row.team_id, agency: row.agency, inFrontDoorTeam: row.team_service === 'front-door' };
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
  let query = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keepToken) query = query.where('id', '<>', hashToken(keepToken));
  await query.execute();
}
