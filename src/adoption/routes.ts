// Prospective adopters' pages and API. Households are not children: each route is guarded
// `{ signedIn: true, capability: 'record-casework' }` (src/server/guard.ts), a view of a household's
// record writes a 'view-adopter' row to the audit log, as the access area does for other personal
// data, and every change is audited. HTTP only: the rules are in households.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import type { Guard } from '../server/guard.ts';
import type { SignedInUser } from '../access/policy.ts';
import { can } from '../access/roles.ts';
import { apiRoute } from '../server/api.ts';
import { Deletion } from '../server/child-pages.ts';
import type { Values } from '../server/child-pages.ts';
import { recordForm } from '../server/record-form.ts';
import { NotFound } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { govukPagination } from '../server/pagination.ts';
import { ADOPTER_LEAVING_REASON } from '../codes/annex-a.ts';
import { datesOf, YES_NO, type Field } from '../permanence/fields.ts';
import { acceptRegistration, correctHousehold, deleteHousehold, endStageOne, householdById, leaveProcess, recordDecision, recordEnquiry, recordPanel, startStageTwo } from './households.ts';
import { adoptersList, householdView } from './present.ts';
import { applicantsOf, saveApplicant } from './applicants.ts';
import { ETHNICITY, SEX } from '../codes/cin-census.ts';
import { ADOPTERS_LEGAL_STATUS, ADOPTERS_SEX } from '../codes/ssda903.ts';
import { adoptionWorkers } from './repository.ts';
import { ApplicantInput, ApplicantParams, DecisionInput, EnquiryInput, HouseholdCorrection, HouseholdListQuery, HouseholdParams, LeaveInput, PanelInput, RegistrationInput, StageOneInput, StageTwoInput } from './schemas.ts';
import { ADOPTER_TIMESCALES } from './timescales.ts';

const tag = 'Adopters';
const GUARD: Guard = { signedIn: true, capability: 'record-casework', reason: 'Prospective adopters’ records, for casework roles (the adoption service); each view of a household is audited' };

addNavigationItem({ href: '/adopters', text: 'Adopters', show: (role) => can(role, 'record-casework') });

const householdPage = (id: string) => `/adopters/${id}`;
const APPLICANTS = [
  { code: '1', label: 'One person' },
  { code: '2', label: 'Two people (a couple)' },
];
const HOUSEHOLD_FIELDS: readonly Field[] = [
  { type: 'input', name: 'name', label: 'Names of the prospective adopters', hint: 'For example, Sam and Alex Carter' },
  { type: 'radios', name: 'applicants', label: 'How many are applying?', options: APPLICANTS, inline: true },
  { type: 'input', name: 'postcode', label: 'Postcode (optional)', classes: 'govuk-input--width-10' },
  { type: 'select', name: 'workerId', label: 'Adoption social worker (optional)', options: [], blank: 'Not allocated' },
  { type: 'radios', name: 'fosteringForAdoption', label: 'Approved to foster for adoption too?', options: YES_NO, inline: true },
  // The SSDA903 return asks both when a child is adopted (AD1): only codes whose meaning is known (decision 0043).
  { type: 'select', name: 'adoptersSex', label: 'The applicants’ sexes (optional)', hint: 'The SSDA903 return asks this when they adopt a child', options: ADOPTERS_SEX, blank: 'Not recorded yet' },
  { type: 'select', name: 'adoptersLegalStatus', label: 'How the applicants are joined in law (optional)', hint: 'The SSDA903 return asks this when they adopt a child', options: ADOPTERS_LEGAL_STATUS, blank: 'Not recorded yet' },
];

interface AdopterForm<S extends z.ZodType, D> {
  path: string;
  /** A form about one household (its id in the path), or a new one. */
  household: boolean;
  title: string | ((data: D) => string);
  intro?: (data: D) => string[];
  button: string;
  fields: readonly Field[];
  schema: S;
  load: (request: FastifyRequest) => Promise<D>;
  initial: (data: D, today: string) => Values;
  options?: (data: D) => Record<string, readonly { code: string; label: string }[]>;
  correcting?: boolean;
  save: (input: z.output<S>, user: SignedInUser, id: string | null, today: string, request: FastifyRequest) => Promise<{ id: string; action: 'create' | 'update' | 'delete'; next?: string }>;
}

