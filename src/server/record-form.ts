// A form about a record that is not a child's (a worker's supervision file, a fostering or adopter
// household): what childForm does for a child. GET shows it (and audits the view where the record is
// personal data); POST validates, saves, audits the change and redirects 303; a zod error re-renders
// with 400 and a broken rule with 422, with everything typed put back. The route's guard says who may
// use it; `load` may refuse a user the record does not allow (Forbidden).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AuditAction } from '../access/audit.ts';
import type { AppContext } from './context.ts';
import { formContext, type Values } from './child-pages.ts';
import { RuleBroken } from './errors.ts';
import { foldDateInputs, mergeErrors, parseForm, shortYearErrors, singleError, type FormErrors } from './forms.ts';
import type { Guard } from './guard.ts';

export interface RecordFormSaved {
  next: string;
  action: AuditAction;
  objectType: string;
  objectId: string;
}

export interface RecordFormDef<S extends z.ZodType, D> {
  path: string;
  guard: Guard;
  schema: S;
  /** Date fields, folded from GOV.UK's three inputs before validation. */
  dates?: readonly string[];
  /** What the form needs; throws Forbidden or NotFound for a user or record it does not allow. */
  load: (request: FastifyRequest) => Promise<D>;
  /** The fields' first values. */
  initial: (data: D, today: string) => Values;
  /** The template and its context (`values`, `errors` and `dateItems` are added). */
  view: (data: D, values: Values, request: FastifyRequest) => { template: string; context: Values };
  /** The fields a broken rule may name; it is shown on `fallbackField` (default the first) otherwise. */
  fields: (data: D) => readonly string[];
  fallbackField?: string;
  /** Audits a GET of the form as a view of the record it shows, where that is personal data. */
  viewed?: (request: FastifyRequest, data: D) => Promise<void>;
  save: (input: z.output<S>, request: FastifyRequest, data: D) => Promise<RecordFormSaved>;
}

export function recordForm<S extends z.ZodType, D>(app: FastifyInstance, ctx: AppContext, def: RecordFormDef<S, D>): void {
  const config = { guard: def.guard };
  const show = (request: FastifyRequest, data: D, values: Values, errors?: FormErrors) => {
    const { template, context } = def.view(data, values, request);
    return { template, context: { ...context, ...formContext(values, errors) } };
  };

  app.get(def.path, { config }, async (request, reply) => {
    const data = await def.load(request);
    await def.viewed?.(request, data);
    const { template, context } = show(request, data, def.initial(data, ctx.time.today()));
    return reply.render(template, context);
  });

  app.post(def.path, { config }, async (request, reply) => {
    const data = await def.load(request);
    const dates = def.dates ?? [];
    const values = foldDateInputs({ ...((request.body as Values | undefined) ?? {}) }, dates);
    const parsed = parseForm(def.schema, values);
    const shortYears = shortYearErrors(values, dates);
    if (!parsed.ok || shortYears) {
      const { template, context } = show(request, data, values, mergeErrors(shortYears, parsed.ok ? null : parsed.errors)!);
      return reply.code(400).render(template, context);
    }
    let saved: RecordFormSaved;
    try {
      saved = await def.save(parsed.data, request, data);
    } catch (error) {
      if (!(error instanceof RuleBroken)) throw error;
      const fields = def.fields(data);
      const field = error.field && fields.includes(error.field) ? error.field : (def.fallbackField ?? fields[0] ?? 'form');
      const { template, context } = show(request, data, values, singleError(field, error.message));
      return reply.code(422).render(template, context);
    }
    await request.audit({ action: saved.action, objectType: saved.objectType, objectId: saved.objectId });
    return reply.code(303).redirect(saved.next);
  });
}
