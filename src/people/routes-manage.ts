// What a manager does to a child's record: allocate a worker, merge a duplicate record.
import type { FastifyReply } from 'fastify';
import { sql } from 'kysely';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { mayChangeChild, type SignedInUser } from '../access/policy.ts';
import { can } from '../access/roles.ts';
import { Forbidden, RuleBroken } from '../server/errors.ts';
import { dateInputItems, foldDateInputs, parseForm, type FormErrors } from '../server/forms.ts';
import { allocationSchema } from './record-schemas.ts';
import { mergeSchema } from './schemas.ts';
import { allocatableWorkers, allocateWorker, mayAllocate } from './allocation.ts';
import { ALLOCATION_ROLES } from './allocation-roles.ts';
import { mergeChildren } from './merge.ts';
import { loadChild } from './record.ts';
import { auditView, checkChange, childIdFrom, fieldErrorFrom, signedIn } from './route-helpers.ts';

type Person = Awaited<ReturnType<typeof loadChild>>;
const nameOf = (p: Person) => `${p.first_name} ${p.last_name}`;
const bodyOf = (body: unknown) => (body ?? {}) as Record<string, unknown>;

/**
 * The record a duplicate is merged into, found by its LA child id (or id), only if this user may
 * change it: a record they cannot see is reported as not found, so nothing about it is revealed.
 */
export async function survivorFor(ctx: AppContext, user: SignedInUser, reference: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('person')
    .select('id')
    .where((eb) =>
      /^[0-9a-f-]{36}$/i.test(reference)
        ? eb('id', '=', reference)
        : eb(sql<string>`lower(la_child_id)`, '=', reference.toLowerCase()),
    )
    .where('deleted_at', 'is', null)
    .where('kind', '<>', 'adult')
    .executeTakeFirst();
  if (!row || !(await mayChangeChild(ctx.db, user, row.id))) {
    throw new RuleBroken('No child you have access to has this LA child ID', 'survivor');
  }
  return row.id;
}

export function requireMergeRole(user: SignedInUser): void {
  if (!can(user.role, 'authorise')) throw new Forbidden('Only a manager can merge records.');
}

export const manageRoutes: RegisterRoutes = (app, ctx) => {
  async function renderAllocate(reply: FastifyReply, person: Person, values: Record<string, unknown>, errors?: FormErrors, status = 200) {
    const workers = await allocatableWorkers(ctx.db);
    return reply.code(status).render('people/views/allocate.njk', {
      title: 'Allocate a worker',
      childId: person.id,
      childName: nameOf(person),
      errors,
      workerItems: [
        { value: '', text: 'Select a worker', selected: !values['workerId'] },
        ...workers.map((w) => ({ value: w.id, text: w.team_name ? `${w.display_name} (${w.team_name})` : w.display_name, selected: w.id === values['workerId'] })),
      ],
      roleItems: ALLOCATION_ROLES.map((r) => ({ value: r.code, text: r.label, checked: r.code === (values['role'] ?? 'social_worker') })),
      dateItems: dateInputItems('fromDate', values, Boolean(errors?.fields['fromDate'])),
    });
  }

  app.get('/children/:id/allocate', async (request, reply) => {
    const id = childIdFrom(request);
    if (!mayAllocate(signedIn(request))) throw new Forbidden('Only a manager can allocate workers.');
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    await auditView(request, id, 'allocation');
    return renderAllocate(reply, person, { fromDate: ctx.time.today() });
  });

  app.post('/children/:id/allocate', async (request, reply) => {
    const id = childIdFrom(request);
    const user = signedIn(request);
    if (!mayAllocate(user)) throw new Forbidden('Only a manager can allocate workers.');
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    const body = bodyOf(request.body);
    const form = parseForm(allocationSchema(ctx.time.today()), foldDateInputs(body, ['fromDate']));
    if (!form.ok) return renderAllocate(reply, person, body, form.errors, 400);
    try {
      const allocationId = await allocateWorker(ctx.db, user, id, form.data);
      await request.audit({ action: 'create', childId: id, objectType: 'allocation', objectId: allocationId });
    } catch (error) {
      const errors = fieldErrorFrom(error);
      if (errors) return renderAllocate(reply, person, body, errors, 422);
      throw error;
    }
    return reply.redirect(`/children/${id}`, 303);
  });

  function renderMerge(reply: FastifyReply, person: Person, values: Record<string, unknown>, errors?: FormErrors, status = 200) {
    return reply.code(status).render('people/views/merge.njk', {
      title: 'Merge this duplicate record',
      childId: person.id,
      childName: nameOf(person),
      laChildId: person.la_child_id,
      values,
      errors,
    });
  }

  app.get('/children/:id/merge', async (request, reply) => {
    const id = childIdFrom(request);
    requireMergeRole(signedIn(request));
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    await auditView(request, id);
    return renderMerge(reply, person, {});
  });

  app.post('/children/:id/merge', async (request, reply) => {
    const id = childIdFrom(request);
    const user = signedIn(request);
    requireMergeRole(user);
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    const body = bodyOf(request.body);
    const form = parseForm(mergeSchema, body);
    if (!form.ok) return renderMerge(reply, person, body, form.errors, 400);
    let survivorId: string;
    try {
      survivorId = await survivorFor(ctx, user, form.data.survivor);
      await mergeChildren(ctx.db, { duplicateId: id, survivorId, reason: form.data.reason, actorId: user.id, today: ctx.time.today() });
    } catch (error) {
      const errors = fieldErrorFrom(error);
      if (errors) return renderMerge(reply, person, body, errors, 422);
      throw error;
    }
    await request.audit({ action: 'merge', childId: id, objectType: 'person', objectId: survivorId });
    await request.audit({ action: 'merge', childId: survivorId, objectType: 'person', objectId: id });
    return reply.redirect(`/children/${survivorId}`, 303);
  });
};
