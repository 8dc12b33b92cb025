// A measure's list of children as CSV and as a spreadsheet: the same rows, in the same order, as the
// page (a child the user may not see is a row without a name, as on the page).
import ExcelJS from 'exceljs';
import { numeratorCell, type MeasureDetail } from './present.ts';

const headings = (d: MeasureDetail) => ['Child', 'LA child id', 'Lantern id', 'Team', 'Date', d.numeratorColumn, 'Facts'];

const cells = (d: MeasureDetail) =>
  d.rows.map((r) => [r.name ?? 'Not shown (you may not see this child)', r.laChildId ?? '', r.name === null ? '' : r.childId, r.team, r.on, numeratorCell(r), r.facts]);

/** RFC 4180: quote every field; a field starting with = + - @ gets a leading quote so a spreadsheet does not run it. */
export const csvField = (value: string) => `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`;

export function childrenCsv(d: MeasureDetail): string {
  return [headings(d), ...cells(d)].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export async function childrenXlsx(d: MeasureDetail): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Lantern';
  const sheet = book.addWorksheet(d.measure.name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow(headings(d));
  sheet.getRow(1).font = { bold: true };
  for (const row of cells(d)) sheet.addRow(row);
  const about = book.addWorksheet('About');
  about.addRows([
    ['Measure', d.measure.name],
    ['Definition', d.measure.definition],
    ['Numerator', d.measure.numerator],
    ['Denominator', d.measure.denominator ?? ''],
    ['Period', `${d.period.from} to ${d.period.to}`],
    ['Source', d.measure.citation],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const exportName = (d: MeasureDetail, extension: string) => `${d.measure.id}-${d.period.from}-to-${d.period.to}.${extension}`;
