// What the "Education" page and API show about one child: the school and the moves between schools
// (2 or more in 2 years flagged: ED-09), attendance each term with persistent absence flagged, the
// suspensions and permanent exclusions of this school year, and for a child in care the PEPs with
// their targets and what is due. Six indexed queries.
import type { Db } from '../db/history.ts';
import { addMonths } from '../calendar/index.ts';
import { schoolYearLabel, schoolYearOf, TERM_LABELS } from '../calendar/school-terms.ts';
import { ruleById } from '../clocks/rules.ts';
import { ageOn } from '../server/format.ts';
import { moveReasonLabel, PERSISTENT_ABSENCE_BELOW } from './codes.ts';
import { yearGroupLabel, yearGroupOn } from './school-age.ts';
import { attendancePercent } from './service.ts';

export async function educationOf(db: Db, childId: string, today: string) {
  const [child, schools, attendance, exclusions, peps, targets, clocks, inCare] = await Promise.all([
    db.selectFrom('person').select('date_of_birth').where('id', '=', childId).executeTakeFirst(),
    db.selectFrom('school_enrolment').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('started_on', 'desc').execute(),
    db.selectFrom('school_attendance').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('term_ends_on', 'desc').execute(),
    db.selectFrom('school_exclusion').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('starts_on', 'desc').execute(),
    db.selectFrom('pep').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('held_on', 'desc').execute(),
    db.selectFrom('pep_target').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('by_when').execute(),
    db
      .selectFrom('clock')
      .select(['rule_id', 'due_on', 'started_on'])
      .where('child_id', '=', childId)
      .where('rule_id', 'in', ['initial-pep', 'pep-review'])
      .where('met_on', 'is', null)
      .where('stopped_on', 'is', null)
      .orderBy('due_on')
      .execute(),
    db.selectFrom('care_period').select(['started_on', 'ended_on']).where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('started_on', 'desc').execute(),
  ]);
  const dob = child?.date_of_birth ?? null;
  const year = schoolYearOf(today);
  const yearGroup = dob ? yearGroupOn(dob, today) : null;
  const twoYearsAgo = addMonths(today, -24);
  const moves = schools.filter((s) => s.move_reason !== null && s.started_on >= twoYearsAgo).length;
  const shapedExclusions = exclusions.map((e) => ({ ...e, days: e.days === null ? null : Number(e.days), thisYear: schoolYearOf(e.starts_on) === year }));
  const thisYear = shapedExclusions.filter((e) => e.thisYear);
  return {
    schoolYear: schoolYearLabel(year),
    yearGroup: yearGroup !== null && yearGroup <= 13 && dob && ageOn(dob, today) < 19 ? yearGroupLabel(yearGroup) : null,
    current: schools.find((s) => s.ended_on === null) ?? null,
    schools: schools.map((s) => ({ ...s, moveReasonLabel: s.move_reason ? moveReasonLabel(s.move_reason) : null })),
    movesInTwoYears: moves,
    attendance: attendance.map((a) => {
      const percent = attendancePercent(a.sessions_attended, a.sessions_possible);
      return { ...a, termLabel: `${TERM_LABELS[a.term]} ${schoolYearLabel(a.school_year)}`, percent, persistentlyAbsent: percent < PERSISTENT_ABSENCE_BELOW };
    }),
    exclusions: shapedExclusions,
    thisYear: { suspensions: thisYear.filter((e) => e.kind === 'suspension').length, days: thisYear.reduce((n, e) => n + (e.days ?? 0), 0), permanent: thisYear.some((e) => e.kind === 'permanent') },
    lookedAfter: inCare.some((p) => p.ended_on === null),
    everLookedAfter: inCare.length > 0,
    peps: peps.map((p) => ({ ...p, targets: targets.filter((t) => t.pep_id === p.id) })),
    due: clocks.map((c) => ({ ...c, title: ruleById(c.rule_id)?.title ?? c.rule_id, overdue: c.due_on < today })),
  };
}
