// A fostering household from its assessment to the end of its approval: added in assessment; for a
// connected person, approved temporarily (16 weeks, extended once by up to 8: CPPCR 2010 regs 24-25);
// the fostering panel recommends and the agency decision maker decides (FS(E)R 2011 regs 25-27), with
// the terms (how many children, what ages); reviewed at least once a year (reg 28); put on hold,
// approved again, resigned or deregistered. Each step is one transaction; the due dates follow from the
// household's timescale rules (clocks.ts). Who may record is checked once, by the route guard.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { softDelete, updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { addDays } from '../calendar/index.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { refreshHouseholdClocks } from './clocks.ts';
import { statusLabel, type StatusChange } from './codes.ts';
import { householdName } from './placing.ts';
import type { HouseholdStatus } from './tables.ts';
import type { DecisionInput, ExtensionInput, HouseholdCorrection, HouseholdInput, PanelInput, ReviewCorrection, ReviewInput, StatusInput, TemporaryApprovalInput, TermsInput } from './schemas.ts';

/** The most a temporary approval may be extended by, once (CPPCR 2010 reg 25(2)): 8 weeks. */
export const EXTENSION_DAYS = 8 * 7;

const notInFuture = (date: string, today: string, field: string, what: string) => {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future: record it once it has happened`, field);
};

export async function householdOf(db: Db, id: string, options: { lock?: boolean } = {}) {
  const q = db.selectFrom('fostering_household').selectAll().where('id', '=', id).where('deleted_at', 'is', null);
  const row = await (options.lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw new NotFound('No fostering household with that id');
  return row;
}
type Household = Awaited<ReturnType<typeof householdOf>>;

const notBeforeAssessment = (h: Household, date: string, field: string, what: string) => {
  if (date < h.assessment_started_on) throw new RuleBroken(`${what} cannot be before the assessment started (${formatDate(h.assessment_started_on)})`, field);
};

const isNow = (h: Household, ...statuses: HouseholdStatus[]) => statuses.includes(h.status);
const theyAre = (h: Household) => `${householdName(h)} are ${midSentence(statusLabel(h.status))} (from ${formatDate(h.status_since)})`;

/** Ends the household's open status the day the new one starts, and keeps the new one on the household. */
async function setStatus(tx: Db, user: SignedInUser, h: Household, status: HouseholdStatus, fromOn: string, reason: string | null) {
  const open = await tx.selectFrom('fostering_household_status').select('id').where('household_id', '=', h.id).where('to_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
  if (open) await updateRecord(tx, 'fostering_household_status', open.id, { to_on: fromOn }, user.id);
  await tx.insertInto('fostering_household_status').values({ id: randomUUID(), household_id: h.id, status, from_on: fromOn, reason, recorded_by: user.id }).execute();
  await updateRecord(tx, 'fostering_household', h.id, { status, status_since: fromOn }, user.id);
}

/** A household whose assessment has started. */
export async function addHousehold(db: Kysely<Database>, user: SignedInUser, input: HouseholdInput, today: string): Promise<string> {
  notInFuture(input.assessmentStartedOn, today, 'assessmentStartedOn', 'The date the assessment started');
  return db.transaction().execute(async (tx) => {
    const id = randomUUID();
    await tx
      .insertInto('fostering_household')
      .values({
        id,
        first_carer: input.firstCarer,
        second_carer: input.secondCarer,
        postcode: input.postcode,
        kind: input.kind as Household['kind'],
        assessment_started_on: input.assessmentStartedOn,
        status: 'in_assessment',
        status_since: input.assessmentStartedOn,
        recorded_by: user.id,
      })
      .execute();
    await tx.insertInto('fostering_household_status').values({ id: randomUUID(), household_id: id, status: 'in_assessment', from_on: input.assessmentStartedOn, reason: null, recorded_by: user.id }).execute();
    return id;
  });
}

/** A connected person approved for up to 16 weeks before their assessment is finished (CPPCR 2010 reg 24). */
export async function approveTemporarily(db: Kysely<Database>, user: SignedInUser, id: string, input: TemporaryApprovalInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, id, { lock: true });
    if (h.kind !== 'connected_person') throw new RuleBroken('Only a connected person (a relative, friend or other person connected with the child) can be approved temporarily (CPPCR 2010 reg 24)', 'approvedOn');
    if (h.temporary_approved_on) throw new RuleBroken(`${householdName(h)} were temporarily approved on ${formatDate(h.temporary_approved_on)}`, 'approvedOn');
    if (!isNow(h, 'in_assessment')) throw new RuleBroken(`${theyAre(h)}: temporary approval comes before the full approval is decided`, 'approvedOn');
    notInFuture(input.approvedOn, today, 'approvedOn', 'The date of the temporary approval');
    notBeforeAssessment(h, input.approvedOn, 'approvedOn', 'The temporary approval');
    await updateRecord(tx, 'fostering_household', id, { temporary_approved_on: input.approvedOn }, user.id);
    await refreshHouseholdClocks(tx, id);
  });
}

/**
 * The temporary approval extended once, before it ends, by up to 8 weeks, when the full assessment
 * will not be finished in time; approved by a nominated officer (CPPCR 2010 reg 25(1)(a), (2), (5)).
 */
export async function extendTemporaryApproval(db: Kysely<Database>, user: SignedInUser, id: string, input: ExtensionInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, id, { lock: true });
    if (!h.temporary_approved_on || !h.temporary_expires_on) throw new RuleBroken(`${householdName(h)} have no temporary approval to extend`, 'extendedUntil');
    if (h.temporary_extended_until) throw new RuleBroken(`The temporary approval was extended on ${formatDate(h.temporary_extended_on!)}: it can be extended only once (CPPCR 2010 reg 25(2))`, 'extendedUntil');
    if (!isNow(h, 'in_assessment')) throw new RuleBroken(`${theyAre(h)}: there is no temporary approval to extend`, 'extendedUntil');
    notInFuture(input.extendedOn, today, 'extendedOn', 'The date of the decision to extend');
    if (input.extendedOn < h.temporary_approved_on) throw new RuleBroken(`The decision cannot be before the temporary approval (${formatDate(h.temporary_approved_on)})`, 'extendedOn');
    if (input.extendedOn > h.temporary_expires_on) throw new RuleBroken(`The temporary approval ended on ${formatDate(h.temporary_expires_on)}: it can only be extended before it ends`, 'extendedOn');
    const latest = addDays(h.temporary_expires_on, EXTENSION_DAYS);
    if (input.extendedUntil <= h.temporary_expires_on) throw new RuleBroken(`The extension must run past ${formatDate(h.temporary_expires_on)}, when the temporary approval ends`, 'extendedUntil');
    if (input.extendedUntil > latest) throw new RuleBroken(`The temporary approval can be extended by up to 8 weeks: to ${formatDate(latest)} at the latest (CPPCR 2010 reg 25(2))`, 'extendedUntil');
    await updateRecord(tx, 'fostering_household', id, { temporary_extended_on: input.extendedOn, temporary_extended_until: input.extendedUntil, temporary_extended_by: input.nominatedOfficer }, user.id);
  });
}

/** The fostering panel's recommendation on the assessment (FS(E)R 2011 reg 25-26). */
export async function recordPanel(db: Kysely<Database>, user: SignedInUser, id: string, input: PanelInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, id, { lock: true });
    if (!isNow(h, 'in_assessment')) throw new RuleBroken(`${theyAre(h)}: the panel considers the assessment before the decision`, 'panelOn');
    if (h.panel_on) throw new RuleBroken(`The panel’s recommendation was recorded on ${formatDate(h.panel_on)}`, 'panelOn');
    notInFuture(input.panelOn, today, 'panelOn', 'The date of the panel');
    notBeforeAssessment(h, input.panelOn, 'panelOn', 'The panel');
    await updateRecord(tx, 'fostering_household', id, { panel_on: input.panelOn, panel_recommends: input.recommends }, user.id);
  });
}

/** The agency decision maker's decision, taking the panel's recommendation into account (reg 27). */
export async function recordDecision(db: Kysely<Database>, user: SignedInUser, id: string, input: DecisionInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, id, { lock: true });
    if (!isNow(h, 'in_assessment')) throw new RuleBroken(`${theyAre(h)}: a decision is made once, at the end of the assessment`, 'decidedOn');
    if (!h.panel_on) throw new RuleBroken('Record the fostering panel’s recommendation first: the decision takes it into account (FS(E)R 2011 reg 27)', 'decidedOn');
    notInFuture(input.decidedOn, today, 'decidedOn', 'The date of the decision');
    if (input.decidedOn < h.panel_on) throw new RuleBroken(`The decision cannot be before the panel (${formatDate(h.panel_on)})`, 'decidedOn');
    await updateRecord(
      tx,
      'fostering_household',
      id,
      input.approved
        ? { decided_on: input.decidedOn, decision_maker: input.decisionMaker, approved: true, places: input.places, age_from: input.ageFrom, age_to: input.ageTo }
        : { decided_on: input.decidedOn, decision_maker: input.decisionMaker, approved: false },
      user.id,
    );
    await setStatus(tx, user, { ...h, status: 'in_assessment' }, input.approved ? 'approved' : 'not_approved', input.decidedOn, input.approved ? null : 'Not approved by the agency decision maker');
    await refreshHouseholdClocks(tx, id);
  });
}

/** The terms of approval changed: the number of children, the ages, an exemption from the usual limit. */
export async function changeTerms(db: Kysely<Database>, user: SignedInUser, id: string, input: TermsInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, id, { lock: true });
    if (!isNow(h, 'approved', 'on_hold')) throw new RuleBroken(`${theyAre(h)}: only an approval’s terms can change`, 'changedOn');
    notInFuture(input.changedOn, today, 'changedOn', 'The date the terms changed');
    if (input.changedOn < h.decided_on!) throw new RuleBroken(`The terms cannot change before the approval (${formatDate(h.decided_on!)})`, 'changedOn');
    const placed = await tx
      .selectFrom('placement')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('fostering_household_id', '=', id)
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', input.changedOn)]))
      .executeTakeFirstOrThrow();
    const n = Number(placed.n);
    if (input.places! < n) throw new RuleBroken(`${n} children are placed with ${householdName(h)}: the terms cannot allow fewer`, 'places');
    const exemption = input.limitExemption;
    await updateRecord(
      tx,
      'fostering_household',
      id,
      {
        places: input.places,
        age_from: input.ageFrom,
        age_to: input.ageTo,
        limit_exemption: exemption,
        limit_exempted_on: exemption ? (exemption === h.limit_exemption ? h.limit_exempted_on : input.changedOn) : null,
      },
      user.id,
      undefined,
      `Terms of approval changed on ${formatDate(input.changedOn)}`,
    );
  });
}

/** A review of the approval (FS(E)R 2011 reg 28): at least once a year; the first goes to the panel. */
export async function reviewHousehold(db: Kysely<Database>, user: SignedInUser, id: string, input: ReviewInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, id, { lock: true });
    await checkReview(tx, h, input, today, null);
    const reviewId = randomUUID();
    await tx.insertInto('fostering_review').values({ id: reviewId, household_id: id, reviewed_on: input.reviewedOn, panel_on: input.panelOn, suitable: input.suitable, summary: input.summary, recorded_by: user.id }).execute();
    await refreshHouseholdClocks(tx, id);
    return reviewId;
  });
}

async function checkReview(tx: Db, h: Household, input: ReviewInput, today: string, exceptId: string | null) {
  if (!h.approved || !h.decided_on) throw new RuleBroken(`${householdName(h)} have not been approved: a review is of an approval`, 'reviewedOn');
  notInFuture(input.reviewedOn, today, 'reviewedOn', 'The date of the review');
  if (input.reviewedOn < h.decided_on) throw new RuleBroken(`The review cannot be before the approval (${formatDate(h.decided_on)})`, 'reviewedOn');
  if (isNow(h, 'resigned', 'deregistered') && input.reviewedOn > h.status_since) throw new RuleBroken(`The approval ended on ${formatDate(h.status_since)}`, 'reviewedOn');
  if (input.panelOn) {
    notInFuture(input.panelOn, today, 'panelOn', 'The date the panel considered the review');
    if (input.panelOn < input.reviewedOn) throw new RuleBroken('The panel considers the review’s report after the review', 'panelOn');
  }
  let earlier = tx.selectFrom('fostering_review').select('id').where('household_id', '=', h.id).where('deleted_at', 'is', null).where('reviewed_on', '<', input.reviewedOn);
  if (exceptId) earlier = earlier.where('id', '<>', exceptId);
  if (!input.panelOn && !(await earlier.executeTakeFirst())) {
    throw new RuleBroken('This is the first review since approval: its report goes to the fostering panel (FS(E)R 2011 reg 28). Enter the date the panel considered it', 'panelOn');
  }
}

export async function reviewOf(db: Db, householdId: string, reviewId: string) {
  const row = await db.selectFrom('fostering_review').selectAll().where('id', '=', reviewId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row || row.household_id !== householdId) throw new NotFound('No review with that id for this household');
  return row;
}

export async function correctReview(db: Kysely<Database>, user: SignedInUser, householdId: string, reviewId: string, input: ReviewCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, householdId, { lock: true });
    await reviewOf(tx, householdId, reviewId);
    await checkReview(tx, h, input, today, reviewId);
    await updateRecord(tx, 'fostering_review', reviewId, { reviewed_on: input.reviewedOn, panel_on: input.panelOn, suitable: input.suitable, summary: input.summary }, user.id, input.version, input.reason);
    await refreshHouseholdClocks(tx, householdId);
  });
}

export async function deleteReview(db: Kysely<Database>, user: SignedInUser, householdId: string, reviewId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await householdOf(tx, householdId, { lock: true });
    await reviewOf(tx, householdId, reviewId);
    await softDelete(tx, 'fostering_review', reviewId, user.id, reason);
    await refreshHouseholdClocks(tx, householdId);
  });
}

/** Which status each change may follow. */
const CHANGES_FROM: Record<StatusChange, readonly HouseholdStatus[]> = {
  on_hold: ['approved'],
  approved: ['on_hold'],
  resigned: ['in_assessment', 'approved', 'on_hold'],
  deregistered: ['approved', 'on_hold'],
};

/** On hold, approved again, resigned or deregistered, from a day, with the reason. */
export async function changeStatus(db: Kysely<Database>, user: SignedInUser, id: string, input: StatusInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, id, { lock: true });
    const to = input.status as StatusChange;
    if (!CHANGES_FROM[to].includes(h.status)) {
      throw new RuleBroken(`${theyAre(h)}: they cannot become ${midSentence(statusLabel(to))}${to === 'approved' ? ' again (that is for a household on hold)' : ''}`, 'status');
    }
    notInFuture(input.fromOn, today, 'fromOn', 'The date of the change');
    if (input.fromOn < h.status_since) throw new RuleBroken(`The change cannot be before the last one (${midSentence(statusLabel(h.status))} from ${formatDate(h.status_since)})`, 'fromOn');
    if (to === 'resigned' || to === 'deregistered') {
      const still = await tx
        .selectFrom('placement')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('fostering_household_id', '=', id)
        .where('deleted_at', 'is', null)
        .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', input.fromOn)]))
        .executeTakeFirstOrThrow();
      const n = Number(still.n);
      if (n > 0) throw new RuleBroken(`${n} child${n === 1 ? ' is' : 'ren are'} placed with ${householdName(h)} after ${formatDate(input.fromOn)}: record their moves first`, 'fromOn');
    }
    await setStatus(tx, user, h, to, input.fromOn, input.reason);
    await refreshHouseholdClocks(tx, id);
  });
}

/** Corrects the carers' names or the postcode, with the reason (the old version is kept). */
export async function correctHousehold(db: Kysely<Database>, user: SignedInUser, id: string, input: HouseholdCorrection): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await householdOf(tx, id, { lock: true });
    await updateRecord(tx, 'fostering_household', id, { first_carer: input.firstCarer, second_carer: input.secondCarer, postcode: input.postcode }, user.id, input.version, input.reason);
  });
}

/** Deletes a household recorded by mistake: never one a child has been placed with. */
export async function deleteHousehold(db: Kysely<Database>, user: SignedInUser, id: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const h = await householdOf(tx, id, { lock: true });
    const placed = await tx.selectFrom('placement').select('id').where('fostering_household_id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (placed) throw new RuleBroken(`Children have been placed with ${householdName(h)}: their record is kept. Record that they resigned or were deregistered instead`, 'reason');
    await softDelete(tx, 'fostering_household', id, user.id, reason);
  });
}
