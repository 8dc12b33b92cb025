// The records a fostering household keeps that are corrected (with the reason and the version seen,
// the earlier version kept) and deleted (softly, with the reason) when recorded in error: its reviews,
// DBS checks, FO-04 risk assessments, visits and members (decisions 0056, 0062, 0068). Each kind is
// declared once, here, with its service calls; the pages (household-record-pages.ts) and the API
// (householdRecordApi) follow from it, as a child's records follow from childForm and correctionApi.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import type { AppContext } from '../server/context.ts';
import { correctionApi } from '../server/correction-api.ts';
import { Deletion } from '../server/child-pages.ts';
import { FOSTERING_RECORD } from './guards.ts';
import { DbsCheckCorrection, DbsCheckParams, MemberCorrection, MemberDeletion, MemberParams, ReviewCorrection, ReviewParams, RiskAssessmentCorrection, RiskAssessmentParams, VisitCorrection, VisitParams } from './schemas.ts';
import { correctDbsCheck, correctRiskAssessment, correctVisit, dbsCheckOf, deleteDbsCheck, deleteVisit, riskAssessmentOf, visitOf, withdrawRiskAssessment } from './oversight.ts';
import { correctMember, deleteMember, memberOf } from './members.ts';
import { correctReview, deleteReview, reviewOf } from './service.ts';

export interface HouseholdRecordKind<P extends z.ZodType<Record<string, string>>, C extends z.ZodType, R extends { id: string }> {
  /** Under the household's path, ending with the record's id, e.g. 'dbs-checks/:checkId'. */
  path: string;
  /** What a change of it is audited as, e.g. 'fostering-dbs-check'. */
  objectType: string;
  /** The API's path parameters: the household's id and the record's. */
  params: P;
  /** What a correction asks: the record as it should be, the reason and the version seen. */
  correction: C;
  /** A deletion that asks the version seen as well as the reason (a member, decision 0068). */
  deletion?: typeof MemberDeletion;
  /** Not found, for an id that is not one. */
  missing: string;
  /** The record, of this household (NotFound otherwise). */
  find: (db: Db, householdId: string, id: string) => Promise<R>;
  correct: (db: Kysely<Database>, user: SignedInUser, householdId: string, id: string, input: z.output<C>, today: string) => Promise<void>;
  remove: (db: Kysely<Database>, user: SignedInUser, householdId: string, id: string, reason: string, seenVersion?: number) => Promise<void>;
}

/** The record's id parameter: the last of its path. */
export const idParamOf = (kind: { path: string }) => /:(\w+)$/.exec(kind.path)?.[1] ?? '';

const kind = <P extends z.ZodType<Record<string, string>>, C extends z.ZodType, R extends { id: string }>(k: HouseholdRecordKind<P, C, R>) => k;

export const REVIEWS = kind({
  path: 'reviews/:reviewId', objectType: 'fostering-review', params: ReviewParams, correction: ReviewCorrection,
  missing: 'No review with that id for this household', find: reviewOf, correct: correctReview, remove: deleteReview,
});
export const DBS_CHECKS = kind({
  path: 'dbs-checks/:checkId', objectType: 'fostering-dbs-check', params: DbsCheckParams, correction: DbsCheckCorrection,
  missing: 'No DBS check with that id for this household', find: dbsCheckOf, correct: correctDbsCheck, remove: deleteDbsCheck,
});
export const RISK_ASSESSMENTS = kind({
  path: 'dbs-risk-assessments/:assessmentId', objectType: 'fostering-dbs-risk-assessment', params: RiskAssessmentParams, correction: RiskAssessmentCorrection,
  missing: 'No risk assessment with that id for this household', find: riskAssessmentOf, correct: correctRiskAssessment, remove: withdrawRiskAssessment,
});
export const VISITS = kind({
  path: 'visits/:visitId', objectType: 'fostering-visit', params: VisitParams, correction: VisitCorrection,
  missing: 'No visit with that id for this household', find: visitOf, correct: correctVisit, remove: deleteVisit,
});
export const MEMBERS = kind({
  path: 'members/:memberId', objectType: 'fostering-household-member', params: MemberParams, correction: MemberCorrection, deletion: MemberDeletion,
  missing: 'No member with that id in this household', find: memberOf, correct: correctMember, remove: deleteMember,
});

/** PUT corrects the record and DELETE deletes it, with the household's guard: the audit row and `{ id }` answer are correctionApi's. */
export function householdRecordApi<P extends z.ZodType<Record<string, string>>, C extends z.ZodType, R extends { id: string }>(
  app: FastifyInstance,
  ctx: AppContext,
  k: HouseholdRecordKind<P, C, R>,
  summary: { correct: string; remove: string },
): void {
  const idOf = (p: z.output<P>) => p[idParamOf(k)] ?? '';
  correctionApi(app, ctx, {
    url: `/api/v1/fostering/households/:householdId/${k.path}`,
    tag: 'Foster carers',
    objectType: k.objectType,
    params: k.params,
    guard: FOSTERING_RECORD,
    correct: { summary: summary.correct, body: k.correction, save: (user, p, body, today) => k.correct(ctx.db, user, p['householdId'] ?? '', idOf(p), body, today) },
    remove: {
      summary: summary.remove,
      body: k.deletion ?? Deletion,
      save: (user, p, body: z.output<typeof MemberDeletion>) => k.remove(ctx.db, user, p['householdId'] ?? '', idOf(p), body.reason, body.version),
    },
  });
}
