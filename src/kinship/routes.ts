// Kinship care pages and API, declared with the child page pattern. HTTP only.
import type { RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, childDelete, childForm, childNewRecord, childPage } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { stepApi } from '../server/step-api.ts';
import { optionItems, radioItems } from '../server/form-items.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { ChildParams } from '../plans/fields.ts';
import { KINSHIP_KINDS, OFFER_METHODS, kinshipKindLabel } from './codes.ts';
import { ArrangementParams, CarerInput, CarerParams, KinshipCorrection, KinshipEndInput, KinshipInput, OfferInput } from './schemas.ts';
import {
  addKinshipCarer,
  arrangementOfChild,
  carerOfChild,
  connectedPersonPlacements,
  correctKinship,
  deleteKinship,
  endKinship,
  kinshipOf,
  recordKinshipOffer,
  removeKinshipCarer,
  startKinship,
} from './service.ts';
import './record-section.ts';

const ARRANGEMENT = { arrangementId: 'kinship_arrangement' } as const;
const tag = 'Kinship care';

export const kinshipRoutes: RegisterRoutes = (app, ctx) => {
  const home = (childId: string) => `/children/${childId}/kinship`;
  const base = '/children/:childId/kinship';

  childPage(app, ctx, {
    path: base,
    audit: 'kinship',
    template: 'kinship/views/kinship.njk',
    load: async ({ child, today }) => ({ title: 'Kinship care', ...(await kinshipOf(ctx.db, child.id, today)) }),
  });

  childNewRecord(app, ctx, {
    path: `${base}/new`,
    audit: 'kinship',
    template: 'kinship/views/start.njk',
    schema: KinshipInput,
    dates: ['startedOn'],
    load: ({ child }) => connectedPersonPlacements(ctx.db, child.id),
    initial: (_p, { today, query }) => ({ startedOn: today, kind: String(query['kind'] ?? '') }),
    view: (placements, values) => ({
      title: 'Record a kinship care arrangement',
      kindItems: radioItems(KINSHIP_KINDS, values['kind']),
      placementItems: optionItems(
        placements.map((p) => ({ value: p.id, text: `${p.carer_name}, from ${formatDate(p.started_on)}${p.ended_on ? ` to ${formatDate(p.ended_on)}` : ''}` })),
        values['placementId'],
        placements.length ? 'No placement recorded' : 'The child has no placement with a relative or friend',
      ),
    }),
    record: startKinship,
    next: home,
  });

  const arrangementPage = (path: string, template: string) => ({ path: `${base}/:arrangementId/${path}`, records: ARRANGEMENT, audit: 'kinship', template });
  const load = ({ child, params }: { child: { id: string }; params: Record<string, string> }) => arrangementOfChild(ctx.db, child.id, params['arrangementId']!);
  const named = (a: { kind: string }) => midSentence(kinshipKindLabel(a.kind));

  childForm(app, ctx, {
    ...arrangementPage('offer', 'kinship/views/offer.njk'),
    schema: OfferInput,
    dates: ['sentOn'],
    load,
    initial: (_a, { today }) => ({ sentOn: today }),
    view: (arrangement, values) => ({ title: 'Record that the kinship local offer was sent', arrangement, howItems: radioItems(OFFER_METHODS, values['how']) }),
    save: async (input, { user, child, params, today }) => {
      await recordKinshipOffer(ctx.db, user, child.id, params['arrangementId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'kinship', objectId: params['arrangementId']! } };
    },
  });

  childForm(app, ctx, {
    ...arrangementPage('carers/new', 'kinship/views/carer.njk'),
    audit: 'kinship-carer',
    schema: CarerInput,
    load,
    view: (arrangement) => ({ title: 'Add a kinship carer', arrangement }),
    save: async (input, { user, child, params, today }) => {
      const id = await addKinshipCarer(ctx.db, user, child.id, params['arrangementId']!, input, today);
      return { next: home(child.id), audit: { action: 'create', objectType: 'kinship-carer', objectId: id } };
    },
  });
  childDelete(app, ctx, {
    path: `${base}/:arrangementId/carers/:carerId/delete`,
    records: { arrangementId: 'kinship_arrangement', carerId: 'kinship_carer' },
    audit: 'kinship-carer',
    title: 'Remove this carer',
    load: async ({ child, params }) => {
      const c = await carerOfChild(ctx.db, child.id, params['arrangementId']!, params['carerId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'Carer' }, value: { text: `${c.name} (${c.relationship})` } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await removeKinshipCarer(ctx.db, user, child.id, params['arrangementId']!, params['carerId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'kinship-carer', objectId: params['carerId']! } };
    },
  });

  childForm(app, ctx, {
    ...arrangementPage('end', 'kinship/views/end.njk'),
    schema: KinshipEndInput,
    dates: ['endedOn'],
    load,
    initial: (_a, { today }) => ({ endedOn: today }),
    view: (arrangement) => ({ title: `Record that the ${named(arrangement)} ended`, arrangement }),
    save: async (input, { user, child, params, today }) => {
      await endKinship(ctx.db, user, child.id, params['arrangementId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'kinship', objectId: params['arrangementId']! } };
    },
  });

  childForm(app, ctx, {
    ...arrangementPage('change', 'kinship/views/change.njk'),
    schema: KinshipCorrection,
    dates: ['startedOn'],
    load,
    initial: (a) => ({ startedOn: a.started_on, note: a.note, version: a.version }),
    view: (arrangement) => ({ title: `Correct the ${named(arrangement)}`, arrangement }),
    save: async (input, { user, child, params, today }) => {
      await correctKinship(ctx.db, user, child.id, params['arrangementId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'kinship', objectId: params['arrangementId']! } };
    },
  });
  childDelete(app, ctx, {
    path: `${base}/:arrangementId/delete`,
    records: ARRANGEMENT,
    audit: 'kinship',
    title: 'Delete this kinship care arrangement',
    load: async ({ child, params }) => {
      const a = await arrangementOfChild(ctx.db, child.id, params['arrangementId']!);
      return { backHref: home(child.id), rows: [{ key: { text: 'Arrangement' }, value: { text: `${kinshipKindLabel(a.kind)} from ${formatDate(a.started_on)}` } }] };
    },
    remove: async ({ user, child, params }, reason) => {
      await deleteKinship(ctx.db, user, child.id, params['arrangementId']!, reason);
      return { next: home(child.id), audit: { action: 'delete', objectType: 'kinship', objectId: params['arrangementId']! } };
    },
  });

  // --- API ------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/kinship',
    summary: 'A child’s kinship care arrangements of every legal status, with the carers, the linked placement and whether the kinship local offer was sent',
    tag,
    params: ChildParams,
    guard: childApi('see', 'kinship'),
    handler: ({ params }) => kinshipOf(ctx.db, params.childId, ctx.time.today()),
  });
  const record = stepApi(app, ctx, tag);
  record({
    url: '/api/v1/children/:childId/kinship',
    summary: 'Record a kinship care arrangement (informal, kinship foster care, special guardianship or child arrangements order) with its carers; the local offer is then due',
    params: ChildParams,
    body: KinshipInput,
    objectType: 'kinship',
    save: (u, p, b, t) => startKinship(ctx.db, u, p.childId, b, t),
  });
  record({
    url: '/api/v1/children/:childId/kinship/:arrangementId/offer',
    summary: 'Record that the kinship local offer was sent to the carers, and how (CA 1989 s.22H(4))',
    params: ArrangementParams,
    body: OfferInput,
    objectType: 'kinship',
    records: ARRANGEMENT,
    action: 'update',
    save: (u, p, b, t) => recordKinshipOffer(ctx.db, u, p.childId, p.arrangementId, b, t),
  });
  record({
    url: '/api/v1/children/:childId/kinship/:arrangementId/carers',
    summary: 'Add a carer to a kinship care arrangement',
    params: ArrangementParams,
    body: CarerInput,
    objectType: 'kinship-carer',
    records: ARRANGEMENT,
    save: (u, p, b, t) => addKinshipCarer(ctx.db, u, p.childId, p.arrangementId, b, t),
  });
  record({
    url: '/api/v1/children/:childId/kinship/:arrangementId/end',
    summary: 'Record that a kinship care arrangement ended, and why',
    params: ArrangementParams,
    body: KinshipEndInput,
    objectType: 'kinship',
    records: ARRANGEMENT,
    action: 'update',
    save: (u, p, b, t) => endKinship(ctx.db, u, p.childId, p.arrangementId, b, t),
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/kinship/:arrangementId',
    tag,
    objectType: 'kinship',
    params: ArrangementParams,
    records: ARRANGEMENT,
    correct: { summary: 'Correct when a kinship care arrangement began, or its note, with the reason; the old version is kept', body: KinshipCorrection, save: (u, p, b, t) => correctKinship(ctx.db, u, p.childId, p.arrangementId, b, t) },
    remove: { summary: 'Delete a kinship care arrangement recorded in error, with the reason; a copy is kept', save: (u, p, b) => deleteKinship(ctx.db, u, p.childId, p.arrangementId, b.reason) },
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/kinship/:arrangementId/carers/:carerId',
    tag,
    objectType: 'kinship-carer',
    params: CarerParams,
    records: { arrangementId: 'kinship_arrangement', carerId: 'kinship_carer' },
    remove: { summary: 'Remove a carer from a kinship care arrangement, with the reason', save: (u, p, b) => removeKinshipCarer(ctx.db, u, p.childId, p.arrangementId, p.carerId, b.reason) },
  });
};
