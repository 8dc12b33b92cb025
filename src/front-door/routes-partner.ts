// Partner agencies refer a child online and follow their own referrals: what they sent, whether it
// is decided, the outcome and when they were told, never the child's record. A referral is about no
// child they may see, so these routes ask for the make-referral capability, and a referral page
// checks that the referral is the user's own (another's is not found, and the refusal audited).
import type { FastifyInstance } from 'fastify';
import { REFERRAL_SOURCE } from '../codes/index.ts';
import { apiRoute } from '../server/api.ts';
import type { AppContext } from '../server/context.ts';
import { NotFound } from '../server/errors.ts';
import { checkboxItems, radioItems, selectItems } from '../server/form-items.ts';
import { userOf } from '../server/guard.ts';
import type { FastifyRequest } from 'fastify';
import { CONSENT, RISK_INDICATOR, SOURCE_FOR_AGENCY } from './codes.ts';
import { signedInForm, VIEWS } from './routes-shared.ts';
import { ContactParams, PartnerReferralInput } from './schemas.ts';
import { partnerReferral, partnerReferrals } from './service.ts';
import { submitPartnerReferral } from './service-contact.ts';

const TAG = 'Front door';
const PARTNER = { signedIn: true, capability: 'make-referral', reason: 'a partner agency user’s own referrals, never a child’s record' } as const;

/** One of the user's own referrals; another's is as good as absent, and the attempt is audited. */
async function ownReferral(ctx: AppContext, request: FastifyRequest, contactId: string) {
  const referral = await partnerReferral(ctx.db, userOf(request), contactId);
  await request.audit({ action: referral ? 'view-child' : 'denied', objectType: 'partner-referral', objectId: contactId });
  if (!referral) throw new NotFound('No referral of yours with that id');
  return referral;
}

export function partnerRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/referrals', { config: { guard: PARTNER } }, async (request, reply) => {
    const referrals = await partnerReferrals(ctx.db, userOf(request));
    return reply.render(`${VIEWS}/partner-list.njk`, { title: 'Your referrals', referrals, panel: { rows: referrals } });
  });

  signedInForm(app, ctx, {
    path: '/referrals/new',
    reason: PARTNER.reason,
    capability: 'make-referral',
    template: `${VIEWS}/partner-form.njk`,
    schema: PartnerReferralInput,
    dates: ['dateOfBirth'],
    fields: ['firstName', 'lastName', 'dateOfBirth', 'source', 'worry', 'consent'],
    fallbackField: 'worry',
    // The kind of agency, from the partner's account.
    initial: ({ request }) => ({ source: SOURCE_FOR_AGENCY[(userOf(request).agency ?? '').toLowerCase()] ?? '' }),
    view: (values, request) => {
      const user = userOf(request);
      return {
        title: 'Refer a child to children’s services',
        you: { name: user.displayName, agency: user.agency },
        sourceItems: selectItems(REFERRAL_SOURCE, values['source'], 'Choose your kind of agency'),
        riskItems: checkboxItems(RISK_INDICATOR, values['riskIndicators']),
        consentItems: radioItems(CONSENT, values['consent']),
      };
    },
    save: async (input, request) => {
      const id = await submitPartnerReferral(ctx.db, userOf(request), input, ctx.time);
      await request.audit({ action: 'create', objectType: 'contact', objectId: id, detail: { online: true } });
      return { next: `/referrals/${id}` };
    },
  });

  app.get('/referrals/:contactId', { config: { guard: PARTNER } }, async (request, reply) => {
    const parsed = ContactParams.safeParse(request.params);
    if (!parsed.success) throw new NotFound('Page not found');
    const referral = await ownReferral(ctx, request, parsed.data.contactId);
    return reply.render(`${VIEWS}/partner-referral.njk`, { title: `Your referral about ${referral.childName}`, referral });
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/referrals',
    summary: 'A partner agency user’s own referrals: what they sent, whether it is decided, the outcome and when they were told',
    tag: TAG,
    guard: PARTNER,
    handler: async ({ request }) => ({ referrals: await partnerReferrals(ctx.db, userOf(request)) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/referrals',
    summary: 'A partner agency user refers a child online; the front door matches it to a child',
    tag: TAG,
    body: PartnerReferralInput,
    guard: PARTNER,
    change: { action: 'create', objectType: 'contact' },
    handler: async ({ body, request }) => ({ id: await submitPartnerReferral(ctx.db, userOf(request), body, ctx.time) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/referrals/:contactId',
    summary: 'One of the partner user’s own referrals and its outcome',
    tag: TAG,
    params: ContactParams,
    guard: PARTNER,
    handler: async ({ params, request }) => ownReferral(ctx, request, params.contactId),
  });
}
