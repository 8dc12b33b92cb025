// The analysts' Annex A page, the children behind each count, the workbook and the API (issue 10):
// the workbook read back with exceljs has Ofsted's sheets, headers, dates and values; only roles that
// make returns may see it; every list of children is audited.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../../test/support/app.ts';
import { ANNEX_A_LISTS } from './columns.ts';
import { codesFor, specValueCodes } from './spec-yml.ts';
import { buildFixture, RANGE, type Fixture } from './test-fixture.ts';

let t: TestApp;
let f: Fixture;
let analyst: Agent;
const range = `from=${RANGE.from}&to=${RANGE.to}`;

beforeAll(async () => {
  t = await startTestApp();
  f = await buildFixture(t);
  analyst = await t.signIn('analyst');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const auditRows = (objectType: string) => t.ctx.db.selectFrom('audit_log').select(['action', 'user_id', 'detail']).where('object_type', '=', objectType).execute();

async function readBook(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  return book;
}

describe('the Annex A page', () => {
  it('defaults to the 12 months to today and shows each list’s row count, each opening its list', async () => {
    const page = await analyst.get('/returns/annex-a');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The lists from 21 November 2025 to 20 November 2026');
    expect(page.body).toContain('href="/returns/annex-a/lists/8?from=2025-11-21&amp;to=2026-11-20"');
    expect(page.body).toContain('href="/returns/annex-a/download?from=2025-11-21&amp;to=2026-11-20"');
  });

  it('takes a range from the date inputs; the day before it is not in list 1 (1 contact in, 1 out)', async () => {
    const page = await analyst.get('/returns/annex-a?from-day=1&from-month=6&from-year=2026&to-day=20&to-month=11&to-year=2026');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('The lists from 1 June 2026 to 20 November 2026');
    expect(page.body).toMatch(/href="\/returns\/annex-a\/lists\/1\?from=2026-06-01&amp;to=2026-11-20">1<span/);
  });

  it('a range that ends before it starts, or after today, is shown back with the error (400)', async () => {
    const backwards = await analyst.get('/returns/annex-a?from-day=1&from-month=10&from-year=2026&to-day=1&to-month=9&to-year=2026');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('The range ends before it starts');
    const future = await analyst.get('/returns/annex-a?from=2026-06-01&to=2027-01-01');
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('cannot end after today');
  });

  it('a list opens the children behind its count, each opening their record, and the view is audited', async () => {
    const page = await analyst.get(`/returns/annex-a/lists/1?${range}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/children/${f.child['contacted']!.id}">Connie Annexa</a>`);
    expect(page.body).not.toContain(f.child['contactedBefore']!.id);
    expect(page.body).toContain('Date of Contact');
    expect(page.body).toContain('1 June 2026');
    const audited = await auditRows('annex-a-list');
    expect(audited.some((r) => r.user_id === t.users.analyst && r.action === 'view-child' && (r.detail as { list: number }).list === 1)).toBe(true);
  });

  it('list 11 opens the adopter households; a list Annex A does not have is not found', async () => {
    const page = await analyst.get(`/returns/annex-a/lists/11?${range}`);
    expect(page.body).toContain(`href="/adopters/${f.households.ashes}">The Ashes</a>`);
    expect((await analyst.get('/returns/annex-a/lists/12')).statusCode).toBe(404);
  });

  it('a team manager, who sees only their teams’ children, and a social worker may not make Annex A', async () => {
    const manager = await t.signIn('manager');
    expect((await manager.get('/returns/annex-a')).statusCode).toBe(403);
    expect((await manager.get(`/returns/annex-a/lists/1?${range}`)).statusCode).toBe(403);
    expect((await manager.get('/api/v1/returns/annex-a')).statusCode).toBe(403);
    const worker = await t.signIn('worker');
    expect((await worker.get('/returns/annex-a/download')).statusCode).toBe(403);
  });
});

describe('the workbook, read back with exceljs', () => {
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    const file = await analyst.get(`/returns/annex-a/download?${range}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toContain('annex-a-2026-06-01-to-2026-11-20.xlsx');
    book = await readBook(file.rawPayload);
  });

  it('has one sheet per list, named as the yml names them, headers exactly as the yml in its order, the header row frozen', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(ANNEX_A_LISTS.map((l) => l.sheet));
    for (const list of ANNEX_A_LISTS) {
      const sheet = book.getWorksheet(list.sheet)!;
      expect((sheet.getRow(1).values as unknown[]).slice(1), list.sheet).toEqual(list.columns.map((c) => c.header));
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
  });

  it('writes dates as real Excel dates shown dd/mm/yyyy, and counts as numbers', () => {
    const sheet = book.getWorksheet('List 1')!;
    const contact = sheet.getRow(2).getCell(6);
    expect(contact.value).toBeInstanceOf(Date);
    expect((contact.value as Date).toISOString().slice(0, 10)).toBe('2026-06-01');
    expect(contact.numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getRow(2).getCell(5).value).toBe(10);
  });

  it('every coded value in every sheet is one of annex-a-value-codes.yml’s values for its column', () => {
    const valueCodes = specValueCodes();
    let checked = 0;
    for (const list of ANNEX_A_LISTS) {
      const sheet = book.getWorksheet(list.sheet)!;
      list.columns.forEach((column, i) => {
        const allowed = codesFor(valueCodes, list.sheet, column.header);
        // The yml codes only placements outside England (NIR, WAL, SCO, NUK, CON); an English
        // council is written by its name (decision 0031).
        if (!allowed || column.header === 'LA of Placement') return;
        for (let r = 2; r <= sheet.rowCount; r++) {
          const value = sheet.getRow(r).getCell(i + 1).value;
          if (value === null || value === undefined || value === '') continue;
          expect(allowed, `${list.sheet} ${column.header}`).toContain(value);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('the download is audited as an export', async () => {
    expect((await auditRows('annex-a')).some((r) => r.action === 'export' && r.user_id === t.users.analyst)).toBe(true);
  });
});

describe('the Annex A API', () => {
  it('GET /api/v1/returns/annex-a answers the workbook for the range', async () => {
    const response = await analyst.get(`/api/v1/returns/annex-a?${range}`);
    expect(response.statusCode).toBe(200);
    const book = await readBook(response.rawPayload);
    expect(book.getWorksheet('List 11')!.rowCount).toBe(3);
  });

  it('GET /api/v1/returns/annex-a/summary answers each list’s rows and children, each with the page of its children', async () => {
    const response = await analyst.get(`/api/v1/returns/annex-a/summary?${range}`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { from: string; to: string; lists: { n: number; rows: number; children: number; href: string }[] };
    expect(body.from).toBe('2026-06-01');
    expect(body.lists).toHaveLength(11);
    expect(body.lists[0]).toMatchObject({ n: 1, rows: 1, children: 1, href: '/returns/annex-a/lists/1?from=2026-06-01&to=2026-11-20' });
    expect(body.lists.find((l) => l.n === 11)).toMatchObject({ rows: 2 });
    expect((await analyst.get('/api/v1/returns/annex-a/summary?from=2026-10-01&to=2026-09-01')).statusCode).toBe(422);
  });
});
