// A measure's list of children as CSV and as a spreadsheet: the same rows, in the same order, as the
// page (a child the user may not see is a row without a name, as on the page).
import ExcelJS from 'exceljs';
import { numeratorCell, type MeasureDetail } from './present.ts';

const headings = (d: MeasureDetail) => ['Child', 'LA child id', 'Lantern id', 'Team', 'Date', d.numeratorColumn, 'Facts'];

const cells = (d: MeasureDetail) =>
  d.rows.map((r) => [r.name ?? 'Not shown (you may not see this child)', r.laChildId ?? '', r.name === null ? '' : r.childId, r.team, r.on, numeratorCell(r), r.facts]);

/** RFC 4180: quote every field; a field starting with = + - @ gets a leading quote so a spreadsheet does not run it. */
export const csvField = (value: string) => `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`;

/** A measure's list as CSV: a row of headings, then a row a line (RFC 4180 line ends). */
export function listCsv(headings: readonly string[], rows: readonly (readonly string[])[]): string {
  return [headings, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** What a measure's spreadsheet says about it on its "About" sheet. */
interface About {
  measure: { name: string; definition: string; numerator: string; denominator?: string | null; citation: string };
  period: { from: string; to: string };
}

/** A measure's list as a spreadsheet: the list with its headings in bold, and a sheet about the measure. */
export async function listXlsx(about: About, headings: readonly string[], rows: readonly (readonly (string | number)[])[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Lantern';
  const sheet = book.addWorksheet(about.measure.name.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  sheet.addRow([...headings]);
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  book.addWorksheet('About').addRows([
    ['Measure', about.measure.name],
    ['Definition', about.measure.definition],
    ['Numerator', about.measure.numerator],
    ['Denominator', about.measure.denominator ?? ''],
    ['Period', `${about.period.from} to ${about.period.to}`],
    ['Source', about.measure.citation],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const childrenCsv = (d: MeasureDetail): string => listCsv(headings(d), cells(d));

export const childrenXlsx = (d: MeasureDetail): Promise<Buffer> => listXlsx(d, headings(d), cells(d));

/** A list's file name, whatever its rows are: the measure and the period. */
export const exportName = (d: { measure: { id: string }; period: { from: string; to: string } }, extension: string) => `${d.measure.id}-${d.period.from}-to-${d.period.to}.${extension}`;
