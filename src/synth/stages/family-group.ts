// Family group decision-making before proceedings (Children Act 1989 s.31ZA, inserted by the
// Children's Wellbeing and Schools Act 2026 s.1; decision 0032) for the pre-proceedings the council
// started since April 2026: the offer in the letter before proceedings to each parent and person with
// parental responsibility, their answers, the meetings (family members and a friend or two, with the
// family's proposal), and now and then the council's decision that offering or holding the meeting is
// not in the child's best interests. A care application always follows an accepted offer's meeting or
// a decision not to hold it (the gate in src/proceedings/family-group.ts). The letter initiating
// proceedings is dated for applications from then on.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SynthContext } from '../context.ts';
import { dayOf, isoOf } from '../dates.ts';
import { MENS_NAMES, SURNAMES, WOMENS_NAMES } from '../names.ts';
import type { Stage } from '../stages.ts';
import type { FgdmAttendee } from '../../proceedings/tables.ts';
import { relationshipLabel } from '../../people/relationship-kinds.ts';
import { midSentence } from '../../server/format.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

/** Pre-proceedings from this letter date on carry family group decision-making. */
const FGDM_FROM = '2026-04-01';

const PROPOSALS = [
  'The maternal grandmother will have the children after school and at weekends; mother will attend the drug and alcohol service weekly and agree to hair strand tests.',
  'Father will move out while the domestic abuse programme runs; an aunt will stay three nights a week and take the children to school.',
  'The family will share the care: grandparents on weekdays, mother at weekends, with the family network meeting again in six weeks to review.',
  'An uncle and his partner offered to care for the child full time; the family asked for them to be assessed as connected carers.',
  'The family agreed a safety plan: no contact with the mother’s former partner, a named relative to call at any sign of risk, and help with the home’s condition.',
];

/**
 * Pre-proceedings begun since the family group duty: a few children on a child protection plan for
 * three months or more, not already before a court, whose legal planning meeting decided on them;
 * most still open, with their first meeting and sometimes a review, some stepped down.
 */
