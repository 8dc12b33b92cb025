// Checks with other agencies about a contact: asking, the answer, correcting and deleting a check
// with a reason. Pages and API; the rules are in service-checks.ts.
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../server/api.ts';
import { childApi, childDelete, childForm, type Page } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import type { AppContext } from '../server/context.ts';
import { radioItems } from '../server/form-items.ts';
import { formatDate } from '../server/format.ts';
import { CHECK_AGENCY } from './codes.ts';
import { contactPath, ofCheck, ofContact, param, VIEWS } from './routes-shared.ts';
import { AgencyAnswerInput, AgencyCheckInput, CheckCorrection, CheckParams, ContactParams } from './schemas.ts';
import { contactView } from './service.ts';
import { answerAgencyCheck, correctAgencyCheck, deleteAgencyCheck, recordAgencyCheck } from './service-checks.ts';
import { RuleBroken } from '../server/errors.ts';

const TAG = 'Front door';

/** The contact and the check the path names. */
async function contactAndCheck(ctx: AppContext, page: Page) {
  const { contact, checks } = await contactView(ctx.db, param(page, 'contactId'), page.today);
  const check = checks.find((c) => c.id === param(page, 'checkId'));
  // The guard found the check on this contact: it is there unless deleted since.
  if (!check) throw new RuleBroken('This check has been deleted');
  return { contact, check };
}

