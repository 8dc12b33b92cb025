// A form or an API call counts once, however many times it is sent (a double click, a retry after a
// dropped connection, two tabs). Done here once for every form and every API POST, not in each route.
//
// Forms: every rendered CSRF token carries a one-time part (`<csrf>.<once>`, new for each page). When
// the form is posted, after the CSRF check, the one-time part is claimed in `form_submission`. A second
// post of the same page waits briefly for the first and is then sent where the first went (303), or
// told that the form has already been sent (409). A submission that ends in an error (status >= 400),
// or that shows a page rather than redirecting (a warning to confirm), releases its claim, so the
// corrected form can be sent.
//
// API: a POST with an `Idempotency-Key` header is claimed in `api_idempotency` for that user; its
// response (status and body) is kept and replayed to a repeat of the same request. A repeat while the
// first is still running waits for it, then gets 409 if it is still not done.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';

const SEPARATOR = '.';
const ONCE_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** How long a repeat waits for the first submission to finish before it is told to wait. */
const WAIT_MS = 4_000;
const POLL_MS = 50;
/** A claim never finished (the process stopped mid-request) is taken over after this long. */
const STALE_CLAIM = '2 minutes';
/** How long kept responses and used form tokens are kept: the longest a session lasts, and more. */
export const KEEP_SUBMISSIONS = '1 day';

/** The token a page puts in its forms: the CSRF token and a new one-time part. */
export const withOnce = (csrfToken: string): string => `${csrfToken}${SEPARATOR}${randomBytes(16).toString('base64url')}`;

/** The CSRF token and one-time part of what a form posted (the API's token has no one-time part). */
export function splitToken(token: string | undefined): { csrf: string | undefined; once: string | null } {
  if (typeof token !== 'string') return { csrf: undefined, once: null };
  const at = token.lastIndexOf(SEPARATOR);
  if (at < 0) return { csrf: token, once: null };
  const once = token.slice(at + 1);
  return { csrf: token.slice(0, at), once: ONCE_PATTERN.test(once) ? once : null };
}

type Claim = { kind: 'form'; token: string } | { kind: 'api'; userId: string; key: string };

const claims = new WeakMap<FastifyRequest, Claim>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/');

interface FormRow {
  completed_at: Date | null;
  location: string | null;
}

interface ApiRow {
  fingerprint: string;
  completed_at: Date | null;
  status: number | null;
  body: string | null;
}

async function claimForm(ctx: AppContext, token: string, userId: string | null): Promise<boolean> {
  const claimed = await sql<{ token: string }>`
    INSERT INTO form_submission AS f (token, user_id) VALUES (${token}, ${userId})
    ON CONFLICT (token) DO UPDATE SET created_at = now(), user_id = EXCLUDED.user_id
      WHERE f.completed_at IS NULL AND f.created_at < now() - ${STALE_CLAIM}::interval
    RETURNING token`.execute(ctx.db);
  return claimed.rows.length > 0;
}

async function claimApi(ctx: AppContext, userId: string, key: string, fingerprint: string): Promise<boolean> {
  const claimed = await sql<{ key: string }>`
    INSERT INTO api_idempotency AS a (user_id, key, fingerprint) VALUES (${userId}, ${key}, ${fingerprint})
    ON CONFLICT (user_id, key) DO UPDATE SET created_at = now(), fingerprint = EXCLUDED.fingerprint
      WHERE a.completed_at IS NULL AND a.created_at < now() - ${STALE_CLAIM}::interval
    RETURNING key`.execute(ctx.db);
  return claimed.rows.length > 0;
}

/** The "already sent" page: where the worker can go back to, and what to check. */
function alreadySent(request: FastifyRequest, reply: FastifyReply) {
  const back = request.url.split('?')[0] ?? '/';
  return reply.code(409).render('access/views/already-sent.njk', { title: 'This form has already been sent', back });
}

/**
 * Claims a form's one-time token or an API call's Idempotency-Key, after the CSRF check has passed.
 * Returns true when it has answered the request itself (a repeat), so the route must not run.
 */
