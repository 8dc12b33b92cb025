// The CIN census for a collection year, from the record: the return, its XML and its validation
// report. A year still running is the live record to date: the same rules, with "the end of the
// year" read as today where a rule counts working days to it (8670Q, 8675Q).
import type { Db } from '../../db/history.ts';
import { readCensusReturn } from './extract.ts';
import type { CensusReturn } from './model.ts';
import { validateCensus, type CensusReport } from './validate.ts';
import { censusXml } from './xml.ts';
import { collectionYear, type CollectionYear } from './year.ts';
import type { RuleContext } from './rules/index.ts';

/**
 * The council's 3-digit LA number for the header's <LEA>. Lantern has no council setting for it yet,
 * so it comes from LANTERN_LA_NUMBER; 999 (no such council) until one is set, so that a file made
 * without it cannot be mistaken for a council's.
 */
export function laNumber(): string {
  const value = process.env['LANTERN_LA_NUMBER'];
  return value && /^\d{3}$/.test(value) ? value : '999';
}

export const ruleContext = (year: CollectionYear, today: string): RuleContext => ({ year, asOf: today < year.end ? today : year.end });

export async function censusReturn(db: Db, year: number, madeAt: Date): Promise<CensusReturn> {
  return readCensusReturn(db, collectionYear(year), { laNumber: laNumber(), madeAt: madeAt.toISOString().replace(/\.\d{3}Z$/, 'Z') });
}

export async function censusFile(db: Db, year: number, madeAt: Date): Promise<string> {
  return censusXml(await censusReturn(db, year, madeAt));
}

export async function censusReport(db: Db, year: number, today: string, madeAt: Date): Promise<{ census: CensusReturn; report: CensusReport }> {
  const census = await censusReturn(db, year, madeAt);
  return { census, report: validateCensus(census, ruleContext(collectionYear(year), today)) };
}
