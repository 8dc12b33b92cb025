// Periods of care: the child comes into care, moves placement, changes legal status and leaves care.
// Each is one fact recorded once, with its journal event in the same transaction; the SSDA903
// episodes, the chronology and the clocks (care plan, placement plan, notifications, visits,
// reviews) all follow from them. Who may record is checked once, by the route guard.
import { authoriseTransition } from '../oversight/decisions.ts';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { updateRecord } from '../db/history.ts';
import { labelFor } from '../codes/code-list.ts';
import { LEGAL_STATUS, PLACEMENT_TYPE, REASON_EPISODE_CEASED, REASON_PLACE_CHANGE } from '../codes/ssda903.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { assertNotBeforeBirth, childDates } from '../people/dates.ts';
import { openEpisodeOf } from '../episodes/service.ts';
import { registerClosureCheck } from '../episodes/closure-checks.ts';
import { endPlan, startPlan } from '../plans/lifecycle.ts';
import { locatePlacement } from './distance.ts';
import { PLACEMENT_STARTED_TYPES, placementStartedType } from './visiting.ts';
import { NO_CHANGE_REASON_TYPES } from './codes.ts';
import * as repo from './repository.ts';
import { checkHouseholdPlacement } from '../fostering/placing.ts';
import { checkPlacementUrn } from '../providers/register.ts';
import type { CarePlanStart, EnterCareInput, LeaveCareInput, LegalStatusChangeInput, NotificationInput, PlacementChangeInput, PlacementCorrection, PlacementPlanInput } from './schemas.ts';

type NewPlacement = Pick<EnterCareInput, 'placementType' | 'provider' | 'carerName' | 'urn' | 'postcode' | 'intendedUntil18' | 'visitingRule' | 'fosteringHouseholdId'>;

const notInFuture = (date: string, today: string, field: string, what: string) => {
  if (date > today) throw new RuleBroken(`${what} cannot be in the future: record it once it has happened`, field);
};

/** "Placed with the Hughes family (foster placement …), 4.2 miles from home, in Kestrelford". */
export function placementTitle(p: { carerName: string; placementType: string; distanceMiles: number | null; hostCouncil: string | null; inCouncilArea: boolean | null }): string {
  const parts = [`Placed with ${p.carerName} (${labelFor(PLACEMENT_TYPE, p.placementType) ?? p.placementType})`];
  if (p.distanceMiles !== null) parts.push(`${p.distanceMiles} miles from home`);
  if (p.inCouncilArea === false && p.hostCouncil) parts.push(`outside the council’s area, in ${p.hostCouncil}`);
  return parts.join(', ');
}

async function openPeriodOrRefuse(tx: Db, childId: string) {
  const period = await repo.openPeriod(tx, childId, { lock: true });
  if (!period) throw new RuleBroken('The child is not looked after now: record that they came into care first');
  return period;
}

/** Writes a placement and its journal event; the visit, placement plan and notification clocks start from it. */
async function addPlacement(tx: Db, user: SignedInUser, childId: string, period: { id: string; home_postcode: string | null }, startedOn: string, placement: NewPlacement, sameCarers: boolean) {
  const input = await withHousehold(tx, childId, startedOn, placement);
  await checkPlacementUrn(tx, input.urn, startedOn);
  const location = await locatePlacement(tx, period.home_postcode, input.postcode);
  const id = randomUUID();
  await tx
    .insertInto('placement')
    .values({
      id,
      period_id: period.id,
      child_id: childId,
      started_on: startedOn,
      placement_type: input.placementType,
      provider: input.provider ?? null,
      carer_name: input.carerName,
      urn: input.urn,
      postcode: input.postcode,
      distance_miles: location.distanceMiles,
      host_council: location.hostCouncil,
      in_council_area: location.inCouncilArea,
      same_carers: sameCarers,
      intended_until_18: input.intendedUntil18,
      visiting_rule: input.visitingRule ?? 'standard',
      fostering_household_id: input.fosteringHouseholdId,
      recorded_by: user.id,
    })
    .execute();
  await recordEvent(
    tx,
    {
      childId,
      type: placementStartedType(input.visitingRule ?? 'standard', input.intendedUntil18),
      occurredOn: startedOn,
      sourceTable: 'placement',
      sourceId: id,
      scopeId: id,
      title: placementTitle({ ...input, ...location }),
    },
    user.id,
    { refresh: false },
  );
  return id;
}

