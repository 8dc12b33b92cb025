// The people area's /api/v1 operations: the same services and the same declared guards as the pages.
// Rules that depend on today are checked in the handler with the same schemas the pages use.
import { z } from 'zod';
import { apiRoute } from '../server/api.ts';
import { childApi } from '../server/child-pages.ts';
import type { RegisterRoutes } from '../server/context.ts';
import { userOf } from '../server/guard.ts';
import { changeChildSchema, childIdParams, deathSchema, mergeSchema, newChildSchema } from './schemas.ts';
import { addressSchema, allocationSchema, familyMemberSchema, relationshipChangeSchema } from './record-schemas.ts';
import { addChild } from './create.ts';
import { changeChildDetails, recordDeath } from './edit.ts';
import { recordUascCeased, UascCeasedInput } from './uasc.ts';
import { mergeChildren, survivorFor } from './merge.ts';
import { addFamilyMember, changeRelationship } from './family.ts';
import { addAddress } from './addresses.ts';
import { allocateWorker } from './allocation.ts';
import { childRecord } from './record.ts';
import { personHistory } from './history.ts';
import { PAGE_SIZE, parseSearch, searchChildren } from './search.ts';
import { SEARCH_GUARD } from './routes-search.ts';
import { CREATE_GUARD } from './routes-create.ts';

