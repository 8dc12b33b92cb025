// The front door's pages and API: HTTP only. The rules (who may decide, what may follow what) are in
// service.ts.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { can } from '../access/roles.ts';
import { PRIMARY_NEED, REFERRAL_SOURCE } from '../codes/index.ts';
import { registerWorkPanel } from '../my-work/panels.ts';
import { apiRoute } from '../server/api.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { Forbidden, RuleBroken } from '../server/errors.ts';
import { dateInputItems, type FormErrors } from '../server/forms.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { registerRecordSection } from '../server/record-sections.ts';
import { CHECK_AGENCY, CONSENT, CONTACT_OUTCOME, FEEDBACK_METHOD, RISK_INDICATOR, SECOND_LOOK_CONCLUSION, SOURCE_FOR_AGENCY } from './codes.ts';
import { checkRows, contactRows, decisionRows, secondLookRows, statusTag, subjectRows } from './present.ts';
import { checkboxItems, idParam, postForm, radioItems, selectItems, signedIn, type Values } from './route-helpers.ts';
import {
  AgencyAnswerInput,
  AgencyCheckInput,
  CheckParams,
  ChildParams,
  ContactInput,
  ContactParams,
  DecisionInput,
  MatchInput,
  NewChildForMatch,
  PartnerReferralInput,
  ReferrerInformedInput,
  SecondLookInput,
} from './schemas.ts';
import {
  answerAgencyCheck,
  childOfContact,
  childForContactForm,
  childForLaId,
  contactsAwaitingDecision,
  contactsOfChild,
  contactsSummary,
  contactView,
  decideContact,
  decisionContext,
  frontDoorQueue,
  isFrontDoorStaff,
  matchCandidates,
  matchContact,
  matchToNewChild,
  mayUseFrontDoor,
  partnerReferral,
  partnerReferrals,
  recordAgencyCheck,
  recordContact,
  recordReferrerInformed,
  recordSecondLook,
  secondLookContext,
  secondLookList,
  submitPartnerReferral,
  timeNow,
  type ContactView,
} from './service.ts';

const VIEWS = 'front-door/views';
export const contactPath = (id: string) => `/front-door/contacts/${id}`;
export const childContactsPath = (childId: string) => `/children/${childId}/contacts`;

// Once per process: the service navigation and the child's record section.
addNavigationItem({ href: '/front-door', text: 'Front door', show: (role) => role === 'front_door_worker' || can(role, 'decide-threshold') }, 1);
addNavigationItem({ href: '/referrals', text: 'Your referrals', show: (role) => can(role, 'make-referral') }, 1);
registerRecordSection({
  id: 'contacts',
  title: 'Contacts',
  href: childContactsPath,
  summary: (db, childId) => contactsSummary(db, childId),
  visibleTo: (user) => user.role !== 'partner_agency',
  order: 20,
});

const queueRow = (c: ContactView) => ({ ...c, tag: statusTag(c) });