/** A form about a household, on the shared record form with the permanence area's form template. */
function adopterForm<S extends z.ZodType, D>(app: FastifyInstance, ctx: AppContext, def: AdopterForm<S, D>): void {
  const householdIn = (request: FastifyRequest) => (request.params as { householdId?: string }).householdId;
  recordForm<S, D>(app, ctx, {
    path: def.path,
    guard: GUARD,
    schema: def.schema,
    dates: datesOf(def.fields),
    load: def.load,
    initial: def.initial,
    view: (data, _values, request) => {
      const options = def.options?.(data) ?? {};
      const id = householdIn(request);
      return {
        template: 'permanence/views/form.njk',
        context: {
          title: typeof def.title === 'function' ? def.title(data) : def.title,
          caption: (data as { name?: string } | undefined)?.name ?? 'Prospective adopters',
          intro: def.intro?.(data) ?? [],
          button: def.button,
          fields: def.fields.map((f) => (f.type === 'select' && options[f.name] ? { ...f, options: options[f.name]! } : f)),
          correcting: def.correcting ?? false,
          backHref: id ? householdPage(id) : '/adopters',
          backText: id ? 'Back to the household' : 'Adopters',
        },
      };
    },
    fields: () => def.fields.map((f) => f.name).concat(def.correcting ? ['reason'] : []),
    fallbackField: 'form',
    save: async (input, request) => {
      const saved = await def.save(input, request.user!, def.household ? householdIn(request)! : null, ctx.time.today(), request);
      return { next: saved.next ?? householdPage(saved.id), action: saved.action, objectType: 'adopter-household', objectId: saved.id };
    },
  });
}

/** The household the path names; a malformed id is not found, like an unknown one. */
const householdIdOf = (request: FastifyRequest) => {
  const parsed = HouseholdParams.safeParse(request.params);
  if (!parsed.success) throw new NotFound('No prospective adopters with that id');
  return parsed.data.householdId;
};
const householdOf = (ctx: AppContext) => (request: FastifyRequest) => householdById(ctx.db, householdIdOf(request));

