// The assessment's pages and API, declared with the child page pattern (src/server/child-pages.ts):
// the access check, the audit rows, the re-render with errors and the redirect follow from each
// declaration. HTTP only: the rules are in service.ts.
import { apiRoute } from '../server/api.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { childApi, childForm, childPage, type Page } from '../server/child-pages.ts';
import { checkboxItems, radioItems } from '../server/form-items.ts';
import { can } from '../access/roles.ts';
import { ASSESSMENT_FACTORS, labelFor } from '../codes/index.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { ChildParams, Uuid } from '../episodes/schemas.ts';
import { ASSESSMENT_OUTCOME, FATHER_INVOLVED, YES_NO } from './codes.ts';
import { AssessmentAuthorisation, AssessmentCompletion, AssessmentFindings, AssessmentParams, AssessmentStart } from './schemas.ts';
import { assessmentPage, assessmentsOf, authoriseAssessment, completeAssessment, recordFindings, startAssessment, type Assessment, type AssessmentPage } from './service.ts';
import './closure.ts';

const VIEWS = 'assessment/views';
const assessmentPath = (childId: string, assessmentId: string) => `/children/${childId}/assessments/${assessmentId}`;

/** The stored findings as form values (to prefill the findings page). */
const findingsValues = (a: Assessment): Record<string, unknown> => ({
  childSeenOn: a.child_seen_on ?? '',
  childSeenAlone: a.child_seen_alone ?? '',
  childNotSeenReason: a.child_not_seen_reason ?? '',
  childViews: a.child_views ?? '',
  adultsInvolved: a.adults_involved ?? '',
  fatherInvolved: a.father_involved ?? '',
  fatherNotInvolvedReason: a.father_not_involved_reason ?? '',
  cultureAndIdentity: a.culture_and_identity ?? '',
  useOfHistory: a.use_of_history ?? '',
  analysis: a.analysis ?? '',
  version: a.version,
});

export function assessmentJson(a: Assessment) {
  return {
    id: a.id,
    episodeId: a.episode_id,
    startedOn: a.started_on,
    completedOn: a.completed_on,
    factors: a.factors,
    outcome: a.outcome,
    delayReason: a.delay_reason,
    childSeenOn: a.child_seen_on,
    childSeenAlone: a.child_seen_alone,
    childNotSeenReason: a.child_not_seen_reason,
    childViews: a.child_views,
    adultsInvolved: a.adults_involved,
    fatherInvolved: a.father_involved,
    fatherNotInvolvedReason: a.father_not_involved_reason,
    cultureAndIdentity: a.culture_and_identity,
    useOfHistory: a.use_of_history,
    analysis: a.analysis,
    authorisedOn: a.authorised_on,
    authorisedBy: a.authorised_by,
    authorisationRationale: a.authorisation_rationale,
    version: a.version,
  };
}

