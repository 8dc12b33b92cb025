// Case audits over the last year (issue 8; decision 0024): each quarter a random sample of every
// case-holding team's children, graded by the team's manager, and council-wide samples of strategy
// discussions and of contacts closed with no further action, graded by senior managers or the
// quality team. First-line managers grade about one grade more generously than the true quality on
// about a third of their audits (Newham 2014 ¶133), so the moderation variance shows it; a quarter
// of audits are moderated; factual items graded against the record carry a reason; audits graded
// requires improvement or worse set actions for the worker; a few are re-audited. The samples are
// drawn with the same SQL the programme page uses, from their recorded seeds. The factual items are
// read from the record as it stands when this stage runs (the clocks stage derives the timescale
// clocks later, so the timescale items say "does not apply" here).
import { createHash } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { GRADES, type AuditorRole, type Grade, type SampleKind } from '../../case-audits/codes.ts';
import { DEFAULT_TOOLS, GENERAL_TOOL_ID, NFA_TOOL_ID, STRATEGY_TOOL_ID } from '../../case-audits/default-tools.ts';
import { factsOfMany } from '../../case-audits/facts.ts';
import { questionsOf } from '../../case-audits/tools.ts';
import { auditTitle } from '../../case-audits/service.ts';
import type { SynthWorker } from '../context.ts';
import { dayOf, isoOf } from '../dates.ts';
import type { Stage } from '../stages.ts';
import { midSentence } from '../../server/format.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;

const CASE_HOLDING = ['assessment', 'safeguarding', 'looked-after', 'leaving-care', 'early-help'];
const gradeOf = (rank: number): Grade => GRADES[Math.min(4, Math.max(1, rank)) - 1]!.code;

const EXPERIENCE = [
  'The child is seen regularly and alone; their wishes are recorded in their own words and shaped the plan.',
  'The child’s daily life is described, but their views were last recorded months ago.',
  'Home is calmer since the parenting work began; the child says they feel listened to.',
  'The child’s experience is hard to see in the record: visits describe the parents, not the child.',
  'School attendance has improved and the child has a trusted adult there.',
];
const IMPACT = [
  'The plan has reduced the risk: fewer police call-outs and the child is attending school.',
  'Little has changed for the child since the last review; actions drift without dates being kept.',
  'The work has helped the family understand the risk; the next step is sustaining it.',
  'Drift in the plan has left the child in neglect for longer than necessary.',
];
const ACTIONS = ['Visit the child alone and record their views', 'Update the chronology and the analysis of risk', 'Hold a core group to set dates for each action', 'Record management oversight with a clear direction', 'Complete the outstanding health assessment referral'];
const OVERRIDES = ['Health gave their view by telephone the same day, recorded in the case notes.', 'The visit was made on time but recorded late.', 'The action was completed; the record has not been updated.'];

