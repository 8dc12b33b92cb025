// Council settings: the council's own, tighter, timescales. Administrators only.
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiRoute } from '../server/api.ts';
import type { RegisterRoutes } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { NotFound } from '../server/errors.ts';
import { parseForm, type FormErrors } from '../server/forms.ts';
import { isSettingKey, type SettingKey } from './council-settings.ts';
import { changeSettings, listSettings, unitText, unitWord, type Actor, type SettingView } from './service.ts';

const actorOf = (request: FastifyRequest): Actor => ({ id: request.user!.id, username: request.user!.username, ip: request.ip });

/** One input per setting: blank means "use the standard"; otherwise a whole number from 1 to the standard. */
function settingField(setting: SettingView) {
  return z
    .string()
    .trim()
    .optional()
    .transform((text, ctx): number | null | undefined => {
      if (text === undefined) return undefined; // not on the form: leave it as it is
      if (text === '') return null;
      const fail = (message: string) => {
        ctx.issues.push({ code: 'custom', message, input: text });
        return z.NEVER;
      };
      if (!/^\d{1,6}$/.test(text)) return fail(`${setting.name} must be a whole number of ${unitWord(setting.unit, 2)}, like ${setting.standard}`);
      const value = Number(text);
      if (value < 1) return fail(`${setting.name} must be at least ${unitText(setting.unit, 1)}`);
      if (value > setting.standard) {
        return fail(`${setting.name} must be ${unitText(setting.unit, setting.standard)} or fewer: a council may tighten this timescale but not loosen it`);
      }
      return value;
    });
}

/** Only administrators see or change the council's timescales; each change is audited by the service. */
const ADMINISTRATORS: Guard = { signedIn: true, capability: 'manage-settings', reason: 'Administrators set the council’s own timescales' };

const settingsForm = (settings: SettingView[]) => z.object(Object.fromEntries(settings.map((s) => [s.key, settingField(s)])));

export const settingsRoutes: RegisterRoutes = (app, ctx) => {
  const renderPage = async (reply: FastifyReply, extra: { errors?: FormErrors; values?: Record<string, unknown>; flash?: string } = {}) => {
    const settings = await listSettings(ctx.db);
    const values = extra.values ?? Object.fromEntries(settings.map((s) => [s.key, String(s.inForce)]));
    return reply.render('settings/views/settings.njk', {
      title: 'Council settings',
      settings: settings.map((s) => ({ ...s, inForceText: unitText(s.unit, s.inForce), standardText: unitText(s.unit, s.standard), unitWords: unitWord(s.unit, 2) })),
      ...extra,
      values,
    });
  };

  app.get('/admin/settings', { config: { guard: ADMINISTRATORS } }, async (request, reply) => {
    const saved = (request.query as { saved?: string }).saved;
    return renderPage(reply, saved === '1' ? { flash: 'Council settings saved. Due dates have been worked out again.' } : {});
  });

  app.post('/admin/settings', { config: { guard: ADMINISTRATORS } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const settings = await listSettings(ctx.db);
    const values = Object.fromEntries(settings.map((s) => [s.key, body[s.key]]));
    const form = parseForm(settingsForm(settings), body);
    if (!form.ok) return renderPage(reply.code(400), { errors: form.errors, values });
    const changes: Partial<Record<SettingKey, number | null>> = {};
    for (const [key, value] of Object.entries(form.data)) {
      if (isSettingKey(key) && value !== undefined) changes[key] = value;
    }
    await changeSettings(ctx.db, changes, actorOf(request));
    return reply.code(303).redirect('/admin/settings?saved=1');
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/settings',
    summary: 'The council’s timescale settings: each with the value in force, the standard (the most a council may set) and its source (administrators only)',
    tag: 'Administration',
    guard: ADMINISTRATORS,
    handler: async () => {
      return { settings: await listSettings(ctx.db) };
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/settings/:key',
    summary: 'Set one of the council’s timescales: never above the standard; null restores the standard. Re-derives the clocks it affects (administrators only)',
    tag: 'Administration',
    params: z.object({ key: z.string() }),
    body: z.object({ value: z.number().int().min(1).nullable() }),
    guard: ADMINISTRATORS,
    handler: async ({ params, body, request }) => {
      if (!isSettingKey(params.key)) throw new NotFound(`There is no council setting called ${params.key}`);
      const changes = await changeSettings(ctx.db, { [params.key]: body.value }, actorOf(request));
      const setting = (await listSettings(ctx.db)).find((s) => s.key === params.key);
      return { setting, changed: changes.length > 0 };
    },
  });
};
