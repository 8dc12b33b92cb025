// Supervision over the last 6 months for every qualified social worker with a supervisor: most
// supervised to policy (every 4 weeks; newly qualified weekly, then fortnightly, as the ASYE
// framework expects), some lapsing (Wandsworth 2016 ¶20: "varies in frequency and quality"),
// casework and reflective sessions apart (Southend 2016 ¶124), and in casework sessions about half
// the worker's children discussed, some briefly and task-only with little reflection (Newham 2014
// ¶134), with actions to the worker. Decision 0022.
import type { Insertable } from 'kysely';
import type { ChildEventTable, Database } from '../../db/schema.ts';
import { isoOf } from '../dates.ts';
import type { SynthAllocation, SynthWorker } from '../context.ts';
import type { Stage } from '../stages.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

const PROGRESS = [
  'Plan is progressing: mother has kept all appointments and school attendance is up to 92%.',
  'Little progress since the last review: the family did not engage with the parenting programme.',
  'Some progress: home conditions better; father’s contact still not assessed.',
  'Health assessment done; the dental check is still outstanding.',
];
const REFLECTION = [
  'We considered what the child’s quietness at school may mean alongside the missed health appointments; the pattern suggests neglect is re-emerging when mother’s mental health dips.',
  'Reflected on the worker’s optimism: the evidence of change rests on mother’s account alone. We need to hear from the child and the school directly.',
  'Discussed the child’s lived experience: contact with father unsettles them for days afterwards. The plan does not yet say how contact will be made safe.',
];
const DECISIONS = [
  'Continue the plan; review at the next core group.',
  'Convene a strategy discussion if another incident is reported.',
  'Request a legal planning meeting if there is no change by the review.',
  'Step down to child in need at the review if progress holds.',
];
const ACTIONS = ['Visit and see the child alone', 'Chase the school for attendance figures', 'Refer mother to the adult mental health team', 'Update the chronology before the review'];
const REFLECTIVE = [
  'Reflected on a difficult home visit and how the worker kept focus on the child. Discussed training on direct work with teenagers.',
  'Wellbeing check: caseload feels heavy. Agreed protected time for recording on Fridays.',
  'Learning from a case review: worker will present to the team on recognising cumulative harm.',
];

