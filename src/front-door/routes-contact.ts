// Recording a contact, the contact's page, correcting and deleting it, the child's contacts, and
// matching a partner's referral to a child: pages and API. HTTP only: the rules are in the services.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { can } from '../access/roles.ts';
import { REFERRAL_SOURCE } from '../codes/index.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, childDelete, childForm, childNewRecord, childPage, type Values } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import type { AppContext } from '../server/context.ts';
import { RuleBroken } from '../server/errors.ts';
import { checkboxItems, radioItems, selectItems } from '../server/form-items.ts';
import { formatDate } from '../server/format.ts';
import { isFrontDoorManager, mayUseFrontDoor } from './access.ts';
import { CONSENT, RISK_INDICATOR } from './codes.ts';
import { nextSteps, type ContactView } from './describe.ts';
import { mayAllocate } from '../people/allocation.ts';
import { checkRows, contactRows, decisionRows, secondLookRows, statusTag, subjectRows } from './present.ts';
import { childContactsPath, contactPath, ofContactMatchedOrNot, param, requireRecordOn, signedInForm, VIEWS } from './routes-shared.ts';
import { ChildParams, ContactCorrection, ContactInput, ContactParams, MatchForm, MatchInput } from './schemas.ts';
import { childForLaId, contactsOfChild, contactView, timeNow } from './service.ts';
import { correctContact, deleteContact, matchCandidates, matchContact, matchToNewChild, recordContact } from './service-contact.ts';

const TAG = 'Front door';

/** The contact form's choices, from the code lists, with what was typed or stored chosen. */
const contactItems = (values: Values) => ({
  sourceItems: selectItems(REFERRAL_SOURCE, values['source'], 'Choose who made the contact'),
  riskItems: checkboxItems(RISK_INDICATOR, values['riskIndicators']),
  consentItems: radioItems(CONSENT, values['consent']),
});

/** What the record knows of a contact, as the correction form's first values. */
const contactValues = (c: ContactView): Values => ({
  receivedOn: c.receivedOn,
  receivedTime: c.receivedTime,
  source: c.source,
  referrerName: c.referrer.name,
  referrerRole: c.referrer.role,
  referrerAgency: c.referrer.agency,
  referrerPhone: c.referrer.phone,
  worry: c.worry,
  riskIndicators: c.riskIndicators,
  consent: c.consent,
  version: c.version,
});

const queueRow = (c: ContactView) => ({ ...c, tag: statusTag(c) });
const uuid = z.guid();