const TAG = 'Children';
export const peopleApi: RegisterRoutes = (app, ctx) => {
  // Built once; each checks "not in the future" against today when it parses.
  const today = () => ctx.time.today();
  const schemas = {
    newChild: newChildSchema(today),
    change: changeChildSchema(today),
    member: familyMemberSchema(today),
    relationship: relationshipChangeSchema(today),
    address: addressSchema(today),
    allocation: allocationSchema(today),
    death: deathSchema(today),
  };
  const relationshipParams = childIdParams.extend({ relationshipId: z.guid() });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children',
    summary: 'Find children by name, LA child ID, NHS number or date of birth (dd/mm/yyyy)',
    tag: TAG,
    query: z.object({ q: z.string().min(1).max(100), page: z.coerce.number().int().min(1).max(10_000).default(1) }),
    guard: SEARCH_GUARD,
    handler: async ({ query, request }) => {
      const user = userOf(request);
      const search = parseSearch(query.q);
      if (!search) return { total: 0, more: false, page: query.page, pageSize: PAGE_SIZE, children: [] };
      const { total, more, hits } = await searchChildren(ctx.db, user, search, query.page);
      await request.audit({ action: 'search-children', objectType: 'person', detail: { kind: search.kind } });
      return { total, more, page: query.page, pageSize: PAGE_SIZE, children: hits };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children',
    summary: 'Add a child (409 with the likely duplicates unless notDuplicateReason is given)',
    tag: TAG,
    body: schemas.newChild,
    guard: CREATE_GUARD,
    handler: async ({ body: child, request, reply }) => {
      const result = await addChild(ctx.db, userOf(request), child, ctx.time.today());
      // A possible duplicate is a conflict (409) with the candidates, not a created record.
      if (result.status === 'possible-duplicates') {
        return reply.code(409).send({
          error: result.certain ? 'A child with this NHS number is already recorded' : 'This child may already be recorded: send notDuplicateReason to add them anyway',
          certain: result.certain,
          candidates: result.candidates.map((c) => ({ id: c.id, firstName: c.first_name, lastName: c.last_name, dateOfBirth: c.date_of_birth, laChildId: c.la_child_id, sameNhsNumber: c.sameNhsNumber })),
        });
      }
      if (result.status === 'already-created') return reply.code(200).send({ id: result.id });
      await request.audit({ action: 'create', childId: result.id, objectType: 'person', objectId: result.id });
      return { id: result.id };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId',
    summary: 'A child’s record: details, people, addresses, allocations and what is due',
    tag: TAG,
    params: childIdParams,
    guard: childApi('see', 'person'),
    handler: async ({ params }) => childRecord(ctx.db, params.childId, ctx.time.today()),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/children/:childId',
    summary: 'Change a child’s details (the previous version is kept)',
    tag: TAG,
    params: childIdParams,
    body: schemas.change,
    guard: childApi('change', 'person'),
    change: { action: 'update', objectType: 'person' },
    handler: async ({ params, body, request }) => {
      await changeChildDetails(ctx.db, userOf(request).id, params.childId, body);
      return { id: params.childId };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/history',
    summary: 'Earlier versions of a child’s details: who changed what, and when',
    tag: TAG,
    params: childIdParams,
    guard: childApi('see', 'person-history'),
    handler: async ({ params }) => ({ entries: await personHistory(ctx.db, params.childId) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/death',
    summary: 'Record the date a child died',
    tag: TAG,
    params: childIdParams,
    body: schemas.death,
    guard: childApi('change', 'person'),
    change: { action: 'update', objectType: 'person' },
    handler: async ({ params, body, request }) => {
      await recordDeath(ctx.db, userOf(request).id, params.childId, body.dateOfDeath!);
      return { id: params.childId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/uasc-ceased',
    summary: 'Record the date the child’s status as an unaccompanied asylum-seeking child ceased (SSDA903 DUC; rules 303, 304): once recorded, a change needs the reason',
    tag: TAG,
    params: childIdParams,
    body: UascCeasedInput,
    guard: childApi('change', 'person'),
    change: { action: 'update', objectType: 'person' },
    handler: async ({ params, body, request }) => {
      await recordUascCeased(ctx.db, userOf(request).id, params.childId, body, ctx.time.today());
      return { id: params.childId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/merge',
    summary: 'Merge this duplicate record into another (survivor: its LA child ID or id); managers only',
    tag: TAG,
    params: childIdParams,
    body: mergeSchema,
    guard: childApi('change', 'person', { capability: 'authorise' }),
    handler: async ({ params, body, request }) => {
      const user = userOf(request);
      const survivorId = await survivorFor(ctx.db, user, body.survivor);
      await mergeChildren(ctx.db, { duplicateId: params.childId, survivorId, reason: body.reason, actorId: user.id, today: ctx.time.today() });
      await request.audit({ action: 'merge', childId: params.childId, objectType: 'person', objectId: survivorId });
      await request.audit({ action: 'merge', childId: survivorId, objectType: 'person', objectId: params.childId });
      return { survivorId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/relationships',
    summary: 'Add a family member or other person to a child’s record',
    tag: TAG,
    params: childIdParams,
    body: schemas.member,
    guard: childApi('change', 'relationship'),
    change: { action: 'create', objectType: 'relationship' },
    handler: async ({ params, body, request }) => ({ id: await addFamilyMember(ctx.db, userOf(request), params.childId, body, ctx.time.today()) }),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/children/:childId/relationships/:relationshipId',
    summary: 'Change or end a relationship',
    tag: TAG,
    params: relationshipParams,
    body: schemas.relationship,
    guard: childApi('change', 'relationship', { records: { relationshipId: 'relationship' } }),
    change: { action: 'update', objectType: 'relationship' },
    handler: async ({ params, body, request }) => {
      await changeRelationship(ctx.db, userOf(request).id, params.childId, params.relationshipId, body);
      return { id: params.relationshipId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/addresses',
    summary: 'Add a new address (the current one ends on the day they moved)',
    tag: TAG,
    params: childIdParams,
    body: schemas.address,
    guard: childApi('change', 'address'),
    change: { action: 'create', objectType: 'address' },
    handler: async ({ params, body, request }) => ({ id: await addAddress(ctx.db, userOf(request).id, params.childId, body, true) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/allocations',
    summary: 'Allocate a worker (ends the current allocation in the same role); managers only',
    tag: TAG,
    params: childIdParams,
    body: schemas.allocation,
    guard: childApi('change', 'allocation', { capability: 'authorise' }),
    change: { action: 'create', objectType: 'allocation' },
    handler: async ({ params, body, request }) => ({ id: await allocateWorker(ctx.db, userOf(request), params.childId, body) }),
  });
};
