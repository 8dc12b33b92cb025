// The one way to write a page or form about a child. A declaration says the path, the access it
// needs, what it shows and (for a form) the schema and how it saves; from it follow the access
// check and the audit row (the route guard), CSRF (the app), the 400 re-render with everything typed
// put back, the 422 re-render for a broken rule of the record, the audit row of the change and the
// 303 redirect. See docs/CONVENTIONS.md and src/visits/routes.ts for an example.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SignedInUser } from '../access/policy.ts';
import type { Capability } from '../access/roles.ts';
import type { AuditAction } from '../access/audit.ts';
import type { AppContext } from './context.ts';
import { RuleBroken } from './errors.ts';
import { dateInputItems, foldDateInputs, mergeErrors, parseForm, reasonInput, shortYearErrors, singleError, type FormErrors } from './forms.ts';
import { childOf, userOf, type ChildGuard, type GuardedChild, type OwnedRecord } from './guard.ts';
import { decisionStatus } from '../oversight/decision-status.ts';
import type { DecisionKindCode } from '../oversight/codes.ts';

export type Values = Record<string, unknown>;

/** What a page's functions are given. */
export interface Page {
  ctx: AppContext;
  request: FastifyRequest;
  reply: FastifyReply;
  user: SignedInUser;
  /** The child the page is about (checked, audited, with their heading). */
  child: GuardedChild;
  /** The child, or null on a page about a record with no child yet (a contact not yet matched). */
  maybeChild: GuardedChild | null;
  /** Path parameters (ids already checked by the guard). */
  params: Record<string, string>;
  query: Record<string, unknown>;
  today: string;
}

/** The access part of a declaration. */
export interface Access {
  /** The path, with `:childId` or a record that names the child (`from`). */
  path: string;
  /** 'see' (default for pages) or 'change' (default for forms). */
  access?: 'see' | 'change';
  from?: ChildGuard['from'];
  records?: ChildGuard['records'];
  capability?: Capability;
  withoutChild?: ChildGuard['withoutChild'];
  onlyIf?: ChildGuard['onlyIf'];
  auditDetail?: ChildGuard['auditDetail'];
  /** What a view is audited as (objectType), e.g. 'visit'. */
  audit: string;
  action?: AuditAction;
}

function guardOf(def: Access, defaultAccess: 'see' | 'change'): { child: ChildGuard } {
  return {
    child: {
      access: def.access ?? defaultAccess,
      audit: def.audit,
      ...(def.from ? { from: def.from } : {}),
      ...(def.records ? { records: def.records } : {}),
      ...(def.capability ? { capability: def.capability } : {}),
      ...(def.action ? { action: def.action } : {}),
      ...(def.withoutChild ? { withoutChild: def.withoutChild } : {}),
      ...(def.onlyIf ? { onlyIf: def.onlyIf } : {}),
      ...(def.auditDetail ? { auditDetail: def.auditDetail } : {}),
    },
  };
}

