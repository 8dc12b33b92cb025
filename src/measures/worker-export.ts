// A measure's list of workers as CSV and as a spreadsheet: the same rows, in the same order, as the page
// (a worker of a team the user does not see is a row without a name, as on the page).
import { listCsv, listXlsx } from './export.ts';
import type { WorkerMeasureDetail } from './worker-present.ts';

const headings = ['Worker', 'Lantern id', 'Team', 'Date', 'Children held', 'In the numerator', 'Facts'];

const cells = (d: WorkerMeasureDetail) =>
  d.rows.map((r) => [r.name ?? 'Not shown (a team you do not see)', r.name === null ? '' : r.workerId, r.team, r.on, String(r.children), r.inNumerator ? 'Yes' : 'No', r.facts]);

export const workersCsv = (d: WorkerMeasureDetail): string => listCsv(headings, cells(d));

// Children held as a number, so the spreadsheet can add them up.
export const workersXlsx = (d: WorkerMeasureDetail): Promise<Buffer> =>
  listXlsx(d, headings, cells(d).map((row) => row.map((cell, i) => (i === 4 ? Number(cell) : cell))));

export const workersExportName = (d: WorkerMeasureDetail, extension: string) => `${d.measure.id}-${d.period.from}-to-${d.period.to}.${extension}`;
