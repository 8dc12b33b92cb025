// Factual items of an audit, read from the record rather than asked of the auditor (seed QA-05,
// DQ-41; Wandsworth 2017 ¶23: internal audits judged most strategy discussions "good" when none
// complied with statutory guidance). Each says whether the record shows the standard met (true), not
// met (false), or does not apply (null), and what the record says, in a worker's words. All the
// facts of a child come from one statement; timescales come from the clocks (src/clocks/rules.ts),
// never worked out here.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { formatDate } from '../server/format.ts';

export const FACTS = {
  strategy_agencies: 'The latest strategy discussion had police, health and children’s social care (Working Together 2023 ¶1.4.97; Wandsworth 2017 ¶23)',
  seen_in_assessment: 'The child was seen during the latest assessment (Working Together 2023 ¶3.2.4)',
  assessment_on_time: 'The latest assessment was completed within 45 working days of the referral (Working Together 2023 ¶3.2.18; clock “assessment-completed”)',
  visits_on_time: 'Every statutory visit due in the six months before the audit was made on time (clocks “cp-visit”, “cin-visit”, “looked-after-visit”)',
  plan_actions_on_time: 'No action of the child’s current plan is open past its date (Southend 2016 ¶27)',
  contact_decision_on_time: 'The latest contact was decided within one working day (clock “contact-decision”)',
} as const;
export type FactCode = keyof typeof FACTS;
export const FACT_CODES = Object.keys(FACTS) as FactCode[];
export const isFactCode = (code: unknown): code is FactCode => typeof code === 'string' && Object.hasOwn(FACTS, code);

export interface Fact {
  met: boolean | null;
  says: string;
}

interface FactRow {
  sd_on: string | null;
  sd_agencies: string[] | null;
  as_started: string | null;
  as_seen_on: string | null;
  as_not_seen_reason: string | null;
  ac_due: string | null;
  ac_met: string | null;
  visits_due: number;
  visits_late: number;
  plan_kind: string | null;
  plan_actions: number;
  plan_overdue: number;
  cd_due: string | null;
  cd_met: string | null;
}

const AGENCY_NAMES: Record<string, string> = { POLICE: 'police', HEALTH: 'health', SOCIAL_CARE: 'children’s social care', EDUCATION: 'education', PROBATION: 'probation', OTHER: 'another agency' };
const REQUIRED_AGENCIES = ['POLICE', 'HEALTH', 'SOCIAL_CARE'];

/** What the record says for each factual item about `childId`, as it stood on `on`. One statement. */
export async function factsOf(db: Db, childId: string, on: string): Promise<Record<FactCode, Fact>> {
  const since = sql`(${on}::date - 183)`;
  const result = await sql<FactRow>`SELECT
      sd.held_on::text AS sd_on,
      (SELECT json_agg(DISTINCT a->>'agency') FROM jsonb_array_elements(sd.attendees::jsonb) a) AS sd_agencies,
      asm.started_on::text AS as_started, asm.child_seen_on::text AS as_seen_on, asm.child_not_seen_reason AS as_not_seen_reason,
      ac.due_on::text AS ac_due, ac.met_on::text AS ac_met,
      (SELECT count(*)::int FROM clock c WHERE c.child_id = ${childId} AND (c.rule_id IN ('cp-visit', 'cin-visit') OR c.rule_id LIKE 'looked-after-visit%')
        AND c.due_on >= ${since} AND c.due_on <= ${on}::date) AS visits_due,
      (SELECT count(*)::int FROM clock c WHERE c.child_id = ${childId} AND (c.rule_id IN ('cp-visit', 'cin-visit') OR c.rule_id LIKE 'looked-after-visit%')
        AND c.due_on >= ${since} AND c.due_on <= ${on}::date AND c.stopped_on IS NULL AND (c.met_on IS NULL OR c.met_on > c.due_on)) AS visits_late,
      pl.kind AS plan_kind,
      (SELECT count(*)::int FROM plan_action pa WHERE pa.plan_id = pl.id AND pa.deleted_at IS NULL) AS plan_actions,
      (SELECT count(*)::int FROM plan_action pa WHERE pa.plan_id = pl.id AND pa.deleted_at IS NULL
        AND pa.status IN ('not_started', 'in_progress') AND pa.due_on < ${on}::date) AS plan_overdue,
      cd.due_on::text AS cd_due, cd.met_on::text AS cd_met
    FROM (SELECT 1) one
    LEFT JOIN LATERAL (SELECT held_on, attendees FROM strategy_discussion WHERE child_id = ${childId} AND deleted_at IS NULL AND held_on <= ${on}::date
      ORDER BY held_on DESC LIMIT 1) sd ON true
    LEFT JOIN LATERAL (SELECT started_on, child_seen_on, child_not_seen_reason FROM assessment WHERE child_id = ${childId} AND deleted_at IS NULL AND started_on <= ${on}::date
      ORDER BY started_on DESC LIMIT 1) asm ON true
    LEFT JOIN LATERAL (SELECT due_on, met_on FROM clock WHERE child_id = ${childId} AND rule_id = 'assessment-completed' AND started_on <= ${on}::date AND stopped_on IS NULL
      AND (due_on <= ${on}::date OR met_on IS NOT NULL) ORDER BY started_on DESC LIMIT 1) ac ON true
    LEFT JOIN LATERAL (SELECT id, kind FROM plan WHERE child_id = ${childId} AND deleted_at IS NULL AND started_on <= ${on}::date
      AND (ended_on IS NULL OR ended_on >= ${on}::date) ORDER BY started_on DESC LIMIT 1) pl ON true
    LEFT JOIN LATERAL (SELECT due_on, met_on FROM clock WHERE child_id = ${childId} AND rule_id = 'contact-decision' AND started_on <= ${on}::date AND stopped_on IS NULL
      ORDER BY started_on DESC LIMIT 1) cd ON true`.execute(db);
  return factsFrom(result.rows[0]!);
}

