// The assessment's pages and API: HTTP only. The rules are in service.ts.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { apiRoute } from '../server/api.ts';
import type { AppContext, RegisterRoutes } from '../server/context.ts';
import { foldDateInputs, parseForm, type FormErrors } from '../server/forms.ts';
import { ASSESSMENT_FACTORS } from '../codes/index.ts';
import { requireChangeChild, requireSeeChild, type SignedInUser } from '../access/policy.ts';
import { childHeader } from '../episodes/repository.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { ChildParams, Uuid } from '../episodes/schemas.ts';
import { checkboxItems, dateItemsFor, formBody, idParam, radioItems, ruleErrors, signedIn } from '../episodes/route-helpers.ts';
import { ASSESSMENT_OUTCOME, FATHER_INVOLVED, YES_NO } from './codes.ts';
import { AssessmentAuthorisation, AssessmentCompletion, AssessmentFindings, AssessmentParams, AssessmentStart } from './schemas.ts';
import {
  assessmentPage,
  assessmentsOf,
  authoriseAssessment,
  completeAssessment,
  recordFindings,
  startAssessment,
  type Assessment,
  type AssessmentPage,
} from './service.ts';

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

  // --- start -----------------------------------------------------------------------------------
  const renderStart = async (reply: FastifyReply, status: number, childId: string, values: Record<string, unknown>, errors: FormErrors | null) => {
    const [child, episode] = await Promise.all([childHeader(ctx.db, childId), openEpisodeOf(ctx.db, childId)]);
    return reply.code(status).render(`${VIEWS}/start.njk`, {
      title: 'Start an assessment',
      child,
      episode,
      values,
      errors,
      dates: dateItemsFor(['startedOn'], values, errors),
      backHref: episode ? `/children/${childId}/episodes/${episode.id}` : `/children/${childId}/episodes`,
    });
  };

  app.get('/children/:childId/assessments/new', async (request, reply) => {
    const childId = idParam(request, 'childId');
    await requireChangeChild(ctx.db, signedIn(request), childId);
    const episode = Uuid.safeParse((request.query as Record<string, unknown>)['episode']);
    return renderStart(reply, 200, childId, { startedOn: today(), episodeId: episode.success ? episode.data : '' }, null);
  });

  app.post('/children/:childId/assessments/new', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const user = signedIn(request);
    await requireChangeChild(ctx.db, user, childId);
    const values = foldDateInputs(formBody(request), ['startedOn']);
    if (values['episodeId'] === '') values['episodeId'] = null;
    const form = parseForm(AssessmentStart, values);
    if (!form.ok) return renderStart(reply, 400, childId, values, form.errors);
    let id: string;
    try {
      id = await startAssessment(ctx.db, user, childId, form.data, today());
    } catch (error) {
      const errors = ruleErrors(error);
      if (!errors) throw error;
      return renderStart(reply, 400, childId, values, errors);
    }
    await request.audit({ action: 'create', childId, objectType: 'assessment', objectId: id });
    return reply.code(303).redirect(assessmentPath(childId, id));
  });

  // --- view ------------------------------------------------------------------------------------
  app.get('/children/:childId/assessments/:assessmentId', async (request, reply) => {
    const childId = idParam(request, 'childId');
    const assessmentId = idParam(request, 'assessmentId');
    const page = await assessmentPage(ctx.db, signedIn(request), childId, assessmentId, today());
    await request.audit({ action: 'view-child', childId, objectType: 'assessment', objectId: assessmentId });
    const a = page.assessment;
    return reply.render(`${VIEWS}/assessment.njk`, {
      title: 'Child and family assessment',
      ...page,
      factorLabels: (a.factors as string[]).map((code) => ASSESSMENT_FACTORS.find((f) => f.code === code)?.label ?? code),
      outcomeLabel: ASSESSMENT_OUTCOME.find((o) => o.code === a.outcome)?.label ?? null,
      fatherLabel: FATHER_INVOLVED.find((o) => o.code === a.father_involved)?.label ?? null,
      path: assessmentPath(childId, assessmentId),
    });
  });

  // --- a page of the assessment: findings, completion, authorisation ---------------------------
  type Step = 'findings' | 'complete' | 'authorise';
  const STEP_TITLES: Record<Step, string> = {
    findings: 'What the assessment found',
    complete: 'Complete the assessment',
    authorise: 'Authorise the assessment',
  };
  const STEP_DATES: Record<Step, string[]> = { findings: ['childSeenOn'], complete: ['completedOn'], authorise: ['authorisedOn'] };

  const renderStep = (reply: FastifyReply, status: number, step: Step, page: AssessmentPage, values: Record<string, unknown>, errors: FormErrors | null) =>
    reply.code(status).render(`${VIEWS}/${step}.njk`, {
      title: STEP_TITLES[step],
      ...page,
      values,
      errors,
      dates: dateItemsFor(STEP_DATES[step], values, errors),
      seenAloneItems: radioItems(YES_NO, values['childSeenAlone']),
      fatherItems: radioItems(FATHER_INVOLVED, values['fatherInvolved']),
      factorItems: checkboxItems(ASSESSMENT_FACTORS, values['factors']),
      outcomeItems: radioItems(ASSESSMENT_OUTCOME, values['outcome']),
      backHref: assessmentPath(page.child.id, page.assessment.id),
    });

  const initialValues = (step: Step, a: Assessment): Record<string, unknown> => {
    if (step === 'findings') return findingsValues(a);
    if (step === 'complete') return { completedOn: today(), factors: a.factors, outcome: a.outcome ?? '' };
    return { authorisedOn: today() };
  };

  const save = async (step: Step, user: SignedInUser, childId: string, assessmentId: string, values: Record<string, unknown>): Promise<FormErrors | null> => {
    const attempt = async <S extends z.ZodType>(schema: S, write: (data: z.output<S>) => Promise<void>) => {
      const form = parseForm(schema, values);
      if (!form.ok) return form.errors;
      try {
        await write(form.data);
        return null;
      } catch (error) {
        const errors = ruleErrors(error);
        if (!errors) throw error;
        return errors;
      }
    };
    if (step === 'findings') return attempt(AssessmentFindings, (data) => recordFindings(ctx.db, user, childId, assessmentId, data, today()));
    if (step === 'complete') return attempt(AssessmentCompletion, (data) => completeAssessment(ctx.db, user, childId, assessmentId, data, today()));
    return attempt(AssessmentAuthorisation, (data) => authoriseAssessment(ctx.db, user, childId, assessmentId, data, today()));
  };

  for (const step of ['findings', 'complete', 'authorise'] as const) {
    app.get(`/children/:childId/assessments/:assessmentId/${step}`, async (request, reply) => {
      const childId = idParam(request, 'childId');
      const assessmentId = idParam(request, 'assessmentId');
      const user = signedIn(request);
      await requireChangeChild(ctx.db, user, childId);
      const page = await assessmentPage(ctx.db, user, childId, assessmentId, today());
      await request.audit({ action: 'view-child', childId, objectType: 'assessment', objectId: assessmentId });
      return renderStep(reply, 200, step, page, initialValues(step, page.assessment), null);
    });

    app.post(`/children/:childId/assessments/:assessmentId/${step}`, async (request, reply) => {
      const childId = idParam(request, 'childId');
      const assessmentId = idParam(request, 'assessmentId');
      const user = signedIn(request);
      await requireChangeChild(ctx.db, user, childId);
      const values = foldDateInputs(formBody(request), STEP_DATES[step]);
      const errors = await save(step, user, childId, assessmentId, values);
      if (errors) return renderStep(reply, 400, step, await assessmentPage(ctx.db, user, childId, assessmentId, today()), values, errors);
      await request.audit({ action: 'update', childId, objectType: 'assessment', objectId: assessmentId, detail: { step } });
      return reply.code(303).redirect(assessmentPath(childId, assessmentId));
    });
  }

  // -------------------------------------------------------------------------------------------
  // API
  // -------------------------------------------------------------------------------------------

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/assessments',
    summary: 'A child’s assessments, newest first.',
    tag: 'Assessments',
    params: ChildParams,
    handler: async ({ params, request }) => {
      await requireSeeChild(ctx.db, signedIn(request), params.childId);
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'assessments', objectId: params.childId });
      return { assessments: (await assessmentsOf(ctx.db, params.childId)).map(assessmentJson) };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/children/:childId/assessments',
    summary: 'Start an assessment in the child’s open episode (or the episode given). Not before the referral; one at a time in an episode.',
    tag: 'Assessments',
    params: ChildParams,
    body: AssessmentStart,
    handler: async ({ params, body, request }) => {
      const id = await startAssessment(ctx.db, signedIn(request), params.childId, body, today());
      await request.audit({ action: 'create', childId: params.childId, objectType: 'assessment', objectId: id });
      return { id };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/assessments/:assessmentId',
    summary: 'One assessment, with its due date (45 working days from the referral) and what is still to be recorded before it can be completed.',
    tag: 'Assessments',
    params: AssessmentParams,
    handler: async ({ params, request }) => {
      const page = await assessmentPage(ctx.db, signedIn(request), params.childId, params.assessmentId, today());
      await request.audit({ action: 'view-child', childId: params.childId, objectType: 'assessment', objectId: params.assessmentId });
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
    handler: async ({ params, body, request }) => {
      await recordFindings(ctx.db, signedIn(request), params.childId, params.assessmentId, body, today());
      await request.audit({ action: 'update', childId: params.childId, objectType: 'assessment', objectId: params.assessmentId, detail: { step: 'findings' } });
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
    handler: async ({ params, body, request }) => {
      await completeAssessment(ctx.db, signedIn(request), params.childId, params.assessmentId, body, today());
      await request.audit({ action: 'update', childId: params.childId, objectType: 'assessment', objectId: params.assessmentId, detail: { step: 'complete' } });
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
    handler: async ({ params, body, request }) => {
      await authoriseAssessment(ctx.db, signedIn(request), params.childId, params.assessmentId, body, today());
      await request.audit({ action: 'update', childId: params.childId, objectType: 'assessment', objectId: params.assessmentId, detail: { step: 'authorise' } });
      return { id: params.assessmentId, authorisedOn: body.authorisedOn };
    },
  });
};
