// A practice standard's exception list as CSV and as a spreadsheet: every child not meeting it under the
// level asked (the page shows 50 at a time), in the page's order, with where each is put right.
import ExcelJS from 'exceljs';
import type { ExceptionList } from './service.ts';
import { listCsv } from '../measures/export.ts';

const HEADINGS = ['Child', 'LA child id', 'Lantern id', 'Social worker', 'Team', 'First miss', 'Misses', 'Where it is put right'] as const;

const cells = (l: ExceptionList) => l.exceptions.map((e) => [e.name, e.laChildId ?? '', e.childId, e.worker, e.team, e.what, String(e.missed), e.fixAt]);

export const exceptionsCsv = (l: ExceptionList): string => listCsv(HEADINGS, cells(l));

export async function exceptionsXlsx(l: ExceptionList): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Lantern';
  const sheet = book.addWorksheet('Not meeting the standard');
  sheet.addRow([...HEADINGS]);
  sheet.getRow(1).font = { bold: true };
  for (const row of cells(l)) sheet.addRow(row);
  const about = book.addWorksheet('About');
  about.addRows([
    ['Standard', l.standard.title],
    ['What it checks', l.standard.description],
    ['Looking back to', l.since],
    ['As at', l.today],
    ['Team', l.team?.name ?? 'Every team'],
    ['Worker', l.worker?.name ?? 'Every worker'],
    ['Source', l.standard.citation],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const exportName = (l: ExceptionList, extension: string) => `${l.standard.id}-not-met-${l.today}.${extension}`;
