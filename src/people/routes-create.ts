// "Add a child": the form, the likely-duplicates warning, and one record per submission.
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import { can } from '../access/roles.ts';
import { Forbidden } from '../server/errors.ts';
import { dateInputItems, foldDateInputs, parseForm, singleError, type FormErrors } from '../server/forms.ts';
import { addChild } from './create.ts';
import type { DuplicateCandidate } from './duplicates.ts';
import { newChildSchema } from './schemas.ts';
import { childFormOptions, fieldErrorFrom, signedIn } from './route-helpers.ts';

const DATE_FIELDS = ['dateOfBirth', 'expectedDateOfBirth'];
/** Fields of the form that are not the child's details. */
const CONTROL_FIELDS = new Set(['_csrf', 'notDuplicateReason', 'duplicatesShown']);

function renderForm(reply: FastifyReply, values: Record<string, unknown>, submissionId: string, errors?: FormErrors, status = 200) {
  const has = (field: string) => Boolean(errors?.fields[field]);
  return reply.code(status).render('people/views/new.njk', {
    title: 'Add a child',
    values,
    errors,
    submissionId,
    dobItems: dateInputItems('dateOfBirth', values, has('dateOfBirth')),
    edobItems: dateInputItems('expectedDateOfBirth', values, has('expectedDateOfBirth')),
    ...childFormOptions(values),
  });
}

/** Everything typed, carried through the warning page in hidden fields so nothing is lost. */
function hiddenFields(body: Record<string, unknown>) {
  const fields: { name: string; value: string }[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (CONTROL_FIELDS.has(name)) continue;
    for (const item of Array.isArray(value) ? value : [value]) fields.push({ name, value: String(item ?? '') });
  }
  fields.push({ name: 'duplicatesShown', value: 'yes' });
  return fields;
}

function renderDuplicates(reply: FastifyReply, body: Record<string, unknown>, candidates: DuplicateCandidate[], certain: boolean, errors?: FormErrors) {
  return reply.code(errors ? 400 : 200).render('people/views/duplicates.njk', {
    title: certain ? 'This child is already recorded' : 'This child may already be recorded',
    candidates,
    certain,
    hidden: hiddenFields(body),
    values: { notDuplicateReason: body['notDuplicateReason'] },
    errors,
  });
}

export const createChildRoutes: RegisterRoutes = (app, ctx) => {
  app.get('/children/new', async (request, reply) => {
    if (!can(signedIn(request).role, 'create-child')) throw new Forbidden('You cannot add children to Lantern.');
    return renderForm(reply, {}, randomUUID());
  });

  app.post('/children/new', async (request, reply) => {
    const user = signedIn(request);
    if (!can(user.role, 'create-child')) throw new Forbidden('You cannot add children to Lantern.');
    const body = (request.body ?? {}) as Record<string, unknown>;
    const submissionId = typeof body['_submission'] === 'string' ? body['_submission'] : randomUUID();
    const values = { ...body, disabilities: ([] as unknown[]).concat(body['disabilities'] ?? []) };
    const form = parseForm(newChildSchema(ctx.time.today()), { ...foldDateInputs(body, DATE_FIELDS), submissionId });
    if (!form.ok) {
      // A problem on the warning page's own field is shown there; anything else goes back to the form.
      return renderForm(reply, values, submissionId, form.errors, 400);
    }
    try {
      const result = await addChild(ctx.db, user, form.data, ctx.time.today());
      if (result.status === 'possible-duplicates') {
        const missingReason = body['duplicatesShown'] === 'yes' && !result.certain && !form.data.notDuplicateReason;
        return renderDuplicates(reply, body, result.candidates, result.certain, missingReason ? singleError('notDuplicateReason', 'Say why this is a different child') : undefined);
      }
      if (result.status === 'created') {
        await request.audit({ action: 'create', childId: result.id, objectType: 'person', objectId: result.id });
      }
      return reply.redirect(`/children/${result.id}`, 303);
    } catch (error) {
      const errors = fieldErrorFrom(error);
      if (errors) return renderForm(reply, values, submissionId, errors, 422);
      throw error;
    }
  });
};
