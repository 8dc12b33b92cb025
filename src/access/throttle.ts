// Slowing down password guessing without letting anyone lock a colleague out. Failed sign-ins are
// counted per IP address and per username typed (whether or not the account exists). After a few
// failures in a row each further attempt must wait, twice as long each time, up to a cap: a person
// who mistypes waits seconds, a guessing program a few attempts an hour. The counts live in the
// database (sign_in_throttle), so every Lantern process sees the same ones.
//
// An attempt is counted before the password is checked (and forgiven if it was right), in one
// statement per count: a burst of simultaneous guesses cannot slip through together. Times are the
// clock's when each statement runs (clock_timestamp), not the transaction's start (now()): with now(),
// of two sign-ins at once from one office, the one that started first but waited for the other's row
// lock saw a failure "after" its own time and was refused with 429.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface ThrottleRule {
  /** Failures in a row allowed before each attempt must wait. */
  free: number;
  /** One failure is forgotten for each this many seconds without one (15 minutes clear a run of 5). */
  forgetSeconds: number;
  /** The longest wait, in seconds. */
  maxWaitSeconds: number;
}

/**
 * Per username: after 5 failures within 15 minutes the next attempt waits 1 second, then 2, 4, 8…
 * up to 5 minutes. Per IP address the allowance is larger, since a whole office may share one.
 */
export const THROTTLE = {
  username: { free: 5, forgetSeconds: 180, maxWaitSeconds: 300 },
  ip: { free: 20, forgetSeconds: 45, maxWaitSeconds: 300 },
} as const satisfies Record<'username' | 'ip', ThrottleRule>;

export interface Subject {
  kind: keyof typeof THROTTLE;
  subject: string;
}

export type Claim = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Seconds the next attempt must wait after `failures` in a row (SQL, on the stored row `t`). */
const waitSql = (rule: ThrottleRule) =>
  sql<number>`CASE WHEN t.failures >= ${rule.free} THEN least(power(2, t.failures - ${rule.free}), ${rule.maxWaitSeconds}) ELSE 0 END`;

class Throttled extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('throttled');
  }
}

/**
 * Counts an attempt against every subject, unless one of them must still wait: then nothing is
 * counted and the answer says how long.
 */
export async function claimAttempt(db: Kysely<Database>, subjects: readonly Subject[]): Promise<Claim> {
  try {
    await db.transaction().execute(async (tx) => {
      for (const { kind, subject } of subjects) {
        const rule = THROTTLE[kind];
        const counted = await sql<{ failures: number }>`
          INSERT INTO sign_in_throttle AS t (kind, subject, failures, last_failure_at) VALUES (${kind}, ${subject}, 1, clock_timestamp())
          ON CONFLICT (kind, subject) DO UPDATE
            SET failures = greatest(0, t.failures - floor(extract(epoch FROM clock_timestamp() - t.last_failure_at) / ${rule.forgetSeconds})::integer) + 1,
                last_failure_at = clock_timestamp()
            WHERE clock_timestamp() >= t.last_failure_at + make_interval(secs => ${waitSql(rule)})
          RETURNING failures`.execute(tx);
        if (counted.rows.length) continue;
        const wait = await sql<{ seconds: number }>`
          SELECT ceil(extract(epoch FROM t.last_failure_at + make_interval(secs => ${waitSql(rule)}) - clock_timestamp()))::integer AS seconds
            FROM sign_in_throttle t WHERE t.kind = ${kind} AND t.subject = ${subject}`.execute(tx);
        throw new Throttled(Math.max(1, Number(wait.rows[0]?.seconds ?? 1)));
      }
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof Throttled) return { ok: false, retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
}

/** The attempt was good: the username's run ends, and the IP address's count is taken back. */
export async function forgiveAttempt(db: Db, subjects: readonly Subject[]): Promise<void> {
  for (const { kind, subject } of subjects) {
    if (kind === 'username') {
      await sql`DELETE FROM sign_in_throttle WHERE kind = ${kind} AND subject = ${subject}`.execute(db);
    } else {
      await sql`UPDATE sign_in_throttle SET failures = greatest(failures - 1, 0) WHERE kind = ${kind} AND subject = ${subject}`.execute(db);
    }
  }
}

/** "5 seconds", "2 minutes": how long to wait, as the page says it. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** The subjects of a sign-in attempt: the address it came from and the username typed. */
export const subjectsOf = (username: string, ip: string): Subject[] => [
  { kind: 'ip', subject: ip },
  { kind: 'username', subject: username.trim().toLowerCase().slice(0, 100) },
];
