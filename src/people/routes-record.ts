// A child's record: the page itself, the history of changes, changing details, recording a death.
import type { FastifyReply } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import { mayChangeChild } from '../access/policy.ts';
import { recordSectionsFor } from '../server/record-sections.ts';
import { can } from '../access/roles.ts';
import { dateInputItems, foldDateInputs, parseForm, type FormErrors } from '../server/forms.ts';
import { changeChildSchema, deathSchema } from './schemas.ts';
import { changeChildDetails, recordDeath } from './edit.ts';
import { childRecord, disabilitiesOf, loadChild } from './record.ts';
import { personHistory } from './history.ts';
import { mayAllocate } from './allocation.ts';
import { auditView, checkChange, checkSee, childFormOptions, childIdFrom, fieldErrorFrom, mergedRedirect, signedIn } from './route-helpers.ts';

type Person = Awaited<ReturnType<typeof loadChild>>;

const nameOf = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`;
const yes = (value: boolean) => (value ? 'yes' : '');

/** The record's details as the form's fields, to prefill "Change details". */
function detailsAsValues(p: Person, disabilities: string[]): Record<string, unknown> {
  return {
    kind: p.kind,
    firstName: p.first_name,
    lastName: p.last_name,
    otherNames: p.other_names,
    dateOfBirth: p.date_of_birth,
    expectedDateOfBirth: p.expected_date_of_birth,
    sex: p.sex,
    ethnicity: p.ethnicity,
    nhsNumber: p.nhs_number,
    upn: p.upn,
    formerUpn: p.former_upn,
    laChildId: p.la_child_id,
    disabilities,
    immigrationStatus: p.immigration_status,
    uasc: yes(p.unaccompanied_asylum_seeker),
    firstLanguage: p.first_language,
    religion: p.religion,
    restricted: yes(p.restricted),
  };
}

function renderEdit(reply: FastifyReply, person: Person, values: Record<string, unknown>, version: unknown, errors?: FormErrors, status = 200) {
  const has = (field: string) => Boolean(errors?.fields[field]);
  return reply.code(status).render('people/views/edit.njk', {
    title: 'Change details',
    childId: person.id,
    childName: nameOf(person),
    values,
    version,
    errors,
    laChildIdHint: 'Letters and numbers only',
    dobItems: dateInputItems('dateOfBirth', values, has('dateOfBirth')),
    edobItems: dateInputItems('expectedDateOfBirth', values, has('expectedDateOfBirth')),
    ...childFormOptions(values),
  });
}

export const recordRoutes: RegisterRoutes = (app, ctx) => {
  app.get('/children/:id', async (request, reply) => {
    const id = childIdFrom(request);
    const moved = await mergedRedirect(ctx, request, id);
    if (moved) return reply.redirect(moved);
    await checkSee(ctx, request, id);
    const record = await childRecord(ctx.db, id, ctx.time.today());
    await auditView(request, id);
    const user = signedIn(request);
    const [mayChange, sections] = await Promise.all([mayChangeChild(ctx.db, user, id), recordSectionsFor(ctx.db, user, id, ctx.time.today())]);
    return reply.render('people/views/record.njk', {
      title: nameOf(record.person),
      record,
      sections,
      disabilityText: record.disabilities.map((d) => d.label).join(', '),
      mayChange,
      mayAllocate: mayChange && mayAllocate(user),
      mayMerge: mayChange && can(user.role, 'authorise'),
    });
  });

  app.get('/children/:id/history', async (request, reply) => {
    const id = childIdFrom(request);
    const moved = await mergedRedirect(ctx, request, id);
    if (moved) return reply.redirect(moved);
    await checkSee(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    const entries = await personHistory(ctx.db, id);
    await auditView(request, id, 'person-history');
    return reply.render('people/views/history.njk', { title: `History of changes: ${nameOf(person)}`, childId: id, childName: nameOf(person), entries });
  });

  app.get('/children/:id/edit', async (request, reply) => {
    const id = childIdFrom(request);
    const moved = await mergedRedirect(ctx, request, id);
    if (moved) return reply.redirect(moved);
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    const disabilities = (await disabilitiesOf(ctx.db, id)).map((d) => d.code);
    await auditView(request, id);
    return renderEdit(reply, person, detailsAsValues(person, disabilities), person.version);
  });

  app.post('/children/:id/edit', async (request, reply) => {
    const id = childIdFrom(request);
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { ...body, disabilities: ([] as unknown[]).concat(body['disabilities'] ?? []) };
    const form = parseForm(changeChildSchema(ctx.time.today()), foldDateInputs(body, ['dateOfBirth', 'expectedDateOfBirth']));
    if (!form.ok) return renderEdit(reply, person, values, body['version'], form.errors, 400);
    try {
      await changeChildDetails(ctx.db, signedIn(request).id, id, form.data);
    } catch (error) {
      const errors = fieldErrorFrom(error);
      if (errors) return renderEdit(reply, person, values, body['version'], errors, 422);
      throw error;
    }
    await request.audit({ action: 'update', childId: id, objectType: 'person', objectId: id });
    return reply.redirect(`/children/${id}`, 303);
  });

  app.get('/children/:id/death', async (request, reply) => {
    const id = childIdFrom(request);
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    await auditView(request, id);
    const values = { dateOfDeath: person.date_of_death };
    return reply.render('people/views/death.njk', { title: 'Record a death', childId: id, childName: person.first_name, dateItems: dateInputItems('dateOfDeath', values, false) });
  });

  app.post('/children/:id/death', async (request, reply) => {
    const id = childIdFrom(request);
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const form = parseForm(deathSchema(ctx.time.today()), foldDateInputs(body, ['dateOfDeath']));
    let errors = form.ok ? null : form.errors;
    if (form.ok) {
      try {
        await recordDeath(ctx.db, signedIn(request).id, id, form.data.dateOfDeath!);
      } catch (error) {
        errors = fieldErrorFrom(error);
        if (!errors) throw error;
      }
    }
    if (errors) {
      return reply.code(400).render('people/views/death.njk', {
        title: 'Record a death',
        childId: id,
        childName: person.first_name,
        errors,
        dateItems: dateInputItems('dateOfDeath', body, true),
      });
    }
    await request.audit({ action: 'update', childId: id, objectType: 'person', objectId: id });
    return reply.redirect(`/children/${id}`, 303);
  });
};
