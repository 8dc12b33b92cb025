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

/** A multipart/form-data body of files and fields, as an API client sends it. */
function multipart(parts: { name: string; fileName?: string; content: string }[]): { body: string; type: string } {
  const boundary = '----lantern-api-boundary';
  const body = parts.map((p) => `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.fileName ? `; filename="${p.fileName}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${p.content}\r\n`).join('') + `--${boundary}--\r\n`;
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

type Job = { status: string; failure: string | null; report: { counts: Record<string, { created: number; alreadyInLantern: number; rejected: number }>; rejected: { laChildId: string; where: string; reason: string }[] } | null };

async function jobDone(get: (url: string) => Promise<{ json(): unknown }>, id: string): Promise<Job> {
  for (let i = 0; i < 200; i++) {
    const job = (await get(`/api/v1/imports/${id}`)).json() as Job;
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The import did not finish');
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

  it('an administrator uploads an SSDA903 return’s CSV files for 2025-26 and reads the report, table by table', async () => {
    const admin = await t.signIn('admin');
    const r = exampleSsda903(3, 2026, 'upload');
    r.children[0]!.missing = [{ missing: 'M', misStart: r.children[0]!.episodes[0]!.decom, misEnd: null }];
    const [header, ...rest] = ssda903CsvFiles(r, ['Header', 'Episodes', 'Reviews', 'Missing']);
    const content = moreParts(header!.text, [{ name: 'year', content: '2026' }, ...rest.map((f) => ({ name: 'files', fileName: f.fileName, content: f.text }))]);
    const posted = await admin.upload!('/imports/ssda903', { field: 'files', fileName: header!.fileName, content, type: 'text/csv' });
    expect(posted.statusCode).toBe(303);
    const page = await finished(admin.get, posted.headers['location'] as string);
    expect(page).toContain('header.csv, episodes.csv, reviews.csv, missing.csv');
    expect(page).toMatch(/children<\/td>\s*<td[^>]*>3<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>0<\/td>/);
    expect(page).toMatch(/missing episodes<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>0<\/td>\s*<td[^>]*>0<\/td>/);
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

  it('the API takes an SSDA903 return’s CSV files and year as multipart/form-data, answers 202 with the job, and its report says what became of every row; the same request again with its Idempotency-Key is answered once', async () => {
    const admin = await t.signIn('admin');
    const r = exampleSsda903(4, 2026, 'api-upload');
    r.children.forEach((c, i) => (c.child = `API903${i}`));
    r.children[0]!.missing = [{ missing: 'M', misStart: r.children[0]!.episodes[0]!.decom, misEnd: null }];
    const files = ssda903CsvFiles(r, ['Header', 'Episodes', 'Reviews', 'Missing']);
    const sent = multipart([{ name: 'year', content: '2026' }, ...files.map((f) => ({ name: 'files', fileName: f.fileName, content: f.text }))]);
    const first = await admin.postText!('/api/v1/imports/ssda903', sent.body, sent.type, { 'idempotency-key': 'ssda903-api-1' });
    expect(first.statusCode).toBe(202);
    const { id } = first.json() as { id: string };
    const job = await jobDone(admin.get, id);
    expect(job.status).toBe('done');
    expect(job.report?.counts['child']).toEqual({ created: 4, alreadyInLantern: 0, rejected: 0 });
    expect(job.report?.counts['missing']).toEqual({ created: 1, alreadyInLantern: 0, rejected: 0 });
    const repeat = await admin.postText!('/api/v1/imports/ssda903', sent.body, sent.type, { 'idempotency-key': 'ssda903-api-1' });
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect((repeat.json() as { id: string }).id).toBe(id);
    // Sent again without the key: a new job, which creates nothing twice.
    const again = await admin.postText!('/api/v1/imports/ssda903', sent.body, sent.type);
    const second = await jobDone(admin.get, (again.json() as { id: string }).id);
    expect(second.report?.counts['child']).toEqual({ created: 0, alreadyInLantern: 4, rejected: 0 });
    expect(second.report?.counts['missing']).toEqual({ created: 0, alreadyInLantern: 1, rejected: 0 });
    const doc = (await admin.get('/api/docs/openapi.json')).json() as { paths: Record<string, { post?: { requestBody?: { content: Record<string, unknown> } } }> };
    expect(Object.keys(doc.paths['/api/v1/imports/ssda903']?.post?.requestBody?.content ?? {})).toEqual(['multipart/form-data']);
    expect(Object.keys(doc.paths['/api/v1/imports/cin-census']?.post?.requestBody?.content ?? {})).toEqual(['application/xml']);
  });

  it('the SSDA903 API refuses a file that is not CSV, a file with the wrong columns, and no year, saying why, and imports nothing', async () => {
    const admin = await t.signIn('admin');
    const r = exampleSsda903(1, 2026, 'api-bad');
    r.children[0]!.child = 'APIBAD1';
    const [header, episodes] = ssda903CsvFiles(r, ['Header', 'Episodes']);
    const cases: { parts: { name: string; fileName?: string; content: string }[]; status: number; says: RegExp }[] = [
      { parts: [{ name: 'year', content: '2026' }, { name: 'files', fileName: 'header.csv', content: header!.text }, { name: 'files', fileName: 'episodes.xlsx', content: 'PK\u0003\u0004"unclosed,\r\n' }], status: 422, says: /episodes.xlsx is not a CSV file that can be read/ },
      { parts: [{ name: 'year', content: '2026' }, { name: 'files', fileName: 'header.csv', content: header!.text }, { name: 'files', fileName: 'episodes.csv', content: episodes!.text.replace('DECOM', 'START') }], status: 422, says: /episodes.csv is not one of the SSDA903 return's tables: its columns \(CHILD, START, / },
      { parts: [{ name: 'files', fileName: 'header.csv', content: header!.text }, { name: 'files', fileName: 'episodes.csv', content: episodes!.text }], status: 422, says: /Send the collection year/ },
      { parts: [{ name: 'year', content: '2026' }, { name: 'files', fileName: 'header.csv', content: header!.text }], status: 422, says: /The Episodes table is missing/ },
    ];
    for (const c of cases) {
      const sent = multipart(c.parts);
      const response = await admin.postText!('/api/v1/imports/ssda903', sent.body, sent.type);
      expect(response.statusCode, c.says.source).toBe(c.status);
      expect((response.json() as { error: string }).error).toMatch(c.says);
    }
    expect(await t.ctx.db.selectFrom('person').select('id').where('la_child_id', '=', 'APIBAD1').executeTakeFirst()).toBeUndefined();
  });

  it('the SSDA903 API reports unknown codes row by row, with the code named, and holds no part of a period with one', async () => {
    const admin = await t.signIn('admin');
    const r = exampleSsda903(2, 2026, 'api-codes');
    r.children.forEach((c, i) => (c.child = `APICODE${i}`));
    const bad = r.children[0]!;
    bad.episodes = bad.episodes.map((e, i) => (i === bad.episodes.length - 1 ? { ...e, place: 'Q9' } : e));
    bad.reviews = bad.reviews.map((x) => ({ ...x, reviewCode: 'PN9' }));
    const files = ssda903CsvFiles(r, ['Header', 'Episodes', 'Reviews']);
    const sent = multipart([{ name: 'year', content: '2026' }, ...files.map((f) => ({ name: 'files', fileName: f.fileName, content: f.text }))]);
    const job = await jobDone(admin.get, ((await admin.postText!('/api/v1/imports/ssda903', sent.body, sent.type)).json() as { id: string }).id);
    const reasons = job.report!.rejected.filter((x) => x.laChildId === 'APICODE0').map((x) => x.reason);
    expect(reasons).toContain('PLACE “Q9” is not one of the return’s codes');
    expect(reasons.filter((x) => x.startsWith('REVIEW_CODE “PN9”'))).toHaveLength(bad.reviews.length);
    expect(job.report!.counts['careEpisode']).toEqual({ created: r.children[1]!.episodes.length, alreadyInLantern: 0, rejected: bad.episodes.length });
    const person = await t.ctx.db.selectFrom('person').select('id').where('la_child_id', '=', 'APICODE0').executeTakeFirstOrThrow();
    expect(await t.ctx.db.selectFrom('care_period').select('id').where('child_id', '=', person.id).execute()).toEqual([]);
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
