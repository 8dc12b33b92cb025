// Sign in and sign out.
import { z } from 'zod';
import type { RegisterRoutes } from '../server/context.ts';
import { parseForm, singleError } from '../server/forms.ts';
import { SESSION_COOKIE, endSession, pruneAfterSignIn, startSession } from './sessions.ts';
import { checkSignIn } from './sign-in.ts';
import { accountRoutes } from './account.ts';
import { IDLE_MINUTES, ABSOLUTE_HOURS } from './sessions.ts';

const SignInForm = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(100, 'Username must be 100 characters or fewer'),
  password: z.string().min(1, 'Enter your password').max(200, 'Password must be 200 characters or fewer'),
});

/**
 * Only go back to a page on this site after signing in: a path that starts with one `/` followed by
 * anything but `/` or `\` (browsers read `//host`, `/\host` and `/<tab>/host` as another site), made of
 * printable ASCII alone (no control characters, no spaces, no backslashes anywhere). Anything else: `/`.
 */
export const safeNext = (next: unknown): string =>
  typeof next === 'string' && /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(next) ? next : '/';

export const signInRoutes: RegisterRoutes = (app, ctx) => {
  const cookieOptions = (secure: boolean) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    maxAge: ABSOLUTE_HOURS * 3600,
  });

  const publicRoute = { config: { public: true, guard: { public: true } } } as const;

  app.get('/sign-in', publicRoute, async (request, reply) => {
    if (request.user) return reply.redirect('/');
    const query = request.query as { next?: string; done?: string };
    const flash = query.done === 'password-set' ? 'Your new password is set. Sign in with it.' : undefined;
    return reply.render('access/views/sign-in.njk', { title: 'Sign in', next: safeNext(query.next), values: {}, idleMinutes: IDLE_MINUTES, flash });
  });

  app.post('/sign-in', publicRoute, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body['next']);
    const form = parseForm(SignInForm, body);
    const values = { username: body['username'] };
    if (!form.ok) return reply.code(400).render('access/views/sign-in.njk', { title: 'Sign in', errors: form.errors, values, next });
    const result = await checkSignIn(ctx.db, form.data.username, form.data.password, ctx.time, request.ip);
    if (!result.ok && 'retryAfterSeconds' in result) {
      // Throttled: the same page, saying when to try again, whether or not the account exists.
      reply.header('retry-after', String(result.retryAfterSeconds));
      return reply.code(429).render('access/views/sign-in.njk', { title: 'Sign in', errors: singleError('username', result.message), values, next });
    }
    if (!result.ok) {
      return reply.code(401).render('access/views/sign-in.njk', { title: 'Sign in', errors: singleError('username', result.message), values, next });
    }
    const token = await startSession(ctx.db, result.userId, ctx.time);
    await pruneAfterSignIn(ctx.db, ctx.time);
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(request.protocol === 'https'));
    return reply.redirect(next);
  });

  app.post('/sign-out', { config: { guard: { signedIn: true, reason: 'Signing yourself out' } } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await endSession(ctx.db, token);
    if (request.user) await request.audit({ action: 'sign-out' });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in');
  });

  accountRoutes(app, ctx);
};
