// The import pages and API (issue 10: moving to Lantern; decision 0039).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { censusXml } from '../cin-census/xml.ts';
import { cleanChild } from '../cin-census/test-fixture.ts';

const xml = (laChildId: string) =>
  censusXml({ header: { year: 2026, referenceDate: '2026-03-31', laNumber: '999', madeAt: '2026-04-15T09:00:00Z' }, children: [cleanChild({ laChildId }), cleanChild({ laChildId: null })] });

/** Waits for the background job by reading its page, as a user's browser does. */
async function finished(get: (url: string) => Promise<{ body: string }>, url: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const body = (await get(url)).body;
    if (!body.includes('http-equiv="refresh"')) return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The import did not finish');
}

describe('imports (moving to Lantern)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('an administrator uploads a CIN census file, watches it load and reads what was created and what was rejected, with why', async () => {
    const admin = await t.signIn('admin');
    const form = await admin.get('/imports');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    const posted = await admin.upload!('/imports/cin-census', { field: 'file', fileName: 'old-system-2026.xml', content: xml('UPL0001'), type: 'application/xml' });
    expect(posted.statusCode).toBe(303);
    const page = await finished(admin.get, posted.headers['location'] as string);
    expect(page).toContain('old-system-2026.xml');
    expect(page).toMatch(/children<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>1<\/td>/);
    expect(page).toContain('No LAchildID');
    expect((await admin.get('/imports')).body).toContain('old-system-2026.xml');
  });

  it('a form with no file is re-shown with the error', async () => {
    const admin = await t.signIn('admin');
    const posted = await admin.upload!('/imports/cin-census', { field: 'file', fileName: 'empty.xml', content: '', type: 'application/xml' });
    expect(posted.statusCode).toBe(400);
    expect(posted.body).toContain('Choose the CIN census XML file to import');
  });

  it('the API takes the XML as the body and answers with the job, whose report it then gives', async () => {
    const admin = await t.signIn('admin');
    const sent = await admin.postText!('/api/v1/imports/cin-census', xml('API0001'), 'application/xml');
    expect(sent.statusCode).toBe(202);
    const { id } = sent.json() as { id: string };
    let job: { status: string; report: { counts: { child: { created: number; rejected: number } } } | null } = { status: 'running', report: null };
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      job = (await admin.get(`/api/v1/imports/${id}`)).json() as typeof job;
      if (job.status === 'running') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job.status).toBe('done');
    expect(job.report?.counts.child).toEqual({ created: 1, alreadyInLantern: 0, rejected: 1 });
  });

  it('only administrators import: a social worker and an analyst are refused', async () => {
    for (const who of ['worker', 'analyst'] as const) {
      const agent = await t.signIn(who);
      expect((await agent.get('/imports')).statusCode).toBe(403);
      expect((await agent.upload!('/imports/cin-census', { field: 'file', fileName: 'x.xml', content: xml('NOPE001'), type: 'application/xml' })).statusCode).toBe(403);
    }
    expect(await t.ctx.db.selectFrom('person').select('id').where('la_child_id', '=', 'NOPE001').executeTakeFirst()).toBeUndefined();
  });
});
