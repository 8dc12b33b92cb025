// The providers register's page (decision 0077): whoever makes the returns loads Ofsted's provider
// lists (the children's homes list and the social care providers list, as downloaded from Ofsted), and
// reads what the register holds and every row a load could not take. HTTP only: loading is register.ts.
import { z } from 'zod';
import type { RegisterRoutes } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { singleError } from '../server/forms.ts';
import { can } from '../access/roles.ts';
import { loadOfstedLists } from './register.ts';
import { UnreadableList } from './read-ofsted.ts';
import * as repo from './repository.ts';
import type { RejectedProviderRow } from './tables.ts';

export const PROVIDERS_GUARD: Guard = {
  signedIn: true,
  capability: 'make-returns',
  reason: 'Ofsted’s provider lists are what the SSDA903 return’s URNs are checked against: whoever makes the returns loads them',
};

addNavigationItem({ href: '/returns/providers', text: 'Ofsted providers', show: (role) => can(role, 'make-returns') });

const Workbook = z.object({ fileName: z.string(), bytes: z.instanceof(Buffer) });
const Upload = z.object({ workbooks: z.union([Workbook, z.array(Workbook)]).optional() });
const LoadQuery = z.object({ load: z.uuid().optional() });
const LIST_NAMES = { children_homes: 'Children’s homes list', social_care_providers: 'Social care providers list', combined: 'Combined list' } as const;
const REJECTED_SHOWN = 500;

export const providerRoutes: RegisterRoutes = (app, ctx) => {
  const page = async (loadId?: string, extra: Record<string, unknown> = {}) => {
    const [counts, loads, last] = await Promise.all([repo.registerCounts(ctx.db), repo.recentLoads(ctx.db), loadId ? repo.loadOf(ctx.db, loadId) : repo.lastLoad(ctx.db)]);
    const rejected = (last?.rejected ?? []) as RejectedProviderRow[];
    return {
      title: 'Ofsted providers',
      counts: counts.map((c) => ({ ...c, name: LIST_NAMES[c.list] })),
      total: counts.reduce((n, c) => n + c.providers, 0),
      loads,
      shown: last ?? null,
      rejected: rejected.slice(0, REJECTED_SHOWN),
      rejectedTotal: rejected.length,
      ...extra,
    };
  };

  app.get('/returns/providers', { config: { guard: PROVIDERS_GUARD } }, async (request, reply) => {
    const query = LoadQuery.safeParse(request.query);
    return reply.render('providers/views/providers.njk', await page(query.success ? query.data.load : undefined));
  });

  app.post('/returns/providers', { config: { guard: PROVIDERS_GUARD } }, async (request, reply) => {
    const upload = Upload.safeParse(request.body);
    const sent = upload.success ? upload.data.workbooks : undefined;
    const files = (Array.isArray(sent) ? sent : sent ? [sent] : []).filter((f) => f.bytes.length > 0);
    const refuse = async (message: string) => reply.code(400).render('providers/views/providers.njk', await page(undefined, { errors: singleError('workbooks', message) }));
    if (files.length === 0) return refuse('Choose Ofsted’s provider lists to load: the children’s homes list and the social care providers list (.xlsx), or the combined list');
    try {
      const result = await loadOfstedLists(ctx.db, files, request.user!.id);
      await request.audit({ action: 'create', objectType: 'ofsted-provider-list', objectId: result.loadId, detail: { files: files.map((f) => f.fileName), providers: result.providers, rejected: result.rejected } });
      return reply.redirect(`/returns/providers?load=${result.loadId}`, 303);
    } catch (error) {
      if (error instanceof UnreadableList) return refuse(error.message);
      throw error;
    }
  });
};
