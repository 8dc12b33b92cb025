// A form about a worker rather than a child (their supervision sessions, a concern): as childForm,
// a zod error re-renders with 400, a broken rule with 422, everything typed put back, the change
// audited and a 303 to the next page. Access is the service's (only the worker's supervisor).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import { formContext, type Values } from '../server/child-pages.ts';
import { RuleBroken } from '../server/errors.ts';
import { foldDateInputs, mergeErrors, parseForm, shortYearErrors, singleError, type FormErrors } from '../server/forms.ts';

export interface WorkerFormDef<S extends z.ZodType, D> {
  path: string;
  guard: Guard;
  template: string;
  schema: S;
  dates?: readonly string[];
  /** What the page needs; throws Forbidden for a user who may not use the form. */
  load: (request: FastifyRequest) => Promise<D>;
  initial: (data: D, today: string) => Values;
  view: (data: D, values: Values) => Values;
  save: (input: z.infer<S>, request: FastifyRequest, data: D) => Promise<{ next: string; action: 'create' | 'update' | 'delete'; objectType: string; objectId: string }>;
  fields: readonly string[];
}

export function workerForm<S extends z.ZodType, D>(app: FastifyInstance, ctx: AppContext, def: WorkerFormDef<S, D>): void {
  const config = { guard: def.guard };
  const show = (reply: FastifyReply, data: D, values: Values, status: number, errors?: FormErrors) =>
    reply.code(status).render(def.template, { ...def.view(data, values), ...formContext(values, errors) });
  app.get(def.path, { config }, async (request, reply) => {
    const data = await def.load(request);
    return show(reply, data, def.initial(data, ctx.time.today()), 200);
  });
  app.post(def.path, { config }, async (request, reply) => {
    const data = await def.load(request);
    const values = foldDateInputs({ ...((request.body as Values | undefined) ?? {}) }, def.dates ?? []);
    const parsed = parseForm(def.schema, values);
    const shortYears = shortYearErrors(values, def.dates ?? []);
    if (!parsed.ok || shortYears) return show(reply, data, values, 400, mergeErrors(shortYears, parsed.ok ? null : parsed.errors)!);
    try {
      const saved = await def.save(parsed.data, request, data);
      await request.audit({ action: saved.action, objectType: saved.objectType, objectId: saved.objectId });
      return reply.code(303).redirect(saved.next);
    } catch (error) {
      if (!(error instanceof RuleBroken)) throw error;
      const field = error.field && def.fields.includes(error.field) ? error.field : (def.fields[0] ?? 'form');
      return show(reply, data, values, 422, singleError(field, error.message));
    }
  });
}
