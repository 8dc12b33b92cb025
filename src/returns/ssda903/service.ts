// The SSDA903 return for a collection year, from the record: the model, its CSV files and XML, and
// its validation report. A year still running is the live record to date, checked with the same rules.
import type { Db } from '../../db/history.ts';
import { laNumber } from '../cin-census/service.ts';
import { readSsda903Return } from './extract.ts';
import type { Ssda903Return } from './model.ts';
import type { RuleContext } from './rules/index.ts';
import { validateSsda903, type Ssda903Report } from './validate.ts';
import { ssda903Xml } from './xml.ts';
import { collectionYear, type CollectionYear } from './year.ts';
import { providerRegister } from '../../providers/register.ts';

export const ruleContext = (year: CollectionYear, today: string): RuleContext => ({ year, asOf: today < year.end ? today : year.end });

export async function ssda903Return(db: Db, year: number, today: string, madeAt: Date): Promise<Ssda903Return> {
  return readSsda903Return(db, collectionYear(year), { laNumber: laNumber(), madeAt: madeAt.toISOString().replace(/\.\d{3}Z$/, 'Z') }, today);
}

export async function ssda903File(db: Db, year: number, today: string, madeAt: Date): Promise<string> {
  return ssda903Xml(await ssda903Return(db, year, today, madeAt));
}

export async function ssda903Report(db: Db, year: number, today: string, madeAt: Date): Promise<{ ret: Ssda903Return; report: Ssda903Report }> {
  const [ret, providers] = await Promise.all([ssda903Return(db, year, today, madeAt), providerRegister(db)]);
  return { ret, report: validateSsda903(ret, { ...ruleContext(collectionYear(year), today), ...(providers ? { providers } : {}) }) };
}