async function startPreProceedings(ctx: SynthContext): Promise<void> {
  const { rng, todayDay: T, profile } = ctx;
  const from = dayOf(FGDM_FROM);
  const candidates = await ctx.db
    .selectFrom('plan as pl')
    .select(['pl.child_id', 'pl.started_on', 'pl.recorded_by'])
    .where('pl.kind', '=', 'cp')
    .where('pl.ended_on', 'is', null)
    .where('pl.deleted_at', 'is', null)
    .where('pl.started_on', '<=', isoOf(T - 90))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('pre_proceedings as pp').select('pp.id').whereRef('pp.child_id', '=', 'pl.child_id').where('pp.ended_on', 'is', null))))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('care_proceedings as cp').select('cp.id').whereRef('cp.child_id', '=', 'pl.child_id').where('cp.concluded_on', 'is', null))))
    .orderBy('pl.child_id')
    .execute();
  const wanted = Math.max(6, Math.round(profile.childPopulation / 3_000));
  const rows = { legal_planning_meeting: [] as Row<'legal_planning_meeting'>[], pre_proceedings: [] as Row<'pre_proceedings'>[], pre_proceedings_meeting: [] as Row<'pre_proceedings_meeting'>[] };
  const events: Row<'child_event'>[] = [];
  for (const c of rng.shuffle([...candidates]).slice(0, wanted)) {
    const earliest = Math.max(from, dayOf(c.started_on) + 60);
    if (earliest > T - 21) continue;
    // Most far enough back for the family group meeting to have happened.
    const lpmDay = rng.int(earliest, earliest <= T - 70 && rng.chance(0.8) ? T - 70 : T - 21);
    const letter = lpmDay + rng.int(2, 7);
    const worker = c.recorded_by;
    const lpm = rng.uuid();
    const pre = rng.uuid();
    rows.legal_planning_meeting.push({ id: lpm, child_id: c.child_id, held_on: isoOf(lpmDay), decision: 'pre_proceedings', reasons: 'The child protection plan has not reduced the risk: the threshold for proceedings is met.', recorded_by: worker, recorded_at: ctx.stamp(lpmDay, 1) });
    events.push(ctx.eventRow({ childId: c.child_id, type: 'legal-planning.held', occurredOn: lpmDay, sourceTable: 'legal_planning_meeting', sourceId: lpm, scopeId: lpm, title: 'Legal planning meeting: decided to enter pre-proceedings', recordedBy: worker }));
    const meetingDays = [letter + rng.int(7, 14)];
    if (rng.chance(0.6)) meetingDays.push(meetingDays[0]! + rng.int(35, 56));
    const held = meetingDays.filter((d) => d <= T);
    const stepDown = held.length > 1 && rng.chance(0.35) && held.at(-1)! + 7 <= T ? held.at(-1)! + rng.int(1, Math.min(7, T - held.at(-1)!)) : null;
    rows.pre_proceedings.push({ id: pre, child_id: c.child_id, legal_planning_meeting_id: lpm, letter_sent_on: isoOf(letter), ended_on: stepDown === null ? null : isoOf(stepDown), outcome: stepDown === null ? null : 'step_down', end_reason: stepDown === null ? null : 'Enough has changed: the family’s plan is working.', recorded_by: worker, recorded_at: ctx.stamp(letter, 1) });
    events.push(ctx.eventRow({ childId: c.child_id, type: 'pre-proceedings.started', occurredOn: letter, sourceTable: 'pre_proceedings', sourceId: pre, scopeId: pre, title: 'Letter before proceedings sent: pre-proceedings started', recordedBy: worker }));
    held.forEach((day, i) => {
      const id = rng.uuid();
      rows.pre_proceedings_meeting.push({ id, pre_proceedings_id: pre, child_id: c.child_id, held_on: isoOf(day), kind: i === 0 ? 'meeting' : 'review', outcome: i === 0 ? 'Written agreement made: parenting assessment and drug tests.' : 'Some progress; the family’s plan continues.', next_review_on: null, recorded_by: worker, recorded_at: ctx.stamp(day, 2) });
      events.push(ctx.eventRow({ childId: c.child_id, type: 'pre-proceedings.meeting', occurredOn: day, sourceTable: 'pre_proceedings_meeting', sourceId: id, scopeId: pre, title: i === 0 ? 'Pre-proceedings meeting' : 'Pre-proceedings review', recordedBy: worker }));
    });
    if (stepDown !== null) events.push(ctx.eventRow({ childId: c.child_id, type: 'pre-proceedings.ended', occurredOn: stepDown, sourceTable: 'pre_proceedings', sourceId: pre, scopeId: pre, title: 'Pre-proceedings ended: stepped down', recordedBy: worker }));
  }
  await ctx.insert('legal_planning_meeting', rows.legal_planning_meeting);
  await ctx.insert('pre_proceedings', rows.pre_proceedings);
  await ctx.insert('pre_proceedings_meeting', rows.pre_proceedings_meeting);
  await ctx.insert('child_event', events);
}

