// The council's foster carers: the sufficiency page and the lists behind its figures, each
// household's page and the forms that record its assessment, approval, reviews and status, and the
// matching page from a child's care page. A household is not a child: its pages are guarded by role
// (team managers, analysts and leaders see them; team managers record), and every view of a
// household's record is audited as a child's is. HTTP only: the rules are in service.ts.
import type { FastifyRequest } from 'fastify';
import type { RegisterRoutes } from '../server/context.ts';
import { FOSTERING_VIEW } from './guards.ts';
import { userOf } from '../server/guard.ts';
import { childPage, Deletion } from '../server/child-pages.ts';
import { formatDate } from '../server/format.ts';
import { govukPagination } from '../server/pagination.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { can } from '../access/roles.ts';
import { HOUSEHOLD_KINDS, isKind, isRoute, MEMBER_RELATIONSHIPS, relationshipLabel, STATUS_CHANGES } from './codes.ts';
import { childrenHref, childrenListed, dueHref, dueListed, householdListHeading, householdPage, householdsHref, householdsListed, matchesFor, subjectLabel, sufficiencyOf } from './present.ts';
import { MemberInput, MemberLeftInput, RiskAssessmentInput, DbsCheckInput, DecisionInput, DueListQuery, ExtensionInput, HouseholdCorrection, HouseholdInput, HouseholdListQuery, PanelInput, ReviewInput, StatusInput, SupervisingWorkerInput, TemporaryApprovalInput, TermsInput, VisitInput } from './schemas.ts';
import { allocateSupervisingWorker, recordRiskAssessment, dbsRenewalMonths, fosteringStaff, recordDbsCheck, recordVisit } from './oversight.ts';
import { addMember, memberLeft, memberOf, membersOf } from './members.ts';
import { auditHousehold, backToHousehold, dateField, householdForm, householdIdOf, householdPath, idInPath, YES_NO, yesNo, type Field } from './household-form.ts';
import { DBS_CHECKS, idParamOf, MEMBERS, REVIEWS, RISK_ASSESSMENTS, VISITS } from './household-records.ts';
import { householdRecordPages } from './household-record-pages.ts';
import { subjectOf } from './clocks.ts';
import {
  addHousehold,
  approveTemporarily,
  changeStatus,
  changeTerms,
  correctHousehold,
  deleteHousehold,
  extendTemporaryApproval,
  householdOf,
  recordDecision,
  recordPanel,
  reviewHousehold,
} from './service.ts';
import { householdName } from './placing.ts';
import { fosteringApi } from './routes-api.ts';
import { PAGE_SIZE } from './repository.ts';
import './record-section.ts';

addNavigationItem({ href: '/fostering', text: 'Foster carers', show: (role) => can(role, 'view-performance') });

const intOf = (v: unknown) => Math.max(1, Number.parseInt(String(v ?? '1'), 10) || 1);

const termsFields: Field[] = [
  { type: 'number', name: 'places', label: 'How many children they are approved for', hint: 'No more than 3 are fostered at once unless they are brothers and sisters or the council exempts the carers (Children Act 1989 Sch 7)', classes: 'govuk-input--width-2' },
  { type: 'number', name: 'ageFrom', label: 'Youngest age (years)', classes: 'govuk-input--width-2' },
  { type: 'number', name: 'ageTo', label: 'Oldest age (years)', classes: 'govuk-input--width-2' },
];

