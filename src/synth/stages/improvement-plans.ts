// An improvement plan after the council's last (synthetic) inspection (issue 9, decisions 0037 and
// 0046), so the plan's page and its action forms have something to show and to bench. For a medium or
// large council: a plan owned by the director, recorded six weeks after the inspection ended, with a
// few actions, each owned by a manager and due within the year, each naming one or two measures of the
// catalogue with a target the way the measure should go; most actions due by today are done, and a few
// others early. The value when an action was set, and when it was done, are those the improvement
// plans keep (planFigures: the measures engine over the 12 months to that day, as recorded by its end),
// so this stage reads the clocks and runs after the clocks stage. It writes no journal event.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { planFigures, planMeasureById } from '../../improvement-plans/figures.ts';
import type { SynthWorker } from '../context.ts';
import { isoOf } from '../dates.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

/** What an inspection commonly asks to improve, with the measures that would show it. */
const ACTIONS: readonly { action: string; measures: readonly string[]; done: string }[] = [
  { action: 'Track every open assessment weekly in each team and agree a date with the manager for any past 35 working days', measures: ['assessments-on-time', 'assessments-overdue'], done: 'Weekly tracking meetings in every assessment team since the spring; the list is reviewed at the performance board.' },
  { action: 'The front door manager reviews every re-referral within 12 months with the team that closed the case', measures: ['re-referrals'], done: 'Every re-referral reviewed at the daily front door meeting; themes reported to the partnership.' },
  { action: 'Book the initial child protection conference at the strategy discussion that starts the enquiry', measures: ['icpc-on-time'], done: 'Conference dates set at the strategy discussion; the business support team holds a booking slot each day.' },
  { action: 'Keep child protection visits and core groups to time: managers check the due list in supervision', measures: ['cp-visits-on-time', 'core-groups-on-time'], done: 'Due lists checked in every supervision; overdue visits escalated to the service manager weekly.' },
  { action: 'The independent reviewing officer books the next review at each looked-after review', measures: ['looked-after-reviews-on-time'], done: 'Next review dates set at every review since the new IRO rota began.' },
  { action: 'The virtual school joins the first care planning meeting so the personal education plan is in place within 20 school days', measures: ['initial-peps-on-time'], done: 'A virtual school officer attends every first care planning meeting.' },
  { action: 'Start pathway planning at 15 years 9 months so the plan is ready by 16 years 3 months', measures: ['pathway-plans-on-time'], done: 'Leaving care personal advisers allocated at 15 years 9 months; plans tracked monthly.' },
  { action: 'Commission return interviews so every child is offered one within 72 hours of coming back', measures: ['return-interviews-in-time'], done: 'New return interview service in place, with same-day referrals from the missing person coordinator.' },
];

/** How many actions the plan has. */
const ACTIONS_IN_PLAN = 6;

/** A target the measure should move to from its value now: never one it has already reached (as linkMeasure refuses). */
function targetFrom(kind: string, direction: 'higher' | 'lower', value: number | null, step: number): number | null {
  if (value === null) return null;
  if (direction === 'higher') {
    const ceiling = kind === 'percentage' ? 100 : Infinity;
    return value >= ceiling - 1 ? null : Math.min(ceiling, Math.round(value + step));
  }
  if (value < 1) return null;
  return kind === 'count' ? Math.floor(value * 0.6) : Math.max(0, Math.round(value - step));
}

