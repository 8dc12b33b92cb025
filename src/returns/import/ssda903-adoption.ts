// The SSDA903 adoption tables: PlacedAdoption (each decision that the child should be placed for
// adoption, and its reversal with the reason) becomes a permanence plan of adoption in the period of
// care it was made in (decision 0041); AD1's DATE_INT is the same decision. The match and the adopters
// (DATE_MATCH, NB_ADOPTR, SEX_ADOPTR, LS_ADOPTR) are not imported: Lantern keeps a match with the
// adopters' household and its panel, which the return does not describe (listed after the import).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { ADOPTION_DECISION_REVERSED_REASON } from '../../codes/ssda903.ts';
import type { Ssda903Ad1, Ssda903PlacedAdoption } from '../ssda903/model.ts';
import type { Row903 } from './read-ssda903-tables.ts';
import { codeIn, heldDifferently, type Writer903 } from './ssda903-writer.ts';

type Made = 'created' | 'already' | { reason: string };

/** The adoption plan decided on a day: created in its period of care, or found. */
async function adoptionPlan(w: Writer903, decidedOn: string, ceasedOn: string | null, reason: string | null): Promise<Made> {
  const held = await w.tx
    .selectFrom('permanence_plan')
    .select([sql<string | null>`ended_on::text`.as('ended_on'), 'end_reason', 'adoption_reversed_reason'])
    .where('child_id', '=', w.childId)
    .where('plan', '=', 'adoption')
    .where('decided_on', '=', decidedOn)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (held) {
    const ceased = held.end_reason === 'changed' ? held.ended_on : null;
    if (ceased === ceasedOn && (held.adoption_reversed_reason ?? null) === reason) return 'already';
    return { reason: heldDifferently(`the decision to place for adoption of ${decidedOn}`, `reversed ${ceased ?? 'not'} ${held.adoption_reversed_reason ?? ''}`.trim(), `reversed ${ceasedOn ?? 'not'} ${reason ?? ''}`.trim()) };
  }
  const period = await w.periodOn(decidedOn);
  if (!period) return { reason: `No period of care in Lantern on ${decidedOn}: a decision to place for adoption is a permanence plan in one` };
  // One plan at a time in a period: another plan held over the same days is not overwritten.
  const other = await w.tx
    .selectFrom('permanence_plan')
    .select(['plan', sql<string>`decided_on::text`.as('decided_on')])
    .where('period_id', '=', period.id)
    .where('deleted_at', 'is', null)
    .where('decided_on', '<', ceasedOn ?? '9999-12-31')
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', decidedOn)]))
    .executeTakeFirst();
  if (other) return { reason: `Lantern holds a permanence plan (${other.plan}) from ${other.decided_on} over the same days: one plan at a time; record the change in Lantern` };
  const id = randomUUID();
  await w.tx
    .insertInto('permanence_plan')
    .values({ id, child_id: w.childId, period_id: period.id, decided_on: decidedOn, review_id: null, plan: 'adoption', plan_detail: null, parallel_plan: null, ended_on: ceasedOn, end_reason: ceasedOn ? 'changed' : null, adoption_reversed_reason: ceasedOn ? reason : null, recorded_by: w.actor })
    .execute();
  w.madeNow.add(`adoption ${decidedOn}`);
  await w.event('permanence.planned', decidedOn, 'permanence_plan', id, id, 'Permanence plan: adoption (imported: should be placed for adoption)');
  if (ceasedOn) await w.event('permanence.plan-changed', ceasedOn, 'permanence_plan', id, id, `Decision to place for adoption reversed: ${reason} (imported; the new plan is not in the return)`);
  return 'created';
}

export async function importPlacedAdoption(w: Writer903, rows: Row903<Ssda903PlacedAdoption>[]): Promise<void> {
  for (const { row, value: p, problem } of rows) {
    const where = `PlacedAdoption row ${row}`;
    if (problem) { w.rejected('placedAdoption', where, problem); continue; }
    const wrong = p.datePlacedCeased && p.datePlacedCeased < p.datePlaced
      ? 'DATE_PLACED_CEASED is before DATE_PLACED'
      : (p.datePlacedCeased === null) !== (p.reasonPlacedCeased === null)
        ? 'DATE_PLACED_CEASED and REASON_PLACED_CEASED go together (rule 119)'
        : p.reasonPlacedCeased && !codeIn(ADOPTION_DECISION_REVERSED_REASON, p.reasonPlacedCeased)
          ? `REASON_PLACED_CEASED “${p.reasonPlacedCeased}” is not RD1-RD4`
          : p.datePlaced > w.today || (p.datePlacedCeased ?? '') > w.today
            ? 'A date is in the future'
            : null;
    if (wrong) { w.rejected('placedAdoption', where, wrong); continue; }
    const made = await adoptionPlan(w, p.datePlaced, p.datePlacedCeased, p.reasonPlacedCeased);
    if (made === 'created') w.created('placedAdoption');
    else if (made === 'already') w.already('placedAdoption');
    else w.rejected('placedAdoption', where, made.reason);
  }
}

/**
 * AD1: DATE_INT is the decision to place for adoption (found, or made as PlacedAdoption makes it). The
 * other items are listed after the import where Lantern holds them differently or not at all.
 */
export async function importAd1(w: Writer903, rows: Row903<Ssda903Ad1>[]): Promise<void> {
  for (const { row, value: a, problem } of rows) {
    const where = `AD1 row ${row}`;
    if (problem) { w.rejected('ad1', where, problem); continue; }
    if (!a.dateInt) { w.rejected('ad1', where, 'No DATE_INT: the decision that the child should be placed for adoption is what Lantern holds of AD1'); continue; }
    if (a.dateInt > w.today) { w.rejected('ad1', where, 'DATE_INT is in the future'); continue; }
    const held = await w.tx.selectFrom('permanence_plan').select('id').where('child_id', '=', w.childId).where('plan', '=', 'adoption').where('decided_on', '=', a.dateInt).where('deleted_at', 'is', null).executeTakeFirst();
    // Made from this file's PlacedAdoption row: created by this import, not held before it.
    if (held) { if (w.madeNow.has(`adoption ${a.dateInt}`)) w.created('ad1'); else w.already('ad1'); continue; }
    const made = await adoptionPlan(w, a.dateInt, null, null);
    if (made === 'created') w.created('ad1');
    else if (made === 'already') w.already('ad1');
    else w.rejected('ad1', where, made.reason);
  }
}
