// A form that asks only why: an improvement action reopened or removed, a worker's supervision
// session deleted. The record is not changed by what is typed but by the step itself; the reason is
// kept with the version it replaces (soft delete, correction). A child's record uses childDelete.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from './context.ts';
import type { Values } from './child-pages.ts';
import type { Guard } from './guard.ts';
import { reasonInput } from './forms.ts';
import { recordForm, type RecordFormSaved } from './record-form.ts';

export interface ReasonFormDef<D> {
  path: string;
  guard: Guard;
  /** The record the step is about; throws Forbidden or NotFound for a user or record it does not allow. */
  load: (request: FastifyRequest) => Promise<D>;
  /** The error when no reason is given, e.g. "Say why the action is reopened". */
  missing: string;
  template: string;
  /** The template's context (with `title`); `values`, `errors` and `dateItems` are added. */
  view: (data: D, values: Values) => Values;
  /** Takes the step with the reason; returns where to go and what to audit. */
  save: (reason: string, request: FastifyRequest, data: D) => Promise<RecordFormSaved>;
}

/** A page with one question, "Why?", that takes a step on a record which is not a child's. */
export function reasonForm<D>(app: FastifyInstance, ctx: AppContext, def: ReasonFormDef<D>): void {
  recordForm(app, ctx, {
    path: def.path,
    guard: def.guard,
    schema: reasonInput(def.missing),
    load: def.load,
    initial: () => ({}),
    view: (data, values) => ({ template: def.template, context: def.view(data, values) }),
    fields: () => ['reason'],
    save: (input, request, data) => def.save(input.reason, request, data),
  });
}
