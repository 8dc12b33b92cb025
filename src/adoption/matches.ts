// A child matched with approved adopters: the adoption panel's recommendation and the agency decision
// maker's decision, never before the authority to place (a placement order, or the parents'
// consent); the child moving in, recorded as a placement move through the care service so that the
// SSDA903 placement (A3-A6) and episode follow; and a disruption before the adoption order.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/history.ts';
import { updateRecord } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { recordEvent } from '../chronology/journal.ts';
import { refreshClocks } from '../clocks/refresh.ts';
import { correctRecord, deleteRecord } from '../server/corrections.ts';
import { NotFound, RuleBroken } from '../server/errors.ts';
import { formatDate } from '../server/format.ts';
import { changePlacementIn } from '../looked-after/service.ts';
import * as careRepo from '../looked-after/repository.ts';
import { checkStepDate, currentPlanOrRefuse, planOfChild, stepsOfPlan } from '../permanence/service.ts';
import type { DisruptionInput, MatchCorrection, MatchInput, PlacedInput } from '../permanence/schemas.ts';
import { householdById } from './households.ts';

export async function matchOfChild(db: Db, childId: string, matchId: string, options: { lock?: boolean } = {}) {
  const q = db.selectFrom('adoption_match').selectAll().where('id', '=', matchId).where('deleted_at', 'is', null);
  const match = await (options.lock ? q.forUpdate() : q).executeTakeFirst();
  if (!match || match.child_id !== childId) throw new NotFound('No match with that id for this child');
  return match;
}

async function authorityOf(tx: Db, planId: string) {
  return (await stepsOfPlan(tx, planId)).find((s) => s.kind === 'authority_to_place') ?? null;
}

async function hasOrder(tx: Db, planId: string) {
  return (await stepsOfPlan(tx, planId)).some((s) => s.kind === 'order');
}

/** The dates of a match: panel, then the decision, after the authority to place and the household's approval. */
async function checkMatchDates(tx: Db, childId: string, plan: { id: string; period_id: string }, household: { name: string; approved: boolean | null; decided_on: string | null; left_on: string | null }, panelOn: string, decidedOn: string, today: string) {
  const period = await careRepo.findPeriod(tx, plan.period_id);
  if (!period) throw new NotFound('No period of care for this plan');
  await checkStepDate(tx, childId, period, panelOn, today, 'panelOn', 'The date of the adoption panel');
  await checkStepDate(tx, childId, period, decidedOn, today, 'decidedOn', 'The date of the agency decision');
  if (decidedOn < panelOn) throw new RuleBroken(`The agency decision follows the panel’s recommendation (${formatDate(panelOn)})`, 'decidedOn');
  const authority = await authorityOf(tx, plan.id);
  if (!authority) throw new RuleBroken('A child is matched for adoption once there is authority to place: record the placement order (or the parents’ consent) first', 'panelOn');
  if (panelOn < authority.occurred_on) {
    throw new RuleBroken(`The ${authority.authority === 'placement_order' ? 'placement order was made' : 'parents consented'} on ${formatDate(authority.occurred_on)}: the match cannot go to panel before it`, 'panelOn');
  }
  if (!household.approved || !household.decided_on) throw new RuleBroken(`${household.name} are not approved to adopt: a child is matched only with approved adopters`, 'householdId');
  if (panelOn < household.decided_on) throw new RuleBroken(`${household.name} were approved on ${formatDate(household.decided_on)}: the match cannot go to panel before that`, 'panelOn');
  if (household.left_on && household.left_on <= panelOn) throw new RuleBroken(`${household.name} left the process on ${formatDate(household.left_on)}`, 'householdId');
}

/** The match (scorecard A2 ends at the agency decision): adoption must be the plan, not only the parallel plan. */
export async function recordMatch(db: Kysely<Database>, user: SignedInUser, childId: string, input: MatchInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const { plan } = await currentPlanOrRefuse(tx, childId);
    if (plan.plan !== 'adoption') throw new RuleBroken('A child is matched for adoption when adoption is the plan: change the plan first', 'householdId');
    const live = await tx.selectFrom('adoption_match as m').innerJoin('adopter_household as h', 'h.id', 'm.household_id').select(['h.name', 'm.decided_on']).where('m.plan_id', '=', plan.id).where('m.disrupted_on', 'is', null).where('m.deleted_at', 'is', null).executeTakeFirst();
    if (live) throw new RuleBroken(`The child was matched with ${live.name} on ${formatDate(live.decided_on)}: record a disruption or delete that match first`, 'householdId');
    const household = await householdById(tx, input.householdId).catch(() => {
      throw new RuleBroken('Choose approved adopters from the list', 'householdId');
    });
    await checkMatchDates(tx, childId, plan, household, input.panelOn, input.decidedOn, today);
    const id = randomUUID();
    await tx.insertInto('adoption_match').values({ id, child_id: childId, plan_id: plan.id, household_id: household.id, panel_on: input.panelOn, decided_on: input.decidedOn, recorded_by: user.id }).execute();
    await recordEvent(tx, { childId, type: 'adoption.matched', occurredOn: input.decidedOn, sourceTable: 'adoption_match', sourceId: id, scopeId: plan.id, title: `Matched for adoption with ${household.name} (panel ${formatDate(input.panelOn)})` }, user.id);
    return id;
  });
}

