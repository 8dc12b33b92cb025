// The fostering service's oversight of an approved household (decision 0056): each DBS check of a
// carer or another adult of the household (FS(E)R 2011 Schedule 3 para 2: an enhanced certificate with
// the children's barred list), renewed by the council's interval (3 years unless it sets a shorter
// one); the household's supervising social worker over time (NMS 2011 standard 21); and the
// supervisory and unannounced visits (NMS 21.8). Each step is one transaction and re-derives the
// household's clocks (clocks.ts). Who may record is checked once, by the route guard.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { softDelete, updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { addMonths } from '../calendar/index.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { loadSettings, settingMax } from '../settings/council-settings.ts';
import { refreshHouseholdClocks } from './clocks.ts';
import { householdName } from './placing.ts';
import { householdOf } from './service.ts';
import type { DbsCheckCorrection, DbsCheckInput, RiskAssessmentCorrection, RiskAssessmentInput, SupervisingWorkerInput, VisitCorrection, VisitInput } from './schemas.ts';

/** The council's DBS renewal interval in months: its setting, else 3 years. */
export async function dbsRenewalMonths(db: Db): Promise<number> {
  return (await loadSettings(db)).fosteringDbsRenewalMonths ?? settingMax('fosteringDbsRenewalMonths');
}

