// A form about a worker rather than a child (their supervision sessions, a concern): the shared
// record form with this area's templates. Access is the service's (only the worker's supervisor).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import type { Values } from '../server/child-pages.ts';
import { recordForm, type RecordFormSaved } from '../server/record-form.ts';

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
  save: (input: z.output<S>, request: FastifyRequest, data: D) => Promise<RecordFormSaved>;
  fields: readonly string[];
}

export function workerForm<S extends z.ZodType, D>(app: FastifyInstance, ctx: AppContext, def: WorkerFormDef<S, D>): void {
  recordForm(app, ctx, { ...def, view: (data, values) => ({ template: def.template, context: def.view(data, values) }), fields: () => def.fields });
}
