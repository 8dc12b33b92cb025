// The front door's SQL. Lists of contacts about children filter with childVisibleTo; whether a
// contact needs a second look is worked out here from what was recorded, never stored as a flag.
import { sql, type RawBuilder } from 'kysely';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import type { Db } from '../db/history.ts';
import { NO_SERVICE_OUTCOMES } from './codes.ts';

/** The allocation role a front door worker holds while a child's contact is with the front door. */
export const FRONT_DOOR_HOLD = 'front_door';

const noService = sql.join(NO_SERVICE_OUTCOMES.map((code) => sql`${code}`));

/**
 * Southend ¶18: a contact closed with no service while risk indicators were recorded. `flagged` is
 * true for every such contact; `awaiting_second_look` while nobody has yet looked again.
 */
const flagged: RawBuilder<boolean> = sql<boolean>`(d.id IS NOT NULL AND d.outcome IN (${noService}) AND jsonb_array_length(c.risk_indicators) > 0)`;
const awaitingSecondLook: RawBuilder<boolean> = sql<boolean>`(${flagged} AND s.id IS NULL)`;

/** Every contact with its child, decision, feedback, second look and decision clock. */
function contacts(db: Db) {
  return db
    .selectFrom('contact as c')
    .leftJoin('person as p', 'p.id', 'c.child_id')
    .leftJoin('contact_decision as d', (join) => join.onRef('d.contact_id', '=', 'c.id').on('d.deleted_at', 'is', null))
    .leftJoin('referrer_feedback as f', (join) => join.onRef('f.contact_id', '=', 'c.id').on('f.deleted_at', 'is', null))
    .leftJoin('contact_second_look as s', (join) => join.onRef('s.contact_id', '=', 'c.id').on('s.deleted_at', 'is', null))
    .leftJoin('clock as k', (join) => join.onRef('k.scope_id', '=', 'c.id').on('k.rule_id', '=', 'contact-decision'))
    .innerJoin('app_user as r', 'r.id', 'c.recorded_by')
    .leftJoin('app_user as dm', 'dm.id', 'd.recorded_by')
    .select([
      'c.id',
      'c.child_id',
      'c.received_on',
      'c.received_time',
      'c.source',
      'c.referrer_name',
      'c.referrer_role',
      'c.referrer_agency',
      'c.referrer_phone',
      'c.worry',
      'c.risk_indicators',
      'c.consent',
      'c.submitted_online',
      'c.subject_first_name',
      'c.subject_last_name',
      'c.subject_date_of_birth',
      'c.subject_address',
      'c.subject_postcode',
      'c.matched_on',
      'c.recorded_by',
      'c.recorded_at',
      'c.version',
      'r.display_name as recorded_by_name',
      'p.first_name',
      'p.last_name',
      'p.date_of_birth',
      'p.expected_date_of_birth',
      'p.la_child_id',
      'p.kind as child_kind',
      'd.id as decision_id',
      'd.decided_on',
      'd.decided_time',
      'd.outcome',
      'd.rationale',
      'd.cin_episode_id',
      'd.early_help_episode_id',
      'd.recorded_by as decided_by',
      'dm.display_name as decided_by_name',
      'f.informed_on',
      'f.method as informed_method',
      'f.note as informed_note',
      's.id as second_look_id',
      's.reviewed_on',
      's.reviewer_id',
      's.conclusion',
      's.new_outcome',
      's.notes as second_look_notes',
      'k.due_on as decision_due_on',
      'k.met_on as decision_met_on',
    ])
    .select([flagged.as('flagged'), awaitingSecondLook.as('awaiting_second_look')])
    .where('c.deleted_at', 'is', null);
}

export type ContactRow = Awaited<ReturnType<ReturnType<typeof contacts>['executeTakeFirstOrThrow']>>;

export async function contactById(db: Db, id: string): Promise<ContactRow | undefined> {
  return contacts(db).where('c.id', '=', id).executeTakeFirst();
}

