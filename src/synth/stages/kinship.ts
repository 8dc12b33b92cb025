// Kinship care of every legal status (2026 Act s.5): kinship foster care for children placed with a
// relative or friend (U1, U3), special guardianship orders that ended a period of care (E45, E47),
// child arrangements orders to relatives (some E41), and informal family and friends care for some
// children known to the council. About 153,000 children in England live in kinship care (FRG;
// policy-2026.md §1), most informally and unknown to the council. The kinship local offer, owed from
// 29 June 2026 (s.5 in force), was sent to most carers since: some late, some not at all.
import type { Insertable } from 'kysely';
import { addWorkingDays } from '../../calendar/index.ts';
import type { Database } from '../../db/schema.ts';
import { kinshipKindLabel, type KinshipKind, type OfferMethod } from '../../kinship/codes.ts';
import { KINSHIP_OFFER_DUTY_FROM } from '../../kinship/duty.ts';
import type { SynthContext } from '../context.ts';
import { dayOf, isoOf, yearsBetween } from '../dates.ts';
import { MENS_NAMES, SURNAMES, WOMENS_NAMES } from '../names.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;
const wd = (day: number, n: number) => dayOf(addWorkingDays(isoOf(day), n));

const RELATIONSHIPS: readonly (readonly [string, number])[] = [['Grandmother', 40], ['Aunt', 20], ['Older sister', 6], ['Family friend', 10], ['Great-aunt', 5], ['Cousin', 5], ['Uncle', 6], ['Grandfather', 8]];
const PARTNER: Record<string, string> = { Grandmother: 'Grandfather', Aunt: 'Uncle', 'Great-aunt': 'Great-uncle', 'Family friend': 'Family friend', Cousin: 'Cousin' };
const MALE = new Set(['Grandfather', 'Uncle', 'Great-uncle']);

