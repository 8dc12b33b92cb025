// The council a benchmark runs on, shared by bench/pages.ts (the server in a process of its own) and
// bench/cpu.ts (CPU a request, in process): open the database (locking a PGlite folder), choose the
// users and the pages (each the heaviest case of its kind on the generated council), and build the
// app as the server does.
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { openDatabase, type DatabaseHandle, type OpenOptions } from '../src/db/connection.ts';
import { lockDataFolder } from '../src/db/lock.ts';
import type { Database } from '../src/db/schema.ts';
import { buildApp } from '../src/server/app.ts';
import { AREAS } from '../src/server/areas.ts';
import { fixedTime } from '../src/server/time.ts';
import { startSession, SESSION_COOKIE } from '../src/access/sessions.ts';
import type { Role } from '../src/access/roles.ts';

/** The cookie secret of the app a benchmark builds or starts (sessions are signed with it). */
export const COOKIE_SECRET = 'bench-cookie-secret-long-enough-0123456789';

/** Where the council is: PostgreSQL (`url`) or a PGlite folder (`dataDir`), exactly one. */
export interface Where {
  url?: string | undefined;
  dataDir?: string | undefined;
}

/** Opens the council's database; a PGlite folder is locked until `release`. */
export async function openCouncil(where: Where, options: Pick<OpenOptions, 'poolSize' | 'log'> = {}): Promise<{ handle: DatabaseHandle; release: () => void }> {
  const release = where.dataDir ? lockDataFolder(where.dataDir) : () => {};
  try {
    return { handle: await openDatabase({ url: where.url, dataDir: where.dataDir, ...options }), release };
  } catch (error) {
    release();
    throw error;
  }
}

/** The app in this process, as the server builds it, on the council's day. */
export function benchApp(db: Kysely<Database>, today: string): Promise<FastifyInstance> {
  return buildApp({ db, time: fixedTime(today), councilName: 'Bench' }, { cookieSecret: COOKIE_SECRET, secureCookies: false, areas: AREAS });
}

/** The pages issue 6 names as the ones a user lands on: the open loop mixes these (the others are measured one at a time). */
export const LANDING_PAGES = new Set(['My work: social worker', 'My work: team manager', 'My work: front door worker', 'My work: front door manager', 'My work: IRO', 'My work: performance analyst', 'My work: senior leader', 'front door queue', 'child record', 'chronology', 'search', 'plan', 'court tracker']);

export interface Page {
  label: string;
  path: string;
  /** Sessions of the user who opens it (several, for the loops). */
  cookies: string[];
  who: string;
}

export interface Council {
  today: string;
  size: string;
  pages: Page[];
  record: Page;
  /** Several users who may see every unrestricted child, for the closed loop on the record. */
  recordCookies: string[];
  notes: string[];
}

export async function setting<T>(db: Kysely<Database>, key: string): Promise<T> {
  const row = await db.selectFrom('council_setting').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) as T;
}

/** What chooseCouncil is asked for. */
export interface Choice {
  /** The day the pages are asked on; default the day the council was generated for. */
  today?: string;
  /** How many sessions of users who see every child to open for the closed loop on the record. */
  connections: number;
  /** Only the pages whose label contains one of these comma-separated fragments. */
  pages?: string;
}

