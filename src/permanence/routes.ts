// Permanence pages: the child's route to permanence (plan, steps, match, move, order) and the
// permanence tracker, declared with the child page pattern. HTTP only: the rules are in service.ts
// and src/adoption/matches.ts; the API is in routes-api.ts.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { RegisterRoutes } from '../server/context.ts';
import type { AppContext } from '../server/context.ts';
import { childForm, childPage, childRecordDelete, type Page, type Values } from '../server/child-pages.ts';
import type { ChildGuard } from '../server/guard.ts';
import { addNavigationItem } from '../server/navigation.ts';
import { govukPagination } from '../server/pagination.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { can } from '../access/roles.ts';
import { labelFor } from '../codes/code-list.ts';
import { AUTHORITY_TO_PLACE, PERMANENCE_ORDER, PERMANENCE_ROUTE } from '../codes/lantern.ts';
import { PLACEMENT_PROVIDER, REASON_EPISODE_CEASED } from '../codes/ssda903.ts';
import { approvedHouseholds } from '../adoption/repository.ts';
import { correctMatch, deleteMatch, matchOfChild, placeWithAdopters, recordDisruption, recordMatch } from '../adoption/matches.ts';
import { datesOf, YES_NO, type Field } from './fields.ts';
import { permanenceOf } from './permanence.ts';
import { correctSiblingGroup, recordSiblingGroup, siblingGroupOf, siblingsOf } from './sibling-groups.ts';
import { AuthorityInput, DisruptionInput, FamilyFindingInput, LongTermFosteringInput, MatchCorrection, MatchInput, OrderInput, PlacedInput, PlanChangeInput, PlanCorrection, PlanInput, SiblingGroupCorrection, SiblingGroupInput, StepCorrection, TrackerQuery } from './schemas.ts';
import { ADOPTION_DECISION_REVERSED_REASON } from '../codes/ssda903.ts';
import { changePlan, confirmLongTermFostering, correctPlan, correctStep, deletePlan, deleteStep, planOfChild, recordAuthorityToPlace, recordOrder, recordPlan, routeLabel, startFamilyFinding, stepOfChild } from './service.ts';
import { permanenceTracker, TRACKER_GUARD } from './tracker.ts';
import { ADOPTION_THRESHOLDS } from './timings.ts';
import { permanenceApi } from './routes-api.ts';
import './record-section.ts';

addNavigationItem({ href: '/permanence', text: 'Permanence', show: (role) => can(role, 'record-casework') || can(role, 'view-performance') });

export const permanencePage = (childId: string) => `/children/${childId}/permanence`;

interface StepForm<S extends z.ZodType, D> {
  /** Path under /children/:childId/permanence/. */
  path: string;
  records?: ChildGuard['records'];
  objectType: string;
  title: string | ((data: D) => string);
  intro?: (data: D) => (string | null)[];
  button: string;
  fields: readonly Field[];
  /** Options of select fields that come from the record (reviews, approved adopters). */
  options?: (data: D) => Record<string, readonly { code: string; label: string }[]>;
  schema: S;
  load?: (page: Page) => Promise<D>;
  initial: (data: D, page: Page) => Values;
  correcting?: boolean;
  save: (input: z.output<S>, page: Page) => Promise<{ id: string; action: 'create' | 'update' }>;
}