export const adoptionRoutes: RegisterRoutes = (app, ctx) => {
  // --- The list -----------------------------------------------------------------------------------
  app.get('/adopters', { config: { guard: GUARD } }, async (request, reply) => {
    const query = HouseholdListQuery.parse(request.query ?? {});
    const stage = query.stage ?? null;
    const view = await adoptersList(ctx.db, stage, query.page, ctx.time.today());
    const href = (s: string | null, p = 1) => `/adopters${s || p > 1 ? `?${new URLSearchParams({ ...(s ? { stage: s } : {}), ...(p > 1 ? { page: String(p) } : {}) })}` : ''}`;
    await request.audit({ action: 'view-adopter', objectType: 'adopter-list', detail: { households: view.rows.length, stage, page: view.page } });
    return reply.render('adoption/views/list.njk', {
      title: 'Prospective adopters',
      ...view,
      filters: [{ text: 'All', count: view.stages.reduce((s, x) => s + x.count, 0), href: href(null), current: stage === null }, ...view.stages.map((s) => ({ text: s.label, count: s.count, href: href(s.code), current: stage === s.code }))],
      timescales: ADOPTER_TIMESCALES,
      pagination: govukPagination(view.page, view.pageCount, (p) => href(stage, p)),
    });
  });

  // --- A household --------------------------------------------------------------------------------
  app.get('/adopters/:householdId', { config: { guard: GUARD } }, async (request, reply) => {
    const householdId = householdIdOf(request);
    const view = await householdView(ctx.db, request.user!, householdId, ctx.time.today());
    await request.audit({ action: 'view-adopter', objectType: 'adopter-household', objectId: householdId });
    return reply.render('adoption/views/household.njk', { title: view.household.name, ...view, mayChange: can(request.user!.role, 'record-casework') });
  });

  const workerOptions = async () => ({ workers: (await adoptionWorkers(ctx.db)).map((w) => ({ code: w.id, label: w.display_name })) });
  adopterForm(app, ctx, {
    path: '/adopters/new',
    household: false,
    title: 'Record an enquiry from prospective adopters',
    button: 'Save',
    fields: [{ type: 'date', name: 'enquiryOn', label: 'Date of the enquiry' }, ...HOUSEHOLD_FIELDS],
    schema: EnquiryInput,
    load: workerOptions,
    options: (d) => ({ workerId: d.workers }),
    initial: (_d, today) => ({ enquiryOn: today, fosteringForAdoption: 'no' }),
    save: async (input, user, _id, today) => ({ id: await recordEnquiry(ctx.db, user, input, today), action: 'create' }),
  });

  const steps: { path: string; title: string; intro?: string; fields: readonly Field[]; schema: z.ZodType; initial: (today: string) => Values; run: (user: SignedInUser, id: string, input: never, today: string) => Promise<void> }[] = [
    {
      path: 'registration',
      title: 'Record that the registration of interest was accepted',
      intro: 'Stage one begins: it is expected to take 2 months.',
      fields: [{ type: 'date', name: 'registeredOn', label: 'Date the registration of interest was accepted' }],
      schema: RegistrationInput,
      initial: (today) => ({ registeredOn: today }),
      run: (u, id, input: RegistrationInput, t) => acceptRegistration(ctx.db, u, id, input, t),
    },
    {
      path: 'stage-one',
      title: 'Record the end of stage one',
      intro: 'If they may go on, they have 6 months to tell the agency they wish to start stage two.',
      fields: [
        { type: 'date', name: 'endedOn', label: 'Date the agency decided on stage one' },
        { type: 'radios', name: 'mayProceed', label: 'May they go on to stage two?', options: YES_NO, inline: true },
        { type: 'textarea', name: 'note', label: 'Note (optional)' },
      ],
      schema: StageOneInput,
      initial: (today) => ({ endedOn: today }),
      run: (u, id, input: StageOneInput, t) => endStageOne(ctx.db, u, id, input, t),
    },
    {
      path: 'stage-two',
      title: 'Record that stage two started',
      intro: 'Stage two, to the agency decision, is expected to take 4 months.',
      fields: [{ type: 'date', name: 'startedOn', label: 'Date they told the agency they wish to go on' }],
      schema: StageTwoInput,
      initial: (today) => ({ startedOn: today }),
      run: (u, id, input: StageTwoInput, t) => startStageTwo(ctx.db, u, id, input, t),
    },
    {
      path: 'panel',
      title: 'Record the adoption panel',
      fields: [
        { type: 'date', name: 'panelOn', label: 'Date of the panel' },
        { type: 'radios', name: 'recommended', label: 'Did the panel recommend them as suitable to adopt?', options: YES_NO, inline: true },
      ],
      schema: PanelInput,
      initial: (today) => ({ panelOn: today }),
      run: (u, id, input: PanelInput, t) => recordPanel(ctx.db, u, id, input, t),
    },
    {
      path: 'decision',
      title: 'Record the agency decision',
      fields: [
        { type: 'date', name: 'decidedOn', label: 'Date of the agency decision maker’s decision' },
        { type: 'radios', name: 'approved', label: 'Approved as suitable to adopt?', options: YES_NO, inline: true },
        { type: 'textarea', name: 'note', label: 'Note (optional)' },
      ],
      schema: DecisionInput,
      initial: (today) => ({ decidedOn: today }),
      run: (u, id, input: DecisionInput, t) => recordDecision(ctx.db, u, id, input, t),
    },
    {
      path: 'leave',
      title: 'Record that they left the process',
      fields: [
        { type: 'date', name: 'leftOn', label: 'Date they left' },
        { type: 'radios', name: 'reason', label: 'Why', options: ADOPTER_LEAVING_REASON },
        { type: 'textarea', name: 'note', label: 'Note (optional)' },
      ],
      schema: LeaveInput,
      initial: (today) => ({ leftOn: today }),
      run: (u, id, input: LeaveInput, t) => leaveProcess(ctx.db, u, id, input, t),
    },
  ];
  for (const s of steps) {
    adopterForm(app, ctx, {
      path: `/adopters/:householdId/${s.path}`,
      household: true,
      title: s.title,
      intro: () => (s.intro ? [s.intro] : []),
      button: 'Save',
      fields: s.fields,
      schema: s.schema,
      load: householdOf(ctx),
      initial: (_h, today) => s.initial(today),
      save: async (input, user, id, today) => (await s.run(user, id!, input as never, today), { id: id!, action: 'update' }),
    });
    apiRoute(app, {
      method: 'POST',
      url: `/api/v1/adopters/:householdId/${s.path}`,
      summary: s.title,
      tag,
      params: HouseholdParams,
      body: s.schema,
      guard: GUARD,
      change: { action: 'update', objectType: 'adopter-household' },
      handler: async ({ params, body, request }) => (await s.run(request.user!, params.householdId, body as never, ctx.time.today()), { id: params.householdId }),
    });
  }

  // --- Each applicant: Annex A list 11 is one row per adopter (decision 0055) ----------------------
  const DISABLED = [{ code: 'yes', label: 'Yes' }, { code: 'no', label: 'No' }, { code: 'unknown', label: 'Not known' }];
  const positionOf = (request: FastifyRequest) => {
    const parsed = ApplicantParams.safeParse(request.params);
    if (!parsed.success) throw new NotFound('No such applicant');
    return parsed.data.position;
  };
  adopterForm(app, ctx, {
    path: '/adopters/:householdId/applicants/:position',
    household: true,
    load: async (request: FastifyRequest) => {
      const position = positionOf(request);
      const h = await householdOf(ctx)(request);
      if (position > h.applicants) throw new NotFound('One person is applying: there is no second applicant');
      return { ...h, position, applicant: (await applicantsOf(ctx.db, h.id)).find((a) => a.position === position) ?? null };
    },
    title: (d) => `${d.applicants === 1 ? 'The applicant' : d.position === 1 ? 'The first applicant' : 'The second applicant'}`,
    intro: () => ['Ofsted’s Annex A lists each adopter with their gender, ethnicity and disability. Leave what they have not told you yet blank.'],
    button: 'Save',
    fields: [
      { type: 'input', name: 'name', label: 'Name' },
      { type: 'select', name: 'sex', label: 'Sex (optional)', options: SEX, blank: 'Not recorded yet' },
      { type: 'select', name: 'ethnicity', label: 'Ethnicity (optional)', options: ETHNICITY, blank: 'Not recorded yet' },
      { type: 'radios', name: 'disabled', label: 'Do they have a disability?', options: DISABLED, inline: true },
    ],
    schema: ApplicantInput,
    initial: (d) => ({ name: d.applicant?.name ?? '', sex: d.applicant?.sex ?? '', ethnicity: d.applicant?.ethnicity ?? '', disabled: d.applicant?.disabled === undefined || d.applicant.disabled === null ? 'unknown' : d.applicant.disabled ? 'yes' : 'no' }),
    save: async (input, user, id, _today, request) => (await saveApplicant(ctx.db, user, id!, positionOf(request), input), { id: id!, action: 'update' }),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/adopters/:householdId/applicants/:position',
    summary: 'Record or correct applicant 1 or 2 of a household: name, sex (M, F, U), ethnicity (the children’s list), disabled (yes, no, unknown); Annex A list 11 is one row per adopter',
    tag,
    params: ApplicantParams,
    body: ApplicantInput,
    guard: GUARD,
    change: { action: 'update', objectType: 'adopter-household' },
    handler: async ({ params, body, request }) => (await saveApplicant(ctx.db, request.user!, params.householdId, params.position, body), { id: params.householdId }),
  });

  adopterForm(app, ctx, {
    path: '/adopters/:householdId/change',
    household: true,
    load: async (request: FastifyRequest) => ({ ...(await householdOf(ctx)(request)), ...(await workerOptions()) }),
    title: (h) => `Correct the record of ${h.name}`,
    intro: () => ['Whether the panel recommended them and whether they were approved are recorded as steps; their dates can be corrected here.'],
    button: 'Save correction',
    fields: [
      ...HOUSEHOLD_FIELDS,
      { type: 'date', name: 'enquiryOn', label: 'Date of the enquiry' },
      { type: 'date', name: 'registeredOn', label: 'Date the registration of interest was accepted (if it was)' },
      { type: 'date', name: 'stageOneEndedOn', label: 'Date stage one ended (if it has)' },
      { type: 'date', name: 'stageTwoStartedOn', label: 'Date stage two started (if it has)' },
      { type: 'date', name: 'panelOn', label: 'Date of the panel (if held)' },
      { type: 'date', name: 'decidedOn', label: 'Date of the agency decision (if made)' },
    ],
    schema: HouseholdCorrection,
    options: (d) => ({ workerId: d.workers }),
    initial: (h) => ({
      name: h.name,
      applicants: String(h.applicants),
      postcode: h.postcode,
      workerId: h.worker_id ?? '',
      fosteringForAdoption: h.fostering_for_adoption ? 'yes' : 'no',
      adoptersSex: h.adopters_sex ?? '',
      adoptersLegalStatus: h.adopters_legal_status ?? '',
      enquiryOn: h.enquiry_on,
      registeredOn: h.registered_on,
      stageOneEndedOn: h.stage_one_ended_on,
      stageTwoStartedOn: h.stage_two_started_on,
      panelOn: h.panel_on,
      decidedOn: h.decided_on,
      version: h.version,
    }),
    correcting: true,
    save: async (input, user, id, today) => (await correctHousehold(ctx.db, user, id!, input, today), { id: id!, action: 'update' }),
  });

  adopterForm(app, ctx, {
    path: '/adopters/:householdId/delete',
    household: true,
    load: householdOf(ctx),
    title: (h) => `Delete the record of ${h.name}`,
    intro: (h) => [`Enquiry on ${formatDate(h.enquiry_on)}. Only a record made in error is deleted: a copy is kept with your reason. If they left the process, record that instead.`],
    button: 'Delete the record',
    fields: [{ type: 'textarea', name: 'reason', label: 'Why are you deleting it?' }],
    schema: Deletion,
    initial: () => ({}),
    save: async (input, user, id) => (await deleteHousehold(ctx.db, user, id!, input.reason), { id: id!, action: 'delete', next: '/adopters' }),
  });

  // --- API ----------------------------------------------------------------------------------------
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/adopters',
    summary: 'Prospective adopter households by stage, 50 a page, with what is due (stage one 2 months, stage two 4 months, a match within 3 months of approval)',
    tag,
    query: HouseholdListQuery,
    guard: GUARD,
    handler: async ({ query, request }) => {
      const view = await adoptersList(ctx.db, query.stage ?? null, query.page, ctx.time.today());
      await request.audit({ action: 'view-adopter', objectType: 'adopter-list', detail: { households: view.rows.length, stage: query.stage ?? null, page: view.page } });
      return view;
    },
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/adopters/:householdId',
    summary: 'One prospective adopter household: its steps, how long each stage took, what is due and its matches (audited as a view)',
    tag,
    params: HouseholdParams,
    guard: GUARD,
    handler: async ({ params, request }) => {
      const view = await householdView(ctx.db, request.user!, params.householdId, ctx.time.today());
      await request.audit({ action: 'view-adopter', objectType: 'adopter-household', objectId: params.householdId });
      return view;
    },
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/adopters',
    summary: 'Record an enquiry from prospective adopters',
    tag,
    body: EnquiryInput,
    guard: GUARD,
    change: { action: 'create', objectType: 'adopter-household' },
    handler: async ({ body, request }) => ({ id: await recordEnquiry(ctx.db, request.user!, body, ctx.time.today()) }),
  });
  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/adopters/:householdId',
    summary: 'Correct a household’s details and dates, with the reason; the order of the steps is checked again',
    tag,
    params: HouseholdParams,
    body: HouseholdCorrection,
    guard: GUARD,
    change: { action: 'update', objectType: 'adopter-household' },
    handler: async ({ params, body, request }) => (await correctHousehold(ctx.db, request.user!, params.householdId, body, ctx.time.today()), { id: params.householdId }),
  });
  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/adopters/:householdId',
    summary: 'Delete a household recorded in error, with the reason (not one a child was matched with)',
    tag,
    params: HouseholdParams,
    body: Deletion,
    guard: GUARD,
    change: { action: 'delete', objectType: 'adopter-household' },
    handler: async ({ params, body, request }) => (await deleteHousehold(ctx.db, request.user!, params.householdId, body.reason), { id: params.householdId }),
  });
};
