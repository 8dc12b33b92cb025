// What the caseloads and workforce pages show, shared by the pages and the API.
import type { SignedInUser } from '../access/policy.ts';
import { ROLES, type Role } from '../access/roles.ts';
import type { Db } from '../db/history.ts';
import { teamsLedBy } from '../my-work/repository.ts';
import { teamsInViewOf } from '../overview/managed-teams.ts';
import type { Guard } from '../server/guard.ts';
import { caseloadRows, caseloadRules, type CaseloadRules, type TeamCaseload, type WorkerCaseload } from './caseloads.ts';
import { FIGURES, teamFigures, workersBehind, type Figure, type FigureWorker, type TeamFigures } from './figures.ts';
import { manyWorkersCount } from './worker-changes.ts';

export const MANAGERS_GUARD: Guard = {
  signedIn: true,
  capability: 'view-performance',
  reason: 'Caseloads and workforce figures: a team manager sees their teams, senior leaders and analysts every team; lists of children filter with childVisibleTo',
};

/** The list of transfers waiting: a team manager's own, or (issue 8) one team's for the line above; deciding one is TRANSFER_GUARD's. */
export const TRANSFER_LIST_GUARD: Guard = {
  signedIn: true,
  capability: 'view-performance',
  reason: 'Transfers waiting for a team the user manages or sees in their service (teamsInViewOf); a restricted child is not named unless the user may see them',
};

export const PROFILE_GUARD: Guard = { signedIn: true, reason: 'A worker’s profile: the worker, their managers, senior leaders, analysts and administrators (checked in profileYouMayLookAt); no child is shown' };
export const PROFILE_CHANGE_GUARD: Guard = { signedIn: true, reason: 'Changing a worker’s profile: an administrator or the worker’s manager (checked in saveProfile); no child is shown' };
export const TRANSFER_GUARD: Guard = {
  signedIn: true,
  capability: 'authorise',
  reason: 'Transfers offered to a team: only the receiving team’s manager sees and decides them (checked in mayDecide); the view is audited naming the child',
};

/** The teams a user's figures cover: a team manager's own; every team (null) for senior leaders and analysts. */
export async function teamScope(db: Db, user: SignedInUser): Promise<readonly string[] | null> {
  if (user.role === 'senior_leader' || user.role === 'performance_analyst') return null;
  // Their own teams and the teams of managers they line-manage (issue 8), so the service overview's links agree.
  const [led, view] = await Promise.all([teamsLedBy(db, user), teamsInViewOf(db, user)]);
  return [...new Set([...led.map((t) => t.id), ...view.teams.map((t) => t.id)])];
}

export const CASELOAD_FILTERS = { over: 'Above their caseload limit', protected: 'Newly qualified, above their protected caseload' } as const;
export type CaseloadFilter = keyof typeof CASELOAD_FILTERS;
export const isCaseloadFilter = (v: unknown): v is CaseloadFilter => typeof v === 'string' && Object.hasOwn(CASELOAD_FILTERS, v);

export interface RoleSummary {
  role: string;
  roleText: string;
  workers: number;
  children: number;
  average: number;
  largest: number;
}

export interface CaseloadOverview {
  rules: CaseloadRules;
  teams: (TeamCaseload & { over: number })[];
  byRole: RoleSummary[];
  /** The workers shown: the chosen team's, a filter's, or a team manager's own teams'. */
  workers: WorkerCaseload[] | null;
  heading: string | null;
  counts: Record<CaseloadFilter, number>;
  manySocialWorkers: number;
  team: string | null;
  show: CaseloadFilter | null;
}

