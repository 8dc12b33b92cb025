// Who held each child's case, and when. Each stretch of a service (the families' outlines) is
// held by a worker from one of its teams; cases change hands when a worker leaves and, now and
// then, for other reasons. Open cases go to whoever in the service carries the fewest children,
// so caseloads come out even (15-25 a worker, as the teams were sized for). Siblings share a
// worker. Children on a protection plan or looked after also have an IRO; care leavers a personal
// adviser.
import type { Insertable } from 'kysely';
import type { AllocationTable, ChildEventTable } from '../../db/schema.ts';
import { allocationRoleLabel, type AllocationRole } from '../../people/allocation-roles.ts';
import type { CaseService, ServicePeriod, SynthAllocation, SynthChild, SynthContext, SynthWorker, TeamService } from '../context.ts';
import { isoOf as isoDate } from '../dates.ts';
import type { Stage } from '../stages.ts';
import { midSentence } from '../../server/format.ts';

const ROLE_FOR: Record<CaseService | 'iro', AllocationRole> = {
  'early-help': 'family_support_worker',
  assessment: 'social_worker',
  safeguarding: 'social_worker',
  'looked-after': 'social_worker',
  'leaving-care': 'personal_adviser',
  iro: 'iro',
};

interface Run {
  service: CaseService | 'iro';
  from: number;
  to: number | null;
}

interface Segment {
  worker: SynthWorker;
  from: number;
  to: number | null;
}

/** Back-to-back periods of the same service are one stretch of work for the same team. */
function runsOf(periods: readonly ServicePeriod[]): Run[] {
  const runs: Run[] = [];
  for (const p of periods) {
    const last = runs[runs.length - 1];
    if (last && last.service === p.service && last.to !== null && last.to + 1 >= p.from) {
      last.to = p.to;
    } else {
      runs.push({ service: p.service, from: p.from, to: p.to });
    }
  }
  return runs;
}

/** Child protection plans and care, when an IRO (or conference chair) is allocated. */
function iroRuns(periods: readonly ServicePeriod[]): Run[] {
  return runsOf(periods.filter((p) => p.level === 'child-protection' || p.service === 'looked-after')).map((r) => ({ ...r, service: 'iro' as const }));
}

class Allocator {
  readonly #ctx: SynthContext;
  readonly load = new Map<string, number>();
  readonly rows: Insertable<AllocationTable>[] = [];
  readonly events: Insertable<ChildEventTable>[] = [];

  constructor(ctx: SynthContext) {
    this.#ctx = ctx;
  }