export const assessmentRoutes: RegisterRoutes = (app, ctx: AppContext) => {
  const today = () => ctx.time.today();
  const load = ({ child, params, today }: Page) => assessmentPage(ctx.db, child.id, params['assessmentId']!, today);
  /** What every step page shows beside its form. */
  const stepView = (title: string) => (page: AssessmentPage, values: Record<string, unknown>, { child }: Page) => ({
    title,
    ...page,
    backHref: assessmentPath(child.id, page.assessment.id),
    seenAloneItems: radioItems(YES_NO, values['childSeenAlone']),
    fatherItems: radioItems(FATHER_INVOLVED, values['fatherInvolved']),
    factorItems: checkboxItems(ASSESSMENT_FACTORS, values['factors']),
    outcomeItems: radioItems(ASSESSMENT_OUTCOME, values['outcome']),
  });
  const saved = (childId: string, assessmentId: string) => ({
    next: assessmentPath(childId, assessmentId),
    audit: { action: 'update' as const, objectType: 'assessment', objectId: assessmentId },
  });

  // --- start -----------------------------------------------------------------------------------
  childForm(app, ctx, {
    path: '/children/:childId/assessments/new',
    audit: 'assessment',
    template: `${VIEWS}/start.njk`,
    schema: AssessmentStart,
    dates: ['startedOn'],
    input: (values) => ({ ...values, episodeId: values['episodeId'] || null }),
    load: ({ child }) => openEpisodeOf(ctx.db, child.id),
    initial: (_episode, { today, query }) => {
      const episode = Uuid.safeParse(query['episode']);
      return { startedOn: today, episodeId: episode.success ? episode.data : '' };
    },
    view: (episode, _values, { child }) => ({
      title: 'Start an assessment',
      episode,
      backHref: episode ? `/children/${child.id}/episodes/${episode.id}` : `/children/${child.id}/episodes`,
    }),
    save: async (input, { user, child, today }) => {
      const id = await startAssessment(ctx.db, user, child.id, input, today);
      return { next: assessmentPath(child.id, id), audit: { action: 'create', objectType: 'assessment', objectId: id } };
    },
  });

  // --- view ------------------------------------------------------------------------------------
  childPage(app, ctx, {
    path: '/children/:childId/assessments/:assessmentId',
    records: { assessmentId: 'assessment' },
    audit: 'assessment',
    template: `${VIEWS}/assessment.njk`,
    load: async (page) => {
      const view = await load(page);
      const a = view.assessment;
      return {
        title: 'Child and family assessment',
        ...view,
        factorLabels: (a.factors as string[]).map((code) => labelFor(ASSESSMENT_FACTORS, code) ?? code),
        outcomeLabel: a.outcome ? (labelFor(ASSESSMENT_OUTCOME, a.outcome) ?? null) : null,
        fatherLabel: a.father_involved ? (labelFor(FATHER_INVOLVED, a.father_involved) ?? null) : null,
        mayAuthorise: page.child.mayChange && can(page.user.role, 'authorise'),
        path: assessmentPath(page.child.id, a.id),
      };
    },
  });

  // --- the steps: findings, completion, authorisation ------------------------------------------
  childForm(app, ctx, {
    path: '/children/:childId/assessments/:assessmentId/findings',
    records: { assessmentId: 'assessment' },
    audit: 'assessment',
    template: `${VIEWS}/findings.njk`,
    schema: AssessmentFindings,
    dates: ['childSeenOn'],
    load,
    initial: (page) => findingsValues(page.assessment),
    view: stepView('What the assessment found'),
    save: async (input, { user, child, params, today }) => {
      await recordFindings(ctx.db, user, child.id, params['assessmentId']!, input, today);
      return saved(child.id, params['assessmentId']!);
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/assessments/:assessmentId/complete',
    records: { assessmentId: 'assessment' },
    audit: 'assessment',
    template: `${VIEWS}/complete.njk`,
    schema: AssessmentCompletion,
    dates: ['completedOn'],
    load,
    initial: (page, { today }) => ({ completedOn: today, factors: page.assessment.factors, outcome: page.assessment.outcome ?? '' }),
    view: stepView('Complete the assessment'),
    save: async (input, { user, child, params, today }) => {
      await completeAssessment(ctx.db, user, child.id, params['assessmentId']!, input, today);
      return saved(child.id, params['assessmentId']!);
    },
  });

  childForm(app, ctx, {
    path: '/children/:childId/assessments/:assessmentId/authorise',
    records: { assessmentId: 'assessment' },
    capability: 'authorise',
    audit: 'assessment',
    template: `${VIEWS}/authorise.njk`,
    schema: AssessmentAuthorisation,
    dates: ['authorisedOn'],
    load,
    initial: (_page, { today }) => ({ authorisedOn: today }),
    view: stepView('Authorise the assessment'),
    save: async (input, { user, child, params, today }) => {
      await authoriseAssessment(ctx.db, user, child.id, params['assessmentId']!, input, today);
      return saved(child.id, params['assessmentId']!);
    },
  });

  // -------------------------------------------------------------------------------------------
  // API
  // -------------------------------------------------------------------------------------------

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/assessments',
    summary: 'A child’s assessments, newest first.',
    tag: 'Assessments',
    params: ChildParams,
    guard: childApi('see', 'assessments'),
    handler: async ({ params }) => ({ assessments: (await assessmentsOf(ctx.db, params.childId)).map(assessmentJson) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/assessments',
    summary: 'Start an assessment in the child’s open episode (or the episode given). Not before the referral; one at a time in an episode.',
    tag: 'Assessments',
    params: ChildParams,
    body: AssessmentStart,
    guard: childApi('change', 'assessment'),
    change: { action: 'create', objectType: 'assessment' },
    handler: async ({ params, body, request }) => ({ id: await startAssessment(ctx.db, request.user!, params.childId, body, today()) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/assessments/:assessmentId',
    summary: 'One assessment, with its due date (45 working days from the referral) and what is still to be recorded before it can be completed.',
    tag: 'Assessments',
    params: AssessmentParams,
    guard: childApi('see', 'assessment', { records: { assessmentId: 'assessment' } }),
    handler: async ({ params }) => {
      const page = await assessmentPage(ctx.db, params.childId, params.assessmentId, today());
      return { ...assessmentJson(page.assessment), dueOn: page.dueOn, workingDaysFromReferral: page.workingDaysFromReferral, overdue: page.overdue, missingBeforeCompletion: page.missing };
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/children/:childId/assessments/:assessmentId/findings',
    summary: 'Record what the assessment found (replacing what was there): the child seen (and alone) and their views, fathers and other adults who took part, culture and identity, use of history, analysis.',
    tag: 'Assessments',
    params: AssessmentParams,
    body: AssessmentFindings,
    guard: childApi('change', 'assessment', { records: { assessmentId: 'assessment' } }),
    change: { action: 'update', objectType: 'assessment' },
    handler: async ({ params, body, request }) => {
      await recordFindings(ctx.db, request.user!, params.childId, params.assessmentId, body, today());
      return { id: params.assessmentId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/assessments/:assessmentId/completion',
    summary: 'Complete the assessment: date, CIN census factors, outcome. Past the due date (45 working days from the referral) a delayReason is required.',
    tag: 'Assessments',
    params: AssessmentParams,
    body: AssessmentCompletion,
    successStatus: 200,
    guard: childApi('change', 'assessment', { records: { assessmentId: 'assessment' } }),
    change: { action: 'update', objectType: 'assessment' },
    handler: async ({ params, body, request }) => {
      await completeAssessment(ctx.db, request.user!, params.childId, params.assessmentId, body, today());
      return { id: params.assessmentId, completedOn: body.completedOn };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/assessments/:assessmentId/authorisation',
    summary: 'A team manager authorises a completed assessment, with a rationale.',
    tag: 'Assessments',
    params: AssessmentParams,
    body: AssessmentAuthorisation,
    successStatus: 200,
    guard: childApi('change', 'assessment', { records: { assessmentId: 'assessment' }, capability: 'authorise' }),
    change: { action: 'update', objectType: 'assessment' },
    handler: async ({ params, body, request }) => {
      await authoriseAssessment(ctx.db, request.user!, params.childId, params.assessmentId, body, today());
      return { id: params.assessmentId, authorisedOn: body.authorisedOn };
    },
  });
};
