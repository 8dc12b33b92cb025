// Derived facts about strategy discussions and child protection plans: never typed, always worked out
// from the record, so the page, the API and the performance figures agree.
// - A strategy discussion where no agency but police and children's social care took part is not
//   compliant with Working Together (Wandsworth ¶22, rec 5; Southend ¶23; seed SD-01).
// - A repeat plan is a second or subsequent plan, however long ago the last one was (DfE CIN
//   statistics table D3; timescales.md CP13).
// - A plan of 2 years or more (DfE CIN statistics table D7; timescales.md CP14); plans past 15 months
//   are watched by senior managers (Wandsworth ¶27; seed CP-11).
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { addMonths } from '../calendar/index.ts';
import type { Attendee } from './tables.ts';

const POLICE_AND_SOCIAL_CARE = ['POLICE', 'SOCIAL_CARE'];

export function onlyPoliceAndSocialCare(attendees: readonly Attendee[]): boolean {
  return attendees.length > 0 && attendees.every((a) => POLICE_AND_SOCIAL_CARE.includes(a.agency));
}

/** The same test in SQL, for lists. */
const onlyPoliceAndSocialCareSql = sql<boolean>`NOT EXISTS (SELECT 1 FROM jsonb_array_elements(d.attendees) AS a(value)
  WHERE a.value->>'agency' NOT IN ('POLICE', 'SOCIAL_CARE'))`;

export interface PlanDates {
  started_on: string;
  ended_on: string | null;
}

/** How long a plan has lasted, as at a date (its end, if it has ended by then). */
export function planDurationFlags(plan: PlanDates, asAt: string) {
  const until = plan.ended_on && plan.ended_on <= asAt ? plan.ended_on : asAt;
  return {
    until,
    fifteenMonthsOrMore: addMonths(plan.started_on, 15) <= until,
    twoYearsOrMore: addMonths(plan.started_on, 24) <= until,
  };
}

/** Child protection plans the child had before the one starting on `startedOn`. */
export async function previousPlanCount(db: Db, childId: string, startedOn: string, excludePlanId: string): Promise<number> {
  const row = await db
    .selectFrom('plan')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('child_id', '=', childId)
    .where('kind', '=', 'cp')
    .where('id', '<>', excludePlanId)
    .where('deleted_at', 'is', null)
    .where('started_on', '<=', startedOn)
    .where('ended_on', 'is not', null)
    .where('ended_on', '<=', startedOn)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function isRepeatPlan(db: Db, planId: string): Promise<boolean> {
  const plan = await db.selectFrom('plan').select(['child_id', 'started_on']).where('id', '=', planId).executeTakeFirst();
  return plan ? (await previousPlanCount(db, plan.child_id, plan.started_on, planId)) > 0 : false;
}

export interface Period {
  from?: string | null;
  to?: string | null;
}

// Aliases here avoid those childVisibleTo uses inside (p, a, g, w, t, e).

/** Strategy discussions where only police and social care took part, for the children a user may see. */
export async function strategyDiscussionsWithOnlyPoliceAndSocialCare(db: Db, user: SignedInUser, period: Period = {}) {
  let query = db
    .selectFrom('strategy_discussion as d')
    .select(['d.id', 'd.child_id', 'd.episode_id', 'd.enquiry_id', 'd.held_on', 'd.attendees', 'd.outcome'])
    .where('d.deleted_at', 'is', null)
    .where(onlyPoliceAndSocialCareSql)
    .where(childVisibleTo(user, sql.ref('d.child_id')));
  if (period.from) query = query.where('d.held_on', '>=', period.from);
  if (period.to) query = query.where('d.held_on', '<=', period.to);
  return query.orderBy('d.held_on', 'desc').execute();
}

/** Child protection plans started in a period that were a second or subsequent plan (CP13). */
export async function repeatPlansStarted(db: Db, user: SignedInUser, period: Period = {}) {
  let query = db
    .selectFrom('plan as pl')
    .select(['pl.id', 'pl.child_id', 'pl.started_on', 'pl.ended_on', 'pl.category_of_abuse'])
    .select(
      sql<number>`(SELECT count(*) FROM plan q WHERE q.child_id = pl.child_id AND q.kind = 'cp' AND q.id <> pl.id AND q.deleted_at IS NULL
        AND q.ended_on IS NOT NULL AND q.ended_on <= pl.started_on)`.as('previous_plans'),
    )
    .where('pl.kind', '=', 'cp')
    .where('pl.deleted_at', 'is', null)
    .where(childVisibleTo(user, sql.ref('pl.child_id')));
  if (period.from) query = query.where('pl.started_on', '>=', period.from);
  if (period.to) query = query.where('pl.started_on', '<=', period.to);
  const rows = await query.orderBy('pl.started_on', 'desc').execute();
  return rows.map((r) => ({ ...r, previous_plans: Number(r.previous_plans) })).filter((r) => r.previous_plans > 0);
}

/** Child protection plans that had lasted 2 years or more as at a date (open then, or ended by then) (CP14). */
export async function plansOfTwoYearsOrMore(db: Db, user: SignedInUser, asAt: string) {
  const rows = await db
    .selectFrom('plan as pl')
    .select(['pl.id', 'pl.child_id', 'pl.started_on', 'pl.ended_on', 'pl.category_of_abuse'])
    .where('pl.kind', '=', 'cp')
    .where('pl.deleted_at', 'is', null)
    .where('pl.started_on', '<=', asAt)
    .where(sql<boolean>`(pl.started_on + interval '2 years')::date <= LEAST(COALESCE(pl.ended_on, ${asAt}::date), ${asAt}::date)`)
    .where(childVisibleTo(user, sql.ref('pl.child_id')))
    .orderBy('pl.started_on')
    .execute();
  return rows.map((r) => ({ ...r, open: r.ended_on === null || r.ended_on > asAt }));
}
