// "Add a child": the form, the likely-duplicates warning, and one record per submission. Not about a
// child yet, so its guard is a role's: signed in, with 'create-child'.
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import { formContext } from '../server/child-pages.ts';
import { RuleBroken } from '../server/errors.ts';
import { userOf } from '../server/guard.ts';
import { foldDateInputs, mergeErrors, parseForm, shortYearErrors, singleError, type FormErrors } from '../server/forms.ts';
import { addChild } from './create.ts';
import type { DuplicateCandidate } from './duplicates.ts';
import { newChildSchema } from './schemas.ts';
import { childFormOptions } from './route-helpers.ts';

const DATE_FIELDS = ['dateOfBirth', 'expectedDateOfBirth'];
/** Fields of the form that are not the child's details. */
const CONTROL_FIELDS = new Set(['_csrf', 'notDuplicateReason', 'duplicatesShown']);

export const CREATE_GUARD = { signedIn: true, capability: 'create-child', reason: 'Adds a new child: no child to check yet' } as const;

function renderForm(reply: FastifyReply, values: Record<string, unknown>, submissionId: string, errors?: FormErrors | null, status = 200) {
  const context = formContext(values, errors);
  return reply.code(status).render('people/views/new.njk', {
    title: 'Add a child',
    ...context,
    submissionId,
    dobItems: context.dateItems('dateOfBirth'),
    edobItems: context.dateItems('expectedDateOfBirth'),
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
  app.get('/children/new', { config: { guard: CREATE_GUARD } }, async (_request, reply) => renderForm(reply, {}, randomUUID()));

  app.post('/children/new', { config: { guard: CREATE_GUARD } }, async (request, reply) => {
    const user = userOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const submissionId = typeof body['_submission'] === 'string' ? body['_submission'] : randomUUID();
    const values = { ...body, disabilities: ([] as unknown[]).concat(body['disabilities'] ?? []) };
    const form = parseForm(newChildSchema(ctx.time.today()), { ...foldDateInputs(body, DATE_FIELDS), submissionId });
    const shortYears = shortYearErrors(body, DATE_FIELDS);
    if (!form.ok || shortYears) {
      // A problem on the warning page's own field is shown there; anything else goes back to the form.
      return renderForm(reply, values, submissionId, mergeErrors(shortYears, form.ok ? null : form.errors), 400);
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
      if (error instanceof RuleBroken) return renderForm(reply, values, submissionId, singleError(error.field ?? 'form', error.message), 422);
      throw error;
    }
  });
};
