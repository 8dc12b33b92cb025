// Every route the app registers, pages and API alike, checked the way an attacker and an auditor
// would: signed out it sends you to sign in; a user with no relationship to the child is refused and
// the refusal is audited naming the child; a user with one sees the page and exactly one audit row is
// written for the view. Routes are read from the app itself, so a new route is tested here without
// anyone writing a line (issue 6 §2; DESIGN §2.10: every read of a child's record is audited).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { startTestApp, TEST_TODAY, type Agent, type TestApp } from './support/app.ts';
import { generateCouncil } from '../src/synth/generate.ts';
import { recordCaseNote } from '../src/visits/service.ts';
import { startPlan } from '../src/plans/lifecycle.ts';
import type { ChildGuard, DeclaredRoute, OwnedRecord } from '../src/server/guard.ts';
import { installGuards, OWNED_RECORDS } from '../src/server/guard.ts';
import Fastify from 'fastify';

let t: TestApp;
let stranger: Agent;
let insider: Agent;

beforeAll(async () => {
  t = await startTestApp();
  // The synthetic council names its teams as the test app does.
  await t.ctx.db.updateTable('team').set({ name: sql<string>`'Test ' || name` }).execute();
  await generateCouncil(t.ctx.db, { size: 'tiny', seed: 7, today: TEST_TODAY });
  // Workers write case notes; the synthetic council does not yet.
  const children = await sql<{ id: string }>`SELECT id FROM person WHERE kind = 'child' AND NOT restricted ORDER BY id LIMIT 3`.execute(t.ctx.db);
  const author = { id: t.users.worker, username: 'worker', displayName: 'worker', role: 'social_worker' as const, teamId: t.teams.safeguarding, agency: null };
  for (const child of children.rows) {
    await recordCaseNote(t.ctx.db, author, child.id, { notedOn: '2026-11-02', title: 'Phone call with school', note: 'School says attendance is better.', significance: 'low' }, TEST_TODAY);
  }
  // The newest plans are the ones sampled: make one a child protection plan, for the protection plan pages.
  const cp = await sql<{ child_id: string; id: string }>`SELECT e.child_id, e.id FROM cin_episode e JOIN person p ON p.id = e.child_id AND NOT p.restricted
    WHERE e.closed_on IS NULL AND e.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM plan q WHERE q.child_id = e.child_id AND q.kind = 'cp' AND q.ended_on IS NULL AND q.deleted_at IS NULL)
    ORDER BY e.id LIMIT 1`.execute(t.ctx.db);
  for (const e of cp.rows) await startPlan(t.ctx.db, { childId: e.child_id, kind: 'cp', startedOn: TEST_TODAY, episodeId: e.id, categoryOfAbuse: 'NEG' }, t.users.worker, TEST_TODAY);
  // The front door asks other agencies about each contact; the synthetic council records no checks yet.
  await sql`INSERT INTO agency_check (id, contact_id, agency, asked_on, recorded_by)
    SELECT gen_random_uuid(), c.id, 'POLICE', c.received_on, ${t.users.frontDoor} FROM contact c WHERE c.child_id IS NOT NULL`.execute(t.ctx.db);
  // Only a manager of the front door team decides on a contact: the insider manages it too.
  await t.ctx.db.updateTable('team').set({ manager_id: t.users.manager }).where('id', '=', t.teams.frontDoor).execute();
  // Plans' outcomes and actions, and written agreements: the synthetic council records none yet. On
  // a child with one plan, so that the plan the route test picks is the one they belong to.
  const onePlan = await sql<{ id: string; child_id: string; started_on: string }>`SELECT q.id, q.child_id, q.started_on::text FROM plan q
    JOIN person p ON p.id = q.child_id AND NOT p.restricted AND p.merged_into IS NULL AND p.deleted_at IS NULL
    WHERE q.deleted_at IS NULL AND (SELECT count(*) FROM plan r WHERE r.child_id = q.child_id AND r.deleted_at IS NULL) = 1 ORDER BY q.id LIMIT 2`.execute(t.ctx.db);
  for (const plan of onePlan.rows) {
    await sql`INSERT INTO plan_outcome (id, plan_id, child_id, description, position, recorded_by)
      VALUES (gen_random_uuid(), ${plan.id}, ${plan.child_id}, 'Safe at home', 1, ${t.users.worker})`.execute(t.ctx.db);
    await sql`INSERT INTO plan_action (id, plan_id, child_id, description, owner, due_on, status, recorded_by)
      VALUES (gen_random_uuid(), ${plan.id}, ${plan.child_id}, 'Attend the parenting course', 'Mother', ${plan.started_on}::date + 28, 'not_started', ${t.users.worker})`.execute(t.ctx.db);
    const agreement = await sql<{ id: string }>`INSERT INTO written_agreement (id, child_id, plan_id, made_on, with_whom, review_on, recorded_by)
      VALUES (gen_random_uuid(), ${plan.child_id}, ${plan.id}, ${plan.started_on}, 'Mother', ${plan.started_on}::date + 28, ${t.users.worker}) RETURNING id`.execute(t.ctx.db);
    await sql`INSERT INTO written_agreement_term (id, agreement_id, position, action, consequence, recorded_by)
      VALUES (gen_random_uuid(), ${agreement.rows[0]!.id}, 1, 'No contact with Mr X', 'A strategy discussion', ${t.users.worker})`.execute(t.ctx.db);
  }
  // The synthetic council records no convictions, warnings or reprimands: give one to a child aged 14 or more.
  await sql`INSERT INTO offending_outcome (id, child_id, kind, given_on, recorded_by)
    SELECT gen_random_uuid(), p.id, 'final_warning', ${TEST_TODAY}::date - 30, ${t.users.worker}
    FROM person p WHERE p.kind = 'child' AND NOT p.restricted AND p.merged_into IS NULL AND p.deleted_at IS NULL
      AND p.date_of_birth <= ${TEST_TODAY}::date - interval '14 years' ORDER BY p.id LIMIT 1`.execute(t.ctx.db);
  // Orders depriving a child of liberty are rare: a small council may have none. Give one to a child in care.
  await sql`INSERT INTO liberty_order (id, child_id, period_id, kind, court, made_on, expires_on, recorded_by)
    SELECT gen_random_uuid(), cp.child_id, cp.id, 'secure_accommodation', 'Family Court', cp.started_on, cp.started_on + 90, ${t.users.worker}
    FROM care_period cp JOIN person p ON p.id = cp.child_id AND NOT p.restricted
    WHERE cp.ended_on IS NULL AND NOT EXISTS (SELECT 1 FROM liberty_order l WHERE l.child_id = cp.child_id) ORDER BY cp.id LIMIT 1`.execute(t.ctx.db);
  // A match with adopters is rare: a small council may have none on an unrestricted child. Give one to a child with a permanence plan.
  const adopters = await sql<{ id: string }>`INSERT INTO adopter_household (id, name, applicants, enquiry_on, registered_on, stage_one_ended_on, stage_two_started_on, panel_on, panel_recommended, decided_on, approved, recorded_by)
    VALUES (gen_random_uuid(), 'Route Test Adopters', 2, '2024-01-08', '2024-02-05', '2024-04-01', '2024-04-15', '2024-08-05', true, '2024-08-19', true, ${t.users.worker}) RETURNING id`.execute(t.ctx.db);
  await sql`INSERT INTO adoption_match (id, child_id, plan_id, household_id, panel_on, decided_on, recorded_by)
    SELECT gen_random_uuid(), pp.child_id, pp.id, ${adopters.rows[0]!.id}, pp.decided_on, pp.decided_on, ${t.users.worker}
    FROM permanence_plan pp JOIN person p ON p.id = pp.child_id AND NOT p.restricted AND p.merged_into IS NULL
    WHERE pp.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM adoption_match m WHERE m.child_id = pp.child_id) ORDER BY pp.id LIMIT 1`.execute(t.ctx.db);
  // Exploitation: a small council may have no NRM referral or panel discussion. Give one child each.
  const exploited = (await sql<{ id: string }>`SELECT p.id FROM person p WHERE p.kind = 'child' AND NOT p.restricted AND p.deleted_at IS NULL AND p.merged_into IS NULL
    AND p.date_of_birth BETWEEN ${TEST_TODAY}::date - interval '17 years' AND ${TEST_TODAY}::date - interval '11 years' ORDER BY p.id LIMIT 1`.execute(t.ctx.db)).rows[0]!.id;
  const assessment = (await sql<{ id: string }>`INSERT INTO exploitation_assessment (id, child_id, assessed_on, assessed_by, kinds, indicators, level, analysis, plan, recorded_by)
    VALUES (gen_random_uuid(), ${exploited}, '2026-10-01', 'Route test', '["criminal","trafficking"]', '[]', 'high', 'a', 'p', ${t.users.worker}) RETURNING id`.execute(t.ctx.db)).rows[0]!.id;
  await sql`INSERT INTO nrm_referral (id, child_id, assessment_id, referred_on, referred_by, recorded_by) VALUES (gen_random_uuid(), ${exploited}, ${assessment}, '2026-10-02', 'Route test', ${t.users.worker})`.execute(t.ctx.db);
  const referral = (await sql<{ id: string }>`INSERT INTO exploitation_panel_referral (id, child_id, referred_on, referred_by, concerns, recorded_by)
    VALUES (gen_random_uuid(), ${exploited}, '2026-10-02', 'Route test', 'c', ${t.users.worker}) RETURNING id`.execute(t.ctx.db)).rows[0]!.id;
  const discussion = (await sql<{ id: string }>`INSERT INTO exploitation_panel_discussion (id, referral_id, child_id, discussed_on, decision, recorded_by)
    VALUES (gen_random_uuid(), ${referral}, ${exploited}, '2026-10-15', 'Accepted', ${t.users.worker}) RETURNING id`.execute(t.ctx.db)).rows[0]!.id;
  await sql`INSERT INTO exploitation_panel_action (id, referral_id, discussion_id, child_id, action, owner, due_on, recorded_by)
    VALUES (gen_random_uuid(), ${referral}, ${discussion}, ${exploited}, 'Visit', 'Youth worker', '2026-11-01', ${t.users.worker})`.execute(t.ctx.db);
  stranger = await t.signIn('otherWorker');
  insider = await t.signIn('manager');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const childGuardOf = (route: DeclaredRoute): ChildGuard | null => (route.guard && 'child' in route.guard ? route.guard.child : null);
const isApi = (route: DeclaredRoute) => route.url.startsWith('/api/');

/** Up to `limit` sets of path values for a route, each naming records that belong to one child. */
async function samplesFor(route: DeclaredRoute, guard: ChildGuard, limit = 6): Promise<{ childId: string; values: Record<string, string> }[]> {
  const records = Object.entries(guard.records ?? {});
  const anchor: [string, OwnedRecord] | null = guard.from ? [guard.from.param, guard.from.record] : (records.at(-1) ?? null);
  const childColumn = (record: OwnedRecord) => {
    const owner = OWNED_RECORDS[record];
    return owner === 'either-person' ? 'person_id' : owner === 'contact' ? null : owner;
  };
  let anchors: { id: string; child_id: string }[];
  if (!anchor) {
    const rows = await sql<{ id: string }>`SELECT p.id FROM person p WHERE p.kind <> 'adult' AND p.deleted_at IS NULL AND NOT p.restricted
      AND p.merged_into IS NULL AND EXISTS (SELECT 1 FROM cin_episode e WHERE e.child_id = p.id) ORDER BY p.id LIMIT ${limit}`.execute(t.ctx.db);
    anchors = rows.rows.map((r) => ({ id: r.id, child_id: r.id }));
  } else {
    const column = childColumn(anchor[1]);
    if (!column) throw new Error(`${route.url}: ${anchor[1]} cannot anchor a route`);
    const rows = await sql<{ id: string; child_id: string }>`SELECT r.id, r.${sql.ref(column)} AS child_id FROM ${sql.table(anchor[1])} r
      JOIN person p ON p.id = r.${sql.ref(column)} AND p.kind <> 'adult' AND NOT p.restricted AND p.deleted_at IS NULL AND p.merged_into IS NULL
      WHERE r.deleted_at IS NULL ORDER BY r.recorded_at DESC LIMIT ${limit * 4}`.execute(t.ctx.db);
    anchors = rows.rows;
  }
  const samples: { childId: string; values: Record<string, string> }[] = [];
  for (const a of anchors) {
    const values: Record<string, string> = { childId: a.child_id };
    if (anchor) values[anchor[0]] = a.id;
    let complete = true;
    for (const [param, record] of records) {
      if (values[param]) continue;
      const column = childColumn(record);
      const row = column
        ? await sql<{ id: string }>`SELECT id FROM ${sql.table(record)} WHERE ${sql.ref(column)} = ${a.child_id}::uuid AND deleted_at IS NULL LIMIT 1`.execute(t.ctx.db)
        : await sql<{ id: string }>`SELECT id FROM agency_check WHERE contact_id = ${values[guard.from?.param ?? ''] ?? null}::uuid AND deleted_at IS NULL LIMIT 1`.execute(t.ctx.db);
      if (!row.rows[0]) {
        complete = false;
        break;
      }
      values[param] = row.rows[0].id;
    }
    if (complete) samples.push({ childId: a.child_id, values });
    if (samples.length >= limit) break;
  }
  return samples;
}

const urlFor = (route: DeclaredRoute, values: Record<string, string>) =>
  route.url.replace(/:(\w+)/g, (_m, name: string) => {
    const value = values[name];
    if (!value) throw new Error(`${route.url}: no value for :${name}`);
    return value;
  });

const lastAuditId = async () => Number((await sql<{ id: number | null }>`SELECT max(id) AS id FROM audit_log`.execute(t.ctx.db)).rows[0]?.id ?? 0);
const auditSince = (id: number) =>
  t.ctx.db.selectFrom('audit_log').select(['action', 'child_id', 'user_id', 'object_type']).where('id', '>', id).orderBy('id').execute();

async function grant(childId: string) {
  await t.ctx.db
    .insertInto('access_grant')
    .values({ id: randomUUID(), child_id: childId, user_id: t.users.manager, reason: 'route test', granted_by: t.users.admin })
    .execute();
}

async function send(agent: Agent | null, route: DeclaredRoute, url: string) {
  if (!agent) return t.app.inject({ method: route.method as 'GET', url });
  if (route.method === 'GET') return agent.get(url);
  if (isApi(route)) return agent.api(route.method as 'POST', url, {});
  return agent.post(url, {});
}

describe('every route declares who may use it', () => {
  it('a route that declares nothing stops the app at start', async () => {
    const app = Fastify();
    installGuards(app, t.ctx, []);
    expect(() => app.get('/children/:childId/forgotten', async () => 'no guard')).toThrow(/declares no guard/);
    await app.close();
  });

  it('every route under /children/ or naming a child is a child route', () => {
    const wrong = t.routes.filter((r) => /\/children\/:|:childId/.test(r.url) && !childGuardOf(r)).map((r) => `${r.method} ${r.url}`);
    expect(wrong).toEqual([]);
  });

  it('signed out, every page sends you to sign in and every API call answers 401', async () => {
    const wrong: string[] = [];
    for (const route of t.routes) {
      if (!route.guard || 'public' in route.guard) continue;
      const url = route.url.replace(/:(\w+)/g, () => randomUUID());
      const response = await send(null, route, url);
      const ok = isApi(route) ? response.statusCode === 401 : [302, 303].includes(response.statusCode) && String(response.headers.location).startsWith('/sign-in');
      if (!ok) wrong.push(`${route.method} ${route.url}: ${response.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('every child route checks the relationship and audits by construction', () => {
  it('a user with no relationship to the child is refused, and the refusal names the child', async () => {
    const wrong: string[] = [];
    const unsampled: string[] = [];
    for (const route of t.routes) {
      const guard = childGuardOf(route);
      if (!guard) continue;
      const [sample] = await samplesFor(route, guard, 1);
      if (!sample) {
        unsampled.push(`${route.method} ${route.url}`);
        continue;
      }
      const before = await lastAuditId();
      const response = await send(stranger, route, urlFor(route, sample.values));
      const rows = await auditSince(before);
      const denied = rows.filter((r) => r.action === 'denied' && r.child_id === sample.childId && r.user_id === t.users.otherWorker);
      if (response.statusCode !== 403 || denied.length !== 1 || rows.length !== 1) {
        wrong.push(`${route.method} ${route.url}: ${response.statusCode}, ${rows.length} audit rows (${rows.map((r) => `${r.action}:${r.child_id === sample.childId ? 'child' : r.child_id}`).join(', ')})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(unsampled).toEqual([]);
  }, 300_000);

  it('a user with a relationship sees each page, and exactly one audit row names the child', async () => {
    const wrong: string[] = [];
    for (const route of t.routes) {
      const guard = childGuardOf(route);
      if (!guard || route.method !== 'GET') continue;
      const samples = await samplesFor(route, guard);
      let seen = false;
      const tried: string[] = [];
      for (const sample of samples) {
        await grant(sample.childId);
        const before = await lastAuditId();
        const response = await insider.get(urlFor(route, sample.values));
        const rows = await auditSince(before);
        if (response.statusCode !== 200) {
          tried.push(String(response.statusCode));
          continue;
        }
        seen = true;
        const views = rows.filter((r) => r.child_id === sample.childId && r.user_id === t.users.manager && r.action !== 'denied');
        if (rows.length !== 1 || views.length !== 1) {
          wrong.push(`${route.url}: ${rows.length} audit rows (${rows.map((r) => `${r.action}:${r.object_type}`).join(', ')})`);
        }
        break;
      }
      if (!seen) wrong.push(`${route.url}: never 200 (${tried.join(', ') || 'no sample'})`);
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('a record of another child in the path is not found, even to a user who may see both', async () => {
    const route = t.routes.find((r) => r.method === 'GET' && r.url === '/children/:childId/visits/:visitId');
    expect(route).toBeDefined();
    const [first, second] = await samplesFor(route!, childGuardOf(route!)!, 20).then((all) => {
      const other = all.find((s) => s.childId !== all[0]?.childId);
      return [all[0], other];
    });
    expect(first && second).toBeTruthy();
    await grant(first!.childId);
    await grant(second!.childId);
    const response = await insider.get(`/children/${first!.childId}/visits/${second!.values['visitId']}`);
    expect(response.statusCode).toBe(404);
  });
});
