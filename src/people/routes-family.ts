// The people in a child's life and where the child lives: adding and changing relationships,
// adding an address.
import type { FastifyReply } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import { NotFound } from '../server/errors.ts';
import { dateInputItems, foldDateInputs, parseForm, type FormErrors } from '../server/forms.ts';
import { SEX } from '../codes/index.ts';
import { addressSchema, familyMemberSchema, relationshipChangeSchema } from './record-schemas.ts';
import { addFamilyMember, changeRelationship, familyNetwork } from './family.ts';
import { addAddress } from './addresses.ts';
import { addressesOf, loadChild, relationshipsOf } from './record.ts';
import { RELATIONSHIP_KINDS } from './relationship-kinds.ts';
import { auditView, checkChange, childIdFrom, fieldErrorFrom, signedIn } from './route-helpers.ts';

type Person = Awaited<ReturnType<typeof loadChild>>;
const nameOf = (p: Person) => `${p.first_name} ${p.last_name}`;
const bodyOf = (body: unknown) => (body ?? {}) as Record<string, unknown>;

const kindItems = (chosen: unknown) => [
  { value: '', text: 'Select a relationship', selected: !chosen },
  ...RELATIONSHIP_KINDS.map((k) => ({ value: k.code, text: k.label, selected: k.code === chosen })),
];

export const familyRoutes: RegisterRoutes = (app, ctx) => {
  async function renderNewPerson(reply: FastifyReply, person: Person, values: Record<string, unknown>, errors?: FormErrors, status = 200) {
    const network = await familyNetwork(ctx.db, person.id);
    const has = (field: string) => Boolean(errors?.fields[field]);
    return reply.code(status).render('people/views/relationship-new.njk', {
      title: 'Add a family member or other person',
      childId: person.id,
      childName: nameOf(person),
      childFirstName: person.first_name,
      values,
      errors,
      kindItems: kindItems(values['kind']),
      sexItems: SEX.map((e) => ({ value: e.code, text: e.label, checked: e.code === values['sex'] })),
      networkItems: [
        { value: '', text: 'Select a person', selected: !values['existingPersonId'] },
        ...network.map((n) => ({ value: n.id, text: `${n.first_name} ${n.last_name}`, selected: n.id === values['existingPersonId'] })),
      ],
      dobItems: dateInputItems('dateOfBirth', values, has('dateOfBirth')),
      startItems: dateInputItems('startedOn', values, has('startedOn')),
    });
  }

  app.get('/children/:id/relationships/new', async (request, reply) => {
    const id = childIdFrom(request);
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    await auditView(request, id, 'relationship');
    return renderNewPerson(reply, person, {});
  });

  app.post('/children/:id/relationships/new', async (request, reply) => {
    const id = childIdFrom(request);
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    const body = bodyOf(request.body);
    const form = parseForm(familyMemberSchema(ctx.time.today()), foldDateInputs(body, ['dateOfBirth', 'startedOn']));
    if (!form.ok) return renderNewPerson(reply, person, body, form.errors, 400);
    try {
      const relationshipId = await addFamilyMember(ctx.db, signedIn(request), id, form.data, ctx.time.today());
      await request.audit({ action: 'create', childId: id, objectType: 'relationship', objectId: relationshipId });
    } catch (error) {
      const errors = fieldErrorFrom(error);
      if (errors) return renderNewPerson(reply, person, body, errors, 422);
      throw error;
    }
    return reply.redirect(`/children/${id}`, 303);
  });

  async function relationshipOn(childId: string, relationshipId: string) {
    const relationship = (await relationshipsOf(ctx.db, childId)).find((r) => r.id === relationshipId);
    if (!relationship) throw new NotFound('No such relationship on this child’s record');
    return relationship;
  }

  type Relationship = Awaited<ReturnType<typeof relationshipOn>>;

  function renderRelationship(reply: FastifyReply, person: Person, r: Relationship, values: Record<string, unknown>, version: unknown, errors?: FormErrors, status = 200) {
    const has = (field: string) => Boolean(errors?.fields[field]);
    return reply.code(status).render('people/views/relationship-edit.njk', {
      title: 'Change a relationship',
      childId: person.id,
      childName: nameOf(person),
      relationshipId: r.id,
      otherName: `${r.first_name} ${r.last_name}`,
      fromOtherSide: r.fromOtherSide,
      version,
      values,
      errors,
      kindItems: kindItems(values['kind']),
      startItems: dateInputItems('startedOn', values, has('startedOn')),
      endItems: dateInputItems('endedOn', values, has('endedOn')),
    });
  }

  app.get('/children/:id/relationships/:relationshipId', async (request, reply) => {
    const id = childIdFrom(request);
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    const r = await relationshipOn(id, (request.params as { relationshipId: string }).relationshipId);
    await auditView(request, id, 'relationship', r.id);
    const values = {
      kind: r.kind,
      parentalResponsibility: r.parental_responsibility ? 'yes' : '',
      livesWith: r.lives_with ? 'yes' : '',
      startedOn: r.started_on,
      endedOn: r.ended_on,
    };
    return renderRelationship(reply, person, r, values, r.version);
  });

  app.post('/children/:id/relationships/:relationshipId', async (request, reply) => {
    const id = childIdFrom(request);
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    const r = await relationshipOn(id, (request.params as { relationshipId: string }).relationshipId);
    const body = bodyOf(request.body);
    const form = parseForm(relationshipChangeSchema(ctx.time.today()), foldDateInputs(body, ['startedOn', 'endedOn']));
    if (!form.ok) return renderRelationship(reply, person, r, body, body['version'], form.errors, 400);
    try {
      await changeRelationship(ctx.db, signedIn(request).id, id, r.id, form.data);
    } catch (error) {
      const errors = fieldErrorFrom(error);
      if (errors) return renderRelationship(reply, person, r, body, body['version'], errors, 422);
      throw error;
    }
    await request.audit({ action: 'update', childId: id, objectType: 'relationship', objectId: r.id });
    return reply.redirect(`/children/${id}`, 303);
  });

  async function renderAddress(reply: FastifyReply, person: Person, values: Record<string, unknown>, errors?: FormErrors, status = 200) {
    const current = (await addressesOf(ctx.db, person.id)).find((a) => a.to_date === null) ?? null;
    return reply.code(status).render('people/views/address-new.njk', {
      title: 'Add a new address',
      childId: person.id,
      childName: nameOf(person),
      currentAddress: current,
      values,
      errors,
      dateItems: dateInputItems('fromDate', values, Boolean(errors?.fields['fromDate'])),
    });
  }

  app.get('/children/:id/addresses/new', async (request, reply) => {
    const id = childIdFrom(request);
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    await auditView(request, id, 'address');
    return renderAddress(reply, person, {});
  });

  app.post('/children/:id/addresses/new', async (request, reply) => {
    const id = childIdFrom(request);
    await checkChange(ctx, request, id);
    const person = await loadChild(ctx.db, id);
    const body = bodyOf(request.body);
    const form = parseForm(addressSchema(ctx.time.today()), foldDateInputs(body, ['fromDate']));
    if (!form.ok) return renderAddress(reply, person, body, form.errors, 400);
    try {
      const addressId = await addAddress(ctx.db, signedIn(request).id, id, form.data, true);
      await request.audit({ action: 'create', childId: id, objectType: 'address', objectId: addressId });
    } catch (error) {
      const errors = fieldErrorFrom(error);
      if (errors) return renderAddress(reply, person, body, errors, 422);
      throw error;
    }
    return reply.redirect(`/children/${id}`, 303);
  });
};
