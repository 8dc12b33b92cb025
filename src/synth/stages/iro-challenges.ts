// IRO challenges for some children in care: raised by the child's IRO, answered at each stage (about
// 1 answer in 4 late), escalated when the answer does not resolve it, mostly resolved, a few open today.
import type { Insertable } from 'kysely';
import { addWorkingDays } from '../../calendar/index.ts';
import type { Database } from '../../db/schema.ts';
import { CHALLENGE_STAGE_CODES } from '../../iro/codes.ts';
import type { SynthContext } from '../context.ts';
import { dayOf, isoOf } from '../dates.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

const CONCERNS: readonly (readonly [string, string, number])[] = [
  ['drift', 'The plan to return home has not progressed since the last review.', 30],
  ['plan_change_not_notified', 'The placement changed and I was not told before the move.', 15],
  ['permanence', 'No permanence plan agreed at the second review.', 15],
  ['health_education', 'The review health assessment is 3 months overdue.', 12],
  ['visits', 'No statutory visit for 10 weeks.', 10],
  ['family_time', 'Sibling contact has not happened since the move.', 10],
  ['advocacy', 'An advocate was requested at the review and not arranged.', 8],
];
const wd = (day: number, n: number) => dayOf(addWorkingDays(isoOf(day), n));

export const iroChallenges: Stage = {
  name: 'iro-challenges',
  async run(ctx: SynthContext) {
    const { rng, council, todayDay: T } = ctx;
    const periods = await ctx.db.selectFrom('care_period').select(['child_id', 'started_on', 'ended_on']).execute();
    const rows = { iro_challenge: [] as Row<'iro_challenge'>[], iro_challenge_stage: [] as Row<'iro_challenge_stage'>[] };
    const events: Row<'child_event'>[] = [];
    const iroOf = (childId: string, day: number) => {
      const a = council.allocations.find((x) => x.childId === childId && x.service === 'iro' && x.from <= day && (x.to === null || x.to >= day));
      return a ? council.worker(a.workerId) : council.workerOn(rng, 'iro', day);
    };
    for (const p of periods) {
      const from = dayOf(p.started_on) + 60;
      const to = p.ended_on ? dayOf(p.ended_on) : T;
      if (to - from < 30 || !rng.chance(0.12)) continue;
      const raised = rng.int(from, to - 10);
      const iro = iroOf(p.child_id, raised);
      const [category, concern] = rng.weighted(CONCERNS.map(([c, text, w]) => [[c, text] as const, w] as const));
      const id = rng.uuid();
      const stages: { id: string; stage: string; on: number; responded: number | null }[] = [];
      let day = raised;
      let level = rng.chance(0.7) ? 0 : 1;
      let resolved: number | null = null;
      for (;;) {
        const stageId = rng.uuid();
        const answer = rng.chance(0.75) ? wd(day, rng.int(1, 5)) : wd(day, rng.int(6, 15));
        const responded = answer <= T ? answer : null;
        stages.push({ id: stageId, stage: CHALLENGE_STAGE_CODES[level] as string, on: day, responded });
        if (responded === null) break;
        const next = wd(responded, rng.int(1, 4));
        if (next > T) break;
        if (rng.chance(0.75) || level >= 3) {
          resolved = next;
          break;
        }
        level++;
        day = next;
      }
      rows.iro_challenge.push({ id, child_id: p.child_id, raised_on: isoOf(raised), raised_by: iro.id, category, concern, resolved_on: resolved === null ? null : isoOf(resolved), resolution: resolved === null ? null : 'The response addresses the concern; the IRO will check at the next review.', recorded_by: iro.id, recorded_at: ctx.stamp(raised, 2) });
      stages.forEach((s, i) => {
        const to = i === 0 ? 'The social worker' : `The ${s.stage.replace(/_/g, ' ')}`;
        rows.iro_challenge_stage.push({ id: s.id, challenge_id: id, child_id: p.child_id, stage: s.stage, raised_on: isoOf(s.on), addressed_to: to, why: i === 0 ? null : 'The answer did not resolve the concern.', responded_on: s.responded === null ? null : isoOf(s.responded), response: s.responded === null ? null : 'Actions agreed with dates; the manager will oversee them.', recorded_by: iro.id, recorded_at: ctx.stamp(s.on, 2) });
        events.push(ctx.eventRow({ childId: p.child_id, type: i === 0 ? 'iro-challenge.raised' : 'iro-challenge.escalated', occurredOn: s.on, sourceTable: 'iro_challenge_stage', sourceId: s.id, scopeId: id, title: i === 0 ? 'IRO challenge raised' : 'IRO challenge escalated', recordedBy: iro.id, recordedAt: ctx.stamp(s.on, 2) }));
        if (s.responded !== null) events.push(ctx.eventRow({ childId: p.child_id, type: 'iro-challenge.responded', occurredOn: s.responded, sourceTable: 'iro_challenge_stage', sourceId: s.id, scopeId: id, title: 'Response to an IRO challenge', recordedBy: iro.id, recordedAt: ctx.stamp(s.responded, 2) }));
      });
      if (resolved !== null) events.push(ctx.eventRow({ childId: p.child_id, type: 'iro-challenge.resolved', occurredOn: resolved, sourceTable: 'iro_challenge', sourceId: id, scopeId: id, title: 'IRO challenge resolved', recordedBy: iro.id, recordedAt: ctx.stamp(resolved, 2) }));
    }
    await ctx.insert('iro_challenge', rows.iro_challenge);
    await ctx.insert('iro_challenge_stage', rows.iro_challenge_stage);
    await ctx.insert('child_event', events);
    ctx.log(`${rows.iro_challenge.length} IRO challenges (${rows.iro_challenge.filter((c) => c.resolved_on === null).length} open), ${rows.iro_challenge_stage.length} stages`);
  },
};