export const familyGroup: Stage = {
  name: 'family-group',
  async run(ctx: SynthContext) {
    const { rng, todayDay: T } = ctx;
    const rows = { fgdm_offer: [] as Row<'fgdm_offer'>[], fgdm_meeting: [] as Row<'fgdm_meeting'>[], fgdm_exemption: [] as Row<'fgdm_exemption'>[] };
    const events: Row<'child_event'>[] = [];
    await startPreProceedings(ctx);
    const pres = await ctx.db
      .selectFrom('pre_proceedings as pp')
      .leftJoin('care_proceedings as cp', (j) => j.onRef('cp.pre_proceedings_id', '=', 'pp.id').on('cp.deleted_at', 'is', null))
      .select(['pp.id', 'pp.child_id', 'pp.letter_sent_on', 'pp.ended_on', 'pp.recorded_by', 'cp.id as proceedings_id', 'cp.issued_on'])
      .where('pp.deleted_at', 'is', null)
      .where('pp.letter_sent_on', '>=', FGDM_FROM)
      .orderBy('pp.letter_sent_on')
      .orderBy('pp.id')
      .execute();
    const childIds = [...new Set(pres.map((p) => p.child_id))];
    const family = childIds.length
      ? await ctx.db
          .selectFrom('relationship as r')
          .innerJoin('person as p', 'p.id', 'r.related_person_id')
          .select(['r.person_id as child_id', 'r.related_person_id as person_id', 'r.kind', 'r.parental_responsibility', 'p.first_name', 'p.last_name', 'p.kind as person_kind'])
          .where('r.person_id', 'in', childIds)
          .where('r.deleted_at', 'is', null)
          .where('r.ended_on', 'is', null)
          .orderBy('r.person_id')
          .orderBy('r.related_person_id')
          .execute()
      : [];

    let meetings = 0;
    let waiting = 0;
    for (const pre of pres) {
      const letter = dayOf(pre.letter_sent_on);
      // The last day of pre-proceedings: the application, their end, or today.
      const issued = pre.issued_on ? dayOf(pre.issued_on) : null;
      const last = Math.min(issued !== null ? issued - 1 : T, pre.ended_on ? dayOf(pre.ended_on) : T, T);
      const worker = pre.recorded_by;
      const base = { childId: pre.child_id, scopeId: pre.id, recordedBy: worker };
      const adults = family.filter((f) => f.child_id === pre.child_id && f.person_kind === 'adult');
      const toOffer = adults.filter((a) => a.parental_responsibility || ['mother', 'father', 'parent'].includes(a.kind));
      const decide = (covers: 'offer' | 'meeting', day: number, why: string) => {
        const id = rng.uuid();
        const decidedBy = rng.pick(['Legal gateway panel, chaired by the head of service', 'Service manager, safeguarding', 'Legal planning meeting, with the council’s solicitor']);
        rows.fgdm_exemption.push({ id, child_id: pre.child_id, pre_proceedings_id: pre.id, covers, decided_on: isoOf(day), decided_by: decidedBy, reason: why, recorded_by: worker, recorded_at: ctx.stamp(day, 2) });
        events.push(
          ctx.eventRow({
            ...base,
            type: 'fgdm.exemption',
            occurredOn: day,
            sourceTable: 'fgdm_exemption',
            sourceId: id,
            title: `Decided: ${covers === 'offer' ? 'not to offer a family group decision-making meeting' : 'not to hold the meeting that was accepted'}, as it is not in the child’s best interests`,
            detail: `Decided by ${decidedBy}. ${why}`,
          }),
        );
      };
      if (toOffer.length === 0 || rng.chance(0.08)) {
        decide('offer', letter, 'Serious domestic abuse: bringing the family network together would put the mother and the child at risk.');
        continue;
      }
      const accepted: typeof toOffer = [];
      for (const person of toOffer) {
        const id = rng.uuid();
        const name = `${person.first_name} ${person.last_name}`;
        const answerDay = letter + rng.int(2, 14);
        const answered = answerDay <= last;
        // The first person offered (usually the mother) accepts more often than not.
        const first = person === toOffer[0];
        const response = answered ? (first && rng.chance(0.7) ? 'accepted' : rng.weighted([['accepted', 50], ['declined', 35], ['no_response', 15]] as const)) : null;
        if (response === 'accepted') accepted.push(person);
        const relationship = relationshipLabel(person.kind);
        rows.fgdm_offer.push({
          id,
          child_id: pre.child_id,
          pre_proceedings_id: pre.id,
          person_id: person.person_id,
          relationship,
          parental_responsibility: person.parental_responsibility,
          offered_on: pre.letter_sent_on,
          response,
          responded_on: response ? isoOf(answerDay) : null,
          recorded_by: worker,
          recorded_at: ctx.stamp(letter, 1),
        });
        events.push(ctx.eventRow({ ...base, type: 'fgdm.offered', occurredOn: letter, sourceTable: 'fgdm_offer', sourceId: id, title: `Family group decision-making meeting offered to ${name} (${midSentence(relationship)})`, detail: 'Offered in the letter before proceedings.' }));
        if (response) {
          const verb = response === 'no_response' ? 'gave no answer to' : response;
          events.push(ctx.eventRow({ ...base, type: 'fgdm.response', occurredOn: answerDay, sourceTable: 'fgdm_offer', sourceId: id, title: `${name} ${verb} the offer of a family group meeting`, recordedAt: ctx.stamp(answerDay, 2) }));
        }
      }
      if (accepted.length === 0) continue;
      const firstAnswer = letter + 14;
      // An application after an accepted offer waits for the meeting or a decision not to hold it.
      const mustResolve = issued !== null;
      const held = firstAnswer + rng.int(7, 35);
      if (held <= last && (mustResolve || rng.chance(0.75))) {
        const attendees: FgdmAttendee[] = [
          ...accepted.map((a) => ({ personId: a.person_id, name: `${a.first_name} ${a.last_name}`, relationship: relationshipLabel(a.kind) })),
          ...adults.filter((a) => !accepted.includes(a) && a.kind === 'grandparent').map((a) => ({ personId: a.person_id, name: `${a.first_name} ${a.last_name}`, relationship: relationshipLabel(a.kind) })),
        ];
        if (rng.chance(0.6)) attendees.push({ personId: null, name: `${rng.pick(rng.chance(0.7) ? WOMENS_NAMES : MENS_NAMES)} ${rng.pick(SURNAMES)}`, relationship: rng.pick(['aunt', 'family friend', 'uncle', 'neighbour', 'godmother']) });
        const proposal = rng.pick(PROPOSALS);
        const id = rng.uuid();
        rows.fgdm_meeting.push({ id, child_id: pre.child_id, pre_proceedings_id: pre.id, held_on: isoOf(held), attendees: JSON.stringify(attendees), family_proposal: proposal, recorded_by: worker, recorded_at: ctx.stamp(held, 3) });
        events.push(
          ctx.eventRow({
            ...base,
            type: 'fgdm.meeting',
            occurredOn: held,
            sourceTable: 'fgdm_meeting',
            sourceId: id,
            title: `Family group decision-making meeting: ${attendees.length} attended`,
            detail: `Attended: ${attendees.map((a) => `${a.name} (${midSentence(a.relationship)})`).join(', ')}.\nThe family’s proposal: ${proposal}`,
            recordedAt: ctx.stamp(held, 3),
          }),
        );
        meetings++;
      } else if (mustResolve) {
        decide('meeting', Math.max(letter, Math.min(last, issued!)), 'The risk to the child is immediate: waiting for the family to meet would leave the child unprotected.');
      } else {
        waiting++;
      }
    }
    // The letter initiating proceedings, for applications since the family group duty began.
    const recent = await ctx.db.selectFrom('care_proceedings').select(['id', 'issued_on']).where('issued_on', '>=', FGDM_FROM).where('deleted_at', 'is', null).orderBy('issued_on').orderBy('id').execute();
    for (const p of recent) {
      const day = Math.min(dayOf(p.issued_on) + rng.int(0, 2), T);
      await ctx.db.updateTable('care_proceedings').set({ letter_initiating_sent_on: isoOf(day) }).where('id', '=', p.id).execute();
    }
    await ctx.insert('fgdm_offer', rows.fgdm_offer);
    await ctx.insert('fgdm_meeting', rows.fgdm_meeting);
    await ctx.insert('fgdm_exemption', rows.fgdm_exemption);
    await ctx.insert('child_event', events);
    ctx.log(`${pres.length} pre-proceedings with family group decision-making: ${rows.fgdm_offer.length} offers, ${meetings} meetings held, ${rows.fgdm_exemption.length} best-interests decisions, ${waiting} accepted and waiting for the meeting`);
  },
};
