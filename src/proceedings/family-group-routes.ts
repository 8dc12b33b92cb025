// Family group decision-making before proceedings (s.31ZA; family-group.ts): the page of one
// pre-proceedings' offers, answers, meetings and best-interests decisions, a form for each, their
// corrections and deletions, the API, and the administrator's page for the duty's commencement.
// HTTP only.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import { childForm, childPage, childRecordDelete, type Page, type Values } from '../server/child-pages.ts';
import type { ChildGuard, Guard } from '../server/guard.ts';
import { apiRoute } from '../server/api.ts';
import { stepApi } from '../server/step-api.ts';
import { childApi } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { parseForm, foldDateInputs, dateInputItems, type FormErrors } from '../server/forms.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { labelFor } from '../codes/index.ts';
import { FGDM_EXEMPTION_COVERS, FGDM_RESPONSE } from './codes.ts';
import {
  FamilyGroupParams,
  FgdmDutyInput,
  FgdmExemptionCorrection,
  FgdmExemptionInput,
  FgdmExemptionParams,
  FgdmMeetingCorrection,
  FgdmMeetingInput,
  FgdmMeetingParams,
  FgdmOfferInput,
  FgdmOfferParams,
  FgdmResponseInput,
} from './family-group-schemas.ts';
import {
  correctFgdmExemption,
  correctFgdmMeeting,
  deleteFgdmExemption,
  deleteFgdmMeeting,
  deleteFgdmOffer,
  familyGroupOf,
  familyNetwork,
  fgdmExemptionOf,
  fgdmMeetingOf,
  fgdmOfferOf,
  recordFgdmExemption,
  recordFgdmMeeting,
  recordFgdmOffer,
  recordFgdmResponse,
  S31ZA,
} from './family-group.ts';
import { describeDuty, fgdmDuty, setFgdmDuty, type FgdmDuty } from './family-group-duty.ts';
import type { Field } from './steps.ts';

const familyGroupPage = (childId: string, preProceedingsId: string) => `/children/${childId}/proceedings/pre-proceedings/${preProceedingsId}/family-group`;
const TITLE = 'Family group decision-making';
/** A record of the pre-proceedings goes back to their family group page. */
const backToPre = (r: { pre_proceedings_id: string }, page: Page) => familyGroupPage(page.child.id, r.pre_proceedings_id);

interface FgForm<S extends z.ZodType, D> {
  path: string;
  records: ChildGuard['records'];
  objectType: string;
  title: (data: D) => string;
  intro?: (data: D) => string | null;
  button: string;
  fields: (data: D) => readonly Field[];
  schema: S;
  load: (page: Page) => Promise<D>;
  /** The pre-proceedings the record belongs to: the form goes back to their page. */
  preOf: (data: D) => string;
  initial: (data: D, page: Page) => Values;
  correcting?: boolean;
  save: (input: z.output<S>, page: Page, data: D) => Promise<{ id: string; action: 'create' | 'update' }>;
}

/** One form of family group decision-making, drawn with the proceedings' form template. */
function fgForm<S extends z.ZodType, D>(app: FastifyInstance, ctx: AppContext, f: FgForm<S, D>): void {
  childForm(app, ctx, {
    path: f.path,
    records: f.records,
    audit: f.objectType,
    template: 'proceedings/views/form.njk',
    schema: f.schema,
    dates: ['offeredOn', 'respondedOn', 'heldOn', 'decidedOn'],
    fields: ['offeredOn', 'personIds', 'response', 'respondedOn', 'reason', 'heldOn', 'attendeeIds', 'otherAttendees', 'familyProposal', 'covers', 'decidedOn', 'decidedBy', 'why'],
    fallbackField: 'form',
    load: f.load,
    initial: f.initial,
    view: (data, _values, page) => ({
      title: f.title(data),
      intro: f.intro?.(data) ?? null,
      button: f.button,
      fields: f.fields(data),
      correcting: f.correcting ?? false,
      backHref: familyGroupPage(page.child.id, f.preOf(data)),
      backText: TITLE,
    }),
    save: async (input, page) => {
      const data = await f.load(page);
      const { id, action } = await f.save(input, page, data);
      return { next: familyGroupPage(page.child.id, f.preOf(data)), audit: { action, objectType: f.objectType, objectId: id } };
    },
  });
}

