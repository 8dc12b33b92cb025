// Health pages and API for children in care, declared with the child page pattern. HTTP only.
import { z } from 'zod';
import type { RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, childDelete, childForm, childNewRecord, childPage } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { radioItems, selectItems } from '../server/form-items.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { ChildParams } from '../plans/fields.ts';
import { SDQ_REASON } from '../codes/ssda903.ts';
import { healthOf } from './health.ts';
import { HealthAssessmentCorrection, HealthAssessmentInput, HealthCheckCorrection, HealthCheckInput, INTERVENTIONS } from './schemas.ts';
import { assessmentOfChild, checkOfChild, correctHealthAssessment, correctHealthCheck, deleteHealthRecord, recordHealthAssessment, recordHealthCheck } from './service.ts';
import './record-section.ts';

const YES_NO = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
] as const;
const CHECK_KINDS = [
  { code: 'dental', label: 'Dental check' },
  { code: 'immunisations', label: 'Immunisations', hint: 'Whether they are up to date' },
  { code: 'sdq', label: 'Strengths and difficulties questionnaire (SDQ)', hint: 'The total difficulties score, or why there is none' },
  { code: 'development', label: 'Development check (a child under 5)', hint: 'The SSDA903 return asks whether a child under 5 had one in the year' },
  { code: 'substance_misuse', label: 'Substance misuse problem identified', hint: 'And whether an intervention was received or offered' },
] as const;
const tag = 'Health';
const RecordParams = z.object({ childId: z.guid(), recordId: z.guid() });

/** The check form's choices, with what was typed or stored selected. */
const checkItems = (values: Record<string, unknown>) => ({
  kindItems: radioItems(CHECK_KINDS, values['kind']),
  upToDateItems: radioItems(YES_NO, values['upToDate']),
  reasonItems: selectItems(SDQ_REASON, values['sdqReason'], 'A score was given'),
  interventionItems: radioItems(INTERVENTIONS, values['intervention']),
});

