// Placing a child with the council's own foster carers: which households may take a child on a day,
// and the checks the children in care service makes when a placement names one (src/looked-after).
// A household takes a child only on a day it is approved (or, for a connected person, temporarily
// approved), only with a vacancy for as long as the placement lasts, and never beyond the usual
// fostering limit of 3 children unless they are all brothers and sisters or the council exempted the
// carers (Children Act 1989 Sch 7 paras 2-4).
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { RuleBroken } from '../server/errors.ts';
import { formatDate, midSentence } from '../server/format.ts';
import { CONNECTED_PERSON_TYPES, FOSTER_PLACEMENT_TYPES, kindLabel, OWN_PROVISION, statusLabel, USUAL_FOSTERING_LIMIT } from './codes.ts';

export const householdName = (h: { first_carer: string; second_carer: string | null }) => (h.second_carer ? `${h.first_carer} and ${h.second_carer}` : h.first_carer);

const children = (n: number) => `${n} child${n === 1 ? '' : 'ren'}`;

export interface HouseholdPlacement {
  childId: string;
  on: string;
  placementType: string;
  provider: string | null;
  /** A placement being corrected does not count against itself. */
  exceptPlacementId?: string;
}

/** The most children placed with the household at once from `on` on, counting the new one, and who they are. */
export function peakFrom(on: string, placements: readonly { child_id: string; started_on: string; ended_on: string | null }[], childId: string) {
  const points = [on, ...placements.map((p) => p.started_on).filter((d) => d > on)];
  let peak = { on, childIds: [childId] };
  for (const point of points) {
    const there = placements.filter((p) => p.started_on <= point && (p.ended_on === null || p.ended_on > point)).map((p) => p.child_id);
    const ids = [...new Set([...there, childId])];
    if (ids.length > peak.childIds.length) peak = { on: point, childIds: ids };
  }
  return peak;
}

/**
 * Checks that the household may take the child from `on` (the rules above) and returns what the
 * placement takes from it: the carers' names and their postcode.
 */
export async function checkHouseholdPlacement(tx: Db, householdId: string, p: HouseholdPlacement): Promise<{ name: string; postcode: string | null }> {
  const h = await tx.selectFrom('fostering_household').selectAll().where('id', '=', householdId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!h) throw new RuleBroken('Choose foster carers from the list', 'fosteringHouseholdId');
  const name = householdName(h);
  if (!FOSTER_PLACEMENT_TYPES.includes(p.placementType)) {
    throw new RuleBroken(`${name} are the council’s own foster carers: choose a foster placement (U1 to U6) as the type of placement, or no foster carers`, 'placementType');
  }
  if (p.provider !== OWN_PROVISION) throw new RuleBroken(`${name} are the council’s own foster carers: choose “Own local authority provision” as who provides the placement`, 'provider');
  const connected = h.kind === 'connected_person';
  if (connected !== CONNECTED_PERSON_TYPES.includes(p.placementType)) {
    throw new RuleBroken(
      connected
        ? `${name} are approved as connected persons: choose a foster placement with a relative or friend (U1 to U3)`
        : `${name} are approved for ${midSentence(kindLabel(h.kind))}, not as connected persons: choose a foster placement with other foster carers (U4 to U6)`,
      'placementType',
    );
  }

  // Approved on the day: the status that day, or a connected person's temporary approval in force.
  const status = await tx
    .selectFrom('fostering_household_status')
    .select(['status', 'from_on'])
    .where('household_id', '=', householdId)
    .where('deleted_at', 'is', null)
    .where('from_on', '<=', p.on)
    .where((eb) => eb.or([eb('to_on', 'is', null), eb('to_on', '>', p.on)]))
    .orderBy('from_on', 'desc')
    .executeTakeFirst();
  const temporaryUntil = h.temporary_extended_until ?? h.temporary_expires_on;
  const temporary = connected && status?.status === 'in_assessment' && h.temporary_approved_on !== null && h.temporary_approved_on <= p.on && temporaryUntil !== null && p.on <= temporaryUntil;
  if (status?.status !== 'approved' && !temporary) {
    const when = formatDate(p.on);
    if (!status) throw new RuleBroken(`${name} were not being assessed or approved on ${when}: their assessment started on ${formatDate(h.assessment_started_on)}`, 'fosteringHouseholdId');
    const why =
      status.status === 'on_hold'
        ? `they are on hold from ${formatDate(status.from_on)} and not taking children`
        : connected && status.status === 'in_assessment' && h.temporary_approved_on
          ? `their temporary approval runs from ${formatDate(h.temporary_approved_on)} to ${formatDate(temporaryUntil!)}`
          : `they are ${midSentence(statusLabel(status.status))} from ${formatDate(status.from_on)}`;
    throw new RuleBroken(`${name} are not approved on ${when}: ${why}`, 'fosteringHouseholdId');
  }

  // A vacancy for as long as the placement lasts (it is open-ended), and the usual fostering limit.
  let others = tx
    .selectFrom('placement')
    .select(['child_id', 'started_on', 'ended_on'])
    .where('fostering_household_id', '=', householdId)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', p.on)]));
  if (p.exceptPlacementId) others = others.where('id', '<>', p.exceptPlacementId);
  const placed = (await others.execute()).filter((x) => x.child_id !== p.childId);
  const peak = peakFrom(p.on, placed, p.childId);
  const places = status?.status === 'approved' ? h.places : null;
  if (places !== null && peak.childIds.length > places) {
    const already = peak.childIds.length - 1;
    throw new RuleBroken(`${name} are approved for ${children(places)}, and ${already} ${already === 1 ? 'is' : 'are'} placed with them on ${formatDate(peak.on)}: there is no vacancy`, 'fosteringHouseholdId');
  }
  if (peak.childIds.length > USUAL_FOSTERING_LIMIT && !(h.limit_exempted_on && h.limit_exempted_on <= p.on) && !(await allSiblings(tx, peak.childIds))) {
    throw new RuleBroken(
      `No more than ${USUAL_FOSTERING_LIMIT} children may be fostered in one household unless they are all brothers and sisters, or the council has exempted the carers (Children Act 1989 Sch 7): ${name} would have ${peak.childIds.length} on ${formatDate(peak.on)}`,
      'fosteringHouseholdId',
    );
  }
  return { name, postcode: h.postcode };
}