const notInFuture = (date: string, today: string, field: string, what: string) => {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future: record it once it has happened`, field);
};

type Household = Awaited<ReturnType<typeof householdOf>>;

/**
 * Whose check it is ('carer:1', 'carer:2', 'member:<id>'): a carer the household has, or one of its
 * members (decision 0062), named as the record has them.
 */
async function whoseCheck(tx: Db, h: Household, whose: string): Promise<{ subject: string; carer: 1 | 2 | null; member: { id: string; name: string } | null }> {
  if (whose === 'carer:1') return { subject: whose, carer: 1, member: null };
  if (whose === 'carer:2') {
    if (!h.second_carer) throw new RuleBroken(`${householdName(h)} is the only carer: choose the first carer or a member of the household`, 'whose');
    return { subject: whose, carer: 2, member: null };
  }
  const id = whose.slice('member:'.length);
  const member = await tx.selectFrom('fostering_household_member').select(['id', 'name']).where('id', '=', id).where('household_id', '=', h.id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!member) throw new RuleBroken('Choose a carer or a member of this household: add the member first if they are not listed', 'whose');
  return { subject: `member:${member.id}`, carer: null, member };
}

/** A DBS check, with the renewal due by the council's interval unless an earlier date is given. */
export async function recordDbsCheck(db: Kysely<Database>, user: SignedInUser, householdId: string, input: DbsCheckInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, householdId, { lock: true });
    const values = await checkValues(tx, h, input, today);
    const id = randomUUID();
    await tx.insertInto('fostering_dbs_check').values({ id, household_id: householdId, ...values, recorded_by: user.id }).execute();
    await refreshHouseholdClocks(tx, householdId);
    return id;
  });
}

async function checkValues(tx: Db, h: Household, input: DbsCheckInput, today: string) {
  const whose = await whoseCheck(tx, h, input.whose);
  notInFuture(input.checkedOn, today, 'checkedOn', 'The date the certificate was issued');
  const months = await dbsRenewalMonths(tx);
  const latest = addMonths(input.checkedOn, months);
  const renewal = input.renewalDueOn ?? latest;
  if (renewal <= input.checkedOn) throw new RuleBroken('The renewal must be due after the certificate was issued', 'renewalDueOn');
  if (renewal > latest) throw new RuleBroken(`The council renews DBS checks at least every ${months} months: the renewal is due by ${formatDate(latest)} at the latest`, 'renewalDueOn');
  return {
    carer: whose.carer,
    member_id: whose.member?.id ?? null,
    member_name: whose.member?.name ?? null,
    checked_on: input.checkedOn,
    certificate_number: input.certificateNumber,
    barred_list: input.barredList,
    update_service: input.updateService,
    renewal_due_on: renewal,
  };
}

export async function dbsCheckOf(db: Db, householdId: string, checkId: string) {
  const row = await db.selectFrom('fostering_dbs_check').selectAll().where('id', '=', checkId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || row.household_id !== householdId) throw new NotFound('No DBS check with that id for this household');
  return row;
}

/** Corrects a check (a wrong date, number or person): the earlier version is kept with the reason. */
export async function correctDbsCheck(db: Kysely<Database>, user: SignedInUser, householdId: string, checkId: string, input: DbsCheckCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, householdId, { lock: true });
    await dbsCheckOf(tx, householdId, checkId);
    await updateRecord(tx, 'fostering_dbs_check', checkId, await checkValues(tx, h, input, today), user.id, input.version, input.reason);
    await refreshHouseholdClocks(tx, householdId);
  });
}

/** Deletes a check recorded by mistake, with the reason; the renewal due follows from the others. */
export async function deleteDbsCheck(db: Kysely<Database>, user: SignedInUser, householdId: string, checkId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await householdOf(tx, householdId, { lock: true });
    await dbsCheckOf(tx, householdId, checkId);
    await softDelete(tx, 'fostering_dbs_check', checkId, user.id, reason);
    await refreshHouseholdClocks(tx, householdId);
  });
}

/**
 * Seed FO-04's risk-assessment override: while the person's check is outstanding, the household goes on
 * until a day, on a manager's decision. It meets no renewal (the check is still owed); it is shown beside it.
 */
export async function recordRiskAssessment(db: Kysely<Database>, user: SignedInUser, householdId: string, input: RiskAssessmentInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, householdId, { lock: true });
    const id = randomUUID();
    await tx.insertInto('fostering_dbs_risk_assessment').values({ id, household_id: householdId, ...(await riskAssessmentValues(tx, h, input, today)), recorded_by: user.id }).execute();
    return id;
  });
}

async function riskAssessmentValues(tx: Db, h: Household, input: RiskAssessmentInput, today: string) {
  const { subject } = await whoseCheck(tx, h, input.whose);
  notInFuture(input.decidedOn, today, 'decidedOn', 'The date of the decision');
  if (input.untilOn < input.decidedOn) throw new RuleBroken('It must last until the day of the decision or later', 'untilOn');
  return { subject, decided_on: input.decidedOn, decided_by: input.decidedBy, reason: input.reason, until_on: input.untilOn };
}

export async function riskAssessmentOf(db: Db, householdId: string, assessmentId: string) {
  const row = await db.selectFrom('fostering_dbs_risk_assessment').selectAll().where('id', '=', assessmentId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || row.household_id !== householdId) throw new NotFound('No risk assessment with that id for this household');
  return row;
}

/** Corrects a risk assessment (whose, when, who, why, until when): the earlier version is kept with the reason for the correction (decision 0062). */
export async function correctRiskAssessment(db: Kysely<Database>, user: SignedInUser, householdId: string, assessmentId: string, input: RiskAssessmentCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, householdId, { lock: true });
    await riskAssessmentOf(tx, householdId, assessmentId);
    await updateRecord(tx, 'fostering_dbs_risk_assessment', assessmentId, await riskAssessmentValues(tx, h, input, today), user.id, input.version, input.correctionReason);
  });
}

/** Withdraws a risk assessment (recorded by mistake, or the decision withdrawn), with the reason: the renewal owed shows no risk assessment. */
export async function withdrawRiskAssessment(db: Kysely<Database>, user: SignedInUser, householdId: string, assessmentId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await householdOf(tx, householdId, { lock: true });
    await riskAssessmentOf(tx, householdId, assessmentId);
    await softDelete(tx, 'fostering_dbs_risk_assessment', assessmentId, user.id, reason);
  });
}

/** Staff who may be a household's supervising social worker or visit it: social workers and their managers. */
export async function fosteringStaff(db: Db) {
  return db.selectFrom('app_user').select(['id', 'display_name']).where('active', '=', true).where('role', 'in', ['social_worker', 'team_manager']).orderBy('display_name').orderBy('id').execute();
}

async function staffMember(db: Db, id: string, field: string) {
  const row = await db.selectFrom('app_user').select('id').where('id', '=', id).where('active', '=', true).where('role', 'in', ['social_worker', 'team_manager']).executeTakeFirst();
  if (!row) throw new RuleBroken('Choose a social worker or team manager from the list', field);
}

/** A supervising social worker from a day: the one before stops that day (as a child's allocation moves). */
export async function allocateSupervisingWorker(db: Kysely<Database>, user: SignedInUser, householdId: string, input: SupervisingWorkerInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, householdId, { lock: true });
    if (h.status === 'resigned' || h.status === 'deregistered' || h.status === 'not_approved') throw new RuleBroken(`${householdName(h)} no longer foster for the council`, 'workerId');
    notInFuture(input.fromOn, today, 'fromOn', 'The date they became the supervising social worker');
    if (input.fromOn < h.assessment_started_on) throw new RuleBroken(`The date cannot be before the assessment started (${formatDate(h.assessment_started_on)})`, 'fromOn');
    await staffMember(tx, input.workerId, 'workerId');
    const open = await tx.selectFrom('fostering_supervising_worker').select(['id', 'worker_id', 'from_on']).where('household_id', '=', householdId).where('to_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
    if (open) {
      if (open.worker_id === input.workerId) throw new RuleBroken('They are already the supervising social worker', 'workerId');
      if (input.fromOn < open.from_on) throw new RuleBroken(`The date cannot be before the present supervising social worker began (${formatDate(open.from_on)})`, 'fromOn');
      await updateRecord(tx, 'fostering_supervising_worker', open.id, { to_on: input.fromOn }, user.id);
    }
    await tx.insertInto('fostering_supervising_worker').values({ id: randomUUID(), household_id: householdId, worker_id: input.workerId, from_on: input.fromOn, recorded_by: user.id }).execute();
  });
}

/** A visit to approved carers: from the approval to the end of it. */
export async function recordVisit(db: Kysely<Database>, user: SignedInUser, householdId: string, input: VisitInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await checkVisit(tx, householdId, input, today);
    const id = randomUUID();
    await tx.insertInto('fostering_visit').values({ id, household_id: householdId, visited_on: input.visitedOn, unannounced: input.unannounced, visited_by: input.visitedBy, summary: input.summary, recorded_by: user.id }).execute();
    await refreshHouseholdClocks(tx, householdId);
    return id;
  });
}

/** Locks the household and checks the visit could have happened then, by whom it says. */
async function checkVisit(tx: Db, householdId: string, input: VisitInput, today: string) {
  const h = await householdOf(tx, householdId, { lock: true });
  if (!h.approved || !h.decided_on) throw new RuleBroken(`${householdName(h)} have not been approved: supervisory visits are to approved carers`, 'visitedOn');
  notInFuture(input.visitedOn, today, 'visitedOn', 'The date of the visit');
  if (input.visitedOn < h.decided_on) throw new RuleBroken(`The visit cannot be before the approval (${formatDate(h.decided_on)})`, 'visitedOn');
  if ((h.status === 'resigned' || h.status === 'deregistered') && input.visitedOn > h.status_since) throw new RuleBroken(`The approval ended on ${formatDate(h.status_since)}`, 'visitedOn');
  await staffMember(tx, input.visitedBy, 'visitedBy');
}

/** Corrects a visit (its date, whether unannounced, who, what it found): the earlier version is kept with the reason. */
export async function correctVisit(db: Kysely<Database>, user: SignedInUser, householdId: string, visitId: string, input: VisitCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await checkVisit(tx, householdId, input, today);
    await visitOf(tx, householdId, visitId);
    await updateRecord(tx, 'fostering_visit', visitId, { visited_on: input.visitedOn, unannounced: input.unannounced, visited_by: input.visitedBy, summary: input.summary }, user.id, input.version, input.reason);
    await refreshHouseholdClocks(tx, householdId);
  });
}

export async function visitOf(db: Db, householdId: string, visitId: string) {
  const row = await db.selectFrom('fostering_visit').selectAll().where('id', '=', visitId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || row.household_id !== householdId) throw new NotFound('No visit with that id for this household');
  return row;
}

export async function deleteVisit(db: Kysely<Database>, user: SignedInUser, householdId: string, visitId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await householdOf(tx, householdId, { lock: true });
    await visitOf(tx, householdId, visitId);
    await softDelete(tx, 'fostering_visit', visitId, user.id, reason);
    await refreshHouseholdClocks(tx, householdId);
  });
}
