// The SSDA903 return for a collection year, from the record: the model, its CSV files and XML, and
// its validation report. A year still running is the live record to date, checked with the same rules.
// The report compares the year with last year's return, made from the record now by the same
// extractor (decision 0076).
import type { Db } from '../../db/history.ts';
import { laNumber } from '../cin-census/service.ts';
import { readSsda903Return } from './extract.ts';
import type { Ssda903Return } from './model.ts';
import { lastYearReturn } from './rules/define.ts';
import type { RuleContext } from './rules/index.ts';
import { validateSsda903, type Ssda903Report } from './validate.ts';
import { ssda903Xml } from './xml.ts';
import { collectionYear, type CollectionYear } from './year.ts';
import { providerRegister } from '../../providers/register.ts';

export const ruleContext = (year: CollectionYear, today: string, last?: Ssda903Return): RuleContext => ({
  year,
  asOf: today < year.end ? today : year.end,
  ...(last ? { last: lastYearReturn(last, collectionYear(year.year - 1)) } : {}),
});

const headerOf = (madeAt: Date) => ({ laNumber: laNumber(), madeAt: madeAt.toISOString().replace(/\.\d{3}Z$/, 'Z') });

export async function ssda903Return(db: Db, year: number, today: string, madeAt: Date): Promise<Ssda903Return> {
  return readSsda903Return(db, collectionYear(year), headerOf(madeAt), today);
}

/**
 * Last year's return as the record holds it now. Last year has ended, so it is read as at its 31 March
 * whatever today is. All of it: reading only this year's children (a fifth fewer on the large council)
 * cost PostgreSQL more than it saved (decision 0076).
 */
export async function lastYearsReturn(db: Db, year: number, madeAt: Date): Promise<Ssda903Return> {
  const last = collectionYear(year - 1);
  return readSsda903Return(db, last, headerOf(madeAt), last.end);
}

export async function ssda903File(db: Db, year: number, today: string, madeAt: Date): Promise<string> {
  return ssda903Xml(await ssda903Return(db, year, today, madeAt));
}

export async function ssda903Report(db: Db, year: number, today: string, madeAt: Date): Promise<{ ret: Ssda903Return; report: Ssda903Report }> {
  // Both years and Ofsted's lists read at once: on PostgreSQL they run on separate connections.
  const [ret, last, providers] = await Promise.all([ssda903Return(db, year, today, madeAt), lastYearsReturn(db, year, madeAt), providerRegister(db)]);
  return { ret, report: validateSsda903(ret, { ...ruleContext(collectionYear(year), today, last), ...(providers ? { providers } : {}) }) };
}
