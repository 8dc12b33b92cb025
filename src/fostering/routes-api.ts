// The foster carers API: the same service functions, guards and audit as the pages. HTTP only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../server/context.ts';
import { apiRoute } from '../server/api.ts';
import { childApi, Deletion } from '../server/child-pages.ts';
import { userOf } from '../server/guard.ts';
import { ChildParams } from '../plans/fields.ts';
import { isKind, isRoute } from './codes.ts';
import { childrenListed, dueListed, householdPage, householdsListed, matchesFor, sufficiencyOf } from './present.ts';
import { MemberInput, MemberLeftInput, MemberParams, ChildrenListQuery, DecisionInput, ExtensionInput, HouseholdCorrection, HouseholdInput, HouseholdListQuery, HouseholdParams, MatchQuery, PanelInput, ReviewInput, StatusInput, SupervisingWorkerInput, TemporaryApprovalInput, TermsInput, VisitInput, DbsCheckInput, DueListQuery, RiskAssessmentInput } from './schemas.ts';
import { addHousehold, approveTemporarily, changeStatus, changeTerms, correctHousehold, deleteHousehold, extendTemporaryApproval, recordDecision, recordPanel, reviewHousehold } from './service.ts';
import { FOSTERING_RECORD, FOSTERING_VIEW } from './guards.ts';
import { allocateSupervisingWorker, recordDbsCheck, recordRiskAssessment, recordVisit } from './oversight.ts';
import { addMember, memberLeft } from './members.ts';
import { DBS_CHECKS, householdRecordApi, MEMBERS, REVIEWS, RISK_ASSESSMENTS, VISITS } from './household-records.ts';

const tag = 'Foster carers';

