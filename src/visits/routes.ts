// Visit and case note pages and API, declared with the child page pattern (src/server/child-pages.ts):
// the access check, the audit rows, the re-render with errors and the redirect follow from each
// declaration. HTTP only: the rules are in service.ts.
import type { RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, childDelete, childForm, childNewRecord, childPage, type Values } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { formatDate } from '../server/format.ts';
import { ChildParams } from '../plans/fields.ts';
import { CASE_NOTE_SIGNIFICANCE, SEEN_ALONE, VISIT_KIND } from './codes.ts';
import { CaseNoteCorrection, CaseNoteInput, CaseNoteParams, VisitCorrection, VisitInput, VisitParams } from './schemas.ts';
import {
  caseNoteOf,
  caseNotesOf,
  correctCaseNote,
  correctVisit,
  deleteCaseNote,
  deleteVisit,
  recordCaseNote,
  recordVisit,
  visitDefaults,
  visitOf,
  visitsOf,
} from './service.ts';
import './record-section.ts';

const labels = (list: readonly { code: string; label: string }[]) => Object.fromEntries(list.map((e) => [e.code, e.label]));
const KIND_LABELS = labels(VISIT_KIND);
const SEEN_ALONE_LABELS = labels(SEEN_ALONE);
const SIGNIFICANCE_LABELS = labels(CASE_NOTE_SIGNIFICANCE);

/** Action status updates from the visit form: fields named action-<id> (and action-<id>-reason). */
function actionUpdatesFrom(body: Values) {
  const updates: { actionId: string; status: unknown; reason: unknown }[] = [];
  for (const [key, value] of Object.entries(body)) {
    const match = /^action-([0-9a-fA-F-]{36})$/.exec(key);
    if (match) updates.push({ actionId: match[1]!, status: value, reason: body[`${key}-reason`] ?? null });
  }
  return updates;
}

const significanceItems = (values: Values) =>
  CASE_NOTE_SIGNIFICANCE.map((s) => ({ value: s.code, text: s.label, hint: 'note' in s ? { text: s.note } : undefined, checked: values['significance'] === s.code }));

