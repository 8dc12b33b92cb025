// Private fostering pages and API, declared with the child page pattern. HTTP only.
import type { RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, childForm, childNewRecord, childPage } from '../server/child-pages.ts';
import { radioItems } from '../server/form-items.ts';
import { ChildParams } from '../plans/fields.ts';
import { SEEN_ALONE } from '../visits/codes.ts';
import { ArrangementParams, DecisionInput, EndInput, NotificationInput, PrivateFosteringVisitInput } from './schemas.ts';
import { arrangementOfChild, decidePrivateFostering, endPrivateFostering, notifyPrivateFostering, privateFosteringOf, visitPrivatelyFosteredChild } from './service.ts';
import './record-section.ts';

const YES_NO = [
  { code: 'yes', label: 'Yes' },
  { code: 'no', label: 'No' },
] as const;
const ARRANGEMENT = { arrangementId: 'private_fostering' } as const;
const tag = 'Private fostering';

export const privateFosteringRoutes: RegisterRoutes = (app, ctx) => {
  const home = (childId: string) => `/children/${childId}/private-fostering`;
  const base = '/children/:childId/private-fostering';

  childPage(app, ctx, {
    path: base,
    audit: 'private-fostering',
    template: 'private-fostering/views/private-fostering.njk',
    load: async ({ child, today }) => ({ title: 'Private fostering', ...(await privateFosteringOf(ctx.db, child.id, today)) }),
  });

  childNewRecord(app, ctx, {
    path: `${base}/new`,
    audit: 'private-fostering',
    template: 'private-fostering/views/notify.njk',
    schema: NotificationInput,
    dates: ['notifiedOn'],
    load: async () => null,
    initial: (_d, { today }) => ({ notifiedOn: today }),
    view: (_d, values) => ({ title: 'Record a private fostering notification', inPlaceItems: radioItems(YES_NO, values['alreadyInPlace']) }),
    record: notifyPrivateFostering,
    next: home,
  });

  const arrangementPage = (path: string, template: string) => ({ path: `${base}/:arrangementId/${path}`, records: ARRANGEMENT, audit: 'private-fostering', template });

  childForm(app, ctx, {
    ...arrangementPage('decision', 'private-fostering/views/decision.njk'),
    schema: DecisionInput,
    dates: ['decidedOn'],
    load: ({ child, params }) => arrangementOfChild(ctx.db, child.id, params['arrangementId']!),
    initial: (_a, { today }) => ({ decidedOn: today }),
    view: (arrangement, values) => ({ title: 'Record whether it is private fostering', arrangement, confirmedItems: radioItems(YES_NO, values['confirmed']) }),
    save: async (input, { user, child, params, today }) => {
      await decidePrivateFostering(ctx.db, user, child.id, params['arrangementId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'private-fostering', objectId: params['arrangementId']! } };
    },
  });

  childForm(app, ctx, {
    ...arrangementPage('visits/new', 'private-fostering/views/visit.njk'),
    schema: PrivateFosteringVisitInput,
    audit: 'private-fostering-visit',
    dates: ['visitedOn'],
    load: ({ child, params }) => arrangementOfChild(ctx.db, child.id, params['arrangementId']!),
    initial: (_a, { today }) => ({ visitedOn: today }),
    view: (arrangement, values) => ({ title: 'Record a visit to the privately fostered child', arrangement, seenAloneItems: radioItems(SEEN_ALONE, values['seenAlone']) }),
    save: async (input, { user, child, params, today }) => {
      const id = await visitPrivatelyFosteredChild(ctx.db, user, child.id, params['arrangementId']!, input, today);
      return { next: home(child.id), audit: { action: 'create', objectType: 'private-fostering-visit', objectId: id } };
    },
  });

  childForm(app, ctx, {
    ...arrangementPage('end', 'private-fostering/views/end.njk'),
    schema: EndInput,
    dates: ['endedOn'],
    load: ({ child, params }) => arrangementOfChild(ctx.db, child.id, params['arrangementId']!),
    initial: (_a, { today }) => ({ endedOn: today }),
    view: (arrangement) => ({ title: 'Record that the private fostering arrangement ended', arrangement }),
    save: async (input, { user, child, params, today }) => {
      await endPrivateFostering(ctx.db, user, child.id, params['arrangementId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'private-fostering', objectId: params['arrangementId']! } };
    },
  });

  // --- API ------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/private-fostering',
    summary: 'A child’s private fostering notifications, whether each was confirmed, the visits with the child’s views, and the next visit due',
    tag,
    params: ChildParams,
    guard: childApi('see', 'private-fostering'),
    handler: ({ params }) => privateFosteringOf(ctx.db, params.childId, ctx.time.today()),
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/private-fostering',
    summary: 'Record a private fostering notification: the first visit is due within 7 working days',
    tag,
    params: ChildParams,
    body: NotificationInput,
    guard: childApi('change', 'private-fostering'),
    change: { action: 'create', objectType: 'private-fostering' },
    handler: async ({ params, body, request }) => ({ id: await notifyPrivateFostering(ctx.db, request.user!, params.childId, body, ctx.time.today()) }),
  });
  const step = (path: string, summary: string, objectType: string, run: (userId: Parameters<typeof decidePrivateFostering>[1], childId: string, id: string, body: unknown) => Promise<unknown>, body: typeof DecisionInput | typeof PrivateFosteringVisitInput | typeof EndInput) =>
    apiRoute(app, {
      method: 'POST',
      url: `/api/v1/children/:childId/private-fostering/:arrangementId/${path}`,
      summary,
      tag,
      params: ArrangementParams,
      body,
      guard: childApi('change', objectType, { records: ARRANGEMENT }),
      change: { action: path === 'visits' ? 'create' : 'update', objectType },
      handler: async ({ params, body: input, request }) => {
        const id = await run(request.user!, params.childId, params.arrangementId, input);
        return { id: typeof id === 'string' ? id : params.arrangementId };
      },
    });
  step('decision', 'Record whether it is private fostering (if not, it ends and no more visits are owed)', 'private-fostering', (u, c, id, b) => decidePrivateFostering(ctx.db, u, c, id, b as DecisionInput, ctx.time.today()), DecisionInput);
  step('visits', 'Record a visit, with whether the child was seen alone and their views', 'private-fostering-visit', (u, c, id, b) => visitPrivatelyFosteredChild(ctx.db, u, c, id, b as PrivateFosteringVisitInput, ctx.time.today()), PrivateFosteringVisitInput);
  step('end', 'Record that the arrangement ended', 'private-fostering', (u, c, id, b) => endPrivateFostering(ctx.db, u, c, id, b as EndInput, ctx.time.today()), EndInput);
};
