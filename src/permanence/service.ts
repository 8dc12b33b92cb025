// A child's route to permanence: the plan and the parallel plan, then the steps in order — family
// finding, authority to place (a placement order or the parents' consent), the match with approved
// adopters (src/adoption/matches.ts), the move to them, and the order (adoption, special
// guardianship, child arrangements) or long-term fostering confirmed. Each step is one fact with its
// journal event, in one transaction; the care service records what changes the period of care (the
// legal status E1 with a placement order, the move in with the adopters, leaving care with the order),
// so the SSDA903 episodes follow without a second copy of the rules. Seed PM-01..05, AD-01, AD-04.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { labelFor } from '../codes/code-list.ts';
import { AUTHORITY_TO_PLACE, PERMANENCE_ORDER, PERMANENCE_ROUTE } from '../codes/lantern.ts';
import { ADOPTION_DECISION_REVERSED_REASON, REASON_EPISODE_CEASED } from '../codes/ssda903.ts';
import { addWeeks } from '../calendar/index.ts';
import { updateRecord } from '../db/history.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { changeLegalStatusIn, leaveCareIn } from '../looked-after/service.ts';
import * as careRepo from '../looked-after/repository.ts';
import type { PermanencePlanTable, PermanenceRoute, PermanenceStepKind } from './tables.ts';
import type { AuthorityInput, FamilyFindingInput, LongTermFosteringInput, OrderInput, PlanChangeInput, PlanCorrection, PlanInput, StepCorrection } from './schemas.ts';

export const routeLabel = (route: string) => labelFor(PERMANENCE_ROUTE, route) ?? route;

