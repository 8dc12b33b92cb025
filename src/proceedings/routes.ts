// Pre-proceedings and care proceedings pages, the tracker, and the API. HTTP only: the rules are in
// service.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { foldDateInputs, parseForm, type FormErrors } from '../server/forms.ts';
import { requireChangeChild, type SignedInUser } from '../access/policy.ts';
import { can } from '../access/roles.ts';
import { registerRecordSection } from '../server/record-sections.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { formatDate } from '../server/format.ts';
import { Forbidden } from '../server/errors.ts';
import { ChildParams } from '../plans/fields.ts';
import { attempt, childHeading, formBody, formContext } from '../plans/pages.ts';
import { daysBetween } from '../calendar/index.ts';
import {
  APPLICATION_TYPE,
  HEARING_TYPE,
  LEGAL_PLANNING_DECISION,
  ORDER_TYPE,
  PRE_PROCEEDINGS_MEETING_KIND,
  PRE_PROCEEDINGS_OUTCOME,
} from './codes.ts';
import {
  ConclusionInput,
  HearingInput,
  IssueProceedingsInput,
  LegalPlanningMeetingInput,
  LetterBeforeProceedingsInput,
  OrderInput,
  PreProceedingsEndInput,
  PreProceedingsMeetingInput,
  PreProceedingsParams,
  ProceedingsParams,
} from './schemas.ts';
import * as repo from './repository.ts';
import {
  concludeProceedings,
  endPreProceedings,
  issueProceedings,
  proceedingsOfChild,
  recordHearing,
  recordLegalPlanningMeeting,
  recordOrder,
  recordPreProceedingsMeeting,
  sendLetterBeforeProceedings,
  tracker,
} from './service.ts';

/** Who may open the tracker: people who hold cases or oversee performance. */
const mayUseTracker = (user: SignedInUser) => can(user.role, 'record-casework') || can(user.role, 'view-performance');

// The tracker is for case holders and managers; listed once, when this module loads.
addNavigationItem({ href: '/proceedings/tracker', text: 'Court tracker', show: (role) => can(role, 'record-casework') || can(role, 'view-performance') });

type Field =
  | { type: 'date'; name: string; label: string; hint?: string }
  | { type: 'radios'; name: string; label: string; hint?: string; options: readonly { code: string; label: string }[] }
  | { type: 'textarea' | 'input'; name: string; label: string; hint?: string; classes?: string };

interface Step<S extends z.ZodType, P extends { childId: string }> {
  /** Path under /children/:childId/proceedings. */
  path: string;
  params: z.ZodType<P>;
  title: string;
  intro?: (p: P) => Promise<string | null>;
  button: string;
  fields: readonly Field[];
  schema: S;
  /** Prefilled values (dates default to today where the record knows nothing better). */
  defaults: (today: string) => Record<string, unknown>;
  save: (user: SignedInUser, p: P, data: z.output<S>, today: string) => Promise<string>;
  audit: { action: 'create' | 'update'; objectType: string };
}