export function checkRoutes(app: FastifyInstance, ctx: AppContext): void {
  childForm(app, ctx, {
    path: '/front-door/contacts/:contactId/checks/new',
    ...ofContact,
    audit: 'agency-check',
    template: `${VIEWS}/check-form.njk`,
    schema: AgencyCheckInput,
    dates: ['askedOn', 'answeredOn'],
    fields: ['agency', 'askedOn', 'answeredOn', 'summary'],
    fallbackField: 'agency',
    load: async (page) => (await contactView(ctx.db, param(page, 'contactId'), page.today)).contact,
    initial: (_contact, { today }) => ({ askedOn: today }),
    view: (contact, values) => ({
      title: 'Record checks with another agency',
      contact,
      agencyItems: radioItems(CHECK_AGENCY, values['agency']),
      action: `${contactPath(contact.id)}/checks/new`,
      backHref: contactPath(contact.id),
    }),
    save: async (input, page) => {
      const contactId = param(page, 'contactId');
      const id = await recordAgencyCheck(ctx.db, page.user, contactId, input, page.today);
      return { next: contactPath(contactId), audit: { action: 'create', objectType: 'agency-check', objectId: id } };
    },
  });

  childForm(app, ctx, {
    path: '/front-door/contacts/:contactId/checks/:checkId',
    ...ofCheck,
    audit: 'agency-check',
    template: `${VIEWS}/check-answer.njk`,
    schema: AgencyAnswerInput,
    dates: ['answeredOn'],
    fields: ['answeredOn', 'summary'],
    fallbackField: 'answeredOn',
    load: (page) => contactAndCheck(ctx, page),
    initial: ({ check }, { today }) => ({ answeredOn: check.answeredOn ?? today, summary: check.summary }),
    view: ({ contact, check }) => ({
      title: `Record what ${check.agencyLabel} told us`,
      contact,
      check,
      action: `${contactPath(contact.id)}/checks/${check.id}`,
      backHref: contactPath(contact.id),
    }),
    save: async (input, page) => {
      const checkId = param(page, 'checkId');
      await answerAgencyCheck(ctx.db, page.user, param(page, 'contactId'), checkId, input, page.today);
      return { next: contactPath(param(page, 'contactId')), audit: { action: 'update', objectType: 'agency-check', objectId: checkId } };
    },
  });

  childForm(app, ctx, {
    path: '/front-door/contacts/:contactId/checks/:checkId/change',
    ...ofCheck,
    audit: 'agency-check',
    template: `${VIEWS}/check-form.njk`,
    schema: CheckCorrection,
    dates: ['askedOn', 'answeredOn'],
    fields: ['agency', 'askedOn', 'answeredOn', 'summary', 'reason'],
    fallbackField: 'askedOn',
    load: (page) => contactAndCheck(ctx, page),
    initial: ({ check }) => ({ agency: check.agency, askedOn: check.askedOn, answeredOn: check.answeredOn ?? '', summary: check.summary, version: check.version }),
    view: ({ contact, check }, values) => ({
      title: `Correct the checks with ${check.agencyLabel}`,
      correcting: true,
      contact,
      agencyItems: radioItems(CHECK_AGENCY, values['agency']),
      action: `${contactPath(contact.id)}/checks/${check.id}/change`,
      backHref: contactPath(contact.id),
    }),
    save: async (input, page) => {
      const checkId = param(page, 'checkId');
      await correctAgencyCheck(ctx.db, page.user, param(page, 'contactId'), checkId, input, page.today);
      return { next: contactPath(param(page, 'contactId')), audit: { action: 'update', objectType: 'agency-check', objectId: checkId } };
    },
  });

  childDelete(app, ctx, {
    path: '/front-door/contacts/:contactId/checks/:checkId/delete',
    ...ofCheck,
    audit: 'agency-check',
    title: 'Delete these checks',
    load: async (page) => {
      const { contact, check } = await contactAndCheck(ctx, page);
      return {
        backHref: contactPath(contact.id),
        rows: [
          { key: { text: 'Agency' }, value: { text: check.agencyLabel } },
          { key: { text: 'Asked' }, value: { text: formatDate(check.askedOn) } },
          { key: { text: 'Answered' }, value: { text: check.answeredOn ? formatDate(check.answeredOn) : 'Not answered' } },
        ],
      };
    },
    remove: async (page, reason) => {
      const checkId = param(page, 'checkId');
      await deleteAgencyCheck(ctx.db, page.user, param(page, 'contactId'), checkId, reason);
      return { next: contactPath(param(page, 'contactId')), audit: { action: 'delete', objectType: 'agency-check', objectId: checkId } };
    },
  });

  // -------------------------------------------------------------------------------------------
  // API
  // -------------------------------------------------------------------------------------------

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/contacts/:contactId/checks',
    summary: 'Record checks asked of another agency (and their answer, if already given)',
    tag: TAG,
    params: ContactParams,
    body: AgencyCheckInput,
    guard: childApi('change', 'agency-check', ofContact),
    change: { action: 'create', objectType: 'agency-check' },
    handler: async ({ params, body, request }) => ({ id: await recordAgencyCheck(ctx.db, request.user!, params.contactId, body, ctx.time.today()) }),
  });

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/contacts/:contactId/checks/:checkId',
    summary: 'Record what another agency told us in answer to checks',
    tag: TAG,
    params: CheckParams,
    body: AgencyAnswerInput,
    guard: childApi('change', 'agency-check', ofCheck),
    change: { action: 'update', objectType: 'agency-check' },
    handler: async ({ params, body, request }) => {
      await answerAgencyCheck(ctx.db, request.user!, params.contactId, params.checkId, body, ctx.time.today());
      return { id: params.checkId };
    },
  });

  correctionApi(app, ctx, {
    url: '/api/v1/contacts/:contactId/checks/:checkId',
    tag: TAG,
    objectType: 'agency-check',
    params: CheckParams,
    ...ofCheck,
    correct: {
      summary: 'Correct checks with another agency (agency, when asked, the answer) with the reason; the old version is kept and the chronology follows',
      body: CheckCorrection,
      save: (u, p, d, t) => correctAgencyCheck(ctx.db, u, p.contactId, p.checkId, d, t),
    },
    remove: {
      summary: 'Delete checks recorded in error, with the reason: they leave the contact and the chronology; a copy is kept',
      save: (u, p, d) => deleteAgencyCheck(ctx.db, u, p.contactId, p.checkId, d.reason),
    },
  });
}
