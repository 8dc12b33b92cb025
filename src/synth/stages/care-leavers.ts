// Care leavers, following each young person's looked-after and leaving-care periods: the pathway plan
// (mostly by 16 years 3 months, some late), its 6-monthly reviews, contact from the personal adviser,
// accommodation after care (a few in bed and breakfast, with a plan to move; some unsuitable), the OC3
// record at each birthday from 17 to 21 (some missing), and the support given (health history,
// entitlements, staying put, staying close). Practice is imperfect on purpose, as elsewhere.
import type { Insertable } from 'kysely';
import { addMonths } from '../../calendar/index.ts';
import type { Database } from '../../db/schema.ts';
import { careLeaverStatus, eligibleFrom, type CareSpan } from '../../care-leavers/status.ts';
import { oc3Accommodation } from '../../care-leavers/codes.ts';
import type { SynthChild, SynthContext } from '../context.ts';
import { dayOf, isoOf } from '../dates.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

const AFTER_CARE: readonly (readonly [string, number])[] = [['D', 30], ['E', 15], ['U', 20], ['Z', 12], ['B', 10], ['K', 5], ['T', 5], ['W', 3]];
const NOTES = ['Met at a café; talked about college and money.', 'Phone call: the flat is going well, gas bill sorted.', 'Visited at home; helped with a housing benefit form.', 'Texted twice, no reply; will try the college.'];