/** True when every two of the children are recorded as brothers or sisters (Sch 7 para 3). */
async function allSiblings(db: Db, childIds: readonly string[]): Promise<boolean> {
  const rows = await db
    .selectFrom('relationship')
    .select(['person_id', 'related_person_id'])
    .where('kind', '=', 'sibling')
    .where('deleted_at', 'is', null)
    .where('ended_on', 'is', null)
    .where('person_id', 'in', childIds)
    .where('related_person_id', 'in', childIds)
    .execute();
  const pairs = new Set(rows.flatMap((r) => [`${r.person_id}|${r.related_person_id}`, `${r.related_person_id}|${r.person_id}`]));
  return childIds.every((a) => childIds.every((b) => a === b || pairs.has(`${a}|${b}`)));
}

/**
 * The households a worker may choose when placing a child today: approved (or temporarily approved
 * connected persons) with a vacancy now, and the one already chosen (a correction, a re-shown form).
 */
export async function householdsOffered(db: Db, today: string, include: string | null = null) {
  const rows = await sql<{ id: string; first_carer: string; second_carer: string | null; kind: string; places: number | null; age_from: number | null; age_to: number | null; placed: number }>`
    SELECT h.id, h.first_carer, h.second_carer, h.kind, h.places, h.age_from, h.age_to,
      (SELECT count(*) FROM placement p WHERE p.fostering_household_id = h.id AND p.ended_on IS NULL AND p.deleted_at IS NULL)::int AS placed
    FROM fostering_household h
    WHERE h.deleted_at IS NULL
      AND (h.status = 'approved'
        OR (h.kind = 'connected_person' AND h.status = 'in_assessment' AND h.temporary_approved_on <= ${today}
            AND coalesce(h.temporary_extended_until, h.temporary_expires_on) >= ${today})
        OR h.id = ${include}::uuid)
    ORDER BY h.first_carer, h.id`.execute(db);
  return rows.rows
    .filter((h) => h.id === include || h.placed < (h.places ?? USUAL_FOSTERING_LIMIT))
    .map((h) => ({
      value: h.id,
      text: `${householdName(h)} (${midSentence(kindLabel(h.kind))}${h.places !== null ? `, ${h.places - h.placed} of ${h.places} places free, ages ${h.age_from} to ${h.age_to}` : ', temporarily approved'})`,
    }));
}
