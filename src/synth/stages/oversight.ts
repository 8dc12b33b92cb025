// Management oversight (issue 8; decision 0021): oversight entries by the team manager on every open
// case, most within the interval (4 weeks under a child protection plan or in care, 3 months for a
// child in need) but some teams lag, so their children are overdue today; about a quarter of entries
// are compliance only ("visits in timescale, no concerns") rather than about the child's experience;
// a few are challenges or escalations, most answered. New referrals mostly have oversight within a
// working day. Each key transition the generator already made (an s47 outcome, a child in need plan's
// start and end, a closure, a step-down, entry to care, a return home) gets the manager's decision with
// its rationale, dated on or before it (decisions 0021, 0025). Child protection plans start and end at
// conferences, whose records are the decision; a care plan is covered by the entry-to-care decision.
//
// Read from what earlier stages wrote, in a handful of statements; written with ctx.insert. Runs after
// the help-and-protection and care stages, before 'chronology-history'.
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { EventType } from '../../chronology/event-types.ts';
import { addWorkingDays } from '../../calendar/index.ts';
import type { SynthContext } from '../context.ts';
import { dayOf, isoOf } from '../dates.ts';
import type { Stage } from '../stages.ts';
import type { DecisionKindCode } from '../../oversight/codes.ts';
import { midSentence } from '../../server/format.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

const CHILD_FOCUSED = [
  'She says home is calmer and she is sleeping better; school report she is attending and settled. The plan is making a difference to her day-to-day life.',
  'He is still frightened when his father visits; the safety plan has not changed that. The work so far has not reduced the risk he lives with.',
  'The baby is gaining weight and mother is attending every appointment; the health visitor sees real change since the plan started.',
  'Little sense of his wishes in the record: visits describe the home, not what he said. His experience is not yet known well enough.',
  'Attendance has risen from 60% to 92%; she told her worker she wants to stay at this school. Progress is real but fragile.',
];
const COMPLIANCE_ONLY = ['Visits are in timescale and the plan was reviewed on time. No concerns.', 'Case file up to date. Statutory visits and meetings in timescale.'];
const DIRECTIONS = [
  'Continue the plan; see the child alone at the next visit and record their words.',
  'Update the chronology and the assessment before the review.',
  'Convene a core group within 10 working days to agree what must change.',
  'Discuss in supervision next week: is the threshold still met?',
  'Ask the school and health visitor for their views before the next review.',
];
const ACTIONS = ['See the child alone and record their views', 'Update the chronology', 'Ask the school for the attendance record', 'Arrange the core group', 'Complete the updated assessment'];
const CHALLENGES = ['The assessment is late and the plan has drifted: agree extra capacity.', 'The police have not joined the strategy discussions: escalate to their safeguarding lead.', 'No health assessment for 8 months: escalate to the designated nurse.'];
const RATIONALES: Record<DecisionKindCode, string> = {
  s47_outcome: 'The enquiry has gathered enough to decide; the evidence supports this outcome.',
  plan_start: 'The needs assessed call for a plan.',
  plan_end: 'The plan’s outcomes are met and the change has lasted.',
  closure: 'The plan’s outcomes are met, change has lasted three months, and universal services are in place.',
  step_down: 'Needs can be met by early help with the family’s agreement; the risk no longer needs statutory work.',
  entry_to_care: 'The child cannot remain safely at home; no family member can care for them now.',
  return_home: 'The parents have completed the work agreed and the child wants to go home; support will continue.',
};
const AUTHORISES: Record<DecisionKindCode, string> = {
  s47_outcome: 'Record the outcome of the section 47 enquiry',
  plan_start: 'Start the plan',
  plan_end: 'End the plan',
  closure: 'Close the case',
  step_down: 'Step down to early help',
  entry_to_care: 'The child to become looked after',
  return_home: 'The child to return home',
};

