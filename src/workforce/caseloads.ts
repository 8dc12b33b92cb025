// Caseloads (WF-01, WF-02): each worker's open allocations, weighted by the kind of work, against the
// limit for their hours; newly qualified social workers against their protected limit. One grouped
// query for the workers of the teams asked for (the caseloads page sums it by team): never one per worker.
// "My work" shows the same figures for a manager's team (src/my-work/repository.ts calls caseloadRows).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/history.ts';
import { loadSettings, settingMax } from '../settings/council-settings.ts';
import type { CASELOAD_SETTINGS } from './caseload-settings.ts';
import { isNewlyQualified } from './newly-qualified.ts';

export interface CaseloadRules {
  childProtection: number;
  inCare: number;
  proceedings: number;
  perFte: number;
  newlyQualified: number;
}

export async function caseloadRules(db: Db): Promise<CaseloadRules> {
  const settings = await loadSettings(db);
  const value = (key: keyof typeof CASELOAD_SETTINGS) => settings[key] ?? settingMax(key);
  return {
    childProtection: value('caseloadWeightChildProtection'),
    inCare: value('caseloadWeightInCare'),
    proceedings: value('caseloadWeightProceedings'),
    perFte: value('caseloadPointsPerFte'),
    newlyQualified: value('caseloadPointsNewlyQualified'),
  };
}

export type CaseKind = 'proceedings' | 'child_protection' | 'in_care' | 'other';

/**
 * SQL: the heaviest kind of work a child is, for caseload weighting. Care proceedings before a
 * protection plan before care, since proceedings are the heaviest (Southend 2016 ¶123).
 */
export function caseKindOf(childId: RawBuilder<unknown>): RawBuilder<CaseKind> {
  return sql<CaseKind>`CASE
    WHEN EXISTS (SELECT 1 FROM care_proceedings wk_c WHERE wk_c.child_id = ${childId} AND wk_c.concluded_on IS NULL AND wk_c.deleted_at IS NULL) THEN 'proceedings'
    WHEN EXISTS (SELECT 1 FROM plan wk_p WHERE wk_p.child_id = ${childId} AND wk_p.kind = 'cp' AND wk_p.ended_on IS NULL AND wk_p.deleted_at IS NULL) THEN 'child_protection'
    WHEN EXISTS (SELECT 1 FROM care_period wk_l WHERE wk_l.child_id = ${childId} AND wk_l.ended_on IS NULL AND wk_l.deleted_at IS NULL) THEN 'in_care'
    ELSE 'other' END`;
}

export function weightOf(kind: CaseKind, rules: CaseloadRules): number {
  return kind === 'proceedings' ? rules.proceedings : kind === 'child_protection' ? rules.childProtection : kind === 'in_care' ? rules.inCare : 1;
}

export interface KindCounts {
  children: number;
  childProtection: number;
  inCare: number;
  proceedings: number;
}

export const pointsOf = (counts: KindCounts, rules: CaseloadRules): number =>
  counts.proceedings * rules.proceedings +
  counts.childProtection * rules.childProtection +
  counts.inCare * rules.inCare +
  (counts.children - counts.proceedings - counts.childProtection - counts.inCare);

/** The most points a worker may carry before they are flagged: the newly qualified have a protected, lower, limit. Null for those not flagged. */
export function limitFor(worker: { role: string; fte: number; newlyQualified: boolean }, rules: CaseloadRules): number | null {
  // Only social workers are flagged: IROs, personal advisers and managers carry caseloads of another size (decision 0023).
  if (worker.role !== 'social_worker') return null;
  const perFte = worker.newlyQualified ? Math.min(rules.newlyQualified, rules.perFte) : rules.perFte;
  return Math.round(perFte * worker.fte * 10) / 10;
}

export interface WorkerCaseload extends KindCounts {
  workerId: string;
  displayName: string;
  role: string;
  teamId: string;
  teamName: string;
  fte: number;
  employment: string | null;
  newlyQualified: boolean;
  points: number;
  limit: number | null;
  over: boolean;
}

/** Open allocations, one row per worker and child (a child held in two roles is one child). */
const openCases = (teamIds: readonly string[] | null) => sql`SELECT DISTINCT a.worker_id, a.child_id
  FROM allocation a
  JOIN app_user w ON w.id = a.worker_id
  JOIN person p ON p.id = a.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL
  WHERE a.to_date IS NULL AND a.deleted_at IS NULL
    ${teamIds ? sql`AND w.team_id IN (${sql.join(teamIds)})` : sql``}`;