export async function claimOnce(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, posted: string | undefined): Promise<boolean> {
  if (request.routeOptions.config.public) return false; // signing in is not a record, and has no user yet
  const userId = request.user?.id ?? null;
  if (isApi(request)) {
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined || !userId) return false;
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
      await reply.code(400).send({ error: 'Idempotency-Key must be 1 to 200 printable characters without spaces' });
      return true;
    }
    const fingerprint = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('base64url');
    return claimApiCall(ctx, request, reply, userId, key, fingerprint);
  }
  const { once } = splitToken(posted);
  if (!once) return false;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await claimForm(ctx, once, userId)) {
      claims.set(request, { kind: 'form', token: once });
      return false;
    }
    const row = (await sql<FormRow>`SELECT completed_at, location FROM form_submission WHERE token = ${once}`.execute(ctx.db)).rows[0];
    if (row?.completed_at && row.location) {
      await reply.redirect(row.location, 303);
      return true;
    }
    if (row?.completed_at || Date.now() > deadline) {
      await alreadySent(request, reply);
      return true;
    }
    // Still being saved (or just released after an error: the next claim takes it).
    await sleep(POLL_MS);
  }
}

async function claimApiCall(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, userId: string, key: string, fingerprint: string): Promise<boolean> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (await claimApi(ctx, userId, key, fingerprint)) {
      claims.set(request, { kind: 'api', userId, key });
      return false;
    }
    const row = (
      await sql<ApiRow>`SELECT fingerprint, completed_at, status, body FROM api_idempotency WHERE user_id = ${userId} AND key = ${key}`.execute(ctx.db)
    ).rows[0];
    if (row && row.fingerprint !== fingerprint) {
      await reply.code(422).send({ error: 'This Idempotency-Key was used for a different request: use a new key for each new request' });
      return true;
    }
    if (row?.completed_at) {
      await reply
        .code(row.status ?? 200)
        .header('idempotent-replayed', 'true')
        .type('application/json; charset=utf-8')
        .send(row.body ?? '');
      return true;
    }
    if (Date.now() > deadline) {
      await reply.code(409).send({ error: 'A request with this Idempotency-Key is still being processed: try again in a moment' });
      return true;
    }
    await sleep(POLL_MS);
  }
}

/** Records how a claimed submission ended, before its response is sent (so a repeat sees it). */
async function finish(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
  const claim = claims.get(request);
  if (!claim) return;
  claims.delete(request);
  const status = reply.statusCode;
  const location = reply.getHeader('location');
  if (claim.kind === 'form') {
    // Only a redirect is a finished write; an error or a page (a warning to confirm) frees the form.
    if (status >= 300 && status < 400 && typeof location === 'string') {
      await sql`UPDATE form_submission SET completed_at = now(), status = ${status}, location = ${location} WHERE token = ${claim.token}`.execute(ctx.db);
    } else {
      await sql`DELETE FROM form_submission WHERE token = ${claim.token}`.execute(ctx.db);
    }
    return;
  }
  if (status >= 400 || typeof payload !== 'string') {
    await sql`DELETE FROM api_idempotency WHERE user_id = ${claim.userId} AND key = ${claim.key}`.execute(ctx.db);
    return;
  }
  await sql`UPDATE api_idempotency SET completed_at = now(), status = ${status}, body = ${payload}
    WHERE user_id = ${claim.userId} AND key = ${claim.key}`.execute(ctx.db);
}

/** Installs the hook that records how each claimed submission ended. */
export function installOnce(app: FastifyInstance, ctx: AppContext): void {
  app.addHook('onSend', async (request, reply, payload) => {
    try {
      await finish(ctx, request, reply, payload);
    } catch (error) {
      // The response itself stands; at worst the form can be sent again after the claim goes stale.
      request.log.error({ err: error }, 'could not record how a submission ended');
    }
    return payload;
  });
  // A request that never reached onSend (the connection dropped) frees its claim.
  app.addHook('onResponse', async (request) => {
    const claim = claims.get(request);
    if (!claim) return;
    claims.delete(request);
    if (claim.kind === 'form') await sql`DELETE FROM form_submission WHERE token = ${claim.token} AND completed_at IS NULL`.execute(ctx.db);
    else await sql`DELETE FROM api_idempotency WHERE user_id = ${claim.userId} AND key = ${claim.key} AND completed_at IS NULL`.execute(ctx.db);
  });
}
