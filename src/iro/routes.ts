// IRO challenge pages: one child's challenges (seen by everyone who may see the child: the worker,
// the manager, the head of service), the forms, and the overview across the children a user may see.
// HTTP only: the rules are in service.ts.
import type { z } from 'zod';
import type { RegisterRoutes } from '../server/context.ts';
import type { SignedInUser } from '../access/policy.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, childForm, childNewRecord, childPage, childRecordDelete } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { formatDate } from '../server/format.ts';
import { radioItems } from '../server/form-items.ts';
import type { Guard } from '../server/guard.ts';
import { stepApi } from '../server/step-api.ts';
import { ChildParams } from '../plans/fields.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { can } from '../access/roles.ts';
import './record-section.ts';
import { CHALLENGE_CATEGORY, CHALLENGE_STAGE, IRO_CONTACT_METHOD, stageIndex } from './codes.ts';
import { contactTitle, correctIroContact, deleteIroContact, iroContactOfChild, iroContactsOf, recordIroContact } from './contacts.ts';
import { challengeOverview, challengesOf } from './challenges.ts';
import { ChallengeInput, ChallengeParams, EscalationInput, IroContactCorrection, IroContactInput, IroContactParams, ResolutionInput, ResponseInput } from './schemas.ts';
import { challengeOfChild, escalateChallenge, raiseChallenge, resolveChallenge, respondToChallenge } from './service.ts';

// IROs, managers and senior leaders watch the challenges across their children.
addNavigationItem({ href: '/iro-challenges', text: 'IRO challenges', show: (role) => role === 'iro' || can(role, 'view-performance') });

const OVERVIEW_GUARD: Guard = { signedIn: true, reason: 'The IRO challenge overview lists only children the user may see (childVisibleTo)' };
const CHALLENGE = { challengeId: 'iro_challenge' } as const;
const tag = 'IRO challenges';

