// Who may do what at the front door, beyond the relationship with the child the route guard checks:
// the front door team (its workers, and the managers in it or managing it) sees partners' referrals
// before they are matched to a child, and only a manager of that team decides on a contact.
import { sql, type RawBuilder } from 'kysely';
import type { SignedInUser } from '../access/policy.ts';
import { can } from '../access/roles.ts';
import type { Db } from '../db/history.ts';

/** SQL: the user works in the front door team, or manages it. */
export const inFrontDoorTeam = (user: SignedInUser): RawBuilder<boolean> =>
  sql<boolean>`EXISTS (SELECT 1 FROM team fd_team WHERE fd_team.service = 'front-door' AND (fd_team.id = ${user.teamId} OR fd_team.manager_id = ${user.id}))`;

/**
 * Who may open a partner's referral not yet matched to a child (the guard's `withoutChild`): front
 * door workers, and the managers of the front door team. Nobody else, and never a partner.
 */
export const frontDoorStaff = (user: SignedInUser): boolean | RawBuilder<boolean> =>
  user.role === 'front_door_worker' ? true : can(user.role, 'decide-threshold') ? inFrontDoorTeam(user) : false;

/** The threshold decision is a manager's in the front door team (with the decide-threshold capability). */
export const decidesOnContacts = {
  when: inFrontDoorTeam,
  refusal: 'Only a manager in the front door team can decide what happens with a contact.',
};

async function holds(db: Db, condition: RawBuilder<boolean>): Promise<boolean> {
  const row = await sql<{ yes: boolean }>`SELECT ${condition} AS yes`.execute(db);
  return row.rows[0]?.yes === true;
}

/** Front door staff: they see partners' unmatched referrals in the queue and may match them. */
export async function isFrontDoorStaff(db: Db, user: SignedInUser): Promise<boolean> {
  const staff = frontDoorStaff(user);
  return typeof staff === 'boolean' ? staff : holds(db, staff);
}

/** A manager who may decide on contacts (to offer "Make the decision"). */
export async function isFrontDoorManager(db: Db, user: SignedInUser): Promise<boolean> {
  return can(user.role, 'decide-threshold') && holds(db, inFrontDoorTeam(user));
}

/** The front door queue is for front door workers and the managers who decide on contacts. */
export const mayUseFrontDoor = (user: SignedInUser) => user.role === 'front_door_worker' || can(user.role, 'decide-threshold');
