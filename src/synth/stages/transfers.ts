// Transfers between teams and managers' approvals (decision 0023). A case that moved between teams
// in Lantern's time (a social worker handed over to one in another team) was a transfer accepted by
// the receiving manager a few days after it was asked for; a few were declined and stay with their
// team; a few wait for the receiving manager today. A newly qualified social worker given a child
// on a protection plan or in proceedings has their manager's approval (Southend 2016 ¶123).
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { ChildEventTable } from '../../db/schema.ts';
import type { AllocationApprovalTable, CaseTransferTable } from '../../workforce/tables.ts';
import type { SynthAllocation } from '../context.ts';
import { isoOf } from '../dates.ts';
import type { Stage } from '../stages.ts';

const REASONS = [
  'Assessment complete: the child needs longer-term child in need work',
  'Child protection plan made: the case moves to the safeguarding team',
  'The child came into care: the children in care team takes the case',
  'Family moved across the borough: the locality team takes the case',
  'Care proceedings concluded: the case moves to long-term work',
] as const;
const DECLINES = [
  'The assessment is not finished: send the case back when it is',
  'The child protection plan is still in place: keep the case until the review conference',
  'The team is at capacity this month: discuss at the allocation meeting',
] as const;
const APPROVALS = [
  'Co-working with a senior practitioner; weekly supervision while the plan settles',
  'Known to the family from the assessment; caseload kept low; manager attends core groups',
  'Experienced before qualifying; reflective supervision fortnightly and a named mentor',
] as const;