/** A step of the route to permanence as a child form: guard, audit, errors and redirect follow. */
function stepForm<S extends z.ZodType, D = undefined>(app: FastifyInstance, ctx: AppContext, s: StepForm<S, D>): void {
  const fieldsOf = (data: D) => {
    const options = s.options?.(data) ?? {};
    return s.fields.map((f) => ((f.type === 'select' || f.type === 'checkboxes') && options[f.name] ? { ...f, options: options[f.name]! } : f));
  };
  childForm(app, ctx, {
    path: `/children/:childId/permanence/${s.path}`,
    ...(s.records ? { records: s.records } : {}),
    audit: s.objectType,
    template: 'permanence/views/form.njk',
    schema: s.schema,
    dates: datesOf(s.fields),
    fields: [...s.fields.map((f) => f.name), ...(s.correcting ? ['reason'] : [])],
    fallbackField: 'form',
    load: s.load ?? (async () => undefined as D),
    initial: s.initial,
    view: (data, _values, page) => ({
      title: typeof s.title === 'function' ? s.title(data) : s.title,
      intro: (s.intro?.(data) ?? []).filter(Boolean),
      button: s.button,
      fields: fieldsOf(data),
      correcting: s.correcting ?? false,
      backHref: permanencePage(page.child.id),
      backText: 'Permanence',
    }),
    save: async (input, page) => {
      const { id, action } = await s.save(input, page);
      return { next: permanencePage(page.child.id), audit: { action, objectType: s.objectType, objectId: id } };
    },
  });
}

const ROUTE_OPTIONS = PERMANENCE_ROUTE.map((r) => ({ code: r.code, label: r.label }));
const reviewOptions = (reviews: { id: string; held_on: string }[]) => ({ reviewId: reviews.map((r) => ({ code: r.id, label: `Review on ${formatDate(r.held_on)}` })) });
const PLAN_FIELDS: readonly Field[] = [
  { type: 'date', name: 'decidedOn', label: 'Date the plan was decided', hint: 'Usually the second looked-after review' },
  { type: 'radios', name: 'plan', label: 'The permanence plan', options: ROUTE_OPTIONS },
  { type: 'textarea', name: 'planDetail', label: 'More about the plan (required for “Other”)', hint: 'For example, with whom: the maternal grandmother, the current foster carers' },
  { type: 'select', name: 'parallelPlan', label: 'Parallel plan (optional)', options: ROUTE_OPTIONS, blank: 'No parallel plan' },
  { type: 'select', name: 'reviewId', label: 'Agreed at a looked-after review (optional)', options: [], blank: 'Not at a review' },
];
const planValues = (p: { decided_on: string; plan: string; plan_detail: string | null; parallel_plan: string | null; review_id: string | null; version: number }) => ({
  decidedOn: p.decided_on,
  plan: p.plan,
  planDetail: p.plan_detail,
  parallelPlan: p.parallel_plan ?? '',
  reviewId: p.review_id ?? '',
  version: p.version,
});

const ORDER_OPTIONS = PERMANENCE_ORDER.map((o) => ({ code: o.code, label: o.label }));
const ORDER_REASONS = [...new Set(PERMANENCE_ORDER.flatMap((o) => o.reasonsCeased as readonly string[]))].map((code) => ({ code, label: `${code}: ${labelFor(REASON_EPISODE_CEASED, code)}` }));

