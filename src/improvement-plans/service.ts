// Improvement plans linked to live measures (issue 9, seed §1.20, decision 0037). A plan (after an
// inspection, say) has actions, each with an owner and a date, and the measures of the catalogue it
// should move, each with a target and the way it should go. The measure's value when it was linked is
// kept (with the day and period it was counted over); its value now comes from the measures engine,
// the same figure as the measures page; and each says whether it is on track.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { Role } from '../access/roles.ts';
import { daysBetween } from '../calendar/index.ts';
import { MEASURES } from '../measures/catalogue.ts';
import { defaultPeriod } from '../measures/present.ts';
import { householdMeasureChoices, planFigures, planMeasureById, workerMeasureChoices } from './figures.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import type { ActionInput, MeasureLinkInput, PlanInput } from './schemas.ts';

/** Who writes improvement plans: senior leaders and the performance team. Managers read them. */
export const WRITES_PLANS: readonly Role[] = ['senior_leader', 'performance_analyst'];

export type Progress = 'met' | 'on-track' | 'off-track' | 'past-date' | 'no-figure';

export const PROGRESS_LABELS: Record<Progress, { text: string; tag: string }> = {
  met: { text: 'Target met', tag: 'govuk-tag--green' },
  'on-track': { text: 'On track', tag: 'govuk-tag--blue' },
  'off-track': { text: 'Off track', tag: 'govuk-tag--red' },
  'past-date': { text: 'Off track: past its date', tag: 'govuk-tag--red' },
  'no-figure': { text: 'No figure now', tag: 'govuk-tag--grey' },
};

export interface LinkFacts {
  direction: 'higher' | 'lower';
  target: number;
  baselineValue: number | null;
  baselineOn: string;
  dueOn: string;
}

const reached = (direction: 'higher' | 'lower', value: number, mark: number) => (direction === 'higher' ? value >= mark : value <= mark);

/**
 * Whether a measure is where it should be today: the target met; else past the action's date, off
 * track; else on track when it has come at least as far from its value then as a straight line from
 * then to the target by the date would have it by today (the expected value); off track otherwise.
 */
export function progressOf(link: LinkFacts, now: number | null, today: string): { progress: Progress; expected: number | null } {
  if (now === null) return { progress: 'no-figure', expected: null };
  if (reached(link.direction, now, link.target)) return { progress: 'met', expected: link.target };
  if (today > link.dueOn) return { progress: 'past-date', expected: link.target };
  if (link.baselineValue === null) return { progress: 'off-track', expected: null };
  const whole = daysBetween(link.baselineOn, link.dueOn);
  const share = whole <= 0 ? 1 : Math.min(1, Math.max(0, daysBetween(link.baselineOn, today) / whole));
  const expected = Math.round(10 * (link.baselineValue + (link.target - link.baselineValue) * share)) / 10;
  return { progress: reached(link.direction, now, expected) ? 'on-track' : 'off-track', expected };
}

export async function userExists(db: Db, id: string, field: string) {
  const row = await db.selectFrom('app_user').select('id').where('id', '=', id).where('active', '=', true).executeTakeFirst();
  if (!row) throw new RuleBroken('Choose someone who works in the council', field);
}

export async function createPlan(db: Db, input: PlanInput, actorId: string): Promise<string> {
  await userExists(db, input.ownerId, 'ownerId');
  const id = randomUUID();
  await db.insertInto('improvement_plan').values({ id, title: input.title, source: input.source, owner_id: input.ownerId, recorded_by: actorId }).execute();
  return id;
}

export async function changePlan(db: Db, planId: string, input: PlanInput, actorId: string): Promise<void> {
  await planRow(db, planId);
  await userExists(db, input.ownerId, 'ownerId');
  await updateRecord(db, 'improvement_plan', planId, { title: input.title, source: input.source, owner_id: input.ownerId }, actorId);
}

async function planRow(db: Db, planId: string) {
  const plan = await db.selectFrom('improvement_plan').selectAll().where('id', '=', planId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!plan) throw new NotFound('There is no improvement plan with that id.');
  return plan;
}

export async function actionRow(db: Db, planId: string, actionId: string) {
  const action = await db.selectFrom('improvement_action').selectAll().where('id', '=', actionId).where('plan_id', '=', planId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!action) throw new NotFound('There is no action with that id in this plan.');
  return action;
}

export async function addAction(db: Db, planId: string, input: ActionInput, actorId: string, today: string): Promise<string> {
  await planRow(db, planId);
  await userExists(db, input.ownerId, 'ownerId');
  if (input.dueOn < today) throw new RuleBroken('The date it should be done by cannot be in the past: an action is set for the work ahead', 'dueOn');
  const id = randomUUID();
  await db.insertInto('improvement_action').values({ id, plan_id: planId, action: input.action, owner_id: input.ownerId, due_on: input.dueOn, recorded_by: actorId }).execute();
  return id;
}