/**
 * The council's own foster carers, when the placement names them: checked (approved that day, a
 * vacancy, the usual fostering limit: src/fostering/placing.ts), and their names and postcode taken
 * for what the worker left blank.
 */
async function withHousehold<P extends NewPlacement>(tx: Db, childId: string, on: string, input: P, exceptPlacementId?: string) {
  const householdId = input.fosteringHouseholdId ?? null;
  if (!householdId) return { ...input, carerName: input.carerName ?? '', fosteringHouseholdId: null };
  const household = await checkHouseholdPlacement(tx, householdId, { childId, on, placementType: input.placementType, provider: input.provider ?? null, ...(exceptPlacementId ? { exceptPlacementId } : {}) });
  return { ...input, carerName: input.carerName ?? household.name, postcode: input.postcode ?? household.postcode, fosteringHouseholdId: householdId };
}

async function addLegalStatus(tx: Db, user: SignedInUser, childId: string, periodId: string, startedOn: string, legalStatus: string) {
  const id = randomUUID();
  await tx.insertInto('legal_status').values({ id, period_id: periodId, child_id: childId, started_on: startedOn, legal_status: legalStatus, recorded_by: user.id }).execute();
  return id;
}

/**
 * The child starts to be looked after, in their first placement, with their legal status. Needs an
 * open episode of need (a child in care is a child in need), starting on or after its referral,
 * and no other period of care at the same time.
 */
export async function enterCare(db: Kysely<Database>, user: SignedInUser, childId: string, input: EnterCareInput, today: string): Promise<string> {
  notInFuture(input.startedOn, today, 'startedOn', 'The date the child started to be looked after');
  return db.transaction().execute(async (tx) => {
    assertNotBeforeBirth(await childDates(tx, childId), input.startedOn, 'startedOn', 'The date the child started to be looked after');
    const episode = await openEpisodeOf(tx, childId);
    if (!episode) throw new RuleBroken('A child comes into care from an open episode of need: record the referral first', 'startedOn');
    if (input.startedOn < episode.referral_date) {
      throw new RuleBroken(`The child cannot have come into care before the referral of this episode (${formatDate(episode.referral_date)})`, 'startedOn');
    }
    const open = await repo.openPeriod(tx, childId, { lock: true });
    if (open) throw new RuleBroken(`The child is already looked after, from ${formatDate(open.started_on)}`, 'startedOn');
    const overlap = await repo.overlappingPeriod(tx, childId, input.startedOn, null);
    if (overlap) {
      throw new RuleBroken(`The child was looked after from ${formatDate(overlap.started_on)} to ${formatDate(overlap.ended_on!)}: a new period of care cannot start before that one ended`, 'startedOn');
    }
    const id = randomUUID();
    // Decision 0025 (MO-04, DQ-18): no entry to care without the manager's decision record; it covers
    // the care plan that follows.
    await authoriseTransition(tx, user.id, childId, 'entry_to_care', input.startedOn, id, 'startedOn');
    await tx
      .insertInto('care_period')
      .values({
        id,
        child_id: childId,
        episode_id: episode.id,
        started_on: input.startedOn,
        category_of_need: input.categoryOfNeed,
        home_postcode: input.homePostcode,
        decided_by: input.decidedBy,
        alternatives_considered: input.alternativesConsidered,
        recorded_by: user.id,
      })
      .execute();
    await addLegalStatus(tx, user, childId, id, input.startedOn, input.legalStatus);
    await recordEvent(
      tx,
      {
        childId,
        type: 'care.started',
        occurredOn: input.startedOn,
        sourceTable: 'care_period',
        sourceId: id,
        scopeId: id,
        title: `Started to be looked after: ${labelFor(LEGAL_STATUS, input.legalStatus)}`,
        detail: [`Decided by ${input.decidedBy}.`, input.alternativesConsidered ? `Considered first: ${input.alternativesConsidered}` : null].filter(Boolean).join(' '),
      },
      user.id,
      { refresh: false },
    );
    await addPlacement(tx, user, childId, { id, home_postcode: input.homePostcode }, input.startedOn, input, false);
    await refreshClocks(tx, childId);
    return id;
  });
}

