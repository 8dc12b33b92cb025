// The front door's SQL. Lists of contacts about children filter with childVisibleTo; whether a
// contact needs a second look is worked out here from what was recorded, never stored as a flag.
import { sql, type RawBuilder } from 'kysely';
import { childVisibleTo, type SignedInUser } from '../access/policy.ts';
import type { Db } from '../db/history.ts';
import { NO_SERVICE_OUTCOMES } from './codes.ts';

/** The allocation role a front door worker holds while a child's contact is with the front door. */
export const FRONT_DOOR_HOLD = 'front_door';

// Literals, not parameters: the partial index contact_decision_no_service (migration 0009) is on these codes.
const noService = sql.join(NO_SERVICE_OUTCOMES.map((code) => sql.lit(code)));

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

/**
 * The front door's lists are found in two steps: first the page of contact ids, from the narrowest
 * index (open decision clocks, decisions by day, no-service decisions by day) with the visibility check
 * on those rows only, stopping at the limit; then the contacts with everything joined, for that page
 * (ANY(ARRAY(…)): the page is worked out once, first, and its ids looked up by primary key).
 * In one step the planner misjudged how many rows the visibility check keeps and read every contact.
 */

/** Contacts about children the user may see that have no decision yet, oldest first. */
export async function awaitingDecision(db: Db, user: SignedInUser, limit = 200): Promise<ContactRow[]> {
  // Found through their decision clocks, still running (index clock_rule_open): the decision and its
  // journal event are written in one transaction and meet the clock, and a decision is never deleted,
  // so an undecided contact's clock is open. Without this the query reads every contact ever received.
  const page = db
    .selectFrom('contact as aw_c')
    .select('aw_c.id')
    .where('aw_c.child_id', 'is not', null)
    .where('aw_c.deleted_at', 'is', null)
    .where(
      sql<boolean>`aw_c.id IN (SELECT aw_k.scope_id FROM clock aw_k
        WHERE aw_k.rule_id = 'contact-decision' AND aw_k.met_on IS NULL AND aw_k.stopped_on IS NULL)`,
    )
    .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM contact_decision aw_d WHERE aw_d.contact_id = aw_c.id AND aw_d.deleted_at IS NULL)`)
    .where(childVisibleTo(user, sql.ref('aw_c.child_id')))
    .orderBy('aw_c.received_on')
    .orderBy('aw_c.received_time')
    .limit(limit);
  return contacts(db)
    .where(sql<boolean>`c.id = ANY(ARRAY(${page}))`)
    .where('d.id', 'is', null)
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
  const page = db
    .selectFrom('contact_decision as ds_d')
    .innerJoin('contact as ds_c', 'ds_c.id', 'ds_d.contact_id')
    .select('ds_d.contact_id')
    .where('ds_d.deleted_at', 'is', null)
    .where('ds_d.decided_on', '>=', since)
    .where('ds_c.deleted_at', 'is', null)
    .where(childVisibleTo(user, sql.ref('ds_c.child_id')))
    .orderBy('ds_d.decided_on', 'desc')
    .orderBy('ds_d.decided_time', 'desc')
    .limit(limit);
  return contacts(db)
    .where(sql<boolean>`c.id = ANY(ARRAY(${page}))`)
    .where('d.decided_on', '>=', since)
    .orderBy('d.decided_on', 'desc')
    .orderBy('d.decided_time', 'desc')
    .limit(limit)
    .execute();
}

/** No-service decisions with risk recorded, waiting for a second look (or all of them, with `all`). */
export async function secondLookQueue(db: Db, user: SignedInUser, options: { all?: boolean; limit?: number } = {}): Promise<ContactRow[]> {
  const limit = options.limit ?? 200;
  // The same conditions as `flagged` and `awaitingSecondLook`, on the decision's own index.
  const page = db
    .selectFrom('contact_decision as sl_d')
    .innerJoin('contact as sl_c', 'sl_c.id', 'sl_d.contact_id')
    .select('sl_d.contact_id')
    .where('sl_d.deleted_at', 'is', null)
    .where(sql<boolean>`sl_d.outcome IN (${noService})`)
    .where('sl_c.deleted_at', 'is', null)
    .where(sql<boolean>`jsonb_array_length(sl_c.risk_indicators) > 0`)
    .where(
      options.all
        ? sql<boolean>`true`
        : sql<boolean>`NOT EXISTS (SELECT 1 FROM contact_second_look sl_s WHERE sl_s.contact_id = sl_c.id AND sl_s.deleted_at IS NULL)`,
    )
    .where(childVisibleTo(user, sql.ref('sl_c.child_id')))
    // Both columns of contact_decision_no_service: ordered by the day alone, the planner walked the index
    // of every decision (years of referrals before the first no-service decision) instead.
    .orderBy('sl_d.decided_on')
    .orderBy('sl_d.contact_id')
    .limit(limit);
  return contacts(db)
    .where(sql<boolean>`c.id = ANY(ARRAY(${page}))`)
    .where(options.all ? flagged : awaitingSecondLook)
    .orderBy('d.decided_on')
    .orderBy('c.id')
    .limit(limit)
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
