// The education of a child: the school (a move is a new enrolment, with why), attendance each term,
// suspensions and permanent exclusions, and for a child in care the personal education plan with its
// targets. Each fact is written with its journal event in one transaction, so the chronology and the
// PEP clocks (initial within 20 school days, then each term: src/clocks/rules.ts) follow.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { schoolYearLabel, schoolYearOf, TERM_LABELS } from '../calendar/school-terms.ts';
import { loadSchoolCalendar } from '../settings/school-terms.ts';
import { moveReasonLabel, SUSPENSION_DAYS_A_YEAR } from './codes.ts';
import type { AttendanceInput, ExclusionInput, PepCorrection, PepInput, SchoolInput, TargetInput, TargetOutcome } from './schemas.ts';
import { periodOnDate } from '../looked-after/repository.ts';

async function checkDate(tx: Db, childId: string, date: string, today: string, field: string, what: string) {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future`, field);
  assertNotBeforeBirth(await childDates(tx, childId), date, field, what);
}

type EducationTable = 'school_enrolment' | 'school_attendance' | 'school_exclusion' | 'pep' | 'pep_target';

export async function recordOfChild<T extends EducationTable>(db: Db, table: T, childId: string, id: string) {
  const row = await db.selectFrom(table as EducationTable).selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || row.child_id !== childId) throw new NotFound('No such education record for this child');
  return row as unknown as Database[T];
}

/** Deletes an education record with the reason; a PEP takes its targets with it. */
export async function deleteEducationRecord(db: Kysely<Database>, user: SignedInUser, childId: string, table: EducationTable, id: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await recordOfChild(tx, table, childId, id);
    if (table === 'pep') {
      const targets = await tx.selectFrom('pep_target').select('id').where('pep_id', '=', id).where('deleted_at', 'is', null).execute();
      for (const target of targets) await deleteRecord(tx, { table: 'pep_target', id: target.id, actorId: user.id, reason, childId });
    }
    if (table === 'school_enrolment') {
      // The school before it is the current one again.
      const row = await recordOfChild(tx, 'school_enrolment', childId, id);
      const before = await tx.selectFrom('school_enrolment').select('id').where('child_id', '=', childId).where('deleted_at', 'is', null).where('ended_on', '=', row.started_on).where('id', '<>', id).executeTakeFirst();
      if (before && row.ended_on === null) await updateRecord(tx, 'school_enrolment', before.id, { ended_on: null }, user.id, undefined, reason);
    }
    await deleteRecord(tx, { table, id, actorId: user.id, reason, childId });
  });
}

// --- The school ---------------------------------------------------------------------------------

/** The child starts at a school; the school they were at ends that day, and the move needs a reason. */
export async function recordSchool(db: Kysely<Database>, user: SignedInUser, childId: string, input: SchoolInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await checkDate(tx, childId, input.startedOn, today, 'startedOn', 'The date the child started at the school');
    const latest = await tx.selectFrom('school_enrolment').selectAll().where('child_id', '=', childId).where('deleted_at', 'is', null).orderBy('started_on', 'desc').forUpdate().executeTakeFirst();
    if (latest && input.startedOn <= latest.started_on) throw new RuleBroken(`The child started at ${latest.school_name} on ${formatDate(latest.started_on)}: a new school starts after that`, 'startedOn');
    if (latest && !input.moveReason) throw new RuleBroken(`Choose why the child moved from ${latest.school_name}`, 'moveReason');
    if (latest && latest.ended_on === null) await updateRecord(tx, 'school_enrolment', latest.id, { ended_on: input.startedOn }, user.id);
    const reason = latest ? (input.moveReason ?? null) : null;
    const id = randomUUID();
    await tx.insertInto('school_enrolment').values({ id, child_id: childId, school_name: input.schoolName, urn: input.urn, started_on: input.startedOn, move_reason: reason, recorded_by: user.id }).execute();
    const title = latest ? `Moved school from ${latest.school_name} to ${input.schoolName}: ${midSentence(moveReasonLabel(reason!))}` : `Started at ${input.schoolName}`;
    await recordEvent(tx, { childId, type: 'school.started', occurredOn: input.startedOn, sourceTable: 'school_enrolment', sourceId: id, title }, user.id);
    return id;
  });
}

// --- Attendance ---------------------------------------------------------------------------------

export const attendancePercent = (attended: number, possible: number) => Math.round((attended / possible) * 1000) / 10;

/** One term's attendance, from the school's figures; once a term. */
export async function recordAttendance(db: Kysely<Database>, user: SignedInUser, childId: string, input: AttendanceInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const calendar = await loadSchoolCalendar(tx);
    const term = calendar.termsOf(input.schoolYear).find((t) => t.term === input.term)!;
    const name = `${midSentence(TERM_LABELS[input.term])} term ${schoolYearLabel(input.schoolYear)}`;
    if (term.startsOn > today) throw new RuleBroken(`The ${name} has not started yet`, 'term');
    const on = term.endsOn < today ? term.endsOn : today;
    assertNotBeforeBirth(await childDates(tx, childId), term.startsOn, 'schoolYear', `The ${name}`);
    const already = await tx.selectFrom('school_attendance').select('id').where('child_id', '=', childId).where('school_year', '=', input.schoolYear).where('term', '=', input.term).where('deleted_at', 'is', null).executeTakeFirst();
    if (already) throw new RuleBroken(`Attendance for the ${name} is already recorded: delete it to record it again`, 'term');
    const id = randomUUID();
    await tx
      .insertInto('school_attendance')
      .values({ id, child_id: childId, school_year: input.schoolYear, term: input.term, term_ends_on: term.endsOn, sessions_possible: input.sessionsPossible, sessions_attended: input.sessionsAttended, recorded_by: user.id })
      .execute();
    const percent = attendancePercent(input.sessionsAttended, input.sessionsPossible);
    await recordEvent(tx, { childId, type: 'attendance.recorded', occurredOn: on, sourceTable: 'school_attendance', sourceId: id, title: `Attendance, ${name}: ${percent}% (${input.sessionsAttended} of ${input.sessionsPossible} sessions)` }, user.id);
    return id;
  });
}

// --- Exclusions ---------------------------------------------------------------------------------

async function schoolOn(tx: Db, childId: string, on: string) {
  return tx
    .selectFrom('school_enrolment')
    .select('school_name')
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .where('started_on', '<=', on)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', on)]))
    .orderBy('started_on', 'desc')
    .executeTakeFirst();
}

/** A suspension (no more than 45 school days in a school year) or a permanent exclusion. */
export async function recordExclusion(db: Kysely<Database>, user: SignedInUser, childId: string, input: ExclusionInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await checkDate(tx, childId, input.startsOn, today, 'startsOn', 'The date the exclusion started');
    const school = input.schoolName ?? (await schoolOn(tx, childId, input.startsOn))?.school_name;
    if (!school) throw new RuleBroken(`No school is recorded for ${formatDate(input.startsOn)}: enter the school’s name`, 'schoolName');
    if (input.kind === 'suspension') {
      const year = schoolYearOf(input.startsOn);
      const sofar = await tx
        .selectFrom('school_exclusion')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<string | number>('days'), eb.val(0)).as('days'))
        .where('child_id', '=', childId)
        .where('kind', '=', 'suspension')
        .where('deleted_at', 'is', null)
        .where('starts_on', '>=', `${year}-09-01`)
        .where('starts_on', '<=', `${year + 1}-08-31`)
        .executeTakeFirst();
      const total = Number(sofar?.days ?? 0) + input.days!;
      if (total > SUSPENSION_DAYS_A_YEAR) {
        throw new RuleBroken(`That makes ${total} days of suspension in ${schoolYearLabel(year)}: a pupil may be suspended for no more than ${SUSPENSION_DAYS_A_YEAR} school days in a school year (Education Act 2002 s.51A)`, 'days');
      }
    }
    const id = randomUUID();
    await tx.insertInto('school_exclusion').values({ id, child_id: childId, kind: input.kind, starts_on: input.startsOn, days: input.kind === 'suspension' ? input.days! : null, school_name: school, reason: input.reason, recorded_by: user.id }).execute();
    const title = input.kind === 'suspension' ? `Suspended from ${school} for ${input.days} school day${input.days === 1 ? '' : 's'}` : `Permanently excluded from ${school}`;
    await recordEvent(tx, { childId, type: input.kind === 'suspension' ? 'exclusion.suspension' : 'exclusion.permanent', occurredOn: input.startsOn, sourceTable: 'school_exclusion', sourceId: id, title, detail: input.reason }, user.id);
    return id;
  });
}

// --- Personal education plans -------------------------------------------------------------------

async function periodOn(tx: Db, childId: string, on: string) {
  const period = await periodOnDate(tx, childId, on);
  if (!period) throw new RuleBroken(`The child was not looked after on ${formatDate(on)}: personal education plans here are for children in care`, 'heldOn');
  return period;
}

const pepTitle = (kind: 'initial' | 'review', attendedBy: string) => `${kind === 'initial' ? 'Initial personal education plan' : 'PEP review'} with ${attendedBy}`;

async function addTarget(tx: Db, user: SignedInUser, childId: string, pep: { id: string; held_on: string }, input: TargetInput): Promise<string> {
  if (input.byWhen < pep.held_on) throw new RuleBroken(`The target is set at the PEP of ${formatDate(pep.held_on)}: it is due after that`, 'byWhen');
  const id = randomUUID();
  await tx.insertInto('pep_target').values({ id, pep_id: pep.id, child_id: childId, what: input.what, who: input.who, by_when: input.byWhen, recorded_by: user.id }).execute();
  return id;
}

/** A PEP meeting of a child in care: the first in a period of care is the initial PEP. */
export async function recordPep(db: Kysely<Database>, user: SignedInUser, childId: string, input: PepInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await checkDate(tx, childId, input.heldOn, today, 'heldOn', 'The date of the PEP meeting');
    const period = await periodOn(tx, childId, input.heldOn);
    const earlier = await tx.selectFrom('pep').select('id').where('period_id', '=', period.id).where('held_on', '<=', input.heldOn).where('deleted_at', 'is', null).executeTakeFirst();
    const kind = earlier ? 'review' : 'initial';
    const id = randomUUID();
    await tx.insertInto('pep').values({ id, child_id: childId, period_id: period.id, kind, held_on: input.heldOn, attended_by: input.attendedBy, child_views: input.childViews, summary: input.summary, recorded_by: user.id }).execute();
    if (input.targetWhat && input.targetWho && input.targetBy) {
      await addTarget(tx, user, childId, { id, held_on: input.heldOn }, { what: input.targetWhat, who: input.targetWho, byWhen: input.targetBy });
    }
    await recordEvent(tx, { childId, type: kind === 'initial' ? 'pep.initial' : 'pep.review', occurredOn: input.heldOn, sourceTable: 'pep', sourceId: id, title: pepTitle(kind, input.attendedBy), detail: input.summary }, user.id);
    return id;
  });
}

export async function correctPep(db: Kysely<Database>, user: SignedInUser, childId: string, id: string, input: PepCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await recordOfChild(tx, 'pep', childId, id);
    await checkDate(tx, childId, input.heldOn, today, 'heldOn', 'The date of the PEP meeting');
    const period = await periodOn(tx, childId, input.heldOn);
    if (period.id !== row.period_id) throw new RuleBroken('The corrected date falls in another period of care: delete this PEP and record it there', 'heldOn');
    const early = await tx.selectFrom('pep_target').select('by_when').where('pep_id', '=', id).where('deleted_at', 'is', null).where('by_when', '<', input.heldOn).executeTakeFirst();
    if (early) throw new RuleBroken(`A target of this PEP is due on ${formatDate(early.by_when)}: the PEP was held before that`, 'heldOn');
    await correctRecord(tx, {
      table: 'pep',
      id,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { held_on: input.heldOn, attended_by: input.attendedBy, child_views: input.childViews, summary: input.summary },
      event: { occurredOn: input.heldOn, title: pepTitle(row.kind, input.attendedBy), detail: input.summary },
    });
  });
}

export async function addPepTarget(db: Kysely<Database>, user: SignedInUser, childId: string, pepId: string, input: TargetInput): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const pep = await recordOfChild(tx, 'pep', childId, pepId);
    return addTarget(tx, user, childId, pep, input);
  });
}

export async function targetOfPep(db: Db, childId: string, pepId: string, targetId: string) {
  const target = await recordOfChild(db, 'pep_target', childId, targetId);
  if (target.pep_id !== pepId) throw new NotFound('No such target in this PEP');
  return target;
}

/** Whether a target was met, when it was reviewed. */
export async function reviewPepTarget(db: Kysely<Database>, user: SignedInUser, childId: string, pepId: string, targetId: string, input: TargetOutcome, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const pep = await recordOfChild(tx, 'pep', childId, pepId);
    const target = await targetOfPep(tx, childId, pepId, targetId);
    await checkDate(tx, childId, input.reviewedOn, today, 'reviewedOn', 'The date it was reviewed');
    if (input.reviewedOn < pep.held_on) throw new RuleBroken(`The target was set on ${formatDate(pep.held_on)}: it is reviewed after that`, 'reviewedOn');
    await updateRecord(tx, 'pep_target', targetId, { met: input.met, reviewed_on: input.reviewedOn }, user.id);
    await recordEvent(tx, { childId, type: 'pep-target.reviewed', occurredOn: input.reviewedOn, sourceTable: 'pep_target', sourceId: targetId, title: `PEP target ${input.met ? 'met' : 'not met'}: ${target.what}` }, user.id);
  });
}
