// A step recorded through the API about a child (POST, `{ id }` back): the same service function and
// guard as its page, declared once for every area that records steps (proceedings, periods of care).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { SignedInUser } from '../access/policy.ts';
import { apiRoute } from './api.ts';
import { childApi } from './child-pages.ts';
import type { AppContext } from './context.ts';
import type { ChildGuard } from './guard.ts';

export interface StepApiDef<S extends z.ZodType, P extends z.ZodType<{ childId: string }>> {
  url: string;
  summary: string;
  params: P;
  body: S;
  /** What the change is audited as. */
  objectType: string;
  records?: ChildGuard['records'];
  action?: 'create' | 'update';
  /**
   * Records the step; returns the id audited and answered. A step on a record that exists already
   * (`action: 'update'`) may return nothing: the id is then the URL's last parameter, the record's.
   */
  save: (user: SignedInUser, params: z.output<P>, data: z.output<S>, today: string) => Promise<string | void>;
}

/** The URL's last parameter, which names the record a step on an existing record changes. */
function lastParam(url: string): string | undefined {
  return [...url.matchAll(/:(\w+)/g)].at(-1)?.[1];
}

/** The `record` function of an area's API, with its OpenAPI tag. */
export function stepApi(app: FastifyInstance, ctx: AppContext, tag: string) {
  return <S extends z.ZodType, P extends z.ZodType<{ childId: string }>>(op: StepApiDef<S, P>) => {
    const recordParam = op.action === 'update' ? lastParam(op.url) : undefined;
    const answer = (params: z.output<P>, id: string | void): { id: string } => {
      const answered = id ?? (recordParam ? (params as Record<string, string>)[recordParam] : undefined);
      if (!answered) throw new Error(`${op.url}: a step that creates a record returns its id`);
      return { id: answered };
    };
    return apiRoute(app, {
      method: 'POST',
      url: op.url,
      summary: op.summary,
      tag,
      params: op.params,
      body: op.body,
      guard: childApi('change', op.objectType, op.records ? { records: op.records } : {}),
      change: { action: op.action ?? 'create', objectType: op.objectType },
      handler: async ({ params, body, request }: { params: z.output<P>; body: z.output<S>; request: FastifyRequest }) => answer(params, await op.save(request.user!, params, body, ctx.time.today())),
    });
  };
}
