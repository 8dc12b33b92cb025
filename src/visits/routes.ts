// Visit and case note pages and API. HTTP only: the rules are in service.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { foldDateInputs, parseForm, type FormErrors } from '../server/forms.ts';
import { mayChangeChild, requireChangeChild } from '../access/policy.ts';
import { registerRecordSection } from '../server/record-sections.ts';
import { formatDate } from '../server/format.ts';
import { ChildParams } from '../plans/fields.ts';
import { attempt, childHeading, formBody, formContext } from '../plans/pages.ts';
import { CASE_NOTE_SIGNIFICANCE, SEEN_ALONE, VISIT_KIND } from './codes.ts';
import { CaseNoteInput, CaseNoteParams, VisitInput, VisitParams } from './schemas.ts';
import { caseNoteOf, caseNotesOf, recordCaseNote, recordVisit, visitDefaults, visitOf, visitsOf } from './service.ts';

const labels = (list: readonly { code: string; label: string }[]) => Object.fromEntries(list.map((e) => [e.code, e.label]));
const KIND_LABELS = labels(VISIT_KIND);
const SEEN_ALONE_LABELS = labels(SEEN_ALONE);
const SIGNIFICANCE_LABELS = labels(CASE_NOTE_SIGNIFICANCE);

/** Action status updates from the visit form: fields named action-<id> (and action-<id>-reason). */
function actionUpdatesFrom(body: Record<string, unknown>) {
  const updates: { actionId: string; status: unknown; reason: unknown }[] = [];
  for (const [key, value] of Object.entries(body)) {
    const match = /^action-([0-9a-fA-F-]{36})$/.exec(key);
    if (match) updates.push({ actionId: match[1]!, status: value, reason: body[`${key}-reason`] ?? null });
  }
  return updates;
}

