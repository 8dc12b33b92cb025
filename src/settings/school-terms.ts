// The council's own term dates (decision 0013). PEP timescales count school days and terms; where
// the council has not recorded a term, the common pattern in src/calendar/school-terms.ts is used.
import type { Db } from '../db/history.ts';
import { SchoolCalendar, type SchoolTerm } from '../calendar/school-terms.ts';

export async function councilTerms(db: Db): Promise<SchoolTerm[]> {
  const rows = await db.selectFrom('school_term').select(['school_year', 'term', 'starts_on', 'ends_on', 'half_term_starts_on', 'half_term_ends_on']).orderBy('school_year').execute();
  return rows.map((r) => ({ schoolYear: r.school_year, term: r.term, startsOn: r.starts_on, endsOn: r.ends_on, halfTermStartsOn: r.half_term_starts_on, halfTermEndsOn: r.half_term_ends_on }));
}

/** The school calendar the clocks count with. */
export async function loadSchoolCalendar(db: Db): Promise<SchoolCalendar> {
  return new SchoolCalendar(await councilTerms(db));
}