export const fosteringRoutes: RegisterRoutes = (app, ctx) => {
  const today = () => ctx.time.today();

  // --- The sufficiency page and the lists behind its figures -----------------------------------
  app.get('/fostering', { config: { guard: FOSTERING_VIEW } }, async (request, reply) => {
    const view = await sufficiencyOf(ctx.db, userOf(request), today());
    return reply.render('fostering/views/sufficiency.njk', { title: 'Foster carers and sufficiency', ...view, kinds: HOUSEHOLD_KINDS, mayRecord: can(userOf(request).role, 'authorise') });
  });

  app.get('/fostering/households', { config: { guard: FOSTERING_VIEW } }, async (request, reply) => {
    const q = HouseholdListQuery.parse(request.query ?? {});
    const filter = { status: q.status, kind: isKind(q.kind) ? q.kind : undefined, show: q.show };
    const list = await householdsListed(ctx.db, filter, today(), q.page);
    await request.audit({ action: 'view-child', objectType: 'fostering-household-list', detail: { ...filter, page: q.page, households: list.rows.length } });
    return reply.render('fostering/views/households.njk', {
      title: householdListHeading(filter),
      ...list,
      first: (q.page - 1) * PAGE_SIZE + 1,
      pagination: govukPagination(q.page, list.pages, (p) => householdsHref(filter, p)),
    });
  });

  app.get('/fostering/children', { config: { guard: FOSTERING_VIEW } }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const page = intOf(query['page']);
    const filter = isRoute(query['route']) ? { route: query['route'] } : isKind(query['kind']) ? { kind: query['kind'] } : { route: 'in-house' as const };
    const list = await childrenListed(ctx.db, userOf(request), filter, page);
    await request.audit({ action: 'view-child', objectType: 'fostering-children-list', detail: { ...filter, page, children: list.rows.length } });
    return reply.render('fostering/views/children.njk', {
      title: list.heading,
      ...list,
      first: (page - 1) * PAGE_SIZE + 1,
      pagination: govukPagination(page, list.pages, (p) => childrenHref(filter, p)),
    });
  });

  app.get('/fostering/due', { config: { guard: FOSTERING_VIEW } }, async (request, reply) => {
    const q = DueListQuery.parse(request.query ?? {});
    const filter = { what: q.what, overdue: q.overdue === 'yes' };
    const list = await dueListed(ctx.db, filter, today(), q.page);
    await request.audit({ action: 'view-child', objectType: 'fostering-due-list', detail: { ...filter, page: q.page, households: list.rows.length } });
    return reply.render('fostering/views/due.njk', {
      title: list.heading,
      ...list,
      first: (q.page - 1) * PAGE_SIZE + 1,
      pagination: govukPagination(q.page, list.pages, (p) => dueHref(filter, p)),
    });
  });

  // --- A household ----------------------------------------------------------------------------
  householdForm(app, ctx, {
    path: '/fostering/households/new',
    schema: HouseholdInput,
    dates: ['assessmentStartedOn'],
    load: async () => null,
    initial: (_d, t) => ({ assessmentStartedOn: t }),
    view: () => ({
      title: 'Add a fostering household',
      intro: 'Carers whose assessment to foster for the council has started. A connected person is a relative, friend or other person connected with a particular child.',
      back: { href: '/fostering', text: 'Foster carers and sufficiency' },
      fields: [
        { type: 'text', name: 'firstCarer', label: 'First carer’s full name' },
        { type: 'text', name: 'secondCarer', label: 'Second carer’s full name (optional)' },
        { type: 'radios', name: 'kind', label: 'Kind of fostering', options: HOUSEHOLD_KINDS },
        dateField('assessmentStartedOn', 'Date the assessment started'),
        { type: 'text', name: 'postcode', label: 'Postcode (optional)', hint: 'Used to show how far a child would be from home', classes: 'govuk-input--width-10' },
      ],
      button: 'Add household',
    }),
    save: async (input, request) => {
      const id = await addHousehold(ctx.db, userOf(request), input, today());
      return { next: householdPath(id), action: 'create', objectType: 'fostering-household', objectId: id };
    },
  });

  app.get('/fostering/households/:householdId', { config: { guard: FOSTERING_VIEW } }, async (request, reply) => {
    const id = householdIdOf(request);
    const view = await householdPage(ctx.db, userOf(request), id, today());
    await auditHousehold(request, id, { childrenNamed: [...view.placedNow, ...view.placedBefore].filter((p) => p.visible).length });
    return reply.render('fostering/views/household.njk', {
      title: view.household.name,
      ...view,
      mayRecord: can(userOf(request).role, 'authorise'),
      statusChanges: STATUS_CHANGES,
    });
  });

  const steps = (path: string) => `/fostering/households/:householdId/${path}`;
  const ofHousehold = async (request: FastifyRequest) => householdOf(ctx.db, householdIdOf(request));
  const withHousehold = async (request: FastifyRequest) => ({ h: await ofHousehold(request) });
  type H = Awaited<ReturnType<typeof ofHousehold>>;
  const common = { load: ofHousehold, householdOf: (h: H) => h.id };
  const updated = (h: H) => ({ next: householdPath(h.id), action: 'update' as const, objectType: 'fostering-household', objectId: h.id });

  householdForm(app, ctx, {
    ...common,
    path: steps('change'),
    schema: HouseholdCorrection,
    initial: (h) => ({ firstCarer: h.first_carer, secondCarer: h.second_carer, postcode: h.postcode, version: h.version }),
    view: (h) => ({
      title: `Correct the details of ${householdName(h)}`,
      caption: householdName(h),
      back: backToHousehold(h),
      correcting: true,
      fields: [
        { type: 'text', name: 'firstCarer', label: 'First carer’s full name' },
        { type: 'text', name: 'secondCarer', label: 'Second carer’s full name (optional)' },
        { type: 'text', name: 'postcode', label: 'Postcode (optional)', classes: 'govuk-input--width-10' },
      ],
      button: 'Save correction',
    }),
    save: async (input, request, h) => {
      await correctHousehold(ctx.db, userOf(request), h.id, input);
      return updated(h);
    },
  });

  householdForm(app, ctx, {
    ...common,
    path: steps('delete'),
    schema: Deletion,
    initial: () => ({}),
    view: (h) => ({
      title: `Delete the record of ${householdName(h)}`,
      caption: householdName(h),
      intro: 'Only for a household recorded by mistake: a copy is kept with your reason, and the deletion is audited. Carers a child was placed with are never deleted.',
      back: backToHousehold(h),
      fields: [{ type: 'textarea', name: 'reason', label: 'Why are you deleting it?' }],
      button: 'Delete this household',
    }),
    save: async (input, request, h) => {
      await deleteHousehold(ctx.db, userOf(request), h.id, input.reason);
      return { next: '/fostering', action: 'delete', objectType: 'fostering-household', objectId: h.id };
    },
  });

  householdForm(app, ctx, {
    ...common,
    path: steps('temporary-approval'),
    schema: TemporaryApprovalInput,
    dates: ['approvedOn'],
    initial: (_h, t) => ({ approvedOn: t }),
    view: (h) => ({
      title: 'Record a connected person’s temporary approval',
      caption: householdName(h),
      intro: 'For up to 16 weeks, when the child needs to live with them before their assessment is finished (CPPCR 2010 reg 24). Lantern shows the day it ends.',
      back: backToHousehold(h),
      fields: [dateField('approvedOn', 'Date of the temporary approval')],
      button: 'Save',
    }),
    save: async (input, request, h) => {
      await approveTemporarily(ctx.db, userOf(request), h.id, input, today());
      return updated(h);
    },
  });

  householdForm(app, ctx, {
    ...common,
    path: steps('extension'),
    schema: ExtensionInput,
    dates: ['extendedOn', 'extendedUntil'],
    initial: (_h, t) => ({ extendedOn: t }),
    view: (h) => ({
      title: 'Extend the temporary approval',
      caption: householdName(h),
      intro: `Once, before it ends${h.temporary_expires_on ? ` on ${formatDate(h.temporary_expires_on)}` : ''}, by up to 8 weeks, when the assessment will not be finished in time; approved by a nominated officer after seeking the fostering panel’s views (CPPCR 2010 reg 25).`,
      back: backToHousehold(h),
      fields: [dateField('extendedOn', 'Date of the decision to extend'), dateField('extendedUntil', 'Last day of the extension'), { type: 'text', name: 'nominatedOfficer', label: 'Nominated officer who approved it' }],
      button: 'Save',
    }),
    save: async (input, request, h) => {
      await extendTemporaryApproval(ctx.db, userOf(request), h.id, input, today());
      return updated(h);
    },
  });

  householdForm(app, ctx, {
    ...common,
    path: steps('panel'),
    schema: PanelInput,
    dates: ['panelOn'],
    initial: (_h, t) => ({ panelOn: t }),
    view: (h) => ({
      title: 'Record the fostering panel’s recommendation',
      caption: householdName(h),
      back: backToHousehold(h),
      fields: [dateField('panelOn', 'Date of the panel'), { type: 'radios', name: 'recommends', label: 'Did the panel recommend approval?', options: YES_NO }],
      button: 'Save',
    }),
    save: async (input, request, h) => {
      await recordPanel(ctx.db, userOf(request), h.id, input, today());
      return updated(h);
    },
  });

  householdForm(app, ctx, {
    ...common,
    path: steps('decision'),
    schema: DecisionInput,
    dates: ['decidedOn'],
    initial: (h, t) => ({ decidedOn: t, approved: yesNo(h.panel_recommends) }),
    view: (h) => ({
      title: 'Record the agency decision maker’s decision',
      caption: householdName(h),
      intro: h.panel_on ? `The panel ${h.panel_recommends ? 'recommended' : 'did not recommend'} approval on ${formatDate(h.panel_on)}. If approved, say the terms: how many children and what ages.` : null,
      back: backToHousehold(h),
      fields: [dateField('decidedOn', 'Date of the decision'), { type: 'text', name: 'decisionMaker', label: 'Agency decision maker' }, { type: 'radios', name: 'approved', label: 'Are they approved as foster carers?', options: YES_NO }, ...termsFields],
      button: 'Save decision',
    }),
    save: async (input, request, h) => {
      await recordDecision(ctx.db, userOf(request), h.id, input, today());
      return updated(h);
    },
  });

  householdForm(app, ctx, {
    ...common,
    path: steps('terms'),
    schema: TermsInput,
    dates: ['changedOn'],
    initial: (h, t) => ({ changedOn: t, places: h.places, ageFrom: h.age_from, ageTo: h.age_to, limitExemption: h.limit_exemption }),
    view: (h) => ({
      title: 'Change the terms of approval',
      caption: householdName(h),
      back: backToHousehold(h),
      fields: [
        dateField('changedOn', 'Date the terms changed'),
        ...termsFields,
        { type: 'textarea', name: 'limitExemption', label: 'Exemption from the usual fostering limit (optional)', hint: 'The council’s notice exempting the carers: the children it names and any conditions (Children Act 1989 Sch 7 para 4). Leave blank if there is none, or to end it' },
      ],
      button: 'Save terms',
    }),
    save: async (input, request, h) => {
      await changeTerms(ctx.db, userOf(request), h.id, input, today());
      return updated(h);
    },
  });

  householdForm(app, ctx, {
    ...common,
    path: steps('status'),
    schema: StatusInput,
    dates: ['fromOn'],
    initial: (_h, t) => ({ fromOn: t }),
    view: (h) => ({
      title: 'Record a change of status',
      caption: householdName(h),
      back: backToHousehold(h),
      fields: [{ type: 'radios', name: 'status', label: 'New status', options: STATUS_CHANGES }, dateField('fromOn', 'Date of the change'), { type: 'textarea', name: 'reason', label: 'Why', hint: 'Not needed when a household on hold is approved again' }],
      button: 'Save',
    }),
    save: async (input, request, h) => {
      await changeStatus(ctx.db, userOf(request), h.id, input, today());
      return updated(h);
    },
  });

  const reviewFields: Field[] = [
    dateField('reviewedOn', 'Date of the review'),
    dateField('panelOn', 'Date the fostering panel considered it (optional after the first review)', 'The first review after approval goes to the panel'),
    { type: 'radios', name: 'suitable', label: 'Do the carers and their household continue to be suitable?', options: YES_NO },
    { type: 'textarea', name: 'summary', label: 'What the review found', hint: 'Including the carers’ views and those of the children placed in the year' },
  ];
  householdForm(app, ctx, {
    ...common,
    path: steps('reviews/new'),
    schema: ReviewInput,
    dates: ['reviewedOn', 'panelOn'],
    initial: (_h, t) => ({ reviewedOn: t }),
    view: (h) => ({
      title: 'Record a review of the approval',
      caption: householdName(h),
      intro: `At least once a year (FS(E)R 2011 reg 28).${h.review_due_on ? ` The next review is due by ${formatDate(h.review_due_on)}.` : ''}`,
      back: backToHousehold(h),
      fields: reviewFields,
      button: 'Save review',
    }),
    save: async (input, request, h) => {
      const id = await reviewHousehold(ctx.db, userOf(request), h.id, input, today());
      return { next: householdPath(h.id), action: 'create', objectType: 'fostering-review', objectId: id };
    },
  });

  householdRecordPages(app, ctx, REVIEWS, {
    load: withHousehold,
    correct: {
      dates: ['reviewedOn', 'panelOn'],
      initial: (review) => ({ reviewedOn: review.reviewed_on, panelOn: review.panel_on, suitable: yesNo(review.suitable), summary: review.summary, version: review.version }),
      title: ({ record }) => `Correct the review on ${formatDate(record.reviewed_on)}`,
      fields: () => reviewFields,
    },
    remove: {
      title: ({ record }) => `Delete the review on ${formatDate(record.reviewed_on)}`,
      intro: 'It stops counting as the annual review. A copy is kept with your reason, and the deletion is audited.',
      button: 'Delete this review',
    },
  });

  // --- Oversight: DBS checks, the supervising social worker, visits (decision 0056) -------------
  const staffOptions = async () => (await fosteringStaff(ctx.db)).map((s) => ({ code: s.id, label: s.display_name }));
  const withStaff = async (request: FastifyRequest) => {
    const [h, staff] = await Promise.all([ofHousehold(request), staffOptions()]);
    return { h, staff };
  };
  type S = Awaited<ReturnType<typeof withStaff>>;
  const staffCommon = { load: withStaff, householdOf: (d: S) => d.h.id };
  const chooseStaff = (staff: S['staff'], name: string, label: string): Field => ({ type: 'select', name, label, options: [{ code: '', label: 'Choose someone' }, ...staff] });

  // Whose check: the carers, then each member of the household (decision 0062).
  type Members = Awaited<ReturnType<typeof membersOf>>;
  const whoseField = (h: H, members: Members, label: string): Field => ({
    type: 'radios',
    name: 'whose',
    label,
    hint: 'A member not listed is added on the household’s page first (“Add a member of the household”)',
    options: [
      { code: 'carer:1', label: h.first_carer, hint: 'Carer' },
      ...(h.second_carer ? [{ code: 'carer:2', label: h.second_carer, hint: 'Carer' }] : []),
      ...members.map((m) => ({ code: `member:${m.id}`, label: m.name, hint: `${relationshipLabel(m.relationship)}${m.date_of_birth ? `, born ${formatDate(m.date_of_birth)}` : ''}${m.to_on ? `; moved out ${formatDate(m.to_on)}` : ''}` })),
    ],
  });
  const dbsFields = (h: H, members: Members, months: number): Field[] => [
    whoseField(h, members, 'Whose check is it?'),
    dateField('checkedOn', 'Date the certificate was issued', 'Or the date of the Update Service status check'),
    { type: 'text', name: 'certificateNumber', label: 'Certificate number', classes: 'govuk-input--width-20' },
    { type: 'radios', name: 'barredList', label: 'Was the children’s barred list checked?', options: YES_NO },
    { type: 'radios', name: 'updateService', label: 'Do they subscribe to the DBS Update Service?', options: YES_NO },
    dateField('renewalDueOn', 'Date the renewal is due (optional)', `Leave blank for ${months} months after the certificate; an earlier date if the fostering service decided so`),
  ];
  const withMembers = async (request: FastifyRequest) => {
    const h = await ofHousehold(request);
    const [members, months] = await Promise.all([membersOf(ctx.db, h.id), dbsRenewalMonths(ctx.db)]);
    return { h, members, months };
  };
  type WM = Awaited<ReturnType<typeof withMembers>>;
  const memberName = (members: Members, id: string | null) => members.find((m) => m.id === id)?.name ?? null;
  householdForm(app, ctx, {
    load: withMembers,
    householdOf: (d: WM) => d.h.id,
    path: steps('dbs-checks/new'),
    schema: DbsCheckInput,
    dates: ['checkedOn', 'renewalDueOn'],
    initial: () => ({}),
    view: ({ h, members, months }) => ({
      title: 'Record a DBS check',
      caption: householdName(h),
      intro: `An enhanced check with the children’s barred list, of each carer and each member of the household aged 18 or over (FS(E)R 2011 Schedule 3 para 2). The council renews them at least every ${months} months; a renewal is recorded as a new check.`,
      back: backToHousehold(h),
      fields: dbsFields(h, members, months),
      button: 'Save check',
    }),
    save: async (input, request, { h }) => {
      const id = await recordDbsCheck(ctx.db, userOf(request), h.id, input, today());
      return { next: householdPath(h.id), action: 'create', objectType: 'fostering-dbs-check', objectId: id };
    },
  });
  const checkOfWhom = ({ h, members, record: check }: WM & { record: { carer: number | null; member_id: string | null; member_name: string | null; checked_on: string } }) =>
    `${subjectLabel(h, subjectOf(check), memberName(members, check.member_id) ?? check.member_name)} on ${formatDate(check.checked_on)}`;
  householdRecordPages(app, ctx, DBS_CHECKS, {
    load: withMembers,
    correct: {
      dates: ['checkedOn', 'renewalDueOn'],
      initial: (check) => ({
        whose: subjectOf(check),
        checkedOn: check.checked_on,
        certificateNumber: check.certificate_number,
        barredList: yesNo(check.barred_list),
        updateService: yesNo(check.update_service),
        renewalDueOn: check.renewal_due_on,
        version: check.version,
      }),
      title: (d) => `Correct the DBS check of ${checkOfWhom(d)}`,
      intro: 'What the check should have said. The earlier version is kept with your reason; a renewal is recorded as a new check, not a correction.',
      fields: (d) => dbsFields(d.h, d.members, d.months),
    },
    remove: {
      title: (d) => `Delete the DBS check of ${checkOfWhom(d)}`,
      intro: 'Only for a check recorded by mistake: the renewal due follows from the other checks. A copy is kept with your reason, and the deletion is audited.',
      button: 'Delete this check',
    },
  });

  // FO-04's risk assessments: recorded, corrected, withdrawn (decisions 0060, 0062).
  const riskFields = (h: H, members: Members): Field[] => [
    whoseField(h, members, 'Whose check is outstanding?'),
    dateField('decidedOn', 'Date of the decision'),
    { type: 'text', name: 'decidedBy', label: 'Who decided', hint: 'Their name and role, for example the fostering service manager' },
    { type: 'textarea', name: 'reason', label: 'What the risk assessment found and what is done meanwhile', hint: 'For example, extra unannounced visits until the certificate comes back' },
    dateField('untilOn', 'It lasts until'),
  ];
  householdForm(app, ctx, {
    load: withMembers,
    householdOf: (d: WM) => d.h.id,
    path: steps('dbs-risk-assessments/new'),
    schema: RiskAssessmentInput,
    dates: ['decidedOn', 'untilOn'],
    initial: (_d, t) => ({ decidedOn: t }),
    view: ({ h, members }) => ({
      title: 'Record a risk assessment while a DBS check is outstanding',
      caption: householdName(h),
      intro: 'The fostering service’s decision, on a risk assessment, that the household goes on while a check is awaited, and until when. The check is still owed: Q92 still counts the carer.',
      back: backToHousehold(h),
      fields: riskFields(h, members),
      button: 'Save risk assessment',
    }),
    save: async (input, request, { h }) => {
      const id = await recordRiskAssessment(ctx.db, userOf(request), h.id, input, today());
      return { next: householdPath(h.id), action: 'create', objectType: 'fostering-dbs-risk-assessment', objectId: id };
    },
  });
  const assessmentOfWhom = ({ h, members, record: a }: WM & { record: { subject: string; decided_on: string } }) =>
    `${subjectLabel(h, a.subject, memberName(members, a.subject.slice('member:'.length)))} on ${formatDate(a.decided_on)}`;
  householdRecordPages(app, ctx, RISK_ASSESSMENTS, {
    load: withMembers,
    correct: {
      dates: ['decidedOn', 'untilOn'],
      initial: (a) => ({ whose: a.subject, decidedOn: a.decided_on, decidedBy: a.decided_by, reason: a.reason, untilOn: a.until_on, version: a.version }),
      title: (d) => `Correct the risk assessment of ${assessmentOfWhom(d)}`,
      intro: 'What the decision should have said (to end it sooner, correct the date it lasts until). The earlier version is kept with your reason.',
      reasonField: 'correctionReason',
      fields: (d) => riskFields(d.h, d.members),
    },
    remove: {
      step: 'withdraw',
      title: (d) => `Withdraw the risk assessment of ${assessmentOfWhom(d)}`,
      intro: 'For a risk assessment recorded by mistake or a decision withdrawn: the renewal owed is then shown without it. A copy is kept with your reason, and the withdrawal is audited.',
      question: 'Why is it withdrawn?',
      button: 'Withdraw this risk assessment',
    },
  });

  // --- The household's members (decision 0062) --------------------------------------------------
  const memberFields: Field[] = [
    { type: 'text', name: 'name', label: 'Full name' },
    dateField('dateOfBirth', 'Date of birth', 'A DBS check is owed from their 18th birthday'),
    { type: 'radios', name: 'relationship', label: 'How are they related to the carers?', options: MEMBER_RELATIONSHIPS },
    dateField('fromOn', 'Date they moved in', 'Their date of birth if they were born there'),
  ];
  householdForm(app, ctx, {
    ...common,
    path: steps('members/new'),
    schema: MemberInput,
    dates: ['dateOfBirth', 'fromOn'],
    initial: () => ({}),
    view: (h) => ({
      title: 'Add a member of the household',
      caption: householdName(h),
      intro: 'Someone living with the carers: their children, an adult son or daughter, a relative, a lodger. Each aged 18 or over needs an enhanced DBS check with the children’s barred list (FS(E)R 2011 Schedule 3 para 2), from the day they move in or turn 18.',
      back: backToHousehold(h),
      fields: memberFields,
      button: 'Add member',
    }),
    save: async (input, request, h) => {
      const id = await addMember(ctx.db, userOf(request), h.id, input, today());
      return { next: householdPath(h.id), action: 'create', objectType: 'fostering-household-member', objectId: id };
    },
  });
  householdRecordPages(app, ctx, MEMBERS, {
    load: withHousehold,
    correct: {
      dates: ['dateOfBirth', 'fromOn', 'toOn'],
      initial: (m) => ({ name: m.name, dateOfBirth: m.date_of_birth, relationship: m.relationship === 'not_recorded' ? undefined : m.relationship, fromOn: m.from_on, toOn: m.to_on, version: m.version }),
      title: ({ record }) => `Correct the details of ${record.name}`,
      intro: 'What the record should say. The earlier version is kept with your reason.',
      fields: () => [...memberFields, dateField('toOn', 'Date they moved out (if they have)')],
    },
    remove: {
      title: ({ record }) => `Delete the record of ${record.name}`,
      intro: 'Only for someone recorded by mistake: for someone who moved out, record that instead. The DBS check they owed is then no longer owed. A copy is kept with your reason, and the deletion is audited.',
      button: 'Delete this member',
    },
  });
  const ofMember = async (request: FastifyRequest) => {
    const h = await ofHousehold(request);
    return { h, member: await memberOf(ctx.db, h.id, idInPath(request, idParamOf(MEMBERS), MEMBERS.missing)) };
  };
  type M = Awaited<ReturnType<typeof ofMember>>;
  householdForm(app, ctx, {
    path: steps('members/:memberId/left'),
    load: ofMember,
    householdOf: (d: M) => d.h.id,
    schema: MemberLeftInput,
    dates: ['toOn'],
    initial: (_d, t) => ({ toOn: t }),
    view: ({ h, member }) => ({
      title: `Record that ${member.name} moved out`,
      caption: householdName(h),
      intro: 'Their DBS check stops being owed on the day they moved out.',
      back: backToHousehold(h),
      fields: [dateField('toOn', 'Date they moved out')],
      button: 'Save',
    }),
    save: async (input, request, { h, member }) => {
      await memberLeft(ctx.db, userOf(request), h.id, member.id, input, today());
      return { next: householdPath(h.id), action: 'update', objectType: 'fostering-household-member', objectId: member.id };
    },
  });

  householdForm(app, ctx, {
    ...staffCommon,
    path: steps('supervising-worker'),
    schema: SupervisingWorkerInput,
    dates: ['fromOn'],
    initial: (_d, t) => ({ fromOn: t }),
    view: ({ h, staff }) => ({
      title: 'Allocate a supervising social worker',
      caption: householdName(h),
      intro: 'The named social worker who supervises and supports the carers (Fostering NMS 2011 standard 21). The one before stops on the same day.',
      back: backToHousehold(h),
      fields: [chooseStaff(staff, 'workerId', 'Supervising social worker'), dateField('fromOn', 'From')],
      button: 'Allocate',
    }),
    save: async (input, request, { h }) => {
      await allocateSupervisingWorker(ctx.db, userOf(request), h.id, input, today());
      return updated(h);
    },
  });

  const visitFields = (staff: S['staff']): Field[] => [
    dateField('visitedOn', 'Date of the visit'),
    { type: 'radios', name: 'unannounced', label: 'Was it unannounced?', options: YES_NO },
    chooseStaff(staff, 'visitedBy', 'Who visited'),
    { type: 'textarea', name: 'summary', label: 'What the visit found', hint: 'The care of the children placed, the carers’ support and training, the home' },
  ];
  householdForm(app, ctx, {
    ...staffCommon,
    path: steps('visits/new'),
    schema: VisitInput,
    dates: ['visitedOn'],
    initial: (_d, t) => ({ visitedOn: t }),
    view: ({ h, staff }) => ({
      title: 'Record a visit to the carers',
      caption: householdName(h),
      intro: 'A supervisory visit by the supervising social worker. At least one a year is unannounced (Fostering NMS 2011 standard 21.8).',
      back: backToHousehold(h),
      fields: visitFields(staff),
      button: 'Save visit',
    }),
    save: async (input, request, { h }) => {
      const id = await recordVisit(ctx.db, userOf(request), h.id, input, today());
      return { next: householdPath(h.id), action: 'create', objectType: 'fostering-visit', objectId: id };
    },
  });
  householdRecordPages(app, ctx, VISITS, {
    load: withStaff,
    correct: {
      dates: ['visitedOn'],
      initial: (visit) => ({ visitedOn: visit.visited_on, unannounced: yesNo(visit.unannounced), visitedBy: visit.visited_by, summary: visit.summary, version: visit.version }),
      title: ({ record }) => `Correct the visit on ${formatDate(record.visited_on)}`,
      intro: 'What the visit should have said. The earlier version is kept with your reason.',
      fields: (d) => visitFields(d.staff),
    },
    remove: {
      title: ({ record }) => `Delete the visit on ${formatDate(record.visited_on)}`,
      intro: 'It stops counting as a supervisory visit. A copy is kept with your reason, and the deletion is audited.',
      button: 'Delete this visit',
    },
  });

  // --- Matching: from the child's care page ----------------------------------------------------
  childPage(app, ctx, {
    path: '/children/:childId/fostering',
    audit: 'fostering-matches',
    template: 'fostering/views/matches.njk',
    load: async ({ child, query }) => {
      const page = intOf(query['page']);
      const view = await matchesFor(ctx.db, child, page);
      return {
        title: `Foster carers for ${child.name}`,
        ...view,
        first: (page - 1) * PAGE_SIZE + 1,
        pagination: govukPagination(page, view.pages, (p) => `/children/${child.id}/fostering${p > 1 ? `?page=${p}` : ''}`),
      };
    },
  });

  fosteringApi(app, ctx);
};