const COUNTS = sql`count(k.child_id)::int AS children,
  (count(*) FILTER (WHERE k.kind = 'child_protection'))::int AS child_protection,
  (count(*) FILTER (WHERE k.kind = 'in_care'))::int AS in_care,
  (count(*) FILTER (WHERE k.kind = 'proceedings'))::int AS proceedings`;

interface CountRow {
  children: number;
  child_protection: number;
  in_care: number;
  proceedings: number;
}
const countsOf = (row: CountRow): KindCounts => ({ children: Number(row.children), childProtection: Number(row.child_protection), inCare: Number(row.in_care), proceedings: Number(row.proceedings) });

/** Every active case-holding member of the teams (all teams when null), with their weighted caseload. */
export async function caseloadRows(db: Db, teamIds: readonly string[] | null, today: string, rules?: CaseloadRules): Promise<WorkerCaseload[]> {
  if (teamIds && teamIds.length === 0) return [];
  const r = rules ?? (await caseloadRules(db));
  const rows = await sql<CountRow & { worker_id: string; display_name: string; role: string; team_id: string; team_name: string; fte: string | null; employment: string | null; qualified_on: string | null; asye_completed_on: string | null }>`
    WITH open_case AS (${openCases(teamIds)}),
    k AS (SELECT o.worker_id, o.child_id, ${caseKindOf(sql.ref('o.child_id'))} AS kind FROM open_case o)
    SELECT w.id AS worker_id, w.display_name, w.role, t.id AS team_id, t.name AS team_name,
      wp.fte::text AS fte, wp.employment, wp.qualified_on::text AS qualified_on, wp.asye_completed_on::text AS asye_completed_on, ${COUNTS}
    FROM app_user w
    JOIN team t ON t.id = w.team_id
    LEFT JOIN worker_profile wp ON wp.user_id = w.id
    LEFT JOIN k ON k.worker_id = w.id
    WHERE w.active AND w.role IN ('social_worker', 'team_manager', 'iro', 'personal_adviser', 'front_door_worker')
      ${teamIds ? sql`AND w.team_id IN (${sql.join(teamIds)})` : sql``}
    GROUP BY w.id, w.display_name, w.role, t.id, t.name, wp.fte, wp.employment, wp.qualified_on, wp.asye_completed_on
    ORDER BY t.name, w.display_name`.execute(db);
  return rows.rows.map((row) => {
    const counts = countsOf(row);
    const fte = row.fte === null ? 1 : Number(row.fte);
    const newlyQualified = isNewlyQualified(row, today);
    const points = pointsOf(counts, r);
    const limit = limitFor({ role: row.role, fte, newlyQualified }, r);
    return {
      workerId: row.worker_id,
      displayName: row.display_name,
      role: row.role,
      teamId: row.team_id,
      teamName: row.team_name,
      fte,
      employment: row.employment,
      newlyQualified,
      ...counts,
      points,
      limit,
      over: limit !== null && points > limit,
    };
  });
}

export interface TeamCaseload extends KindCounts {
  teamId: string;
  teamName: string;
  workers: number;
  points: number;
}

/** One worker's weighted caseload now, and what one more child would add: for the allocation guard. */
export async function workerLoad(db: Db, workerId: string, childId: string, rules: CaseloadRules): Promise<{ points: number; childKind: CaseKind }> {
  const row = await sql<CountRow & { child_kind: CaseKind }>`
    WITH k AS (SELECT o.child_id, ${caseKindOf(sql.ref('o.child_id'))} AS kind
      FROM (SELECT DISTINCT a.child_id FROM allocation a JOIN person p ON p.id = a.child_id AND p.deleted_at IS NULL AND p.merged_into IS NULL
        WHERE a.worker_id = ${workerId} AND a.to_date IS NULL AND a.deleted_at IS NULL AND a.child_id <> ${childId}) o)
    SELECT ${COUNTS}, ${caseKindOf(sql`${childId}::uuid`)} AS child_kind FROM k`.execute(db);
  const first = row.rows[0]!;
  return { points: pointsOf(countsOf(first), rules), childKind: first.child_kind };
}