/** Refuses a date in the future, before birth, or outside the period of care. */
export async function checkStepDate(tx: Db, childId: string, period: { started_on: string; ended_on: string | null }, date: string, today: string, field: string, what: string) {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future: record it once it has happened`, field);
  assertNotBeforeBirth(await childDates(tx, childId), date, field, what);
  if (date < period.started_on) throw new RuleBroken(`${what} cannot be before the child came into care (${formatDate(period.started_on)}): check the date`, field);
  if (period.ended_on && date > period.ended_on) throw new RuleBroken(`${what} cannot be after the child left care (${formatDate(period.ended_on)})`, field);
}

async function openPeriodOrRefuse(tx: Db, childId: string) {
  const period = await careRepo.openPeriod(tx, childId, { lock: true });
  if (!period) throw new RuleBroken('The child is not looked after now: a permanence plan belongs to a period of care');
  return period;
}

export async function planOfChild(db: Db, childId: string, planId: string, options: { lock?: boolean } = {}) {
  const q = db.selectFrom('permanence_plan').selectAll().where('id', '=', planId).where('deleted_at', 'is', null);
  const plan = await (options.lock ? q.forUpdate() : q).executeTakeFirst();
  if (!plan || plan.child_id !== childId) throw new NotFound('No permanence plan with that id for this child');
  return plan;
}

/** The plan running now: not ended, in the open period of care. */
export async function currentPlanOrRefuse(tx: Db, childId: string) {
  const period = await openPeriodOrRefuse(tx, childId);
  const plan = await tx.selectFrom('permanence_plan').selectAll().where('period_id', '=', period.id).where('ended_on', 'is', null).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
  if (!plan) throw new RuleBroken('Record the child’s permanence plan first');
  return { period, plan };
}

export const stepsOfPlan = (db: Db, planId: string) => db.selectFrom('permanence_step').selectAll().where('plan_id', '=', planId).where('deleted_at', 'is', null).execute();

const hasRoute = (plan: Pick<PermanencePlanTable, 'plan' | 'parallel_plan'>, route: PermanenceRoute) => plan.plan === route || plan.parallel_plan === route;

async function checkReview(tx: Db, periodId: string, reviewId: string | null, decidedOn: string) {
  if (!reviewId) return;
  const review = await tx.selectFrom('looked_after_review').select(['period_id', 'held_on']).where('id', '=', reviewId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!review || review.period_id !== periodId) throw new RuleBroken('Choose a looked-after review from this period of care', 'reviewId');
  if (review.held_on !== decidedOn) throw new RuleBroken(`The review was held on ${formatDate(review.held_on)}: the plan decided there has that date`, 'decidedOn');
}

const planTitle = (input: { plan: string; parallelPlan?: string | null; planDetail: string | null }) =>
  `Permanence plan: ${midSentence(routeLabel(input.plan))}${input.plan === 'other' && input.planDetail ? ` (${input.planDetail})` : ''}${input.parallelPlan ? `; parallel plan: ${midSentence(routeLabel(input.parallelPlan))}` : ''}`;

async function insertPlan(tx: Db, user: SignedInUser, childId: string, periodId: string, input: PlanInput) {
  const id = randomUUID();
  await tx
    .insertInto('permanence_plan')
    .values({ id, child_id: childId, period_id: periodId, decided_on: input.decidedOn, review_id: input.reviewId, plan: input.plan as PermanenceRoute, plan_detail: input.planDetail, parallel_plan: (input.parallelPlan ?? null) as PermanenceRoute | null, recorded_by: user.id })
    .execute();
  await recordEvent(tx, { childId, type: 'permanence.planned', occurredOn: input.decidedOn, sourceTable: 'permanence_plan', sourceId: id, scopeId: id, title: planTitle(input), detail: input.planDetail }, user.id, { refresh: false });
  return id;
}

/** The permanence plan, in the open period of care (due by the second looked-after review: Care Planning guidance ch.2). */
export async function recordPlan(db: Kysely<Database>, user: SignedInUser, childId: string, input: PlanInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const period = await openPeriodOrRefuse(tx, childId);
    await checkStepDate(tx, childId, period, input.decidedOn, today, 'decidedOn', 'The date the plan was decided');
    const open = await tx.selectFrom('permanence_plan').select(['plan', 'decided_on']).where('period_id', '=', period.id).where('ended_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
    if (open) throw new RuleBroken(`The plan of ${formatDate(open.decided_on)} (${midSentence(routeLabel(open.plan))}) is still running: change it rather than record another`, 'plan');
    const earlier = await tx.selectFrom('permanence_plan').select('ended_on').where('period_id', '=', period.id).where('deleted_at', 'is', null).orderBy('ended_on', 'desc').executeTakeFirst();
    if (earlier?.ended_on && input.decidedOn < earlier.ended_on) throw new RuleBroken(`The last plan ended on ${formatDate(earlier.ended_on)}: the new one cannot be decided before that`, 'decidedOn');
    await checkReview(tx, period.id, input.reviewId, input.decidedOn);
    const id = await insertPlan(tx, user, childId, period.id, input);
    await refreshClocks(tx, childId);
    return id;
  });
}

/**
 * A change of route (seed AD-06: changes of plan away from adoption are counted): the running plan
 * ends that day and the new one starts. A child living with adopters is not moved off the adoption
 * plan until the disruption is recorded. A new parallel plan on the same route is a correction.
 */
export async function changePlan(db: Kysely<Database>, user: SignedInUser, childId: string, input: PlanChangeInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const { period, plan } = await currentPlanOrRefuse(tx, childId);
    await checkStepDate(tx, childId, period, input.decidedOn, today, 'decidedOn', 'The date the plan changed');
    if (input.plan === plan.plan) throw new RuleBroken(`The plan is already ${midSentence(routeLabel(plan.plan))}: to change the parallel plan or the detail, correct the plan`, 'plan');
    if (input.decidedOn < plan.decided_on) throw new RuleBroken(`The plan being changed was decided on ${formatDate(plan.decided_on)}: the change cannot be before it`, 'decidedOn');
    const placed = await tx.selectFrom('adoption_match').select('placed_on').where('plan_id', '=', plan.id).where('placed_on', 'is not', null).where('disrupted_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
    if (placed) throw new RuleBroken(`The child has lived with adopters since ${formatDate(placed.placed_on!)}: record the disruption before changing the plan`, 'plan');
    await checkReview(tx, period.id, input.reviewId, input.decidedOn);
    // Away from adoption, the decision to place for adoption is reversed: the SSDA903 return needs why (rule 119).
    const reversed = plan.plan === 'adoption';
    const reversedReason = input.reversedReason ?? null;
    if (reversed && !reversedReason) throw new RuleBroken('Choose why the decision to place for adoption was reversed', 'reversedReason');
    if (!reversed && reversedReason) throw new RuleBroken('The plan being changed is not adoption: leave the reason for reversing adoption blank', 'reversedReason');
    await updateRecord(tx, 'permanence_plan', plan.id, { ended_on: input.decidedOn, end_reason: 'changed', adoption_reversed_reason: reversedReason }, user.id);
    const why = reversedReason ? `: ${midSentence(labelFor(ADOPTION_DECISION_REVERSED_REASON, reversedReason) ?? reversedReason)}` : '';
    // Scoped to the old plan, so its clocks (the match after a placement order) stop.
    await recordEvent(tx, { childId, type: 'permanence.plan-changed', occurredOn: input.decidedOn, sourceTable: 'permanence_plan', sourceId: plan.id, scopeId: plan.id, title: `Permanence plan changed from ${midSentence(routeLabel(plan.plan))} to ${midSentence(routeLabel(input.plan))}${why}` }, user.id, { refresh: false });
    const id = await insertPlan(tx, user, childId, period.id, input);
    await refreshClocks(tx, childId);
    return id;
  });
}

/** Corrects the plan as recorded (the parallel plan, the detail, the date, the review) with the reason. */
export async function correctPlan(db: Kysely<Database>, user: SignedInUser, childId: string, planId: string, input: PlanCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const plan = await planOfChild(tx, childId, planId, { lock: true });
    const period = await careRepo.findPeriod(tx, plan.period_id);
    if (!period) throw new NotFound('No period of care for this plan');
    await checkStepDate(tx, childId, period, input.decidedOn, today, 'decidedOn', 'The date the plan was decided');
    if (input.plan !== plan.plan) throw new RuleBroken(`A different route is a change of plan, not a correction: record the change of plan`, 'plan');
    if (plan.ended_on && input.decidedOn > plan.ended_on) throw new RuleBroken(`The plan ended on ${formatDate(plan.ended_on)}: it cannot have been decided after that`, 'decidedOn');
    if (plan.parallel_plan === 'adoption' && input.parallelPlan !== 'adoption' && plan.plan !== 'adoption') {
      const authority = (await stepsOfPlan(tx, planId)).find((s) => s.kind === 'authority_to_place');
      if (authority) throw new RuleBroken('Authority to place for adoption is recorded on this plan: adoption stays its parallel plan', 'parallelPlan');
    }
    await checkReview(tx, plan.period_id, input.reviewId, input.decidedOn);
    await correctRecord(tx, {
      table: 'permanence_plan',
      id: planId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { decided_on: input.decidedOn, plan_detail: input.planDetail, parallel_plan: input.parallelPlan ?? null, review_id: input.reviewId },
      event: { occurredOn: input.decidedOn, title: planTitle(input), detail: input.planDetail },
    });
  });
}

/** Deletes a plan recorded in error, with the reason: only while nothing has been recorded on it. */
export async function deletePlan(db: Kysely<Database>, user: SignedInUser, childId: string, planId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const plan = await planOfChild(tx, childId, planId, { lock: true });
    if ((await stepsOfPlan(tx, planId)).length) throw new RuleBroken('Steps are recorded on this plan: delete them first');
    const match = await tx.selectFrom('adoption_match').select('id').where('plan_id', '=', planId).where('deleted_at', 'is', null).executeTakeFirst();
    if (match) throw new RuleBroken('A match is recorded on this plan: delete it first');
    if (plan.end_reason === 'changed') throw new RuleBroken('This plan was changed for another: delete the newer plan first');
    // A plan that replaced another: deleting it reopens the one it replaced, as if the change had not been recorded.
    const replaced = await tx.selectFrom('permanence_plan').select(['id']).where('period_id', '=', plan.period_id).where('ended_on', '=', plan.decided_on).where('end_reason', '=', 'changed').where('deleted_at', 'is', null).executeTakeFirst();
    await deleteRecord(tx, { table: 'permanence_plan', id: planId, actorId: user.id, reason, childId });
    if (replaced) {
      await updateRecord(tx, 'permanence_plan', replaced.id, { ended_on: null, end_reason: null, adoption_reversed_reason: null }, user.id, undefined, `The change of plan was deleted: ${reason}`);
      await tx.updateTable('child_event').set({ deleted_at: sql<Date>`lantern_now()` }).where('source_id', '=', replaced.id).where('type', '=', 'permanence.plan-changed').execute();
      await refreshClocks(tx, childId);
    }
  });
}

async function onceOnPlan(tx: Db, planId: string, kind: PermanenceStepKind, field: string, what: string) {
  const existing = await tx.selectFrom('permanence_step').select('occurred_on').where('plan_id', '=', planId).where('kind', '=', kind).where('deleted_at', 'is', null).executeTakeFirst();
  if (existing) throw new RuleBroken(`${what} is already recorded on this plan (${formatDate(existing.occurred_on)})`, field);
}

async function insertStep(tx: Db, user: SignedInUser, childId: string, planId: string, step: { kind: PermanenceStepKind; occurredOn: string; authority?: 'placement_order' | 'consent'; court?: string | null; caseNumber?: string | null; orderKind?: 'adoption' | 'special_guardianship' | 'child_arrangements'; note?: string | null }) {
  const id = randomUUID();
  await tx
    .insertInto('permanence_step')
    .values({
      id,
      plan_id: planId,
      child_id: childId,
      kind: step.kind,
      occurred_on: step.occurredOn,
      authority: step.authority ?? null,
      court: step.court ?? null,
      case_number: step.caseNumber ?? null,
      order_kind: step.orderKind ?? null,
      note: step.note ?? null,
      recorded_by: user.id,
    })
    .execute();
  return id;
}

/** Family finding started: for adoption or long-term fostering, and before the placement order is fine (seed AD-04). */
export async function startFamilyFinding(db: Kysely<Database>, user: SignedInUser, childId: string, input: FamilyFindingInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const { period, plan } = await currentPlanOrRefuse(tx, childId);
    if (!hasRoute(plan, 'adoption') && !hasRoute(plan, 'long_term_fostering')) {
      throw new RuleBroken(`Family finding is for a plan of adoption or long-term fostering; the plan is ${midSentence(routeLabel(plan.plan))}`, 'startedOn');
    }
    await checkStepDate(tx, childId, period, input.startedOn, today, 'startedOn', 'The date family finding started');
    await onceOnPlan(tx, plan.id, 'family_finding', 'startedOn', 'Family finding');
    const id = await insertStep(tx, user, childId, plan.id, { kind: 'family_finding', occurredOn: input.startedOn, note: input.note });
    await recordEvent(tx, { childId, type: 'permanence.family-finding', occurredOn: input.startedOn, sourceTable: 'permanence_step', sourceId: id, scopeId: plan.id, title: 'Family finding started', detail: input.note }, user.id);
    return id;
  });
}

/**
 * Authority to place for adoption: a placement order (the legal status becomes E1, through the care
 * service, so the SSDA903 episode follows) or the parents' consent. Adoption must be the plan or the
 * parallel plan; the placement order may come before family finding.
 */
export async function recordAuthorityToPlace(db: Kysely<Database>, user: SignedInUser, childId: string, input: AuthorityInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const { period, plan } = await currentPlanOrRefuse(tx, childId);
    if (!hasRoute(plan, 'adoption')) throw new RuleBroken(`Authority to place for adoption needs adoption as the plan or the parallel plan; the plan is ${midSentence(routeLabel(plan.plan))}`, 'authority');
    await checkStepDate(tx, childId, period, input.grantedOn, today, 'grantedOn', 'The date of the authority to place');
    await onceOnPlan(tx, plan.id, 'authority_to_place', 'grantedOn', 'Authority to place');
    const authority = input.authority as 'placement_order' | 'consent';
    const id = await insertStep(tx, user, childId, plan.id, { kind: 'authority_to_place', occurredOn: input.grantedOn, authority, court: input.court, caseNumber: input.caseNumber });
    if (authority === 'placement_order') {
      const status = await careRepo.openLegalStatusOf(tx, period.id);
      if (status && status.legal_status !== 'E1') {
        try {
          await changeLegalStatusIn(tx, user, childId, { changedOn: input.grantedOn, legalStatus: 'E1' }, today);
        } catch (error) {
          if (error instanceof RuleBroken) throw new RuleBroken(`${error.message} (a placement order makes the legal status E1)`, 'grantedOn');
          throw error;
        }
      }
    }
    await recordEvent(
      tx,
      {
        childId,
        type: authority === 'placement_order' ? 'permanence.placement-order' : 'permanence.consent-to-placement',
        occurredOn: input.grantedOn,
        sourceTable: 'permanence_step',
        sourceId: id,
        scopeId: plan.id,
        title: authority === 'placement_order' ? `Placement order made by ${input.court}${input.caseNumber ? ` (${input.caseNumber})` : ''}` : 'The parents consented to placement for adoption',
      },
      user.id,
    );
    return id;
  });
}

/** Long-term fostering confirmed with the carers (seed PM-04: the match formalised). */
export async function confirmLongTermFostering(db: Kysely<Database>, user: SignedInUser, childId: string, input: LongTermFosteringInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const { period, plan } = await currentPlanOrRefuse(tx, childId);
    if (plan.plan !== 'long_term_fostering') throw new RuleBroken(`The plan is ${midSentence(routeLabel(plan.plan))}: change it to long-term fostering first`, 'confirmedOn');
    await checkStepDate(tx, childId, period, input.confirmedOn, today, 'confirmedOn', 'The date long-term fostering was confirmed');
    if (input.confirmedOn < plan.decided_on) throw new RuleBroken(`Long-term fostering cannot be confirmed before it was the plan (${formatDate(plan.decided_on)})`, 'confirmedOn');
    await onceOnPlan(tx, plan.id, 'long_term_fostering_confirmed', 'confirmedOn', 'Long-term fostering');
    const placement = await careRepo.openPlacementOf(tx, period.id);
    const id = await insertStep(tx, user, childId, plan.id, { kind: 'long_term_fostering_confirmed', occurredOn: input.confirmedOn, note: input.note });
    await recordEvent(tx, { childId, type: 'permanence.long-term-fostering', occurredOn: input.confirmedOn, sourceTable: 'permanence_step', sourceId: id, scopeId: plan.id, title: `Long-term fostering confirmed${placement ? ` with ${placement.carer_name}` : ''}`, detail: input.note }, user.id);
    return id;
  });
}

/**
 * The order that achieves permanence: it must be the plan's own route. An adoption order needs the
 * child to be living with the adopters, at least 10 weeks (Adoption and Children Act 2002 s.42(2):
 * the child must have had their home with the applicants for 10 weeks before they apply). The child
 * leaves care that day through the care service, with the SSDA903 reason the order allows, and the
 * plan is achieved.
 */
export async function recordOrder(db: Kysely<Database>, user: SignedInUser, childId: string, input: OrderInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const { period, plan } = await currentPlanOrRefuse(tx, childId);
    const order = PERMANENCE_ORDER.find((o) => o.code === input.orderKind)!;
    if (order.route !== plan.plan) throw new RuleBroken(`The plan is ${midSentence(routeLabel(plan.plan))}: an ${midSentence(order.label)} needs the plan to be ${midSentence(routeLabel(order.route))}. Change the plan first`, 'orderKind');
    if (!(order.reasonsCeased as readonly string[]).includes(input.reasonCeased)) {
      throw new RuleBroken(`With an ${midSentence(order.label.split(' (')[0]!)} the child leaves care as ${order.reasonsCeased.join(' or ')}: choose one of those`, 'reasonCeased');
    }
    await checkStepDate(tx, childId, period, input.madeOn, today, 'madeOn', 'The date the order was made');
    if (input.madeOn < plan.decided_on) throw new RuleBroken(`The order cannot be before the plan was decided (${formatDate(plan.decided_on)})`, 'madeOn');
    if (order.code === 'adoption') {
      const match = await tx.selectFrom('adoption_match').selectAll().where('plan_id', '=', plan.id).where('placed_on', 'is not', null).where('disrupted_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
      if (!match) throw new RuleBroken('An adoption order follows a placement with the adopters: record that the child moved in with them first', 'orderKind');
      const tenWeeks = addWeeks(match.placed_on!, 10);
      if (input.madeOn < tenWeeks) {
        throw new RuleBroken(`The child moved in with the adopters on ${formatDate(match.placed_on!)}: they must have lived with them for 10 weeks before the adopters apply (Adoption and Children Act 2002 s.42(2)), so not before ${formatDate(tenWeeks)}`, 'madeOn');
      }
    }
    const id = await insertStep(tx, user, childId, plan.id, { kind: 'order', occurredOn: input.madeOn, orderKind: order.code, court: input.court, caseNumber: input.caseNumber });
    await recordEvent(tx, { childId, type: 'permanence.order', occurredOn: input.madeOn, sourceTable: 'permanence_step', sourceId: id, scopeId: plan.id, title: `${order.label.split(' (')[0]} made by ${input.court}` }, user.id, { refresh: false });
    try {
      await leaveCareIn(tx, user, childId, { endedOn: input.madeOn, reasonCeased: input.reasonCeased }, today);
    } catch (error) {
      if (error instanceof RuleBroken) throw new RuleBroken(`${error.message} (the child leaves care with the order)`, 'madeOn');
      throw error;
    }
    await updateRecord(tx, 'permanence_plan', plan.id, { ended_on: input.madeOn, end_reason: 'achieved' }, user.id);
    return id;
  });
}

export async function stepOfChild(db: Db, childId: string, stepId: string) {
  const step = await db.selectFrom('permanence_step').selectAll().where('id', '=', stepId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!step || step.child_id !== childId) throw new NotFound('No permanence step with that id for this child');
  return step;
}

/** Titles of a step's journal event, as recorded. */
function stepTitle(step: { kind: PermanenceStepKind; authority: string | null; court: string | null; case_number: string | null; order_kind: string | null }): string {
  switch (step.kind) {
    case 'family_finding':
      return 'Family finding started';
    case 'authority_to_place':
      return step.authority === 'placement_order' ? `Placement order made by ${step.court}${step.case_number ? ` (${step.case_number})` : ''}` : (labelFor(AUTHORITY_TO_PLACE, step.authority ?? '') ?? 'Authority to place');
    case 'order':
      return `${(labelFor(PERMANENCE_ORDER, step.order_kind ?? '') ?? 'Order').split(' (')[0]} made by ${step.court}`;
    case 'long_term_fostering_confirmed':
      return 'Long-term fostering confirmed';
  }
}

/**
 * Corrects a step with the reason. The date of a placement order (which changed the legal status) and
 * of an order (on which the child left care) stay: those were recorded on the period of care too, so
 * a wrong date there is put right on the care page. Other dates keep the order of the steps.
 */
export async function correctStep(db: Kysely<Database>, user: SignedInUser, childId: string, stepId: string, input: StepCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const step = await stepOfChild(tx, childId, stepId);
    const plan = await planOfChild(tx, childId, step.plan_id);
    const period = await careRepo.findPeriod(tx, plan.period_id);
    if (!period) throw new NotFound('No period of care for this plan');
    const fixedDate = step.kind === 'order' || step.authority === 'placement_order';
    if (fixedDate && input.occurredOn !== step.occurred_on) {
      throw new RuleBroken(`The date of ${step.kind === 'order' ? 'the order is the day the child left care' : 'a placement order is the day the legal status became E1'}: put it right on the care page, then here`, 'occurredOn');
    }
    await checkStepDate(tx, childId, period, input.occurredOn, today, 'occurredOn', 'The date');
    if (step.kind === 'authority_to_place') {
      const match = await tx.selectFrom('adoption_match').select('panel_on').where('plan_id', '=', plan.id).where('deleted_at', 'is', null).orderBy('panel_on').executeTakeFirst();
      if (match && input.occurredOn > match.panel_on) throw new RuleBroken(`The match went to panel on ${formatDate(match.panel_on)}: the authority to place cannot be after it`, 'occurredOn');
    }
    if (step.kind === 'long_term_fostering_confirmed' && input.occurredOn < plan.decided_on) throw new RuleBroken(`Long-term fostering cannot be confirmed before it was the plan (${formatDate(plan.decided_on)})`, 'occurredOn');
    if (step.authority === 'placement_order' && !input.court) throw new RuleBroken('Enter the court that made the placement order', 'court');
    if (step.kind === 'order' && !input.court) throw new RuleBroken('Enter the court that made the order', 'court');
    const changed = { ...step, court: input.court, case_number: input.caseNumber };
    await correctRecord(tx, {
      table: 'permanence_step',
      id: stepId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { occurred_on: input.occurredOn, court: input.court, case_number: input.caseNumber, note: input.note },
      event: { occurredOn: input.occurredOn, title: stepTitle(changed), detail: input.note },
    });
  });
}

/** Deletes a step recorded in error. Not an order (the child left care with it), nor an authority a match rests on. */
export async function deleteStep(db: Kysely<Database>, user: SignedInUser, childId: string, stepId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const step = await stepOfChild(tx, childId, stepId);
    if (step.kind === 'order') throw new RuleBroken('The child left care with this order: correct it rather than delete it, and put the period of care right on the care page');
    if (step.kind === 'authority_to_place') {
      const match = await tx.selectFrom('adoption_match').select('id').where('plan_id', '=', step.plan_id).where('deleted_at', 'is', null).executeTakeFirst();
      if (match) throw new RuleBroken('A match rests on this authority to place: delete the match first');
    }
    await deleteRecord(tx, { table: 'permanence_step', id: stepId, actorId: user.id, reason, childId });
  });
}

export const reasonCeasedLabel = (code: string) => labelFor(REASON_EPISODE_CEASED, code) ?? code;
