// The health of children in care: an initial health assessment (about 4 in 5 within 20 working days),
// review assessments 6-monthly before 5 and yearly from 5 (some late), yearly dental checks (some
// missed), immunisation status and yearly SDQ scores for children aged 4 to 16.
import type { Insertable } from 'kysely';
import { addMonths, addWorkingDays } from '../../calendar/index.ts';
import type { Database } from '../../db/schema.ts';
import type { SynthContext } from '../context.ts';
import { dayOf, isoOf, yearsBetween } from '../dates.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;
const BY = ['Dr Amara Bello, looked-after children’s health team', 'Nurse Kate Fenwick, children in care nurse', 'Dr Tom Ashby, community paediatrics'];

export const health: Stage = {
  name: 'health',
  async run(ctx: SynthContext) {
    const { rng, council, todayDay: T } = ctx;
    const periods = await ctx.db.selectFrom('care_period').select(['id', 'child_id', 'started_on', 'ended_on']).execute();
    const rows = { health_assessment: [] as Row<'health_assessment'>[], health_check: [] as Row<'health_check'>[] };
    const events: Row<'child_event'>[] = [];
    for (const p of periods) {
      const child = council.child(p.child_id);
      const end = p.ended_on ? dayOf(p.ended_on) : T;
      const worker = council.workerOn(rng, 'looked-after', dayOf(p.started_on));
      let day = dayOf(addWorkingDays(p.started_on, rng.chance(0.8) ? rng.int(8, 20) : rng.int(21, 45)));
      for (let n = 0; day <= end; n++) {
        const id = rng.uuid();
        const under5 = yearsBetween(child.dateOfBirth, day) < 5;
        const by = rng.pick(BY);
        rows.health_assessment.push({ id, child_id: p.child_id, period_id: p.id, kind: n === 0 ? 'initial' : 'review', assessed_on: isoOf(day), assessed_by: by, summary: 'Growth and development reviewed; health plan agreed with the carers.', recorded_by: worker.id, recorded_at: ctx.stamp(day, 10) });
        events.push(ctx.eventRow({ childId: p.child_id, type: under5 ? 'health-assessment.under-5' : 'health-assessment.5-and-over', occurredOn: day, sourceTable: 'health_assessment', sourceId: id, scopeId: null, title: `${n === 0 ? 'Initial' : 'Review'} health assessment by ${by}`, recordedBy: worker.id, recordedAt: ctx.stamp(day, 10) }));
        const months = under5 ? 6 : 12;
        const due = dayOf(addMonths(isoOf(day), months));
        day = rng.chance(0.85) ? due - rng.int(0, 25) : due + rng.int(5, 60);
      }
      // Dental checks, immunisations and SDQs: about once a year while in care.
      for (let d = dayOf(p.started_on) + rng.int(20, 200); d <= end; d += rng.int(300, 420)) {
        const age = yearsBetween(child.dateOfBirth, d);
        const add = (kind: 'dental' | 'immunisations' | 'sdq', more: Partial<Row<'health_check'>>) => {
          const id = rng.uuid();
          rows.health_check.push({ id, child_id: p.child_id, kind, checked_on: isoOf(d), up_to_date: null, sdq_score: null, sdq_reason: null, note: null, recorded_by: worker.id, recorded_at: ctx.stamp(d, 10), ...more });
          events.push(ctx.eventRow({ childId: p.child_id, type: 'health-check.recorded', occurredOn: d, sourceTable: 'health_check', sourceId: id, scopeId: null, title: kind === 'dental' ? 'Dental check' : kind === 'sdq' ? 'Strengths and difficulties questionnaire' : 'Immunisations checked', recordedBy: worker.id, recordedAt: ctx.stamp(d, 10) }));
        };
        if (rng.chance(0.8)) add('dental', {});
        add('immunisations', { up_to_date: rng.chance(0.88) });
        if (age >= 4 && age <= 16) add('sdq', rng.chance(0.85) ? { sdq_score: Math.min(40, Math.max(0, Math.round(13 + 7 * (rng.next() + rng.next() - 1)))) } : { sdq_reason: rng.pick(['SDQ2', 'SDQ4', 'SDQ5'] as const) });
        else add('sdq', { sdq_reason: 'SDQ1' });
      }
    }
    await ctx.insert('health_assessment', rows.health_assessment);
    await ctx.insert('health_check', rows.health_check);
    await ctx.insert('child_event', events);
    ctx.log(`${rows.health_assessment.length} health assessments, ${rows.health_check.length} dental, immunisation and SDQ records`);
  },
};
