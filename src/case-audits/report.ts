// The audit report, generated from the graded data so that what it says cannot contradict the grades
// (Southend 2016 ¶119, rec 2; seed QA-04, DQ-43): audits by overall grade, by domain, by team and by
// question (the themes), each count with the children behind it; the factual items graded against the
// record (DQ-41); moderation variance by the grader's role (Newham 2014 ¶133; QA-02, DQ-42); and the
// change found by re-audits (QA-03). Only audits of children the user may see are counted, so every
// count opens a list of exactly that many audits. A handful of grouped statements, whatever the size.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import { GRADES, type AuditorRole, type Grade } from './codes.ts';

export interface ReportFilter {
  from: string | null;
  to: string | null;
  tool: string | null;
}

/** A list of the audits behind one count. */
export interface CountFilter extends ReportFilter {
  grade?: Grade | null;
  domain?: string | null;
  question?: string | null;
  team?: string | null;
  overrides?: boolean;
  auditorRole?: AuditorRole | null;
}

const RANK = (column: RawBuilder<unknown>) =>
  sql`(CASE ${column} WHEN 'outstanding' THEN 1 WHEN 'good' THEN 2 WHEN 'requires_improvement' THEN 3 WHEN 'inadequate' THEN 4 END)`;

/** The audits counted: completed, in the period, with the tool, of children the user may see. */
function counted(user: SignedInUser, f: ReportFilter) {
  return sql`SELECT a.id, a.child_id, a.overall_grade, a.auditor_role, a.team_id, a.audited_on, a.reaudit_of FROM case_audit a
    WHERE a.status = 'completed' AND a.deleted_at IS NULL
      ${f.from ? sql`AND a.audited_on >= ${f.from}` : sql``} ${f.to ? sql`AND a.audited_on <= ${f.to}` : sql``}
      ${f.tool ? sql`AND a.tool_id = ${f.tool}` : sql``}
      AND ${childVisibleTo(user, sql`a.child_id`)}`;
}

export interface GradeCounts {
  outstanding: number;
  good: number;
  requires_improvement: number;
  inadequate: number;
  total: number;
}
const emptyCounts = (): GradeCounts => ({ outstanding: 0, good: 0, requires_improvement: 0, inadequate: 0, total: 0 });

interface GroupRow {
  key: string | null;
  label: string | null;
  grade: Grade;
  n: number;
  position?: number;
}

function group(rows: readonly GroupRow[]) {
  const out = new Map<string, { key: string | null; label: string; counts: GradeCounts; position: number }>();
  for (const r of rows) {
    const k = r.key ?? '';
    const entry = out.get(k) ?? { key: r.key, label: r.label ?? 'No team recorded', counts: emptyCounts(), position: r.position ?? 0 };
    entry.counts[r.grade] += r.n;
    entry.counts.total += r.n;
    out.set(k, entry);
  }
  return [...out.values()];
}

export interface ModerationVariance {
  auditorRole: AuditorRole;
  moderatorRole: AuditorRole;
  moderated: number;
  agreed: number;
  /** The auditor graded better than the moderator: more generous. */
  auditorHigher: number;
  auditorLower: number;
  /** The mean of (moderator's rank − auditor's rank): above 0, the auditor graded more generously. */
  meanDifference: number;
}

