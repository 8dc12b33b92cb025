// The service overview (issue 8): for each team a user sees, the counts a head of service asks about,
// each from the area that owns the list it links to, so that a count and its list agree. One grouped
// statement per measure for all the teams, never one per team (decision 0026).
import type { SignedInUser } from '../access/policy.ts';
import type { Db } from '../db/history.ts';
import { overdueActionsByTeam } from '../actions/list.ts';
import { teamTotals } from '../oversight/repository.ts';
import { loadSettings, settingMax } from '../settings/council-settings.ts';
import { supervisionPolicy } from '../supervision/policy.ts';
import { childGapCountsByTeam } from '../supervision/repository.ts';
import { caseloadRows } from '../workforce/caseloads.ts';
import { waitingTransfersByTeam } from '../workforce/transfers.ts';
import { manyWorkersByTeam, MANY_SOCIAL_WORKERS } from '../workforce/worker-changes.ts';
import { scopeOf, teamsInViewOf } from './managed-teams.ts';
import { openCasesByTeam, type TeamCount } from './repository.ts';

export const MEASURES = [
  { key: 'openCases', heading: 'Open cases', list: (team: string) => `/caseloads?team=${team}` },
  { key: 'noOversight', heading: 'No management oversight within the interval', list: (team: string) => `/oversight?list=overdue&team=${team}` },
  { key: 'drift', heading: 'Child in need cases with no recent activity', list: (team: string) => `/oversight?list=drift&team=${team}` },
  { key: 'noSupervision', heading: 'No case supervision within the interval', list: (team: string) => `/supervision?show=children&team=${team}` },
  { key: 'overCaseload', heading: 'Workers above their caseload limit', list: (team: string) => `/caseloads?show=over&team=${team}` },
  { key: 'manyWorkers', heading: `${MANY_SOCIAL_WORKERS} or more social workers in 12 months`, list: (team: string) => `/caseloads/worker-changes?team=${team}` },
  { key: 'actionsOverdue', heading: 'Actions from oversight, supervision and audits overdue', list: (team: string) => `/actions?show=overdue&team=${team}` },
  { key: 'transfersWaiting', heading: 'Transfers awaiting acceptance', list: (team: string) => `/transfers?team=${team}` },
] as const;

export type MeasureKey = (typeof MEASURES)[number]['key'];
export type Counts = Record<MeasureKey, number>;

export interface OverviewRow {
  teamId: string;
  teamName: string;
  counts: Counts;
  /** Where each count's list is, narrowed to the team. */
  hrefs: Record<MeasureKey, string>;
}

export interface ServiceOverview {
  rows: OverviewRow[];
  /** Every team together: a child counted in two teams' rows is counted once here. */
  total: Counts;
  every: boolean;
}

const byTeam = (rows: readonly TeamCount[]) => new Map(rows.map((r) => [r.team_id, r.n]));

export async function serviceOverview(db: Db, user: SignedInUser, today: string): Promise<ServiceOverview> {
  const view = await teamsInViewOf(db, user);
  const scope = scopeOf(view);
  const settings = await loadSettings(db);
  const driftDays = settings.cinDriftDays ?? settingMax('cinDriftDays');
  const policy = await supervisionPolicy(db);
  const [open, oversight, supervision, caseloads, many, actions, transfers] = await Promise.all([
    openCasesByTeam(db, scope),
    teamTotals(db, user, scope, today, driftDays),
    childGapCountsByTeam(db, user, today, policy.caseDays, scope),
    caseloadRows(db, scope, today),
    manyWorkersByTeam(db, user, today, scope),
    overdueActionsByTeam(db, user, today, scope),
    waitingTransfersByTeam(db, scope),
  ]);
  const over = new Map<string | null, number>();
  for (const w of caseloads) {
    if (!w.over) continue;
    over.set(w.teamId, (over.get(w.teamId) ?? 0) + 1);
    over.set(null, (over.get(null) ?? 0) + 1);
  }
  const figures: Record<MeasureKey, Map<string | null, number>> = {
    openCases: byTeam(open),
    noOversight: new Map(oversight.map((r) => [r.team_id, r.overdue])),
    drift: new Map(oversight.map((r) => [r.team_id, r.drift])),
    noSupervision: byTeam(supervision),
    overCaseload: over,
    manyWorkers: byTeam(many),
    actionsOverdue: byTeam(actions),
    transfersWaiting: byTeam(transfers),
  };
  const countsFor = (team: string | null) => Object.fromEntries(MEASURES.map((m) => [m.key, figures[m.key].get(team) ?? 0])) as Counts;
  return {
    rows: view.teams.map((t) => ({
      teamId: t.id,
      teamName: t.name,
      counts: countsFor(t.id),
      hrefs: Object.fromEntries(MEASURES.map((m) => [m.key, m.list(t.id)])) as Record<MeasureKey, string>,
    })),
    total: countsFor(null),
    every: view.every,
  };
}