export const kinship: Stage = {
  name: 'kinship',
  async run(ctx: SynthContext) {
    const { rng, council, todayDay: T, goLiveDay: G, profile } = ctx;
    const duty = dayOf(KINSHIP_OFFER_DUTY_FROM);
    const rows = { kinship_arrangement: [] as Row<'kinship_arrangement'>[], kinship_carer: [] as Row<'kinship_carer'>[] };
    const events: Row<'child_event'>[] = [];
    const taken = new Set<string>();
    const counts: Record<KinshipKind, number> = { informal: 0, kinship_foster: 0, sgo: 0, cao: 0 };

    const add = (childId: string, kind: KinshipKind, start: number, end: number | null, opts: { placementId?: string; surname: string; first?: string }) => {
      if (taken.has(childId)) return;
      taken.add(childId);
      const id = rng.uuid();
      const worker = council.workerOn(rng, kind === 'informal' ? 'assessment' : 'looked-after', start);
      const relationship = rng.weighted(RELATIONSHIPS);
      const carers = [{ name: `${opts.first ?? rng.pick(MALE.has(relationship) ? MENS_NAMES : WOMENS_NAMES)} ${opts.surname}`, relationship }];
      const partner = PARTNER[relationship];
      if (partner && rng.chance(0.45)) carers.push({ name: `${rng.pick(MALE.has(partner) ? MENS_NAMES : WOMENS_NAMES)} ${opts.surname}`, relationship: partner });
      // The offer is owed from the start, or from the day s.5 came into force.
      const owed = Math.max(start, duty);
      const open = end === null || end >= owed;
      let sent: number | null = null;
      if (open && owed <= T) {
        const roll = rng.next();
        const day = roll < 0.55 ? wd(owed, rng.int(1, 20)) : roll < 0.75 ? wd(owed, rng.int(21, 60)) : null;
        sent = day !== null && day <= T && (end === null || day <= end) ? day : null;
      }
      const how: OfferMethod | null = sent === null ? null : rng.weighted([['email', 45], ['post', 30], ['in_person', 20], ['phone', 5]] as const);
      const endReason = end === null ? null : kind === 'kinship_foster' ? 'The child left care' : rng.pick(['The child returned to a parent', 'The child turned 18', 'The arrangement broke down']);
      const at = ctx.stamp(start, 5);
      rows.kinship_arrangement.push({
        id,
        child_id: childId,
        kind,
        started_on: isoOf(start),
        placement_id: opts.placementId ?? null,
        offer_sent_on: sent === null ? null : isoOf(sent),
        offer_sent_how: how,
        ended_on: end === null ? null : isoOf(end),
        end_reason: endReason,
        note: null,
        recorded_by: worker.id,
        recorded_at: at,
      });
      for (const c of carers) rows.kinship_carer.push({ id: rng.uuid(), arrangement_id: id, child_id: childId, name: c.name, relationship: c.relationship, recorded_by: worker.id, recorded_at: at });
      const base = { childId, sourceTable: 'kinship_arrangement', sourceId: id, scopeId: id, recordedBy: worker.id };
      events.push(ctx.eventRow({ ...base, type: 'kinship.started', occurredOn: start, title: `${kinshipKindLabel(kind)}: with ${carers.map((c) => `${c.name} (${c.relationship})`).join(' and ')}`, recordedAt: at }));
      if (sent !== null) events.push(ctx.eventRow({ ...base, type: 'kinship.offer-sent', occurredOn: sent, title: `Kinship local offer sent to the carers (${how === 'in_person' ? 'given in person' : `by ${how}`})`, recordedAt: ctx.stamp(sent, 2) }));
      if (end !== null) events.push(ctx.eventRow({ ...base, type: 'kinship.ended', occurredOn: end, title: `${kinshipKindLabel(kind)} ended: ${endReason}`, recordedAt: ctx.stamp(end, 2) }));
      counts[kind]++;
    };

    // Kinship foster care: every placement with a relative or friend.
    const placements = await ctx.db.selectFrom('placement').select(['id', 'child_id', 'started_on', 'ended_on', 'placement_type', 'carer_name']).where('placement_type', 'in', ['U1', 'U2', 'U3']).orderBy('started_on').execute();
    for (const p of placements) {
      const surname = p.carer_name.replace(/ family$/, '');
      add(p.child_id, 'kinship_foster', dayOf(p.started_on), p.ended_on ? dayOf(p.ended_on) : null, { placementId: p.id, surname });
    }
    // Special guardianship and child arrangements orders that ended a period of care.
    const ended = await ctx.db.selectFrom('care_period').select(['child_id', 'ended_on', 'reason_ceased']).where('reason_ceased', 'in', ['E45', 'E47', 'E41']).execute();
    for (const c of ended) {
      if (c.reason_ceased === 'E41' && rng.chance(0.5)) continue; // a child arrangements order to a parent is not kinship care
      const child = council.child(c.child_id);
      taken.delete(c.child_id); // the order follows the kinship foster care that ended with it
      const start = dayOf(c.ended_on!);
      const end = rng.chance(0.05) ? start + rng.int(100, 600) : null;
      add(c.child_id, c.reason_ceased === 'E41' ? 'cao' : 'sgo', start, end !== null && end <= T && yearsBetween(child.dateOfBirth, end) < 18 ? end : null, { surname: rng.chance(0.6) ? child.lastName : rng.pick(SURNAMES) });
    }
    // Informal family and friends care known to the council: children who had a social worker.
    // Never for a child who has been looked after: informal care is outside care.
    const cared = new Set((await ctx.db.selectFrom('care_period').select('child_id').execute()).map((c) => c.child_id));
    const known = (await ctx.db.selectFrom('cin_episode').select(['child_id', 'referral_date']).where('referral_nfa', '=', false).orderBy('referral_date').orderBy('child_id').execute()).filter((e) => !cared.has(e.child_id));
    const informal = Math.max(3, Math.round(profile.childPopulation / 2_500));
    for (const e of rng.shuffle([...known]).slice(0, informal)) {
      const child = council.child(e.child_id);
      const start = Math.max(dayOf(e.referral_date) + rng.int(0, 120), child.dateOfBirth + 30);
      if (start > T - 10) continue;
      const end = rng.chance(0.25) ? start + rng.int(60, 700) : null;
      // Relatives also go to court themselves: a few child arrangements and special guardianship orders without care.
      const kind: KinshipKind = counts.cao === 0 ? 'cao' : counts.sgo === 0 ? 'sgo' : rng.weighted([['informal', 85], ['cao', 10], ['sgo', 5]] as const);
      add(e.child_id, kind, start, end !== null && end <= T ? end : null, { surname: rng.chance(0.5) ? child.lastName : rng.pick(SURNAMES) });
    }
    await ctx.insert('kinship_arrangement', rows.kinship_arrangement);
    await ctx.insert('kinship_carer', rows.kinship_carer);
    await ctx.insert('child_event', events);
    const withoutOffer = rows.kinship_arrangement.filter((a) => a.ended_on === null && a.offer_sent_on === null).length;
    ctx.log(`${rows.kinship_arrangement.length} kinship arrangements (${counts.kinship_foster} kinship foster care, ${counts.sgo} special guardianship, ${counts.cao} child arrangements, ${counts.informal} informal), ${withoutOffer} open without the local offer sent; history from ${isoOf(G)}`);
  },
};