export const supervision: Stage = {
  name: 'supervision',
  async run(ctx) {
    const { rng, council, todayDay: T } = ctx;
    const from = T - 182;
    const byWorker = new Map<string, SynthAllocation[]>();
    for (const a of council.allocations) {
      if (a.role !== 'social_worker' || (a.to !== null && a.to <= from)) continue;
      const list = byWorker.get(a.workerId);
      if (list) list.push(a);
      else byWorker.set(a.workerId, [a]);
    }
    const supervisorOf = (w: SynthWorker): string | null => {
      const line = w.profile?.lineManagerId ?? (w.teamId ? council.team(w.teamId).managerId : null);
      return line && line !== w.id ? line : null;
    };
    const rows: {
      supervision_session: Row<'supervision_session'>[];
      supervision_discussion: Row<'supervision_discussion'>[];
      case_action: Row<'case_action'>[];
      supervision_concern: Row<'supervision_concern'>[];
    } = { supervision_session: [], supervision_discussion: [], case_action: [], supervision_concern: [] };
    const events: Insertable<ChildEventTable>[] = [];
    let workers = 0;
    let lapsing = 0;
    let brief = 0;
    for (const worker of council.workers) {
      const profile = worker.profile;
      if (!worker.active || !profile?.qualifiedOn) continue;
      const supervisorId = supervisorOf(worker);
      if (!supervisorId) continue;
      const supervisor = council.worker(supervisorId);
      workers++;
      // About 1 in 5 lapse: gaps of 6 to 10 weeks, and some stop altogether some weeks ago.
      const lapses = rng.chance(0.2);
      if (lapses) lapsing++;
      // A few have a capability or conduct concern on file (Newham 2014 ¶134), more often among the lapsing.
      if (rng.chance(lapses ? 0.25 : 0.06)) {
        const raised = T - rng.int(10, 150);
        const capability = rng.chance(0.7);
        rows.supervision_concern.push({
          id: rng.uuid(),
          worker_id: worker.id,
          raised_on: isoOf(raised),
          kind: capability ? 'capability' : 'conduct',
          concern: capability ? 'Assessments repeatedly late and lacking analysis; visits not recorded within 2 working days.' : 'Did not attend two planned home visits without telling the family or the team.',
          action_agreed: capability ? 'Weekly casework supervision for 8 weeks; a practice observation; review at the end.' : 'Discussed and a written reminder of expectations given.',
          told_worker_on: rng.chance(0.85) ? isoOf(Math.min(raised + rng.int(0, 7), T)) : null,
          recorded_by: supervisorId,
          recorded_at: ctx.stamp(raised, 1),
        });
      }
      const asyeStart = Math.max(profile.qualifiedOn, worker.startedOn);
      const newlyQualified = profile.asyeCompletedOn === null && T - profile.qualifiedOn < 365;
      const interval = (day: number) => (newlyQualified && day < asyeStart + 42 ? 7 : newlyQualified && day < asyeStart + 182 ? 14 : 28);
      let day = Math.max(from, worker.startedOn) + rng.int(0, 10);
      const stopsOn = lapses && rng.chance(0.5) ? T - rng.int(35, 70) : T;
      let casework = 0;
      while (day <= Math.min(stopsOn, T)) {
        const kind = casework > 0 && casework % 3 === 0 && rng.chance(0.8) ? 'reflective' : 'casework';
        const sessionId = rng.uuid();
        const brisk = rng.chance(0.3);
        rows.supervision_session.push({
          id: sessionId,
          worker_id: worker.id,
          supervisor_id: supervisorId,
          held_on: isoOf(day),
          kind,
          notes: kind === 'reflective' ? rng.pick(REFLECTIVE) : brisk ? '' : 'Caseload reviewed; recording up to date for most children.',
          recorded_by: supervisorId,
          recorded_at: ctx.stamp(Math.min(day + rng.int(0, 3), T), 2),
        });
        if (kind === 'casework') {
          casework++;
          const current = (byWorker.get(worker.id) ?? []).filter((a) => a.from <= day && (a.to === null || a.to > day));
          for (const a of current) {
            if (!rng.chance(0.5)) continue;
            // Newham 2014 ¶134: "brief and task-orientated with little evidence of reflection".
            const taskOnly = brisk || rng.chance(0.2);
            if (taskOnly) brief++;
            const id = rng.uuid();
            const progress = taskOnly ? 'Visit due.' : rng.pick(PROGRESS);
            const reflection = taskOnly ? 'Discussed.' : rng.pick(REFLECTION);
            const decisions = taskOnly ? 'Continue.' : rng.pick(DECISIONS);
            rows.supervision_discussion.push({
              id,
              session_id: sessionId,
              child_id: a.childId,
              discussed_on: isoOf(day),
              worker_id: worker.id,
              supervisor_id: supervisorId,
              progress,
              reflection,
              decisions,
              recorded_by: supervisorId,
              recorded_at: ctx.stamp(Math.min(day + 1, T), 2),
            });
            const actions: string[] = [];
            if (rng.chance(taskOnly ? 0.2 : 0.6)) {
              const due = day + rng.int(7, 28);
              const done = due < T && rng.chance(0.7);
              const description = rng.pick(ACTIONS);
              actions.push(`Action: ${description} (${worker.displayName}, by ${isoOf(due)})`);
              rows.case_action.push({
                id: rng.uuid(),
                child_id: a.childId,
                source: 'supervision',
                source_id: id,
                description,
                owner: worker.displayName,
                owner_user_id: worker.id,
                due_on: isoOf(due),
                status: done ? 'done' : 'not_started',
                status_reason: null,
                completed_on: done ? isoOf(Math.min(due - rng.int(0, 5), T)) : null,
                recorded_by: supervisorId,
              });
            }
            events.push(
              ctx.eventRow({
                childId: a.childId,
                type: 'supervision.discussed',
                occurredOn: day,
                sourceTable: 'supervision_discussion',
                sourceId: id,
                title: `Discussed in casework supervision: ${supervisor.displayName} with ${worker.displayName}`,
                detail: [`Progress against the plan: ${progress}`, `Reflection and analysis: ${reflection}`, `Decisions: ${decisions}`, ...actions].join('\n\n'),
                recordedBy: supervisorId,
              }),
            );
          }
        }
        const gap = interval(day);
        day += lapses && rng.chance(0.5) ? gap + rng.int(14, 42) : gap - rng.int(0, Math.min(4, gap - 5));
      }
    }
    for (const table of ['supervision_session', 'supervision_discussion', 'case_action', 'supervision_concern'] as const) await ctx.insert(table, rows[table] as never[]);
    await ctx.insert('child_event', events);
    ctx.log(
      `${rows.supervision_session.length} supervision sessions for ${workers} social workers (${lapsing} lapsing), ${rows.supervision_discussion.length} discussions of children (${brief} brief and task-only), ${rows.case_action.length} actions, ${rows.supervision_concern.length} capability or conduct concerns`,
    );
  },
};
