// A form that is not on a child's record (a worker's profile, a transfer offered to a manager): GET
// shows it, POST validates, saves and redirects 303; a zod error re-renders with 400 and a broken
// rule with 422, with everything typed put back, as childForm does for a child's record.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Guard } from '../server/guard.ts';
import { formContext, type Values } from '../server/child-pages.ts';
import { RuleBroken } from '../server/errors.ts';
import { foldDateInputs, mergeErrors, parseForm, shortYearErrors, singleError, type FormErrors } from '../server/forms.ts';

export interface SignedInFormDef<S extends z.ZodType, D> {
  path: string;
  guard: Guard;
  template: string;
  schema: S;
  dates?: readonly string[];
  fields: readonly string[];
  load: (request: FastifyRequest) => Promise<D>;
  initial?: (data: D) => Values;
  view: (data: D, values: Values) => Values;
  save: (input: z.infer<S>, request: FastifyRequest, data: D) => Promise<string>;
}

export function signedInForm<S extends z.ZodType, D>(app: FastifyInstance, def: SignedInFormDef<S, D>): void {
  const show = (reply: FastifyReply, data: D, values: Values, status: number, errors?: FormErrors) =>
    reply.code(status).render(def.template, { ...def.view(data, values), ...formContext(values, errors) });

  app.get(def.path, { config: { guard: def.guard } }, async (request, reply) => {
    const data = await def.load(request);
    return show(reply, data, def.initial?.(data) ?? {}, 200);
  });

  app.post(def.path, { config: { guard: def.guard } }, async (request, reply) => {
    const data = await def.load(request);
    const values = foldDateInputs({ ...((request.body as Values | undefined) ?? {}) }, def.dates ?? []);
    const parsed = parseForm(def.schema, values);
    const shortYears = shortYearErrors(values, def.dates ?? []);
    if (!parsed.ok || shortYears) return show(reply, data, values, 400, mergeErrors(shortYears, parsed.ok ? null : parsed.errors)!);
    try {
      return reply.code(303).redirect(await def.save(parsed.data, request, data));
    } catch (error) {
      if (!(error instanceof RuleBroken)) throw error;
      const field = error.field && def.fields.includes(error.field) ? error.field : def.fields[0]!;
      return show(reply, data, values, 422, singleError(field, error.message));
    }
  });
}