export const careLeavers: Stage = {
  name: 'care-leavers',
  async run(ctx: SynthContext) {
    const { rng, council } = ctx;
    const T = ctx.todayDay;
    const today = ctx.today;
    const spansOf = new Map<string, CareSpan[]>();
    for (const s of await ctx.db.selectFrom('legal_status').select(['child_id', 'started_on', 'ended_on', 'legal_status']).execute()) {
      spansOf.set(s.child_id, [...(spansOf.get(s.child_id) ?? []), { from: s.started_on, to: s.ended_on, counts: s.legal_status !== 'V3' && s.legal_status !== 'V4' }]);
    }
    // Each child's leaving-care and looked-after allocations, found once (a scan of every allocation per
    // contact took most of this stage's time on the large council).
    const careAllocations = new Map<string, (typeof council.allocations)[number][]>();
    for (const x of council.allocations) {
      if (x.service === 'leaving-care' || x.service === 'looked-after') careAllocations.set(x.childId, [...(careAllocations.get(x.childId) ?? []), x]);
    }
    const adviserOf = (child: SynthChild, day: number) => {
      const a = careAllocations.get(child.id)?.find((x) => x.from <= day && (x.to === null || x.to >= day));
      return a ? council.worker(a.workerId) : council.workerOn(rng, 'leaving-care', day);
    };
    const rows = {
      plan: [] as Row<'plan'>[],
      pathway_plan_review: [] as Row<'pathway_plan_review'>[],
      care_leaver_contact: [] as Row<'care_leaver_contact'>[],
      care_leaver_accommodation: [] as Row<'care_leaver_accommodation'>[],
      care_leaver_birthday: [] as Row<'care_leaver_birthday'>[],
      care_leaver_support: [] as Row<'care_leaver_support'>[],
    };
    const events: Row<'child_event'>[] = [];
    const event = (child: SynthChild, type: Parameters<SynthContext['eventRow']>[0]['type'], day: number, table: string, id: string, scope: string | null, title: string, by: string) =>
      events.push(ctx.eventRow({ childId: child.id, type, occurredOn: day, sourceTable: table, sourceId: id, scopeId: scope, title, recordedBy: by, recordedAt: ctx.stamp(day, 4) }));

    for (const child of council.children) {
      const spans = spansOf.get(child.id);
      if (!spans) continue;
      const dob = isoOf(child.dateOfBirth);
      const eligible = eligibleFrom(dob, spans);
      if (!eligible || eligible > today) continue;
      const standing = careLeaverStatus(dob, spans, today);
      const lastDay = standing.status ? T : Math.min(T, dayOf(standing.twentyFiveOn) - 1);
      const contact = (child: SynthChild, day: number, method: 'face_to_face' | 'phone' | 'message', reached: boolean) => {
        if (day > lastDay) return;
        const id = rng.uuid();
        const by = adviserOf(child, day);
        rows.care_leaver_contact.push({ id, child_id: child.id, contact_on: isoOf(day), worker_id: by.id, method, reached, note: rng.pick(NOTES), recorded_by: by.id, recorded_at: ctx.stamp(day, 3) });
        const visited = method === 'face_to_face' && reached;
        event(child, visited ? 'care-leaver.visited' : 'care-leaver.contact', day, 'care_leaver_contact', id, null, visited ? 'Personal adviser saw the young person' : reached ? 'Contact with the young person' : 'Tried to reach the young person', by.id);
      };
      const careEnd = spans.map((s) => s.to).reduce<string | null>((a, b) => (a === null || b === null ? null : a > b ? a : b), '0000-01-01');

      // The pathway plan: due 3 months after eligibility; mostly on time.
      const due = dayOf(addMonths(eligible, 3));
      const planDay = rng.chance(0.8) ? dayOf(eligible) + rng.int(20, due - dayOf(eligible)) : due + rng.int(5, 90);
      if (planDay > T) continue;
      const planId = rng.uuid();
      const pa = adviserOf(child, planDay);
      rows.plan.push({ id: planId, child_id: child.id, kind: 'pathway', episode_id: null, started_on: isoOf(planDay), recorded_by: pa.id, recorded_at: ctx.stamp(planDay, 4) });
      event(child, 'pathway-plan.started', planDay, 'plan', planId, planId, 'Pathway plan started', pa.id);
      for (let day = planDay + (rng.chance(0.85) ? rng.int(150, 182) : rng.int(183, 260)); day <= lastDay; day += rng.chance(0.85) ? rng.int(150, 182) : rng.int(183, 260)) {
        const id = rng.uuid();
        const by = adviserOf(child, day);
        rows.pathway_plan_review.push({ id, plan_id: planId, child_id: child.id, reviewed_on: isoOf(day), young_person_took_part: rng.chance(0.8), contingencies: 'If the placement or tenancy breaks down, an emergency referral to the supported housing panel.', summary: 'Reviewed accommodation, education, money and health with the young person.', recorded_by: by.id, recorded_at: ctx.stamp(day, 6) });
        event(child, 'pathway-plan.reviewed', day, 'pathway_plan_review', id, planId, 'Pathway plan reviewed', by.id);
      }

      // After care: accommodation, contact, and the support owed.
      if (careEnd !== null && careEnd <= today) {
        const left = dayOf(careEnd);
        for (let day = left, n = 0; day <= lastDay && n < 6; n++) {
          const kind = rng.weighted(AFTER_CARE);
          const suitable = kind !== 'W' && rng.chance(0.88);
          const next = day + rng.int(120, 500);
          const id = rng.uuid();
          const by = adviserOf(child, day);
          rows.care_leaver_accommodation.push({
            id,
            child_id: child.id,
            from_on: isoOf(day),
            to_on: next <= lastDay ? isoOf(next) : null,
            kind,
            suitable,
            description: null,
            plan_to_move: suitable ? null : 'Looking for supported lodgings; weekly check-ins meanwhile.',
            move_by: kind === 'W' ? isoOf(day + rng.int(14, 42)) : null,
            recorded_by: by.id,
            recorded_at: ctx.stamp(day, 4),
          });
          event(child, 'care-leaver.accommodation', day, 'care_leaver_accommodation', id, null, suitable ? 'Moved to new accommodation' : 'Moved to unsuitable accommodation', by.id);
          // The adviser's visit after a move: mostly within the week (Care Leavers Regs 2010; timescales.md CL5).
          if (rng.chance(0.8)) contact(child, day + (rng.chance(0.8) ? rng.int(1, 7) : rng.int(8, 20)), 'face_to_face', true);
          day = next;
        }
        for (let day = left + rng.int(7, 30); day <= lastDay; day += rng.chance(0.85) ? rng.int(30, 60) : rng.int(61, 120)) {
          const reached = rng.chance(0.85);
          contact(child, day, rng.weighted([['face_to_face', 55], ['phone', 30], ['message', 15]] as const), reached);
        }
        const support = (kind: string, day: number, outcome: string | null = null) => {
          if (day > lastDay) return;
          const id = rng.uuid();
          const by = adviserOf(child, day);
          rows.care_leaver_support.push({ id, child_id: child.id, kind, on_date: isoOf(day), outcome, note: null, recorded_by: by.id, recorded_at: ctx.stamp(day, 4) });
          event(child, 'care-leaver.support', day, 'care_leaver_support', id, null, 'Leaving care support', by.id);
        };
        if (rng.chance(0.8)) support('health_history_given', left + rng.int(-30, 30));
        if (rng.chance(0.85)) support('entitlements_explained', left + rng.int(-60, 10));
        if (rng.chance(0.5)) support('entitlements_confirmed', left + rng.int(11, 60));
        if (rng.chance(0.3) && dayOf(standing.eighteenOn) <= T) support('staying_close_assessed', Math.max(left, dayOf(standing.eighteenOn)) + rng.int(10, 90), rng.chance(0.6) ? 'needed' : 'not_needed');
      }

      // The OC3 record at each birthday from 17 to 21 that has passed; about 1 in 10 never recorded.
      for (let age = 17; age <= 21; age++) {
        const birthday = dayOf(addMonths(dob, age * 12));
        const recorded = birthday + rng.int(-20, 25);
        if (birthday > T || recorded > T || rng.chance(0.1)) continue;
        const at = careLeaverStatus(dob, spans, isoOf(birthday));
        // Not for a young person still looked after on the birthday (SSDA903 rule 1007), nor one never eligible.
        if (!at.status || at.status === 'qualifying' || at.status === 'eligible') continue;
        const inTouch = rng.weighted([['YES', 88], ['NO', 6], ['REFU', 3], ['NREQ', 3]] as const);
        const known = inTouch === 'YES' || inTouch === 'NREQ';
        const accommodation = known ? oc3Accommodation(rng.weighted(AFTER_CARE), rng.chance(0.88)) : '0';
        const id = rng.uuid();
        const by = adviserOf(child, recorded);
        rows.care_leaver_birthday.push({ id, child_id: child.id, age, recorded_on: isoOf(recorded), in_touch: inTouch, activity: known ? rng.weighted([['F2', 30], ['F1', 8], ['F5', 18], ['F4', 6], ['P5', 6], ['G5', 22], ['G4', 5], ['G6', 5]] as const) : '0', accommodation, recorded_by: by.id, recorded_at: ctx.stamp(recorded, 3) });
        event(child, 'care-leaver.birthday', birthday, 'care_leaver_birthday', id, null, `At ${age}: in touch ${inTouch === 'YES' ? 'yes' : 'no'}`, by.id);
      }
    }
    for (const table of ['plan', 'pathway_plan_review', 'care_leaver_contact', 'care_leaver_accommodation', 'care_leaver_birthday', 'care_leaver_support'] as const) await ctx.insert(table, rows[table] as never[]);
    await ctx.insert('child_event', events);
    ctx.log(`${rows.plan.length} pathway plans, ${rows.care_leaver_contact.length} contacts, ${rows.care_leaver_accommodation.filter((a) => a.kind === 'W').length} in bed and breakfast, ${rows.care_leaver_birthday.length} birthday records`);
  },
};