export const iroRoutes: RegisterRoutes = (app, ctx) => {
  const home = (childId: string) => `/children/${childId}/iro-challenges`;
  const base = '/children/:childId/iro-challenges';

  childPage(app, ctx, {
    path: base,
    audit: 'iro-challenges',
    template: 'iro/views/challenges.njk',
    load: async ({ child, today, user }) => ({ title: 'IRO challenges', isIro: user.role === 'iro', ...(await challengesOf(ctx.db, child.id, today)) }),
  });

  childNewRecord(app, ctx, {
    path: `${base}/new`,
    audit: 'iro-challenge',
    template: 'iro/views/raise.njk',
    schema: ChallengeInput,
    dates: ['raisedOn'],
    load: async () => null,
    initial: (_d, { today }) => ({ raisedOn: today, stage: 'informal' }),
    view: (_d, values, { user }) => ({ title: 'Raise an IRO challenge', isIro: user.role === 'iro', categoryItems: radioItems(CHALLENGE_CATEGORY, values['category']), stageItems: radioItems(CHALLENGE_STAGE, values['stage']) }),
    record: raiseChallenge,
    next: home,
  });

  const loadChallenge = async ({ child, params, today }: { child: { id: string }; params: Record<string, string>; today: string }) => {
    const challenge = await challengeOfChild(ctx.db, child.id, params['challengeId']!);
    const { challenges } = await challengesOf(ctx.db, child.id, today);
    return challenges.find((c) => c.id === challenge.id)!;
  };

  childForm(app, ctx, {
    path: `${base}/:challengeId/response`,
    records: CHALLENGE,
    audit: 'iro-challenge',
    template: 'iro/views/respond.njk',
    schema: ResponseInput,
    dates: ['respondedOn'],
    load: loadChallenge,
    initial: (_c, { today }) => ({ respondedOn: today }),
    view: (challenge) => ({ title: 'Record the response to the IRO’s challenge', challenge }),
    save: async (input, { user, child, params, today }) => {
      await respondToChallenge(ctx.db, user, child.id, params['challengeId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'iro-challenge', objectId: params['challengeId']! } };
    },
  });

  childForm(app, ctx, {
    path: `${base}/:challengeId/escalate`,
    records: CHALLENGE,
    audit: 'iro-challenge',
    template: 'iro/views/escalate.njk',
    schema: EscalationInput,
    dates: ['escalatedOn'],
    load: loadChallenge,
    initial: (_c, { today }) => ({ escalatedOn: today }),
    view: (challenge, values, { user }) => ({
      title: 'Escalate the IRO challenge',
      challenge,
      isIro: user.role === 'iro',
      stageItems: radioItems(
        CHALLENGE_STAGE.filter((s) => stageIndex(s.code) > stageIndex(challenge.current?.stage ?? 'informal')),
        values['stage'],
      ),
    }),
    save: async (input, { user, child, params, today }) => {
      await escalateChallenge(ctx.db, user, child.id, params['challengeId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'iro-challenge', objectId: params['challengeId']! } };
    },
  });

  childForm(app, ctx, {
    path: `${base}/:challengeId/resolve`,
    records: CHALLENGE,
    audit: 'iro-challenge',
    template: 'iro/views/resolve.njk',
    schema: ResolutionInput,
    dates: ['resolvedOn'],
    load: loadChallenge,
    initial: (_c, { today }) => ({ resolvedOn: today }),
    view: (challenge, _values, { user }) => ({ title: 'Record that the IRO challenge is resolved', challenge, isIro: user.role === 'iro' }),
    save: async (input, { user, child, params, today }) => {
      await resolveChallenge(ctx.db, user, child.id, params['challengeId']!, input, today);
      return { next: home(child.id), audit: { action: 'update', objectType: 'iro-challenge', objectId: params['challengeId']! } };
    },
  });

  // --- The IRO's contact with the child between reviews (decision 0055) ------------------------------
  const contactsHome = (childId: string) => `/children/${childId}/iro-contacts`;
  childPage(app, ctx, {
    path: '/children/:childId/iro-contacts',
    audit: 'iro-contacts',
    template: 'iro/views/contacts.njk',
    load: async ({ child, user }) => ({ title: 'IRO contact with the child', isIro: user.role === 'iro', contacts: await iroContactsOf(ctx.db, child.id) }),
  });
  childNewRecord(app, ctx, {
    path: '/children/:childId/iro-contacts/new',
    audit: 'iro-contact',
    template: 'iro/views/contact.njk',
    schema: IroContactInput,
    dates: ['contactOn'],
    load: async () => null,
    initial: (_d, { today }) => ({ contactOn: today }),
    view: (_d, values, { user }) => ({ title: 'Record your contact with the child', isIro: user.role === 'iro', methodItems: radioItems(IRO_CONTACT_METHOD, values['method']) }),
    record: recordIroContact,
    next: contactsHome,
  });
  childForm(app, ctx, {
    path: '/children/:childId/iro-contacts/:contactId/change',
    records: { contactId: 'iro_contact' },
    audit: 'iro-contact',
    template: 'iro/views/contact.njk',
    schema: IroContactCorrection,
    dates: ['contactOn'],
    load: ({ child, params }) => iroContactOfChild(ctx.db, child.id, params['contactId']!),
    initial: (c) => ({ contactOn: c.contact_on, method: c.method, seenAlone: c.seen_alone === null ? '' : c.seen_alone ? 'yes' : 'no', note: c.note ?? '', version: c.version }),
    view: (c, values, { user }) => ({ title: `Correct the contact on ${formatDate(c.contact_on)}`, correcting: true, isIro: user.role === 'iro', methodItems: radioItems(IRO_CONTACT_METHOD, values['method']) }),
    save: async (input, { user, child, params, today }) => {
      await correctIroContact(ctx.db, user, child.id, params['contactId']!, input, today);
      return { next: contactsHome(child.id), audit: { action: 'update', objectType: 'iro-contact', objectId: params['contactId']! } };
    },
  });
  childRecordDelete(app, ctx, {
    path: '/children/:childId/iro-contacts/:contactId/delete',
    records: { contactId: 'iro_contact' },
    audit: 'iro-contact',
    title: 'Delete this IRO contact',
    record: ({ child, params }) => iroContactOfChild(ctx.db, child.id, params['contactId']!),
    rows: (c) => [{ key: { text: 'Contact' }, value: { text: `${formatDate(c.contact_on)}: ${contactTitle(c.method, c.seen_alone)}` } }],
    back: (_c, { child }) => contactsHome(child.id),
    remove: ({ user, child }, c, reason) => deleteIroContact(ctx.db, user, child.id, c.id, reason),
  });

  // Across children: what is open, what is owed, and the trend (IR-03).
  app.get('/iro-challenges', { config: { guard: OVERVIEW_GUARD } }, async (request, reply) => {
    const view = await challengeOverview(ctx.db, request.user!, ctx.time.today());
    await request.audit({ action: 'view-child', objectType: 'iro-challenge-overview', detail: { children: view.open.length } });
    return reply.render('iro/views/overview.njk', { title: 'IRO challenges', ...view });
  });

  // --- API ------------------------------------------------------------------------------------
  const record = stepApi(app, ctx, tag);
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/iro-challenges',
    summary: 'A child’s IRO challenges: category, concern, each stage with its response, whether resolved, and the response owed',
    tag,
    params: ChildParams,
    guard: childApi('see', 'iro-challenges'),
    handler: ({ params }) => challengesOf(ctx.db, params.childId, ctx.time.today()),
  });
  record({
    url: '/api/v1/children/:childId/iro-challenges',
    summary: 'Raise an IRO challenge (IROs only) with someone at a stage of the dispute resolution protocol; the response is due in 5 working days or the council’s shorter time',
    params: ChildParams,
    body: ChallengeInput,
    objectType: 'iro-challenge',
    save: (user, { childId }, input, today) => raiseChallenge(ctx.db, user, childId, input, today),
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/iro-contacts',
    summary: 'The IRO’s contacts with the child, latest first: date, how (visit, video, at the review, phone, message), whether the child was seen alone, the note',
    tag,
    params: ChildParams,
    guard: childApi('see', 'iro-contacts'),
    handler: async ({ params }) => ({ contacts: await iroContactsOf(ctx.db, params.childId) }),
  });
  record({
    url: '/api/v1/children/:childId/iro-contacts',
    summary: 'Record the IRO’s contact with the child (IROs only); seenAlone is asked for a visit, a video call or the review',
    params: ChildParams,
    body: IroContactInput,
    objectType: 'iro-contact',
    save: (user, { childId }, input, today) => recordIroContact(ctx.db, user, childId, input, today),
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/iro-contacts/:contactId',
    tag,
    objectType: 'iro-contact',
    params: IroContactParams,
    records: { contactId: 'iro_contact' },
    correct: {
      summary: 'Correct the IRO’s contact with the child (IROs only), with the reason: the earlier version is kept and the chronology follows',
      body: IroContactCorrection,
      save: (user, p, body, today) => correctIroContact(ctx.db, user, p.childId, p.contactId, body, today),
    },
    remove: {
      summary: 'Delete the IRO’s contact with the child (IROs only), with the reason: it leaves the chronology and Annex A; a copy is kept',
      save: (user, p, body) => deleteIroContact(ctx.db, user, p.childId, p.contactId, body.reason),
    },
  });
  const step = <B extends z.ZodType>(path: string, summary: string, body: B, save: (user: SignedInUser, childId: string, challengeId: string, input: z.output<B>, today: string) => Promise<unknown>) =>
    record({
      url: `/api/v1/children/:childId/iro-challenges/:challengeId/${path}`,
      summary,
      params: ChallengeParams,
      body,
      objectType: 'iro-challenge',
      records: CHALLENGE,
      action: 'update',
      save: async (user, { childId, challengeId }, input, today) => {
        await save(user, childId, challengeId, input, today);
        return challengeId;
      },
    });
  step('response', 'Record the response at the current stage', ResponseInput, (u, c, id, i, today) => respondToChallenge(ctx.db, u, c, id, i, today));
  step('escalate', 'Escalate the challenge to a later stage (IROs only)', EscalationInput, (u, c, id, i, today) => escalateChallenge(ctx.db, u, c, id, i, today));
  step('resolve', 'Record that the challenge is resolved (IROs only)', ResolutionInput, (u, c, id, i, today) => resolveChallenge(ctx.db, u, c, id, i, today));
};
