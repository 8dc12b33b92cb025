// The front door queue and the list of decisions for a second look: lists about many children, each
// filtered with childVisibleTo (in the repository), so their guard asks only for a signed-in user.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { can } from '../access/roles.ts';
import { apiRoute } from '../server/api.ts';
import type { AppContext } from '../server/context.ts';
import { Forbidden } from '../server/errors.ts';
import { userOf } from '../server/guard.ts';
import type { SignedInUser } from '../access/policy.ts';
import { mayUseFrontDoor } from './access.ts';
import type { ContactView } from './describe.ts';
import { statusTag } from './present.ts';
import { VIEWS } from './routes-shared.ts';
import { frontDoorQueue, secondLookList } from './service.ts';

const TAG = 'Front door';
const queueRow = (c: ContactView) => ({ ...c, tag: statusTag(c) });

const QUEUE = { signedIn: true, reason: 'the front door queue: contacts about the children the user may see, and partners’ referrals for the front door staff' } as const;
const SECOND_LOOK = { signedIn: true, capability: 'decide-threshold', reason: 'decisions for a second look, about the children the manager may see' } as const;

/** The queue is for front door workers and the managers who decide on contacts (refused and audited by the app). */
function queueUser(user: SignedInUser): SignedInUser {
  if (!mayUseFrontDoor(user)) throw new Forbidden('The front door queue is for front door workers and managers.');
  return user;
}

export function queueRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/front-door', { config: { guard: QUEUE } }, async (request, reply) => {
    const user = queueUser(userOf(request));
    const queue = await frontDoorQueue(ctx.db, user, ctx.time.today());
    // A list of many children: audited as one view of the queue.
    await request.audit({ action: 'view-child', objectType: 'front-door-queue', detail: { contacts: queue.awaitingDecision.length, unmatched: queue.unmatched.length } });
    return reply.render(`${VIEWS}/queue.njk`, {
      title: 'Front door',
      queue: { ...queue, awaitingDecision: queue.awaitingDecision.map(queueRow), unmatched: queue.unmatched.map(queueRow) },
      mayRecord: can(user.role, 'record-casework'),
      mayDecide: can(user.role, 'decide-threshold'),
    });
  });

  app.get('/front-door/second-look', { config: { guard: SECOND_LOOK } }, async (request, reply) => {
    const all = (request.query as Record<string, string | undefined>)['all'] === 'yes';
    const contacts = await secondLookList(ctx.db, userOf(request), ctx.time.today(), { all });
    await request.audit({ action: 'view-child', objectType: 'second-look-list', detail: { contacts: contacts.length, all } });
    return reply.render(`${VIEWS}/second-look-list.njk`, { title: 'Contact decisions for a second look', contacts, all });
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/front-door/contacts',
    summary: 'The front door queue: contacts awaiting a decision (with age in working days and the decision due date), partners’ referrals awaiting a match, and decisions in the last 14 days',
    tag: TAG,
    guard: QUEUE,
    handler: async ({ request }) => {
      const queue = await frontDoorQueue(ctx.db, queueUser(userOf(request)), ctx.time.today());
      await request.audit({ action: 'view-child', objectType: 'front-door-queue' });
      return queue;
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/front-door/second-look',
    summary: 'No further action or advice decisions made while risk was recorded, awaiting a second look by another manager (Southend ¶18)',
    tag: TAG,
    query: z.object({ all: z.enum(['yes', 'no']).optional() }),
    guard: SECOND_LOOK,
    handler: async ({ request, query }) => {
      const contacts = await secondLookList(ctx.db, userOf(request), ctx.time.today(), { all: query.all === 'yes' });
      await request.audit({ action: 'view-child', objectType: 'second-look-list' });
      return { contacts };
    },
  });
}