function pageOf(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Page {
  return {
    ctx,
    request,
    reply,
    user: userOf(request),
    get child() {
      return childOf(request);
    },
    maybeChild: request.child,
    params: (request.params ?? {}) as Record<string, string>,
    query: (request.query ?? {}) as Record<string, unknown>,
    today: ctx.time.today(),
  };
}

export interface ChildPageDef extends Access {
  template: string;
  /** Everything the template needs (with `title`); the child's heading is added as `child`. */
  load: (page: Page) => Promise<Values>;
}

/** A page that shows part of a child's record. */
export function childPage(app: FastifyInstance, ctx: AppContext, def: ChildPageDef): void {
  app.get(def.path, { config: { guard: guardOf(def, 'see') } }, async (request, reply) => {
    const page = pageOf(ctx, request, reply);
    const view = await def.load(page);
    if (reply.sent) return reply;
    return reply.render(def.template, { child: request.child, ...view });
  });
}

/** What a save did: where to go next, and the change to audit (create, update or delete). */
export interface Saved {
  next: string;
  audit?: { action: 'create' | 'update' | 'delete'; objectType: string; objectId: string | null };
}

export interface ChildFormDef<S extends z.ZodType, D> extends Access {
  template: string;
  schema: S | ((page: Page) => S);
  /** GOV.UK date inputs to fold into YYYY-MM-DD before the schema reads them. */
  dates?: readonly string[];
  /** Turns what was posted (dates folded) into what the schema reads; default: as posted. */
  input?: (values: Values) => unknown;
  /** What the page needs, for the first view and for a re-render with errors. */
  load: (page: Page) => Promise<D>;
  /** The form's first values, from what the record knows. */
  initial?: (data: D, page: Page) => Values;
  /** The template's context (with `title`); `values`, `errors` and `dateItems` are added. */
  view: (data: D, values: Values, page: Page, errors: FormErrors | undefined) => Values;
  save: (input: z.infer<S>, page: Page, values: Values) => Promise<Saved>;
  /** When true for what was posted, shows the form again without saving (an "Add another" button). */
  redisplay?: (values: Values) => boolean;
  /** Fields the form shows: a broken rule naming another field is shown against `fallbackField`. */
  fields?: readonly string[];
  fallbackField?: string;
  /**
   * The key transition the form records (decision 0025): the page shows the manager's decision that
   * will authorise it, or that one must be recorded first (`oversight/views/_decision-status.njk`).
   */
  decision?: DecisionKindCode | { kind: DecisionKindCode; when: string };
}

/** What every form template gets: what was typed or stored, the errors, and date input items. */
export function formContext(values: Values, errors?: FormErrors | null) {
  return {
    values,
    errors: errors ?? undefined,
    dateItems: (name: string) => dateInputItems(name, values, Boolean(errors?.fields[name])),
  };
}

/** A form that records on a child's record (GET shows it, POST saves it). */
export function childForm<S extends z.ZodType, D>(app: FastifyInstance, ctx: AppContext, def: ChildFormDef<S, D>): void {
  const config = { guard: guardOf(def, 'change') };
  const decision = typeof def.decision === 'string' ? { kind: def.decision, when: null } : (def.decision ?? null);
  const show = async (page: Page, data: D, values: Values, status: number, errors?: FormErrors) => {
    const needed = decision && page.request.child ? await decisionStatus(ctx.db, page.request.child.id, decision.kind, decision.when) : null;
    return page.reply.code(status).render(def.template, { child: page.request.child, ...def.view(data, values, page, errors), ...formContext(values, errors), decisionStatus: needed });
  };

  app.get(def.path, { config }, async (request, reply) => {
    const page = pageOf(ctx, request, reply);
    const data = await def.load(page);
    if (reply.sent) return reply;
    return show(page, data, def.initial?.(data, page) ?? {}, 200);
  });

  app.post(def.path, { config }, async (request, reply) => {
    const page = pageOf(ctx, request, reply);
    const values = foldDateInputs({ ...((request.body as Values | undefined) ?? {}) }, def.dates ?? []);
    if (def.redisplay?.(values)) return show(page, await def.load(page), values, 200);
    const schema = typeof def.schema === 'function' ? (def.schema as (page: Page) => S)(page) : def.schema;
    const parsed = parseForm(schema, def.input ? def.input(values) : values);
    const shortYears = shortYearErrors(values, def.dates ?? []);
    if (!parsed.ok || shortYears) {
      return show(page, await def.load(page), values, 400, mergeErrors(shortYears, parsed.ok ? null : parsed.errors)!);
    }
    let saved: Saved;
    try {
      saved = await def.save(parsed.data, page, values);
    } catch (error) {
      if (!(error instanceof RuleBroken)) throw error;
      const field = error.field && (!def.fields || def.fields.includes(error.field)) ? error.field : (def.fallbackField ?? 'form');
      return show(page, await def.load(page), values, 422, singleError(field, error.message));
    }
    if (saved.audit) {
      await request.audit({ action: saved.audit.action, childId: request.child?.id ?? null, objectType: saved.audit.objectType, objectId: saved.audit.objectId });
    }
    return reply.code(303).redirect(saved.next);
  });
}

export interface ChildNewRecordDef<S extends z.ZodType, D> extends Omit<ChildFormDef<S, D>, 'save'> {
  /** The area's service that records it (the one its API calls too): returns the new record's id. */
  record: (db: AppContext['db'], user: SignedInUser, childId: string, input: z.infer<S>, today: string) => Promise<string>;
  /** Where the form goes once it is saved: the child's page the record joins (or the record's own). */
  next: (childId: string, id: string) => string;
}

/** childForm for the usual new record: recorded by its service, audited as a creation of `audit` with its id. */
export function childNewRecord<S extends z.ZodType, D>(app: FastifyInstance, ctx: AppContext, def: ChildNewRecordDef<S, D>): void {
  const { record, next, ...form } = def;
  childForm(app, ctx, {
    ...form,
    save: async (input, { user, child, today }) => {
      const id = await record(ctx.db, user, child.id, input, today);
      return { next: next(child.id, id), audit: { action: 'create', objectType: def.audit, objectId: id } };
    },
  });
}

export interface ChildActionDef extends Access {
  /** Does the change (a button with no fields: "Mark as done"); returns where to go and what to audit. */
  save: (page: Page, values: Values) => Promise<Saved>;
}

/** A POST with no page of its own (a button on another page). */
export function childAction(app: FastifyInstance, ctx: AppContext, def: ChildActionDef): void {
  app.post(def.path, { config: { guard: guardOf(def, 'change') } }, async (request, reply) => {
    const page = pageOf(ctx, request, reply);
    const saved = await def.save(page, { ...((request.body as Values | undefined) ?? {}) });
    if (saved.audit) {
      await request.audit({ action: saved.audit.action, childId: request.child?.id ?? null, objectType: saved.audit.objectType, objectId: saved.audit.objectId });
    }
    return reply.code(303).redirect(saved.next);
  });
}

export interface ChildDeleteDef extends Access {
  /** The page's heading and button, e.g. "Delete this visit". */
  title: string;
  /** What will be deleted (summary list rows) and where "Back" and "Cancel" go. */
  load: (page: Page) => Promise<{ rows: { key: { text: string }; value: { text: string } }[]; backHref: string }>;
  /** Deletes with the reason; returns where to go and what to audit. */
  remove: (page: Page, reason: string) => Promise<Saved>;
}

/** A page that deletes a record softly, asking why (the reason is kept with the deleted version). */
export function childDelete(app: FastifyInstance, ctx: AppContext, def: ChildDeleteDef): void {
  childForm(app, ctx, {
    ...def,
    template: 'delete-record.njk',
    schema: Deletion,
    load: def.load,
    view: (data) => ({ title: def.title, ...data }),
    save: (input, page) => def.remove(page, input.reason),
  });
}

export interface ChildRecordDeleteDef<R extends { id: string }> extends Access {
  /** The page's heading and button, e.g. "Delete this meeting". */
  title: string;
  /** The record the page deletes (checked to be this child's): read for the page and again to delete. */
  record: (page: Page) => Promise<R>;
  /** What will be deleted, as summary list rows. */
  rows: (record: R) => { key: { text: string }; value: { text: string } }[];
  /** Where "Back", "Cancel" and the saved deletion go. */
  back: (record: R, page: Page) => string;
  /** Deletes it softly with the reason (the service's delete). */
  remove: (page: Page, record: R, reason: string) => Promise<void>;
}

/**
 * childDelete for the usual case: one record, shown as rows, deleted by its service and audited as a
 * deletion of `audit` with the record's id; back to the same page before and after.
 */
export function childRecordDelete<R extends { id: string }>(app: FastifyInstance, ctx: AppContext, def: ChildRecordDeleteDef<R>): void {
  const { title, record, rows, back, remove, ...access } = def;
  childDelete(app, ctx, {
    ...access,
    title,
    load: async (page) => {
      const r = await record(page);
      return { backHref: back(r, page), rows: rows(r) };
    },
    remove: async (page, reason) => {
      const r = await record(page);
      await remove(page, r, reason);
      return { next: back(r, page), audit: { action: 'delete', objectType: def.audit, objectId: r.id } };
    },
  });
}

/** Why a record is deleted: asked every time, kept with the deleted version. */
export const Deletion = reasonInput('Say why you are deleting it');

/** The guard of an API operation about a child: the same declaration as a page. */
export function childApi(access: 'see' | 'change', audit: string, more: Omit<ChildGuard, 'access' | 'audit'> = {}): { child: ChildGuard } {
  return { child: { access, audit, ...more } };
}

export type { OwnedRecord };
