// Who may see and change which child: one definition, used as a SQL condition by every list query
// and by the single-child checks, so a list can never show a child that the record would refuse.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/history.ts';
import { Forbidden } from '../server/errors.ts';
import { READ_ONLY, SEES_ALL_UNRESTRICTED, type Role } from './roles.ts';

export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  agency: string | null;
  /** In the front door team, which sees every unrestricted child (loaded with the session; unset is unknown). */
  inFrontDoorTeam?: boolean;
}

/**
 * True where the child whose id is `childId` (a column reference or a value) is visible to `user`:
 * - a restricted (sealed) record only with an explicit, unrevoked grant;
 * - otherwise: a current allocation to the user, to someone in the user's team, or to someone in a
 *   team the user manages; membership of the front door team; or a role that sees every
 *   unrestricted child; or an explicit grant;
 * - a partner agency user: no child's record (they follow their own referrals instead).
 */
// Its own table aliases are prefixed policy_ so they cannot capture the caller's aliases.
export function childVisibleTo(user: SignedInUser, childId: RawBuilder<unknown>): RawBuilder<boolean> {
  const grant = sql<boolean>`EXISTS (SELECT 1 FROM access_grant policy_g
      WHERE policy_g.child_id = ${childId} AND policy_g.user_id = ${user.id} AND policy_g.revoked_at IS NULL)`;
  const seesAll = SEES_ALL_UNRESTRICTED.includes(user.role);
  const relationship = sql<boolean>`EXISTS (SELECT 1 FROM allocation policy_a
      JOIN app_user policy_w ON policy_w.id = policy_a.worker_id
      LEFT JOIN team policy_t ON policy_t.id = policy_w.team_id
      WHERE policy_a.child_id = ${childId} AND policy_a.to_date IS NULL AND policy_a.deleted_at IS NULL
        AND (policy_a.worker_id = ${user.id} OR policy_w.team_id = ${user.teamId} OR policy_t.manager_id = ${user.id}))`;
  // Everyone in the front door team (its manager too) decides on contacts about any child.
  const inFrontDoorTeam = sql<boolean>`EXISTS (SELECT 1 FROM team policy_ft
      WHERE policy_ft.id = ${user.teamId} AND policy_ft.service = 'front-door')`;
  // A partner agency user never opens a child's record: they see their own referrals and the
  // outcome, through the front door's pages, which check that the referral is theirs.
  const unrestrictedRule =
    user.role === 'partner_agency' ? sql<boolean>`false` : seesAll ? sql<boolean>`true` : sql<boolean>`(${relationship} OR ${inFrontDoorTeam})`;
  // A scalar subquery rather than EXISTS: the planner cannot turn it into a hash of every person in
  // the council (for a role that sees everyone, that hash cost 180 ms on the large council's lists);
  // it probes the primary key once per row instead.
  return sql<boolean>`(COALESCE((SELECT NOT policy_p.restricted AND ${unrestrictedRule} FROM person policy_p
      WHERE policy_p.id = ${childId} AND policy_p.deleted_at IS NULL), false) OR ${grant})`;
}

/**
 * True for a user who sees every child whose record is not restricted (a role that does, or the front
 * door team): for them childVisibleTo is true of every unrestricted child, so a list over most of the
 * council may test `NOT restricted` first and ask childVisibleTo only of the restricted few.
 */
export function seesEveryUnrestrictedChild(user: SignedInUser): boolean {
  return user.role !== 'partner_agency' && (SEES_ALL_UNRESTRICTED.includes(user.role) || user.inFrontDoorTeam === true);
}

/**
 * SQL: the ids of every child this user could see, for a user who does not see every unrestricted
 * child: the children allocated now to them, to their team or to the teams they manage, and their
 * grants (a few hundred). Null for a user who sees everyone (a role that does, or the front door team)
 * or whose team is not known. A list over a large set (a cohort, a council's clocks) starts from these
 * children rather than testing each of the council's children; childVisibleTo still decides.
 */
export function reachableChildren(user: SignedInUser): RawBuilder<{ child_id: string }> | null {
  if (SEES_ALL_UNRESTRICTED.includes(user.role) || user.inFrontDoorTeam !== false) return null;
  if (user.role === 'partner_agency') return sql`SELECT NULL::uuid AS child_id WHERE false`;
  // From the workers (a dozen, each set estimated on its own) to their allocations by index, rather
  // than hashing every open allocation in the council.
  return sql`SELECT reach_a.child_id FROM (
        SELECT ${user.id}::uuid AS id
        UNION SELECT reach_w.id FROM app_user reach_w WHERE reach_w.team_id = ${user.teamId}
        UNION SELECT reach_m.id FROM app_user reach_m JOIN team reach_t ON reach_t.id = reach_m.team_id WHERE reach_t.manager_id = ${user.id}
      ) reach_w
      JOIN allocation reach_a ON reach_a.worker_id = reach_w.id AND reach_a.to_date IS NULL AND reach_a.deleted_at IS NULL
    UNION SELECT reach_g.child_id FROM access_grant reach_g WHERE reach_g.user_id = ${user.id} AND reach_g.revoked_at IS NULL`;
}

export async function maySeeChild(db: Db, user: SignedInUser, childId: string): Promise<boolean> {
  const row = await sql<{ visible: boolean }>`SELECT ${childVisibleTo(user, sql`${childId}::uuid`)} AS visible`.execute(db);
  return row.rows[0]?.visible === true;
}

export async function mayChangeChild(db: Db, user: SignedInUser, childId: string): Promise<boolean> {
  if (READ_ONLY.includes(user.role) || user.role === 'partner_agency' || user.role === 'administrator') {
    return false;
  }
  return maySeeChild(db, user, childId);
}

export async function requireSeeChild(db: Db, user: SignedInUser, childId: string): Promise<void> {
  if (!(await maySeeChild(db, user, childId))) {
    throw new Forbidden('You do not have access to this child’s record.');
  }
}

export async function requireChangeChild(db: Db, user: SignedInUser, childId: string): Promise<void> {
  if (!(await mayChangeChild(db, user, childId))) {
    throw new Forbidden('You cannot change this child’s record.');
  }
}
