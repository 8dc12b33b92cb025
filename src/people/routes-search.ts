// "Find a child". The audit entry says what kind of search was made, never what was typed.
import type { RegisterRoutes } from '../server/context.ts';
import { can } from '../access/roles.ts';
import { userOf } from '../server/guard.ts';
import { singleError } from '../server/forms.ts';
import { PAGE_SIZE, parseSearch, searchChildren } from './search.ts';

/** A list that filters with childVisibleTo: signed in, and a role that may search. */
export const SEARCH_GUARD = { signedIn: true, capability: 'search-children', reason: 'Finds children the user may see (childVisibleTo)' } as const;

/** GOV.UK pagination: previous, next, the first and last pages and those around the current one. */
export function paginationFor(q: string, page: number, total: number) {
  const pages = Math.ceil(total / PAGE_SIZE);
  if (pages <= 1) return null;
  const href = (n: number) => `/children?${new URLSearchParams({ q, page: String(n) }).toString()}`;
  const items: Record<string, unknown>[] = [];
  for (let n = 1; n <= pages; n++) {
    if (n === 1 || n === pages || Math.abs(n - page) <= 1) items.push({ number: n, href: href(n), current: n === page });
    else if (items.at(-1)?.['ellipsis'] !== true) items.push({ ellipsis: true });
  }
  return {
    items,
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
  };
}

export const searchRoutes: RegisterRoutes = (app, ctx) => {
  app.get('/children', { config: { guard: SEARCH_GUARD } }, async (request, reply) => {
    const user = userOf(request);
    const query = request.query as { q?: unknown; page?: unknown };
    const q = typeof query.q === 'string' ? query.q.slice(0, 100) : '';
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(query.page ?? '1'), 10) || 1));
    const base = { title: 'Find a child', q, canCreate: can(user.role, 'create-child') };
    if (!q.trim()) return reply.render('people/views/search.njk', base);
    const search = parseSearch(q);
    if (!search) {
      return reply.code(400).render('people/views/search.njk', { ...base, errors: singleError('q', 'Enter a name, LA child ID, NHS number or a real date of birth like 27/03/2019') });
    }
    const { total, more, hits } = await searchChildren(ctx.db, user, search, page);
    await request.audit({ action: 'search-children', objectType: 'person', detail: { kind: search.kind } });
    return reply.render('people/views/search.njk', { ...base, searched: true, total, more, hits, pagination: paginationFor(q, page, total) });
  });
};