/**
 * The child moves in with the adopters: a change of placement through the care service, placed for
 * adoption under the placement order (A5 with the current foster carers, A6 otherwise) or with
 * consent (A3, A4), so the SSDA903 episode and the visits and plan clocks follow.
 */
export async function placeWithAdopters(db: Kysely<Database>, user: SignedInUser, childId: string, matchId: string, input: PlacedInput, today: string): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const match = await matchOfChild(tx, childId, matchId, { lock: true });
    if (match.placed_on) throw new RuleBroken(`The child moved in with the adopters on ${formatDate(match.placed_on)}`, 'movedOn');
    const plan = await planOfChild(tx, childId, match.plan_id);
    if (plan.ended_on) throw new RuleBroken('This match belongs to a plan that has ended', 'movedOn');
    if (input.movedOn < match.decided_on) throw new RuleBroken(`The child moves in after the agency decided on the match (${formatDate(match.decided_on)})`, 'movedOn');
    const authority = await authorityOf(tx, plan.id);
    const household = await householdById(tx, match.household_id);
    const underOrder = authority?.authority === 'placement_order';
    const placementType = underOrder ? (input.currentCarers ? 'A5' : 'A6') : input.currentCarers ? 'A3' : 'A4';
    const placementId = await changePlacementIn(
      tx,
      user,
      childId,
      { movedOn: input.movedOn, changeReason: 'CARPL', sameCarers: input.currentCarers, placementType, provider: input.provider, carerName: household.name, urn: null, postcode: household.postcode, intendedUntil18: false },
      today,
    );
    await updateRecord(tx, 'adoption_match', matchId, { placed_on: input.movedOn, placement_id: placementId }, user.id);
    await recordEvent(tx, { childId, type: 'adoption.placed', occurredOn: input.movedOn, sourceTable: 'adoption_match', sourceId: matchId, scopeId: plan.id, title: `Moved in with ${household.name}, placed for adoption` }, user.id);
    return placementId;
  });
}

/** The placement with the adopters ended before the adoption order (seed AD-19). The child's next placement is recorded on the care page. */
export async function recordDisruption(db: Kysely<Database>, user: SignedInUser, childId: string, matchId: string, input: DisruptionInput, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const match = await matchOfChild(tx, childId, matchId, { lock: true });
    if (!match.placed_on) throw new RuleBroken('The child has not moved in with these adopters: delete the match if it will not go ahead', 'disruptedOn');
    if (match.disrupted_on) throw new RuleBroken(`The disruption was recorded on ${formatDate(match.disrupted_on)}`, 'disruptedOn');
    if (await hasOrder(tx, match.plan_id)) throw new RuleBroken('The adoption order was made: a breakdown after it is not a disruption of the placement', 'disruptedOn');
    if (input.disruptedOn > today) throw new RuleBroken('The date cannot be in the future', 'disruptedOn');
    if (input.disruptedOn < match.placed_on) throw new RuleBroken(`The child moved in on ${formatDate(match.placed_on)}: the placement cannot have ended before that`, 'disruptedOn');
    const household = await householdById(tx, match.household_id);
    await updateRecord(tx, 'adoption_match', matchId, { disrupted_on: input.disruptedOn, disruption_reason: input.reason }, user.id);
    await recordEvent(tx, { childId, type: 'adoption.disrupted', occurredOn: input.disruptedOn, sourceTable: 'adoption_match', sourceId: matchId, scopeId: match.plan_id, title: `The placement with ${household.name} disrupted`, detail: input.reason }, user.id);
  });
}

/** Corrects the panel and decision dates with the reason: still after the authority and the approval, and before the move. */
export async function correctMatch(db: Kysely<Database>, user: SignedInUser, childId: string, matchId: string, input: MatchCorrection, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const match = await matchOfChild(tx, childId, matchId, { lock: true });
    const plan = await planOfChild(tx, childId, match.plan_id);
    const household = await householdById(tx, match.household_id);
    await checkMatchDates(tx, childId, plan, household, input.panelOn, input.decidedOn, today);
    if (match.placed_on && input.decidedOn > match.placed_on) throw new RuleBroken(`The child moved in on ${formatDate(match.placed_on)}: the decision on the match was before that`, 'decidedOn');
    await correctRecord(tx, {
      table: 'adoption_match',
      id: matchId,
      actorId: user.id,
      reason: input.reason,
      expectedVersion: input.version,
      changes: { panel_on: input.panelOn, decided_on: input.decidedOn },
    });
    // Only the match's own event moves (the move in and a disruption keep their days).
    await tx.updateTable('child_event').set({ occurred_on: input.decidedOn, title: `Matched for adoption with ${household.name} (panel ${formatDate(input.panelOn)})` }).where('source_id', '=', matchId).where('type', '=', 'adoption.matched').execute();
    await refreshClocks(tx, childId);
  });
}

/** Deletes a match recorded in error, with the reason: only before the child moved in. */
export async function deleteMatch(db: Kysely<Database>, user: SignedInUser, childId: string, matchId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const match = await matchOfChild(tx, childId, matchId, { lock: true });
    if (match.placed_on) throw new RuleBroken('The child moved in with these adopters: record a disruption instead');
    await deleteRecord(tx, { table: 'adoption_match', id: matchId, actorId: user.id, reason, childId });
  });
}
