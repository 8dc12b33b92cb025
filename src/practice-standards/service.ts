// What the practice standards pages and API show: the council's compliance with each standard switched
// on, one standard a level at a time (council → team → worker → child) with its exception list, and one
// child against every standard. Every % with its numerator and denominator (DQ-45); the paired quality
// beside each (DQ-47), or why the record has none.
import { sql } from 'kysely';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';
import { SEES_ALL_UNRESTRICTED } from '../access/roles.ts';
import { isOwnOrManagedTeam, teamById } from '../access/teams.ts';
import { Forbidden, NotFound } from '../server/errors.ts';
import { childRows, councilCompliance, exceptions, levelCompliance, type Compliance, type LevelFilter } from './repository.ts';
import { loadStandardSettings, windowsOf, type StandardSetting } from './settings.ts';
import { standardById, withDays, type PracticeStandard, type StandardWindow } from './standards.ts';

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);
const fraction = (n: number, d: number) => ({ numerator: n, denominator: d, percent: pct(n, d), text: d === 0 ? 'No children' : `${pct(n, d)}% (${n} of ${d})` });

/** A compliance line as shown: meeting, quality and audit grade, each with its fraction. */
export function shownCompliance(c: Compliance, standard: PracticeStandard) {
  return {
    children: c.children,
    notMeeting: c.children - c.meeting,
    meeting: fraction(c.meeting, c.children),
    qualityFigure: 'label' in standard.quality ? fraction(c.qualityYes, c.qualityKnown) : null,
    audited: c.audited,
    goodOrBetter: fraction(c.goodOrBetter, c.audited),
  };
}

export function describeStandard(setting: StandardSetting) {
  const s = setting.standard;
  return {
    id: s.id,
    title: withDays(s.title, setting.days),
    description: withDays(s.description, setting.days),
    citation: s.citation,
    enabled: setting.enabled,
    days: setting.days,
    lookBackMonths: setting.lookBackMonths,
    clockRules: s.clockRules ?? [],
    quality: 'label' in s.quality ? { label: s.quality.label, definition: s.quality.definition, missing: null } : { label: null, definition: null, missing: s.quality.missing },
    changedBy: setting.changedBy,
    changedAt: setting.changedAt,
  };
}

/** Every standard switched on, with the council's compliance (children the user may see). */
export async function overview(db: Db, user: SignedInUser, today: string) {
  const settings = await loadStandardSettings(db);
  const on = settings.filter((s) => s.enabled);
  const windows = await windowsOf(db, on, today);
  const compliance = await councilCompliance(db, user, on.map((s) => ({ standard: s.standard, window: windows.get(s.standard.id)! })), today);
  return {
    today,
    standards: on.map((s) => ({ ...describeStandard(s), since: windows.get(s.standard.id)!.since, ...shownCompliance(compliance.get(s.standard.id)!, s.standard) })),
    off: settings.filter((s) => !s.enabled).map(describeStandard),
  };
}

async function settingOf(db: Db, standardId: string): Promise<StandardSetting> {
  if (!standardById(standardId)) throw new NotFound('There is no practice standard with that name.');
  const setting = (await loadStandardSettings(db)).find((s) => s.standard.id === standardId)!;
  if (!setting.enabled) throw new NotFound('The council has switched this practice standard off.');
  return setting;
}

/** A team or worker whose compliance the user may ask for: any for a role that sees every child, else their own team's or one they manage. */
async function levelYouMaySee(db: Db, user: SignedInUser, filter: LevelFilter) {
  const team = filter.teamId && filter.teamId !== 'none' ? await teamById(db, filter.teamId) : undefined;
  if (filter.teamId && filter.teamId !== 'none' && !team) throw new NotFound('There is no team with that id.');
  const worker = filter.workerId
    ? (
        await sql<{ id: string; name: string; team_id: string | null; manager_id: string | null }>`SELECT u.id, u.display_name AS name, u.team_id, t.manager_id
          FROM app_user u LEFT JOIN team t ON t.id = u.team_id WHERE u.id = ${filter.workerId}::uuid`.execute(db)
      ).rows[0]
    : undefined;
  if (filter.workerId && !worker) throw new NotFound('There is no worker with that id.');
  if (!SEES_ALL_UNRESTRICTED.includes(user.role)) {
    const otherTeam = team && !isOwnOrManagedTeam(user, team);
    const otherWorker = worker && worker.id !== user.id && !isOwnOrManagedTeam(user, { id: worker.team_id, manager_id: worker.manager_id });
    if (filter.teamId === 'none' || otherTeam || otherWorker) {
      throw new Forbidden('You can see the practice standards of the teams you belong to or manage only.');
    }
  }
  return { team: team ? { id: team.id, name: team.name } : filter.teamId === 'none' ? { id: 'none', name: 'No social worker allocated' } : null, worker: worker ? { id: worker.id, name: worker.name } : null };
}

