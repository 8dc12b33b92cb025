// The SQL of family group decision-making before proceedings (family-group.ts).
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import type { FgdmAttendee } from './tables.ts';

export async function findFgdmOffer(db: Db, id: string) {
  return db.selectFrom('fgdm_offer').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findFgdmMeeting(db: Db, id: string) {
  return db.selectFrom('fgdm_meeting').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findFgdmExemption(db: Db, id: string) {
  return db.selectFrom('fgdm_exemption').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

/** The offers made in these pre-proceedings, with the name of the person each went to. */
export async function fgdmOffersOf(db: Db, preProceedingsIds: readonly string[]) {
  if (preProceedingsIds.length === 0) return [];
  return db
    .selectFrom('fgdm_offer as o')
    .innerJoin('person as p', 'p.id', 'o.person_id')
    .selectAll('o')
    .select(['p.first_name', 'p.last_name'])
    .where('o.pre_proceedings_id', 'in', preProceedingsIds)
    .where('o.deleted_at', 'is', null)
    .orderBy('o.offered_on')
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
}

export async function fgdmMeetingsOf(db: Db, preProceedingsIds: readonly string[]) {
  if (preProceedingsIds.length === 0) return [];
  return db.selectFrom('fgdm_meeting').selectAll().where('pre_proceedings_id', 'in', preProceedingsIds).where('deleted_at', 'is', null).orderBy('held_on').orderBy('recorded_at').execute();
}

export async function fgdmExemptionsOf(db: Db, preProceedingsIds: readonly string[]) {
  if (preProceedingsIds.length === 0) return [];
  return db.selectFrom('fgdm_exemption').selectAll().where('pre_proceedings_id', 'in', preProceedingsIds).where('deleted_at', 'is', null).orderBy('decided_on').execute();
}

/** jsonb comes back parsed from PostgreSQL and PGlite; a string only if written as text elsewhere. */
export const attendeeList = (value: FgdmAttendee[] | string): FgdmAttendee[] => (typeof value === 'string' ? (JSON.parse(value) as FgdmAttendee[]) : value);

/**
 * What the gate of s.31ZA reads, in one statement: who accepted the offer, whether a meeting was held
 * by the day of the application, and whether the council decided by then not to hold it.
 */
export async function fgdmGateState(db: Db, preProceedingsId: string, on: string): Promise<{ accepted: string[]; meetingHeld: boolean; exempted: boolean }> {
  const { rows } = await sql<{ accepted: string[] | null; meeting_held: boolean; exempted: boolean }>`SELECT
      (SELECT array_agg(p.first_name || ' ' || p.last_name ORDER BY p.last_name, p.first_name) FROM fgdm_offer o JOIN person p ON p.id = o.person_id
        WHERE o.pre_proceedings_id = ${preProceedingsId} AND o.deleted_at IS NULL AND o.response = 'accepted') AS accepted,
      EXISTS (SELECT 1 FROM fgdm_meeting m WHERE m.pre_proceedings_id = ${preProceedingsId} AND m.deleted_at IS NULL AND m.held_on <= ${on}) AS meeting_held,
      EXISTS (SELECT 1 FROM fgdm_exemption e WHERE e.pre_proceedings_id = ${preProceedingsId} AND e.deleted_at IS NULL AND e.covers = 'meeting' AND e.decided_on <= ${on}) AS exempted`.execute(db);
  const row = rows[0]!;
  return { accepted: row.accepted ?? [], meetingHeld: row.meeting_held, exempted: row.exempted };
}