export const transfers: Stage = {
  name: 'transfers',
  async run(ctx) {
    const { council, rng, todayDay: T } = ctx;
    const rows: Insertable<CaseTransferTable>[] = [];
    const events: Insertable<ChildEventTable>[] = [];
    const teamOf = (workerId: string) => council.worker(workerId).teamId;
    const managerOf = (teamId: string) => council.team(teamId).managerId ?? council.migrationUserId;
    const event = (childId: string, type: 'transfer.requested' | 'transfer.accepted' | 'transfer.declined', day: number, id: string, title: string, by: string, detail: string | null = null) =>
      events.push(ctx.eventRow({ childId, type, occurredOn: day, sourceTable: 'case_transfer', sourceId: id, title, detail, recordedBy: by }));

    // Social worker allocations by child, in order.
    const byChild = new Map<string, SynthAllocation[]>();
    for (const a of council.allocations) {
      if (a.role !== 'social_worker') continue;
      const list = byChild.get(a.childId);
      if (list) list.push(a);
      else byChild.set(a.childId, [a]);
    }
    let accepted = 0;
    let declined = 0;
    let pending = 0;
    for (const [childId, list] of byChild) {
      list.sort((a, b) => a.from - b.from);
      // Handovers between teams since go-live: accepted transfers.
      for (let i = 1; i < list.length; i++) {
        const before = list[i - 1]!;
        const after = list[i]!;
        const from = teamOf(before.workerId);
        const to = teamOf(after.workerId);
        if (before.to !== after.from || after.from < ctx.goLiveDay || !from || !to || from === to) continue;
        const id = rng.uuid();
        const requested = Math.max(before.from, after.from - rng.int(1, 10));
        const reason = rng.pick(REASONS);
        const by = managerOf(from);
        const decider = managerOf(to);
        rows.push({ id, child_id: childId, from_team_id: from, to_team_id: to, requested_on: isoOf(requested), reason, status: 'accepted', decided_on: isoOf(after.from), decided_by: decider, allocation_id: after.id, recorded_by: by, recorded_at: ctx.stamp(requested) });
        event(childId, 'transfer.requested', requested, id, `Transfer from ${council.team(from).name} to ${council.team(to).name} requested`, by, reason);
        event(childId, 'transfer.accepted', after.from, id, `${council.team(to).name} accepted the transfer from ${council.team(from).name}`, decider);
        accepted++;
      }
      // Open cases: now and then a transfer declined in the last months, or one waiting today.
      const current = list[list.length - 1]!;
      const team = current.to === null ? teamOf(current.workerId) : null;
      if (!team || !rng.chance(0.02)) continue;
      const service = council.team(team).service;
      const others = council.teams.filter((t) => t.id !== team && t.managerId && t.service !== 'front-door' && (t.service === service || rng.chance(0.5)));
      if (!others.length) continue;
      const to = rng.pick(others);
      const id = rng.uuid();
      const by = managerOf(team);
      const wait = rng.chance(0.3);
      const requested = Math.max(current.from, wait ? T - rng.int(0, 12) : T - rng.int(20, 200));
      const reason = rng.pick(REASONS);
      event(childId, 'transfer.requested', requested, id, `Transfer from ${council.team(team).name} to ${to.name} requested`, by, reason);
      if (wait) {
        rows.push({ id, child_id: childId, from_team_id: team, to_team_id: to.id, requested_on: isoOf(requested), reason, status: 'requested', recorded_by: by, recorded_at: ctx.stamp(requested) });
        pending++;
      } else {
        const decided = Math.min(T, requested + rng.int(1, 7));
        const why = rng.pick(DECLINES);
        rows.push({ id, child_id: childId, from_team_id: team, to_team_id: to.id, requested_on: isoOf(requested), reason, status: 'declined', decided_on: isoOf(decided), decided_by: to.managerId!, decline_reason: why, recorded_by: by, recorded_at: ctx.stamp(requested) });
        event(childId, 'transfer.declined', decided, id, `${to.name} declined the transfer from ${council.team(team).name}`, to.managerId!, why);
        declined++;
      }
    }
    await ctx.insert('case_transfer', rows);

    // Approvals: social worker allocations that started while the worker was newly qualified, of a
    // child on a protection plan or in care proceedings on that day. Allocations and profiles are in
    // memory; plans and proceedings are read once (the stages run before the indexes are built).
    const spans = new Map<string, { from: string; to: string | null }[]>();
    const stored = await sql<{ child_id: string; from_on: string; to_on: string | null }>`
      SELECT child_id, started_on::text AS from_on, ended_on::text AS to_on FROM plan WHERE kind = 'cp' AND deleted_at IS NULL
      UNION ALL SELECT child_id, issued_on::text, concluded_on::text FROM care_proceedings WHERE deleted_at IS NULL`.execute(ctx.db);
    for (const r of stored.rows) spans.set(r.child_id, [...(spans.get(r.child_id) ?? []), { from: r.from_on, to: r.to_on }]);
    const approvals: Insertable<AllocationApprovalTable>[] = [];
    for (const a of council.allocations) {
      if (a.role !== 'social_worker') continue;
      const profile = council.worker(a.workerId).profile;
      if (!profile || profile.qualifiedOn === null) continue;
      const { qualifiedOn, asyeCompletedOn } = profile;
      if (a.from < qualifiedOn || a.from - qualifiedOn >= 365 || (asyeCompletedOn !== null && asyeCompletedOn <= a.from)) continue;
      const on = isoOf(a.from);
      if (!(spans.get(a.childId) ?? []).some((s) => s.from <= on && (s.to === null || s.to > on))) continue;
      const teamId = teamOf(a.workerId);
      const by = teamId ? managerOf(teamId) : council.migrationUserId;
      approvals.push({ id: rng.uuid(), allocation_id: a.id, child_id: a.childId, approved_by: by, approved_on: on, needed_for: 'complex_work', reason: rng.pick(APPROVALS), recorded_by: by, recorded_at: ctx.stamp(a.from) });
    }
    await ctx.insert('allocation_approval', approvals);
    await ctx.insert('child_event', events);
    ctx.log(`${rows.length} transfers between teams (${accepted} accepted, ${declined} declined, ${pending} waiting); ${approvals.length} approvals of complex work for newly qualified workers`);
  },
};