interface FgCorrection<S extends z.ZodType, D> extends Omit<FgForm<S, D>, 'intro' | 'button' | 'correcting' | 'save'> {
  /** The path parameter naming the record corrected (checked by the guard through `records`). */
  idParam: string;
  /** The record as the page names it: "The meeting as it was recorded is kept, with your reason." */
  what: string;
  /** The service's correction (it keeps the old version with the reason). */
  correct: (input: z.output<S>, page: Page) => Promise<void>;
}

/** A correction of a record of family group decision-making: the same page for a meeting and a decision. */
function fgCorrection<S extends z.ZodType, D>(app: FastifyInstance, ctx: AppContext, c: FgCorrection<S, D>): void {
  const { idParam, what, correct, ...form } = c;
  fgForm(app, ctx, {
    ...form,
    correcting: true,
    intro: () => `The ${what} as it was recorded is kept, with your reason.`,
    button: 'Save correction',
    save: async (input, page) => {
      await correct(input, page);
      return { id: page.params[idParam]!, action: 'update' };
    },
  });
}

const PRE = { preProceedingsId: 'pre_proceedings' } as const;

const MEETING_FIELDS = (network: Awaited<ReturnType<typeof familyNetwork>>): readonly Field[] => [
  { type: 'date', name: 'heldOn', label: 'Date of the meeting' },
  {
    type: 'checkboxes',
    name: 'attendeeIds',
    label: 'Who attended from the child’s family network on the record',
    empty: 'No family members are on the child’s record: type those who attended below.',
    options: network.map((p) => ({ code: p.personId, label: p.name, hint: p.relationship })),
  },
  { type: 'textarea', name: 'otherAttendees', label: 'Others who attended (optional)', hint: 'One a line: their name, a comma, and their relationship to the child. For example “Ama Owusu, family friend”' },
  { type: 'textarea', name: 'familyProposal', label: 'The family’s proposal', hint: 'The plan the family made for the child’s safety and care, and who will do what' },
];

const EXEMPTION_FIELDS: readonly Field[] = [
  { type: 'radios', name: 'covers', label: 'What did the council decide?', options: FGDM_EXEMPTION_COVERS },
  { type: 'date', name: 'decidedOn', label: 'Date of the decision' },
  { type: 'input', name: 'decidedBy', label: 'Who decided', hint: 'Their name and role, or the panel, for example ‘Legal gateway panel, chaired by the head of service’' },
  { type: 'textarea', name: 'why', label: 'Why it would not be in the child’s best interests' },
];

const ADMINISTRATORS: Guard = { signedIn: true, capability: 'manage-settings', reason: 'Administrators set when the council’s duties come into force' };

const dutyValues = (duty: FgdmDuty): Values => {
  const values: Values = { inForce: duty.inForce };
  if (duty.inForce === 'from') {
    const [year, month, day] = duty.from.split('-');
    Object.assign(values, { from: duty.from, 'from-day': String(Number(day)), 'from-month': String(Number(month)), 'from-year': year });
  }
  return values;
};

