// Measures whose rows are not children: households (decision 0050) and workers (decision 0046). What a
// row is differs (its facts, who may see it named, what it opens); how such a measure is described, and
// how its list is exported, is the same. The pages and the API are in row-routes.ts.
import type { MeasureAbout } from './catalogue/define.ts';
import type { Period } from './counting.ts';
import { listCsv, listXlsx } from './export.ts';

/** A measure as the catalogue, the pages and the API describe it; `more` goes before what it counts. */
export const describeRowMeasure = <C extends string, More extends object = object>(m: MeasureAbout, group: string, counts: C, more?: More) => ({
  id: m.id,
  group,
  name: m.name,
  definition: m.definition,
  numerator: m.numerator,
  denominator: m.denominator,
  kind: m.kind,
  when: m.when,
  citation: m.citation,
  direction: m.direction,
  ...((more ?? {}) as More),
  counts,
});

/** A column of a measure's list in the exports. */
export interface Column<R> {
  heading: string;
  text: (row: R) => string;
  /** The cell as a number in the spreadsheet, so it adds up; null (or no `number`) keeps the text. */
  number?: (row: R) => number | null;
}

/** What an export of a list needs: the measure (for the "About" sheet), the period and the rows. */
export interface RowList<R> {
  measure: MeasureAbout;
  period: Period;
  rows: readonly R[];
}

/** The first two columns of every list: who the row is (or that they are not shown) and their Lantern id. */
export const nameColumns = <R extends { name: string | null }>(heading: string, notShown: string, idOf: (row: R) => string): Column<R>[] => [
  { heading, text: (r) => r.name ?? notShown },
  { heading: 'Lantern id', text: (r) => (r.name === null ? '' : idOf(r)) },
];

/** A measure's list as CSV: the same rows, in the same order, as the page. */
export const rowsCsv = <R>(d: RowList<R>, columns: readonly Column<R>[]): string =>
  listCsv(
    columns.map((c) => c.heading),
    d.rows.map((r) => columns.map((c) => c.text(r))),
  );

/** A measure's list as a spreadsheet, numbers as numbers. */
export const rowsXlsx = <R>(d: RowList<R>, columns: readonly Column<R>[]): Promise<Buffer> =>
  listXlsx(
    d,
    columns.map((c) => c.heading),
    d.rows.map((r) => columns.map((c) => c.number?.(r) ?? c.text(r))),
  );
