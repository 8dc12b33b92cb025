// Sign in and sign out.
import { z } from 'zod';
import type { RegisterRoutes } from '../server/context.ts';
import { parseForm, singleError } from '../server/forms.ts';
import { SESSION_COOKIE, endSession, startSession } from './sessions.ts';
import { checkSignIn } from './sign-in.ts';
import { IDLE_MINUTES, ABSOLUTE_HOURS } from './sessions.ts';

const SignInForm = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(100, 'Username must be 100 characters or fewer'),
  password: z.string().min(1, 'Enter your password').max(200, 'Password must be 200 characters or fewer'),
});

/** Only go back to a page on this site after signing in. */
const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?!\/)/.test(next) ? next : '/');

export const signInRoutes: RegisterRoutes = (app, ctx) => {
  const cookieOptions = (secure: boolean) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    maxAge: ABSOLUTE_HOURS * 3600,
  });

  app.get('/sign-in', { config: { public: true } }, async (request, reply) => {
    if (request.user) return reply.redirect('/');
    const query = request.query as { next?: string };
    return reply.render('access/views/sign-in.njk', { title: 'Sign in', next: safeNext(query.next), values: {}, idleMinutes: IDLE_MINUTES });
  });

  app.post('/sign-in', { config: { public: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body['next']);
    const form = parseForm(SignInForm, body);
    const values = { username: body['username'] };
    if (!form.ok) return reply.code(400).render('access/views/sign-in.njk', { title: 'Sign in', errors: form.errors, values, next });
    const result = await checkSignIn(ctx.db, form.data.username, form.data.password, ctx.time, request.ip);
    if (!result.ok) {
      return reply.code(401).render('access/views/sign-in.njk', { title: 'Sign in', errors: singleError('username', result.message), values, next });
    }
    const token = await startSession(ctx.db, result.userId, ctx.time);
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(request.protocol === 'https'));
    return reply.redirect(next);
  });

  app.post('/sign-out', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await endSession(ctx.db, token);
    if (request.user) await request.audit({ action: 'sign-out' });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in');
  });
};
