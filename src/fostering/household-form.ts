// A form about a fostering household (or a new one), on the shared record form with the area's one
// template (views/form.njk), drawn from a list of fields. A household is not a child: its forms are
// guarded by role, and a GET of one that shows a household's record is audited as a view of it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import type { Values } from '../server/child-pages.ts';
import type { Guard } from '../server/guard.ts';
import { recordForm, type RecordFormSaved } from '../server/record-form.ts';
import { NotFound } from '../server/errors.ts';
import { FOSTERING_RECORD } from './guards.ts';
import { householdName } from './placing.ts';

export const householdPath = (id: string) => `/fostering/households/${id}`;
/** "Back" from a household's form: to its page, named by its carers. */
export const backToHousehold = (h: { id: string; first_carer: string; second_carer: string | null }) => ({ href: householdPath(h.id), text: householdName(h) });
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Audits a view of a household's record (carers are people: their record is personal data). */
export const auditHousehold = (request: FastifyRequest, id: string, detail: Record<string, unknown> = {}) =>
  request.audit({ action: 'view-child', objectType: 'fostering-household', objectId: id, detail: { route: request.routeOptions.url, ...detail } });

/** The household id in the path: a malformed one is simply not found. */
export function householdIdOf(request: FastifyRequest): string {
  return idInPath(request, 'householdId', 'No fostering household with that id');
}

/** An id in the path (a household's, or one of its records'): a malformed one is simply not found. */
export function idInPath(request: FastifyRequest, param: string, missing: string): string {
  const id = (request.params as Record<string, string>)[param] ?? '';
  if (!UUID.test(id)) throw new NotFound(missing);
  return id;
}

export interface Field {
  type: 'date' | 'text' | 'textarea' | 'radios' | 'number' | 'select';
  name: string;
  label: string;
  hint?: string;
  options?: readonly { code: string; label: string; hint?: string }[];
  classes?: string;
}

export const dateField = (name: string, label: string, hint?: string): Field => ({ type: 'date', name, label, ...(hint ? { hint } : {}) });

export const YES_NO = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
] as const;
export const yesNo = (v: boolean | null | undefined) => (v === true ? 'yes' : v === false ? 'no' : undefined);

/** What the form's template shows. */
export interface HouseholdFormView {
  title: string;
  intro?: string | null;
  fields: Field[];
  button: string;
  back: { href: string; text: string };
  caption?: string | null;
  /** A correction: the version seen is sent back, and the reason for the correction asked. */
  correcting?: boolean;
  /** A record whose own field is called "reason" (a risk assessment) asks the correction's reason under this name. */
  correctionReasonField?: string;
  /** A deletion that sends back the version seen (a member of the household, decision 0068). */
  keepsVersion?: boolean;
}

export interface HouseholdFormDef<S extends z.ZodType, D> {
  path: string;
  guard?: Guard;
  schema: S;
  dates?: readonly string[];
  load: (request: FastifyRequest) => Promise<D>;
  initial: (data: D, today: string) => Values;
  view: (data: D) => HouseholdFormView;
  save: (input: z.output<S>, request: FastifyRequest, data: D) => Promise<RecordFormSaved>;
  /** The household whose record the form shows (its GET is audited as a view). */
  householdOf?: (data: D) => string | null;
  fallbackField?: string;
}

export function householdForm<S extends z.ZodType, D>(app: FastifyInstance, ctx: AppContext, def: HouseholdFormDef<S, D>): void {
  const { view, householdOf, guard, ...rest } = def;
  recordForm<S, D>(app, ctx, {
    ...rest,
    guard: guard ?? FOSTERING_RECORD,
    view: (data) => ({ template: 'fostering/views/form.njk', context: { ...view(data) } }),
    fields: (data) => view(data).fields.map((f) => f.name),
    viewed: async (request, data) => {
      const id = householdOf?.(data);
      if (id) await auditHousehold(request, id);
    },
  });
}
