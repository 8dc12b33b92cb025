// What the child's "Permanence" page and API show: each permanence plan in the child's periods of
// care with its steps, the match with adopters, the age of each step, the scorecard timings against
// their thresholds, what comes next and what is due. Five indexed queries, however long the history.
import type { Db } from '../db/history.ts';
import { labelFor } from '../codes/code-list.ts';
import { AUTHORITY_TO_PLACE, PERMANENCE_ORDER, PERMANENCE_ROUTE } from '../codes/lantern.ts';
import { ruleById } from '../clocks/rules.ts';
import * as careRepo from '../looked-after/repository.ts';
import { milestonesOf, nextStepOf, timingsOf } from './progress.ts';

export async function permanenceOf(db: Db, childId: string, today: string) {
  const [plans, steps, matches, reviews, clocks] = await Promise.all([
    db
      .selectFrom('permanence_plan as pp')
      .innerJoin('care_period as cp', 'cp.id', 'pp.period_id')
      .selectAll('pp')
      .select(['cp.started_on as care_started_on', 'cp.ended_on as care_ended_on'])
      .where('pp.child_id', '=', childId)
      .where('pp.deleted_at', 'is', null)
      .orderBy('pp.decided_on', 'desc')
      .orderBy('pp.recorded_at', 'desc')
      .execute(),
    db.selectFrom('permanence_step').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('occurred_on').execute(),
    db
      .selectFrom('adoption_match as m')
      .innerJoin('adopter_household as h', 'h.id', 'm.household_id')
      .selectAll('m')
      .select(['h.name as household_name'])
      .where('m.child_id', '=', childId)
      .where('m.deleted_at', 'is', null)
      .orderBy('m.decided_on')
      .execute(),
    careRepo.reviewsOfChild(db, childId),
    db.selectFrom('clock').select(['rule_id', 'due_on', 'scope_id']).where('child_id', '=', childId).where('rule_id', '=', 'adoption-match').where('met_on', 'is', null).where('stopped_on', 'is', null).execute(),
  ]);
  const shaped = plans.map((plan) => {
    const own = steps.filter((s) => s.plan_id === plan.id);
    const ownMatches = matches.filter((m) => m.plan_id === plan.id);
    const match = ownMatches.at(-1) ?? null;
    const running = plan.ended_on === null && plan.care_ended_on === null;
    return {
      ...plan,
      running,
      planLabel: labelFor(PERMANENCE_ROUTE, plan.plan) ?? plan.plan,
      parallelLabel: plan.parallel_plan ? (labelFor(PERMANENCE_ROUTE, plan.parallel_plan) ?? plan.parallel_plan) : null,
      steps: own.map((s) => ({
        ...s,
        authorityLabel: s.authority ? labelFor(AUTHORITY_TO_PLACE, s.authority) : null,
        orderLabel: s.order_kind ? labelFor(PERMANENCE_ORDER, s.order_kind) : null,
      })),
      familyFinding: own.find((s) => s.kind === 'family_finding') ?? null,
      authority: own.find((s) => s.kind === 'authority_to_place') ?? null,
      order: own.find((s) => s.kind === 'order') ?? null,
      longTermFostering: own.find((s) => s.kind === 'long_term_fostering_confirmed') ?? null,
      matches: ownMatches.map((m) => ({ ...m, live: m.disrupted_on === null })),
      liveMatch: match && match.disrupted_on === null ? match : null,
      milestones: milestonesOf({ ...plan, ended_on: plan.ended_on ?? plan.care_ended_on }, own, match, today),
      next: running ? nextStepOf(plan, own, match) : null,
      timings: timingsOf({ ...plan, ended_on: plan.ended_on ?? plan.care_ended_on }, plan.care_started_on, own, match, today),
      due: clocks.filter((c) => c.scope_id === plan.id).map((c) => ({ title: ruleById(c.rule_id)?.title ?? c.rule_id, dueOn: c.due_on, overdue: c.due_on < today })),
    };
  });
  const current = shaped.find((p) => p.running) ?? null;
  const openPeriod = await careRepo.openPeriod(db, childId);
  const periodReviews = openPeriod ? reviews.filter((r) => r.period_id === openPeriod.id) : [];
  return {
    plans: shaped,
    current,
    lookedAfter: openPeriod !== undefined,
    careStartedOn: openPeriod?.started_on ?? null,
    reviews: periodReviews.map((r) => ({ id: r.id, held_on: r.held_on, permanence_plan: r.permanence_plan })),
    /** What the looked-after reviews said about permanence, latest first (the second review decides it). */
    reviewPlan: [...periodReviews].reverse().find((r) => r.permanence_plan) ?? null,
  };
}

export type PermanenceOfChild = Awaited<ReturnType<typeof permanenceOf>>;
