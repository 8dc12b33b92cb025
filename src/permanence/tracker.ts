// The permanence tracker (seed PM-01, DQ-24; Wandsworth 2016: "the lack of a permanence tracker to
// enable senior managers to oversee the plans"): every child the user may see whose permanence plan
// is running in an open period of care, oldest decision first, with the age of each step, what comes
// next, and the adoption scorecard timings against their thresholds. Paged in SQL: two statements a
// page (the counts by route, and the page's rows with their steps and match as JSON).
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { daysBetween } from '../calendar/index.ts';
import { labelFor } from '../codes/code-list.ts';
import { PERMANENCE_ROUTE } from '../codes/lantern.ts';
import type { Guard } from '../server/guard.ts';
import { milestonesOf, nextStepOf, timingsOf, type MatchFacts, type StepFacts } from './progress.ts';

export const TRACKER_PAGE_SIZE = 50;
export const TRACKER_GUARD: Guard = { signedIn: true, reason: 'The permanence tracker lists only the children the user may see (childVisibleTo)' };

// Aliases unlike those inside childVisibleTo (policy_…).
/**
 * The plans running in an open period of care, found first from the open periods (an index each) and
 * only then checked for visibility: otherwise the visibility test runs for every plan ever left
 * unended in a period that has since closed.
 */
const running = (db: Db, user: SignedInUser, route: string | null) =>
  db
    .with(
      (cte) => cte('running').materialized(),
      (qb) => {
        let q = qb
          .selectFrom('care_period as tc')
          .innerJoin('permanence_plan as tp', 'tp.period_id', 'tc.id')
          .select(['tp.id', 'tp.child_id', 'tp.plan', 'tp.parallel_plan', 'tp.decided_on', 'tp.ended_on', 'tp.end_reason', 'tc.started_on as care_started_on'])
          .where('tc.ended_on', 'is', null)
          .where('tc.deleted_at', 'is', null)
          .where('tp.ended_on', 'is', null)
          .where('tp.deleted_at', 'is', null);
        if (route) q = q.where('tp.plan', '=', route as never);
        return q;
      },
    )
    .selectFrom('running as tp')
    .where(childVisibleTo(user, sql.ref('tp.child_id')));

export async function permanenceTracker(db: Db, user: SignedInUser, options: { route: string | null; page: number }, today: string) {
  const counts = await running(db, user, null).select(['tp.plan', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('tp.plan').execute();
  const total = counts.filter((c) => !options.route || c.plan === options.route).reduce((sum, c) => sum + Number(c.n), 0);
  const pageCount = Math.max(1, Math.ceil(total / TRACKER_PAGE_SIZE));
  const page = Math.min(options.page, pageCount);
  const rows = await running(db, user, options.route)
    .select([
      'tp.id',
      'tp.child_id',
      'tp.plan',
      'tp.parallel_plan',
      'tp.decided_on',
      'tp.ended_on',
      'tp.end_reason',
      'tp.care_started_on',
      // Scalar subqueries are read for the page's rows only, after the limit (a join read every person).
      sql<{ first_name: string; last_name: string; la_child_id: string | null }>`(SELECT json_build_object('first_name', tchild.first_name, 'last_name', tchild.last_name, 'la_child_id', tchild.la_child_id)
        FROM person tchild WHERE tchild.id = tp.child_id)`.as('child'),
      sql<StepFacts[] | null>`(SELECT json_agg(json_build_object('kind', ts.kind, 'occurred_on', ts.occurred_on, 'authority', ts.authority, 'court', ts.court, 'order_kind', ts.order_kind))
        FROM permanence_step ts WHERE ts.plan_id = tp.id AND ts.deleted_at IS NULL)`.as('steps'),
      sql<MatchFacts | null>`(SELECT json_build_object('household_name', th.name, 'panel_on', tm.panel_on, 'decided_on', tm.decided_on, 'placed_on', tm.placed_on, 'disrupted_on', tm.disrupted_on)
        FROM adoption_match tm JOIN adopter_household th ON th.id = tm.household_id
        WHERE tm.plan_id = tp.id AND tm.deleted_at IS NULL ORDER BY tm.decided_on DESC LIMIT 1)`.as('match'),
    ])
    .orderBy('tp.decided_on')
    .orderBy('tp.id')
    .limit(TRACKER_PAGE_SIZE)
    .offset((page - 1) * TRACKER_PAGE_SIZE)
    .execute();
  return {
    total,
    page,
    pageCount,
    first: (page - 1) * TRACKER_PAGE_SIZE + 1,
    byRoute: PERMANENCE_ROUTE.map((r) => ({ code: r.code, label: r.label, count: Number(counts.find((c) => c.plan === r.code)?.n ?? 0) })),
    rows: rows.map((r) => {
      const steps = r.steps ?? [];
      const milestones = milestonesOf(r, steps, r.match, today);
      return {
        childId: r.child_id,
        childName: `${r.child.first_name} ${r.child.last_name}`,
        laChildId: r.child.la_child_id,
        plan: labelFor(PERMANENCE_ROUTE, r.plan) ?? r.plan,
        parallelPlan: r.parallel_plan ? (labelFor(PERMANENCE_ROUTE, r.parallel_plan) ?? r.parallel_plan) : null,
        decidedOn: r.decided_on,
        daysSinceDecision: daysBetween(r.decided_on, today),
        milestones,
        latest: milestones.at(-1)!,
        next: nextStepOf(r, steps, r.match),
        timings: timingsOf(r, r.care_started_on, steps, r.match, today),
      };
    }),
  };
}
