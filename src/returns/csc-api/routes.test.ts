// The analysts' DfE CSC API page (issue 10): what was sent and what failed with the reason, the
// children in the next send, and "Send now" (a POST with CSRF) for roles that make returns only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../../test/support/app.ts';
import { addTestChild } from '../../front-door/test-support.ts';
import { receiveReferral } from '../../episodes/service.ts';
import { updateRecord } from '../../db/history.ts';
import { startCscApiStub, type CscApiStub } from './stub.ts';
import { sendFromPageFinished } from './routes.ts';

let t: TestApp;
let stub: CscApiStub;
let analyst: Agent;
let child: { id: string };
const SETTINGS = ['LANTERN_CSC_API_URL', 'LANTERN_CSC_API_TOKEN_URL', 'LANTERN_CSC_API_CLIENT_ID', 'LANTERN_CSC_API_CLIENT_SECRET', 'LANTERN_CSC_API_SCOPE', 'LANTERN_LA_NUMBER'];
const saved = new Map(SETTINGS.map((name) => [name, process.env[name]]));

beforeAll(async () => {
  for (const name of SETTINGS) delete process.env[name];
  t = await startTestApp();
  stub = await startCscApiStub();
  analyst = await t.signIn('analyst');
  child = await addTestChild(t, { firstName: 'Pagena', lastName: 'Testchild' });
  await updateRecord(t.ctx.db, 'person', child.id, { la_child_id: 'LC0000777' }, t.users.admin);
  await receiveReferral(t.ctx.db, { childId: child.id, referralDate: '2026-09-01', referralSource: '2A', primaryNeed: 'N1' }, t.users.frontDoor, '2026-11-20');
}, 120_000);

afterAll(async () => {
  for (const [name, value] of saved) if (value === undefined) delete process.env[name]; else process.env[name] = value;
  await stub?.close();
  await t?.close();
});

function configure() {
  Object.assign(process.env, {
    LANTERN_CSC_API_URL: stub.apiUrl,
    LANTERN_CSC_API_TOKEN_URL: stub.tokenUrl,
    LANTERN_CSC_API_CLIENT_ID: stub.credentials.clientId,
    LANTERN_CSC_API_CLIENT_SECRET: stub.credentials.clientSecret,
    LANTERN_CSC_API_SCOPE: stub.credentials.scope,
    LANTERN_LA_NUMBER: '123',
  });
}

describe('the DfE CSC API page for analysts', () => {
  it('before configuration: says which settings are missing (never their values), offers no button, and lists the child for the snapshot', async () => {
    const page = await analyst.get('/returns/csc-api?check=1');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="govuk-heading-l">DfE CSC API</h1>');
    expect(page.body).toContain('LANTERN_CSC_API_CLIENT_SECRET is not set');
    expect(page.body).not.toContain('Send now');
    expect(page.body).toContain('Full snapshot');
    expect(page.body).toContain(`href="/children/${child.id}">Pagena Testchild</a>`);
    expect(page.body).toContain('Not yet sent');
    const audits = await t.ctx.db.selectFrom('audit_log').select(['action', 'user_id']).where('object_type', '=', 'csc-api').execute();
    expect(audits).toContainEqual({ action: 'view-child', user_id: t.users.analyst });
  });

  it('is for roles that make returns: a social worker is refused the page and the button', async () => {
    const worker = await t.signIn('worker');
    expect((await worker.get('/returns/csc-api')).statusCode).toBe(403);
    expect((await worker.post('/returns/csc-api/send', {})).statusCode).toBe(403);
    expect(stub.received).toHaveLength(0);
  });

  it('"Send now" sends the snapshot and the page shows it sent, by whom, with nothing left to send', async () => {
    configure();
    const before = await analyst.get('/returns/csc-api');
    expect(before.body).toContain('Send now');
    // Without asking, the page does not build every child's payload.
    expect(before.body).toContain('Check which children the next send holds');
    expect(before.body).not.toContain('Not yet sent');
    const sent = await analyst.post('/returns/csc-api/send', {});
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/returns/csc-api?started=1');
    await sendFromPageFinished();
    expect(stub.received.map((r) => [r.status, r.schemaErrors.length])).toEqual([[200, 0]]);
    const page = await analyst.get('/returns/csc-api?check=1');
    expect(page.body).toContain('Configured for LA 123');
    expect(page.body).toContain('DfE holds 1 child from Lantern');
    expect(page.body).toMatch(/Snapshot<\/td>\s*<td class="govuk-table__cell">analyst<\/td>/);
    expect(page.body).toMatch(/govuk-tag--green">\s*Sent\s*</);
    expect(page.body).toContain('No child has changed since DfE last accepted them.');
    expect(page.body).toContain('DfE has accepted every request sent.');
  });

  it('a request DfE refuses shows with its answer (without the child’s name in it) and the child, who is in the next send again', async () => {
    await updateRecord(t.ctx.db, 'person', child.id, { ethnicity: 'WIRI' }, t.users.admin);
    stub.failNext({ status: 400 });
    expect((await analyst.post('/returns/csc-api/send', {})).statusCode).toBe(303);
    await sendFromPageFinished();
    const page = await analyst.get('/returns/csc-api?check=1');
    expect(page.body).toContain('Refused (not retried)');
    expect(page.body).toContain('HTTP 400');
    expect(page.body).toContain('child_details.first_name &#39;[removed]&#39; was not expected');
    expect(page.body).toMatch(/Changed since DfE accepted it/);
    expect(page.body).toMatch(/govuk-tag--red">\s*Failed\s*</);
  });
});
