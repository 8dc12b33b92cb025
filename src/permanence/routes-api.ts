// The permanence API: the same service functions and guards as the pages (stepApi, correctionApi).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi } from '../server/child-pages.ts';
import { correctionApi } from '../server/correction-api.ts';
import { stepApi } from '../server/step-api.ts';
import { ChildParams } from '../plans/fields.ts';
import { correctMatch, deleteMatch, placeWithAdopters, recordDisruption, recordMatch } from '../adoption/matches.ts';
import { permanenceOf } from './permanence.ts';
import { permanenceTracker, TRACKER_GUARD } from './tracker.ts';
import { AuthorityInput, DisruptionInput, FamilyFindingInput, LongTermFosteringInput, MatchCorrection, MatchInput, MatchParams, OrderInput, PlacedInput, PlanChangeInput, PlanCorrection, PlanInput, PlanParams, StepCorrection, StepParams, TrackerQuery } from './schemas.ts';
import { changePlan, confirmLongTermFostering, correctPlan, correctStep, deletePlan, deleteStep, recordAuthorityToPlace, recordOrder, recordPlan, startFamilyFinding } from './service.ts';

const tag = 'Permanence and adoption';

export function permanenceApi(app: FastifyInstance, ctx: AppContext): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/permanence',
    summary: 'A child’s permanence plans with their steps, the match with adopters, the age of each step and the adoption scorecard timings (A1, A2) against their thresholds',
    tag,
    params: ChildParams,
    guard: childApi('see', 'permanence'),
    handler: ({ params }) => permanenceOf(ctx.db, params.childId, ctx.time.today()),
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/permanence',
    summary: 'The permanence tracker: children the user may see with a permanence plan running, oldest decision first, 50 a page',
    tag,
    query: TrackerQuery,
    guard: TRACKER_GUARD,
    handler: async ({ query, request }) => {
      const view = await permanenceTracker(ctx.db, request.user!, { route: query.route ?? null, page: query.page }, ctx.time.today());
      await request.audit({ action: 'view-child', objectType: 'permanence-tracker', detail: { children: view.rows.length, route: query.route ?? null, page: view.page } });
      return view;
    },
  });

  const record = stepApi(app, ctx, tag);
  const base = '/api/v1/children/:childId/permanence';
  record({ url: `${base}/plan`, summary: 'Record the permanence plan and parallel plan in the open period of care', params: ChildParams, body: PlanInput, objectType: 'permanence-plan', save: (u, p, b, t) => recordPlan(ctx.db, u, p.childId, b, t) });
  record({ url: `${base}/plan-changes`, summary: 'Change the permanence plan to another route: the running plan ends that day. Away from adoption, say why the decision to place for adoption was reversed (reversedReason, SSDA903 REASON_PLACED_CEASED RD1-RD4)', params: ChildParams, body: PlanChangeInput, objectType: 'permanence-plan', save: (u, p, b, t) => changePlan(ctx.db, u, p.childId, b, t) });
  record({ url: `${base}/family-finding`, summary: 'Record that family finding started (before the placement order is fine)', params: ChildParams, body: FamilyFindingInput, objectType: 'permanence-step', save: (u, p, b, t) => startFamilyFinding(ctx.db, u, p.childId, b, t) });
  record({ url: `${base}/authority`, summary: 'Record the authority to place for adoption: a placement order (the legal status becomes E1) or the parents’ consent', params: ChildParams, body: AuthorityInput, objectType: 'permanence-step', save: (u, p, b, t) => recordAuthorityToPlace(ctx.db, u, p.childId, b, t) });
  record({ url: `${base}/matches`, summary: 'Record the match with approved adopters: the panel’s recommendation and the agency decision, not before the authority to place', params: ChildParams, body: MatchInput, objectType: 'adoption-match', save: (u, p, b, t) => recordMatch(ctx.db, u, p.childId, b, t) });
  record({ url: `${base}/matches/:matchId/placed`, summary: 'Record that the child moved in with the adopters: a change of placement to A3-A6; answers the placement’s id', params: MatchParams, body: PlacedInput, records: { matchId: 'adoption_match' }, objectType: 'placement', save: (u, p, b, t) => placeWithAdopters(ctx.db, u, p.childId, p.matchId, b, t) });
  record({ url: `${base}/matches/:matchId/disruption`, summary: 'Record that the placement with the adopters disrupted before the adoption order', params: MatchParams, body: DisruptionInput, records: { matchId: 'adoption_match' }, objectType: 'adoption-match', action: 'update', save: async (u, p, b, t) => (await recordDisruption(ctx.db, u, p.childId, p.matchId, b, t), p.matchId) });
  record({ url: `${base}/order`, summary: 'Record the adoption, special guardianship or child arrangements order: the child leaves care that day', params: ChildParams, body: OrderInput, objectType: 'permanence-step', save: (u, p, b, t) => recordOrder(ctx.db, u, p.childId, b, t) });
  record({ url: `${base}/long-term-fostering`, summary: 'Record that long-term fostering was confirmed with the carers', params: ChildParams, body: LongTermFosteringInput, objectType: 'permanence-step', save: (u, p, b, t) => confirmLongTermFostering(ctx.db, u, p.childId, b, t) });

  correctionApi(app, ctx, {
    url: `${base}/plans/:planId`,
    tag,
    objectType: 'permanence-plan',
    params: PlanParams,
    records: { planId: 'permanence_plan' },
    correct: { summary: 'Correct a permanence plan (date, parallel plan, detail, review) with the reason', body: PlanCorrection, save: (u, p, b, t) => correctPlan(ctx.db, u, p.childId, p.planId, b, t) },
    remove: { summary: 'Delete a permanence plan recorded in error, with the reason (only with nothing recorded on it)', save: (u, p, b) => deletePlan(ctx.db, u, p.childId, p.planId, b.reason) },
  });
  correctionApi(app, ctx, {
    url: `${base}/steps/:stepId`,
    tag,
    objectType: 'permanence-step',
    params: StepParams,
    records: { stepId: 'permanence_step' },
    correct: { summary: 'Correct a step with the reason', body: StepCorrection, save: (u, p, b, t) => correctStep(ctx.db, u, p.childId, p.stepId, b, t) },
    remove: { summary: 'Delete a step recorded in error, with the reason', save: (u, p, b) => deleteStep(ctx.db, u, p.childId, p.stepId, b.reason) },
  });
  correctionApi(app, ctx, {
    url: `${base}/matches/:matchId`,
    tag,
    objectType: 'adoption-match',
    params: MatchParams,
    records: { matchId: 'adoption_match' },
    correct: { summary: 'Correct the panel and decision dates of a match with the reason', body: MatchCorrection, save: (u, p, b, t) => correctMatch(ctx.db, u, p.childId, p.matchId, b, t) },
    remove: { summary: 'Delete a match recorded in error, with the reason (before the child moved in)', save: (u, p, b) => deleteMatch(ctx.db, u, p.childId, p.matchId, b.reason) },
  });
}