export const improvementPlans: Stage = {
  name: 'improvement-plans',
  async run(ctx) {
    const { db, rng, council, todayDay, today } = ctx;
    if (ctx.options.size !== 'medium' && ctx.options.size !== 'large') return ctx.log('a small council: no improvement plan');
    const active = (role: SynthWorker['role']) => council.workers.filter((w) => w.role === role && w.active);
    const [director] = active('senior_leader');
    const analyst = active('performance_analyst')[0] ?? director;
    const managers = active('team_manager');
    if (!director || !analyst || managers.length === 0) return ctx.log('no senior leader or team manager: no improvement plan');

    const inspectionEnded = todayDay - rng.int(140, 170);
    const setDay = inspectionEnded + 42;
    const setOn = isoOf(setDay);
    const chosen = rng.shuffle([...ACTIONS]).slice(0, ACTIONS_IN_PLAN);
    const measureIds = [...new Set(chosen.flatMap((a) => a.measures))];
    // The value each measure had when the actions were set, as recorded by the end of that day.
    const then = await planFigures(db, measureIds, setOn, today);

    const planId = rng.uuid();
    const plans: Row<'improvement_plan'>[] = [
      { id: planId, title: 'Improving help and protection for children: our plan after the inspection', source: `Ofsted ILACS inspection ending ${isoOf(inspectionEnded)}`, owner_id: director.id, recorded_by: analyst.id, recorded_at: ctx.stamp(setDay) },
    ];
    const actions: Row<'improvement_action'>[] = [];
    const links: Row<'improvement_action_measure'>[] = [];
    const doneDays: { actionId: string; day: number; linkIds: { id: string; measureId: string }[] }[] = [];
    for (const a of chosen) {
      const named = a.measures.flatMap((measureId) => {
        const measure = planMeasureById(measureId);
        const figure = then.get(measureId)?.known;
        if (!measure || !figure || measure.direction === 'neither') return [];
        const target = targetFrom(measure.kind, measure.direction, figure.value, rng.int(4, 12));
        return target === null ? [] : [{ measureId, direction: measure.direction, target, figure }];
      });
      if (named.length === 0) continue; // nothing it could be seen to move: not an action of this plan
      const actionId = rng.uuid();
      const owner = rng.pick(managers);
      const dueDay = setDay + rng.int(60, 330);
      // Most actions due by today are done, by the day due; a few later ones are done early.
      const lastDay = Math.min(dueDay, todayDay);
      const done = dueDay <= todayDay ? rng.chance(0.8) : rng.chance(0.25);
      const doneDay = done && lastDay > setDay + 30 ? rng.int(setDay + 30, lastDay) : null;
      actions.push({
        id: actionId,
        plan_id: planId,
        action: a.action,
        owner_id: owner.id,
        due_on: isoOf(dueDay),
        done_on: doneDay === null ? null : isoOf(doneDay),
        done_by: doneDay === null ? null : owner.id,
        done_note: doneDay === null ? null : a.done,
        recorded_by: analyst.id,
        recorded_at: ctx.stamp(setDay),
      });
      const linkIds: { id: string; measureId: string }[] = [];
      for (const n of named) {
        const id = rng.uuid();
        linkIds.push({ id, measureId: n.measureId });
        links.push({
          id,
          action_id: actionId,
          measure_id: n.measureId,
          target: n.target,
          direction: n.direction,
          baseline_on: setOn,
          baseline_from: n.figure.from,
          baseline_value: n.figure.value,
          baseline_numerator: n.figure.numerator,
          baseline_denominator: n.figure.denominator,
          recorded_by: analyst.id,
          recorded_at: ctx.stamp(setDay),
        });
      }
      if (doneDay !== null) doneDays.push({ actionId, day: doneDay, linkIds });
    }
    // Each done action keeps its measures' values on the day it was done, as markDone keeps them.
    for (const done of doneDays) {
      const figures = await planFigures(db, done.linkIds.map((l) => l.measureId), isoOf(done.day), today);
      for (const l of done.linkIds) {
        const figure = figures.get(l.measureId)!.known; // asked for just above
        Object.assign(links.find((x) => x.id === l.id)!, { done_from: figure.from, done_value: figure.value, done_numerator: figure.numerator, done_denominator: figure.denominator });
      }
    }
    await ctx.insert('improvement_plan', plans);
    await ctx.insert('improvement_action', actions);
    await ctx.insert('improvement_action_measure', links);
    ctx.log(`1 improvement plan: ${actions.length} actions (${doneDays.length} done), ${links.length} measures named`);
  },
};