/** Contacts about children the user may see that have no decision yet, oldest first. */
export async function awaitingDecision(db: Db, user: SignedInUser, limit = 200): Promise<ContactRow[]> {
  return contacts(db)
    .where('c.child_id', 'is not', null)
    .where('d.id', 'is', null)
    .where(childVisibleTo(user, sql.ref('c.child_id')))
    .orderBy('c.received_on')
    .orderBy('c.received_time')
    .limit(limit)
    .execute();
}

/** Partners' online referrals not yet matched to a child, oldest first. */
export async function unmatchedSubmissions(db: Db, limit = 200): Promise<ContactRow[]> {
  return contacts(db).where('c.child_id', 'is', null).orderBy('c.received_on').orderBy('c.received_time').limit(limit).execute();
}

/** Decisions since a date on contacts about children the user may see, newest first. */
export async function decidedSince(db: Db, user: SignedInUser, since: string, limit = 50): Promise<ContactRow[]> {
  return contacts(db)
    .where('d.decided_on', '>=', since)
    .where(childVisibleTo(user, sql.ref('c.child_id')))
    .orderBy('d.decided_on', 'desc')
    .orderBy('d.decided_time', 'desc')
    .limit(limit)
    .execute();
}

/** No-service decisions with risk recorded, waiting for a second look (or all of them, with `all`). */
export async function secondLookQueue(db: Db, user: SignedInUser, options: { all?: boolean; limit?: number } = {}): Promise<ContactRow[]> {
  return contacts(db)
    .where(options.all ? flagged : awaitingSecondLook)
    .where(childVisibleTo(user, sql.ref('c.child_id')))
    .orderBy('d.decided_on')
    .limit(options.limit ?? 200)
    .execute();
}

export async function contactsOfChild(db: Db, childId: string): Promise<ContactRow[]> {
  return contacts(db).where('c.child_id', '=', childId).orderBy('c.received_on', 'desc').orderBy('c.received_time', 'desc').execute();
}

/** What a partner user has submitted or recorded themselves, newest first. */
export async function contactsRecordedBy(db: Db, userId: string, limit = 100): Promise<ContactRow[]> {
  return contacts(db).where('c.recorded_by', '=', userId).orderBy('c.received_on', 'desc').orderBy('c.received_time', 'desc').limit(limit).execute();
}

export async function checksOf(db: Db, contactId: string) {
  return db
    .selectFrom('agency_check')
    .selectAll()
    .where('contact_id', '=', contactId)
    .where('deleted_at', 'is', null)
    .orderBy('asked_on')
    .orderBy('recorded_at')
    .execute();
}

/**
 * True while any of the child's contacts waits at the front door: for a decision, a second look, or
 * the referrer to be told the outcome (the front door's last step, FD-01; an anonymous referrer cannot be).
 */
export async function childHasFrontDoorWork(db: Db, childId: string): Promise<boolean> {
  const row = await contacts(db)
    .where('c.child_id', '=', childId)
    .where(sql<boolean>`(d.id IS NULL OR ${awaitingSecondLook} OR (f.id IS NULL AND c.source <> '9'))`)
    .executeTakeFirst();
  return row !== undefined;
}

export async function currentHolds(db: Db, childId: string) {
  return db
    .selectFrom('allocation')
    .select(['id', 'worker_id', 'from_date'])
    .where('child_id', '=', childId)
    .where('role', '=', FRONT_DOOR_HOLD)
    .where('to_date', 'is', null)
    .where('deleted_at', 'is', null)
    .execute();
}

export async function childByLaId(db: Db, laChildId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'first_name', 'last_name', 'kind', 'merged_into'])
    .where(sql<string>`lower(la_child_id)`, '=', laChildId.trim().toLowerCase())
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function childSummary(db: Db, childId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'first_name', 'last_name', 'kind', 'date_of_birth', 'expected_date_of_birth', 'la_child_id', 'merged_into', 'deleted_at'])
    .where('id', '=', childId)
    .executeTakeFirst();
}

export async function teamService(db: Db, teamId: string | null): Promise<string | null> {
  if (!teamId) return null;
  const row = await db.selectFrom('team').select('service').where('id', '=', teamId).executeTakeFirst();
  return row?.service ?? null;
}
