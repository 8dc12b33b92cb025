// A measure's list of workers as CSV and as a spreadsheet: the same rows, in the same order, as the page
// (a worker of a team the user does not see is a row without a name, as on the page).
import ExcelJS from 'exceljs';
import { csvField } from './export.ts';
import type { WorkerMeasureDetail } from './worker-present.ts';

const headings = ['Worker', 'Lantern id', 'Team', 'Date', 'Children held', 'In the numerator', 'Facts'];

const cells = (d: WorkerMeasureDetail) =>
  d.rows.map((r) => [r.name ?? 'Not shown (a team you do not see)', r.name === null ? '' : r.workerId, r.team, r.on, String(r.children), r.inNumerator ? 'Yes' : 'No', r.facts]);

export function workersCsv(d: WorkerMeasureDetail): string {
  return [headings, ...cells(d)].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export async function workersXlsx(d: WorkerMeasureDetail): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Lantern';
  const sheet = book.addWorksheet(d.measure.name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow(headings);
  sheet.getRow(1).font = { bold: true };
  // Children held as a number, so the spreadsheet can add them up.
  for (const row of cells(d)) sheet.addRow(row.map((cell, i) => (i === 4 ? Number(cell) : cell)));
  book.addWorksheet('About').addRows([
    ['Measure', d.measure.name],
    ['Definition', d.measure.definition],
    ['Numerator', d.measure.numerator],
    ['Denominator', d.measure.denominator ?? ''],
    ['Period', `${d.period.from} to ${d.period.to}`],
    ['Source', d.measure.citation],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const workersExportName = (d: WorkerMeasureDetail, extension: string) => `${d.measure.id}-${d.period.from}-to-${d.period.to}.${extension}`;
