// The import pages and API (issue 10: moving to Lantern; decision 0039).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { censusXml } from '../cin-census/xml.ts';
import { cleanChild } from '../cin-census/test-fixture.ts';
import { exampleSsda903, ssda903CsvFiles } from './example-ssda903.ts';

/**
 * Several parts through the test agent's one-file upload (test/support/app.ts takes one file and no
 * fields): the first file's content closes its part and opens the others, with the agent's boundary.
 */
function moreParts(first: string, parts: { name: string; fileName?: string; content: string }[]): string {
  const boundary = '----lantern-test-boundary';
  return [first, ...parts.map((p) => `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.fileName ? `; filename="${p.fileName}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${p.content}`)].join('\r\n');
}

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

  it('an administrator uploads an SSDA903 return’s CSV files for 2025-26 and reads the report: a table not yet imported is rejected row by row, with why', async () => {
    const admin = await t.signIn('admin');
    const r = exampleSsda903(3, 2026, 'upload');
    r.children[0]!.missing = [{ missing: 'M', misStart: '2025-07-01', misEnd: '2025-07-02' }];
    const [header, ...rest] = ssda903CsvFiles(r, ['Header', 'Episodes', 'Reviews', 'Missing']);
    const content = moreParts(header!.text, [{ name: 'year', content: '2026' }, ...rest.map((f) => ({ name: 'files', fileName: f.fileName, content: f.text }))]);
    const posted = await admin.upload!('/imports/ssda903', { field: 'files', fileName: header!.fileName, content, type: 'text/csv' });
    expect(posted.statusCode).toBe(303);
    const page = await finished(admin.get, posted.headers['location'] as string);
    expect(page).toContain('header.csv, episodes.csv, reviews.csv, missing.csv');
    expect(page).toMatch(/children<\/td>\s*<td[^>]*>3<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>0<\/td>/);
    expect(page).toContain('Not yet imported by Lantern');
    expect(page).not.toContain('child protection review conferences');
  });

  it('an SSDA903 upload without its collection year is re-shown with the error', async () => {
    const admin = await t.signIn('admin');
    const [header] = ssda903CsvFiles(exampleSsda903(1), ['Header']);
    const posted = await admin.upload!('/imports/ssda903', { field: 'files', fileName: 'header.csv', content: header!.text, type: 'text/csv' });
    expect(posted.statusCode).toBe(400);
    expect(posted.body).toContain('Choose the collection year of the return');
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
