// The threshold decision (one page, at most six inputs, everything else prefilled), telling the
// referrer the outcome, and the second look: pages and API. Only a manager of the front door team
// decides (the guard: the decide-threshold capability and the team); the rules are in
// service-decision.ts.
import type { FastifyInstance } from 'fastify';
import { PRIMARY_NEED } from '../codes/index.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, childForm } from '../server/child-pages.ts';
import type { AppContext } from '../server/context.ts';
import { radioItems, selectItems } from '../server/form-items.ts';
import { decidesOnContacts } from './access.ts';
import { CONTACT_OUTCOME, FEEDBACK_METHOD, SECOND_LOOK_CONCLUSION } from './codes.ts';
import { checkRows, contactRows, decisionRows } from './present.ts';
import { contactPath, ofContact, param, VIEWS } from './routes-shared.ts';
import { ContactParams, DecisionInput, ReferrerInformedInput, SecondLookInput } from './schemas.ts';
import { contactView, timeNow } from './service.ts';
import { decideContact, decisionContext, recordReferrerInformed, recordSecondLook, secondLookContext } from './service-decision.ts';

const TAG = 'Front door';

/** The decision is the front door team's manager's; a refusal is audited naming the child. */
const decider = { ...ofContact, capability: 'decide-threshold', onlyIf: decidesOnContacts } as const;

export function decisionRoutes(app: FastifyInstance, ctx: AppContext): void {
  childForm(app, ctx, {
    path: '/front-door/contacts/:contactId/decision',
    ...decider,
    audit: 'contact-decision',
    template: `${VIEWS}/decision.njk`,
    schema: DecisionInput,
    dates: ['decidedOn'],
    fields: ['decidedOn', 'decidedTime', 'outcome', 'rationale', 'primaryNeed'],
    // A referral refused (an open episode already) is a problem with the decision chosen.
    fallbackField: 'outcome',
    load: (page) => decisionContext(ctx.db, param(page, 'contactId'), page.today),
    initial: (_decision, { today }) => ({ decidedOn: today, decidedTime: timeNow(ctx.time) }),
    view: (decision, values) => ({
      title: 'Decide what happens with the contact',
      ...decision,
      contactRows: contactRows(decision.contact),
      checkRows: checkRows(decision.checks),
      decisionRows: decisionRows(decision.contact),
      outcomeItems: radioItems(CONTACT_OUTCOME, values['outcome']),
      needItems: selectItems(PRIMARY_NEED, values['primaryNeed'], 'Not yet known'),
      action: `${contactPath(decision.contact.id)}/decision`,
      backHref: contactPath(decision.contact.id),
    }),
    save: async (input, page) => {
      const contactId = param(page, 'contactId');
      const result = await decideContact(ctx.db, page.user, contactId, input, page.today);
      // The contact's page offers what comes next for this outcome.
      return { next: contactPath(contactId), audit: { action: 'create', objectType: 'contact-decision', objectId: result.decisionId } };
    },
  });

  childForm(app, ctx, {
    path: '/front-door/contacts/:contactId/referrer-informed',
    ...ofContact,
    audit: 'referrer-feedback',
    template: `${VIEWS}/referrer-informed.njk`,
    schema: ReferrerInformedInput,
    dates: ['informedOn'],
    fields: ['informedOn', 'method', 'note'],
    fallbackField: 'informedOn',
    load: async (page) => (await contactView(ctx.db, param(page, 'contactId'), page.today)).contact,
    initial: (_contact, { today }) => ({ informedOn: today }),
    view: (contact, values) => ({
      title: 'Record that the referrer was told the outcome',
      contact,
      methodItems: radioItems(FEEDBACK_METHOD, values['method']),
      action: `${contactPath(contact.id)}/referrer-informed`,
      backHref: contactPath(contact.id),
    }),
    save: async (input, page) => {
      const contactId = param(page, 'contactId');
      const id = await recordReferrerInformed(ctx.db, page.user, contactId, input, page.today);
      return { next: contactPath(contactId), audit: { action: 'create', objectType: 'referrer-feedback', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/front-door/contacts/:contactId/second-look',
    ...ofContact,
    capability: 'decide-threshold',
    audit: 'contact-second-look',
    template: `${VIEWS}/second-look.njk`,
    schema: SecondLookInput,
    dates: ['reviewedOn'],
    fields: ['reviewedOn', 'conclusion', 'newOutcome', 'notes', 'primaryNeed'],
    fallbackField: 'conclusion',
    load: (page) => secondLookContext(ctx.db, page.user, param(page, 'contactId'), page.today),
    initial: (_look, { today }) => ({ reviewedOn: today }),
    view: (look, values) => ({
      title: 'Take a second look at the decision',
      ...look,
      contactRows: contactRows(look.contact),
      checkRows: checkRows(look.checks),
      decisionRows: decisionRows(look.contact),
      conclusionItems: radioItems(SECOND_LOOK_CONCLUSION, values['conclusion']),
      outcomeItems: selectItems(
        CONTACT_OUTCOME.filter((o) => o.code !== look.contact.decision?.outcome),
        values['newOutcome'],
        'Choose the new decision',
      ),
      needItems: selectItems(PRIMARY_NEED, values['primaryNeed'], 'Not yet known'),
      action: `${contactPath(look.contact.id)}/second-look`,
      backHref: contactPath(look.contact.id),
    }),
    save: async (input, page) => {
      const contactId = param(page, 'contactId');
      const result = await recordSecondLook(ctx.db, page.user, contactId, input, page.today);
      return { next: contactPath(contactId), audit: { action: 'create', objectType: 'contact-second-look', objectId: result.secondLookId } };
    },
  });

  // -------------------------------------------------------------------------------------------
  // API
  // -------------------------------------------------------------------------------------------

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/contacts/:contactId/decision',
    summary:
      'The front door team manager’s threshold decision. A referral or strategy discussion opens an episode; early help opens an early help episode; all in one transaction',
    tag: TAG,
    params: ContactParams,
    body: DecisionInput,
    guard: childApi('change', 'contact-decision', decider),
    change: { action: 'create', objectType: 'contact-decision' },
    handler: async ({ params, body, request }) => {
      const result = await decideContact(ctx.db, request.user!, params.contactId, body, ctx.time.today());
      return { id: result.decisionId, ...result };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/contacts/:contactId/referrer-informed',
    summary: 'Record when and how the referrer was told the outcome',
    tag: TAG,
    params: ContactParams,
    body: ReferrerInformedInput,
    guard: childApi('change', 'referrer-feedback', ofContact),
    change: { action: 'create', objectType: 'referrer-feedback' },
    handler: async ({ params, body, request }) => ({ id: await recordReferrerInformed(ctx.db, request.user!, params.contactId, body, ctx.time.today()) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/contacts/:contactId/second-look',
    summary: 'A second manager’s look at a no-service decision made while risk was recorded: agree, or change the decision (which starts the new pathway)',
    tag: TAG,
    params: ContactParams,
    body: SecondLookInput,
    guard: childApi('change', 'contact-second-look', { ...ofContact, capability: 'decide-threshold' }),
    change: { action: 'create', objectType: 'contact-second-look' },
    handler: async ({ params, body, request }) => {
      const result = await recordSecondLook(ctx.db, request.user!, params.contactId, body, ctx.time.today());
      return { id: result.secondLookId, ...result };
    },
  });
}
