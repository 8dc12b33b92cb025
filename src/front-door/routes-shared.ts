// What the front door's route files share: paths, how a route about a contact declares its child,
// the one check for a child named in a form rather than the path, and the two forms that are about
// no child yet (a contact found by LA child ID, a partner's referral).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { mayChangeChild } from '../access/policy.ts';
import type { Capability } from '../access/roles.ts';
import { formContext, type Page, type Saved, type Values } from '../server/child-pages.ts';
import type { AppContext } from '../server/context.ts';
import { Forbidden, RuleBroken } from '../server/errors.ts';
import { foldDateInputs, mergeErrors, parseForm, shortYearErrors, singleError, type FormErrors } from '../server/forms.ts';
import { userOf } from '../server/guard.ts';
import { frontDoorStaff } from './access.ts';

export const VIEWS = 'front-door/views';
export const contactPath = (id: string) => `/front-door/contacts/${id}`;
export const childContactsPath = (childId: string) => `/children/${childId}/contacts`;

/** A route about a contact takes its child from the contact. */
export const ofContact = { from: { param: 'contactId', record: 'contact' } } as const;
/** …and a partner's referral not yet matched to a child is for the front door staff alone. */
export const ofContactMatchedOrNot = { ...ofContact, withoutChild: frontDoorStaff } as const;
/** A check belongs to the contact in the path. */
export const ofCheck = { ...ofContact, records: { checkId: 'agency_check' } } as const;

/** Path parameters the guard has checked. */
export const param = (page: Page, name: string): string => page.params[name]!;

/**
 * A child named in a form (an LA child ID typed, a child chosen to match a referral) rather than in
 * the path, so the route guard could not check them: checked here the same way, and a refusal is
 * audited naming the child.
 */
export async function requireRecordOn(ctx: AppContext, request: FastifyRequest, childId: string): Promise<void> {
  if (await mayChangeChild(ctx.db, userOf(request), childId)) return;
  await request.audit({ action: 'denied', childId, objectType: 'child', objectId: childId, detail: { route: request.routeOptions.url, method: request.method } });
  throw new Forbidden('You cannot record on this child’s record.', true);
}

export interface SignedInFormDef<S extends z.ZodType> {
  path: string;
  /** Why the route is about no one child (the guard's reason). */
  reason: string;
  capability: Capability;
  template: string;
  schema: S;
  dates?: readonly string[];
  initial: (page: { request: FastifyRequest; today: string }) => Values;
  view: (values: Values, request: FastifyRequest) => Promise<Values> | Values;
  /** Saves and audits; returns where to go. */
  save: (input: z.infer<S>, request: FastifyRequest, values: Values) => Promise<Pick<Saved, 'next'>>;
  fields?: readonly string[];
  fallbackField?: string;
  /** Answers the GET itself (a redirect) instead of showing the form. */
  redirect?: (request: FastifyRequest) => string | null;
}

/**
 * A form about no child yet, for a signed-in user with a capability: as childForm does, a zod error
 * re-renders with 400 and a broken rule with 422, with everything typed put back.
 */
export function signedInForm<S extends z.ZodType>(app: FastifyInstance, ctx: AppContext, def: SignedInFormDef<S>): void {
  const config = { guard: { signedIn: true as const, capability: def.capability, reason: def.reason } };
  const show = async (request: FastifyRequest, reply: FastifyReply, values: Values, status: number, errors?: FormErrors) =>
    reply.code(status).render(def.template, { ...(await def.view(values, request)), ...formContext(values, errors) });

  app.get(def.path, { config }, async (request, reply) => {
    const to = def.redirect?.(request);
    if (to) return reply.code(303).redirect(to);
    return show(request, reply, def.initial({ request, today: ctx.time.today() }), 200);
  });

  app.post(def.path, { config }, async (request, reply) => {
    const values = foldDateInputs({ ...((request.body as Values | undefined) ?? {}) }, def.dates ?? []);
    const parsed = parseForm(def.schema, values);
    const shortYears = shortYearErrors(values, def.dates ?? []);
    if (!parsed.ok || shortYears) return show(request, reply, values, 400, mergeErrors(shortYears, parsed.ok ? null : parsed.errors)!);
    try {
      const saved = await def.save(parsed.data, request, values);
      return reply.code(303).redirect(saved.next);
    } catch (error) {
      if (!(error instanceof RuleBroken)) throw error;
      const field = error.field && (!def.fields || def.fields.includes(error.field)) ? error.field : (def.fallbackField ?? 'form');
      return show(request, reply, values, 422, singleError(field, error.message));
    }
  });
}
