// The API's correction (PUT, with the reason) and deletion (DELETE, soft, with the reason) of a
// recorded fact, declared once: every area's pair had the same guard, audit row and `{ id }` answer,
// written out by hand. An area gives the URL, the record the path names and its service calls. A record
// that is not a child's (a fostering household's) gives its own guard instead of the child's.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { SignedInUser } from '../access/policy.ts';
import { apiRoute } from './api.ts';
import { childApi, Deletion } from './child-pages.ts';
import type { AppContext } from './context.ts';
import { userOf, type ChildGuard, type Guard } from './guard.ts';

/** What the service call adds to the answer beside the record's id (a deletion that took more with it). */
type Saved = void | { more: Record<string, unknown> };

/** What a deletion asks: the reason (Deletion), and what else a record's deletion checks (the version seen). */
type DeletionBody = z.ZodType<z.output<typeof Deletion>>;

export interface CorrectionApiDef<P extends z.ZodType<Record<string, string>>, C extends z.ZodType, D extends DeletionBody = typeof Deletion> extends Omit<ChildGuard, 'access' | 'audit'> {
  /** The record's URL; its last parameter is the record's id, answered as `{ id }` and audited. */
  url: string;
  tag: string;
  /** What the change is audited as, e.g. 'visit'. */
  objectType: string;
  params: P;
  /** Who may change a record that is not a child's; absent, the child's guard ('change'). */
  guard?: Guard;
  correct?: { summary: string; body: C; save: (user: SignedInUser, params: z.output<P>, body: z.output<C>, today: string) => Promise<Saved> };
  remove?: { summary: string; body?: D; save: (user: SignedInUser, params: z.output<P>, body: z.output<D>, today: string) => Promise<Saved> };
}

export function correctionApi<P extends z.ZodType<Record<string, string>>, C extends z.ZodType, D extends DeletionBody = typeof Deletion>(
  app: FastifyInstance,
  ctx: AppContext,
  def: CorrectionApiDef<P, C, D>,
): void {
  const { url, tag, objectType, params, guard: ownGuard, correct, remove, ...childGuard } = def;
  const guard = ownGuard ?? childApi('change', objectType, childGuard);
  const idParam = /:(\w+)$/.exec(url)?.[1];
  if (!idParam) throw new Error(`${url}: a correction's URL ends with the record's id`);
  const answer = (p: z.output<P>, saved: Saved) => ({ id: p[idParam], ...(saved ? saved.more : {}) });
  if (correct) {
    apiRoute(app, {
      method: 'PUT',
      url,
      summary: correct.summary,
      tag,
      params,
      body: correct.body,
      guard,
      change: { action: 'update', objectType },
      handler: async ({ params: p, body, request }) => answer(p, await correct.save(userOf(request), p, body, ctx.time.today())),
    });
  }
  if (remove) {
    apiRoute(app, {
      method: 'DELETE',
      url,
      summary: remove.summary,
      tag,
      params,
      body: remove.body ?? Deletion,
      guard,
      change: { action: 'delete', objectType },
      // Deletion itself where the record asks nothing more (D's default).
      handler: async ({ params: p, body, request }) => answer(p, await remove.save(userOf(request), p, body as z.output<D>, ctx.time.today())),
    });
  }
}