/** Every figure of the report. */
export async function auditReport(db: Db, user: SignedInUser, f: ReportFilter) {
  const audits = counted(user, f);
  const [overall, domains, teams, questions, moderation, overrides, reaudits] = await Promise.all([
    sql<{ grade: Grade; n: number; children: number }>`WITH a AS (${audits})
      SELECT overall_grade AS grade, count(*)::int AS n, count(DISTINCT child_id)::int AS children FROM a GROUP BY overall_grade`.execute(db),
    sql<GroupRow>`WITH a AS (${audits})
      SELECT x.domain_key AS key, min(x.domain_title) AS label, x.grade, count(*)::int AS n, min(x.position)::int AS position
      FROM a JOIN case_audit_answer x ON x.audit_id = a.id AND x.deleted_at IS NULL GROUP BY x.domain_key, x.grade`.execute(db),
    sql<GroupRow>`WITH a AS (${audits})
      SELECT a.team_id::text AS key, min(t.name) AS label, a.overall_grade AS grade, count(*)::int AS n FROM a LEFT JOIN team t ON t.id = a.team_id
      GROUP BY a.team_id, a.overall_grade`.execute(db),
    sql<GroupRow>`WITH a AS (${audits})
      SELECT x.question_key AS key, min(x.question) AS label, x.grade, count(*)::int AS n, min(x.position)::int AS position
      FROM a JOIN case_audit_answer x ON x.audit_id = a.id AND x.deleted_at IS NULL GROUP BY x.question_key, x.grade`.execute(db),
    sql<{ auditor_role: AuditorRole; moderator_role: AuditorRole; moderated: number; agreed: number; higher: number; lower: number; total_difference: number }>`WITH a AS (${audits}),
      m AS (SELECT DISTINCT ON (audit_id) audit_id, moderator_role, overall_grade FROM case_audit_moderation WHERE deleted_at IS NULL
        AND audit_id IN (SELECT id FROM a) ORDER BY audit_id, moderated_on DESC, recorded_at DESC)
      SELECT a.auditor_role, m.moderator_role, count(*)::int AS moderated,
        count(*) FILTER (WHERE ${RANK(sql`m.overall_grade`)} = ${RANK(sql`a.overall_grade`)})::int AS agreed,
        count(*) FILTER (WHERE ${RANK(sql`m.overall_grade`)} > ${RANK(sql`a.overall_grade`)})::int AS higher,
        count(*) FILTER (WHERE ${RANK(sql`m.overall_grade`)} < ${RANK(sql`a.overall_grade`)})::int AS lower,
        sum(${RANK(sql`m.overall_grade`)} - ${RANK(sql`a.overall_grade`)})::int AS total_difference
      FROM a JOIN m ON m.audit_id = a.id GROUP BY a.auditor_role, m.moderator_role ORDER BY a.auditor_role, m.moderator_role`.execute(db),
    sql<{ n: number }>`WITH a AS (${audits}) SELECT count(*)::int AS n FROM a JOIN case_audit_answer x ON x.audit_id = a.id AND x.deleted_at IS NULL AND x.override_reason IS NOT NULL`.execute(db),
    sql<{ better: number; same: number; worse: number }>`WITH a AS (${audits})
      SELECT count(*) FILTER (WHERE ${RANK(sql`a.overall_grade`)} < ${RANK(sql`f.overall_grade`)})::int AS better,
        count(*) FILTER (WHERE a.overall_grade = f.overall_grade)::int AS same,
        count(*) FILTER (WHERE ${RANK(sql`a.overall_grade`)} > ${RANK(sql`f.overall_grade`)})::int AS worse
      FROM a JOIN case_audit f ON f.id = a.reaudit_of AND f.deleted_at IS NULL AND f.status = 'completed'`.execute(db),
  ]);
  const byGrade = emptyCounts();
  let children = 0;
  for (const r of overall.rows) {
    byGrade[r.grade] += r.n;
    byGrade.total += r.n;
    children += r.children;
  }
  return {
    byGrade,
    byDomain: group(domains.rows).sort((a, b) => a.position - b.position),
    byTeam: group(teams.rows).sort((a, b) => a.label.localeCompare(b.label)),
    byQuestion: group(questions.rows).sort((a, b) => a.position - b.position || a.label.localeCompare(b.label)),
    moderation: moderation.rows.map(
      (r): ModerationVariance => ({
        auditorRole: r.auditor_role,
        moderatorRole: r.moderator_role,
        moderated: r.moderated,
        agreed: r.agreed,
        auditorHigher: r.higher,
        auditorLower: r.lower,
        meanDifference: Math.round((r.total_difference / r.moderated) * 100) / 100,
      }),
    ),
    overrides: overrides.rows[0]?.n ?? 0,
    reaudits: reaudits.rows[0] ?? { better: 0, same: 0, worse: 0 },
    /** Distinct children per grade summed: a child audited twice with different grades counts in both. */
    childrenByGrade: children,
  };
}

