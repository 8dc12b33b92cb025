// Education for the virtual school's cohort: the school each child of school age is at (a move to
// secondary in year 7, some moves forced by a placement move: seed ED-09), attendance each finished
// term (most about 93%, some persistently absent: ED-06), suspensions and a few permanent exclusions
// (ED-07), and for children in care PEPs: the initial PEP mostly within 20 school days, some late,
// a few never; then one each term, with terms missed (ED-01: "PEPs ... not always completed on
// time"). Each PEP sets 1 to 3 targets, met or not by the next.
import type { Insertable } from 'kysely';
import { DEFAULT_SCHOOL_CALENDAR, TERM_LABELS, schoolYearLabel, schoolYearOf, type SchoolTerm } from '../../calendar/school-terms.ts';
import type { Database } from '../../db/schema.ts';
import { receptionStartOf } from '../../education/school-age.ts';
import type { SynthContext } from '../context.ts';
import { dayOf, isoOf } from '../dates.ts';
import type { Stage } from '../stages.ts';
import { midSentence } from '../../server/format.ts';

type Row<T extends keyof Database> = Insertable<Database[T]>;
const calendar = DEFAULT_SCHOOL_CALENDAR;

const STEMS = ['Kestrel', 'Heron', 'Marsh Lane', 'St Anne’s', 'Brookfield', 'Oakwood', 'Riverside', 'Hollybank', 'Westgate', 'Millbrook', 'Ashton', 'Fairfield', 'Greenhill', 'St Mary’s', 'Larkrise', 'Northfield', 'Queensway', 'Elmhurst', 'Castle View', 'Hartley'];
const PRIMARY = ['Primary School', 'Primary Academy', 'Church of England Primary School', 'Infant and Junior School'];
const SECONDARY = ['Academy', 'High School', 'Community College', 'School'];
const TARGETS = [
  'Reading age up by a year: read 20 minutes every night',
  'Times tables to 12 secure by the end of term',
  'Attend every lesson this half-term',
  'Join one after-school club',
  'Predicted grade 5 in English: weekly tutoring',
  'Complete homework on time each week',
  'Use the calm space instead of leaving class',
  'Apply for a college place',
];
const HELPERS = ['Designated teacher', 'Carer', 'Virtual school adviser', 'Tutor (pupil premium plus)', 'Form tutor', 'Social worker'];
const ATTENDED_BY = ['Designated teacher, social worker, carer and the child', 'Designated teacher, social worker and carer', 'Designated teacher, virtual school adviser, social worker and the child', 'Form tutor, social worker and carer'];

/** School days in a term: two sessions each. */
function sessionsIn(term: SchoolTerm): number {
  let n = 0;
  for (let d = term.startsOn; d <= term.endsOn; d = isoOf(dayOf(d) + 1)) if (calendar.isSchoolDay(d)) n++;
  return n * 2;
}

