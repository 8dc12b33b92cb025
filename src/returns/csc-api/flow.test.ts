// The DfE CSC API daily flow against a local stub of DfE's API that validates every request body
// against dfe-csc-api-openapi.json (issue 10, decision 0034): the full snapshot first, then only the
// children whose facts changed; retries with backoff on 429/5xx/no answer, never on a 400; a new
// token when one expires; purges for what the record no longer holds; every send recorded.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { addTestChild } from '../../front-door/test-support.ts';
import { receiveReferral } from '../../episodes/service.ts';
import { softDelete, updateRecord } from '../../db/history.ts';
import { startAssessment } from '../../assessment/service.ts';
import type { SignedInUser } from '../../access/policy.ts';
import { startCscApiStub, type CscApiStub } from './stub.ts';
import { readCscApiConfig, type CscApiConfig } from './config.ts';
import { runCscApi, nextBatch } from './service.ts';
import type { SenderDeps } from './sender.ts';
import type { CscChild } from './payload.ts';

let t: TestApp;
let stub: CscApiStub;
let config: CscApiConfig;
const waits: number[] = [];
const deps = (): SenderDeps => ({ fetch: (...args) => fetch(...args), sleep: async (ms) => void waits.push(ms), random: () => 0.5 });

const children: { id: string; laChildId: string; episodeId: string }[] = [];

async function addChildInFlow(n: number, firstName: string) {
  const child = await addTestChild(t, { firstName, lastName: 'Flowtest', allocatedTo: t.users.worker });
  // The API takes letters and digits only (la_child_id ^[A-Za-z0-9]+$): Lantern's own LC0000001 form.
  const laChildId = `LC${String(900 + n).padStart(7, '0')}`;
  await updateRecord(t.ctx.db, 'person', child.id, { la_child_id: laChildId }, t.users.admin);
  const episodeId = await receiveReferral(t.ctx.db, { childId: child.id, referralDate: '2026-09-01', referralSource: '2A', primaryNeed: 'N1' }, t.users.frontDoor, '2026-11-20');
  children.push({ id: child.id, laChildId, episodeId });
  return children.at(-1)!;
}

const run = () => runCscApi(t.ctx.db, { config, time: t.ctx.time, startedBy: null, deps: deps() });
const bodies = () => stub.received.map((r) => r.body as CscChild[]);
const sentLaIds = (from: number) => stub.received.slice(from).filter((r) => r.status === 200).flatMap((r) => (r.body as CscChild[]).map((c) => c.la_child_id));

beforeAll(async () => {
  t = await startTestApp();
  stub = await startCscApiStub();
  config = readCscApiConfig({
    LANTERN_CSC_API_URL: stub.apiUrl,
    LANTERN_CSC_API_TOKEN_URL: stub.tokenUrl,
    LANTERN_CSC_API_CLIENT_ID: stub.credentials.clientId,
    LANTERN_CSC_API_CLIENT_SECRET: stub.credentials.clientSecret,
    LANTERN_CSC_API_SCOPE: stub.credentials.scope,
    LANTERN_CSC_API_SUPPLIER_KEY: 'supplier-key-1',
    LANTERN_LA_NUMBER: '123',
    LANTERN_CSC_API_BATCH_SIZE: '2',
  });
  for (const [i, name] of ['Ayla', 'Bram', 'Cleo'].entries()) await addChildInFlow(i + 1, name);
}, 120_000);

afterAll(async () => {
  await stub?.close();
  await t?.close();
});

beforeEach(() => {
  waits.length = 0;
});

