// Offending outcomes pages and API, declared with the child page pattern. HTTP only.
import { z } from 'zod';
import type { RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, childDelete, childForm, childNewRecord, childPage } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { radioItems } from '../server/form-items.ts';
import { formatDate } from '../server/format.ts';
import { ChildParams } from '../plans/fields.ts';
import { OFFENDING_OUTCOMES, OffendingOutcomeCorrection, OffendingOutcomeInput } from './schemas.ts';
import { correctOffendingOutcome, deleteOffendingOutcome, outcomeOfChild, outcomesOf, recordOffendingOutcome } from './service.ts';
import './record-section.ts';

const tag = 'Offending';
const RecordParams = z.object({ childId: z.guid(), recordId: z.guid() });
const labelOf = (kind: string) => OFFENDING_OUTCOMES.find((o) => o.code === kind)?.label ?? kind;

export const offendingRoutes: RegisterRoutes = (app, ctx) => {
  const home = (childId: string) => `/children/${childId}/offending`;
  const base = '/children/:childId/offending';

  childPage(app, ctx, {
    path: base,
    audit: 'offending',
    template: 'offending/views/offending.njk',
    load: async ({ child }) => ({ title: 'Offending', outcomes: (await outcomesOf(ctx.db, child.id)).map((o) => ({ ...o, label: labelOf(o.kind) })) }),
  });

  childNewRecord(app, ctx, {
    path: `${base}/new`,
    audit: 'offending-outcome',
    template: 'offending/views/outcome.njk',
    schema: OffendingOutcomeInput,
    dates: ['givenOn'],
    load: async () => null,
    initial: (_d, { today }) => ({ givenOn: today }),
    view: (_d, values) => ({ title: 'Record a conviction, final warning or reprimand', kindItems: radioItems(OFFENDING_OUTCOMES, values['kind']), correcting: false }),
    record: recordOffendingOutcome,
    next: home,
  });
  childForm(app, ctx, {
    path: `${base}/:recordId/change`,
    records: { recordId: 'offending_outcome' },
    audit: 'offending-outcome',
    template: 'offending/views/outcome.njk',
    schema: OffendingOutcomeCorrection,
    dates: ['givenOn'],
    load: ({ child, params }) => outcomeOfChild(ctx.db, child.id, params['recordId']!),
    initial: (o) => ({ kind: o.kind, givenOn: o.given_on, note: o.note, version: o.version }),
    view: (o, values) => ({ title: `Correct the record of ${formatDate(o.given_on)}`, kindItems: radioItems(OFFENDING_OUTCOMES, values['kind']), correcting: true }),
    save: async (input, { user, child, params, today }) => {
      await correctOffendingOutcome(ctx.db, user, child.id, params['recordId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'offending-outcome', objectId: params['recordId']! } };
    },
  });
  childDelete(app, ctx, {
    path: `${base}/:recordId/delete`,
    records: { recordId: 'offending_outcome' },
    audit: 'offending-outcome',
    title: 'Delete this record',
    load: async ({ child, params }) => {
      const o = await outcomeOfChild(ctx.db, child.id, params['recordId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'Record' }, value: { text: `${labelOf(o.kind)} on ${formatDate(o.given_on)}` } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteOffendingOutcome(ctx.db, user, child.id, params['recordId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'offending-outcome', objectId: params['recordId']! } };
    },
  });

  // --- API ------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/offending',
    summary: 'A child’s convictions, final warnings and reprimands (the SSDA903 OC2 CONVICTED facts)',
    tag,
    params: ChildParams,
    guard: childApi('see', 'offending'),
    handler: async ({ params }) => ({ outcomes: await outcomesOf(ctx.db, params.childId) }),
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/offending',
    summary: 'Record a conviction, final warning or reprimand given to a child aged 10 or over, on the day it was given',
    tag,
    params: ChildParams,
    body: OffendingOutcomeInput,
    guard: childApi('change', 'offending-outcome'),
    change: { action: 'create', objectType: 'offending-outcome' },
    handler: async ({ params, body, request }) => ({ id: await recordOffendingOutcome(ctx.db, request.user!, params.childId, body, ctx.time.today()) }),
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/offending/:recordId',
    tag,
    objectType: 'offending-outcome',
    params: RecordParams,
    records: { recordId: 'offending_outcome' },
    correct: { summary: 'Correct a conviction, final warning or reprimand with the reason; the old version is kept and the chronology follows', body: OffendingOutcomeCorrection, save: (u, p, b, t) => correctOffendingOutcome(ctx.db, u, p.childId, p.recordId, b, t) },
    remove: { summary: 'Delete a conviction, final warning or reprimand recorded in error, with the reason; a copy is kept', save: (u, p, b) => deleteOffendingOutcome(ctx.db, u, p.childId, p.recordId, b.reason) },
  });
};
