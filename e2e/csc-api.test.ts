// The DfE CSC API flow in a real browser (issue 10): an analyst checks the next send (the snapshot,
// with one child Lantern cannot send for an LA child ID the API refuses), sends now to a local stub
// of DfE's API that validates the request against the OpenAPI document, and sees it sent. axe
// (WCAG 2.2 AA) runs on every page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { receiveReferral } from '../src/episodes/service.ts';
import { startCscApiStub, type CscApiStub } from '../src/returns/csc-api/stub.ts';
import { sendFromPageFinished } from '../src/returns/csc-api/routes.ts';
import { checkAccessibility, describeInBrowser, launchBrowser, newPage, seedChild, signIn, startBrowserApp, visible, BROWSER_TODAY, type BrowserApp } from './support/browser.ts';

const SETTINGS = ['LANTERN_CSC_API_URL', 'LANTERN_CSC_API_TOKEN_URL', 'LANTERN_CSC_API_CLIENT_ID', 'LANTERN_CSC_API_CLIENT_SECRET', 'LANTERN_CSC_API_SCOPE', 'LANTERN_LA_NUMBER'];

describeInBrowser('the DfE CSC API page in Chromium', () => {
  let t: BrowserApp;
  let browser: Browser;
  let context: BrowserContext;
  let analyst: Page;
  let stub: CscApiStub;
  const saved = new Map(SETTINGS.map((name) => [name, process.env[name]]));

  beforeAll(async () => {
    [t, browser, stub] = await Promise.all([startBrowserApp(), launchBrowser(), startCscApiStub()]);
    Object.assign(process.env, {
      LANTERN_CSC_API_URL: stub.apiUrl,
      LANTERN_CSC_API_TOKEN_URL: stub.tokenUrl,
      LANTERN_CSC_API_CLIENT_ID: stub.credentials.clientId,
      LANTERN_CSC_API_CLIENT_SECRET: stub.credentials.clientSecret,
      LANTERN_CSC_API_SCOPE: stub.credentials.scope,
      LANTERN_LA_NUMBER: '123',
    });
    for (const [firstName, laChildId] of [['Orla', 'LC8001'], ['Pip', 'LC-8002']] as const) {
      const id = await seedChild(t, { firstName, lastName: 'Dataflow', dateOfBirth: '2016-03-04', sex: 'F', laChildId, allocatedTo: t.users.worker.id, allocatedOn: '2026-09-01' }, t.users.worker.id);
      await receiveReferral(t.handle.db, { childId: id, referralDate: '2026-09-01', referralSource: '2A', primaryNeed: 'N1' }, t.users.frontDoor.id, BROWSER_TODAY);
    }
    ({ context, page: analyst } = await newPage(browser));
    await signIn(analyst, t.baseUrl, t.users.analyst.username);
  });

  afterAll(async () => {
    for (const [name, value] of saved) if (value === undefined) delete process.env[name]; else process.env[name] = value;
    await context?.close();
    await browser?.close();
    await stub?.close();
    await t?.close();
  });

  it('an analyst checks the next send, sends it, and sees it accepted', async () => {
    await analyst.goto(`${t.baseUrl}/`);
    await analyst.getByRole('link', { name: 'DfE CSC API' }).first().click();
    await visible(analyst.getByRole('heading', { name: 'DfE CSC API', level: 1 }));
    await checkAccessibility(analyst);

    await analyst.getByRole('link', { name: 'Check which children the next send holds' }).click();
    await visible(analyst.getByRole('table', { name: 'Children in the next send' }).getByRole('link', { name: 'Orla Dataflow' }));
    await visible(analyst.getByRole('table', { name: 'Children Lantern cannot send until their record is corrected' }).getByRole('link', { name: 'Pip Dataflow' }));
    await checkAccessibility(analyst);

    await analyst.getByRole('button', { name: 'Send now' }).click();
    await visible(analyst.getByText('The send has started.'));
    await sendFromPageFinished();
    expect(stub.received.map((r) => [r.status, r.schemaErrors])).toEqual([[200, []]]);
    await analyst.reload();
    const sends = analyst.getByRole('table', { name: 'The last sends to DfE, newest first' });
    await visible(sends.getByRole('cell', { name: 'Snapshot' }));
    await visible(sends.getByText('Sent', { exact: true }));
    await checkAccessibility(analyst);
  });
});
