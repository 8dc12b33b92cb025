// The Annex A workbook: one sheet per list named as the yml names it, the headers exactly as the yml
// spells them in its order, the header row frozen, dates as real Excel dates shown dd/mm/yyyy and
// counts as numbers, so that Ofsted's and the council's tools read it without retyping.
import ExcelJS from 'exceljs';
import { ANNEX_A_LISTS, type ListNumber } from './columns.ts';
import type { AnnexARange } from './extract.ts';
import type { AnnexARow } from './rows.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An ISO day as the Excel date of that day (midnight UTC, so no zone moves it to the day before). */
const excelDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function annexAWorkbook(rowsOf: Record<ListNumber, AnnexARow[]>, range: AnnexARange, madeAt: Date): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Lantern';
  book.created = madeAt;
  book.title = `Ofsted Annex A, ${range.from} to ${range.to}`;
  for (const list of ANNEX_A_LISTS) {
    const sheet = book.addWorksheet(list.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = list.columns.map((c) => ({
      header: c.header,
      width: Math.min(40, Math.max(12, c.header.length * 0.6)),
      ...(c.kind === 'date' ? { style: { numFmt: 'dd/mm/yyyy' } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rowsOf[list.n]) {
      sheet.addRow(row.cells.map((cell, i) => (cell !== null && list.columns[i]?.kind === 'date' ? excelDate(String(cell)) : cell)));
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