export async function changeAction(db: Db, planId: string, actionId: string, input: ActionInput, actorId: string): Promise<void> {
  const action = await actionRow(db, planId, actionId);
  await userExists(db, input.ownerId, 'ownerId');
  const recordedOn = new Date(action.recorded_at).toISOString().slice(0, 10);
  if (input.dueOn < recordedOn) throw new RuleBroken('The date it should be done by cannot be before the action was set', 'dueOn');
  await updateRecord(db, 'improvement_action', actionId, { action: input.action, owner_id: input.ownerId, due_on: input.dueOn }, actorId);
}

/**
 * Links a measure to an action, with its target and direction, keeping its value today (counted by the
 * engine for the 12 months to today) as the value when the action was set.
 */
export async function linkMeasure(db: Db, planId: string, actionId: string, input: MeasureLinkInput, actorId: string, today: string): Promise<string> {
  const action = await actionRow(db, planId, actionId);
  if (action.done_on) throw new RuleBroken('This action is marked done: reopen it before naming another measure', 'measureId');
  const measure = planMeasureById(input.measureId);
  if (!measure) throw new RuleBroken('Choose a measure from the catalogue', 'measureId');
  if (measure.direction !== 'neither' && measure.direction !== input.direction) {
    throw new RuleBroken(`${measure.name} is better ${measure.direction}: its target should make it ${measure.direction === 'higher' ? 'rise' : 'fall'}`, 'direction');
  }
  if (measure.kind === 'percentage' && input.target > 100) throw new RuleBroken(`${measure.name} is a percentage: give a target from 0 to 100`, 'target');
  const already = await db.selectFrom('improvement_action_measure').select('id').where('action_id', '=', actionId).where('measure_id', '=', measure.id).where('deleted_at', 'is', null).executeTakeFirst();
  if (already) throw new RuleBroken(`This action already names ${measure.name}`, 'measureId');
  const figure = (await planFigures(db, [measure.id], today, today)).get(measure.id)!.now;
  if (figure.value !== null && reached(input.direction, figure.value, input.target)) {
    throw new RuleBroken(`${measure.name} is ${figure.text} now, already ${input.direction === 'higher' ? 'at or above' : 'at or below'} ${input.target}: set a target it should move to`, 'target');
  }
  const id = randomUUID();
  await db
    .insertInto('improvement_action_measure')
    .values({
      id,
      action_id: actionId,
      measure_id: measure.id,
      target: input.target,
      direction: input.direction,
      baseline_on: today,
      baseline_from: figure.from,
      baseline_value: figure.value,
      baseline_numerator: figure.numerator,
      baseline_denominator: figure.denominator,
      recorded_by: actorId,
    })
    .execute();
  return id;
}

export async function listPlans(db: Db) {
  const rows = await sql<{ id: string; title: string; source: string; owner: string; actions: number; measures: number; next_due: string | null; recorded_at: Date }>`
    SELECT p.id, p.title, p.source, u.display_name AS owner, p.recorded_at,
      (SELECT count(*) FROM improvement_action a WHERE a.plan_id = p.id AND a.deleted_at IS NULL)::int AS actions,
      (SELECT count(*) FROM improvement_action a JOIN improvement_action_measure m ON m.action_id = a.id AND m.deleted_at IS NULL
        WHERE a.plan_id = p.id AND a.deleted_at IS NULL)::int AS measures,
      (SELECT min(a.due_on)::text FROM improvement_action a WHERE a.plan_id = p.id AND a.deleted_at IS NULL AND a.done_on IS NULL) AS next_due
    FROM improvement_plan p JOIN app_user u ON u.id = p.owner_id
    WHERE p.deleted_at IS NULL ORDER BY p.recorded_at DESC, p.id`.execute(db);
  return rows.rows;
}