/** The facts from the statement's row (pure: tested on its own). */
export function factsFrom(r: FactRow): Record<FactCode, Fact> {
  const agencies = r.sd_agencies ?? [];
  const missing = REQUIRED_AGENCIES.filter((a) => !agencies.includes(a));
  const names = (codes: readonly string[]) => codes.map((c) => AGENCY_NAMES[c] ?? c).join(', ');
  return {
    strategy_agencies: !r.sd_on
      ? { met: null, says: 'No strategy discussion is recorded' }
      : { met: missing.length === 0, says: `Strategy discussion on ${formatDate(r.sd_on)}: ${names(agencies) || 'no agencies recorded'}${missing.length ? `; not there: ${names(missing)}` : ''}` },
    seen_in_assessment: !r.as_started
      ? { met: null, says: 'No assessment is recorded' }
      : r.as_seen_on
        ? { met: true, says: `Assessment started ${formatDate(r.as_started)}: the child was seen on ${formatDate(r.as_seen_on)}` }
        : { met: false, says: `Assessment started ${formatDate(r.as_started)}: the child was not seen${r.as_not_seen_reason ? ` (${r.as_not_seen_reason})` : ''}` },
    assessment_on_time: !r.ac_due
      ? { met: null, says: 'No assessment was due' }
      : r.ac_met && r.ac_met <= r.ac_due
        ? { met: true, says: `Completed ${formatDate(r.ac_met)}, due ${formatDate(r.ac_due)}` }
        : { met: false, says: r.ac_met ? `Completed ${formatDate(r.ac_met)}, late: due ${formatDate(r.ac_due)}` : `Not completed: due ${formatDate(r.ac_due)}` },
    visits_on_time: r.visits_due === 0
      ? { met: null, says: 'No statutory visit was due in the six months before the audit' }
      : { met: r.visits_late === 0, says: `${r.visits_due - r.visits_late} of ${r.visits_due} visits due in the six months before the audit made on time` },
    plan_actions_on_time: !r.plan_kind
      ? { met: null, says: 'The child had no plan open' }
      : { met: r.plan_actions > 0 && r.plan_overdue === 0, says: r.plan_actions === 0 ? 'The plan has no actions' : `${r.plan_actions} actions on the plan, ${r.plan_overdue} open past their date` },
    contact_decision_on_time: !r.cd_due
      ? { met: null, says: 'No contact is recorded' }
      : r.cd_met && r.cd_met <= r.cd_due
        ? { met: true, says: `Decided ${formatDate(r.cd_met)}, due ${formatDate(r.cd_due)}` }
        : { met: false, says: r.cd_met ? `Decided ${formatDate(r.cd_met)}, late: due ${formatDate(r.cd_due)}` : `Not decided: due ${formatDate(r.cd_due)}` },
  };
}