export const visitRoutes: RegisterRoutes = (app, ctx) => {
  registerRecordSection({
    id: 'visits',
    title: 'Visits',
    href: (childId) => `/children/${childId}/visits`,
    order: 60,
    summary: async (db, childId) => {
      const last = await db
        .selectFrom('visit')
        .select(['visited_on', 'child_seen', 'seen_alone'])
        .where('child_id', '=', childId)
        .where('deleted_at', 'is', null)
        .orderBy('visited_on', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!last) return 'No visits recorded';
      const seen = !last.child_seen ? 'child not seen' : last.seen_alone === 'yes' ? 'child seen alone' : 'child seen';
      return `Last visit ${formatDate(last.visited_on)} (${seen})`;
    },
  });
  registerRecordSection({
    id: 'case-notes',
    title: 'Case notes',
    href: (childId) => `/children/${childId}/case-notes`,
    order: 65,
    summary: async (db, childId) => {
      const last = await db
        .selectFrom('case_note')
        .select('noted_on')
        .where('child_id', '=', childId)
        .where('deleted_at', 'is', null)
        .orderBy('noted_on', 'desc')
        .limit(1)
        .executeTakeFirst();
      return last ? `Latest ${formatDate(last.noted_on)}` : null;
    },
  });

  const today = () => ctx.time.today();

  // --- Visits ---------------------------------------------------------------------------------
  app.get('/children/:childId/visits', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    const visits = await visitsOf(ctx.db, request.user!, childId);
    await request.audit({ action: 'view-child', childId, objectType: 'visits' });
    return reply.render('visits/views/visits.njk', {
      title: 'Visits',
      child: await childHeading(ctx.db, childId, today()),
      visits,
      kindLabels: KIND_LABELS,
      seenAloneLabels: SEEN_ALONE_LABELS,
      mayChange: await mayChangeChild(ctx.db, request.user!, childId),
    });
  });

  const visitPage = async (request: FastifyRequest, reply: FastifyReply, childId: string, values: Record<string, unknown> | null, status = 200, errors?: FormErrors) => {
    const defaults = await visitDefaults(ctx.db, request.user!, childId);
    // Prefilled from what the record knows: today, the kind of visit from the open plan, and each
    // action's current status.
    const shown: Record<string, unknown> = values ?? {
      visitedOn: today(),
      kind: defaults.kind,
      ...Object.fromEntries(defaults.plans.flatMap((p) => p.actions.map((a) => [`action-${a.id}`, a.status]))),
    };
    return reply.code(status).render('visits/views/visit-form.njk', {
      title: 'Record a visit',
      child: await childHeading(ctx.db, childId, today()),
      plans: defaults.plans,
      today: today(),
      kindItems: VISIT_KIND.map((k) => ({
        value: k.code,
        text: k.label,
        checked: shown['kind'] === k.code,
        hint: k.code !== 'other' && !defaults.kinds.includes(k.code) ? { text: `The child has no open ${k.code === 'cp' ? 'child protection' : 'child in need'} plan` } : undefined,
      })),
      ...formContext(shown, errors),
    });
  };

  app.get('/children/:childId/visits/new', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, childId);
    return visitPage(request, reply, childId, null);
  });

  app.post('/children/:childId/visits/new', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, childId);
    const body = foldDateInputs(formBody(request.body), ['visitedOn']);
    const form = parseForm(VisitInput, { ...body, actions: actionUpdatesFrom(body) });
    if (!form.ok) return visitPage(request, reply, childId, body, 400, form.errors);
    const result = await attempt(() => recordVisit(ctx.db, request.user!, childId, form.data, today()));
    if (!result.ok) return visitPage(request, reply, childId, body, 422, result.errors);
    await request.audit({ action: 'create', childId, objectType: 'visit', objectId: result.value });
    return reply.redirect(`/children/${childId}/visits`, 303);
  });

  app.get('/children/:childId/visits/:visitId', async (request, reply) => {
    const { childId, visitId } = VisitParams.parse(request.params);
    const visit = await visitOf(ctx.db, request.user!, childId, visitId);
    await request.audit({ action: 'view-child', childId, objectType: 'visit', objectId: visitId });
    return reply.render('visits/views/visit.njk', {
      title: `Visit on ${formatDate(visit.visited_on)}`,
      child: await childHeading(ctx.db, childId, today()),
      visit,
      kindLabels: KIND_LABELS,
      seenAloneLabels: SEEN_ALONE_LABELS,
    });
  });

  // --- Case notes -----------------------------------------------------------------------------
  app.get('/children/:childId/case-notes', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    const notes = await caseNotesOf(ctx.db, request.user!, childId);
    await request.audit({ action: 'view-child', childId, objectType: 'case-notes' });
    return reply.render('visits/views/case-notes.njk', {
      title: 'Case notes',
      child: await childHeading(ctx.db, childId, today()),
      notes,
      mayChange: await mayChangeChild(ctx.db, request.user!, childId),
    });
  });

  const notePage = async (reply: FastifyReply, childId: string, values: Record<string, unknown>, status = 200, errors?: FormErrors) =>
    reply.code(status).render('visits/views/case-note-form.njk', {
      title: 'Add a case note',
      child: await childHeading(ctx.db, childId, today()),
      significanceItems: CASE_NOTE_SIGNIFICANCE.map((s) => ({ value: s.code, text: s.label, hint: 'note' in s ? { text: s.note } : undefined, checked: values['significance'] === s.code })),
      ...formContext(values, errors),
    });

  app.get('/children/:childId/case-notes/new', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, childId);
    return notePage(reply, childId, { notedOn: today(), significance: 'low' });
  });

  app.post('/children/:childId/case-notes/new', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    await requireChangeChild(ctx.db, request.user!, childId);
    const body = foldDateInputs(formBody(request.body), ['notedOn']);
    const form = parseForm(CaseNoteInput, body);
    if (!form.ok) return notePage(reply, childId, body, 400, form.errors);
    const result = await attempt(() => recordCaseNote(ctx.db, request.user!, childId, form.data, today()));
    if (!result.ok) return notePage(reply, childId, body, 422, result.errors);
    await request.audit({ action: 'create', childId, objectType: 'case-note', objectId: result.value });
    return reply.redirect(`/children/${childId}/case-notes`, 303);
  });

  app.get('/children/:childId/case-notes/:noteId', async (request, reply) => {
    const { childId, noteId } = CaseNoteParams.parse(request.params);
    const note = await caseNoteOf(ctx.db, request.user!, childId, noteId);
    await request.audit({ action: 'view-child', childId, objectType: 'case-note', objectId: noteId });
    return reply.render('visits/views/case-note.njk', { title: note.title, child: await childHeading(ctx.db, childId, today()), note, significanceLabels: SIGNIFICANCE_LABELS });
  });

  // --- API ------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/visits',
    summary: 'A child’s visits, newest first, each saying whether the child was seen and seen alone',
    tag: 'Visits',
    params: ChildParams,
    handler: async ({ params, request }) => {
      const visits = await visitsOf(ctx.db, request.user!, params.childId);
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'visits' });
      return { visits };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/visits',
    summary: 'Record a visit by the signed-in worker; a child protection or child in need visit meets that plan’s visit clock. Optionally update the plan’s actions.',
    tag: 'Visits',
    params: ChildParams,
    body: VisitInput,
    handler: async ({ params, body, request }) => {
      const id = await recordVisit(ctx.db, request.user!, params.childId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'visit', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/case-notes',
    summary: 'A child’s case notes, newest first',
    tag: 'Case notes',
    params: ChildParams,
    handler: async ({ params, request }) => {
      const notes = await caseNotesOf(ctx.db, request.user!, params.childId);
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'case-notes' });
      return { notes };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/case-notes',
    summary: 'Add a case note',
    tag: 'Case notes',
    params: ChildParams,
    body: CaseNoteInput,
    handler: async ({ params, body, request }) => {
      const id = await recordCaseNote(ctx.db, request.user!, params.childId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'case-note', objectId: id });
      return { id };
    },
  });
};