/** Ends the open placement on the day the next one starts, with the reason it changed. */
async function endPlacement(tx: Db, user: SignedInUser, childId: string, placement: { id: string; started_on: string; carer_name: string }, endedOn: string, reason: string | null) {
  await updateRecord(tx, 'placement', placement.id, { ended_on: endedOn, change_reason: reason }, user.id);
  const why = reason ? labelFor(REASON_PLACE_CHANGE, reason) : null;
  await recordEvent(
    tx,
    {
      childId,
      type: 'placement.ended',
      occurredOn: endedOn,
      sourceTable: 'placement',
      sourceId: placement.id,
      scopeId: placement.id,
      title: `Placement with ${placement.carer_name} ended${why ? `: ${midSentence(why)}` : ''}`,
    },
    user.id,
    { refresh: false },
  );
}

/** A change after the latest change in the period; same-day changes are one change, recorded together. */
async function latestChangeOn(tx: Db, periodId: string): Promise<string> {
  const row = await tx
    .selectFrom('placement')
    .select((eb) => eb.fn.max('started_on').as('on'))
    .where('period_id', '=', periodId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  const status = await tx
    .selectFrom('legal_status')
    .select((eb) => eb.fn.max('started_on').as('on'))
    .where('period_id', '=', periodId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return [row?.on, status?.on].filter((d): d is string => typeof d === 'string').sort().at(-1) ?? '';
}

/** The child moves to a new placement in the same period of care (SSDA903: a new episode, RNE P or T). */
export async function changePlacement(db: Kysely<Database>, user: SignedInUser, childId: string, input: PlacementChangeInput, today: string): Promise<string> {
  return db.transaction().execute((tx) => changePlacementIn(tx, user, childId, input, today));
}

/** The same move inside the caller's transaction (a move in with adopters is recorded through it). */
export async function changePlacementIn(tx: Db, user: SignedInUser, childId: string, input: PlacementChangeInput, today: string): Promise<string> {
  notInFuture(input.movedOn, today, 'movedOn', 'The date the child moved');
  {
    const period = await openPeriodOrRefuse(tx, childId);
    const current = await repo.openPlacementOf(tx, period.id);
    if (!current) throw new RuleBroken('The child has no current placement to move from');
    if (input.movedOn <= current.started_on) {
      throw new RuleBroken(`The move must be after the current placement started (${formatDate(current.started_on)})`, 'movedOn');
    }
    const needsReason = !NO_CHANGE_REASON_TYPES.includes(current.placement_type);
    if (needsReason && !input.changeReason) throw new RuleBroken('Choose why the placement changed', 'changeReason');
    await endPlacement(tx, user, childId, current, input.movedOn, needsReason ? (input.changeReason ?? null) : null);
    const id = await addPlacement(tx, user, childId, period, input.movedOn, input, input.sameCarers);
    await refreshClocks(tx, childId);
    return id;
  }
}

/** The legal status changes (an interim care order becomes a full care order…): a new episode, RNE L. */
export async function changeLegalStatus(db: Kysely<Database>, user: SignedInUser, childId: string, input: LegalStatusChangeInput, today: string): Promise<string> {
  return db.transaction().execute((tx) => changeLegalStatusIn(tx, user, childId, input, today));
}

/** The same change inside the caller's transaction (a placement order makes the legal status E1 through it). */
export async function changeLegalStatusIn(tx: Db, user: SignedInUser, childId: string, input: LegalStatusChangeInput, today: string): Promise<string> {
  notInFuture(input.changedOn, today, 'changedOn', 'The date the legal status changed');
  {
    const period = await openPeriodOrRefuse(tx, childId);
    const current = await repo.openLegalStatusOf(tx, period.id);
    if (!current) throw new RuleBroken('The child has no current legal status to change from');
    if (input.changedOn <= current.started_on) {
      throw new RuleBroken(`The change must be after the current legal status started (${formatDate(current.started_on)})`, 'changedOn');
    }
    if (input.legalStatus === current.legal_status) throw new RuleBroken(`The legal status is already ${labelFor(LEGAL_STATUS, current.legal_status)}`, 'legalStatus');
    await updateRecord(tx, 'legal_status', current.id, { ended_on: input.changedOn }, user.id);
    const id = await addLegalStatus(tx, user, childId, period.id, input.changedOn, input.legalStatus);
    await recordEvent(
      tx,
      {
        childId,
        type: 'legal-status.changed',
        occurredOn: input.changedOn,
        sourceTable: 'legal_status',
        sourceId: id,
        scopeId: period.id,
        title: `Legal status: ${labelFor(LEGAL_STATUS, input.legalStatus)} (was ${labelFor(LEGAL_STATUS, current.legal_status)})`,
      },
      user.id,
    );
    await startVisitsUnderCareOrderAtHome(tx, user, childId, period.id, id, input);
    return id;
  }
}

/**
 * CPPCR reg 28(5): a full care order (C2) made while the child lives with a parent (P1) starts its own
 * visits, within a week of the order and then 6-weekly, in place of the placement's pattern.
 */
async function startVisitsUnderCareOrderAtHome(tx: Db, user: SignedInUser, childId: string, periodId: string, legalStatusId: string, input: LegalStatusChangeInput) {
  if (input.legalStatus !== FULL_CARE_ORDER) return;
  const placement = await repo.openPlacementOf(tx, periodId);
  if (placement?.placement_type !== PLACED_WITH_PARENT) return;
  await recordEvent(
    tx,
    {
      childId,
      type: 'care-order.made-placed-with-parent',
      occurredOn: input.changedOn,
      sourceTable: 'legal_status',
      sourceId: legalStatusId,
      scopeId: placement.id,
      title: `Care order made while living with ${placement.carer_name}: visits within a week, then at least every 6 weeks`,
    },
    user.id,
  );
}
const FULL_CARE_ORDER = 'C2';
const PLACED_WITH_PARENT = 'P1';

/** The child ceases to be looked after: the period, its placement and its legal status end that day. */
/** SSDA903 reasons that are a return home (decision 0021: a manager's decision first). */
const RETURNED_HOME: readonly string[] = ['E4A', 'E4B'];

export async function leaveCare(db: Kysely<Database>, user: SignedInUser, childId: string, input: LeaveCareInput, today: string): Promise<void> {
  await db.transaction().execute((tx) => leaveCareIn(tx, user, childId, input, today));
}

/** The same inside the caller's transaction (an adoption or special guardianship order ends care through it). */
export async function leaveCareIn(tx: Db, user: SignedInUser, childId: string, input: LeaveCareInput, today: string): Promise<void> {
  notInFuture(input.endedOn, today, 'endedOn', 'The date the child ceased to be looked after');
  {
    const period = await openPeriodOrRefuse(tx, childId);
    const latest = await latestChangeOn(tx, period.id);
    if (input.endedOn < latest) {
      throw new RuleBroken(`The child cannot have left care before the last change recorded in this period (${formatDate(latest)})`, 'endedOn');
    }
    const placement = await repo.openPlacementOf(tx, period.id);
    const status = await repo.openLegalStatusOf(tx, period.id);
    // Decision 0021 (MO-04, DQ-18): no return home without the manager's decision record.
    if (RETURNED_HOME.includes(input.reasonCeased)) await authoriseTransition(tx, user.id, childId, 'return_home', input.endedOn, period.id, 'reasonCeased');
    await updateRecord(tx, 'care_period', period.id, { ended_on: input.endedOn, reason_ceased: input.reasonCeased }, user.id);
    if (status) await updateRecord(tx, 'legal_status', status.id, { ended_on: input.endedOn }, user.id);
    if (placement) await endPlacement(tx, user, childId, placement, input.endedOn, null);
    const carePlan = await tx.selectFrom('plan').select('id').where('child_id', '=', childId).where('kind', '=', 'care').where('ended_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
    if (carePlan) {
      await endPlan(tx, carePlan.id, { endedOn: input.endedOn, reason: 'ceased_looked_after', reasonLabel: 'the child ceased to be looked after' }, user.id, today);
    }
    await recordEvent(
      tx,
      {
        childId,
        type: 'care.ended',
        occurredOn: input.endedOn,
        sourceTable: 'care_period',
        sourceId: period.id,
        scopeId: period.id,
        title: `Ceased to be looked after: ${labelFor(REASON_EPISODE_CEASED, input.reasonCeased)}`,
      },
      user.id,
    );
  }
}

/**
 * The care plan (CPPCR reg 4), in the one plan model: outcomes and actions with owners and dates.
 * Due before the first placement or within 10 working days of it.
 */
export async function startCarePlan(db: Kysely<Database>, user: SignedInUser, childId: string, input: CarePlanStart, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const period = await openPeriodOrRefuse(tx, childId);
    if (input.startedOn < period.started_on) {
      throw new RuleBroken(`The care plan belongs to the period of care from ${formatDate(period.started_on)}: it cannot start before it`, 'startedOn');
    }
    return startPlan(tx, { childId, kind: 'care', startedOn: input.startedOn, episodeId: period.episode_id }, user.id, today);
  });
}

export async function placementOfChild(db: Db, childId: string, placementId: string) {
  const placement = await repo.findPlacement(db, placementId);
  if (!placement || placement.child_id !== childId) throw new NotFound('No placement with that id for this child');
  return placement;
}


/** The placement plan agreed with the carers (CPPCR reg 9): meets the 5-working-day clock. */
export async function agreePlacementPlan(db: Kysely<Database>, user: SignedInUser, childId: string, placementId: string, input: PlacementPlanInput, today: string): Promise<void> {
  notInFuture(input.agreedOn, today, 'agreedOn', 'The date the placement plan was agreed');
  await db.transaction().execute(async (tx) => {
    const placement = await placementOfChild(tx, childId, placementId);
    // Reg 9(2): the plan is made before the placement where it can be, so a date shortly before counts.
    if (input.agreedOn < addDaysBefore(placement.started_on)) {
      throw new RuleBroken(`The placement plan must be agreed close to the placement, which started on ${formatDate(placement.started_on)}: check the date`, 'agreedOn');
    }
    if (placement.plan_agreed_on) throw new RuleBroken(`The placement plan was already agreed on ${formatDate(placement.plan_agreed_on)}`, 'agreedOn');
    await updateRecord(tx, 'placement', placementId, { plan_agreed_on: input.agreedOn }, user.id);
    await recordEvent(
      tx,
      { childId, type: 'placement-plan.agreed', occurredOn: maxDate(input.agreedOn, placement.started_on), sourceTable: 'placement', sourceId: placementId, scopeId: placementId, title: `Placement plan agreed with ${placement.carer_name}` },
      user.id,
    );
  });
}

/** Those who must be told were told (CPPCR reg 13), and the host council for a placement outside the area. */
export async function notifyPlacement(db: Kysely<Database>, user: SignedInUser, childId: string, placementId: string, input: NotificationInput, today: string): Promise<void> {
  notInFuture(input.notifiedOn, today, 'notifiedOn', 'The date the placement was notified');
  await db.transaction().execute(async (tx) => {
    const placement = await placementOfChild(tx, childId, placementId);
    if (input.notifiedOn < addDaysBefore(placement.started_on)) {
      throw new RuleBroken(`The placement started on ${formatDate(placement.started_on)}: notice is given close to it, check the date`, 'notifiedOn');
    }
    if (placement.notified_on) throw new RuleBroken(`The placement was already notified on ${formatDate(placement.notified_on)}`, 'notifiedOn');
    // Newham 2020 F21: the host council is told of every placement in its area.
    if (placement.in_council_area === false && !input.hostCouncilNotified) {
      throw new RuleBroken(`The child is placed outside the council’s area${placement.host_council ? `, in ${placement.host_council}` : ''}: that council must be told too`, 'hostCouncilNotified');
    }
    await updateRecord(tx, 'placement', placementId, { notified_on: input.notifiedOn, host_council_notified: input.hostCouncilNotified }, user.id);
    await recordEvent(
      tx,
      {
        childId,
        type: 'placement.notified',
        occurredOn: maxDate(input.notifiedOn, placement.started_on),
        sourceTable: 'placement',
        sourceId: placementId,
        scopeId: placementId,
        title: `Placement with ${placement.carer_name} notified${input.hostCouncilNotified && placement.host_council ? `, including ${placement.host_council}` : ''}`,
      },
      user.id,
    );
  });
}

/**
 * Corrects what was recorded about a placement (not its dates: a move recorded on the wrong day is
 * deleted and recorded again). The old version is kept with the reason; the distance is worked out
 * again from the corrected postcode.
 */
export async function correctPlacement(db: Kysely<Database>, user: SignedInUser, childId: string, placementId: string, correction: PlacementCorrection): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const placement = await placementOfChild(tx, childId, placementId);
    const input = await withHousehold(tx, childId, placement.started_on, correction, placementId);
    if (input.urn !== placement.urn) await checkPlacementUrn(tx, input.urn, placement.started_on);
    const period = await repo.findPeriod(tx, placement.period_id);
    const location = await locatePlacement(tx, period?.home_postcode ?? null, input.postcode);
    await updateRecord(
      tx,
      'placement',
      placementId,
      {
        placement_type: input.placementType,
        provider: input.provider ?? null,
        carer_name: input.carerName,
        urn: input.urn,
        postcode: input.postcode,
        distance_miles: location.distanceMiles,
        host_council: location.hostCouncil,
        in_council_area: location.inCouncilArea,
        intended_until_18: input.intendedUntil18,
        visiting_rule: input.visitingRule ?? 'standard',
        fostering_household_id: input.fosteringHouseholdId,
      },
      user.id,
      input.version,
      input.reason,
    );
    // The visit clock follows the visiting pattern and whether the placement is meant to last until 18 (reg 28).
    await tx
      .updateTable('child_event')
      .set({ type: placementStartedType(input.visitingRule ?? 'standard', input.intendedUntil18), title: placementTitle({ ...input, ...location }) })
      .where('source_id', '=', placementId)
      .where('type', 'in', PLACEMENT_STARTED_TYPES)
      .execute();
    await refreshClocks(tx, childId);
  });
}

/** Plans and notices are made close to a placement, sometimes before it: up to 4 weeks before. */
const addDaysBefore = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 28);
  return d.toISOString().slice(0, 10);
};
const maxDate = (a: string, b: string) => (a > b ? a : b);

// An episode of need cannot close while the child is looked after.
registerClosureCheck(async (db, episodeId) => {
  const open = await db.selectFrom('care_period').select('started_on').where('episode_id', '=', episodeId).where('ended_on', 'is', null).where('deleted_at', 'is', null).executeTakeFirst();
  if (open) throw new RuleBroken(`The child is looked after (from ${formatDate(open.started_on)}): record that they left care before closing the episode`);
});