export const proceedingsRoutes: RegisterRoutes = (app, ctx) => {
  registerRecordSection({
    id: 'proceedings',
    title: 'Pre-proceedings and court',
    href: (childId) => `/children/${childId}/proceedings`,
    order: 70,
    summary: async (db, childId, today) => {
      const proceedings = await repo.openProceedings(db, childId);
      if (proceedings) return `In care proceedings since ${formatDate(proceedings.issued_on)} (week ${Math.floor(daysBetween(proceedings.issued_on, today) / 7) + 1} of 26)`;
      const pre = await repo.openPreProceedings(db, childId);
      if (pre) return `In pre-proceedings since ${formatDate(pre.letter_sent_on)}`;
      return null;
    },
  });

  const today = () => ctx.time.today();

  app.get('/children/:childId/proceedings', async (request, reply) => {
    const { childId } = ChildParams.parse(request.params);
    const view = await proceedingsOfChild(ctx.db, request.user!, childId, today());
    await request.audit({ action: 'view-child', childId, objectType: 'proceedings' });
    return reply.render('proceedings/views/proceedings.njk', {
      title: 'Pre-proceedings and court',
      child: await childHeading(ctx.db, childId, today()),
      ...view,
      openPre: view.preProceedings.find((p) => !p.ended_on) ?? null,
      openProceedings: view.proceedings.find((p) => !p.concluded_on) ?? null,
    });
  });

  app.get('/proceedings/tracker', async (request, reply) => {
    if (!mayUseTracker(request.user!)) throw new Forbidden('The court tracker is for case holders, managers and performance staff.');
    const rows = await tracker(ctx.db, request.user!, today());
    await request.audit({ action: 'view-child', objectType: 'proceedings-tracker', detail: { children: rows.length } });
    return reply.render('proceedings/views/tracker.njk', { title: 'Pre-proceedings and court tracker', rows });
  });

  const step = <S extends z.ZodType, P extends { childId: string }>(s: Step<S, P>) => {
    const url = `/children/:childId/proceedings/${s.path}`;
    const dateFields = s.fields.filter((f) => f.type === 'date').map((f) => f.name);
    const render = async (reply: FastifyReply, p: P, values: Record<string, unknown>, status = 200, errors?: FormErrors) =>
      reply.code(status).render('proceedings/views/form.njk', {
        title: s.title,
        intro: s.intro ? await s.intro(p) : null,
        button: s.button,
        fields: s.fields,
        child: await childHeading(ctx.db, p.childId, today()),
        ...formContext(values, errors),
      });
    app.get(url, async (request: FastifyRequest, reply) => {
      const p = s.params.parse(request.params);
      await requireChangeChild(ctx.db, request.user!, p.childId);
      return render(reply, p, s.defaults(today()));
    });
    app.post(url, async (request, reply) => {
      const p = s.params.parse(request.params);
      await requireChangeChild(ctx.db, request.user!, p.childId);
      const body = foldDateInputs(formBody(request.body), dateFields);
      const form = parseForm(s.schema, body);
      if (!form.ok) return render(reply, p, body, 400, form.errors);
      const result = await attempt(() => s.save(request.user!, p, form.data, today()));
      if (!result.ok) return render(reply, p, body, 422, result.errors);
      await request.audit({ action: s.audit.action, childId: p.childId, objectType: s.audit.objectType, objectId: result.value });
      return reply.redirect(`/children/${p.childId}/proceedings`, 303);
    });
  };

  step({
    path: 'legal-planning-meetings/new',
    params: ChildParams,
    title: 'Record a legal planning meeting',
    button: 'Save meeting',
    fields: [
      { type: 'date', name: 'heldOn', label: 'Date of the meeting' },
      { type: 'radios', name: 'decision', label: 'What did the meeting decide?', options: LEGAL_PLANNING_DECISION },
      { type: 'textarea', name: 'reasons', label: 'Reasons for the decision', hint: 'Including whether the threshold for proceedings is met, and the contingency plan' },
    ],
    schema: LegalPlanningMeetingInput,
    defaults: (t) => ({ heldOn: t }),
    save: (user, p, data, t) => recordLegalPlanningMeeting(ctx.db, user, p.childId, data, t),
    audit: { action: 'create', objectType: 'legal-planning-meeting' },
  });

  step({
    path: 'letter-before-proceedings/new',
    params: ChildParams,
    title: 'Record the letter before proceedings',
    intro: async (p) => {
      const latest = await repo.latestLegalPlanningMeeting(ctx.db, p.childId);
      return latest ? `The latest legal planning meeting was on ${formatDate(latest.held_on)}.` : 'No legal planning meeting is recorded: record it first.';
    },
    button: 'Save',
    fields: [{ type: 'date', name: 'sentOn', label: 'Date the letter was sent', hint: 'Pre-proceedings start on this date' }],
    schema: LetterBeforeProceedingsInput,
    defaults: (t) => ({ sentOn: t }),
    save: (user, p, data, t) => sendLetterBeforeProceedings(ctx.db, user, p.childId, data, t),
    audit: { action: 'create', objectType: 'pre-proceedings' },
  });

  step({
    path: 'pre-proceedings/:preProceedingsId/meetings/new',
    params: PreProceedingsParams,
    title: 'Record a pre-proceedings meeting or review',
    button: 'Save meeting',
    fields: [
      { type: 'date', name: 'heldOn', label: 'Date of the meeting' },
      { type: 'radios', name: 'kind', label: 'Kind of meeting', options: PRE_PROCEEDINGS_MEETING_KIND },
      { type: 'textarea', name: 'outcome', label: 'What was agreed', hint: 'Progress since the letter or the last review, what the parents will do, what the council will do' },
      { type: 'date', name: 'nextReviewOn', label: 'Date of the next review (optional)' },
    ],
    schema: PreProceedingsMeetingInput,
    defaults: (t) => ({ heldOn: t }),
    save: (user, p, data, t) => recordPreProceedingsMeeting(ctx.db, user, p.childId, p.preProceedingsId, data, t),
    audit: { action: 'create', objectType: 'pre-proceedings-meeting' },
  });

  step({
    path: 'pre-proceedings/:preProceedingsId/end',
    params: PreProceedingsParams,
    title: 'End pre-proceedings',
    button: 'End pre-proceedings',
    fields: [
      { type: 'date', name: 'endedOn', label: 'Date pre-proceedings ended' },
      { type: 'radios', name: 'outcome', label: 'Decision', options: PRE_PROCEEDINGS_OUTCOME },
      { type: 'textarea', name: 'reason', label: 'Reasons for the decision' },
    ],
    schema: PreProceedingsEndInput,
    defaults: (t) => ({ endedOn: t }),
    save: async (user, p, data, t) => {
      await endPreProceedings(ctx.db, user, p.childId, p.preProceedingsId, data, t);
      return p.preProceedingsId;
    },
    audit: { action: 'update', objectType: 'pre-proceedings' },
  });

  step({
    path: 'issue',
    params: ChildParams,
    title: 'Record the issue of care proceedings',
    intro: async () => 'The 26 weeks begin on the issue date: it counts as day 1 (Children Act 1989 s.32(1)(a)).',
    button: 'Save',
    fields: [
      { type: 'date', name: 'issuedOn', label: 'Date the application was issued' },
      { type: 'input', name: 'court', label: 'Court', hint: 'For example ‘Family Court at East London’' },
      { type: 'input', name: 'caseNumber', label: 'Case number', classes: 'govuk-input--width-20' },
      { type: 'radios', name: 'applicationType', label: 'What was applied for', options: APPLICATION_TYPE },
      { type: 'date', name: 'firstHearingOn', label: 'Date of the first hearing (optional)' },
    ],
    schema: IssueProceedingsInput,
    defaults: (t) => ({ issuedOn: t }),
    save: (user, p, data, t) => issueProceedings(ctx.db, user, p.childId, data, t),
    audit: { action: 'create', objectType: 'care-proceedings' },
  });

  step({
    path: 'care/:proceedingsId/hearings/new',
    params: ProceedingsParams,
    title: 'Record a hearing',
    button: 'Save hearing',
    fields: [
      { type: 'date', name: 'heardOn', label: 'Date of the hearing' },
      { type: 'radios', name: 'hearingType', label: 'Kind of hearing', options: HEARING_TYPE },
      { type: 'textarea', name: 'outcome', label: 'What the court decided or directed', hint: 'Including filing deadlines' },
      { type: 'date', name: 'nextHearingOn', label: 'Date of the next hearing (optional)' },
    ],
    schema: HearingInput,
    defaults: (t) => ({ heardOn: t }),
    save: (user, p, data, t) => recordHearing(ctx.db, user, p.childId, p.proceedingsId, data, t),
    audit: { action: 'create', objectType: 'court-hearing' },
  });

  step({
    path: 'care/:proceedingsId/orders/new',
    params: ProceedingsParams,
    title: 'Record an order',
    button: 'Save order',
    fields: [
      { type: 'date', name: 'madeOn', label: 'Date the order was made' },
      { type: 'radios', name: 'orderType', label: 'Order', options: ORDER_TYPE },
      { type: 'textarea', name: 'note', label: 'Note (optional)' },
    ],
    schema: OrderInput,
    defaults: (t) => ({ madeOn: t }),
    save: (user, p, data, t) => recordOrder(ctx.db, user, p.childId, p.proceedingsId, data, t),
    audit: { action: 'create', objectType: 'court-order' },
  });

  step({
    path: 'care/:proceedingsId/conclude',
    params: ProceedingsParams,
    title: 'Record the conclusion of care proceedings',
    button: 'Save',
    fields: [
      { type: 'date', name: 'concludedOn', label: 'Date the proceedings concluded' },
      { type: 'textarea', name: 'conclusion', label: 'How they ended', hint: 'The final orders and the plan for the child' },
    ],
    schema: ConclusionInput,
    defaults: (t) => ({ concludedOn: t }),
    save: async (user, p, data, t) => {
      await concludeProceedings(ctx.db, user, p.childId, p.proceedingsId, data, t);
      return p.proceedingsId;
    },
    audit: { action: 'update', objectType: 'care-proceedings' },
  });

  registerProceedingsApi(app, ctx);
};

