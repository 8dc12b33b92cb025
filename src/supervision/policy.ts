// How often supervision is due: the council's settings (which may only tighten), with Lantern's
// defaults. Newly qualified social workers follow the ASYE framework (Skills for Care, the assessed
// and supported year in employment): weekly for the first 6 weeks, fortnightly to 6 months, then
// at least monthly (decision 0022). Others at least every 4 weeks (Newham 2014 ¶18: "regular,
// formal supervision as appropriate for their experience"; Wandsworth 2016 rec 4: "in line with
// the local authority's supervision policy").
import type { Db } from '../db/history.ts';
import { loadSettings } from '../settings/council-settings.ts';

export interface SupervisionPolicy {
  /** Everyone not newly qualified, and newly qualified workers after 6 months. */
  intervalDays: number;
  /** Newly qualified workers from their 7th week to 6 months. */
  newlyQualifiedDays: number;
  /** Newly qualified workers in their first 6 weeks: weekly (ASYE framework). */
  firstWeeksDays: number;
  /** How many weeks of weekly supervision. */
  firstWeeks: number;
  /** Each allocated child discussed in casework supervision at least this often. */
  caseDays: number;
}

export async function supervisionPolicy(db: Db): Promise<SupervisionPolicy> {
  const settings = await loadSettings(db);
  return {
    intervalDays: 7 * (settings.supervisionIntervalWeeks ?? 4),
    newlyQualifiedDays: 7 * (settings.supervisionNewlyQualifiedWeeks ?? 2),
    firstWeeksDays: 7,
    firstWeeks: 6,
    caseDays: 7 * (settings.caseSupervisionIntervalWeeks ?? 8),
  };
}
