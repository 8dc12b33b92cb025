// Deprivation of liberty for some older children placed in a secure children's home or a children's
// home: an order from the placement's start (3 months, renewed while the placement lasts), reviews
// within a month and then about 3-monthly (some late), ended when the placement ends or the order
// expires.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SynthContext } from '../context.ts';
import { dayOf, isoOf, yearsBetween } from '../dates.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

export const liberty: Stage = {
  name: 'liberty',
  async run(ctx: SynthContext) {
    const { rng, council, todayDay: T } = ctx;
    const placements = await ctx.db.selectFrom('placement').select(['id', 'child_id', 'period_id', 'started_on', 'ended_on', 'placement_type']).where('placement_type', 'in', ['K1', 'K2']).orderBy('started_on').execute();
    const rows = { liberty_order: [] as Row<'liberty_order'>[], liberty_review: [] as Row<'liberty_review'>[] };
    const events: Row<'child_event'>[] = [];
    const taken = new Set<string>();
    for (const p of placements) {
      const child = council.child(p.child_id);
      const start = dayOf(p.started_on);
      if (taken.has(p.child_id) || yearsBetween(child.dateOfBirth, start) < 12 || !rng.chance(p.placement_type === 'K1' ? 0.9 : 0.12)) continue;
      taken.add(p.child_id);
      const placementEnd = p.ended_on ? dayOf(p.ended_on) : null;
      const worker = council.workerOn(rng, 'looked-after', start);
      for (let made = start; made <= T && (placementEnd === null || made < placementEnd); ) {
        const expires = made + rng.int(85, 91);
        const ended = placementEnd !== null && placementEnd <= expires ? placementEnd : expires < T ? expires : null;
        const id = rng.uuid();
        rows.liberty_order.push({ id, child_id: p.child_id, period_id: p.period_id, placement_id: p.id, kind: p.placement_type === 'K1' ? 'secure_accommodation' : rng.chance(0.6) ? 'relevant_accommodation' : 'high_court', court: 'Family Court at Brightwater', case_number: null, made_on: isoOf(made), expires_on: isoOf(expires), ended_on: ended === null ? null : isoOf(ended), end_reason: ended === null ? null : ended === placementEnd ? 'The child moved' : 'The order expired', recorded_by: worker.id, recorded_at: ctx.stamp(made, 2) });
        events.push(ctx.eventRow({ childId: p.child_id, type: 'liberty.authorised', occurredOn: made, sourceTable: 'liberty_order', sourceId: id, scopeId: id, title: 'Deprivation of liberty authorised', recordedBy: worker.id, recordedAt: ctx.stamp(made, 2) }));
        for (let r = made + (rng.chance(0.85) ? rng.int(20, 30) : rng.int(31, 50)); r <= (ended ?? T); r += rng.int(80, 100)) {
          const rid = rng.uuid();
          rows.liberty_review.push({ id: rid, order_id: id, child_id: p.child_id, reviewed_on: isoOf(r), criteria_still_met: rng.chance(0.8), outcome: 'The review panel considered the risks and the plan to step down.', recorded_by: worker.id, recorded_at: ctx.stamp(r, 3) });
          events.push(ctx.eventRow({ childId: p.child_id, type: 'liberty.reviewed', occurredOn: r, sourceTable: 'liberty_review', sourceId: rid, scopeId: id, title: 'Deprivation of liberty reviewed', recordedBy: worker.id, recordedAt: ctx.stamp(r, 3) }));
        }
        if (ended !== null) events.push(ctx.eventRow({ childId: p.child_id, type: 'liberty.ended', occurredOn: ended, sourceTable: 'liberty_order', sourceId: id, scopeId: id, title: 'Deprivation of liberty ended', recordedBy: worker.id, recordedAt: ctx.stamp(ended, 2) }));
        if (ended === null || ended === placementEnd) break;
        made = ended;
      }
    }
    await ctx.insert('liberty_order', rows.liberty_order);
    await ctx.insert('liberty_review', rows.liberty_review);
    await ctx.insert('child_event', events);
    ctx.log(`${rows.liberty_order.length} orders depriving ${taken.size} children of liberty, ${rows.liberty_review.length} reviews`);
  },
};