export const oversight: Stage = {
  name: 'oversight',
  async run(ctx: SynthContext) {
    const { rng, council } = ctx;
    const T = ctx.todayDay;
    const db = ctx.db;
    const [episodes, cpPlans, carePeriods, enquiries, stepDowns, cinPlans] = await Promise.all([
      db.selectFrom('cin_episode').select(['id', 'child_id', 'referral_date', 'closed_on']).where('deleted_at', 'is', null).where('referral_nfa', '=', false).execute(),
      db.selectFrom('plan').select(['child_id', 'started_on']).where('kind', '=', 'cp').where('ended_on', 'is', null).where('deleted_at', 'is', null).execute(),
      db.selectFrom('care_period').select(['id', 'child_id', 'started_on', 'ended_on', 'reason_ceased']).where('deleted_at', 'is', null).execute(),
      db.selectFrom('s47_enquiry').select(['id', 'child_id', 'completed_on']).where('completed_on', 'is not', null).where('deleted_at', 'is', null).execute(),
      db.selectFrom('early_help_handover').select(['id', 'child_id', 'handed_over_on', 'cin_episode_id']).where('direction', '=', 'STEP_DOWN').where('deleted_at', 'is', null).execute(),
      db.selectFrom('plan').select(['id', 'child_id', 'started_on', 'ended_on']).where('kind', '=', 'cin').where('deleted_at', 'is', null).execute(),
    ]);

    const teamOf = new Map(council.workers.map((w) => [w.id, w.teamId]));
    const managerOfTeam = new Map(council.teams.map((t) => [t.id, t.managerId]));
    // About a quarter of teams lag: their managers' oversight slips past the interval.
    const lagging = new Set(council.teams.filter(() => rng.chance(0.25)).map((t) => t.id));
    const allocationsByChild = new Map<string, typeof council.allocations>();
    for (const a of council.allocations) {
      if (a.role !== 'social_worker') continue;
      const list = allocationsByChild.get(a.childId) ?? [];
      list.push(a);
      allocationsByChild.set(a.childId, list);
    }
    /** The worker holding the case that day, and their team's manager. */
    const holderOn = (childId: string, day: number) => {
      const a = (allocationsByChild.get(childId) ?? []).find((x) => x.from <= day && (x.to === null || x.to > day));
      if (!a) return null;
      const teamId = teamOf.get(a.workerId) ?? null;
      const managerId = teamId ? managerOfTeam.get(teamId) : null;
      return managerId && teamId ? { workerId: a.workerId, teamId, managerId } : null;
    };
    const anyManager = council.teams.find((t) => t.service === 'safeguarding' && t.managerId)?.managerId ?? council.teams.find((t) => t.managerId)?.managerId;

    const closeFrom = new Map<string, number>();
    for (const p of cpPlans) closeFrom.set(p.child_id, Math.min(closeFrom.get(p.child_id) ?? Infinity, dayOf(p.started_on)));
    for (const c of carePeriods) if (!c.ended_on) closeFrom.set(c.child_id, Math.min(closeFrom.get(c.child_id) ?? Infinity, dayOf(c.started_on)));

    const entries: Row<'management_oversight'>[] = [];
    const actions: Row<'case_action'>[] = [];
    const decisions: Row<'management_decision'>[] = [];
    const events: Row<'child_event'>[] = [];
    const counts = { cases: 0, lagging: 0, complianceOnly: 0, challenges: 0, answered: 0, atReferral: 0 };

    const addEntry = (childId: string, day: number, holder: { workerId: string; managerId: string }) => {
      const id = rng.uuid();
      const close = day >= (closeFrom.get(childId) ?? Infinity);
      const kind = rng.weighted([['oversight', 90], ['challenge', 7], ['escalation', 3]] as const);
      const complianceOnly = kind === 'oversight' && rng.chance(0.25);
      if (complianceOnly) counts.complianceOnly++;
      const analysis = complianceOnly ? rng.pick(COMPLIANCE_ONLY) : rng.pick(CHILD_FOCUSED);
      const direction = kind === 'oversight' ? rng.pick(DIRECTIONS) : rng.pick(CHALLENGES);
      const addressedTo = kind === 'challenge' ? 'Allocated social worker' : kind === 'escalation' ? 'Head of service' : null;
      let respondedOn: number | null = null;
      if (kind !== 'oversight') {
        counts.challenges++;
        const answer = day + rng.int(1, 12);
        if (answer < T && rng.chance(0.75)) {
          respondedOn = answer;
          counts.answered++;
        }
      }
      entries.push({
        id,
        child_id: childId,
        kind,
        overseen_on: isoOf(day),
        manager_id: holder.managerId,
        parts_read: JSON.stringify(rng.shuffle(['chronology', 'plan', 'visits', 'assessment', 'child_views']).slice(0, rng.int(1, 4))),
        what_read: null,
        analysis,
        direction,
        addressed_to: addressedTo,
        addressed_to_user_id: kind === 'challenge' ? holder.workerId : null,
        responded_on: respondedOn === null ? null : isoOf(respondedOn),
        response: respondedOn === null ? null : 'Agreed; the work is in hand and the plan updated.',
        resolved_on: respondedOn !== null && rng.chance(0.7) ? isoOf(respondedOn) : null,
        recorded_by: holder.managerId,
        recorded_at: ctx.stamp(Math.min(day + 1, T), 2),
      });
      const type: EventType = close ? 'oversight.protection-or-care' : 'oversight.child-in-need';
      events.push(ctx.eventRow({ childId, type, occurredOn: day, sourceTable: 'management_oversight', sourceId: id, title: addressedTo ? `${kind === 'challenge' ? 'Challenge' : 'Escalation'} to ${addressedTo}` : 'Management oversight', detail: `Direction: ${direction}`, recordedBy: holder.managerId, significance: kind === 'oversight' ? 'normal' : 'high' }));
      if (!complianceOnly && rng.chance(0.4)) {
        const due = dayOf(addWorkingDays(isoOf(day), rng.int(5, 20)));
        const done = due < T && rng.chance(0.7);
        actions.push({
          id: rng.uuid(),
          child_id: childId,
          source: 'oversight',
          source_id: id,
          description: rng.pick(ACTIONS),
          owner: 'Social worker',
          owner_user_id: holder.workerId,
          due_on: isoOf(due),
          status: done ? 'done' : 'not_started',
          status_reason: null,
          completed_on: done ? isoOf(Math.min(due - rng.int(0, 3), T)) : null,
          recorded_by: holder.managerId,
          recorded_at: ctx.stamp(Math.min(day + 1, T), 2),
        });
      }
    };

    // Oversight on every open case, going back up to a year.
    for (const ep of episodes) {
      if (ep.closed_on) continue;
      const referral = dayOf(ep.referral_date);
      const holder = holderOn(ep.child_id, T - 1);
      if (!holder) continue;
      counts.cases++;
      const lag = lagging.has(holder.teamId);
      if (lag) counts.lagging++;
      const from = Math.max(referral, T - 365);
      // Most new referrals are overseen within a working day (MO-08).
      if (referral >= T - 365 && rng.chance(0.85)) {
        addEntry(ep.child_id, Math.min(referral + rng.int(0, 1), T - 1), holder);
        counts.atReferral++;
      }
      let day = from;
      for (let n = 0; n < 14; n++) {
        const interval = day >= (closeFrom.get(ep.child_id) ?? Infinity) ? 28 : 91;
        const next = day + (lag ? rng.int(Math.round(interval * 0.8), Math.round(interval * 1.7)) : rng.int(Math.round(interval * 0.5), interval - 2));
        if (next >= T) break;
        addEntry(ep.child_id, next, holderOn(ep.child_id, next) ?? holder);
        day = next;
      }
    }

    // The manager's decision before each key transition the generator made.
    const decide = (childId: string, kind: DecisionKindCode, onDay: number, actedOnId: string) => {
      const managerId = holderOn(childId, onDay)?.managerId ?? anyManager;
      if (!managerId) return;
      const day = onDay - (rng.chance(0.6) ? 0 : rng.int(1, 3));
      const id = rng.uuid();
      decisions.push({
        id,
        child_id: childId,
        kind,
        decided_on: isoOf(day),
        manager_id: managerId,
        rationale: RATIONALES[kind],
        authorises: AUTHORISES[kind],
        work_summary: kind === 'closure' ? 'Assessment, a child in need plan and direct work with the family; the plan’s outcomes were reviewed and met.' : null,
        situation_at_closure: kind === 'closure' ? 'Living safely at home, attending school; the family knows how to ask for help again.' : null,
        acted_on_id: actedOnId,
        recorded_by: managerId,
        recorded_at: ctx.stamp(Math.min(day + 1, T), 1),
      });
      events.push(ctx.eventRow({ childId, type: 'management-decision.recorded', occurredOn: day, sourceTable: 'management_decision', sourceId: id, title: `Management decision: ${midSentence(AUTHORISES[kind])}`, detail: RATIONALES[kind], recordedBy: managerId }));
    };
    const steppedDown = new Set(stepDowns.map((s) => s.cin_episode_id));
    for (const s of stepDowns) decide(s.child_id, 'step_down', dayOf(s.handed_over_on), s.cin_episode_id);
    for (const ep of episodes) if (ep.closed_on && !steppedDown.has(ep.id)) decide(ep.child_id, 'closure', dayOf(ep.closed_on), ep.id);
    for (const e of enquiries) decide(e.child_id, 's47_outcome', dayOf(e.completed_on!), e.id);
    for (const p of cinPlans) {
      decide(p.child_id, 'plan_start', dayOf(p.started_on), p.id);
      if (p.ended_on) decide(p.child_id, 'plan_end', dayOf(p.ended_on), p.id);
    }
    for (const c of carePeriods) {
      decide(c.child_id, 'entry_to_care', dayOf(c.started_on), c.id);
      if (c.ended_on && (c.reason_ceased === 'E4A' || c.reason_ceased === 'E4B')) decide(c.child_id, 'return_home', dayOf(c.ended_on), c.id);
    }

    await ctx.insert('management_oversight', entries);
    await ctx.insert('case_action', actions);
    await ctx.insert('management_decision', decisions);
    await ctx.insert('child_event', events);
    ctx.log(
      `${entries.length} oversight entries on ${counts.cases} open cases (${counts.lagging} in lagging teams, ${counts.atReferral} overseen at referral; ${counts.complianceOnly} compliance only; ${counts.challenges} challenges and escalations, ${counts.answered} answered), ${actions.length} actions, ${decisions.length} management decisions`,
    );
  },
};
