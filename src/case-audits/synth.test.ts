// The synthetic council's case audits (decision 0024): samples per team per quarter, redrawn from their
// seeds; no audit graded or moderated by the child's worker; first-line managers graded more
// generously than the senior managers who moderated them (Newham 2014 ¶133); overrides carry reasons.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.ts';
import { generateCouncil } from '../synth/generate.ts';
import type { SignedInUser } from '../access/policy.ts';
import { sampleChildren } from './service.ts';
import { factsOf, factsOfMany } from './facts.ts';

let handle: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await generateCouncil(handle.db, { size: 'tiny', seed: 11, today: '2026-11-20' });
}, 300_000);

afterAll(async () => {
  await handle?.close();
});

const one = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(handle.db)).rows[0]?.n ?? 0);

describe('the synthetic council’s case audits', () => {
  it('audits samples of every case-holding team each quarter, some graded, some still to grade', async () => {
    expect(await one(sql`SELECT count(*)::int AS n FROM audit_sample WHERE kind = 'team_random'`)).toBeGreaterThan(4);
    expect(await one(sql`SELECT count(*)::int AS n FROM case_audit WHERE status = 'completed'`)).toBeGreaterThan(10);
    expect(await one(sql`SELECT count(*)::int AS n FROM child_event WHERE type = 'case-audit.completed'`)).toBe(await one(sql`SELECT count(*)::int AS n FROM case_audit WHERE status = 'completed'`));
  });

  it('no audit is graded or moderated by a worker allocated to the child in the six months before (Southend 2016 ¶118)', async () => {
    const own = sql<{ n: number }>`SELECT count(*)::int AS n FROM case_audit a JOIN allocation l ON l.child_id = a.child_id AND l.worker_id = a.auditor_id AND l.role <> 'iro'
      AND l.from_date <= a.audited_on AND (l.to_date IS NULL OR l.to_date >= a.audited_on - 183)`;
    expect(await one(own)).toBe(0);
    const moderated = sql<{ n: number }>`SELECT count(*)::int AS n FROM case_audit_moderation m JOIN case_audit a ON a.id = m.audit_id WHERE m.moderator_id = a.auditor_id OR m.moderated_on < a.audited_on`;
    expect(await one(moderated)).toBe(0);
  });

  it('first-line managers grade more generously than the senior managers who moderate them (Newham 2014 ¶133; QA-02)', async () => {
    const rank = (c: string) => sql.raw(`(CASE ${c} WHEN 'outstanding' THEN 1 WHEN 'good' THEN 2 WHEN 'requires_improvement' THEN 3 ELSE 4 END)`);
    const result = await sql<{ n: number; diff: number }>`SELECT count(*)::int AS n, COALESCE(sum(${rank('m.overall_grade')} - ${rank('a.overall_grade')}), 0)::int AS diff
      FROM case_audit a JOIN case_audit_moderation m ON m.audit_id = a.id WHERE a.auditor_role = 'first_line' AND m.moderator_role = 'senior'`.execute(handle.db);
    expect(result.rows[0]!.n).toBeGreaterThan(0);
    expect(result.rows[0]!.diff).toBeGreaterThan(0);
  });

  it('every factual item graded good or better against the record carries the reason (DQ-41)', async () => {
    expect(await one(sql`SELECT count(*)::int AS n FROM case_audit_answer WHERE fact_met = false AND grade IN ('outstanding', 'good') AND override_reason IS NULL`)).toBe(0);
    expect(await one(sql`SELECT count(*)::int AS n FROM case_action WHERE source = 'audit' AND (due_on IS NULL OR trim(owner) = '')`)).toBe(0);
  });

  it('every sample drawn again from its recorded seed, by the programme’s SQL, gives the same children (QA-06)', async () => {
    const samples = await handle.db.selectFrom('audit_sample').selectAll().orderBy('id').execute();
    expect(samples.length).toBeGreaterThan(0);
    const leader = await handle.db.selectFrom('app_user').selectAll().where('role', '=', 'senior_leader').orderBy('username').executeTakeFirstOrThrow();
    const user: SignedInUser = { id: leader.id, username: leader.username, displayName: leader.display_name, role: 'senior_leader', teamId: leader.team_id, agency: null };
    for (const sample of samples) {
      const again = await sampleChildren(handle.db, user, { kind: sample.kind, toolId: sample.tool_id, teamId: sample.team_id, periodFrom: sample.period_from, periodTo: sample.period_to, size: sample.size, seed: sample.seed }, sample.seed);
      const drawn = await handle.db.selectFrom('case_audit').select(['child_id', 'subject_worker_id']).where('sample_id', '=', sample.id).execute();
      expect(again.map((r) => r.child_id).sort()).toEqual(drawn.map((r) => r.child_id).sort());
      expect(again[0]?.eligible).toBe(sample.eligible);
    }
  });

  it('the synthetic council’s set-based facts are the facts the grading page reads, child by child', async () => {
    const audits = await sql<{ child_id: string; on: string }>`SELECT child_id, audited_on::text AS on FROM case_audit WHERE status = 'completed' ORDER BY id LIMIT 25`.execute(handle.db);
    const many = await factsOfMany(handle.db, audits.rows.map((a) => ({ childId: a.child_id, on: a.on })));
    const each = await Promise.all(audits.rows.map((a) => factsOf(handle.db, a.child_id, a.on)));
    expect(many).toEqual(each);
    expect(each.some((f) => Object.values(f).some((x) => x.met !== null))).toBe(true);
  });
});