function registerProceedingsApi(app: Parameters<RegisterRoutes>[0], ctx: AppContext) {
  const tag = 'Pre-proceedings and court';
  const today = () => ctx.time.today();

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/proceedings',
    summary: 'A child’s legal planning meetings, pre-proceedings and care proceedings, with hearings, orders and the 26-week date',
    tag,
    params: ChildParams,
    handler: async ({ params, request }) => {
      const view = await proceedingsOfChild(ctx.db, request.user!, params.childId, today());
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'proceedings' });
      return view;
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/proceedings/tracker',
    summary: 'Every child you may see in pre-proceedings or proceedings (or with a decision not yet acted on): stage, age, last and next step, 26-week date, worker',
    tag,
    handler: async ({ request }) => {
      if (!mayUseTracker(request.user!)) throw new Forbidden('The court tracker is for case holders, managers and performance staff.');
      const rows = await tracker(ctx.db, request.user!, today());
      await request.audit({ action: 'view-child', objectType: 'proceedings-tracker', detail: { children: rows.length } });
      return { children: rows };
    },
  });

  const post = <S extends z.ZodType, P extends z.ZodType<{ childId: string }>>(
    url: string,
    summary: string,
    params: P,
    body: S,
    objectType: string,
    save: (user: SignedInUser, p: z.output<P>, data: z.output<S>, today: string) => Promise<string>,
  ) =>
    apiRoute(app, {
      method: 'POST',
      url,
      summary,
      tag,
      params,
      body,
      handler: async ({ params: p, body: data, request }) => {
        const id = await save(request.user!, p, data, today());
        await request.audit({ action: 'create', childId: p.childId, objectType, objectId: id });
        return { id };
      },
    });

  post('/api/v1/children/:childId/legal-planning-meetings', 'Record a legal planning meeting and its decision', ChildParams, LegalPlanningMeetingInput, 'legal-planning-meeting', (u, p, d, t) =>
    recordLegalPlanningMeeting(ctx.db, u, p.childId, d, t),
  );
  post('/api/v1/children/:childId/pre-proceedings', 'Record the letter before proceedings: starts pre-proceedings (not before the legal planning meeting that decided it)', ChildParams, LetterBeforeProceedingsInput, 'pre-proceedings', (u, p, d, t) =>
    sendLetterBeforeProceedings(ctx.db, u, p.childId, d, t),
  );
  post('/api/v1/children/:childId/pre-proceedings/:preProceedingsId/meetings', 'Record a pre-proceedings meeting or review', PreProceedingsParams, PreProceedingsMeetingInput, 'pre-proceedings-meeting', (u, p, d, t) =>
    recordPreProceedingsMeeting(ctx.db, u, p.childId, p.preProceedingsId, d, t),
  );
  post('/api/v1/children/:childId/pre-proceedings/:preProceedingsId/end', 'End pre-proceedings: step down or issue proceedings', PreProceedingsParams, PreProceedingsEndInput, 'pre-proceedings', async (u, p, d, t) => {
    await endPreProceedings(ctx.db, u, p.childId, p.preProceedingsId, d, t);
    return p.preProceedingsId;
  });
  post('/api/v1/children/:childId/care-proceedings', 'Record the issue of care proceedings: starts the 26-week clock (due on issue date + 26 weeks − 1 day)', ChildParams, IssueProceedingsInput, 'care-proceedings', (u, p, d, t) =>
    issueProceedings(ctx.db, u, p.childId, d, t),
  );
  post('/api/v1/children/:childId/care-proceedings/:proceedingsId/hearings', 'Record a hearing (not before issue)', ProceedingsParams, HearingInput, 'court-hearing', (u, p, d, t) =>
    recordHearing(ctx.db, u, p.childId, p.proceedingsId, d, t),
  );
  post('/api/v1/children/:childId/care-proceedings/:proceedingsId/orders', 'Record an order made in the proceedings', ProceedingsParams, OrderInput, 'court-order', (u, p, d, t) =>
    recordOrder(ctx.db, u, p.childId, p.proceedingsId, d, t),
  );
  post('/api/v1/children/:childId/care-proceedings/:proceedingsId/conclusion', 'Record the conclusion of care proceedings: meets the 26-week clock', ProceedingsParams, ConclusionInput, 'care-proceedings', async (u, p, d, t) => {
    await concludeProceedings(ctx.db, u, p.childId, p.proceedingsId, d, t);
    return p.proceedingsId;
  });
}