export const frontDoorRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  const today = () => ctx.time.today();

  // My work: what waits at the front door, for those who act on it.
  registerWorkPanel({
    id: 'contacts-awaiting-decision',
    title: 'Contacts awaiting a decision',
    roles: ['front_door_worker', 'team_manager'],
    load: (context, user) => contactsAwaitingDecision(context.db, user, context.time.today()),
    template: `${VIEWS}/panels/awaiting-decision.njk`,
  });
  registerWorkPanel({
    id: 'contacts-second-look',
    title: 'Contact decisions flagged for a second look',
    roles: ['team_manager'],
    load: (context, user) => secondLookList(context.db, user, context.time.today()),
    template: `${VIEWS}/panels/second-look.njk`,
  });
  // Replaces My work's journal-only list: a partner also sees referrals not yet matched, and outcomes.
  registerWorkPanel({
    id: 'partner-referrals',
    title: 'Referrals you have made',
    roles: ['partner_agency'],
    load: (context, user) => partnerReferrals(context.db, user),
    template: `${VIEWS}/panels/partner-referrals.njk`,
    emptyText: 'You have not made any referrals online yet.',
  });

  // -------------------------------------------------------------------------------------------
  // The queue and the second-look list
  // -------------------------------------------------------------------------------------------

  app.get('/front-door', async (request, reply) => {
    const user = signedIn(request);
    const queue = await frontDoorQueue(ctx.db, user, today());
    await request.audit({ action: 'view-child', objectType: 'front-door-queue', detail: { contacts: queue.awaitingDecision.length, unmatched: queue.unmatched.length } });
    return reply.render(`${VIEWS}/queue.njk`, {
      title: 'Front door',
      queue: { ...queue, awaitingDecision: queue.awaitingDecision.map(queueRow), unmatched: queue.unmatched.map(queueRow) },
      mayRecord: can(user.role, 'record-casework'),
      mayDecide: can(user.role, 'decide-threshold'),
    });
  });

  app.get('/front-door/second-look', async (request, reply) => {
    const user = signedIn(request);
    const all = (request.query as Record<string, string | undefined>)['all'] === 'yes';
    const contacts = await secondLookList(ctx.db, user, today(), { all });
    await request.audit({ action: 'view-child', objectType: 'second-look-list', detail: { contacts: contacts.length, all } });
    return reply.render(`${VIEWS}/second-look-list.njk`, { title: 'Contact decisions for a second look', contacts, all });
  });

  // -------------------------------------------------------------------------------------------
  // Recording a contact
  // -------------------------------------------------------------------------------------------

  const renderContactForm = async (reply: FastifyReply, values: Values, errors?: FormErrors) => {
    const user = signedIn(reply.request);
    const childId = typeof values['childId'] === 'string' && z.uuid().safeParse(values['childId']).success ? (values['childId'] as string) : null;
    const child = childId ? await childForContactForm(ctx.db, user, childId) : null;
    return reply.render(`${VIEWS}/contact-form.njk`, {
      title: 'Record a contact',
      child,
      values,
      errors,
      dateItems: dateInputItems('receivedOn', values, Boolean(errors?.fields['receivedOn'])),
      sourceItems: selectItems(REFERRAL_SOURCE, values['source'], 'Choose who made the contact'),
      riskItems: checkboxItems(RISK_INDICATOR, values['riskIndicators']),
      consentItems: radioItems(CONSENT, values['consent']),
      backHref: child ? childContactsPath(child.id) : '/front-door',
    });
  };

  app.get('/front-door/contacts/new', async (request, reply) => {
    const user = signedIn(request);
    if (!can(user.role, 'record-casework') || user.role === 'partner_agency') throw new Forbidden('You cannot record contacts.');
    const query = request.query as Record<string, string | undefined>;
    const response = await renderContactForm(reply, { childId: query['childId'], receivedOn: today(), receivedTime: timeNow(ctx.time) });
    if (query['childId']) await request.audit({ action: 'view-child', childId: query['childId'], objectType: 'contact-form' });
    return response;
  });

  app.post('/front-door/contacts/new', async (request, reply) => {
    const user = signedIn(request);
    return postForm(request, reply, {
      schema: ContactInput,
      dates: ['receivedOn'],
      fields: ['laChildId', 'receivedOn', 'receivedTime', 'source', 'worry', 'consent', 'riskIndicators'],
      fallbackField: 'receivedOn',
      render: (values, errors) => renderContactForm(reply, values, errors),
      save: async (data, values) => {
        const given = String(values['childId'] ?? '');
        const childId = z.uuid().safeParse(given).success
          ? given
          : await childForLaId(ctx.db, user, String(values['laChildId'] ?? '').trim() || missingLaId());
        const id = await recordContact(ctx.db, user, childId, data, today());
        await request.audit({ action: 'create', childId, objectType: 'contact', objectId: id });
        return contactPath(id);
      },
    });
  });

  // -------------------------------------------------------------------------------------------
  // A contact
  // -------------------------------------------------------------------------------------------

  app.get('/front-door/contacts/:contactId', async (request, reply) => {
    const user = signedIn(request);
    const contactId = idParam(request, 'contactId');
    const { contact, checks } = await contactView(ctx.db, user, contactId, today());
    await request.audit({ action: 'view-child', childId: contact.childId, objectType: 'contact', objectId: contactId });
    const mayRecord = can(user.role, 'record-casework');
    const mayDecide = can(user.role, 'decide-threshold');
    return reply.render(`${VIEWS}/contact.njk`, {
      title: contact.childId ? `Contact about ${contact.childName}` : `Online referral about ${contact.childName}`,
      contact,
      tag: statusTag(contact),
      contactRows: contactRows(contact),
      subjectRows: subjectRows(contact),
      checkRows: checkRows(checks),
      checks,
      decisionRows: decisionRows(contact),
      secondLookRows: secondLookRows(contact),
      actions: {
        match: !contact.childId && mayRecord && (await isFrontDoorStaff(ctx.db, user)),
        check: Boolean(contact.childId) && mayRecord,
        decide: Boolean(contact.childId) && !contact.decision && mayDecide,
        inform: Boolean(contact.decision) && !contact.referrerInformed && contact.source !== '9' && mayRecord,
        secondLook: contact.awaitingSecondLook && mayDecide,
      },
    });
  });

  // -------------------------------------------------------------------------------------------
  // Matching a partner's referral to a child
  // -------------------------------------------------------------------------------------------

  const renderMatch = async (reply: FastifyReply, contactId: string, values: Values, errors?: FormErrors) => {
    const user = signedIn(reply.request);
    const { contact } = await contactView(ctx.db, user, contactId, today());
    const candidates = await matchCandidates(ctx.db, user, contactId);
    const newValues: Values = {
      firstName: contact.subject?.firstName,
      lastName: contact.subject?.lastName,
      dateOfBirth: contact.subject?.dateOfBirth,
      ...values,
    };
    return reply.render(`${VIEWS}/match.njk`, {
      title: 'Match the referral to a child',
      contact,
      subjectRows: [...subjectRows(contact), ...contactRows(contact).slice(0, 4)],
      candidateItems: candidates.map((c) => ({
        value: c.id,
        text: `${c.first_name} ${c.last_name}`,
        hint: { text: `Born ${c.date_of_birth ?? 'unknown'}${c.la_child_id ? `, LA child ID ${c.la_child_id}` : ''}` },
        checked: values['childId'] === c.id,
      })),
      values: newValues,
      errors,
      dobItems: dateInputItems('dateOfBirth', newValues, Boolean(errors?.fields['dateOfBirth'])),
      sexItems: radioItems(
        [
          { code: 'F', label: 'Female' },
          { code: 'M', label: 'Male' },
          { code: 'U', label: 'Not known' },
        ],
        newValues['sex'],
      ),
      hasCandidates: candidates.length > 0,
    });
  };

  app.get('/front-door/contacts/:contactId/match', async (request, reply) => {
    const contactId = idParam(request, 'contactId');
    await request.audit({ action: 'view-child', objectType: 'contact', objectId: contactId });
    return renderMatch(reply, contactId, {});
  });

  app.post('/front-door/contacts/:contactId/match', async (request, reply) => {
    const user = signedIn(request);
    const contactId = idParam(request, 'contactId');
    const body = (request.body ?? {}) as Values;
    const how = body['how'];
    if (how === 'new') {
      return postForm(request, reply, {
        schema: NewChildForMatch,
        dates: ['dateOfBirth'],
        fields: ['firstName', 'lastName', 'dateOfBirth', 'sex', 'notDuplicateReason'],
        fallbackField: 'firstName',
        render: (values, errors) => renderMatch(reply, contactId, values, errors),
        save: async (data) => {
          const result = await matchToNewChild(ctx.db, user, contactId, data, today());
          if (result.status === 'possible-duplicates') {
            throw new RuleBroken(
              `Lantern may already know this child: ${result.candidates.map((c) => `${c.first_name} ${c.last_name} (${c.la_child_id ?? 'no LA child ID'})`).join(', ')}. Match to one of them, or say why this is a different child`,
              'notDuplicateReason',
            );
          }
          await request.audit({ action: 'create', childId: result.childId, objectType: 'person', objectId: result.childId });
          await request.audit({ action: 'update', childId: result.childId, objectType: 'contact', objectId: contactId, detail: { matched: true } });
          return contactPath(contactId);
        },
      });
    }
    const field = how === 'la' ? 'laChildId' : 'childId';
    return postForm(request, reply, {
      schema: z.object({}).passthrough(),
      fields: [field],
      fallbackField: field,
      render: (values, errors) => renderMatch(reply, contactId, values, errors),
      save: async (_data, values) => {
        let childId: string;
        if (how === 'la') {
          const laChildId = String(values['laChildId'] ?? '').trim();
          if (!laChildId) throw new RuleBroken('Enter the child’s LA child ID', 'laChildId');
          childId = await childForLaId(ctx.db, user, laChildId);
        } else {
          const parsed = MatchInput.safeParse(values);
          if (!parsed.success) throw new RuleBroken('Select the child this referral is about', 'childId');
          childId = parsed.data.childId;
        }
        await matchContact(ctx.db, user, contactId, childId, today());
        await request.audit({ action: 'update', childId, objectType: 'contact', objectId: contactId, detail: { matched: true } });
        return contactPath(contactId);
      },
    });
  });

  // -------------------------------------------------------------------------------------------
  // Checks with other agencies
  // -------------------------------------------------------------------------------------------

  const renderCheckForm = async (reply: FastifyReply, contactId: string, values: Values, errors?: FormErrors) => {
    const { contact } = await contactView(ctx.db, signedIn(reply.request), contactId, today());
    return reply.render(`${VIEWS}/check-form.njk`, {
      title: 'Record checks with another agency',
      contact,
      values,
      errors,
      agencyItems: radioItems(CHECK_AGENCY, values['agency']),
      askedItems: dateInputItems('askedOn', values, Boolean(errors?.fields['askedOn'])),
      answeredItems: dateInputItems('answeredOn', values, Boolean(errors?.fields['answeredOn'])),
      backHref: contactPath(contactId),
    });
  };

  app.get('/front-door/contacts/:contactId/checks/new', async (request, reply) => {
    const contactId = idParam(request, 'contactId');
    const response = await renderCheckForm(reply, contactId, { askedOn: today() });
    await request.audit({ action: 'view-child', childId: await childOfContact(ctx.db, contactId), objectType: 'contact', objectId: contactId, detail: { page: 'checks' } });
    return response;
  });

  app.post('/front-door/contacts/:contactId/checks/new', async (request, reply) => {
    const contactId = idParam(request, 'contactId');
    return postForm(request, reply, {
      schema: AgencyCheckInput,
      dates: ['askedOn', 'answeredOn'],
      fields: ['agency', 'askedOn', 'answeredOn', 'summary'],
      fallbackField: 'agency',
      render: (values, errors) => renderCheckForm(reply, contactId, values, errors),
      save: async (data) => {
        const id = await recordAgencyCheck(ctx.db, signedIn(request), contactId, data, today());
        await request.audit({ action: 'create', childId: await childOfContact(ctx.db, contactId), objectType: 'agency-check', objectId: id, detail: { contactId } });
        return contactPath(contactId);
      },
    });
  });

  const renderAnswerForm = async (reply: FastifyReply, contactId: string, checkId: string, values: Values, errors?: FormErrors) => {
    const { contact, checks } = await contactView(ctx.db, signedIn(reply.request), contactId, today());
    const check = checks.find((c) => c.id === checkId);
    if (!check) throw new RuleBroken('No check with that id on this contact');
    return reply.render(`${VIEWS}/check-answer.njk`, {
      title: `Record what ${check.agencyLabel} told us`,
      contact,
      check,
      values,
      errors,
      answeredItems: dateInputItems('answeredOn', values, Boolean(errors?.fields['answeredOn'])),
      backHref: contactPath(contactId),
    });
  };

  app.get('/front-door/contacts/:contactId/checks/:checkId', async (request, reply) => {
    const contactId = idParam(request, 'contactId');
    const response = await renderAnswerForm(reply, contactId, idParam(request, 'checkId'), { answeredOn: today() });
    await request.audit({ action: 'view-child', childId: await childOfContact(ctx.db, contactId), objectType: 'contact', objectId: contactId, detail: { page: 'check-answer' } });
    return response;
  });

  app.post('/front-door/contacts/:contactId/checks/:checkId', async (request, reply) => {
    const contactId = idParam(request, 'contactId');
    const checkId = idParam(request, 'checkId');
    return postForm(request, reply, {
      schema: AgencyAnswerInput,
      dates: ['answeredOn'],
      fields: ['answeredOn', 'summary'],
      fallbackField: 'answeredOn',
      render: (values, errors) => renderAnswerForm(reply, contactId, checkId, values, errors),
      save: async (data) => {
        await answerAgencyCheck(ctx.db, signedIn(request), contactId, checkId, data, today());
        await request.audit({ action: 'update', childId: await childOfContact(ctx.db, contactId), objectType: 'agency-check', objectId: checkId, detail: { contactId } });
        return contactPath(contactId);
      },
    });
  });

  // -------------------------------------------------------------------------------------------
  // The threshold decision: one page, four required inputs, everything else prefilled
  // -------------------------------------------------------------------------------------------

  const renderDecision = async (reply: FastifyReply, contactId: string, values: Values, errors?: FormErrors) => {
    const decision = await decisionContext(ctx.db, signedIn(reply.request), contactId, today());
    return reply.render(`${VIEWS}/decision.njk`, {
      title: 'Decide what happens with the contact',
      ...decision,
      contactRows: contactRows(decision.contact),
      checkRows: checkRows(decision.checks),
      values,
      errors,
      dateItems: dateInputItems('decidedOn', values, Boolean(errors?.fields['decidedOn'])),
      outcomeItems: radioItems(CONTACT_OUTCOME, values['outcome']),
      needItems: selectItems(PRIMARY_NEED, values['primaryNeed'], 'Not yet known'),
      backHref: contactPath(contactId),
    });
  };

  app.get('/front-door/contacts/:contactId/decision', async (request, reply) => {
    const contactId = idParam(request, 'contactId');
    const response = await renderDecision(reply, contactId, { decidedOn: today(), decidedTime: timeNow(ctx.time) });
    await request.audit({ action: 'view-child', childId: await childOfContact(ctx.db, contactId), objectType: 'contact', objectId: contactId, detail: { page: 'decision' } });
    return response;
  });

  app.post('/front-door/contacts/:contactId/decision', async (request, reply) => {
    const contactId = idParam(request, 'contactId');
    return postForm(request, reply, {
      schema: DecisionInput,
      dates: ['decidedOn'],
      fields: ['decidedOn', 'decidedTime', 'outcome', 'rationale', 'primaryNeed'],
      // A referral refused (an open episode already) is a problem with the decision chosen.
      fallbackField: 'outcome',
      render: (values, errors) => renderDecision(reply, contactId, values, errors),
      save: async (data) => {
        const result = await decideContact(ctx.db, signedIn(request), contactId, data, today());
        await request.audit({ action: 'create', childId: await childOfContact(ctx.db, contactId), objectType: 'contact-decision', objectId: result.decisionId, detail: { contactId, outcome: data.outcome } });
        return contactPath(contactId);
      },
    });
  });

  // -------------------------------------------------------------------------------------------
  // Telling the referrer; the second look
  // -------------------------------------------------------------------------------------------

  const renderInformed = async (reply: FastifyReply, contactId: string, values: Values, errors?: FormErrors) => {
    const { contact } = await contactView(ctx.db, signedIn(reply.request), contactId, today());
    return reply.render(`${VIEWS}/referrer-informed.njk`, {
      title: 'Record that the referrer was told the outcome',
      contact,
      values,
      errors,
      dateItems: dateInputItems('informedOn', values, Boolean(errors?.fields['informedOn'])),
      methodItems: radioItems(FEEDBACK_METHOD, values['method']),
      backHref: contactPath(contactId),
    });
  };

  app.get('/front-door/contacts/:contactId/referrer-informed', async (request, reply) => {
    const contactId = idParam(request, 'contactId');
    const response = await renderInformed(reply, contactId, { informedOn: today() });
    await request.audit({ action: 'view-child', childId: await childOfContact(ctx.db, contactId), objectType: 'contact', objectId: contactId, detail: { page: 'referrer-informed' } });
    return response;
  });

  app.post('/front-door/contacts/:contactId/referrer-informed', async (request, reply) => {
    const contactId = idParam(request, 'contactId');
    return postForm(request, reply, {
      schema: ReferrerInformedInput,
      dates: ['informedOn'],
      fields: ['informedOn', 'method', 'note'],
      fallbackField: 'informedOn',
      render: (values, errors) => renderInformed(reply, contactId, values, errors),
      save: async (data) => {
        const id = await recordReferrerInformed(ctx.db, signedIn(request), contactId, data, today());
        await request.audit({ action: 'create', childId: await childOfContact(ctx.db, contactId), objectType: 'referrer-feedback', objectId: id, detail: { contactId } });
        return contactPath(contactId);
      },
    });
  });

  const renderSecondLook = async (reply: FastifyReply, contactId: string, values: Values, errors?: FormErrors) => {
    const look = await secondLookContext(ctx.db, signedIn(reply.request), contactId, today());
    return reply.render(`${VIEWS}/second-look.njk`, {
      title: 'Take a second look at the decision',
      ...look,
      contactRows: contactRows(look.contact),
      checkRows: checkRows(look.checks),
      decisionRows: decisionRows(look.contact),
      values,
      errors,
      dateItems: dateInputItems('reviewedOn', values, Boolean(errors?.fields['reviewedOn'])),
      conclusionItems: radioItems(SECOND_LOOK_CONCLUSION, values['conclusion']),
      outcomeItems: selectItems(
        CONTACT_OUTCOME.filter((o) => o.code !== look.contact.decision?.outcome),
        values['newOutcome'],
        'Choose the new decision',
      ),
      needItems: selectItems(PRIMARY_NEED, values['primaryNeed'], 'Not yet known'),
      backHref: contactPath(contactId),
    });
  };

  app.get('/front-door/contacts/:contactId/second-look', async (request, reply) => {
    const contactId = idParam(request, 'contactId');
    const response = await renderSecondLook(reply, contactId, { reviewedOn: today() });
    await request.audit({ action: 'view-child', childId: await childOfContact(ctx.db, contactId), objectType: 'contact', objectId: contactId, detail: { page: 'second-look' } });
    return response;
  });

  app.post('/front-door/contacts/:contactId/second-look', async (request, reply) => {
    const contactId = idParam(request, 'contactId');
    return postForm(request, reply, {
      schema: SecondLookInput,
      dates: ['reviewedOn'],
      fields: ['reviewedOn', 'conclusion', 'newOutcome', 'notes', 'primaryNeed'],
      fallbackField: 'conclusion',
      render: (values, errors) => renderSecondLook(reply, contactId, values, errors),
      save: async (data) => {
        const result = await recordSecondLook(ctx.db, signedIn(request), contactId, data, today());
        await request.audit({ action: 'create', childId: await childOfContact(ctx.db, contactId), objectType: 'contact-second-look', objectId: result.secondLookId, detail: { contactId, conclusion: data.conclusion } });
        return contactPath(contactId);
      },
    });
  });

  // -------------------------------------------------------------------------------------------
  // The child's contacts
  // -------------------------------------------------------------------------------------------

  app.get('/children/:childId/contacts', async (request, reply) => {
    const user = signedIn(request);
    const childId = idParam(request, 'childId');
    const { child, contacts } = await contactsOfChild(ctx.db, user, childId, today());
    await request.audit({ action: 'view-child', childId, objectType: 'contacts', objectId: childId });
    return reply.render(`${VIEWS}/child-contacts.njk`, {
      title: `Contacts: ${child.name}`,
      child,
      contacts: contacts.map(queueRow),
      mayRecord: can(user.role, 'record-casework'),
    });
  });

  // -------------------------------------------------------------------------------------------
  // Partner agencies: online referrals
  // -------------------------------------------------------------------------------------------

  app.get('/referrals', async (request, reply) => {
    const user = signedIn(request);
    const referrals = await partnerReferrals(ctx.db, user);
    return reply.render(`${VIEWS}/partner-list.njk`, { title: 'Your referrals', referrals, panel: { rows: referrals } });
  });

  const renderPartnerForm = (reply: FastifyReply, values: Values, errors?: FormErrors) => {
    const user = signedIn(reply.request);
    return reply.render(`${VIEWS}/partner-form.njk`, {
      title: 'Refer a child to children’s services',
      values,
      errors,
      you: { name: user.displayName, agency: user.agency },
      dobItems: dateInputItems('dateOfBirth', values, Boolean(errors?.fields['dateOfBirth'])),
      sourceItems: selectItems(REFERRAL_SOURCE, values['source'], 'Choose your kind of agency'),
      riskItems: checkboxItems(RISK_INDICATOR, values['riskIndicators']),
      consentItems: radioItems(CONSENT, values['consent']),
    });
  };

  app.get('/referrals/new', async (request, reply) => {
    const user = signedIn(request);
    if (!can(user.role, 'make-referral')) throw new Forbidden('Online referrals are made by partner agency users.');
    return renderPartnerForm(reply, { source: SOURCE_FOR_AGENCY[(user.agency ?? '').toLowerCase()] ?? '' });
  });

  app.post('/referrals/new', async (request, reply) => {
    const user = signedIn(request);
    return postForm(request, reply, {
      schema: PartnerReferralInput,
      dates: ['dateOfBirth'],
      fields: ['firstName', 'lastName', 'dateOfBirth', 'source', 'worry', 'consent'],
      fallbackField: 'worry',
      render: (values, errors) => renderPartnerForm(reply, values, errors),
      save: async (data) => {
        const id = await submitPartnerReferral(ctx.db, user, data, ctx.time);
        await request.audit({ action: 'create', objectType: 'contact', objectId: id, detail: { online: true } });
        return `/referrals/${id}`;
      },
    });
  });

  app.get('/referrals/:contactId', async (request, reply) => {
    const contactId = idParam(request, 'contactId');
    const referral = await partnerReferral(ctx.db, signedIn(request), contactId);
    await request.audit({ action: 'view-child', objectType: 'partner-referral', objectId: contactId });
    return reply.render(`${VIEWS}/partner-referral.njk`, { title: `Your referral about ${referral.childName}`, referral });
  });

  // -------------------------------------------------------------------------------------------
  // API
  // -------------------------------------------------------------------------------------------

  const TAG = 'Front door';

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/front-door/contacts',
    summary: 'The front door queue: contacts awaiting a decision (with age in working days and the decision due date), partners’ referrals awaiting a match, and decisions in the last 14 days',
    tag: TAG,
    handler: async ({ request }) => {
      const user = signedIn(request);
      if (!mayUseFrontDoor(user)) throw new Forbidden('The front door queue is for front door workers and managers.');
      const queue = await frontDoorQueue(ctx.db, user, today());
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
    handler: async ({ request, query }) => {
      const contacts = await secondLookList(ctx.db, signedIn(request), today(), { all: query.all === 'yes' });
      await request.audit({ action: 'view-child', objectType: 'second-look-list' });
      return { contacts };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/contacts',
    summary: 'A child’s contacts, newest first, each with its decision, timeliness and whether the referrer was told',
    tag: TAG,
    params: ChildParams,
    handler: async ({ params, request }) => {
      const result = await contactsOfChild(ctx.db, signedIn(request), params.childId, today());
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'contacts', objectId: params.childId });
      return { contacts: result.contacts };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/contacts',
    summary: 'Record a contact about a child: starts the one-working-day decision clock',
    tag: TAG,
    params: ChildParams,
    body: ContactInput,
    handler: async ({ params, body, request }) => {
      const id = await recordContact(ctx.db, signedIn(request), params.childId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'contact', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/contacts/:contactId',
    summary: 'A contact with its checks, decision, referrer feedback and second look',
    tag: TAG,
    params: ContactParams,
    handler: async ({ params, request }) => {
      const result = await contactView(ctx.db, signedIn(request), params.contactId, today());
      await request.audit({ action: 'view-child', childId: result.contact.childId, objectType: 'contact', objectId: params.contactId });
      return result;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/contacts/:contactId/match',
    summary: 'Match a partner’s online referral to a child Lantern knows (front door only)',
    tag: TAG,
    params: ContactParams,
    body: MatchInput,
    successStatus: 200,
    handler: async ({ params, body, request }) => {
      await matchContact(ctx.db, signedIn(request), params.contactId, body.childId, today());
      await request.audit({ action: 'update', childId: body.childId, objectType: 'contact', objectId: params.contactId, detail: { matched: true } });
      return { id: params.contactId, childId: body.childId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/contacts/:contactId/checks',
    summary: 'Record checks asked of another agency (and their answer, if already given)',
    tag: TAG,
    params: ContactParams,
    body: AgencyCheckInput,
    handler: async ({ params, body, request }) => {
      const id = await recordAgencyCheck(ctx.db, signedIn(request), params.contactId, body, today());
      await request.audit({ action: 'create', childId: await childOfContact(ctx.db, params.contactId), objectType: 'agency-check', objectId: id, detail: { contactId: params.contactId } });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'PATCH',
    url: '/api/v1/contacts/:contactId/checks/:checkId',
    summary: 'Record what another agency told us in answer to checks',
    tag: TAG,
    params: CheckParams,
    body: AgencyAnswerInput,
    handler: async ({ params, body, request }) => {
      await answerAgencyCheck(ctx.db, signedIn(request), params.contactId, params.checkId, body, today());
      await request.audit({ action: 'update', childId: await childOfContact(ctx.db, params.contactId), objectType: 'agency-check', objectId: params.checkId, detail: { contactId: params.contactId } });
      return { id: params.checkId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/contacts/:contactId/decision',
    summary: 'The team manager’s threshold decision. A referral or strategy discussion opens an episode; early help opens an early help episode; all in one transaction',
    tag: TAG,
    params: ContactParams,
    body: DecisionInput,
    handler: async ({ params, body, request }) => {
      const result = await decideContact(ctx.db, signedIn(request), params.contactId, body, today());
      await request.audit({ action: 'create', childId: await childOfContact(ctx.db, params.contactId), objectType: 'contact-decision', objectId: result.decisionId, detail: { contactId: params.contactId, outcome: body.outcome } });
      return result;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/contacts/:contactId/referrer-informed',
    summary: 'Record when and how the referrer was told the outcome',
    tag: TAG,
    params: ContactParams,
    body: ReferrerInformedInput,
    handler: async ({ params, body, request }) => {
      const id = await recordReferrerInformed(ctx.db, signedIn(request), params.contactId, body, today());
      await request.audit({ action: 'create', childId: await childOfContact(ctx.db, params.contactId), objectType: 'referrer-feedback', objectId: id, detail: { contactId: params.contactId } });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/contacts/:contactId/second-look',
    summary: 'A second manager’s look at a no-service decision made while risk was recorded: agree, or change the decision (which starts the new pathway)',
    tag: TAG,
    params: ContactParams,
    body: SecondLookInput,
    handler: async ({ params, body, request }) => {
      const result = await recordSecondLook(ctx.db, signedIn(request), params.contactId, body, today());
      await request.audit({ action: 'create', childId: await childOfContact(ctx.db, params.contactId), objectType: 'contact-second-look', objectId: result.secondLookId, detail: { contactId: params.contactId } });
      return result;
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/referrals',
    summary: 'A partner agency user’s own referrals: what they sent, whether it is decided, the outcome and when they were told',
    tag: TAG,
    handler: async ({ request }) => ({ referrals: await partnerReferrals(ctx.db, signedIn(request)) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/referrals',
    summary: 'A partner agency user refers a child online; the front door matches it to a child',
    tag: TAG,
    body: PartnerReferralInput,
    handler: async ({ body, request }) => {
      const id = await submitPartnerReferral(ctx.db, signedIn(request), body, ctx.time);
      await request.audit({ action: 'create', objectType: 'contact', objectId: id, detail: { online: true } });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/referrals/:contactId',
    summary: 'One of the partner user’s own referrals and its outcome',
    tag: TAG,
    params: ContactParams,
    handler: async ({ params, request }) => {
      const referral = await partnerReferral(ctx.db, signedIn(request), params.contactId);
      await request.audit({ action: 'view-child', objectType: 'partner-referral', objectId: params.contactId });
      return referral;
    },
  });
};

function missingLaId(): never {
  throw new RuleBroken('Enter the child’s LA child ID, or find the child first', 'laChildId');
}