export function fosteringApi(app: FastifyInstance, ctx: AppContext): void {
  const today = () => ctx.time.today();

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/fostering/sufficiency',
    summary: 'The council’s fostering households by status and kind, approved places, children placed and vacancies, late reviews and temporary approvals, and the children in care the user may see by where they live (in-house foster carers, independent fostering agencies, residential …)',
    tag,
    guard: FOSTERING_VIEW,
    handler: ({ request }) => sufficiencyOf(ctx.db, userOf(request), today()),
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/fostering/households',
    summary: 'Fostering households by status, kind, or those with a vacancy, children placed, an overdue review or a temporary approval: 50 a page',
    tag,
    query: HouseholdListQuery,
    guard: FOSTERING_VIEW,
    handler: async ({ query, request }) => {
      const filter = { status: query.status, kind: isKind(query.kind) ? query.kind : undefined, show: query.show };
      const list = await householdsListed(ctx.db, filter, today(), query.page);
      await request.audit({ action: 'view-child', objectType: 'fostering-household-list', detail: { ...filter, page: query.page, households: list.rows.length } });
      return list;
    },
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/fostering/due',
    summary: 'The fostering team’s due list: DBS renewals (90 days ahead), supervisory and unannounced visits and annual reviews (28 days ahead) due soon or overdue, soonest first: 50 a page',
    tag,
    query: DueListQuery,
    guard: FOSTERING_VIEW,
    handler: async ({ query, request }) => {
      const filter = { what: query.what, overdue: query.overdue === 'yes' };
      const list = await dueListed(ctx.db, filter, today(), query.page);
      await request.audit({ action: 'view-child', objectType: 'fostering-due-list', detail: { ...filter, page: query.page, households: list.rows.length } });
      return list;
    },
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/fostering/children',
    summary: 'The children in care the user may see, by where they live (route) or placed with households of a kind: 50 a page',
    tag,
    query: ChildrenListQuery.extend({ kind: z.string().optional() }),
    guard: FOSTERING_VIEW,
    handler: async ({ query, request }) => {
      const filter = isRoute(query.route) ? { route: query.route } : isKind(query.kind) ? { kind: query.kind } : { route: 'in-house' as const };
      const list = await childrenListed(ctx.db, userOf(request), filter, query.page);
      await request.audit({ action: 'view-child', objectType: 'fostering-children-list', detail: { ...filter, page: query.page, children: list.rows.length } });
      return list;
    },
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/fostering/households',
    summary: 'Add a fostering household whose assessment has started',
    tag,
    body: HouseholdInput,
    guard: FOSTERING_RECORD,
    change: { action: 'create', objectType: 'fostering-household' },
    handler: async ({ body, request }) => ({ id: await addHousehold(ctx.db, userOf(request), body, today()) }),
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/fostering/households/:householdId',
    summary: 'A fostering household: carers and the other members of the household, assessment, panel and decision, terms of approval, status history, reviews (the next due), temporary approval and its end, DBS checks and renewals owed, visits, and the children placed now and before (named where the user may see them)',
    tag,
    params: HouseholdParams,
    guard: FOSTERING_VIEW,
    handler: async ({ params, request }) => {
      const view = await householdPage(ctx.db, userOf(request), params.householdId, today());
      await request.audit({ action: 'view-child', objectType: 'fostering-household', objectId: params.householdId, detail: { route: request.routeOptions.url } });
      return view;
    },
  });
  apiRoute(app, {
    method: 'PUT',
    url: '/api/v1/fostering/households/:householdId',
    summary: 'Correct the carers’ names or the postcode, with the reason (the old version is kept)',
    tag,
    params: HouseholdParams,
    body: HouseholdCorrection,
    guard: FOSTERING_RECORD,
    change: { action: 'update', objectType: 'fostering-household' },
    handler: async ({ params, body, request }) => {
      await correctHousehold(ctx.db, userOf(request), params.householdId, body);
      return { id: params.householdId };
    },
  });
  apiRoute(app, {
    method: 'DELETE',
    url: '/api/v1/fostering/households/:householdId',
    summary: 'Delete a household recorded by mistake, with the reason (never one a child was placed with)',
    tag,
    params: HouseholdParams,
    body: Deletion,
    guard: FOSTERING_RECORD,
    change: { action: 'delete', objectType: 'fostering-household' },
    handler: async ({ params, body, request }) => {
      await deleteHousehold(ctx.db, userOf(request), params.householdId, body.reason);
      return { id: params.householdId };
    },
  });

  const step = <S extends z.ZodType>(path: string, summary: string, body: S, save: (user: ReturnType<typeof userOf>, id: string, input: z.output<S>) => Promise<unknown>, objectType = 'fostering-household') =>
    apiRoute(app, {
      method: 'POST',
      url: `/api/v1/fostering/households/:householdId/${path}`,
      summary,
      tag,
      params: HouseholdParams,
      body,
      guard: FOSTERING_RECORD,
      change: { action: objectType === 'fostering-household' ? 'update' : 'create', objectType },
      handler: async ({ params, body: input, request }) => {
        const saved = await save(userOf(request), params.householdId, input as z.output<S>);
        return { id: typeof saved === 'string' ? saved : params.householdId };
      },
    });
  step('temporary-approval', 'Record a connected person’s temporary approval (CPPCR 2010 reg 24): it ends 16 weeks less a day later', TemporaryApprovalInput, (u, id, b) => approveTemporarily(ctx.db, u, id, b, today()));
  step('extension', 'Extend the temporary approval once, before it ends, by up to 8 weeks (CPPCR 2010 reg 25(2))', ExtensionInput, (u, id, b) => extendTemporaryApproval(ctx.db, u, id, b, today()));
  step('panel', 'Record the fostering panel’s recommendation', PanelInput, (u, id, b) => recordPanel(ctx.db, u, id, b, today()));
  step('decision', 'Record the agency decision maker’s decision, with the terms of approval if approved (the first review is then due within a year)', DecisionInput, (u, id, b) => recordDecision(ctx.db, u, id, b, today()));
  step('terms', 'Change the terms of approval (children, ages, an exemption from the usual fostering limit)', TermsInput, (u, id, b) => changeTerms(ctx.db, u, id, b, today()));
  step('status', 'Record a change of status: on hold, approved again, resigned or deregistered, with the reason', StatusInput, (u, id, b) => changeStatus(ctx.db, u, id, b, today()));
  step('dbs-checks', 'Record a DBS check of a carer or another adult of the household (FS(E)R 2011 Schedule 3): the renewal is due at the council’s interval (3 years unless it sets less) unless an earlier date is given', DbsCheckInput, (u, id, b) => recordDbsCheck(ctx.db, u, id, b, today()), 'fostering-dbs-check');
  step('supervising-worker', 'Allocate the household’s supervising social worker from a day (the one before stops that day)', SupervisingWorkerInput, (u, id, b) => allocateSupervisingWorker(ctx.db, u, id, b, today()));
  step('dbs-risk-assessments', 'Record the fostering service’s risk-assessment decision while a person’s DBS check is outstanding (seed FO-04): who decided, when, why and until when; the check stays owed', RiskAssessmentInput, (u, id, b) => recordRiskAssessment(ctx.db, u, id, b, today()), 'fostering-dbs-risk-assessment');
  step('visits', 'Record a visit to approved carers, planned or unannounced (Fostering NMS 2011 standard 21)', VisitInput, (u, id, b) => recordVisit(ctx.db, u, id, b, today()), 'fostering-visit');
  step('members', 'Add a member of the household other than the carers (their children, an adult son or daughter, a relative, a lodger): a DBS check is owed of them from the latest of the approval, their moving in and their 18th birthday (FS(E)R 2011 Schedule 3 para 2)', MemberInput, (u, id, b) => addMember(ctx.db, u, id, b, today()), 'fostering-household-member');
  step('reviews', 'Record a review of the approval (FS(E)R 2011 reg 28: at least once a year; the first goes to the panel)', ReviewInput, (u, id, b) => reviewHousehold(ctx.db, u, id, b, today()), 'fostering-review');

  // Corrections and deletions of the household's records (decisions 0062, 0068): the version the caller
  // saw and the reason, as the pages ask; the earlier version is kept.
  householdRecordApi(app, ctx, REVIEWS, { correct: 'Correct a review with the reason; the next review’s due date follows', remove: 'Delete a review with the reason: it stops counting as the annual review' });
  householdRecordApi(app, ctx, MEMBERS, {
    correct: 'Correct a member of the household (name, date of birth, relationship, moved in and out) with the reason; their DBS clocks follow',
    remove: 'Delete a member recorded in error, with the reason and the version seen: the DBS check they owed is no longer owed (refused while a check or risk assessment of them is recorded)',
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/fostering/households/:householdId/members/:memberId/left',
    summary: 'Record that a member moved out: their DBS check stops being owed that day',
    tag,
    params: MemberParams,
    body: MemberLeftInput,
    guard: FOSTERING_RECORD,
    change: { action: 'update', objectType: 'fostering-household-member' },
    handler: async ({ params, body, request }) => {
      await memberLeft(ctx.db, userOf(request), params.householdId, params.memberId, body, today());
      return { id: params.memberId };
    },
  });
  householdRecordApi(app, ctx, DBS_CHECKS, {
    correct: 'Correct a DBS check with the reason and the version seen (a renewal is a new check, not a correction); the renewal due follows',
    remove: 'Delete a DBS check recorded by mistake, with the reason: the renewal due follows from the other checks',
  });
  householdRecordApi(app, ctx, VISITS, { correct: 'Correct a visit to the carers with the reason and the version seen; the next visits due follow', remove: 'Delete a visit recorded by mistake, with the reason: it stops counting as a supervisory visit' });
  householdRecordApi(app, ctx, RISK_ASSESSMENTS, {
    correct: 'Correct a risk assessment (seed FO-04) with the reason for the correction (correctionReason) and the version seen',
    remove: 'Withdraw a risk assessment (recorded by mistake or the decision withdrawn), with the reason',
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/children/:childId/fostering-matches',
    summary: 'The council’s approved foster carers whose age range fits the child and who have a vacancy (connected persons left out), most places free first: 50 a page',
    tag,
    params: ChildParams,
    query: MatchQuery,
    guard: childApi('see', 'fostering-matches'),
    handler: async ({ query, request }) => matchesFor(ctx.db, request.child!, query.page),
  });
}
