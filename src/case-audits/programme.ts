// The audit programme (QA-06, QA-07): the samples drawn, the audits waiting to be graded and the
// latest completed, of children the user may see; paged in SQL.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import type { AuditorRole, Grade, SampleKind } from './codes.ts';

export const PROGRAMME_PAGE = 25;

export async function programmeOf(db: Db, user: SignedInUser, page: number) {
  const visible = childVisibleTo(user, sql`a.child_id`);
  const [samples, planned, completed] = await Promise.all([
    sql<{ id: string; kind: SampleKind; tool_name: string; team_name: string | null; period_from: string; period_to: string; size: number; seed: number; eligible: number; drawn_on: string; drawn_by: string; planned: number; completed: number }>`
      SELECT s.id, s.kind, t.name AS tool_name, tm.name AS team_name, s.period_from::text, s.period_to::text, s.size, s.seed, s.eligible, s.drawn_on::text,
        u.display_name AS drawn_by,
        (SELECT count(*)::int FROM case_audit a WHERE a.sample_id = s.id AND a.status = 'planned' AND a.deleted_at IS NULL) AS planned,
        (SELECT count(*)::int FROM case_audit a WHERE a.sample_id = s.id AND a.status = 'completed' AND a.deleted_at IS NULL) AS completed
      FROM audit_sample s JOIN audit_tool t ON t.id = s.tool_id LEFT JOIN team tm ON tm.id = s.team_id JOIN app_user u ON u.id = s.recorded_by
      WHERE s.deleted_at IS NULL ORDER BY s.drawn_on DESC, s.recorded_at DESC LIMIT 10`.execute(db),
    sql<{ id: string; child_id: string; name: string; tool_name: string; drawn_on: string; subject_name: string | null; team_name: string | null; total: number }>`
      SELECT a.id, a.child_id, concat_ws(' ', p.first_name, p.last_name) AS name, t.name AS tool_name, s.drawn_on::text,
        w.display_name AS subject_name, tm.name AS team_name, (count(*) OVER ())::int AS total
      FROM case_audit a JOIN person p ON p.id = a.child_id JOIN audit_tool t ON t.id = a.tool_id LEFT JOIN audit_sample s ON s.id = a.sample_id
        LEFT JOIN app_user w ON w.id = a.subject_worker_id LEFT JOIN team tm ON tm.id = a.team_id
      WHERE a.status = 'planned' AND a.deleted_at IS NULL AND ${visible}
      ORDER BY s.drawn_on, a.id LIMIT ${PROGRAMME_PAGE} OFFSET ${(page - 1) * PROGRAMME_PAGE}`.execute(db),
    sql<{ id: string; child_id: string; name: string; tool_name: string; audited_on: string; overall_grade: Grade; auditor_role: AuditorRole; auditor_name: string; moderated: boolean }>`
      SELECT a.id, a.child_id, concat_ws(' ', p.first_name, p.last_name) AS name, t.name AS tool_name, a.audited_on::text, a.overall_grade, a.auditor_role,
        u.display_name AS auditor_name, EXISTS (SELECT 1 FROM case_audit_moderation m WHERE m.audit_id = a.id AND m.deleted_at IS NULL) AS moderated
      FROM case_audit a JOIN person p ON p.id = a.child_id JOIN audit_tool t ON t.id = a.tool_id JOIN app_user u ON u.id = a.auditor_id
      WHERE a.status = 'completed' AND a.deleted_at IS NULL AND ${visible}
      ORDER BY a.audited_on DESC, a.id LIMIT 10`.execute(db),
  ]);
  return { samples: samples.rows, planned: planned.rows, plannedTotal: planned.rows[0]?.total ?? 0, completed: completed.rows };
}
