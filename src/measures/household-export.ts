// A measure's list of households as CSV and as a spreadsheet: the same rows, in the same order, as the
// page (a household whose record the user may not open is a row without a name, as on the page).
import { listCsv, listXlsx } from './export.ts';
import type { HouseholdMeasureDetail } from './household-present.ts';

const headings = (d: HouseholdMeasureDetail) => ['Household', 'Lantern id', d.measure.groupedBy, 'Date', d.numeratorColumn, 'Facts'];

const numeratorCell = (amount: number | null, inNumerator: boolean) => (amount !== null ? String(amount) : inNumerator ? 'Yes' : 'No');

const cells = (d: HouseholdMeasureDetail) =>
  d.rows.map((r) => [r.name ?? 'Not shown (a record you may not open)', r.name === null ? '' : r.householdId, r.group, r.on, numeratorCell(r.amount, r.inNumerator), r.facts]);

export const householdsCsv = (d: HouseholdMeasureDetail): string => listCsv(headings(d), cells(d));

// An amount (vacant places, +1 or −1) as a number, so the spreadsheet can add them up.
export const householdsXlsx = (d: HouseholdMeasureDetail): Promise<Buffer> =>
  listXlsx(d, headings(d), cells(d).map((row, i) => row.map((cell, c) => (c === 4 && d.rows[i]!.amount !== null ? Number(cell) : cell))));

export const householdsExportName = (d: HouseholdMeasureDetail, extension: string) => `${d.measure.id}-${d.period.from}-to-${d.period.to}.${extension}`;
