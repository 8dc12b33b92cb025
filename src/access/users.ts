// Teams and user accounts.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/history.ts';
import { hashPassword } from './passwords.ts';
import type { Role } from './roles.ts';

export interface NewTeam {
  name: string;
  /** The service the team provides: front-door, early-help, assessment, safeguarding, looked-after, leaving-care, iro, performance, partner, administration. */
  service: string;
}

export async function createTeam(db: Db, team: NewTeam): Promise<string> {
  const id = randomUUID();
  await db.insertInto('team').values({ id, name: team.name, service: team.service, manager_id: null }).execute();
  return id;
}

export async function setTeamManager(db: Db, teamId: string, managerId: string): Promise<void> {
  await db.updateTable('team').set({ manager_id: managerId }).where('id', '=', teamId).execute();
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  teamId?: string | null;
  agency?: string | null;
  password?: string;
  /** A hash made once and shared, for bulk synthetic accounts (hashing is deliberately slow). */
  passwordHash?: string;
}

export async function createUser(db: Db, user: NewUser): Promise<string> {
  const id = randomUUID();
  const passwordHash = user.passwordHash ?? (await hashPassword(user.password ?? randomUUID()));
  await db
    .insertInto('app_user')
    .values({
      id,
      username: user.username.toLowerCase(),
      display_name: user.displayName,
      role: user.role,
      team_id: user.teamId ?? null,
      agency: user.agency ?? null,
      password_hash: passwordHash,
    })
    .execute();
  return id;
}