/**
 * The same facts for many (child, day) pairs in one set-based statement, for the synthetic council,
 * which grades hundreds of audits before the database has its indexes: joins by child instead of a
 * lookup per audit. Gives what factsOf gives for each pair (tested).
 */
export async function factsOfMany(db: Db, wanted: readonly { childId: string; on: string }[]): Promise<Record<FactCode, Fact>[]> {
  if (wanted.length === 0) return [];
  const json = JSON.stringify(wanted.map((w, k) => ({ k, child_id: w.childId, on_date: w.on })));
  const visits = sql`(c.rule_id IN ('cp-visit', 'cin-visit') OR c.rule_id LIKE 'looked-after-visit%')`;
  const result = await sql<FactRow & { k: number }>`
    WITH w AS (SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS x(k int, child_id uuid, on_date date)),
    sd AS (SELECT DISTINCT ON (w.k) w.k, s.held_on, s.attendees FROM w JOIN strategy_discussion s ON s.child_id = w.child_id
      WHERE s.deleted_at IS NULL AND s.held_on <= w.on_date ORDER BY w.k, s.held_on DESC),
    asm AS (SELECT DISTINCT ON (w.k) w.k, a.started_on, a.child_seen_on, a.child_not_seen_reason FROM w JOIN assessment a ON a.child_id = w.child_id
      WHERE a.deleted_at IS NULL AND a.started_on <= w.on_date ORDER BY w.k, a.started_on DESC),
    ac AS (SELECT DISTINCT ON (w.k) w.k, c.due_on, c.met_on FROM w JOIN clock c ON c.child_id = w.child_id
      WHERE c.rule_id = 'assessment-completed' AND c.started_on <= w.on_date AND c.stopped_on IS NULL AND (c.due_on <= w.on_date OR c.met_on IS NOT NULL) ORDER BY w.k, c.started_on DESC),
    vi AS (SELECT w.k, count(*)::int AS due, (count(*) FILTER (WHERE c.stopped_on IS NULL AND (c.met_on IS NULL OR c.met_on > c.due_on)))::int AS late
      FROM w JOIN clock c ON c.child_id = w.child_id WHERE ${visits} AND c.due_on >= w.on_date - 183 AND c.due_on <= w.on_date GROUP BY w.k),
    pl AS (SELECT DISTINCT ON (w.k) w.k, w.on_date, p.id, p.kind FROM w JOIN plan p ON p.child_id = w.child_id
      WHERE p.deleted_at IS NULL AND p.started_on <= w.on_date AND (p.ended_on IS NULL OR p.ended_on >= w.on_date) ORDER BY w.k, p.started_on DESC),
    pa AS (SELECT pl.k, count(*)::int AS actions, (count(*) FILTER (WHERE a.status IN ('not_started', 'in_progress') AND a.due_on < pl.on_date))::int AS overdue
      FROM pl JOIN plan_action a ON a.plan_id = pl.id AND a.deleted_at IS NULL GROUP BY pl.k),
    cd AS (SELECT DISTINCT ON (w.k) w.k, c.due_on, c.met_on FROM w JOIN clock c ON c.child_id = w.child_id
      WHERE c.rule_id = 'contact-decision' AND c.started_on <= w.on_date AND c.stopped_on IS NULL ORDER BY w.k, c.started_on DESC)
    SELECT w.k, sd.held_on::text AS sd_on,
      (SELECT json_agg(DISTINCT e->>'agency') FROM jsonb_array_elements(sd.attendees::jsonb) e) AS sd_agencies,
      asm.started_on::text AS as_started, asm.child_seen_on::text AS as_seen_on, asm.child_not_seen_reason AS as_not_seen_reason,
      ac.due_on::text AS ac_due, ac.met_on::text AS ac_met, COALESCE(vi.due, 0) AS visits_due, COALESCE(vi.late, 0) AS visits_late,
      pl.kind AS plan_kind, COALESCE(pa.actions, 0) AS plan_actions, COALESCE(pa.overdue, 0) AS plan_overdue, cd.due_on::text AS cd_due, cd.met_on::text AS cd_met
    FROM w LEFT JOIN sd ON sd.k = w.k LEFT JOIN asm ON asm.k = w.k LEFT JOIN ac ON ac.k = w.k LEFT JOIN vi ON vi.k = w.k
      LEFT JOIN pl ON pl.k = w.k LEFT JOIN pa ON pa.k = w.k LEFT JOIN cd ON cd.k = w.k ORDER BY w.k`.execute(db);
  return result.rows.map((r) => factsFrom(r));
}
