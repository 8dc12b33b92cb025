// Which team's figures a user may ask for (measures, practice standards): any team for a role that
// sees every unrestricted child, else the team they belong to or one they manage. The figures are of
// children the user may see in any case; this keeps a manager from naming another team's workers.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import { Forbidden, NotFound } from '../server/errors.ts';
import type { SignedInUser } from './policy.ts';
import { SEES_ALL_UNRESTRICTED } from './roles.ts';

export interface TeamRow {
  id: string;
  name: string;
  manager_id: string | null;
}

export async function teamById(db: Db, teamId: string): Promise<TeamRow | undefined> {
  return (await sql<TeamRow>`SELECT id, name, manager_id FROM team WHERE id = ${teamId}::uuid`.execute(db)).rows[0];
}

/** The user's own team or one they manage (a worker with no team has neither). */
export const isOwnOrManagedTeam = (user: SignedInUser, team: { id: string | null; manager_id: string | null }): boolean =>
  team.id !== null && (team.id === user.teamId || team.manager_id === user.id);

/** A team whose figures the user may ask for; `refusal` says what they may ask for instead. */
export async function teamYouMaySee(db: Db, user: SignedInUser, teamId: string, refusal: string): Promise<{ id: string; name: string }> {
  const team = await teamById(db, teamId);
  if (!team) throw new NotFound('There is no team with that id.');
  if (!SEES_ALL_UNRESTRICTED.includes(user.role) && !isOwnOrManagedTeam(user, team)) throw new Forbidden(refusal);
  return { id: team.id, name: team.name };
}

/**
 * The ids of the teams whose figures the user may ask for (teamYouMaySee's rule), to link only those:
 * null for a role that sees every team.
 */
export async function teamsYouMaySee(db: Db, user: SignedInUser): Promise<ReadonlySet<string> | null> {
  if (SEES_ALL_UNRESTRICTED.includes(user.role)) return null;
  const managed = await sql<{ id: string }>`SELECT id FROM team WHERE manager_id = ${user.id}::uuid`.execute(db);
  return new Set([...(user.teamId ? [user.teamId] : []), ...managed.rows.map((t) => t.id)]);
}
