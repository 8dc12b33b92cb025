// What SSDA903 OC2 asks of children in care beyond the health checks of the health stage (decision
// 0043): convictions, final warnings and reprimands from the age of 10, substance misuse problems
// identified (with whether an intervention was received or offered), and development checks of children
// under 5. For each year a child spends in care, by chance at about the national rates:
// - offending: about 3% of children looked after for 12 months aged 10 or over, a year (DfE, Outcomes for
//   children in need, including children looked after by local authorities in England, OC2 tables: 2-4%
//   in recent years); the split between convictions, final warnings and reprimands is an assumption;
// - substance misuse: about 3-4% a year (same source), from the age of 11 here (an assumption: the
//   national figure is of all ages, and few are identified younger); of those, about 55% received an
//   intervention and 25% were offered one and did not take it up (same source, approximately);
// - development checks: about 9 in 10 children under 5 have theirs up to date (same source: 88-90%),
//   so a check falls in about 9 of 10 years of care before the 5th birthday.
// Its own stage (its own random stream), so that nothing the health stage makes changes.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { OFFENDING_OUTCOMES } from '../../offending/schemas.ts';
import type { SynthContext } from '../context.ts';
import { birthday, dayOf, isoOf } from '../dates.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;
type OutcomeKind = (typeof OFFENDING_OUTCOMES)[number]['code'];
type Intervention = 'received' | 'offered' | 'not_offered';

const OFFENDING_A_YEAR = 0.03;
const SUBSTANCE_MISUSE_A_YEAR = 0.035;
const DEVELOPMENT_CHECK_A_YEAR = 0.9;
const OUTCOME_KINDS: readonly (readonly [OutcomeKind, number])[] = [['conviction', 0.6], ['final_warning', 0.25], ['reprimand', 0.15]];
const INTERVENTIONS: readonly (readonly [Intervention, number])[] = [['received', 0.55], ['offered', 0.25], ['not_offered', 0.2]];
const INTERVENTION_TITLES: Record<Intervention, string> = { received: 'intervention received', offered: 'intervention offered, not received', not_offered: 'no intervention offered' };
const OUTCOME_NOTES: Record<OutcomeKind, string> = {
  conviction: 'Youth court. Referral order; the youth justice service worker will attend the next review.',
  final_warning: 'Given at the police station with the social worker present; referred to the youth justice service.',
  reprimand: 'Given at the police station; carers and social worker told the same day.',
};

export const healthNeedsAndOffending: Stage = {
  name: 'health-needs-and-offending',
  async run(ctx: SynthContext) {
    const { rng, council, todayDay: T } = ctx;
    const periods = await ctx.db.selectFrom('care_period').select(['id', 'child_id', 'started_on', 'ended_on']).orderBy('id').execute();
    const rows = { offending_outcome: [] as Row<'offending_outcome'>[], health_check: [] as Row<'health_check'>[] };
    const events: Row<'child_event'>[] = [];
    for (const p of periods) {
      const child = council.child(p.child_id);
      const start = dayOf(p.started_on);
      const end = p.ended_on ? dayOf(p.ended_on) : T;
      const tenth = birthday(child.dateOfBirth, 10);
      const eleventh = birthday(child.dateOfBirth, 11);
      const fifth = birthday(child.dateOfBirth, 5);
      // A day in [from, to], or null when the window is empty.
      const dayIn = (from: number, to: number) => (from > to ? null : rng.int(from, to));
      for (let year = start; year <= end; year += 365) {
        const last = Math.min(year + 364, end);
        const worker = council.workerOn(rng, 'looked-after', year);
        const offendedOn = rng.chance(OFFENDING_A_YEAR) ? dayIn(Math.max(year, tenth), last) : null;
        if (offendedOn !== null) {
          const id = rng.uuid();
          const kind = rng.weighted(OUTCOME_KINDS);
          const recordedAt = ctx.stamp(offendedOn, 7);
          rows.offending_outcome.push({ id, child_id: p.child_id, kind, given_on: isoOf(offendedOn), note: OUTCOME_NOTES[kind], recorded_by: worker.id, recorded_at: recordedAt });
          events.push(ctx.eventRow({ childId: p.child_id, type: 'offending.outcome', occurredOn: offendedOn, sourceTable: 'offending_outcome', sourceId: id, scopeId: null, title: OFFENDING_OUTCOMES.find((o) => o.code === kind)!.label, recordedBy: worker.id, recordedAt }));
        }
        const misuseOn = rng.chance(SUBSTANCE_MISUSE_A_YEAR) ? dayIn(Math.max(year, eleventh), last) : null;
        if (misuseOn !== null) {
          const id = rng.uuid();
          const intervention = rng.weighted(INTERVENTIONS);
          const recordedAt = ctx.stamp(misuseOn, 7);
          rows.health_check.push({ id, child_id: p.child_id, kind: 'substance_misuse', checked_on: isoOf(misuseOn), up_to_date: null, sdq_score: null, sdq_reason: null, intervention, note: null, recorded_by: worker.id, recorded_at: recordedAt });
          events.push(ctx.eventRow({ childId: p.child_id, type: 'health-check.recorded', occurredOn: misuseOn, sourceTable: 'health_check', sourceId: id, scopeId: null, title: `Substance misuse problem identified: ${INTERVENTION_TITLES[intervention]}`, recordedBy: worker.id, recordedAt }));
        }
        const checkedOn = rng.chance(DEVELOPMENT_CHECK_A_YEAR) ? dayIn(year, Math.min(last, fifth - 1)) : null;
        if (checkedOn !== null) {
          const id = rng.uuid();
          const recordedAt = ctx.stamp(checkedOn, 7);
          rows.health_check.push({ id, child_id: p.child_id, kind: 'development', checked_on: isoOf(checkedOn), up_to_date: null, sdq_score: null, sdq_reason: null, intervention: null, note: 'Health visitor’s development review: progress in line with age; the carers have the next appointment.', recorded_by: worker.id, recorded_at: recordedAt });
          events.push(ctx.eventRow({ childId: p.child_id, type: 'health-check.recorded', occurredOn: checkedOn, sourceTable: 'health_check', sourceId: id, scopeId: null, title: 'Development check', recordedBy: worker.id, recordedAt }));
        }
      }
    }
    await ctx.insert('offending_outcome', rows.offending_outcome);
    await ctx.insert('health_check', rows.health_check);
    await ctx.insert('child_event', events);
    const kinds = (kind: string) => rows.health_check.filter((h) => h.kind === kind).length;
    ctx.log(`${rows.offending_outcome.length} convictions, final warnings and reprimands; ${kinds('substance_misuse')} substance misuse problems; ${kinds('development')} development checks`);
  },
};