export function contactRoutes(app: FastifyInstance, ctx: AppContext): void {
  // -------------------------------------------------------------------------------------------
  // Recording a contact: about a child found by LA child ID, or from the child's record
  // -------------------------------------------------------------------------------------------

  signedInForm(app, ctx, {
    path: '/front-door/contacts/new',
    reason: 'a contact about a child found by LA child ID: the child is checked when the form is sent',
    capability: 'record-casework',
    template: `${VIEWS}/contact-form.njk`,
    schema: ContactInput,
    dates: ['receivedOn'],
    // The child's own form, once the child is known.
    redirect: (request) => {
      const childId = (request.query as Record<string, unknown>)['childId'];
      return uuid.safeParse(childId).success ? `/children/${String(childId)}/contacts/new` : null;
    },
    initial: ({ today }) => ({ receivedOn: today, receivedTime: timeNow(ctx.time) }),
    view: (values) => ({ title: 'Record a contact', action: '/front-door/contacts/new', backHref: '/front-door', ...contactItems(values) }),
    fields: ['laChildId', 'receivedOn', 'receivedTime', 'source', 'worry', 'consent', 'riskIndicators'],
    fallbackField: 'receivedOn',
    save: async (input, request, values) => {
      const laChildId = String(values['laChildId'] ?? '').trim();
      if (!laChildId) throw new RuleBroken('Enter the child’s LA child ID, or find the child first', 'laChildId');
      const childId = await childForLaId(ctx.db, laChildId);
      await requireRecordOn(ctx, request, childId);
      const id = await recordContact(ctx.db, request.user!, childId, input, ctx.time.today());
      await request.audit({ action: 'create', childId, objectType: 'contact', objectId: id });
      return { next: contactPath(id) };
    },
  });

  childNewRecord(app, ctx, {
    path: '/children/:childId/contacts/new',
    audit: 'contact',
    template: `${VIEWS}/contact-form.njk`,
    schema: ContactInput,
    dates: ['receivedOn'],
    fields: ['receivedOn', 'receivedTime', 'source', 'worry', 'consent', 'riskIndicators'],
    fallbackField: 'receivedOn',
    load: async () => null,
    initial: (_none, { today }) => ({ receivedOn: today, receivedTime: timeNow(ctx.time) }),
    view: (_none, values, { child }) => ({
      title: 'Record a contact',
      action: `/children/${child.id}/contacts/new`,
      backHref: childContactsPath(child.id),
      ...contactItems(values),
    }),
    record: recordContact,
    next: (_childId, id) => contactPath(id),
  });

  // -------------------------------------------------------------------------------------------
  // A contact: its page, correcting it, deleting it
  // -------------------------------------------------------------------------------------------

  childPage(app, ctx, {
    path: '/front-door/contacts/:contactId',
    ...ofContactMatchedOrNot,
    audit: 'contact',
    template: `${VIEWS}/contact.njk`,
    load: async (page) => {
      const { contact, checks } = await contactView(ctx.db, param(page, 'contactId'), page.today);
      // A partner's referral not yet matched is opened only by the front door staff (the guard), who record.
      const mayChange = page.maybeChild ? page.maybeChild.mayChange : can(page.user.role, 'record-casework');
      const matched = Boolean(contact.childId);
      return {
        title: matched ? `Contact about ${contact.childName}` : `Online referral about ${contact.childName}`,
        contact,
        tag: statusTag(contact),
        contactRows: contactRows(contact),
        subjectRows: subjectRows(contact),
        checkRows: checkRows(checks, matched && mayChange ? contactPath(contact.id) : undefined),
        checks,
        decisionRows: decisionRows(contact),
        secondLookRows: secondLookRows(contact),
        nextSteps: mayChange ? nextSteps(contact, { allocate: mayAllocate(page.user) }) : [],
        // Back to the queue only for those who may open it; anyone else came from the child's record.
        backToQueue: mayUseFrontDoor(page.user) && contact.status !== 'decided',
        actions: {
          match: !matched && mayChange,
          check: matched && mayChange,
          decide: matched && !contact.decision && (await isFrontDoorManager(ctx.db, page.user)),
          secondLook: contact.awaitingSecondLook && can(page.user.role, 'decide-threshold'),
          correct: mayChange,
          // A decided contact started what followed: it is corrected, not deleted.
          remove: mayChange && !contact.decision,
        },
      };
    },
  });

  childForm(app, ctx, {
    path: '/front-door/contacts/:contactId/change',
    ...ofContactMatchedOrNot,
    audit: 'contact',
    template: `${VIEWS}/contact-form.njk`,
    schema: ContactCorrection,
    dates: ['receivedOn'],
    fields: ['receivedOn', 'receivedTime', 'source', 'worry', 'consent', 'riskIndicators', 'reason'],
    fallbackField: 'receivedOn',
    load: async (page) => (await contactView(ctx.db, param(page, 'contactId'), page.today)).contact,
    initial: contactValues,
    view: (contact, values) => ({
      title: 'Correct the contact',
      correcting: true,
      contact,
      action: `${contactPath(contact.id)}/change`,
      backHref: contactPath(contact.id),
      ...contactItems(values),
    }),
    save: async (input, page) => {
      const contactId = param(page, 'contactId');
      await correctContact(ctx.db, page.user, contactId, input, page.today);
      return { next: contactPath(contactId), audit: { action: 'update', objectType: 'contact', objectId: contactId } };
    },
  });

  childDelete(app, ctx, {
    path: '/front-door/contacts/:contactId/delete',
    ...ofContactMatchedOrNot,
    audit: 'contact',
    title: 'Delete this contact',
    load: async (page) => {
      const { contact } = await contactView(ctx.db, param(page, 'contactId'), page.today);
      return {
        backHref: contactPath(contact.id),
        rows: [
          { key: { text: 'Contact about' }, value: { text: contact.childName } },
          { key: { text: 'Received' }, value: { text: `${formatDate(contact.receivedOn)} at ${contact.receivedTime}` } },
          { key: { text: 'Who made the contact' }, value: { text: contact.referrer.agencyName ?? contact.sourceLabel } },
        ],
      };
    },
    remove: async (page, reason) => {
      const contactId = param(page, 'contactId');
      await deleteContact(ctx.db, page.user, contactId, reason, page.today);
      return {
        next: page.maybeChild ? childContactsPath(page.maybeChild.id) : '/front-door',
        audit: { action: 'delete', objectType: 'contact', objectId: contactId },
      };
    },
  });

  // -------------------------------------------------------------------------------------------
  // The child's contacts
  // -------------------------------------------------------------------------------------------

  childPage(app, ctx, {
    path: '/children/:childId/contacts',
    audit: 'contacts',
    template: `${VIEWS}/child-contacts.njk`,
    load: async ({ child, today }) => ({ title: `Contacts: ${child.name}`, contacts: (await contactsOfChild(ctx.db, child.id, today)).map(queueRow) }),
  });

  // -------------------------------------------------------------------------------------------
  // Matching a partner's referral to a child
  // -------------------------------------------------------------------------------------------

  childForm(app, ctx, {
    path: '/front-door/contacts/:contactId/match',
    ...ofContactMatchedOrNot,
    audit: 'contact',
    template: `${VIEWS}/match.njk`,
    schema: MatchForm,
    dates: ['dateOfBirth'],
    fields: ['how', 'childId', 'laChildId', 'firstName', 'lastName', 'dateOfBirth', 'sex', 'notDuplicateReason'],
    load: async (page) => {
      const contactId = param(page, 'contactId');
      const [{ contact }, candidates] = await Promise.all([contactView(ctx.db, contactId, page.today), matchCandidates(ctx.db, page.user, contactId)]);
      return { contact, candidates };
    },
    // The new child's details, as the partner gave them.
    initial: ({ contact }) => ({ firstName: contact.subject?.firstName, lastName: contact.subject?.lastName, dateOfBirth: contact.subject?.dateOfBirth }),
    view: ({ contact, candidates }, values) => ({
      title: 'Match the referral to a child',
      contact,
      subjectRows: [...subjectRows(contact), ...contactRows(contact).slice(0, 4)],
      candidateItems: candidates.map((c) => ({
        value: c.id,
        text: `${c.first_name} ${c.last_name}`,
        hint: { text: `Born ${c.date_of_birth ? formatDate(c.date_of_birth) : 'unknown'}${c.la_child_id ? `, LA child ID ${c.la_child_id}` : ''}` },
        checked: values['childId'] === c.id,
      })),
      sexItems: radioItems(
        [
          { code: 'F', label: 'Female' },
          { code: 'M', label: 'Male' },
          { code: 'U', label: 'Not known' },
        ],
        values['sex'],
      ),
      hasCandidates: candidates.length > 0,
    }),
    save: async (input, page) => {
      const contactId = param(page, 'contactId');
      let childId: string;
      if (input.how === 'new') {
        const result = await matchToNewChild(ctx.db, page.user, contactId, input, page.today);
        if (result.status === 'possible-duplicates') {
          throw new RuleBroken(
            `Lantern may already know this child: ${result.candidates.map((c) => `${c.first_name} ${c.last_name} (${c.la_child_id ?? 'no LA child ID'})`).join(', ')}. Match to one of them, or say why this is a different child`,
            'notDuplicateReason',
          );
        }
        childId = result.childId;
        await page.request.audit({ action: 'create', childId, objectType: 'person', objectId: childId });
      } else {
        childId = input.how === 'la' ? await childForLaId(ctx.db, input.laChildId) : input.childId;
        await requireRecordOn(ctx, page.request, childId);
        await matchContact(ctx.db, page.user, contactId, childId, page.today);
      }
      // Audited with the child it is now about (the guard found none when the page was asked for).
      await page.request.audit({ action: 'update', childId, objectType: 'contact', objectId: contactId, detail: { matched: true } });
      return { next: contactPath(contactId) };
    },
  });

  // -------------------------------------------------------------------------------------------
  // API
  // -------------------------------------------------------------------------------------------

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/contacts',
    summary: 'A child’s contacts, newest first, each with its decision, timeliness and whether the referrer was told',
    tag: TAG,
    params: ChildParams,
    guard: childApi('see', 'contacts'),
    handler: async ({ params }) => ({ contacts: await contactsOfChild(ctx.db, params.childId, ctx.time.today()) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/contacts',
    summary: 'Record a contact about a child: starts the one-working-day decision clock',
    tag: TAG,
    params: ChildParams,
    body: ContactInput,
    guard: childApi('change', 'contact'),
    change: { action: 'create', objectType: 'contact' },
    handler: async ({ params, body, request }) => ({ id: await recordContact(ctx.db, request.user!, params.childId, body, ctx.time.today()) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/contacts/:contactId',
    summary: 'A contact with its checks, decision, referrer feedback and second look',
    tag: TAG,
    params: ContactParams,
    guard: childApi('see', 'contact', ofContactMatchedOrNot),
    handler: async ({ params }) => contactView(ctx.db, params.contactId, ctx.time.today()),
  });

  correctionApi(app, ctx, {
    url: '/api/v1/contacts/:contactId',
    tag: TAG,
    objectType: 'contact',
    params: ContactParams,
    ...ofContactMatchedOrNot,
    correct: {
      summary: 'Correct a contact (what was reported, when, who made it) with the reason; the old version is kept and the decision clock follows the date',
      body: ContactCorrection,
      save: (u, p, d, t) => correctContact(ctx.db, u, p.contactId, d, t),
    },
    remove: {
      summary: 'Delete a contact recorded in error, with the reason (its checks go with it; a decided contact is corrected instead); a copy is kept',
      save: (u, p, d, t) => deleteContact(ctx.db, u, p.contactId, d.reason, t),
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
    guard: childApi('change', 'contact', ofContactMatchedOrNot),
    handler: async ({ params, body, request }) => {
      await requireRecordOn(ctx, request, body.childId);
      await matchContact(ctx.db, request.user!, params.contactId, body.childId, ctx.time.today());
      await request.audit({ action: 'update', childId: body.childId, objectType: 'contact', objectId: params.contactId, detail: { matched: true } });
      return { id: params.contactId, childId: body.childId };
    },
  });
}