/** The users and the pages of a generated council: each page the heaviest case of its kind, opened by the user who would. */
export async function chooseCouncil(db: Kysely<Database>, choice: Choice): Promise<Council> {
  const council = await setting<{ today: string; size: string }>(db, 'synth.council');
  const today = choice.today ?? council.today;
  const time = fixedTime(today);
  const notes: string[] = [];
  const users = (
    await sql<{ id: string; username: string; role: Role; team_id: string | null; service: string | null; caseload: number; team_size: number; manages_front_door: boolean }>`
      SELECT u.id, u.username, u.role, u.team_id, t.service,
        (SELECT count(*) FROM allocation a WHERE a.worker_id = u.id AND a.to_date IS NULL AND a.deleted_at IS NULL)::int AS caseload,
        (SELECT count(*) FROM app_user m WHERE m.team_id = u.team_id AND m.active)::int AS team_size,
        EXISTS (SELECT 1 FROM team f WHERE f.manager_id = u.id AND f.service = 'front-door') AS manages_front_door
      FROM app_user u LEFT JOIN team t ON t.id = u.team_id
      WHERE u.active
      ORDER BY u.username`.execute(db)
  ).rows;
  const busiest = (role: Role, filter: (u: (typeof users)[number]) => boolean = () => true) => {
    const candidates = users.filter((u) => u.role === role && filter(u));
    if (!candidates.length) throw new Error(`No active ${role} in this council`);
    return candidates.reduce((a, b) => (b.caseload > a.caseload || (b.caseload === a.caseload && b.team_size > a.team_size) ? b : a));
  };
  const first = (role: Role) => {
    const u = users.find((x) => x.role === role);
    if (!u) throw new Error(`No active ${role} in this council`);
    return u;
  };
  const socialWorker = busiest('social_worker');
  const teamManager = busiest('team_manager', (u) => u.service !== 'front-door' && !u.manages_front_door);
  const frontDoorWorker = busiest('front_door_worker');
  const frontDoorManager = users.find((u) => u.manages_front_door) ?? busiest('team_manager', (u) => u.service === 'front-door');
  const iro = busiest('iro');
  const analyst = first('performance_analyst');
  const leader = first('senior_leader');
  const administrator = first('administrator');
  const sessions = async (userId: string, n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(`${SESSION_COOKIE}=${await startSession(db, userId, time)}`);
    return out;
  };
  const per = 4;
  const cookiesOf = new Map<string, string[]>();
  for (const u of [socialWorker, teamManager, frontDoorWorker, frontDoorManager, iro, analyst, leader, administrator]) {
    if (!cookiesOf.has(u.id)) cookiesOf.set(u.id, await sessions(u.id, per));
  }
  const who = (u: (typeof users)[number]) => `${u.username} (${u.role}${u.caseload ? `, ${u.caseload} children` : ''}${u.team_size && u.role === 'team_manager' ? `, team of ${u.team_size}` : ''})`;
  const page = (label: string, path: string, u: (typeof users)[number]): Page => ({ label, path, cookies: cookiesOf.get(u.id)!, who: who(u) });

  const longChild = await setting<{ childId: string; events: number }>(db, 'synth.longHistoryChild');
  // A plan to open: the open child protection plan with the most actions.
  const plan = await sql<{ id: string; child_id: string; actions: number }>`
    SELECT p.id, p.child_id, (SELECT count(*) FROM plan_action x WHERE x.plan_id = p.id)::int AS actions
    FROM plan p JOIN person c ON c.id = p.child_id
    WHERE p.kind = 'cp' AND p.ended_on IS NULL AND p.deleted_at IS NULL AND NOT c.restricted
    ORDER BY actions DESC, p.id LIMIT 1`.execute(db);
  const planRow = plan.rows[0];
  // A search: the most common surname among children (many hits, several pages).
  const surname = await sql<{ last_name: string; n: number }>`
    SELECT last_name, count(*)::int AS n FROM person WHERE kind = 'child' GROUP BY last_name ORDER BY n DESC, last_name LIMIT 1`.execute(db);
  const q = surname.rows[0]?.last_name ?? 'Smith';
  // A child in care with the most placements: the care page's heaviest case.
  const cared = await sql<{ child_id: string; placements: number }>`
    SELECT p.child_id, count(*)::int AS placements FROM placement p JOIN person c ON c.id = p.child_id
    WHERE p.deleted_at IS NULL AND NOT c.restricted GROUP BY p.child_id ORDER BY placements DESC, p.child_id LIMIT 1`.execute(db);
  const caredRow = cared.rows[0];
  // A child with the most missing episodes: the missing page's heaviest case.
  const missed = await sql<{ child_id: string; episodes: number }>`
    SELECT e.child_id, count(*)::int AS episodes FROM missing_episode e JOIN person c ON c.id = e.child_id
    WHERE e.deleted_at IS NULL AND NOT c.restricted GROUP BY e.child_id ORDER BY episodes DESC, e.child_id LIMIT 1`.execute(db);
  const missedRow = missed.rows[0];
  // The heaviest child for each of the other children-in-care pages: most rows of what the page lists.
  const heaviest = async (table: string) =>
    (
      await sql<{ child_id: string; n: number }>`
        SELECT r.child_id, count(*)::int AS n FROM ${sql.table(table)} r JOIN person c ON c.id = r.child_id
        WHERE r.deleted_at IS NULL AND NOT c.restricted GROUP BY r.child_id ORDER BY n DESC, r.child_id LIMIT 1`.execute(db)
    ).rows[0];
  const [leaver, healthRow, challenged, fostered] = [await heaviest('care_leaver_contact'), await heaviest('health_assessment'), await heaviest('iro_challenge_stage'), await heaviest('private_fostering_visit')];
  const [educated, kin] = [await heaviest('pep'), await heaviest('kinship_carer')];
  notes.push(`child record and chronology: the child with the longest history (${longChild.events} journal events); search: "${q}" (${surname.rows[0]?.n ?? '?'} children); plan: open CP plan with ${planRow?.actions ?? 0} actions; children in care: the child with the most placements (${caredRow?.placements ?? 0}); missing episodes: the child with the most (${missedRow?.episodes ?? 0}); children who go missing: the analyst, who sees every child; leaving care, health, IRO challenges and private fostering: the child with the most contacts, assessments, challenge stages and visits; the IRO challenge overview as a senior leader, who sees every child; education and kinship care: the child with the most PEPs and kinship carers; the virtual school list as the analyst (every child) and as the busiest team manager`);
  // The child with the most permanence steps: the permanence page's heaviest case.
  const permanent = await heaviest('permanence_step');
  // The child the IRO was most in touch with (decision 0055), and a child of the largest sibling group.
  const contacted = await heaviest('iro_contact');
  const sibling = (
    await sql<{ child_id: string }>`
      SELECT m.child_id FROM sibling_group_member m JOIN person c ON c.id = m.child_id AND NOT c.restricted
      WHERE m.deleted_at IS NULL
      ORDER BY (SELECT count(*) FROM sibling_group_member o WHERE o.group_id = m.group_id AND o.deleted_at IS NULL) DESC, m.child_id LIMIT 1`.execute(db)
  ).rows[0];
  // The adopters matched with the most children, with their first applicant's form.
  const adopters = (
    await sql<{ id: string }>`
      SELECT h.id FROM adopter_household h WHERE h.deleted_at IS NULL
      ORDER BY (SELECT count(*) FROM adoption_match m WHERE m.household_id = h.id AND m.deleted_at IS NULL) DESC, h.id LIMIT 1`.execute(db)
  ).rows[0];
  notes.push(`IRO contacts: the child with the most (${contacted?.n ?? 0}); brothers and sisters: a child of the largest group; adopters: the household matched with the most children`);
  // The fostering household with the most placements: the household page's heaviest case.
  const household = (
    await sql<{ id: string; placements: number }>`
      SELECT h.id, (SELECT count(*) FROM placement p WHERE p.fostering_household_id = h.id AND p.deleted_at IS NULL)::int AS placements
      FROM fostering_household h WHERE h.deleted_at IS NULL ORDER BY placements DESC, h.id LIMIT 1`.execute(db)
  ).rows[0];
  notes.push(`foster carers: the sufficiency page as the analyst, who sees every child; a household: the one with the most placements (${household?.placements ?? 0}), as a senior leader`);
  // The child with the most exploitation panel actions (discussions, places and people named with them).
  const exploited = await heaviest('exploitation_panel_action');
  const supervised = await heaviest('supervision_discussion');
  notes.push(`exploitation: the child with the most panel actions (${exploited?.n ?? 0}); children at risk of exploitation: the analyst, who sees every child`);
  // The child with the most oversight entries: the oversight page's heaviest case.
  const overseen = await heaviest('management_oversight');
  // The case audit with the most moderations (its child's audit page), and the programme and report as the analyst.
  const audited = (await sql<{ child_id: string; id: string }>`SELECT a.child_id, a.id FROM case_audit a JOIN person c ON c.id = a.child_id AND NOT c.restricted
    WHERE a.status = 'completed' AND a.deleted_at IS NULL ORDER BY (SELECT count(*) FROM case_audit_answer x WHERE x.audit_id = a.id) DESC, a.id LIMIT 1`.execute(db)).rows[0];
  // The pre-proceedings with the most family group offers, meetings and decisions (s.31ZA).
  const familyGroup = (await sql<{ child_id: string; id: string }>`SELECT pp.child_id, pp.id FROM pre_proceedings pp JOIN person c ON c.id = pp.child_id AND NOT c.restricted
    WHERE pp.deleted_at IS NULL ORDER BY (SELECT count(*) FROM fgdm_offer o WHERE o.pre_proceedings_id = pp.id) + (SELECT count(*) FROM fgdm_meeting m WHERE m.pre_proceedings_id = pp.id) DESC, pp.id LIMIT 1`.execute(db)).rows[0];
  notes.push('case audits: the programme, the year’s report and a moderation-variance list as the analyst, who sees every child; a graded audit as a senior leader');
  const improvementPlan = (await sql<{ id: string }>`SELECT id FROM improvement_plan WHERE deleted_at IS NULL ORDER BY recorded_at DESC LIMIT 1`.execute(db)).rows[0];
  // An improvement action still open (its done and remove forms) and one marked done (its reopen form),
  // each the one naming the most measures: the forms read the action, its plan and who may own it.
  const improvementAction = async (done: boolean) =>
    (
      await sql<{ id: string; plan_id: string }>`
        SELECT a.id, a.plan_id FROM improvement_action a JOIN improvement_plan p ON p.id = a.plan_id AND p.deleted_at IS NULL
        WHERE a.deleted_at IS NULL AND (a.done_on IS NOT NULL) = ${done}
        ORDER BY (SELECT count(*) FROM improvement_action_measure m WHERE m.action_id = a.id AND m.deleted_at IS NULL) DESC, a.id LIMIT 1`.execute(db)
    ).rows[0];
  const [openAction, doneAction] = [await improvementAction(false), await improvementAction(true)];
  const actionPath = (a: { id: string; plan_id: string }, step: string) => `/improvement-plans/${a.plan_id}/actions/${a.id}/${step}`;
  // The child with the most offending outcomes; the child with the longest history where none are recorded.
  const offended = await heaviest('offending_outcome');
  notes.push(
    `offending: ${offended ? `the child with the most outcomes (${offended.n})` : 'no outcomes recorded, the child with the longest history'}; improvement action forms: ${openAction || doneAction ? 'the open and the done action naming the most measures' : 'none, as no action is recorded'}`,
  );

  const pages: Page[] = [
    page('My work: social worker', '/', socialWorker),
    page('My work: team manager', '/', teamManager),
    page('My work: front door worker', '/', frontDoorWorker),
    page('My work: front door manager', '/', frontDoorManager),
    page('My work: IRO', '/', iro),
    page('My work: performance analyst', '/', analyst),
    page('My work: senior leader', '/', leader),
    page('front door queue', '/front-door', frontDoorWorker),
    page('child record', `/children/${longChild.childId}`, leader),
    page('chronology', `/children/${longChild.childId}/chronology`, leader),
    page('search', `/children?${new URLSearchParams({ q }).toString()}`, socialWorker),
    ...(planRow ? [page('plan', `/children/${planRow.child_id}/plans/${planRow.id}`, leader)] : []),
    page('court tracker', '/proceedings/tracker', analyst),
    ...(caredRow ? [page('children in care', `/children/${caredRow.child_id}/care`, leader)] : []),
    ...(missedRow ? [page('missing episodes', `/children/${missedRow.child_id}/missing`, leader)] : []),
    page('children who go missing', '/missing', analyst),
    ...(leaver ? [page('leaving care', `/children/${leaver.child_id}/leaving-care`, leader)] : []),
    ...(healthRow ? [page('health', `/children/${healthRow.child_id}/health`, leader)] : []),
    ...(challenged ? [page('IRO challenges: child', `/children/${challenged.child_id}/iro-challenges`, leader)] : []),
    page('IRO challenges: overview', '/iro-challenges', leader),
    ...(fostered ? [page('private fostering', `/children/${fostered.child_id}/private-fostering`, leader)] : []),
    ...(educated ? [page('education', `/children/${educated.child_id}/education`, leader)] : []),
    ...(kin ? [page('kinship care', `/children/${kin.child_id}/kinship`, leader)] : []),
    page('virtual school', '/virtual-school', analyst),
    page('virtual school: team manager', '/virtual-school', teamManager),
    page('permanence tracker', '/permanence', analyst),
    ...(permanent ? [page('permanence', `/children/${permanent.child_id}/permanence`, leader)] : []),
    page('adopters', '/adopters', teamManager),
    ...(adopters ? [page('adopters: household', `/adopters/${adopters.id}`, teamManager), page('adopters: first applicant (form)', `/adopters/${adopters.id}/applicants/1`, teamManager)] : []),
    ...(contacted ? [page('IRO contacts: child', `/children/${contacted.child_id}/iro-contacts`, leader)] : []),
    ...(sibling ? [page('permanence: a child of the largest sibling group', `/children/${sibling.child_id}/permanence`, leader)] : []),
    page('foster carers: sufficiency', '/fostering', analyst),
    ...(household ? [page('foster carers: household', `/fostering/households/${household.id}`, leader)] : []),
    page('foster carers: due list', '/fostering/due', analyst),
    page('foster carers: DBS renewals overdue', '/fostering/due?what=dbs&overdue=yes', analyst),
    page('foster carers: approved households', '/fostering/households?status=approved', analyst),
    page('foster carers: measure Q92', '/measures/households/foster-carers-without-dbs-check', analyst),
    ...(exploited ? [page('exploitation', `/children/${exploited.child_id}/exploitation`, leader)] : []),
    page('children at risk of exploitation', '/exploitation', analyst),
    page('supervision: team manager', '/supervision', teamManager),
    page('supervision: children not discussed', '/supervision?show=children', teamManager),
    page('supervision: worker’s file', `/workers/${socialWorker.id}/supervision`, socialWorker),
    ...(supervised ? [page('supervision: child', `/children/${supervised.child_id}/supervision`, leader)] : []),
    ...(overseen ? [page('management oversight: child', `/children/${overseen.child_id}/oversight`, leader)] : []),
    page('management oversight: every team', '/oversight', leader),
    page('management oversight: team manager', '/oversight', teamManager),
    page('management oversight: overdue children', '/oversight?list=overdue', analyst),
    page('drift: child in need cases with no activity', '/oversight?list=drift', analyst),
    page('caseloads: every team', '/caseloads', analyst),
    page('caseloads: team manager', '/caseloads', teamManager),
    page('children with 3 or more social workers', '/caseloads/worker-changes', leader),
    page('workforce figures', '/workforce?show=newly-qualified', leader),
    page('worker profile', `/workers/${socialWorker.id}`, leader),
    page('transfers waiting', '/transfers', teamManager),
    page('case audits', '/audits', analyst),
    page('data quality', '/data-quality', analyst),
    page('data quality: facts recorded late', '/data-quality/late-recording', analyst),
    page('data quality: team manager', '/data-quality', teamManager),
    page('measures: the catalogue, 12 months to today', '/measures', analyst),
    page('measure: initial conferences on time, children behind it', '/measures/icpc-on-time', analyst),
    page('measure: children placed more than 20 miles from home, children behind it', '/measures/placed-far-from-home', analyst),
    page('case audit report', '/audits/report', analyst),
    page('case audit report: audits behind a figure', '/audits/report/audits?auditorRole=first_line', analyst),
    page('service overview: every team', '/service-overview', analyst),
    page('service overview: senior leader', '/service-overview', leader),
    page('service overview: team manager', '/service-overview', teamManager),
    page('actions overdue across teams', '/actions?show=overdue', analyst),
    page('actions from case audits', '/audits/actions', leader),
    ...(audited ? [page('case audit', `/children/${audited.child_id}/audits/${audited.id}`, leader), page('case audit: grading form', `/children/${audited.child_id}/audits/new`, leader)] : []),
    page('CIN census: this year to date from the live record', '/returns/cin-census', analyst),
    page('imports (moving to Lantern)', '/imports', administrator),
    page('SSDA903 return: this year to date from the live record', '/returns/ssda903', analyst),
    page('SSDA903 return: the Episodes CSV of last year', `/returns/ssda903/${Number(today.slice(0, 4)) + (today.slice(5) >= '04-01' ? 0 : -1)}/csv/episodes`, analyst),
    page('Annex A: the lists for the 12 months to today', '/returns/annex-a', analyst),
    page('Annex A: list 8, the children in care behind the count', '/returns/annex-a/lists/8', analyst),
    page('practice standards: the council', '/practice-standards', analyst),
    page('practice standards: team manager', '/practice-standards', teamManager),
    page('practice standard: visits by team, with the exception list', '/practice-standards/visits-to-plan', analyst),
    page('practice standards: child', `/children/${longChild.childId}/practice-standards`, leader),
    page('improvement plans', '/improvement-plans', leader),
    ...(improvementPlan ? [page('improvement plan: measures then and now', `/improvement-plans/${improvementPlan.id}`, leader)] : []),
    ...(openAction ? [page('improvement action: mark done (form)', actionPath(openAction, 'done'), leader), page('improvement action: remove (form)', actionPath(openAction, 'remove'), leader)] : []),
    ...(doneAction ? [page('improvement action: reopen (form)', actionPath(doneAction, 'reopen'), leader)] : []),
    page('offending', `/children/${offended?.child_id ?? longChild.childId}/offending`, leader),
    page('measure of workers: caseloads by team, workers behind it', '/measures/workers/social-worker-caseload', analyst),
    page('DfE CSC API: last sends and failures', '/returns/csc-api', analyst),
    page('DfE CSC API: the next send worked out (every child’s payload)', '/returns/csc-api?check=1', analyst),
    // Dashboards (decision 0035): the first request counts the 24 closed months and keeps them; the
    // rest read the kept figures (a staleness check, a grouped read, the data quality items).
    page('dashboard: the council (director)', '/dashboards/council', analyst),
    page('dashboard: team manager (their first team)', '/dashboards/team', teamManager),
    page('members’ report', '/dashboards/members-report', analyst),
    ...(familyGroup ? [page('family group decision-making', `/children/${familyGroup.child_id}/proceedings/pre-proceedings/${familyGroup.id}/family-group`, leader)] : []),
    page('SSDA903 return: the PrevPerm CSV of this year (decision 0041)', `/returns/ssda903/${Number(today.slice(0, 4)) + (today.slice(5) >= '04-01' ? 1 : 0)}/csv/prevperm`, analyst),
  ];
  // Distinct users who see every unrestricted child: the closed loop's connections.
  const seeAll = users.filter((u) => ['front_door_worker', 'performance_analyst', 'senior_leader'].includes(u.role));
  const recordCookies: string[] = [];
  for (let i = 0; i < choice.connections; i++) recordCookies.push(...(await sessions(seeAll[i % seeAll.length]!.id, 1)));
  // --pages takes one or more label fragments, comma-separated.
  const chosen = choice.pages ? pages.filter((p) => choice.pages!.split(',').some((part) => p.label.includes(part.trim()))) : pages;
  return { today, size: council.size, pages: chosen, record: pages.find((p) => p.label === 'child record')!, recordCookies, notes };
}
