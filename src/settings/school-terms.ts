// The council's own term dates (decision 0013). PEP timescales count school days and terms; where
// the council has not recorded a term, the common pattern in src/calendar/school-terms.ts is used.
import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/history.ts';
import type { Database } from '../db/schema.ts';
import { SchoolCalendar, schoolYearLabel, TERM_LABELS, TERM_NAMES, type SchoolTerm, type TermName } from '../calendar/school-terms.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { audit } from '../access/audit.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';

export async function councilTerms(db: Db): Promise<SchoolTerm[]> {
  const rows = await db.selectFrom('school_term').select(['school_year', 'term', 'starts_on', 'ends_on', 'half_term_starts_on', 'half_term_ends_on']).orderBy('school_year').execute();
  return rows.map((r) => ({ schoolYear: r.school_year, term: r.term, startsOn: r.starts_on, endsOn: r.ends_on, halfTermStartsOn: r.half_term_starts_on, halfTermEndsOn: r.half_term_ends_on }));
}

/** The school calendar the clocks count with. */
export async function loadSchoolCalendar(db: Db): Promise<SchoolCalendar> {
  return new SchoolCalendar(await councilTerms(db));
}

/** One term's dates as the council sets them. */
export interface TermDates {
  schoolYear: number;
  term: TermName;
  startsOn: string;
  endsOn: string;
  halfTermStartsOn: string;
  halfTermEndsOn: string;
}

/** Children whose PEP clocks are running: the ones whose due dates a change of term dates moves. */
async function childrenWithOpenPepClocks(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('clock').select('child_id').distinct().where('rule_id', 'in', ['initial-pep', 'pep-review']).where('met_on', 'is', null).where('stopped_on', 'is', null).execute();
  return rows.map((r) => r.child_id);
}

/**
 * Sets a term's dates (or, with null, goes back to the usual pattern). The term must lie in its school
 * year, not overlap the terms beside it, and hold its half-term; running PEP clocks follow. Audited.
 */
export async function setTermDates(db: Kysely<Database>, actor: { id: string; username: string; ip: string | null }, schoolYear: number, term: TermName, dates: Omit<TermDates, 'schoolYear' | 'term'> | null): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const calendar = await loadSchoolCalendar(tx);
    const name = `The ${midSentence(TERM_LABELS[term])} term ${schoolYearLabel(schoolYear)}`;
    if (dates) {
      if (dates.endsOn <= dates.startsOn) throw new RuleBroken(`${name} must end after it starts`, 'endsOn');
      if (dates.startsOn < `${schoolYear}-08-01` || dates.endsOn > `${schoolYear + 1}-08-31`) throw new RuleBroken(`${name} must fall between August ${schoolYear} and August ${schoolYear + 1}`, 'startsOn');
      if (dates.halfTermEndsOn < dates.halfTermStartsOn) throw new RuleBroken('The half-term must end on or after the day it starts', 'halfTermEndsOn');
      if (dates.halfTermStartsOn <= dates.startsOn || dates.halfTermEndsOn >= dates.endsOn) throw new RuleBroken(`The half-term must fall inside the term (${formatDate(dates.startsOn)} to ${formatDate(dates.endsOn)})`, 'halfTermStartsOn');
      const index = TERM_NAMES.indexOf(term);
      const current = calendar.termsOf(schoolYear)[index]!;
      const before = calendar.termAfter(current, -1);
      const after = calendar.termAfter(current, 1);
      if (dates.startsOn <= before.endsOn) throw new RuleBroken(`${name} must start after the ${before.term} term ends (${formatDate(before.endsOn)})`, 'startsOn');
      if (dates.endsOn >= after.startsOn) throw new RuleBroken(`${name} must end before the ${after.term} term starts (${formatDate(after.startsOn)})`, 'endsOn');
      await tx
        .insertInto('school_term')
        .values({ school_year: schoolYear, term, starts_on: dates.startsOn, ends_on: dates.endsOn, half_term_starts_on: dates.halfTermStartsOn, half_term_ends_on: dates.halfTermEndsOn, updated_by: actor.id })
        .onConflict((oc) =>
          oc.columns(['school_year', 'term']).doUpdateSet({ starts_on: dates.startsOn, ends_on: dates.endsOn, half_term_starts_on: dates.halfTermStartsOn, half_term_ends_on: dates.halfTermEndsOn, updated_by: actor.id, updated_at: sql<Date>`lantern_now()` }),
        )
        .execute();
    } else {
      await tx.deleteFrom('school_term').where('school_year', '=', schoolYear).where('term', '=', term).execute();
    }
    const children = await childrenWithOpenPepClocks(tx);
    for (const childId of children) await refreshClocks(tx, childId);
    await audit(tx, { userId: actor.id, username: actor.username, ip: actor.ip, action: 'setting-changed', objectType: 'school_term', objectId: `${schoolYear}-${term}`, detail: { ...(dates ?? { usual: true }), childrenRefreshed: children.length } });
    return children.length;
  });
}