export async function caseloadOverview(db: Db, user: SignedInUser, today: string, choice: { team?: string | null | undefined; show?: CaseloadFilter | null | undefined }): Promise<CaseloadOverview> {
  const scope = await teamScope(db, user);
  const rules = await caseloadRules(db);
  const [all, manySocialWorkers] = [await caseloadRows(db, scope, today, rules), await manyWorkersCount(db, user, today, scope)];
  // Team totals are the sums of their workers' rows (one pass over the allocations, not two).
  const byTeam = new Map<string, TeamCaseload>();
  for (const w of all) {
    const t = byTeam.get(w.teamId) ?? { teamId: w.teamId, teamName: w.teamName, workers: 0, children: 0, childProtection: 0, inCare: 0, proceedings: 0, points: 0 };
    byTeam.set(w.teamId, { ...t, workers: t.workers + 1, children: t.children + w.children, childProtection: t.childProtection + w.childProtection, inCare: t.inCare + w.inCare, proceedings: t.proceedings + w.proceedings, points: t.points + w.points });
  }
  const totals = [...byTeam.values()];
  const overBy = new Map<string, number>();
  for (const w of all) if (w.over) overBy.set(w.teamId, (overBy.get(w.teamId) ?? 0) + 1);
  const roles = new Map<string, WorkerCaseload[]>();
  for (const w of all) roles.set(w.role, [...(roles.get(w.role) ?? []), w]);
  const byRole = [...roles.entries()].map(([role, ws]) => {
    const children = ws.reduce((n, w) => n + w.children, 0);
    return { role, roleText: ROLES[role as Role] ?? role, workers: ws.length, children, average: Math.round((children / ws.length) * 10) / 10, largest: Math.max(...ws.map((w) => w.children)) };
  });
  const team = choice.team && totals.some((t) => t.teamId === choice.team) ? choice.team : null;
  const show = choice.show ?? null;
  const counts = { over: all.filter((w) => w.over).length, protected: all.filter((w) => w.over && w.newlyQualified).length };
  let workers: WorkerCaseload[] | null = null;
  let heading: string | null = null;
  if (show) {
    // A filter may be narrowed to one team (issue 8: the service overview links here by team).
    workers = all.filter((w) => w.over && (show === 'over' || w.newlyQualified) && (!team || w.teamId === team));
    heading = `${CASELOAD_FILTERS[show]}${team ? `: ${totals.find((t) => t.teamId === team)!.teamName}` : ''}`;
  } else if (team) {
    workers = all.filter((w) => w.teamId === team);
    heading = totals.find((t) => t.teamId === team)!.teamName;
  } else if (scope) {
    workers = all;
  }
  return { rules, teams: totals.map((t) => ({ ...t, over: overBy.get(t.teamId) ?? 0 })), byRole, workers, heading, counts, manySocialWorkers, team, show };
}

export interface WorkforceOverview {
  teams: TeamFigures[];
  totals: Omit<TeamFigures, 'teamId' | 'teamName'>;
  figures: { key: Figure; text: string }[];
  workers: (FigureWorker & { children: number | null; points: number | null })[] | null;
  heading: string | null;
  show: Figure | null;
  team: string | null;
}

export async function workforceOverview(db: Db, user: SignedInUser, today: string, choice: { show?: Figure | null | undefined; team?: string | null | undefined }): Promise<WorkforceOverview> {
  const scope = await teamScope(db, user);
  const teams = await teamFigures(db, today, scope);
  const sum = (k: 'inPost' | 'agency' | 'agencyLong' | 'leavers' | 'newlyQualified') => teams.reduce((n, t) => n + t[k], 0);
  const totals = { inPost: sum('inPost'), agency: sum('agency'), agencyLong: sum('agencyLong'), leavers: sum('leavers'), newlyQualified: sum('newlyQualified'), agencyPercent: 0 };
  totals.agencyPercent = totals.inPost ? Math.round((100 * totals.agency) / totals.inPost) : 0;
  const team = choice.team && teams.some((t) => t.teamId === choice.team) ? choice.team : null;
  const show = choice.show ?? null;
  const behind = show ? await workersBehind(db, today, show, team ? [team] : scope) : null;
  // The newly qualified with their caseloads (Newham 2014 ¶118: protected caseloads).
  const loads = show === 'newly-qualified' ? new Map((await caseloadRows(db, team ? [team] : scope, today)).map((w) => [w.workerId, w])) : null;
  const workers = behind?.map((w) => ({ ...w, children: loads?.get(w.userId)?.children ?? null, points: loads?.get(w.userId)?.points ?? null })) ?? null;
  const heading = show ? `${FIGURES[show]}${team ? `: ${teams.find((t) => t.teamId === team)!.teamName}` : ''}` : null;
  return { teams, totals, figures: (Object.keys(FIGURES) as Figure[]).map((key) => ({ key, text: FIGURES[key] })), workers, heading, show, team };
}