export const visitRoutes: RegisterRoutes = (app, ctx) => {
  // --- Visits ---------------------------------------------------------------------------------
  const visitsOfChild = (childId: string) => `/children/${childId}/visits`;

  childPage(app, ctx, {
    path: '/children/:childId/visits',
    audit: 'visits',
    template: 'visits/views/visits.njk',
    load: async ({ child }) => ({ title: 'Visits', visits: await visitsOf(ctx.db, child.id), kindLabels: KIND_LABELS, seenAloneLabels: SEEN_ALONE_LABELS }),
  });

  childNewRecord(app, ctx, {
    path: '/children/:childId/visits/new',
    audit: 'visit',
    template: 'visits/views/visit-form.njk',
    schema: VisitInput,
    dates: ['visitedOn'],
    input: (values) => ({ ...values, actions: actionUpdatesFrom(values) }),
    load: ({ child }) => visitDefaults(ctx.db, child.id),
    // Prefilled from what the record knows: today, the kind of visit from the open plan, and each
    // action's current status.
    initial: (defaults, { today }) => ({
      visitedOn: today,
      kind: defaults.kind,
      ...Object.fromEntries(defaults.plans.flatMap((p) => p.actions.map((a) => [`action-${a.id}`, a.status]))),
    }),
    view: (defaults, values, { today }) => ({
      title: 'Record a visit',
      plans: defaults.plans,
      today,
      kindItems: VISIT_KIND.map((k) => ({
        value: k.code,
        text: k.label,
        checked: values['kind'] === k.code,
        hint: k.code !== 'other' && !defaults.kinds.includes(k.code) ? { text: `The child has no open ${k.code === 'cp' ? 'child protection' : 'child in need'} plan` } : undefined,
      })),
    }),
    record: recordVisit,
    next: visitsOfChild,
  });

  childPage(app, ctx, {
    path: '/children/:childId/visits/:visitId',
    records: { visitId: 'visit' },
    audit: 'visit',
    template: 'visits/views/visit.njk',
    load: async ({ child, params }) => {
      const visit = await visitOf(ctx.db, child.id, params['visitId']!);
      return { title: `Visit on ${formatDate(visit.visited_on)}`, visit, kindLabels: KIND_LABELS, seenAloneLabels: SEEN_ALONE_LABELS };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/visits/:visitId/change',
    records: { visitId: 'visit' },
    audit: 'visit',
    template: 'visits/views/visit-form.njk',
    schema: VisitCorrection,
    dates: ['visitedOn'],
    load: ({ child, params }) => visitOf(ctx.db, child.id, params['visitId']!),
    initial: (visit) => ({
      visitedOn: visit.visited_on,
      childSeen: visit.child_seen ? 'yes' : 'no',
      seenAlone: visit.seen_alone,
      observations: visit.observations,
      version: visit.version,
    }),
    view: (visit) => ({ title: `Correct the visit on ${formatDate(visit.visited_on)}`, correcting: true, plans: [] }),
    save: async (input, { user, child, params, today }) => {
      await correctVisit(ctx.db, user, child.id, params['visitId']!, input, today);
      return { next: `${visitsOfChild(child.id)}/${params['visitId']}`, audit: { action: 'update', objectType: 'visit', objectId: params['visitId']! } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/visits/:visitId/delete',
    records: { visitId: 'visit' },
    audit: 'visit',
    title: 'Delete this visit',
    load: async ({ child, params }) => {
      const visit = await visitOf(ctx.db, child.id, params['visitId']!);
      return {
        backHref: `${visitsOfChild(child.id)}/${visit.id}`,
        rows: [
          { key: { text: 'Visit' }, value: { text: `${KIND_LABELS[visit.kind]} on ${formatDate(visit.visited_on)}` } },
          { key: { text: 'Visited by' }, value: { text: visit.worker_name } },
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteVisit(ctx.db, user, child.id, params['visitId']!, reason);
      return { next: visitsOfChild(child.id), audit: { action: 'delete', objectType: 'visit', objectId: params['visitId']! } };
    },
  });

  // --- Case notes -----------------------------------------------------------------------------
  const notesOfChild = (childId: string) => `/children/${childId}/case-notes`;

  childPage(app, ctx, {
    path: '/children/:childId/case-notes',
    audit: 'case-notes',
    template: 'visits/views/case-notes.njk',
    load: async ({ child }) => ({ title: 'Case notes', notes: await caseNotesOf(ctx.db, child.id) }),
  });

  childNewRecord(app, ctx, {
    path: '/children/:childId/case-notes/new',
    audit: 'case-note',
    template: 'visits/views/case-note-form.njk',
    schema: CaseNoteInput,
    dates: ['notedOn'],
    load: async () => null,
    initial: (_data, { today }) => ({ notedOn: today, significance: 'low' }),
    view: (_data, values) => ({ title: 'Add a case note', significanceItems: significanceItems(values) }),
    record: recordCaseNote,
    next: notesOfChild,
  });

  childPage(app, ctx, {
    path: '/children/:childId/case-notes/:noteId',
    records: { noteId: 'case_note' },
    audit: 'case-note',
    template: 'visits/views/case-note.njk',
    load: async ({ child, params }) => {
      const note = await caseNoteOf(ctx.db, child.id, params['noteId']!);
      return { title: note.title, note, significanceLabels: SIGNIFICANCE_LABELS };
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/case-notes/:noteId/change',
    records: { noteId: 'case_note' },
    audit: 'case-note',
    template: 'visits/views/case-note-form.njk',
    schema: CaseNoteCorrection,
    dates: ['notedOn'],
    load: ({ child, params }) => caseNoteOf(ctx.db, child.id, params['noteId']!),
    initial: (note) => ({ notedOn: note.noted_on, title: note.title, note: note.note, significance: note.significance, version: note.version }),
    view: (_note, values) => ({ title: 'Correct a case note', correcting: true, significanceItems: significanceItems(values) }),
    save: async (input, { user, child, params, today }) => {
      await correctCaseNote(ctx.db, user, child.id, params['noteId']!, input, today);
      return { next: `${notesOfChild(child.id)}/${params['noteId']}`, audit: { action: 'update', objectType: 'case-note', objectId: params['noteId']! } };
    },
  });

  childDelete(app, ctx, {
    path: '/children/:childId/case-notes/:noteId/delete',
    records: { noteId: 'case_note' },
    audit: 'case-note',
    title: 'Delete this case note',
    load: async ({ child, params }) => {
      const note = await caseNoteOf(ctx.db, child.id, params['noteId']!);
      return {
        backHref: `${notesOfChild(child.id)}/${note.id}`,
        rows: [
          { key: { text: 'Case note' }, value: { text: note.title } },
          { key: { text: 'Date' }, value: { text: formatDate(note.noted_on) } },
        ],
      };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteCaseNote(ctx.db, user, child.id, params['noteId']!, reason);
      return { next: notesOfChild(child.id), audit: { action: 'delete', objectType: 'case-note', objectId: params['noteId']! } };
    },
  });

  // --- API ------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/visits',
    summary: 'A child’s visits, newest first, each saying whether the child was seen and seen alone',
    tag: 'Visits',
    params: ChildParams,
    guard: childApi('see', 'visits'),
    handler: async ({ params }) => ({ visits: await visitsOf(ctx.db, params.childId) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/visits',
    summary: 'Record a visit by the signed-in worker; a child protection or child in need visit meets that plan’s visit clock. Optionally update the plan’s actions.',
    tag: 'Visits',
    params: ChildParams,
    body: VisitInput,
    guard: childApi('change', 'visit'),
    change: { action: 'create', objectType: 'visit' },
    handler: async ({ params, body, request }) => {
      const id = await recordVisit(ctx.db, request.user!, params.childId, body, ctx.time.today());
      return { id };
    },
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/visits/:visitId',
    tag: 'Visits',
    objectType: 'visit',
    params: VisitParams,
    records: { visitId: 'visit' },
    correct: {
      summary: 'Correct a visit (date, seen, seen alone, what was seen) with the reason; the old version is kept',
      body: VisitCorrection,
      save: (user, p, body, today) => correctVisit(ctx.db, user, p.childId, p.visitId, body, today),
    },
    remove: {
      summary: 'Delete a visit, with the reason: it leaves the chronology and stops meeting the visit clock; a copy is kept',
      save: (user, p, body) => deleteVisit(ctx.db, user, p.childId, p.visitId, body.reason),
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/case-notes',
    summary: 'A child’s case notes, newest first',
    tag: 'Case notes',
    params: ChildParams,
    guard: childApi('see', 'case-notes'),
    handler: async ({ params }) => ({ notes: await caseNotesOf(ctx.db, params.childId) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/case-notes',
    summary: 'Add a case note',
    tag: 'Case notes',
    params: ChildParams,
    body: CaseNoteInput,
    guard: childApi('change', 'case-note'),
    change: { action: 'create', objectType: 'case-note' },
    handler: async ({ params, body, request }) => {
      const id = await recordCaseNote(ctx.db, request.user!, params.childId, body, ctx.time.today());
      return { id };
    },
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/case-notes/:noteId',
    tag: 'Case notes',
    objectType: 'case-note',
    params: CaseNoteParams,
    records: { noteId: 'case_note' },
    correct: {
      summary: 'Correct a case note with the reason; the old version is kept',
      body: CaseNoteCorrection,
      save: (user, p, body, today) => correctCaseNote(ctx.db, user, p.childId, p.noteId, body, today),
    },
    remove: {
      summary: 'Delete a case note, with the reason; a copy is kept',
      save: (user, p, body) => deleteCaseNote(ctx.db, user, p.childId, p.noteId, body.reason),
    },
  });
};