/** A plan with its actions and each measure's value then and now (the engine once, for every measure the plan names). */
export async function planWithProgress(db: Db, planId: string, today: string) {
  const plan = await sql<{ id: string; title: string; source: string; owner_id: string; owner: string; version: number; recorded_at: Date }>`
    SELECT p.id, p.title, p.source, p.owner_id, u.display_name AS owner, p.version, p.recorded_at
    FROM improvement_plan p JOIN app_user u ON u.id = p.owner_id WHERE p.id = ${planId}::uuid AND p.deleted_at IS NULL`.execute(db);
  const row = plan.rows[0];
  if (!row) throw new NotFound('There is no improvement plan with that id.');
  const actions = await sql<{ id: string; action: string; owner_id: string; owner: string; due_on: string; version: number; done_on: string | null; done_by: string | null; done_note: string | null }>`
    SELECT a.id, a.action, a.owner_id, u.display_name AS owner, a.due_on::text AS due_on, a.version,
      a.done_on::text AS done_on, d.display_name AS done_by, a.done_note
    FROM improvement_action a JOIN app_user u ON u.id = a.owner_id LEFT JOIN app_user d ON d.id = a.done_by
    WHERE a.plan_id = ${planId}::uuid AND a.deleted_at IS NULL ORDER BY a.due_on, a.recorded_at, a.id`.execute(db);
  const removed = await sql<{ id: string; action: string; owner: string; due_on: string; removed_at: Date; removed_by: string; reason: string }>`
    SELECT a.id, a.action, u.display_name AS owner, a.due_on::text AS due_on, a.deleted_at AS removed_at, r.display_name AS removed_by, a.deleted_reason AS reason
    FROM improvement_action a JOIN app_user u ON u.id = a.owner_id JOIN app_user r ON r.id = a.deleted_by
    WHERE a.plan_id = ${planId}::uuid AND a.deleted_at IS NOT NULL ORDER BY a.deleted_at, a.id`.execute(db);
  const links = await sql<{ id: string; action_id: string; measure_id: string; target: number; direction: 'higher' | 'lower'; baseline_on: string; baseline_from: string; baseline_value: number | null; baseline_numerator: number; baseline_denominator: number | null; done_from: string | null; done_value: number | null; done_numerator: number | null; done_denominator: number | null }>`
    SELECT m.id, m.action_id, m.measure_id, m.target::float8 AS target, m.direction, m.baseline_on::text AS baseline_on, m.baseline_from::text AS baseline_from,
      m.baseline_value::float8 AS baseline_value, m.baseline_numerator, m.baseline_denominator,
      m.done_from::text AS done_from, m.done_value::float8 AS done_value, m.done_numerator, m.done_denominator
    FROM improvement_action_measure m JOIN improvement_action a ON a.id = m.action_id AND a.deleted_at IS NULL
    WHERE a.plan_id = ${planId}::uuid AND m.deleted_at IS NULL ORDER BY m.recorded_at, m.id`.execute(db);
  const period = defaultPeriod(today);
  const figures = links.rows.length ? await planFigures(db, links.rows.map((l) => l.measure_id), today, today) : new Map<string, never>();
  const nowOf = new Map([...figures].map(([id, f]) => [id, f.now]));
  const dueOf = new Map(actions.rows.map((a) => [a.id, a.due_on]));
  const doneOf = new Map(actions.rows.map((a) => [a.id, a.done_on]));
  const linked = links.rows.map((l) => {
    const measure = planMeasureById(l.measure_id);
    const now = nowOf.get(l.measure_id) ?? null;
    const facts: LinkFacts = { direction: l.direction, target: l.target, baselineValue: l.baseline_value, baselineOn: l.baseline_on, dueOn: dueOf.get(l.action_id)! };
    const { progress, expected } = progressOf(facts, now?.value ?? null, today);
    const unit = measure?.kind === 'percentage' ? '%' : '';
    const fractionOf = (n: number, d: number | null) => (d === null ? null : measure?.kind === 'average' ? `${n} ÷ ${d}` : `${n} of ${d}`);
    return {
      id: l.id,
      actionId: l.action_id,
      measureId: l.measure_id,
      name: measure?.name ?? `${l.measure_id} (no longer in the catalogue)`,
      href: measure?.href ?? null,
      kind: measure?.kind ?? null,
      direction: l.direction,
      target: l.target,
      targetText: `${l.direction === 'higher' ? 'Rise to' : 'Fall to'} ${l.target}${unit}`,
      then: {
        on: l.baseline_on,
        from: l.baseline_from,
        value: l.baseline_value,
        text: l.baseline_value === null ? 'No cases' : `${l.baseline_value}${unit}`,
        fraction: fractionOf(l.baseline_numerator, l.baseline_denominator),
      },
      whenDone:
        l.done_from === null || l.done_numerator === null
          ? null
          : {
              on: doneOf.get(l.action_id)!,
              from: l.done_from,
              value: l.done_value,
              text: l.done_value === null ? 'No cases' : `${l.done_value}${unit}`,
              fraction: fractionOf(l.done_numerator, l.done_denominator),
            },
      now: now ? { on: today, ...now } : null,
      expected,
      expectedText: expected === null ? null : `${expected}${unit}`,
      progress,
      progressLabel: PROGRESS_LABELS[progress],
    };
  });
  return {
    plan: { ...row, recordedOn: new Date(row.recorded_at).toISOString().slice(0, 10) },
    period,
    actions: actions.rows.map(({ done_on, done_by, done_note, ...a }) => ({
      ...a,
      done: done_on === null ? null : { on: done_on, by: done_by, note: done_note },
      measures: linked.filter((l) => l.actionId === a.id),
    })),
    removed: removed.rows.map((r) => ({ ...r, removedOn: new Date(r.removed_at).toISOString().slice(0, 10) })),
  };
}

export async function planFormData(db: Db, planId: string) {
  return planRow(db, planId);
}

export async function actionFormData(db: Db, planId: string, actionId: string) {
  const plan = await planRow(db, planId);
  return { plan, action: await actionRow(db, planId, actionId) };
}

/** People who may own a plan or an action: anyone working in the council but partner agencies' users. */
export async function owners(db: Db) {
  return db.selectFrom('app_user').select(['id', 'display_name', 'role']).where('active', '=', true).where('role', '<>', 'partner_agency').orderBy('display_name').execute();
}

export const measureChoices = () => [...MEASURES.map((m) => ({ id: m.id, name: m.name, group: m.group as string, direction: m.direction, kind: m.kind })), ...workerMeasureChoices(), ...householdMeasureChoices()];
