// A worker's profile (WF-02): qualified when, newly qualified or not, agency or permanent, start date
// and tenure, hours, line manager. Seen by the worker, their managers, senior leaders, analysts and
// administrators; changed by an administrator or the worker's manager, each change keeping the
// version it replaced (Newham 2014 ¶118-119; Southend 2016 ¶123; Wandsworth 2016 ¶113).
import { sql } from 'kysely';
import type { SignedInUser } from '../access/policy.ts';
import { ROLES, type Role } from '../access/roles.ts';
import { labelFor } from '../codes/code-list.ts';
import { EMPLOYMENT } from '../codes/lantern.ts';
import type { Db } from '../db/history.ts';
import { Forbidden, NotFound, RuleBroken } from '../server/errors.ts';
import { isNewlyQualified } from './newly-qualified.ts';
import type { ProfileInput } from './schemas.ts';
import type { EmploymentCode } from './tables.ts';

export interface WorkerProfile {
  userId: string;
  displayName: string;
  role: Role;
  roleText: string;
  active: boolean;
  teamId: string | null;
  teamName: string | null;
  teamManagerId: string | null;
  hasProfile: boolean;
  qualifiedOn: string | null;
  asyeCompletedOn: string | null;
  employment: EmploymentCode | null;
  employmentText: string | null;
  startedOn: string | null;
  fte: number | null;
  lineManagerId: string | null;
  /** The line manager named, or the team's manager when none is. */
  managerId: string | null;
  managerName: string | null;
  leftOn: string | null;
  version: number | null;
  newlyQualified: boolean;
  /** "2 years 3 months" with the council. */
  tenure: string | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Whole years and months from `from` to `to`. */
export function tenureText(from: string, to: string): string {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const months = Math.max(0, (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0));
  if (months < 1) return 'Under 1 month';
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return [years ? plural(years, 'year') : '', rest ? plural(rest, 'month') : ''].filter(Boolean).join(' ');
}

export async function profileOf(db: Db, userId: string, today: string): Promise<WorkerProfile> {
  const row = await db
    .selectFrom('app_user as u')
    .leftJoin('team as t', 't.id', 'u.team_id')
    .leftJoin('worker_profile as wp', (j) => j.onRef('wp.user_id', '=', 'u.id').on('wp.deleted_at', 'is', null))
    .leftJoin('app_user as m', (j) => j.on(sql<boolean>`m.id = coalesce(wp.line_manager_id, t.manager_id)`))
    .select([
      'u.id', 'u.display_name', 'u.role', 'u.active', 'u.team_id', 't.name as team_name', 't.manager_id as team_manager_id',
      'wp.user_id as profile_user', 'wp.qualified_on', 'wp.asye_completed_on', 'wp.employment', 'wp.started_on', 'wp.fte', 'wp.line_manager_id', 'wp.left_on', 'wp.version',
      'm.id as manager_id', 'm.display_name as manager_name',
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new NotFound('There is no worker with that id.');
  // A team manager's manager is their line manager (a head of service), not themselves.
  const managerId = row.manager_id === row.id ? null : row.manager_id;
  const until = row.left_on && row.left_on < today ? row.left_on : today;
  return {
    userId: row.id,
    displayName: row.display_name,
    role: row.role as Role,
    roleText: ROLES[row.role as Role] ?? row.role,
    active: row.active,
    teamId: row.team_id,
    teamName: row.team_name,
    teamManagerId: row.team_manager_id,
    hasProfile: row.profile_user !== null,
    qualifiedOn: row.qualified_on,
    asyeCompletedOn: row.asye_completed_on,
    employment: row.employment,
    employmentText: row.employment ? labelFor(EMPLOYMENT, row.employment) : null,
    startedOn: row.started_on,
    fte: row.fte === null ? null : Number(row.fte),
    lineManagerId: row.line_manager_id,
    managerId,
    managerName: managerId ? row.manager_name : null,
    leftOn: row.left_on,
    version: row.version,
    newlyQualified: isNewlyQualified(row, today),
    tenure: row.started_on && row.started_on <= until ? tenureText(row.started_on, until) : null,
  };
}

/** Their managers: the line manager named on the profile, the manager of their team, and that manager's own line manager. */
async function managesWorker(db: Db, viewer: SignedInUser, profile: WorkerProfile): Promise<boolean> {
  if (profile.userId === viewer.id) return false;
  if (profile.managerId === viewer.id || profile.teamManagerId === viewer.id || profile.lineManagerId === viewer.id) return true;
  if (!profile.managerId) return false;
  const above = await db.selectFrom('worker_profile').select('line_manager_id').where('user_id', '=', profile.managerId).executeTakeFirst();
  return above?.line_manager_id === viewer.id;
}

const SEES_EVERY_PROFILE: readonly Role[] = ['senior_leader', 'performance_analyst', 'administrator'];

/** The profile, if the viewer may see it (403 otherwise), and whether they may change it. */
export async function profileYouMayLookAt(db: Db, viewer: SignedInUser, userId: string, today: string): Promise<{ profile: WorkerProfile; mayChange: boolean }> {
  const profile = await profileOf(db, userId, today);
  const manager = await managesWorker(db, viewer, profile);
  if (profile.userId !== viewer.id && !manager && !SEES_EVERY_PROFILE.includes(viewer.role)) {
    throw new Forbidden('You can see the profiles of the people you manage only.');
  }
  return { profile, mayChange: viewer.role === 'administrator' || manager };
}

/** Who may be named as a line manager: managers and senior leaders still in post. */
export async function possibleLineManagers(db: Db) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('active', '=', true)
    .where('role', 'in', ['team_manager', 'senior_leader'])
    .orderBy('display_name')
    .execute();
}

/**
 * Records or changes the profile. The version it replaces is kept in record_version, as updateRecord
 * does (the profile is keyed by user_id, which updateRecord does not take).
 */
export async function saveProfile(db: Db, viewer: SignedInUser, userId: string, input: ProfileInput, today: string): Promise<void> {
  const { profile, mayChange } = await profileYouMayLookAt(db, viewer, userId, today);
  if (!mayChange) throw new Forbidden('Only an administrator or the worker’s manager can change their profile.');
  // An FTE is a share of full-time hours: more than none, at most full-time (WF-02; migration 0027's check).
  if (!(input.fte > 0) || input.fte > 1) throw new RuleBroken('Hours must be more than 0 and at most 1 (full-time), like 0.8', 'fte');
  if (Math.round(input.fte * 100) !== input.fte * 100) throw new RuleBroken('Hours can have at most two decimal places, like 0.75', 'fte');
  if (input.qualifiedOn && input.qualifiedOn > today) throw new RuleBroken('The date they qualified must be today or in the past', 'qualifiedOn');
  if (input.asyeCompletedOn && !input.qualifiedOn) throw new RuleBroken('Enter the date they qualified: the ASYE follows qualifying', 'qualifiedOn');
  if (input.asyeCompletedOn && input.qualifiedOn && input.asyeCompletedOn < input.qualifiedOn) throw new RuleBroken('The ASYE cannot be completed before they qualified', 'asyeCompletedOn');
  if (input.asyeCompletedOn && input.asyeCompletedOn > today) throw new RuleBroken('The date they completed their ASYE must be today or in the past', 'asyeCompletedOn');
  if (input.leftOn && input.leftOn < input.startedOn) throw new RuleBroken('The date they left cannot be before they started', 'leftOn');
  if (input.lineManagerId === userId) throw new RuleBroken('Choose someone else as their line manager', 'lineManagerId');
  if (input.lineManagerId && !(await possibleLineManagers(db)).some((m) => m.id === input.lineManagerId)) throw new RuleBroken('Select a manager or senior leader still in post', 'lineManagerId');
  const values = {
    qualified_on: input.qualifiedOn,
    asye_completed_on: input.asyeCompletedOn,
    employment: input.employment,
    started_on: input.startedOn,
    fte: input.fte,
    line_manager_id: input.lineManagerId,
    left_on: input.leftOn,
  };
  if (!profile.hasProfile) {
    await db.insertInto('worker_profile').values({ user_id: userId, ...values, recorded_by: viewer.id }).execute();
    return;
  }
  if (input.version !== undefined && input.version !== profile.version) {
    throw new RuleBroken('Someone else changed this profile while you were editing it. Check their change and try again.');
  }
  await db.transaction().execute(async (tx) => {
    const previous = (await sql<Record<string, unknown>>`SELECT * FROM worker_profile WHERE user_id = ${userId} FOR UPDATE`.execute(tx)).rows[0]!;
    await tx
      .insertInto('record_version')
      .values({ table_name: 'worker_profile', record_id: userId, version: Number(previous['version']), data: JSON.stringify(previous), change: 'update', changed_by: viewer.id, reason: null })
      .execute();
    await tx
      .updateTable('worker_profile')
      .set({ ...values, updated_at: sql<Date>`lantern_now()`, updated_by: viewer.id, version: sql<number>`version + 1` })
      .where('user_id', '=', userId)
      .execute();
  });
}

/** Earlier versions of the profile, newest first: who changed it and when. */
export async function profileHistory(db: Db, userId: string) {
  return db
    .selectFrom('record_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.changed_by')
    .select(['v.version', 'v.changed_at', 'u.display_name as changed_by'])
    .where('v.table_name', '=', 'worker_profile')
    .where('v.record_id', '=', userId)
    .orderBy('v.version', 'desc')
    .execute();
}
