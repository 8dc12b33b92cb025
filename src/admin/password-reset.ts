// An administrator resets a user's password: a one-time link, shown once on this page for the
// administrator to pass on (in person or by phone, not in the same email as the username). The rules
// are in src/access/password-reset.ts.
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import { RuleBroken } from '../server/errors.ts';
import { parseForm, singleError, type FormErrors } from '../server/forms.ts';
import { makeResetLink, RESET_LINK_HOURS } from '../access/password-reset.ts';

const ResetRequest = z.object({
  username: z.string().trim().min(1, 'Enter the username of the person whose password is to be reset').max(100, 'Username must be 100 characters or fewer'),
});

export const passwordResetRoutes: RegisterRoutes = (app, ctx) => {
  const admins = { config: { guard: { signedIn: true, capability: 'reset-passwords', reason: 'Administrators reset passwords; each reset is audited' } } } as const;

  const page = (reply: FastifyReply, extra: Record<string, unknown> = {}) =>
    reply.render('admin/views/password-reset.njk', { title: 'Reset a password', hours: RESET_LINK_HOURS, values: {}, ...extra });

  app.get('/admin/password-reset', admins, async (_request, reply) => page(reply));

  app.post('/admin/password-reset', admins, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { username: body['username'] };
    const form = parseForm(ResetRequest, body);
    if (!form.ok) return page(reply.code(400), { errors: form.errors, values });
    const admin = request.user!;
    let link;
    try {
      link = await makeResetLink(ctx.db, form.data.username, { id: admin.id, username: admin.username, ip: request.ip });
    } catch (error) {
      if (error instanceof RuleBroken && error.field) return page(reply.code(400), { errors: singleError(error.field, error.message) as FormErrors, values });
      throw error;
    }
    // Shown once, never stored: only its hash is kept.
    const url = `${request.protocol}://${request.host}/account/reset/${link.token}`;
    return page(reply, { link: { url, displayName: link.displayName, username: link.username, expiresAt: link.expiresAt } });
  });
};