export function familyGroupRoutes(app: FastifyInstance, ctx: AppContext): void {
  childPage(app, ctx, {
    path: '/children/:childId/proceedings/pre-proceedings/:preProceedingsId/family-group',
    records: PRE,
    audit: 'family-group-decision-making',
    template: 'proceedings/views/family-group.njk',
    load: async ({ child, params, today }) => ({ title: TITLE, s31za: S31ZA, dutyText: describeDuty(await fgdmDuty(ctx.db)), ...(await familyGroupOf(ctx.db, child.id, params['preProceedingsId']!, today)) }),
  });

  // --- The offer and the answers ----------------------------------------------------------------
  fgForm(app, ctx, {
    path: '/children/:childId/proceedings/pre-proceedings/:preProceedingsId/family-group/offers/new',
    records: PRE,
    objectType: 'fgdm-offer',
    load: ({ child, params, today }) => familyGroupOf(ctx.db, child.id, params['preProceedingsId']!, today),
    preOf: (d) => d.pre.id,
    title: () => 'Record the offer of a family group decision-making meeting',
    intro: (d) => `The offer is made in the letter before proceedings (sent ${formatDate(d.pre.letter_sent_on)}) to the child’s parents and everyone with parental responsibility.`,
    button: 'Save the offer',
    fields: (d) => [
      { type: 'date', name: 'offeredOn', label: 'Date of the offer', hint: 'The date of the letter before proceedings, or later for someone offered afterwards' },
      {
        type: 'checkboxes',
        name: 'personIds',
        label: 'Who was offered the meeting',
        hint: 'Parents and people with parental responsibility on the child’s record, not yet offered it',
        empty: 'Everyone with parental responsibility on the child’s record has been offered the meeting. Add a person to the child’s family on their record first.',
        options: d.notYetOffered.map((p) => ({ code: p.personId, label: p.name, hint: `${p.relationship}${p.parentalResponsibility ? ', parental responsibility' : ''}` })),
      },
    ],
    schema: FgdmOfferInput,
    initial: (d) => ({ offeredOn: d.pre.letter_sent_on, personIds: d.notYetOffered.map((p) => p.personId) }),
    save: async (input, { user, child, params, today }) => ({ id: await recordFgdmOffer(ctx.db, user, child.id, params['preProceedingsId']!, input, today), action: 'create' }),
  });

  const OFFER = { offerId: 'fgdm_offer' } as const;
  const offerData = async ({ child, params }: Page) => {
    const offer = await fgdmOfferOf(ctx.db, child.id, params['offerId']!);
    const person = await ctx.db.selectFrom('person').select(['first_name', 'last_name']).where('id', '=', offer.person_id).executeTakeFirstOrThrow();
    return { ...offer, name: `${person.first_name} ${person.last_name}` };
  };

  fgForm(app, ctx, {
    path: '/children/:childId/proceedings/family-group/offers/:offerId/answer',
    records: OFFER,
    objectType: 'fgdm-offer',
    load: offerData,
    preOf: (o) => o.pre_proceedings_id,
    title: (o) => `${o.name}’s answer to the offer of a family group meeting`,
    intro: (o) =>
      o.response
        ? `Recorded: ${midSentence(labelFor(FGDM_RESPONSE, o.response))} on ${formatDate(o.responded_on!)}. The answer as it was is kept with your reason.`
        : `Offered on ${formatDate(o.offered_on)}.`,
    button: 'Save the answer',
    fields: (o) => [
      { type: 'radios', name: 'response', label: 'Their answer', options: FGDM_RESPONSE },
      { type: 'date', name: 'respondedOn', label: 'Date of the answer', hint: 'For no answer, the date you stopped waiting for one' },
      ...(o.response ? [{ type: 'textarea', name: 'reason', label: 'Why the answer is changing' } as const] : []),
    ],
    schema: FgdmResponseInput,
    initial: (o, { today }) => ({ response: o.response, respondedOn: o.responded_on ?? today }),
    save: async (input, { user, child, params, today }) => ({ id: await recordFgdmResponse(ctx.db, user, child.id, params['offerId']!, input, today), action: 'update' }),
  });

  childRecordDelete(app, ctx, {
    path: '/children/:childId/proceedings/family-group/offers/:offerId/delete',
    records: OFFER,
    audit: 'fgdm-offer',
    title: 'Delete this offer of a family group meeting',
    record: offerData,
    rows: (o) => [
      { key: { text: 'Offered to' }, value: { text: `${o.name} (${midSentence(o.relationship)})` } },
      { key: { text: 'Offered on' }, value: { text: formatDate(o.offered_on) } },
      { key: { text: 'Answer' }, value: { text: o.response ? `${labelFor(FGDM_RESPONSE, o.response)} on ${formatDate(o.responded_on!)}` : 'Not yet recorded' } },
    ],
    back: backToPre,
    remove: ({ user, child }, o, reason) => deleteFgdmOffer(ctx.db, user, child.id, o.id, reason),
  });

  // --- Meetings -------------------------------------------------------------------------------
  fgForm(app, ctx, {
    path: '/children/:childId/proceedings/pre-proceedings/:preProceedingsId/family-group/meetings/new',
    records: PRE,
    objectType: 'fgdm-meeting',
    load: ({ child, params, today }) => familyGroupOf(ctx.db, child.id, params['preProceedingsId']!, today),
    preOf: (d) => d.pre.id,
    title: () => 'Record a family group decision-making meeting',
    intro: () => 'The meeting of the child’s family network, facilitated by the council, where the family makes its own plan.',
    button: 'Save the meeting',
    fields: (d) => MEETING_FIELDS(d.network),
    schema: FgdmMeetingInput,
    initial: (_d, { today }) => ({ heldOn: today }),
    save: async (input, { user, child, params, today }) => ({ id: await recordFgdmMeeting(ctx.db, user, child.id, params['preProceedingsId']!, input, today), action: 'create' }),
  });

  const MEETING = { meetingId: 'fgdm_meeting' } as const;
  fgCorrection(app, ctx, {
    path: '/children/:childId/proceedings/family-group/meetings/:meetingId/change',
    records: MEETING,
    idParam: 'meetingId',
    objectType: 'fgdm-meeting',
    what: 'meeting',
    load: async ({ child, params }) => ({ meeting: await fgdmMeetingOf(ctx.db, child.id, params['meetingId']!), network: await familyNetwork(ctx.db, child.id) }),
    preOf: (d) => d.meeting.pre_proceedings_id,
    title: (d) => `Correct the family group meeting on ${formatDate(d.meeting.held_on)}`,
    fields: (d) => MEETING_FIELDS(d.network),
    schema: FgdmMeetingCorrection,
    initial: ({ meeting }) => ({
      heldOn: meeting.held_on,
      attendeeIds: meeting.attendees.flatMap((a) => (a.personId ? [a.personId] : [])),
      otherAttendees: meeting.attendees.filter((a) => !a.personId).map((a) => `${a.name}, ${a.relationship}`).join('\n'),
      familyProposal: meeting.family_proposal,
      version: meeting.version,
    }),
    correct: (input, { user, child, params, today }) => correctFgdmMeeting(ctx.db, user, child.id, params['meetingId']!, input, today),
  });

  childRecordDelete(app, ctx, {
    path: '/children/:childId/proceedings/family-group/meetings/:meetingId/delete',
    records: MEETING,
    audit: 'fgdm-meeting',
    title: 'Delete this family group meeting',
    record: ({ child, params }: Page) => fgdmMeetingOf(ctx.db, child.id, params['meetingId']!),
    rows: (m) => [
      { key: { text: 'Meeting' }, value: { text: formatDate(m.held_on) } },
      { key: { text: 'The family’s proposal' }, value: { text: m.family_proposal } },
    ],
    back: backToPre,
    remove: ({ user, child }, m, reason) => deleteFgdmMeeting(ctx.db, user, child.id, m.id, reason),
  });

  // --- Best-interests decisions -----------------------------------------------------------------
  fgForm(app, ctx, {
    path: '/children/:childId/proceedings/pre-proceedings/:preProceedingsId/family-group/best-interests/new',
    records: PRE,
    objectType: 'fgdm-exemption',
    load: ({ child, params, today }) => familyGroupOf(ctx.db, child.id, params['preProceedingsId']!, today),
    preOf: (d) => d.pre.id,
    title: () => 'Record a decision that a family group meeting is not in the child’s best interests',
    intro: () => `The duty to offer the meeting, and to hold it once accepted, does not apply if the council decides it would not be in the child’s best interests (${S31ZA}). Offering and holding are separate decisions.`,
    button: 'Save the decision',
    fields: () => EXEMPTION_FIELDS,
    schema: FgdmExemptionInput,
    initial: (d, { today }) => ({ decidedOn: today, covers: d.applicationWaits ? 'meeting' : undefined }),
    save: async (input, { user, child, params, today }) => ({ id: await recordFgdmExemption(ctx.db, user, child.id, params['preProceedingsId']!, input, today), action: 'create' }),
  });

  const EXEMPTION = { exemptionId: 'fgdm_exemption' } as const;
  fgCorrection(app, ctx, {
    path: '/children/:childId/proceedings/family-group/best-interests/:exemptionId/change',
    records: EXEMPTION,
    idParam: 'exemptionId',
    objectType: 'fgdm-exemption',
    what: 'decision',
    load: ({ child, params }) => fgdmExemptionOf(ctx.db, child.id, params['exemptionId']!),
    preOf: (e) => e.pre_proceedings_id,
    title: (e) => `Correct the best-interests decision of ${formatDate(e.decided_on)}`,
    fields: () => EXEMPTION_FIELDS,
    schema: FgdmExemptionCorrection,
    initial: (e) => ({ covers: e.covers, decidedOn: e.decided_on, decidedBy: e.decided_by, why: e.reason, version: e.version }),
    correct: (input, { user, child, params, today }) => correctFgdmExemption(ctx.db, user, child.id, params['exemptionId']!, input, today),
  });

  childRecordDelete(app, ctx, {
    path: '/children/:childId/proceedings/family-group/best-interests/:exemptionId/delete',
    records: EXEMPTION,
    audit: 'fgdm-exemption',
    title: 'Delete this best-interests decision',
    record: ({ child, params }: Page) => fgdmExemptionOf(ctx.db, child.id, params['exemptionId']!),
    rows: (e) => [
      { key: { text: 'Decision' }, value: { text: labelFor(FGDM_EXEMPTION_COVERS, e.covers) ?? e.covers } },
      { key: { text: 'Decided' }, value: { text: `${formatDate(e.decided_on)} by ${e.decided_by}` } },
    ],
    back: backToPre,
    remove: ({ user, child }, e, reason) => deleteFgdmExemption(ctx.db, user, child.id, e.id, reason),
  });

  // --- The duty's commencement (administrators) ----------------------------------------------
  const renderDuty = async (reply: import('fastify').FastifyReply, extra: { values?: Values; errors?: FormErrors; flash?: string } = {}) => {
    const duty = await fgdmDuty(ctx.db);
    const values = extra.values ?? dutyValues(duty);
    return reply.render('proceedings/views/family-group-duty.njk', {
      title: 'Family group decision-making before proceedings',
      s31za: S31ZA,
      dutyText: describeDuty(duty),
      values,
      errors: extra.errors,
      flash: extra.flash,
      fromItems: dateInputItems('from', values, Boolean(extra.errors?.fields['from'])),
    });
  };
  app.get('/admin/settings/family-group-decision-making', { config: { guard: ADMINISTRATORS } }, async (request, reply) =>
    renderDuty(reply, (request.query as { saved?: string }).saved === '1' ? { flash: 'Saved.' } : {}),
  );
  app.post('/admin/settings/family-group-decision-making', { config: { guard: ADMINISTRATORS } }, async (request, reply) => {
    const values = foldDateInputs({ ...((request.body as Values | undefined) ?? {}) }, ['from']);
    const form = parseForm(FgdmDutyInput, values);
    if (!form.ok) return renderDuty(reply.code(400), { values, errors: form.errors });
    const duty: FgdmDuty = form.data.inForce === 'from' ? { inForce: 'from', from: form.data.from! } : { inForce: form.data.inForce };
    await setFgdmDuty(ctx.db, duty, { id: request.user!.id, username: request.user!.username, ip: request.ip });
    return reply.code(303).redirect('/admin/settings/family-group-decision-making?saved=1');
  });

  // --- API ------------------------------------------------------------------------------------
  const tag = 'Pre-proceedings and court';
  const today = () => ctx.time.today();
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/pre-proceedings/:preProceedingsId/family-group',
    summary: 'Family group decision-making in these pre-proceedings (s.31ZA): each offer and answer, the meetings with attendees and the family’s proposal, the best-interests decisions, and whether a care application would wait',
    tag,
    params: FamilyGroupParams,
    guard: childApi('see', 'family-group-decision-making', { records: PRE }),
    handler: ({ params }) => familyGroupOf(ctx.db, params.childId, params.preProceedingsId, today()),
  });

  const record = stepApi(app, ctx, tag);
  record({
    url: '/api/v1/children/:childId/pre-proceedings/:preProceedingsId/family-group/offers',
    summary: 'Record the offer of a family group decision-making meeting to each person chosen (parents and people with parental responsibility); answers the first offer’s id',
    params: FamilyGroupParams,
    body: FgdmOfferInput,
    objectType: 'fgdm-offer',
    records: PRE,
    save: (u, p, d, t) => recordFgdmOffer(ctx.db, u, p.childId, p.preProceedingsId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/fgdm-offers/:offerId/answer',
    summary: 'Record a person’s answer to the offer (accepted, declined, no answer); changing an answer needs a reason',
    params: FgdmOfferParams,
    body: FgdmResponseInput,
    objectType: 'fgdm-offer',
    records: OFFER,
    action: 'update',
    save: (u, p, d, t) => recordFgdmResponse(ctx.db, u, p.childId, p.offerId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/pre-proceedings/:preProceedingsId/family-group/meetings',
    summary: 'Record a family group decision-making meeting: who attended (people on the record by id, others as “name, relationship” lines) and the family’s proposal',
    params: FamilyGroupParams,
    body: FgdmMeetingInput,
    objectType: 'fgdm-meeting',
    records: PRE,
    save: (u, p, d, t) => recordFgdmMeeting(ctx.db, u, p.childId, p.preProceedingsId, d, t),
  });
  record({
    url: '/api/v1/children/:childId/pre-proceedings/:preProceedingsId/family-group/best-interests',
    summary: 'Record the council’s decision that offering, or holding, a family group meeting is not in the child’s best interests: who, when, why',
    params: FamilyGroupParams,
    body: FgdmExemptionInput,
    objectType: 'fgdm-exemption',
    records: PRE,
    save: (u, p, d, t) => recordFgdmExemption(ctx.db, u, p.childId, p.preProceedingsId, d, t),
  });

  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/fgdm-offers/:offerId',
    tag,
    objectType: 'fgdm-offer',
    params: FgdmOfferParams,
    records: OFFER,
    remove: { summary: 'Delete an offer recorded in error, with the reason; a copy is kept', save: (u, p, d) => deleteFgdmOffer(ctx.db, u, p.childId, p.offerId, d.reason) },
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/fgdm-meetings/:meetingId',
    tag,
    objectType: 'fgdm-meeting',
    params: FgdmMeetingParams,
    records: MEETING,
    correct: { summary: 'Correct a family group meeting with the reason; the old version is kept', body: FgdmMeetingCorrection, save: (u, p, d, t) => correctFgdmMeeting(ctx.db, u, p.childId, p.meetingId, d, t) },
    remove: { summary: 'Delete a family group meeting, with the reason; a copy is kept', save: (u, p, d) => deleteFgdmMeeting(ctx.db, u, p.childId, p.meetingId, d.reason) },
  });
  correctionApi(app, ctx, {
    url: '/api/v1/children/:childId/fgdm-best-interests/:exemptionId',
    tag,
    objectType: 'fgdm-exemption',
    params: FgdmExemptionParams,
    records: EXEMPTION,
    correct: { summary: 'Correct a best-interests decision with the reason; the old version is kept', body: FgdmExemptionCorrection, save: (u, p, d, t) => correctFgdmExemption(ctx.db, u, p.childId, p.exemptionId, d, t) },
    remove: { summary: 'Delete a best-interests decision recorded in error, with the reason; a copy is kept', save: (u, p, d) => deleteFgdmExemption(ctx.db, u, p.childId, p.exemptionId, d.reason) },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/settings/family-group-decision-making',
    summary: 'Whether the duty of s.31ZA (family group decision-making before a care application) is in force for the council: now (the default), not yet, or from a date (administrators only)',
    tag: 'Administration',
    guard: ADMINISTRATORS,
    handler: async () => ({ duty: await fgdmDuty(ctx.db) }),
  });
  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/settings/family-group-decision-making',
    summary: 'Set when the duty of s.31ZA comes into force for the council: { inForce: "now" | "not-yet" | "from", from? } (administrators only; audited)',
    tag: 'Administration',
    body: FgdmDutyInput,
    guard: ADMINISTRATORS,
    handler: async ({ body, request }) => {
      const duty: FgdmDuty = body.inForce === 'from' ? { inForce: 'from', from: body.from! } : { inForce: body.inForce };
      await setFgdmDuty(ctx.db, duty, { id: request.user!.id, username: request.user!.username, ip: request.ip });
      return { duty };
    },
  });
}