/** The teams whose standards the user may open (levelYouMaySee's rule): null for every team. */
async function teamsYouMayOpen(db: Db, user: SignedInUser): Promise<Set<string> | null> {
  if (SEES_ALL_UNRESTRICTED.includes(user.role)) return null;
  const rows = await sql<{ id: string }>`SELECT id FROM team WHERE id = ${user.teamId}::uuid OR manager_id = ${user.id}::uuid`.execute(db);
  return new Set(rows.rows.map((r) => r.id));
}

/** Every child not meeting one standard under the filter, for the exports (the same rows and order as the page). */
export async function exceptionList(db: Db, user: SignedInUser, standardId: string, today: string, filter: LevelFilter) {
  const setting = await settingOf(db, standardId);
  const { team, worker } = await levelYouMaySee(db, user, filter);
  const window = (await windowsOf(db, [setting], today)).get(standardId)!;
  const rows = await exceptions(db, user, setting.standard, window, filter, null);
  return { standard: describeStandard(setting), since: window.since, today, team, worker, exceptions: rows.map((e) => exceptionShown(setting.standard, window, e)) };
}

export type ExceptionList = Awaited<ReturnType<typeof exceptionList>>;

/** One standard, one level down from the filter, with the exception list under it. */
export async function standardDetail(db: Db, user: SignedInUser, standardId: string, today: string, filter: LevelFilter, page: number) {
  const setting = await settingOf(db, standardId);
  const { team, worker } = await levelYouMaySee(db, user, filter);
  const window = (await windowsOf(db, [setting], today)).get(standardId)!;
  const standard = setting.standard;
  const [level, missing, openable] = await Promise.all([levelCompliance(db, user, standard, window, filter), exceptions(db, user, standard, window, filter, page), teamsYouMayOpen(db, user)]);
  return {
    standard: describeStandard(setting),
    since: window.since,
    today,
    team,
    worker,
    level: worker ? 'child' : team ? 'worker' : 'team',
    total: shownCompliance(level.total, standard),
    // A team is a link only for those who may open it (a front door manager sees every child's figure, not every team's list).
    lines: level.lines.map((l) => ({ id: l.id, name: l.name, laChildId: l.laChildId ?? null, met: l.met ?? null, missed: l.missed ?? null, checked: l.checked ?? null, mayOpen: openable === null || (l.id !== null && openable.has(l.id)), ...shownCompliance(l, standard) })),
    exceptions: missing.map((e) => exceptionShown(standard, window, e)),
    exceptionTotal: missing[0]?.total ?? 0,
  };
}

function exceptionShown(standard: PracticeStandard, window: StandardWindow, e: Awaited<ReturnType<typeof exceptions>>[number]) {
  return {
    childId: e.child_id,
    name: `${e.first_name} ${e.last_name}`,
    laChildId: e.la_child_id,
    worker: e.worker_name ?? 'No social worker allocated',
    team: e.team_name ?? 'No team',
    what: standard.describe(e.first, window),
    missed: e.missed,
    fixAt: standard.fixAt(e.child_id, e.first),
  };
}

/** One child against every standard switched on: each thing checked, met or not, where to put it right. */
export async function childStandards(db: Db, childId: string, today: string) {
  const settings = (await loadStandardSettings(db)).filter((s) => s.enabled);
  const windows = await windowsOf(db, settings, today);
  const rows = await childRows(db, settings.map((s) => ({ standard: s.standard, window: { ...windows.get(s.standard.id)!, childId } })));
  return settings.map((s) => {
    const window = windows.get(s.standard.id)!;
    const mine = rows.filter((r) => r.standard_id === s.standard.id);
    return {
      ...describeStandard(s),
      since: window.since,
      applies: mine.length > 0,
      met: mine.every((r) => r.met),
      rows: mine.map((r) => ({ day: r.day, met: r.met, quality: r.quality, what: s.standard.describe(r, window), fixAt: s.standard.fixAt(childId, r) })),
    };
  });
}
