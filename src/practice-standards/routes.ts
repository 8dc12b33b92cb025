// Practice standards (issue 9, DQ-22, DQ-47): the council's compliance with each standard, a standard
// by team, worker and child with its exception list, one child against every standard, the council's
// parameters (administrators and senior leaders), and the API. HTTP only: the rules are in service.ts.
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { userOf } from '../server/guard.ts';
import { apiRoute } from '../server/api.ts';
import { childPage } from '../server/child-pages.ts';
import { recordForm } from '../server/record-form.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { govukPagination } from '../server/pagination.ts';
import { Forbidden, RuleBroken } from '../server/errors.ts';
import { can } from '../access/roles.ts';
import { formatDateTime } from '../server/format.ts';
import { EXCEPTIONS_PAGE_SIZE, type LevelFilter } from './repository.ts';
import { childStandards, exceptionList, overview, standardDetail } from './service.ts';
import { exceptionsCsv, exceptionsXlsx, exportName } from './export.ts';
import { loadStandardSettings, saveStandardSettings, SETS_STANDARDS, type StandardParams, type StandardSetting } from './settings.ts';
import { PRACTICE_STANDARDS, withDays, type PracticeStandard } from './standards.ts';

/** Team managers, analysts and senior leaders (view-performance): over the children they may see. */
const GUARD: Guard = { signedIn: true, capability: 'view-performance', reason: 'Practice standards over the children the user may see (childVisibleTo); a team or worker only the user’s own or managed' };
/** The parameters: administrators and senior leaders, checked in the form's load (two roles, no one capability). */
const SETTINGS_GUARD: Guard = { signedIn: true, reason: 'The council’s practice standards: administrators and senior leaders change them, each change audited' };