export const healthRoutes: RegisterRoutes = (app, ctx) => {
  const home = (childId: string) => `/children/${childId}/health`;
  const base = '/children/:childId/health';

  childPage(app, ctx, {
    path: base,
    audit: 'health',
    template: 'health/views/health.njk',
    load: async ({ child, today }) => ({ title: 'Health', ...(await healthOf(ctx.db, child.id, today)) }),
  });

  childNewRecord(app, ctx, {
    path: `${base}/assessments/new`,
    audit: 'health-assessment',
    template: 'health/views/assessment.njk',
    schema: HealthAssessmentInput,
    dates: ['assessedOn'],
    load: async () => null,
    initial: (_d, { today }) => ({ assessedOn: today }),
    view: () => ({ title: 'Record a health assessment', correcting: false }),
    record: recordHealthAssessment,
    next: home,
  });
  childForm(app, ctx, {
    path: `${base}/assessments/:recordId/change`,
    records: { recordId: 'health_assessment' },
    audit: 'health-assessment',
    template: 'health/views/assessment.njk',
    schema: HealthAssessmentCorrection,
    dates: ['assessedOn'],
    load: ({ child, params }) => assessmentOfChild(ctx.db, child.id, params['recordId']!),
    initial: (a) => ({ assessedOn: a.assessed_on, assessedBy: a.assessed_by, summary: a.summary, version: a.version }),
    view: (a) => ({ title: `Correct the health assessment on ${formatDate(a.assessed_on)}`, correcting: true }),
    save: async (input, { user, child, params, today }) => {
      await correctHealthAssessment(ctx.db, user, child.id, params['recordId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'health-assessment', objectId: params['recordId']! } };
    },
  });
  childDelete(app, ctx, {
    path: `${base}/assessments/:recordId/delete`,
    records: { recordId: 'health_assessment' },
    audit: 'health-assessment',
    title: 'Delete this health assessment',
    load: async ({ child, params }) => {
      const a = await assessmentOfChild(ctx.db, child.id, params['recordId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'Assessment' }, value: { text: `On ${formatDate(a.assessed_on)} by ${a.assessed_by}` } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteHealthRecord(ctx.db, user, child.id, 'health_assessment', params['recordId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'health-assessment', objectId: params['recordId']! } };
    },
  });

  childNewRecord(app, ctx, {
    path: `${base}/checks/new`,
    audit: 'health-check',
    template: 'health/views/check.njk',
    schema: HealthCheckInput,
    dates: ['checkedOn'],
    load: async () => null,
    initial: (_d, { today, query }) => ({ checkedOn: today, kind: String(query['kind'] ?? '') }),
    view: (_d, values) => ({ title: 'Record a health check', ...checkItems(values), correcting: false }),
    record: recordHealthCheck,
    next: home,
  });
  childForm(app, ctx, {
    path: `${base}/checks/:recordId/change`,
    records: { recordId: 'health_check' },
    audit: 'health-check',
    template: 'health/views/check.njk',
    schema: HealthCheckCorrection,
    dates: ['checkedOn'],
    load: ({ child, params }) => checkOfChild(ctx.db, child.id, params['recordId']!),
    initial: (c) => ({
      kind: c.kind,
      checkedOn: c.checked_on,
      upToDate: c.up_to_date === null ? '' : c.up_to_date ? 'yes' : 'no',
      sdqScore: c.sdq_score ?? '',
      sdqReason: c.sdq_reason ?? '',
      intervention: c.intervention ?? '',
      note: c.note,
      version: c.version,
    }),
    view: (c, values) => ({ title: `Correct the ${midSentence(CHECK_KINDS.find((k) => k.code === c.kind)?.label)} on ${formatDate(c.checked_on)}`, ...checkItems(values), correcting: true }),
    save: async (input, { user, child, params, today }) => {
      await correctHealthCheck(ctx.db, user, child.id, params['recordId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'health-check', objectId: params['recordId']! } };
    },
  });
  childDelete(app, ctx, {
    path: `${base}/checks/:recordId/delete`,
    records: { recordId: 'health_check' },
    audit: 'health-check',
    title: 'Delete this health record',
    load: async ({ child, params }) => {
      const c = await checkOfChild(ctx.db, child.id, params['recordId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'Record' }, value: { text: `${CHECK_KINDS.find((k) => k.code === c.kind)?.label} on ${formatDate(c.checked_on)}` } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteHealthRecord(ctx.db, user, child.id, 'health_check', params['recordId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'health-check', objectId: params['recordId']! } };
    },
  });

  // --- API ------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/health',
    summary: 'A child’s health assessments (initial and review) with what is due, dental checks, immunisations and SDQ scores (the SSDA903 OC2 facts)',
    tag,
    params: ChildParams,
    guard: childApi('see', 'health'),
    handler: ({ params }) => healthOf(ctx.db, params.childId, ctx.time.today()),
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/health-assessments',
    summary: 'Record a health assessment of a child in care (the first in a period of care is the initial one); the next is due in 6 months before the 5th birthday, 12 from it',
    tag,
    params: ChildParams,
    body: HealthAssessmentInput,
    guard: childApi('change', 'health-assessment'),
    change: { action: 'create', objectType: 'health-assessment' },
    handler: async ({ params, body, request }) => ({ id: await recordHealthAssessment(ctx.db, request.user!, params.childId, body, ctx.time.today()) }),
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/health-checks',
    summary: 'Record a dental check, the immunisation status, an SDQ score (or why there is none), a development check of a child under 5, or a substance misuse problem identified with whether an intervention was received or offered (the SSDA903 OC2 facts)',
    tag,
    params: ChildParams,
    body: HealthCheckInput,
    guard: childApi('change', 'health-check'),
    change: { action: 'create', objectType: 'health-check' },
    handler: async ({ params, body, request }) => ({ id: await recordHealthCheck(ctx.db, request.user!, params.childId, body, ctx.time.today()) }),
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/health-assessments/:recordId',
    tag,
    objectType: 'health-assessment',
    params: RecordParams,
    records: { recordId: 'health_assessment' },
    correct: { summary: 'Correct a health assessment with the reason; the old version is kept and the next due date follows', body: HealthAssessmentCorrection, save: (u, p, b, t) => correctHealthAssessment(ctx.db, u, p.childId, p.recordId, b, t) },
    remove: { summary: 'Delete a health assessment with the reason; a copy is kept', save: (u, p, b) => deleteHealthRecord(ctx.db, u, p.childId, 'health_assessment', p.recordId, b.reason) },
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/health-checks/:recordId',
    tag,
    objectType: 'health-check',
    params: RecordParams,
    records: { recordId: 'health_check' },
    correct: { summary: 'Correct a health check with the reason (what was checked stays); the old version is kept and the chronology follows', body: HealthCheckCorrection, save: (u, p, b, t) => correctHealthCheck(ctx.db, u, p.childId, p.recordId, b, t) },
    remove: { summary: 'Delete a health check with the reason; a copy is kept', save: (u, p, b) => deleteHealthRecord(ctx.db, u, p.childId, 'health_check', p.recordId, b.reason) },
  });
};