export const education: Stage = {
  name: 'education',
  async run(ctx: SynthContext) {
    const { rng, council, todayDay: T, goLiveDay: G } = ctx;
    const today = isoOf(T);
    const rows = {
      school_enrolment: [] as Row<'school_enrolment'>[],
      school_attendance: [] as Row<'school_attendance'>[],
      school_exclusion: [] as Row<'school_exclusion'>[],
      pep: [] as Row<'pep'>[],
      pep_target: [] as Row<'pep_target'>[],
    };
    const events: Row<'child_event'>[] = [];
    const schools = new Map<string, string>();
    const schoolName = (secondary: boolean) => {
      const name = `${rng.pick(STEMS)} ${rng.pick(secondary ? SECONDARY : PRIMARY)}`;
      if (!schools.has(name)) schools.set(name, String(rng.int(100000, 149999)));
      return name;
    };
    const sessionsOf = new Map<string, number>();

    // The cohort: children in care, children with a social worker and children in kinship care.
    const [periods, episodes, kinship, placements] = await Promise.all([
      ctx.db.selectFrom('care_period').select(['id', 'child_id', 'started_on', 'ended_on']).orderBy('started_on').execute(),
      ctx.db.selectFrom('cin_episode').select(['child_id']).where('referral_nfa', '=', false).execute(),
      ctx.db.selectFrom('kinship_arrangement').select(['child_id']).execute(),
      ctx.db.selectFrom('placement').select(['child_id', 'started_on']).orderBy('started_on').execute(),
    ]);
    const periodsOf = new Map<string, typeof periods>();
    for (const p of periods) periodsOf.set(p.child_id, [...(periodsOf.get(p.child_id) ?? []), p]);
    const movesOf = new Map<string, number[]>();
    for (const p of placements) movesOf.set(p.child_id, [...(movesOf.get(p.child_id) ?? []), dayOf(p.started_on)]);
    const cohort = new Set([...periods.map((p) => p.child_id), ...episodes.map((e) => e.child_id), ...kinship.map((k) => k.child_id)]);
    let pepsLate = 0;
    let pepsNever = 0;

    for (const childId of [...cohort].sort()) {
      const child = council.child(childId);
      const reception = dayOf(receptionStartOf(isoOf(child.dateOfBirth)));
      const leaves = dayOf(`${Number(receptionStartOf(isoOf(child.dateOfBirth)).slice(0, 4)) + 14}-08-31`);
      const from = Math.max(reception, G - 365);
      if (from > T || leaves < G) continue;
      const cared = periodsOf.get(childId) ?? [];
      const inCareEver = cared.some((p) => (p.ended_on === null || dayOf(p.ended_on) >= from) && dayOf(p.started_on) <= T);
      // Most children with a social worker have their school recorded; fewer their attendance.
      if (!inCareEver && !rng.chance(0.75)) continue;
      const worker = council.workerOn(rng, inCareEver ? 'looked-after' : 'safeguarding', Math.min(T, Math.max(from, G)));

      // --- Schools: where they were at the start, year 7, and moves with placement moves ---------
      const year7 = dayOf(`${Number(receptionStartOf(isoOf(child.dateOfBirth)).slice(0, 4)) + 7}-09-01`);
      const starts: { day: number; reason: 'transition' | 'placement_move' | 'permanent_exclusion' | null }[] = [{ day: from, reason: null }];
      if (year7 > from && year7 <= T) starts.push({ day: year7, reason: 'transition' });
      if (inCareEver) for (const move of movesOf.get(childId) ?? []) if (move > from + 30 && move <= T && rng.chance(0.25)) starts.push({ day: move + rng.int(5, 25), reason: 'placement_move' });
      starts.sort((a, b) => a.day - b.day);
      const enrolments: { id: string; day: number; name: string }[] = [];
      const enrol = (day: number, reason: (typeof starts)[number]['reason']) => {
        if (day > T || (enrolments.length && day <= enrolments.at(-1)!.day)) return;
        const previous = enrolments.at(-1);
        const name = schoolName(day >= year7);
        const id = rng.uuid();
        if (previous) {
          const row = rows.school_enrolment.find((r) => r.id === previous.id)!;
          row.ended_on = isoOf(day);
        }
        rows.school_enrolment.push({ id, child_id: childId, school_name: name, urn: rng.chance(0.85) ? schools.get(name)! : null, started_on: isoOf(day), ended_on: null, move_reason: previous ? (reason ?? 'other') : null, recorded_by: worker.id, recorded_at: ctx.stamp(Math.max(day, G), 10) });
        events.push(ctx.eventRow({ childId, type: 'school.started', occurredOn: day, sourceTable: 'school_enrolment', sourceId: id, title: previous ? `Moved school from ${previous.name} to ${name}` : `Started at ${name}`, recordedBy: worker.id, recordedAt: ctx.stamp(Math.max(day, G), 10) }));
        enrolments.push({ id, day, name });
      };
      for (const s of starts) enrol(s.day, s.reason);
      const schoolOn = (day: number) => [...enrolments].reverse().find((e) => e.day <= day)?.name ?? enrolments[0]?.name ?? schoolName(false);

      // --- Attendance each finished term, and exclusions ------------------------------------------
      const baseline = rng.chance(inCareEver ? 0.14 : 0.22) ? rng.int(72, 89) : rng.int(90, 99);
      const recordsAttendance = inCareEver || rng.chance(0.5);
      let permanent = false;
      for (let year = schoolYearOf(isoOf(Math.max(from, G))); year <= schoolYearOf(today); year++) {
        for (const term of calendar.termsOf(year)) {
          const ends = dayOf(term.endsOn);
          if (ends > T || ends < from || ends < G || ends > leaves) continue;
          if (recordsAttendance) {
            const key = `${term.schoolYear}|${term.term}`;
            const possible = sessionsOf.get(key) ?? sessionsIn(term);
            sessionsOf.set(key, possible);
            const rate = Math.max(40, Math.min(100, baseline + rng.int(-4, 3)));
            const attended = Math.min(possible, Math.round((possible * rate) / 100));
            const id = rng.uuid();
            rows.school_attendance.push({ id, child_id: childId, school_year: term.schoolYear, term: term.term, term_ends_on: term.endsOn, sessions_possible: possible, sessions_attended: attended, recorded_by: worker.id, recorded_at: ctx.stamp(ends, 15) });
            const percent = Math.round((attended / possible) * 1000) / 10;
            events.push(ctx.eventRow({ childId, type: 'attendance.recorded', occurredOn: ends, sourceTable: 'school_attendance', sourceId: id, title: `Attendance, ${midSentence(TERM_LABELS[term.term])} term ${schoolYearLabel(term.schoolYear)}: ${percent}% (${attended} of ${possible} sessions)`, recordedBy: worker.id, recordedAt: ctx.stamp(ends, 15) }));
          }
          // Suspensions: about one child in ten a term among children with low attendance, fewer otherwise.
          if (!permanent && rng.chance(baseline < 90 ? 0.1 : 0.03)) {
            const day = dayOf(calendar.addSchoolDays(term.startsOn, rng.int(3, 40)));
            if (day <= Math.min(T, ends)) {
              const id = rng.uuid();
              const days = rng.weighted([[1, 40], [2, 25], [3, 15], [0.5, 10], [5, 10]] as const);
              const school = schoolOn(day);
              rows.school_exclusion.push({ id, child_id: childId, kind: 'suspension', starts_on: isoOf(day), days, school_name: school, reason: null, recorded_by: worker.id, recorded_at: ctx.stamp(day, 3) });
              events.push(ctx.eventRow({ childId, type: 'exclusion.suspension', occurredOn: day, sourceTable: 'school_exclusion', sourceId: id, title: `Suspended from ${school} for ${days} school day${days === 1 ? '' : 's'}`, recordedBy: worker.id, recordedAt: ctx.stamp(day, 3) }));
              if (rng.chance(0.04) && day >= year7) {
                permanent = true;
                const pid = rng.uuid();
                const pday = dayOf(calendar.addSchoolDays(isoOf(day), rng.int(10, 30)));
                if (pday <= T) {
                  rows.school_exclusion.push({ id: pid, child_id: childId, kind: 'permanent', starts_on: isoOf(pday), days: null, school_name: schoolOn(pday), reason: 'Persistent disruptive behaviour', recorded_by: worker.id, recorded_at: ctx.stamp(pday, 3) });
                  events.push(ctx.eventRow({ childId, type: 'exclusion.permanent', occurredOn: pday, sourceTable: 'school_exclusion', sourceId: pid, title: `Permanently excluded from ${schoolOn(pday)}`, recordedBy: worker.id, recordedAt: ctx.stamp(pday, 3) }));
                  enrol(pday + rng.int(5, 20), 'permanent_exclusion');
                }
              }
            }
          }
        }
      }

      // --- PEPs for each period of care of school age -----------------------------------------------
      for (const p of cared) {
        const start = Math.max(dayOf(p.started_on), reception);
        const stop = Math.min(p.ended_on ? dayOf(p.ended_on) : T, T);
        if (start > stop || stop < G) continue;
        const peps: number[] = [];
        const roll = rng.next();
        if (roll < 0.07) pepsNever++;
        else {
          const late = roll > 0.75;
          if (late) pepsLate++;
          peps.push(dayOf(calendar.addSchoolDays(isoOf(start), late ? rng.int(21, 50) : rng.int(4, 20))));
          for (let term = calendar.termAfter(calendar.termOf(isoOf(peps[0]!)), 1); dayOf(term.startsOn) <= stop; term = calendar.termAfter(term, 1)) {
            if (!rng.chance(0.86)) continue; // a term without a PEP
            peps.push(dayOf(calendar.addSchoolDays(term.startsOn, rng.int(8, 45))));
          }
        }
        // Every PEP of the period (its clocks run from its start); targets only in the years Lantern holds.
        const held = peps.filter((d) => d <= stop);
        held.forEach((day, n) => {
          const id = rng.uuid();
          const kind = n === 0 && peps[0] === day ? 'initial' : 'review';
          const by = rng.pick(ATTENDED_BY);
          const at = ctx.stamp(Math.max(day, G), 7);
          rows.pep.push({ id, child_id: childId, period_id: p.id, kind, held_on: isoOf(day), attended_by: by, child_views: rng.chance(0.7) ? 'Likes maths and art; wants help with reading.' : null, summary: 'Progress and attainment reviewed with the school; aspirations discussed; pupil premium plus for tutoring agreed.', recorded_by: worker.id, recorded_at: at });
          events.push(ctx.eventRow({ childId, type: kind === 'initial' ? 'pep.initial' : 'pep.review', occurredOn: day, sourceTable: 'pep', sourceId: id, title: `${kind === 'initial' ? 'Initial personal education plan' : 'PEP review'} with ${by}`, recordedBy: worker.id, recordedAt: at }));
          const next = held[n + 1];
          for (let k = day >= G - 365 ? rng.int(1, 3) : 0; k > 0; k--) {
            const due = day + rng.int(42, 84);
            const reviewed = next !== undefined ? next : due + 7 <= T ? due + 7 : null;
            const met = reviewed === null ? null : rng.chance(0.65);
            const tid = rng.uuid();
            const what = rng.pick(TARGETS);
            rows.pep_target.push({ id: tid, pep_id: id, child_id: childId, what, who: rng.pick(HELPERS), by_when: isoOf(due), met, reviewed_on: reviewed === null ? null : isoOf(reviewed), recorded_by: worker.id, recorded_at: at });
            if (reviewed !== null) events.push(ctx.eventRow({ childId, type: 'pep-target.reviewed', occurredOn: reviewed, sourceTable: 'pep_target', sourceId: tid, title: `PEP target ${met ? 'met' : 'not met'}: ${what}`, recordedBy: worker.id, recordedAt: ctx.stamp(reviewed, 7) }));
          }
        });
      }
    }
    await ctx.insert('school_enrolment', rows.school_enrolment);
    await ctx.insert('school_attendance', rows.school_attendance);
    await ctx.insert('school_exclusion', rows.school_exclusion);
    await ctx.insert('pep', rows.pep);
    await ctx.insert('pep_target', rows.pep_target);
    await ctx.insert('child_event', events);
    ctx.log(`${rows.school_enrolment.length} school enrolments, ${rows.school_attendance.length} terms of attendance, ${rows.school_exclusion.length} exclusions, ${rows.pep.length} PEPs with ${rows.pep_target.length} targets (${pepsLate} initial PEPs late, ${pepsNever} never held)`);
  },
};