  /** The active worker in the service carrying the fewest children (ties broken at random). */
  #leastLoaded(service: TeamService): SynthWorker {
    const { council, rng } = this.#ctx;
    const staff = council.staffOf(service).filter((w) => w.active);
    let best: SynthWorker[] = [];
    let min = Infinity;
    for (const w of staff) {
      const load = this.load.get(w.id) ?? 0;
      if (load < min) {
        min = load;
        best = [w];
      } else if (load === min) {
        best.push(w);
      }
    }
    return rng.pick(best);
  }

  /** Who held the case from `from` to `to`, with changes of worker along the way. */
  segments(run: Run, teamId: string | undefined, children: number): Segment[] {
    const { council, rng, todayDay: T } = this.#ctx;
    const service: TeamService = run.service;
    const end = run.to ?? T;
    const meanChanges = (end - run.from) / (service === 'iro' ? 600 : 300);
    const changes = Math.min(4, rng.poisson(meanChanges));
    const bounds = [run.from];
    const cuts: number[] = [];
    for (let i = 0; i < changes && end - run.from > 30; i++) cuts.push(rng.int(run.from + 14, end - 1));
    cuts.sort((a, b) => a - b);
    for (const cut of cuts) if (cut - (bounds[bounds.length - 1] as number) >= 14) bounds.push(cut);

    const segments: Segment[] = [];
    // A "change" to the same worker (a team of one) is no change: the allocation carries on.
    const push = (segment: Segment) => {
      const last = segments[segments.length - 1];
      if (last && last.worker === segment.worker && last.to === segment.from - 1) last.to = segment.to;
      else segments.push(segment);
    };
    const historical = (from: number, to: number) => {
      let cursor = from;
      while (cursor <= to) {
        const worker = council.workerOn(rng, service, cursor, teamId, segments[segments.length - 1]?.worker);
        let segmentEnd = to;
        if (worker.leftOn !== null && worker.leftOn > cursor && worker.leftOn - 1 < to) segmentEnd = worker.leftOn - 1;
        push({ worker, from: cursor, to: segmentEnd });
        cursor = segmentEnd + 1;
      }
    };
    bounds.forEach((from, i) => {
      const next = bounds[i + 1];
      if (next !== undefined) return historical(from, next - 1);
      if (run.to !== null) return historical(from, run.to);
      // Open today: the worker who holds it now, who joined the service in time to take it on.
      const worker = this.#leastLoaded(service);
      this.load.set(worker.id, (this.load.get(worker.id) ?? 0) + children);
      const takeOver = Math.max(from, Math.min(worker.startedOn, T));
      if (takeOver > from) historical(from, takeOver - 1);
      push({ worker, from: takeOver, to: null });
    });
    return segments;
  }

  /** Allocations per child, in the order made; rows and journal events are written by `finish`. */
  readonly #byChild = new Map<string, SynthAllocation[]>();

  allocate(child: SynthChild, run: Run, segments: readonly Segment[]): void {
    const childFrom = Math.max(run.from, child.dateOfBirth);
    let list = this.#byChild.get(child.id);
    if (!list) this.#byChild.set(child.id, (list = []));
    for (const segment of segments) {
      const from = Math.max(segment.from, childFrom);
      if (segment.to !== null && segment.to < from) continue;
      const role = ROLE_FOR[run.service];
      list.push({ id: this.#ctx.rng.uuid(), childId: child.id, workerId: segment.worker.id, role, from, to: segment.to, service: run.service });
    }
  }

  /**
   * As src/people/allocation.ts does it, a new allocation of a role ends the previous one on the day
   * the new one starts (to_date = the new from_date); an allocation that simply ended keeps its last day.
   */
  finish(): void {
    const ctx = this.#ctx;
    const { council } = ctx;
    for (const list of this.#byChild.values()) {
      for (const allocation of list) {
        const next = list.find((a) => a.role === allocation.role && allocation.to !== null && a.from === allocation.to + 1);
        if (next) allocation.to = next.from;
      }
      for (const allocation of list) {
        const worker = council.worker(allocation.workerId);
        const team = worker.teamId ? council.team(worker.teamId) : undefined;
        // 'Allocated social worker' reads badly after "allocated as".
        const label = midSentence(allocationRoleLabel(allocation.role)).replace(/^allocated /, '');
        const migrated = allocation.from < ctx.goLiveDay;
        const recordedBy = migrated ? council.migrationUserId : council.managerOf(worker);
        const recordedAt = ctx.stamp(Math.max(allocation.from, ctx.goLiveDay), migrated ? 0 : 2);
        council.allocations.push(allocation);
        // Why a new social worker took over from the last (SSDA903 SW_REASON): the last one left, the
        // case moved between services, or, less often, another reason.
        const previous = allocation.role === 'social_worker' ? list.find((a) => a.role === 'social_worker' && a.to === allocation.from) : undefined;
        const previousWorker = previous ? council.worker(previous.workerId) : undefined;
        const changeReason = !previous
          ? null
          : previousWorker?.leftOn !== null && previousWorker?.leftOn !== undefined && previousWorker.leftOn <= allocation.from + 1
            ? ctx.rng.chance(0.85) ? 'LEFTRL' : 'FCONTA'
            : previous.service !== allocation.service
              ? 'TSPROC'
              : ctx.rng.weighted([['MANAGE', 40], ['ABSENC', 20], ['ORGRST', 12], ['OTHERS', 12], ['CHCHAN', 8], ['PCCHAN', 8]] as const);
        this.rows.push({
          id: allocation.id,
          child_id: allocation.childId,
          worker_id: worker.id,
          role: allocation.role,
          from_date: isoDate(allocation.from),
          to_date: allocation.to === null ? null : isoDate(allocation.to),
          change_reason: changeReason,
          recorded_by: recordedBy,
          recorded_at: recordedAt,
        });
        this.events.push(
          ctx.eventRow({
            childId: allocation.childId,
            type: 'allocation.started',
            occurredOn: allocation.from,
            sourceTable: 'allocation',
            sourceId: allocation.id,
            title: `${worker.displayName} allocated as ${label}${team ? ` (${team.name})` : ''}`,
            recordedBy,
            recordedAt,
          }),
        );
        if (allocation.to !== null) {
          this.events.push(
            ctx.eventRow({
              childId: allocation.childId,
              type: 'allocation.ended',
              occurredOn: allocation.to,
              sourceTable: 'allocation',
              sourceId: allocation.id,
              title: `${worker.displayName} no longer ${label}`,
              recordedBy: allocation.to < ctx.goLiveDay ? council.migrationUserId : council.managerOf(worker),
            }),
          );
        }
      }
    }
  }
}

export const allocations: Stage = {
  name: 'allocations',
  async run(ctx) {
    const { council, rng } = ctx;
    const allocator = new Allocator(ctx);
    for (const family of council.families) {
      const children = family.childIds.map((id) => council.child(id));
      // Siblings share the family's outline; a baby born later joins from birth.
      const eldest = children.reduce((a, b) => (a.dateOfBirth <= b.dateOfBirth ? a : b));
      const runs = [...runsOf(eldest.periods), ...iroRuns(eldest.periods)];
      for (const run of runs) {
        const teams = council.teamsFor(run.service);
        const teamId = teams.length ? rng.pick(teams).id : undefined;
        const onRun = children.filter((c) => c.dateOfBirth <= (run.to ?? ctx.todayDay));
        const segments = allocator.segments(run, teamId, onRun.length);
        for (const child of onRun) allocator.allocate(child, run, segments);
      }
    }
    allocator.finish();
    await ctx.insert('allocation', allocator.rows);
    await ctx.insert('child_event', allocator.events);

    const caseHolders = council.workers.filter((w) => w.active && w.role !== 'team_manager' && (w.role === 'social_worker' || w.role === 'personal_adviser'));
    const loads = caseHolders.map((w) => allocator.load.get(w.id) ?? 0).sort((a, b) => a - b);
    const open = allocator.rows.filter((r) => r.to_date === null).length;
    ctx.log(
      `${allocator.rows.length} allocations (${open} open); caseloads of ${loads.length} social workers and personal advisers ` +
        `${loads[0] ?? 0}-${loads[loads.length - 1] ?? 0} (median ${loads[Math.floor(loads.length / 2)] ?? 0})`,
    );
  },
};