describe('the DfE CSC API flow (dfe-csc-api-openapi.json v1.0.1)', () => {
  it('is not sent until the connection is configured, and says which settings are missing', async () => {
    const missing = readCscApiConfig({ LANTERN_CSC_API_URL: 'https://example.test/api' });
    expect(missing.ok).toBe(false);
    const summary = await runCscApi(t.ctx.db, { config: missing, time: t.ctx.time, startedBy: null, deps: deps() });
    expect(summary.outcome).toBe('not-configured');
    const row = await t.ctx.db.selectFrom('csc_api_run').select('note').where('id', '=', summary.runId).executeTakeFirstOrThrow();
    expect(row.note).toContain('LANTERN_CSC_API_CLIENT_SECRET is not set');
    expect(stub.received).toHaveLength(0);
  });

  it('sends the full snapshot first: every child with an episode, in batches of at most the batch size, each valid against the OpenAPI CSC schema', async () => {
    const summary = await run();
    expect(summary).toMatchObject({ kind: 'snapshot', outcome: 'sent', children: 3, batches: 2, failedBatches: 0 });
    expect(stub.received.map((r) => r.status)).toEqual([200, 200]);
    expect(stub.received.every((r) => r.schemaErrors.length === 0)).toBe(true);
    expect(stub.received.every((r) => r.laCode === '123' && r.supplierKey === 'supplier-key-1')).toBe(true);
    expect(sentLaIds(0).sort()).toEqual(children.map((c) => c.laChildId).sort());
    const ayla = bodies().flat().find((c) => c.la_child_id === children[0]!.laChildId)!;
    expect(ayla.child_details).toMatchObject({ first_name: 'Ayla', surname: 'Flowtest', date_of_birth: '2016-04-12', sex: 'F', ethnicity: 'NOBT', uasc_flag: false });
    expect(ayla.social_care_episodes).toEqual([
      {
        social_care_episode_id: children[0]!.episodeId,
        referral_date: '2026-09-01',
        referral_source: '2A',
        referral_no_further_action_flag: false,
        care_worker_details: [{ worker_id: t.users.worker.replace(/-/g, '').slice(0, 12), start_date: '2026-01-05' }],
      },
    ]);
    // Every send is recorded with its request id (the X-Request-Id header), the children and the answer.
    const sends = await t.ctx.db.selectFrom('csc_api_send').selectAll().where('run_id', '=', summary.runId).orderBy('seq').execute();
    expect(sends.map((s) => [s.outcome, s.http_status, s.attempts, s.children])).toEqual([['accepted', 200, 1, 2], ['accepted', 200, 1, 1]]);
    expect(sends.map((s) => s.id)).toEqual(stub.received.map((r) => r.requestId));
    expect(sends.every((s) => /^[0-9a-f-]{36}$/.test(s.receipt ?? ''))).toBe(true);
  });

  it('then sends nothing when nothing changed', async () => {
    const before = stub.received.length;
    const summary = await run();
    expect(summary).toMatchObject({ kind: 'changes', outcome: 'nothing-to-send', batches: 0 });
    expect(stub.received.length).toBe(before);
  });

  it('a change to one child’s facts sends that child only, whole', async () => {
    const before = stub.received.length;
    await updateRecord(t.ctx.db, 'person', children[1]!.id, { ethnicity: 'WBRI' }, t.users.admin);
    const summary = await run();
    expect(summary).toMatchObject({ kind: 'changes', outcome: 'sent', children: 1, batches: 1 });
    expect(sentLaIds(before)).toEqual([children[1]!.laChildId]);
    const bram = (stub.received.at(-1)!.body as CscChild[])[0]!;
    expect(bram.child_details?.ethnicity).toBe('WBRI');
    expect(bram.social_care_episodes).toHaveLength(1);
  });

  it('a new assessment sends the child with it; once deleted, the child is sent with the assessment purged (the API’s purge flag)', async () => {
    const worker: SignedInUser = { id: t.users.worker, username: 'worker', displayName: 'worker', role: 'social_worker', teamId: t.teams.safeguarding, agency: null };
    const assessmentId = await startAssessment(t.ctx.db, worker, children[2]!.id, { startedOn: '2026-09-03', episodeId: null }, '2026-11-20');
    let before = stub.received.length;
    await run();
    const withAssessment = (stub.received.at(-1)!.body as CscChild[])[0]!;
    expect(sentLaIds(before)).toEqual([children[2]!.laChildId]);
    expect(withAssessment.social_care_episodes?.[0]?.child_and_family_assessments).toEqual([{ child_and_family_assessment_id: assessmentId, start_date: '2026-09-03' }]);

    await softDelete(t.ctx.db, 'assessment', assessmentId, t.users.worker, 'Recorded on the wrong child');
    before = stub.received.length;
    await run();
    expect(sentLaIds(before)).toEqual([children[2]!.laChildId]);
    const purged = (stub.received.at(-1)!.body as CscChild[])[0]!;
    expect(purged.social_care_episodes?.[0]?.child_and_family_assessments).toEqual([{ child_and_family_assessment_id: assessmentId, purge: true }]);
    expect(stub.received.at(-1)!.schemaErrors).toEqual([]);
  });

  it('retries a 500 and a 429 (waiting at least its Retry-After), then succeeds: one send, three attempts', async () => {
    await updateRecord(t.ctx.db, 'person', children[0]!.id, { first_name: 'Aylah' }, t.users.admin);
    stub.failNext({ status: 500 }, { status: 429, retryAfter: '7' });
    const before = stub.received.length;
    const summary = await run();
    expect(summary).toMatchObject({ outcome: 'sent', children: 1, failedBatches: 0 });
    expect(stub.received.slice(before).map((r) => r.status)).toEqual([500, 429, 200]);
    // Exponential backoff with full jitter (random 0.5): half of 2 s for the first retry; the 429 asked for 7 s.
    expect(waits).toEqual([1_000, 7_000]);
    const send = await t.ctx.db.selectFrom('csc_api_send').selectAll().where('run_id', '=', summary.runId).executeTakeFirstOrThrow();
    expect(send).toMatchObject({ outcome: 'accepted', attempts: 3, http_status: 200 });
  });

  it('does not retry a 400 (the payload refused): the send is recorded as rejected without the child’s name, and the child is in the next run again', async () => {
    await updateRecord(t.ctx.db, 'person', children[0]!.id, { first_name: 'Ayleen' }, t.users.admin);
    stub.failNext({ status: 400 });
    const before = stub.received.length;
    const summary = await run();
    expect(summary).toMatchObject({ outcome: 'failed', children: 0, failedBatches: 1 });
    expect(stub.received.length - before).toBe(1);
    expect(waits).toEqual([]);
    const send = await t.ctx.db.selectFrom('csc_api_send').selectAll().where('run_id', '=', summary.runId).executeTakeFirstOrThrow();
    expect(send).toMatchObject({ outcome: 'rejected', http_status: 400, attempts: 1 });
    expect(send.answer_excerpt).toContain('child_details.first_name');
    expect(send.answer_excerpt).not.toContain('Ayleen');
    expect(send.child_ids).toEqual([children[0]!.id]);
    // Not accepted, so still a change: the next run sends Ayleen again.
    const next = await nextBatch(t.ctx.db, t.ctx.time.today());
    expect(next.outgoing.map((o) => o.childId)).toEqual([children[0]!.id]);
    const again = await run();
    expect(again).toMatchObject({ outcome: 'sent', children: 1 });
  });

  it('fetches a new token when DfE says the token has expired (401), and carries on', async () => {
    await updateRecord(t.ctx.db, 'person', children[1]!.id, { first_name: 'Bramwell' }, t.users.admin);
    const tokens = stub.tokensIssued;
    stub.failNext({ expireToken: true });
    const before = stub.received.length;
    const summary = await run();
    expect(summary.outcome).toBe('sent');
    expect(stub.received.slice(before).map((r) => r.status)).toEqual([401, 200]);
    // One token for the run, and a new one after the 401.
    expect(stub.tokensIssued).toBe(tokens + 2);
  });

  it('retries when DfE does not answer (connection dropped), and gives up after the attempts allowed, leaving the child for the next run', async () => {
    await updateRecord(t.ctx.db, 'person', children[1]!.id, { first_name: 'Bramley' }, t.users.admin);
    stub.failNext({ dropConnection: true }, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const summary = await run();
    expect(summary).toMatchObject({ outcome: 'failed', failedBatches: 1 });
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);
    const send = await t.ctx.db.selectFrom('csc_api_send').selectAll().where('run_id', '=', summary.runId).executeTakeFirstOrThrow();
    expect(send).toMatchObject({ outcome: 'failed', http_status: 503, attempts: 5 });
    expect((await run()).outcome).toBe('sent');
  });

  it('purges a child DfE holds who is no longer in the flow (their record deleted)', async () => {
    await softDelete(t.ctx.db, 'person', children[2]!.id, t.users.admin, 'Created in error');
    const before = stub.received.length;
    const summary = await run();
    expect(summary).toMatchObject({ outcome: 'sent', children: 0, purged: 1 });
    expect(stub.received.slice(before).map((r) => r.body)).toEqual([[{ la_child_id: children[2]!.laChildId, purge: true }]]);
    expect(await t.ctx.db.selectFrom('csc_api_child_state').select('child_id').where('child_id', '=', children[2]!.id).executeTakeFirst()).toBeUndefined();
  });

  it('a child whose LA child ID the API cannot take is named as not sendable, not sent', async () => {
    const child = await addTestChild(t, { firstName: 'Dara', lastName: 'Flowtest' });
    await receiveReferral(t.ctx.db, { childId: child.id, referralDate: '2026-10-01', referralSource: '2A', primaryNeed: 'N1' }, t.users.frontDoor, '2026-11-20');
    const next = await nextBatch(t.ctx.db, t.ctx.time.today());
    expect(next.unsendable.map((u) => u.childId)).toEqual([child.id]);
    expect(next.outgoing).toEqual([]);
  });

  it('one run at a time: a second run while one is under way is refused', async () => {
    await t.ctx.db.insertInto('csc_api_run').values({ id: randomUUID(), kind: 'changes', started_at: t.ctx.time.now() }).execute();
    await expect(run()).rejects.toThrow('already under way');
    await t.ctx.db.updateTable('csc_api_run').set({ finished_at: t.ctx.time.now(), outcome: 'abandoned' }).where('finished_at', 'is', null).execute();
  });
});