export const caseAudits: Stage = {
  name: 'case-audits',
  async run(ctx) {
    const { rng, council, todayDay } = ctx;
    const leaders = council.workers.filter((w) => w.role === 'senior_leader' && w.active);
    const analysts = council.workers.filter((w) => w.role === 'performance_analyst' && w.active);
    const managersById = new Map(council.workers.filter((w) => w.role === 'team_manager' && w.active).map((w) => [w.id, w]));
    if (!leaders.length) return ctx.log('no senior leader: no case audits');
    const teams = council.teams.filter((t) => CASE_HOLDING.includes(t.service) && t.managerId && managersById.has(t.managerId));

    // Who worked with each child when (the auditor must not be the child's worker, now or recently).
    const allocations = await ctx.db.selectFrom('allocation').select(['child_id', 'worker_id', 'from_date', 'to_date']).where('role', '<>', 'iro').where('deleted_at', 'is', null).execute();
    const workedWith = new Map<string, { worker: string; from: number; to: number | null }[]>();
    for (const a of allocations) {
      const list = workedWith.get(a.child_id) ?? [];
      list.push({ worker: a.worker_id, from: dayOf(a.from_date), to: a.to_date ? dayOf(a.to_date) : null });
      workedWith.set(a.child_id, list);
    }
    // The pools samples are drawn from, read once: the same children the programme's SQL draws
    // (sampleChildren; the synthetic council's test redraws a sample there from its seed), without a
    // statement per sample before the database has its indexes.
    const [hidden, nfa, discussions] = await Promise.all([
      ctx.db.selectFrom('person').select('id').where((eb) => eb.or([eb('restricted', '=', true), eb('deleted_at', 'is not', null)])).execute(),
      ctx.db.selectFrom('contact as c').innerJoin('contact_decision as d', 'd.contact_id', 'c.id').select(['c.child_id', 'd.decided_on']).where('d.outcome', '=', 'NFA').where('c.child_id', 'is not', null).where('c.deleted_at', 'is', null).where('d.deleted_at', 'is', null).execute(),
      ctx.db.selectFrom('strategy_discussion').select(['child_id', 'held_on']).where('deleted_at', 'is', null).execute(),
    ]);
    const hiddenIds = new Set(hidden.map((h) => h.id));
    const teamOf = new Map(council.workers.map((w) => [w.id, w.teamId]));
    const byTeam = new Map<string, { child: string; from: string; to: string | null }[]>();
    for (const a of allocations) {
      const team = teamOf.get(a.worker_id);
      if (!team) continue;
      const list = byTeam.get(team) ?? [];
      list.push({ child: a.child_id, from: a.from_date, to: a.to_date });
      byTeam.set(team, list);
    }
    const md5 = (text: string) => createHash('md5').update(text).digest('hex');
    const draw = (kind: SampleKind, teamId: string | null, from: string, to: string, size: number, seed: number) => {
      const pool = new Set<string>(
        kind === 'nfa_contacts'
          ? nfa.filter((n) => n.decided_on >= from && n.decided_on <= to).map((n) => n.child_id!)
          : kind === 'strategy_discussions'
            ? discussions.filter((d) => d.held_on >= from && d.held_on <= to).map((d) => d.child_id)
            : kind === 'team_random'
              ? (byTeam.get(teamId!) ?? []).filter((a) => a.from <= to && (a.to === null || a.to >= from)).map((a) => a.child)
              : [],
      );
      const visible = [...pool].filter((c) => !hiddenIds.has(c));
      const keyed = visible.map((c) => ({ c, key: md5(`${seed}:${c}`) }));
      const chosen = keyed.sort((a, b) => (a.key < b.key ? -1 : 1)).slice(0, size).map((k) => k.c);
      return chosen.map((child) => {
        const worked = allocationsOf.get(child)?.filter((a) => a.from_date <= to).sort((a, b) => (a.to_date === null ? 0 : 1) - (b.to_date === null ? 0 : 1) || (b.to_date ?? '').localeCompare(a.to_date ?? '') || b.from_date.localeCompare(a.from_date))[0];
        return { child_id: child, eligible: visible.length, worker_id: worked?.worker_id ?? null, team_id: worked ? (teamOf.get(worked.worker_id) ?? null) : null };
      });
    };
    const allocationsOf = new Map<string, typeof allocations>();
    for (const a of allocations) allocationsOf.set(a.child_id, [...(allocationsOf.get(a.child_id) ?? []), a]);
    const ownWork = (workerId: string, childId: string, day: number) => (workedWith.get(childId) ?? []).some((a) => a.worker === workerId && a.from <= day && (a.to === null || a.to >= day - 183));

    const tools = new Map(DEFAULT_TOOLS.map((t) => [t.id, { name: t.name, questions: questionsOf(t.domains) }]));
    const rows = {
      audit_sample: [] as Row<'audit_sample'>[],
      case_audit: [] as Row<'case_audit'>[],
      case_audit_answer: [] as Row<'case_audit_answer'>[],
      case_audit_moderation: [] as Row<'case_audit_moderation'>[],
      case_action: [] as Row<'case_action'>[],
    };
    const events: Row<'child_event'>[] = [];
    const counts = { planned: 0, completed: 0, moderated: 0, overrides: 0, reaudits: 0, generous: 0, firstLine: 0 };
    const names = new Map(council.workers.map((w) => [w.id, w.displayName]));

    interface Spec { id: string; childId: string; toolId: string; sampleId: string | null; reauditOf: string | null; subject: string | null; teamId: string | null; day: number; auditor: SynthWorker; role: AuditorRole; trueRank: number; rank: number }
    const specs: Spec[] = [];

    /** Plans a graded audit: about a third of first-line managers' grades are a grade above the work; a few poor ones are re-audited later (QA-03). */
    const plan = (a: Omit<Spec, 'rank'>) => {
      const generous = a.role === 'first_line' && a.trueRank > 1 && rng.chance(0.35);
      if (a.role === 'first_line') counts.firstLine++;
      if (generous) counts.generous++;
      const spec = { ...a, rank: generous ? a.trueRank - 1 : a.trueRank };
      specs.push(spec);
      const again = a.day + rng.int(60, 90);
      if (spec.rank >= 3 && !a.reauditOf && again < todayDay && rng.chance(0.12)) {
        counts.reaudits++;
        plan({ ...a, id: rng.uuid(), sampleId: null, reauditOf: a.id, day: again, trueRank: rng.chance(0.6) ? a.trueRank - 1 : a.trueRank });
      }
    };

    /** Grades a planned audit with what the record said that day; perhaps moderates it and sets actions. */
    const grade = (a: Spec, facts: Awaited<ReturnType<typeof factsOfMany>>[number]) => {
      const tool = tools.get(a.toolId)!;
      const rank = a.rank;
      const at = ctx.stamp(a.day, 1);
      for (const q of tool.questions) {
        let r = Math.min(4, Math.max(1, rank + rng.weighted([[0, 6], [-1, 2], [1, 2]] as const)));
        const fact = q.fact ? facts[q.fact] : null;
        let override: string | null = null;
        if (fact?.met === false && r <= 2) {
          if (a.role === 'first_line' && rng.chance(0.5)) override = rng.pick(OVERRIDES);
          else r = 3;
        }
        if (override) counts.overrides++;
        rows.case_audit_answer.push({ id: rng.uuid(), audit_id: a.id, child_id: a.childId, domain_key: q.domainKey, domain_title: q.domainTitle, question_key: q.key, question: q.text, position: q.position, grade: gradeOf(r), comment: null, fact: q.fact, fact_met: fact?.met ?? null, fact_says: fact?.says ?? null, override_reason: override, recorded_by: a.auditor.id, recorded_at: at });
      }
      const overall = gradeOf(rank);
      rows.case_audit.push({ id: a.id, child_id: a.childId, tool_id: a.toolId, sample_id: a.sampleId, reaudit_of: a.reauditOf, subject_worker_id: a.subject, team_id: a.teamId, status: 'completed', audited_on: isoOf(a.day), auditor_id: a.auditor.id, auditor_role: a.role, overall_grade: overall, child_experience: rng.pick(EXPERIENCE), impact: rng.pick(IMPACT), recorded_by: a.auditor.id, recorded_at: at });
      events.push(ctx.eventRow({ childId: a.childId, type: 'case-audit.completed', occurredOn: a.day, sourceTable: 'case_audit', sourceId: a.id, scopeId: a.id, title: auditTitle(tool.name, overall, a.role, Boolean(a.reauditOf)), recordedBy: a.auditor.id, recordedAt: at }));
      counts.completed++;

      // A quarter are moderated by a second grader (QA-01, QA-02).
      const modDay = a.day + rng.int(3, 20);
      if (rng.chance(0.25) && modDay < todayDay) {
        const moderator = a.role === 'first_line' ? rng.pick(leaders) : a.role === 'senior' && analysts.length ? rng.pick(analysts) : rng.pick(leaders);
        if (moderator.id !== a.auditor.id && !ownWork(moderator.id, a.childId, modDay)) {
          const modRole: AuditorRole = moderator.role === 'senior_leader' ? 'senior' : moderator.role === 'team_manager' ? 'first_line' : 'external';
          const modGrade = gradeOf(a.trueRank + (rng.chance(0.15) ? rng.pick([-1, 1]) : 0));
          const mid = rng.uuid();
          rows.case_audit_moderation.push({ id: mid, audit_id: a.id, child_id: a.childId, moderated_on: isoOf(modDay), moderator_id: moderator.id, moderator_role: modRole, overall_grade: modGrade, comment: modGrade === overall ? 'Agree with the auditor’s grade and findings.' : 'The evidence on file does not support the auditor’s grade.', recorded_by: moderator.id, recorded_at: ctx.stamp(modDay, 1) });
          events.push(ctx.eventRow({ childId: a.childId, type: 'case-audit.moderated', occurredOn: modDay, sourceTable: 'case_audit_moderation', sourceId: mid, scopeId: a.id, title: `Case audit moderated: ${modGrade === overall ? 'agreed' : midSentence(GRADES.find((g) => g.code === modGrade)!.label)}`, recordedBy: moderator.id }));
          counts.moderated++;
        }
      }

      // Actions for the worker where the work requires improvement (QA-03).
      if (rank >= 3 && a.subject) {
        for (let i = 0; i < rng.int(1, 2); i++) {
          const due = a.day + rng.int(10, 35);
          const done = due < todayDay && rng.chance(0.7);
          rows.case_action.push({ id: rng.uuid(), child_id: a.childId, source: 'audit', source_id: a.id, description: rng.pick(ACTIONS), owner: names.get(a.subject) ?? 'Allocated social worker', owner_user_id: a.subject, due_on: isoOf(due), status: done ? 'done' : due < todayDay ? 'in_progress' : 'not_started', status_reason: null, completed_on: done ? isoOf(Math.max(a.day, Math.min(todayDay - 1, due - rng.int(0, 5)))) : null, recorded_by: a.auditor.id, recorded_at: at });
        }
      }
    };

    const drawAndAudit = async (kind: SampleKind, toolId: string, teamId: string | null, from: number, to: number, size: number, auditorFor: (subject: string | null) => { auditor: SynthWorker; role: AuditorRole }) => {
      const seed = rng.int(1, 2_000_000_000);
      const input = { kind, toolId, teamId, periodFrom: isoOf(from), periodTo: isoOf(to), size, seed };
      const drawn = draw(kind, teamId, input.periodFrom, input.periodTo, size, seed);
      if (!drawn.length) return;
      const sampleId = rng.uuid();
      const drawnOn = Math.min(todayDay, to + rng.int(1, 7));
      const { auditor: drawer } = auditorFor(null);
      rows.audit_sample.push({ id: sampleId, kind, tool_id: toolId, team_id: teamId, period_from: input.periodFrom, period_to: input.periodTo, size, seed, drawn_on: isoOf(drawnOn), eligible: drawn[0]!.eligible, recorded_by: drawer.id, recorded_at: ctx.stamp(drawnOn) });
      for (const d of drawn) {
        const day = drawnOn + rng.int(2, 30);
        let { auditor, role } = auditorFor(d.worker_id);
        if (ownWork(auditor.id, d.child_id, day) || auditor.id === d.worker_id) ({ auditor, role } = { auditor: rng.pick(leaders), role: 'senior' });
        const id = rng.uuid();
        if (day >= todayDay) {
          counts.planned++;
          rows.case_audit.push({ id, child_id: d.child_id, tool_id: toolId, sample_id: sampleId, reaudit_of: null, subject_worker_id: d.worker_id, team_id: d.team_id, status: 'planned', audited_on: null, auditor_id: null, auditor_role: null, overall_grade: null, child_experience: null, impact: null, recorded_by: drawer.id, recorded_at: ctx.stamp(drawnOn) });
          continue;
        }
        const trueRank = rng.weighted([[1, 5], [2, 35], [3, 40], [4, 20]] as const);
        plan({ id, childId: d.child_id, toolId, sampleId, reauditOf: null, subject: d.worker_id, teamId: d.team_id, day, auditor, role, trueRank });
      }
    };

    const size = ctx.profile.size === 'large' ? 4 : 3;
    for (let q = 0; q < 4; q++) {
      const from = todayDay - 364 + q * 91;
      const to = Math.min(todayDay - 1, from + 90);
      for (const team of teams) {
        const manager = managersById.get(team.managerId!)!;
        await drawAndAudit('team_random', GENERAL_TOOL_ID, team.id, from, to, size, () => ({ auditor: manager, role: 'first_line' }));
      }
      // Council-wide thematic samples (QA-06): strategy discussions in the quarter's last month, and
      // a week's contacts closed with no further action; graded by senior managers or the quality team.
      const thematic = () => (analysts.length && rng.chance(0.3) ? { auditor: rng.pick(analysts), role: 'external' as const } : { auditor: rng.pick(leaders), role: 'senior' as const });
      await drawAndAudit('strategy_discussions', STRATEGY_TOOL_ID, null, to - 30, to, size, thematic);
      await drawAndAudit('nfa_contacts', NFA_TOOL_ID, null, to - 6, to, size, thematic);
    }

    // What the record said on each audit's day, for every audit at once.
    const facts = await factsOfMany(ctx.db, specs.map((a) => ({ childId: a.childId, on: isoOf(a.day) })));
    specs.forEach((a, i) => grade(a, facts[i]!));

    for (const [table, list] of Object.entries(rows)) await ctx.insert(table as keyof typeof rows, list as never[]);
    await ctx.insert('child_event', events);
    ctx.log(
      `${rows.audit_sample.length} audit samples: ${counts.completed} audits graded (${counts.reaudits} re-audits), ${counts.planned} to grade; first-line managers graded ${counts.generous} of ${counts.firstLine} a grade above the work; ${counts.moderated} moderated, ${counts.overrides} factual items graded against the record with a reason, ${rows.case_action.length} actions`,
    );
  },
};