const StandardParamsSchema = z.object({ standardId: z.string().max(60) });
const LevelQuery = z.object({
  team: z.union([z.string().uuid(), z.literal('none')]).optional(),
  worker: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

const mayChange = (request: FastifyRequest) => {
  if (!SETS_STANDARDS.includes(userOf(request).role)) throw new Forbidden('Only administrators and senior leaders set the council’s practice standards.');
};

/** The settings form: for each standard, on or off, its days where it has them, its look-back. */
function settingsSchema(standards: readonly PracticeStandard[]) {
  const whole = (label: string, min: number, max: number) =>
    z
      .string({ error: `Enter ${label}` })
      .trim()
      .min(1, `Enter ${label}`)
      .regex(/^\d{1,3}$/, `${label[0]!.toUpperCase()}${label.slice(1)} must be a whole number`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `${label[0]!.toUpperCase()}${label.slice(1)} must be from ${min} to ${max}`);
  return z.object(
    Object.fromEntries(
      standards.flatMap((s) => [
        [`${s.id}-enabled`, z.enum(['yes', 'no'], { error: `Say whether “${s.title.replace('{days}', 'N')}” is checked` })],
        [`${s.id}-months`, whole(`the months “${s.title.replace('{days}', 'N')}” looks back`, 1, 24)],
        ...(s.days ? [[`${s.id}-days`, whole(`the number of days for “${s.title.replace('{days}', 'N')}”`, 1, 365)]] : []),
      ]),
    ),
  );
}

const valuesOf = (settings: readonly StandardSetting[]) =>
  Object.fromEntries(
    settings.flatMap((s) => [
      [`${s.standard.id}-enabled`, s.enabled ? 'yes' : 'no'],
      [`${s.standard.id}-months`, String(s.lookBackMonths)],
      ...(s.standard.days ? [[`${s.standard.id}-days`, String(s.days)]] : []),
    ]),
  );

const SETTINGS_FORM = settingsSchema(PRACTICE_STANDARDS);

const SettingsBody = z.object({
  standards: z
    .array(z.object({ id: z.string().max(60), enabled: z.boolean(), days: z.number().int().min(1).max(365).nullable().optional(), lookBackMonths: z.number().int().min(1).max(24) }))
    .max(50),
});

export const practiceStandardRoutes: RegisterRoutes = (app, ctx) => {
  addNavigationItem({ href: '/practice-standards', text: 'Practice standards', show: (role) => can(role, 'view-performance') });
  const today = () => ctx.time.today();

  app.get('/practice-standards', { config: { guard: GUARD } }, async (request, reply) => {
    const page = await overview(ctx.db, userOf(request), today());
    return reply.render('practice-standards/views/overview.njk', {
      title: 'Practice standards',
      ...page,
      maySet: SETS_STANDARDS.includes(userOf(request).role),
    });
  });

  recordForm(app, ctx, {
    path: '/practice-standards/settings',
    guard: SETTINGS_GUARD,
    schema: SETTINGS_FORM,
    load: async (request) => {
      mayChange(request);
      // A senior leader sets the standards but not the council's timescales: the page links those only for an administrator.
      return { settings: await loadStandardSettings(ctx.db), mayOpenCouncilSettings: can(userOf(request).role, 'manage-settings') };
    },
    initial: ({ settings }) => valuesOf(settings),
    view: ({ settings, mayOpenCouncilSettings }, values) => ({
      template: 'practice-standards/views/settings.njk',
      context: {
        title: 'Set the council’s practice standards',
        standards: settings.map((s) => ({
          id: s.standard.id,
          title: withDays(s.standard.title, s.days),
          description: withDays(s.standard.description, s.days),
          days: s.standard.days ?? null,
          changed: s.changedBy ? `Last changed by ${s.changedBy} on ${formatDateTime(s.changedAt!)}` : 'Lantern’s defaults: not changed by the council',
        })),
        values,
        mayOpenCouncilSettings,
      },
    }),
    fields: ({ settings }) => settings.map((s) => `${s.standard.id}-enabled`),
    save: async (input, _request, { settings }) => {
      const data = input as Record<string, string | number>;
      const changes = new Map<string, StandardParams>(
        settings.map((s) => [
          s.standard.id,
          { enabled: data[`${s.standard.id}-enabled`] === 'yes', days: s.standard.days ? Number(data[`${s.standard.id}-days`]) : null, lookBackMonths: Number(data[`${s.standard.id}-months`]) },
        ]),
      );
      const changed = await ctx.db.transaction().execute((tx) => saveStandardSettings(tx, changes, userOf(_request).id));
      return { next: '/practice-standards', action: 'setting-changed', objectType: 'practice-standards', objectId: changed.join(',') || 'none' };
    },
  });

  app.get('/practice-standards/:standardId', { config: { guard: GUARD } }, async (request, reply) => {
    const { standardId } = StandardParamsSchema.parse(request.params);
    const query = LevelQuery.parse(request.query ?? {});
    const filter: LevelFilter = { teamId: query.team, workerId: query.worker };
    const detail = await standardDetail(ctx.db, userOf(request), standardId, today(), filter, query.page);
    await request.audit({ action: 'view-child', objectType: 'practice-standard-children', objectId: null, detail: { standard: standardId, team: query.team ?? null, worker: query.worker ?? null, children: detail.exceptions.length, page: query.page } });
    const here = `/practice-standards/${standardId}?${query.team ? `team=${query.team}` : ''}${query.worker ? `&worker=${query.worker}` : ''}`;
    const pageCount = Math.max(1, Math.ceil(detail.exceptionTotal / EXCEPTIONS_PAGE_SIZE));
    return reply.render('practice-standards/views/standard.njk', {
      title: detail.standard.title,
      ...detail,
      first: (query.page - 1) * EXCEPTIONS_PAGE_SIZE + 1,
      exportQuery: `${query.team ? `team=${query.team}` : ''}${query.worker ? `&worker=${query.worker}` : ''}`,
      backHref: detail.worker && detail.team ? `/practice-standards/${standardId}?team=${detail.team.id}` : detail.team || detail.worker ? `/practice-standards/${standardId}` : '/practice-standards',
      pagination: govukPagination(Math.min(query.page, pageCount), pageCount, (p) => `${here}${p > 1 ? `&page=${p}` : ''}`),
    });
  });

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/practice-standards/:standardId/exceptions.${format}`, { config: { guard: GUARD } }, async (request, reply) => {
      const { standardId } = StandardParamsSchema.parse(request.params);
      const query = LevelQuery.parse(request.query ?? {});
      const list = await exceptionList(ctx.db, userOf(request), standardId, today(), { teamId: query.team, workerId: query.worker });
      await request.audit({ action: 'export', objectType: 'practice-standard-children', objectId: null, detail: { standard: standardId, team: query.team ?? null, worker: query.worker ?? null, format, children: list.exceptions.length } });
      reply.header('content-disposition', `attachment; filename="${exportName(list, format)}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(exceptionsCsv(list));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await exceptionsXlsx(list));
    });
  }

  childPage(app, ctx, {
    path: '/children/:childId/practice-standards',
    audit: 'practice-standards',
    template: 'practice-standards/views/child.njk',
    load: async ({ child, today: day }) => ({ title: 'Practice standards', standards: await childStandards(ctx.db, child.id, day) }),
  });

  const tag = 'Practice standards';

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/practice-standards',
    summary: 'Each practice standard switched on, with the council’s compliance over the children the user may see, its paired quality (child’s views, audit grade) and every % with its numerator and denominator',
    tag,
    guard: GUARD,
    handler: async ({ request }) => overview(ctx.db, userOf(request), today()),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/practice-standards/:standardId',
    summary: 'One practice standard one level down (by team; with team, by worker; with worker, by child), with the children not meeting it and where each is put right',
    tag,
    params: StandardParamsSchema,
    query: LevelQuery,
    guard: GUARD,
    handler: async ({ params, query, request }) => {
      const detail = await standardDetail(ctx.db, userOf(request), params.standardId, today(), { teamId: query.team, workerId: query.worker }, query.page);
      await request.audit({ action: 'view-child', objectType: 'practice-standard-children', objectId: null, detail: { standard: params.standardId, api: true, children: detail.exceptions.length } });
      return detail;
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/practice-standards/settings',
    summary: 'Set the council’s practice standards: on or off, the days (where a standard has them) and the months looked back (administrators and senior leaders; audited)',
    tag,
    body: SettingsBody,
    guard: SETTINGS_GUARD,
    handler: async ({ body, request }) => {
      mayChange(request);
      const settings = await loadStandardSettings(ctx.db);
      const changes = new Map<string, StandardParams>();
      for (const s of body.standards) {
        const setting = settings.find((x) => x.standard.id === s.id);
        if (!setting) throw new RuleBroken(`There is no practice standard “${s.id}”.`);
        if (setting.standard.days && (s.days === undefined || s.days === null)) throw new RuleBroken(`Give the number of days for “${s.id}”.`);
        changes.set(s.id, { enabled: s.enabled, days: setting.standard.days ? (s.days ?? null) : null, lookBackMonths: s.lookBackMonths });
      }
      const changed = await ctx.db.transaction().execute((tx) => saveStandardSettings(tx, changes, userOf(request).id));
      await request.audit({ action: 'setting-changed', objectType: 'practice-standards', objectId: changed.join(',') || 'none' });
      return { changed };
    },
  });
};