export const permanenceRoutes: RegisterRoutes = (app, ctx) => {
  childPage(app, ctx, {
    path: '/children/:childId/permanence',
    audit: 'permanence',
    template: 'permanence/views/permanence.njk',
    load: async ({ child, today, user }) => {
      const [view, siblingGroup, siblings] = await Promise.all([permanenceOf(ctx.db, child.id, today), siblingGroupOf(ctx.db, user, child.id), siblingsOf(ctx.db, user, child.id)]);
      return { title: 'Permanence', thresholds: ADOPTION_THRESHOLDS, ...view, siblingGroup, hasSiblings: siblings.length > 0 };
    },
  });

  // --- Brothers and sisters: placed together or apart (seed PS-05; decision 0055) -------------------
  const SIBLING_FIELDS: readonly Field[] = [
    { type: 'checkboxes', name: 'siblings', label: 'Which brothers and sisters?', hint: 'The child’s brothers and sisters recorded on their record', options: [] },
    { type: 'radios', name: 'decision', label: 'The decision', options: [{ code: 'together', label: 'To be placed for adoption together' }, { code: 'apart', label: 'To be placed apart' }] },
    { type: 'date', name: 'decidedOn', label: 'Date of the decision' },
    { type: 'textarea', name: 'why', label: 'The reason', hint: 'What the assessment of their relationship concluded' },
  ];
  const siblingOptions = async (page: Page) => ({
    group: await siblingGroupOf(ctx.db, page.user, page.child.id),
    siblings: (await siblingsOf(ctx.db, page.user, page.child.id)).map((s) => ({ code: s.id, label: `${s.first_name} ${s.last_name}${s.date_of_birth ? `, born ${formatDate(s.date_of_birth)}` : ''}` })),
  });
  stepForm(app, ctx, {
    path: 'sibling-group',
    objectType: 'sibling-group',
    title: 'Record brothers and sisters placed together or apart',
    intro: () => ['Every child chosen here is in the group, and each one’s record shows it. Ofsted’s Annex A gives children placed together one family identifier, with their adopters.'],
    button: 'Save',
    fields: SIBLING_FIELDS,
    load: siblingOptions,
    options: (d) => ({ siblings: d.siblings }),
    schema: SiblingGroupInput,
    initial: (_d, { today }) => ({ decidedOn: today }),
    save: async (input, { user, child, today }) => ({ id: await recordSiblingGroup(ctx.db, user, child.id, input, today), action: 'create' }),
  });
  stepForm(app, ctx, {
    path: 'sibling-group/change',
    objectType: 'sibling-group',
    title: 'Correct the brothers and sisters’ group',
    button: 'Save correction',
    fields: SIBLING_FIELDS,
    load: siblingOptions,
    options: (d) => ({ siblings: d.siblings }),
    schema: SiblingGroupCorrection,
    initial: (d) => (d.group ? { siblings: d.group.children.filter((c) => !c.self).map((c) => c.child_id), decision: d.group.decision, decidedOn: d.group.decided_on, why: d.group.reason, version: d.group.version } : {}),
    correcting: true,
    save: async (input, { user, child, today }) => ({ id: await correctSiblingGroup(ctx.db, user, child.id, input, today), action: 'update' }),
  });

  // --- The plan -----------------------------------------------------------------------------------
  const loadView = (page: Page) => permanenceOf(ctx.db, page.child.id, page.today);
  stepForm(app, ctx, {
    path: 'plan',
    objectType: 'permanence-plan',
    title: 'Record the permanence plan',
    intro: (v) => [v.reviewPlan ? `At the looked-after review on ${formatDate(v.reviewPlan.held_on)} the plan was: “${v.reviewPlan.permanence_plan}”.` : 'No looked-after review in this period of care has recorded a permanence plan yet.'],
    button: 'Save plan',
    fields: PLAN_FIELDS,
    options: (v) => reviewOptions(v.reviews),
    schema: PlanInput,
    load: loadView,
    initial: (v, { today }) => ({ decidedOn: v.reviewPlan?.held_on ?? today, reviewId: v.reviewPlan?.id ?? '' }),
    save: async (input, { user, child, today }) => ({ id: await recordPlan(ctx.db, user, child.id, input, today), action: 'create' }),
  });
  stepForm(app, ctx, {
    path: 'change-plan',
    objectType: 'permanence-plan',
    title: 'Change the permanence plan',
    intro: (v) => [v.current ? `The plan now is ${midSentence(v.current.planLabel)}, decided on ${formatDate(v.current.decided_on)}. It ends on the day of the change, and the new plan starts.` : 'There is no plan running to change.'],
    button: 'Save the new plan',
    fields: [
      ...PLAN_FIELDS,
      { type: 'select', name: 'reversedReason', label: 'If the plan was adoption: why the decision to place for adoption was reversed', hint: 'The SSDA903 return asks this when a child is no longer to be placed for adoption', options: ADOPTION_DECISION_REVERSED_REASON, blank: 'The plan was not adoption' },
    ],
    options: (v) => reviewOptions(v.reviews),
    schema: PlanChangeInput,
    load: loadView,
    initial: (_v, { today }) => ({ decidedOn: today }),
    save: async (input, { user, child, today }) => ({ id: await changePlan(ctx.db, user, child.id, input, today), action: 'create' }),
  });
  stepForm(app, ctx, {
    path: 'plans/:planId/change',
    records: { planId: 'permanence_plan' },
    objectType: 'permanence-plan',
    title: 'Correct the permanence plan',
    intro: () => ['A different route is a change of plan, not a correction.'],
    button: 'Save correction',
    load: async (page: Page) => ({ plan: await planOfChild(ctx.db, page.child.id, page.params['planId']!), reviews: (await loadView(page)).reviews }),
    fields: PLAN_FIELDS,
    options: (d) => reviewOptions(d.reviews),
    schema: PlanCorrection,
    initial: (d) => planValues(d.plan),
    correcting: true,
    save: async (input, { user, child, params, today }) => (await correctPlan(ctx.db, user, child.id, params['planId']!, input, today), { id: params['planId']!, action: 'update' }),
  });
  childRecordDelete(app, ctx, {
    path: '/children/:childId/permanence/plans/:planId/delete',
    records: { planId: 'permanence_plan' },
    audit: 'permanence-plan',
    title: 'Delete this permanence plan',
    record: ({ child, params }) => planOfChild(ctx.db, child.id, params['planId']!),
    rows: (p) => [{ key: { text: 'Plan' }, value: { text: `${routeLabel(p.plan)}, decided ${formatDate(p.decided_on)}` } }],
    back: (_p, { child }) => permanencePage(child.id),
    remove: ({ user, child }, p, reason) => deletePlan(ctx.db, user, child.id, p.id, reason),
  });

  // --- The steps, in order ------------------------------------------------------------------------
  stepForm(app, ctx, {
    path: 'family-finding',
    objectType: 'permanence-step',
    title: 'Record that family finding started',
    intro: () => ['Family finding can start before the placement order: it should not wait for it.'],
    button: 'Save',
    fields: [
      { type: 'date', name: 'startedOn', label: 'Date family finding started' },
      { type: 'textarea', name: 'note', label: 'What was done (optional)', hint: 'For example, the Adoption and Children Act Register, a consortium, activity days' },
    ],
    schema: FamilyFindingInput,
    initial: (_d, { today }) => ({ startedOn: today }),
    save: async (input, { user, child, today }) => ({ id: await startFamilyFinding(ctx.db, user, child.id, input, today), action: 'create' }),
  });
  stepForm(app, ctx, {
    path: 'authority',
    objectType: 'permanence-step',
    title: 'Record the authority to place for adoption',
    intro: () => ['A placement order also changes the legal status to E1 (placement order granted) on the care page.'],
    button: 'Save',
    fields: [
      { type: 'radios', name: 'authority', label: 'Authority to place', options: AUTHORITY_TO_PLACE },
      { type: 'date', name: 'grantedOn', label: 'Date the order was made or the consent given' },
      { type: 'input', name: 'court', label: 'Court (for a placement order)' },
      { type: 'input', name: 'caseNumber', label: 'Case number (optional)', classes: 'govuk-input--width-20' },
    ],
    schema: AuthorityInput,
    initial: (_d, { today }) => ({ grantedOn: today, authority: 'placement_order' }),
    save: async (input, { user, child, today }) => ({ id: await recordAuthorityToPlace(ctx.db, user, child.id, input, today), action: 'create' }),
  });
  const MATCH_DATES: readonly Field[] = [
    { type: 'date', name: 'panelOn', label: 'Date the adoption panel recommended the match' },
    { type: 'date', name: 'decidedOn', label: 'Date the agency decision maker decided on the match' },
  ];
  stepForm(app, ctx, {
    path: 'match',
    objectType: 'adoption-match',
    title: 'Record the match with adopters',
    intro: (d) => [d.households.length ? null : 'No approved adopters are waiting: record them on the adopters’ pages first.'],
    button: 'Save match',
    fields: [{ type: 'select', name: 'householdId', label: 'Approved adopters', options: [], blank: 'Choose the adopters' }, ...MATCH_DATES],
    options: (d) => ({ householdId: d.households.map((h) => ({ code: h.id, label: `${h.name} (approved ${formatDate(h.decided_on!)})` })) }),
    schema: MatchInput,
    load: async () => ({ households: await approvedHouseholds(ctx.db) }),
    initial: () => ({}),
    save: async (input, { user, child, today }) => ({ id: await recordMatch(ctx.db, user, child.id, input, today), action: 'create' }),
  });
  const MATCH = { matchId: 'adoption_match' } as const;
  stepForm(app, ctx, {
    path: 'matches/:matchId/placed',
    records: MATCH,
    objectType: 'placement',
    title: 'Record that the child moved in with the adopters',
    intro: () => ['This is recorded as a change of placement: placed for adoption (A3 to A6), and the placement plan, notification and visits follow on the care page.'],
    button: 'Save',
    fields: [
      { type: 'date', name: 'movedOn', label: 'Date the child moved in' },
      { type: 'radios', name: 'currentCarers', label: 'Are the adopters the child’s foster carers now?', hint: 'Fostering for adoption or concurrent planning: the child stays with the same carers', options: YES_NO, inline: true },
      { type: 'select', name: 'provider', label: 'Who provides the placement', options: PLACEMENT_PROVIDER },
    ],
    schema: PlacedInput,
    load: async ({ child, params }) => matchOfChild(ctx.db, child.id, params['matchId']!),
    initial: (_m, { today }) => ({ movedOn: today, currentCarers: 'no', provider: 'PR1' }),
    save: async (input, { user, child, params, today }) => ({ id: await placeWithAdopters(ctx.db, user, child.id, params['matchId']!, input, today), action: 'create' }),
  });
  stepForm(app, ctx, {
    path: 'matches/:matchId/disruption',
    records: MATCH,
    objectType: 'adoption-match',
    title: 'Record that the placement with the adopters disrupted',
    intro: () => ['Record where the child went on the care page (a change of placement).'],
    button: 'Save',
    fields: [
      { type: 'date', name: 'disruptedOn', label: 'Date the placement ended' },
      { type: 'textarea', name: 'reason', label: 'Why it disrupted' },
    ],
    schema: DisruptionInput,
    initial: (_d, { today }) => ({ disruptedOn: today }),
    save: async (input, { user, child, params, today }) => (await recordDisruption(ctx.db, user, child.id, params['matchId']!, input, today), { id: params['matchId']!, action: 'update' }),
  });
  stepForm(app, ctx, {
    path: 'matches/:matchId/change',
    records: MATCH,
    objectType: 'adoption-match',
    title: 'Correct the match',
    button: 'Save correction',
    fields: MATCH_DATES,
    schema: MatchCorrection,
    load: async ({ child, params }) => matchOfChild(ctx.db, child.id, params['matchId']!),
    initial: (m) => ({ panelOn: m.panel_on, decidedOn: m.decided_on, version: m.version }),
    correcting: true,
    save: async (input, { user, child, params, today }) => (await correctMatch(ctx.db, user, child.id, params['matchId']!, input, today), { id: params['matchId']!, action: 'update' }),
  });
  childRecordDelete(app, ctx, {
    path: '/children/:childId/permanence/matches/:matchId/delete',
    records: MATCH,
    audit: 'adoption-match',
    title: 'Delete this match',
    record: ({ child, params }) => matchOfChild(ctx.db, child.id, params['matchId']!),
    rows: (m) => [{ key: { text: 'Match' }, value: { text: `Panel ${formatDate(m.panel_on)}, decided ${formatDate(m.decided_on)}` } }],
    back: (_m, { child }) => permanencePage(child.id),
    remove: ({ user, child }, m, reason) => deleteMatch(ctx.db, user, child.id, m.id, reason),
  });
  stepForm(app, ctx, {
    path: 'order',
    objectType: 'permanence-step',
    title: 'Record the order',
    intro: () => ['The child leaves care on the day of the order, with the reason you choose.'],
    button: 'Save',
    fields: [
      { type: 'radios', name: 'orderKind', label: 'Order', options: ORDER_OPTIONS },
      { type: 'date', name: 'madeOn', label: 'Date the order was made' },
      { type: 'input', name: 'court', label: 'Court' },
      { type: 'input', name: 'caseNumber', label: 'Case number (optional)', classes: 'govuk-input--width-20' },
      { type: 'select', name: 'reasonCeased', label: 'How the child left care (SSDA903)', options: ORDER_REASONS },
    ],
    schema: OrderInput,
    initial: (_d, { today }) => ({ madeOn: today }),
    save: async (input, { user, child, today }) => ({ id: await recordOrder(ctx.db, user, child.id, input, today), action: 'create' }),
  });
  stepForm(app, ctx, {
    path: 'long-term-fostering',
    objectType: 'permanence-step',
    title: 'Record that long-term fostering was confirmed',
    button: 'Save',
    fields: [
      { type: 'date', name: 'confirmedOn', label: 'Date the match with the carers was confirmed', hint: 'For example, the fostering panel’s long-term match' },
      { type: 'textarea', name: 'note', label: 'Note (optional)' },
    ],
    schema: LongTermFosteringInput,
    initial: (_d, { today }) => ({ confirmedOn: today }),
    save: async (input, { user, child, today }) => ({ id: await confirmLongTermFostering(ctx.db, user, child.id, input, today), action: 'create' }),
  });
  const STEP = { stepId: 'permanence_step' } as const;
  stepForm(app, ctx, {
    path: 'steps/:stepId/change',
    records: STEP,
    objectType: 'permanence-step',
    title: 'Correct this step',
    button: 'Save correction',
    fields: [
      { type: 'date', name: 'occurredOn', label: 'Date' },
      { type: 'input', name: 'court', label: 'Court (for an order)' },
      { type: 'input', name: 'caseNumber', label: 'Case number (optional)', classes: 'govuk-input--width-20' },
      { type: 'textarea', name: 'note', label: 'Note (optional)' },
    ],
    schema: StepCorrection,
    load: async ({ child, params }) => stepOfChild(ctx.db, child.id, params['stepId']!),
    initial: (s) => ({ occurredOn: s.occurred_on, court: s.court, caseNumber: s.case_number, note: s.note, version: s.version }),
    correcting: true,
    save: async (input, { user, child, params, today }) => (await correctStep(ctx.db, user, child.id, params['stepId']!, input, today), { id: params['stepId']!, action: 'update' }),
  });
  childRecordDelete(app, ctx, {
    path: '/children/:childId/permanence/steps/:stepId/delete',
    records: STEP,
    audit: 'permanence-step',
    title: 'Delete this step',
    record: ({ child, params }) => stepOfChild(ctx.db, child.id, params['stepId']!),
    rows: (s) => [{ key: { text: 'Step' }, value: { text: `${s.kind.replaceAll('_', ' ')} on ${formatDate(s.occurred_on)}` } }],
    back: (_s, { child }) => permanencePage(child.id),
    remove: ({ user, child }, s, reason) => deleteStep(ctx.db, user, child.id, s.id, reason),
  });

  // --- The tracker --------------------------------------------------------------------------------
  app.get('/permanence', { config: { guard: TRACKER_GUARD } }, async (request, reply) => {
    const query = TrackerQuery.parse(request.query ?? {});
    const route = query.route ?? null;
    const view = await permanenceTracker(ctx.db, request.user!, { route, page: query.page }, ctx.time.today());
    const href = (r: string | null, p = 1) => `/permanence${r || p > 1 ? `?${new URLSearchParams({ ...(r ? { route: r } : {}), ...(p > 1 ? { page: String(p) } : {}) })}` : ''}`;
    await request.audit({ action: 'view-child', objectType: 'permanence-tracker', detail: { children: view.rows.length, route, page: view.page } });
    return reply.render('permanence/views/tracker.njk', {
      title: 'Permanence tracker',
      ...view,
      routes: [
        { text: 'All plans', count: view.byRoute.reduce((s, r) => s + r.count, 0), href: href(null), current: route === null },
        ...view.byRoute.map((r) => ({ text: r.label, count: r.count, href: href(r.code), current: route === r.code })),
      ],
      thresholds: ADOPTION_THRESHOLDS,
      pagination: govukPagination(view.page, view.pageCount, (p) => href(route, p)),
    });
  });

  permanenceApi(app, ctx);
};