/** The questions most often graded requires improvement or inadequate: the themes of poor practice (QA-04). */
export function poorPracticeThemes(byQuestion: ReturnType<typeof group>, top = 5) {
  return byQuestion
    .map((q) => ({ ...q, poor: q.counts.requires_improvement + q.counts.inadequate }))
    .filter((q) => q.poor > 0)
    .sort((a, b) => b.poor / b.counts.total - a.poor / a.counts.total || b.poor - a.poor)
    .slice(0, top);
}

export const PAGE_SIZE = 25;

/** A page of the audits behind one count, with the total: paged in SQL. */
export async function auditsBehind(db: Db, user: SignedInUser, f: CountFilter, page: number) {
  const audits = counted(user, f);
  const answerCondition = f.domain || f.question || f.overrides;
  const result = await sql<{
    id: string;
    child_id: string;
    name: string;
    audited_on: string;
    overall_grade: Grade;
    auditor_role: AuditorRole;
    auditor_name: string | null;
    team_name: string | null;
    tool_name: string;
    child_experience: string;
    answer_grade: Grade | null;
    question: string | null;
    fact_says: string | null;
    override_reason: string | null;
    moderated_grade: Grade | null;
    total: number;
  }>`WITH a AS (${audits})
    SELECT ca.id, ca.child_id, concat_ws(' ', p.first_name, p.last_name) AS name, ca.audited_on::text, ca.overall_grade, ca.auditor_role,
      u.display_name AS auditor_name, t.name AS team_name, tl.name AS tool_name, ca.child_experience,
      x.grade AS answer_grade, x.question, x.fact_says, x.override_reason,
      (SELECT m.overall_grade FROM case_audit_moderation m WHERE m.audit_id = ca.id AND m.deleted_at IS NULL ORDER BY m.moderated_on DESC LIMIT 1) AS moderated_grade,
      (count(*) OVER ())::int AS total
    FROM a JOIN case_audit ca ON ca.id = a.id
    JOIN person p ON p.id = ca.child_id
    JOIN audit_tool tl ON tl.id = ca.tool_id
    LEFT JOIN app_user u ON u.id = ca.auditor_id
    LEFT JOIN team t ON t.id = ca.team_id
    ${
      answerCondition
        ? sql`JOIN case_audit_answer x ON x.audit_id = ca.id AND x.deleted_at IS NULL
            ${f.domain ? sql`AND x.domain_key = ${f.domain}` : sql``} ${f.question ? sql`AND x.question_key = ${f.question}` : sql``}
            ${f.grade ? sql`AND x.grade = ${f.grade}` : sql``} ${f.overrides ? sql`AND x.override_reason IS NOT NULL` : sql``}`
        : sql`LEFT JOIN LATERAL (SELECT NULL::text AS grade, NULL::text AS question, NULL::text AS fact_says, NULL::text AS override_reason) x ON true`
    }
    WHERE true
      ${!answerCondition && f.grade ? sql`AND ca.overall_grade = ${f.grade}` : sql``}
      ${f.team === 'none' ? sql`AND ca.team_id IS NULL` : f.team ? sql`AND ca.team_id = ${f.team}` : sql``}
      ${f.auditorRole ? sql`AND ca.auditor_role = ${f.auditorRole} AND EXISTS (SELECT 1 FROM case_audit_moderation m WHERE m.audit_id = ca.id AND m.deleted_at IS NULL)` : sql``}
    ORDER BY ca.audited_on DESC, ca.id
    LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`.execute(db);
  return { rows: result.rows, total: result.rows[0]?.total ?? 0 };
}

export const GRADE_ORDER = GRADES.map((g) => g.code);
