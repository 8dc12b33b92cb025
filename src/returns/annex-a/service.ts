// Ofsted's Annex A for a date range, from the record (issue 10, decision 0031): the row count of each
// list, one list's rows, and the workbook.
import type { Db } from '../../db/history.ts';
import { addDays, addMonths, isIsoDate } from '../../calendar/index.ts';
import { RuleBroken } from '../../server/errors.ts';
import { ANNEX_A_LISTS, type ListNumber } from './columns.ts';
import { readAllLists, readChildren, readList, type AnnexARange } from './extract.ts';
import { buildRows, childIdsOf, type AnnexARow } from './rows.ts';
import { annexAWorkbook } from './workbook.ts';

/** The 12 months to today (Ofsted asks for the months since the last inspection, or 6 or 12). */
export const defaultRange = (today: string): AnnexARange => ({ from: addDays(addMonths(today, -12), 1), to: today });

/** A range the lists can be made for: real dates, in order, and not ending after today. */
export function checkRange(r: AnnexARange, today: string): void {
  if (!isIsoDate(r.from)) throw new RuleBroken('Enter a real date for the start of the range', 'from');
  if (!isIsoDate(r.to)) throw new RuleBroken('Enter a real date for the end of the range', 'to');
  if (r.to < r.from) throw new RuleBroken('The range ends before it starts: give an end date on or after the start date', 'to');
  if (r.to > today) throw new RuleBroken('The range cannot end after today: the record does not know the future yet', 'to');
}

export interface ListCount { n: ListNumber; sheet: string; title: string; who: string; rows: number; children: number }

/** The number of rows (and of children) in each list: the lists' statements only. */
export async function annexASummary(db: Db, r: AnnexARange): Promise<ListCount[]> {
  const facts = await readAllLists(db, r);
  return ANNEX_A_LISTS.map((l) => {
    const listFacts = facts[l.n] as { child_id?: string; applicants?: number }[];
    const rows = l.n === 11 ? listFacts.reduce((sum, f) => sum + (f.applicants ?? 1), 0) : listFacts.length;
    const children = l.n === 11 ? 0 : new Set(listFacts.map((f) => f.child_id)).size;
    return { n: l.n, sheet: l.sheet, title: l.title, who: l.who, rows, children };
  });
}

/** One list's rows, each with the child (or adopter household) it is about. */
export async function annexAList(db: Db, n: ListNumber, r: AnnexARange, councilName: string): Promise<AnnexARow[]> {
  const facts = await readList(db, n, r);
  const ids = n === 11 ? [] : (facts as { child_id: string }[]).map((f) => f.child_id);
  return buildRows(n, facts, await readChildren(db, ids, r), r, councilName);
}

/** Every list's rows. */
export async function annexARows(db: Db, r: AnnexARange, councilName: string): Promise<Record<ListNumber, AnnexARow[]>> {
  const facts = await readAllLists(db, r);
  const children = await readChildren(db, childIdsOf(facts), r);
  const out = {} as Record<ListNumber, AnnexARow[]>;
  for (const l of ANNEX_A_LISTS) out[l.n] = buildRows(l.n, facts[l.n], children, r, councilName);
  return out;
}

export async function annexAFile(db: Db, r: AnnexARange, councilName: string, madeAt: Date): Promise<Buffer> {
  return annexAWorkbook(await annexARows(db, r, councilName), r, madeAt);
}

export const fileName = (r: AnnexARange) => `annex-a-${r.from}-to-${r.to}.xlsx`;
