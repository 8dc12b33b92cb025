// The user's own account: changing their password, and setting a new one from a reset link an
// administrator gave them. HTTP only: the rules are in password-reset.ts and password-rules.ts.
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import { RuleBroken } from '../server/errors.ts';
import { parseForm, singleError, type FormErrors } from '../server/forms.ts';
import { MIN_PASSWORD_LENGTH, MISMATCH, NewPasswordFields, passwordsMatch } from './password-rules.ts';
import { changeOwnPassword, LINK_NOT_VALID, resetLinkUser, useResetLink } from './password-reset.ts';
import { SESSION_COOKIE } from './sessions.ts';

const ChangeForm = z
  .object({ currentPassword: z.string().min(1, 'Enter your current password').max(200, 'Password must be 200 characters or fewer'), ...NewPasswordFields })
  .refine(passwordsMatch, MISMATCH);

const ResetForm = z.object(NewPasswordFields).refine(passwordsMatch, MISMATCH);

/** A RuleBroken that names a field goes back to the form; anything else is the error page's. */
const fieldErrors = (error: unknown): FormErrors | null => (error instanceof RuleBroken && error.field ? singleError(error.field, error.message) : null);

export const accountRoutes: RegisterRoutes = (app, ctx) => {
  const own = { config: { guard: { signedIn: true, reason: 'Your own account: anyone signed in changes their own password' } } } as const;
  const viaLink = { config: { public: true, guard: { public: true } } } as const;

  // Passwords are never put back into a form, whatever else is.
  const changePage = (reply: FastifyReply, extra: { errors?: FormErrors; flash?: string } = {}) =>
    reply.render('access/views/change-password.njk', { title: 'Change your password', minLength: MIN_PASSWORD_LENGTH, ...extra });

  app.get('/account/password', own, async (request, reply) => {
    const done = (request.query as { done?: string }).done === 'changed';
    return changePage(reply, done ? { flash: 'Your password has been changed. You have been signed out everywhere else.' } : {});
  });

  app.post('/account/password', own, async (request, reply) => {
    const user = request.user!;
    const form = parseForm(ChangeForm, request.body);
    if (!form.ok) return changePage(reply.code(400), { errors: form.errors });
    try {
      await changeOwnPassword(ctx.db, user, form.data, request.ip, request.cookies[SESSION_COOKIE]);
    } catch (error) {
      const errors = fieldErrors(error);
      if (errors) return changePage(reply.code(400), { errors });
      throw error;
    }
    return reply.redirect('/account/password?done=changed', 303);
  });

  const linkGone = (reply: FastifyReply) => reply.code(404).render('error.njk', { title: 'This link cannot be used', message: LINK_NOT_VALID });

  const resetPage = (reply: FastifyReply, holder: { username: string; displayName: string }, errors?: FormErrors) =>
    reply.render('access/views/reset-password.njk', { title: 'Set a new password', holder, minLength: MIN_PASSWORD_LENGTH, errors });

  app.get('/account/reset/:token', viaLink, async (request, reply) => {
    const { token } = request.params as { token: string };
    const holder = await resetLinkUser(ctx.db, token);
    if (!holder) return linkGone(reply);
    return resetPage(reply, holder);
  });

  app.post('/account/reset/:token', viaLink, async (request, reply) => {
    const { token } = request.params as { token: string };
    const holder = await resetLinkUser(ctx.db, token);
    if (!holder) return linkGone(reply);
    const form = parseForm(ResetForm, request.body);
    if (!form.ok) return resetPage(reply.code(400), holder, form.errors);
    try {
      await useResetLink(ctx.db, token, form.data.newPassword, request.ip);
    } catch (error) {
      const errors = fieldErrors(error);
      if (errors) return resetPage(reply.code(400), holder, errors);
      if (error instanceof RuleBroken) return linkGone(reply); // used in another tab meanwhile
      throw error;
    }
    // Signed out everywhere, the old session cookie included: sign in with the new password.
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/sign-in?done=password-set', 303);
  });
};
