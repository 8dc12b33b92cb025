// Teams, their managers and staff (some of whom have since left), the demo sign-ins, partner agency
// users and the account that migrated the history. Staff numbers follow the open cases the
// families stage will create (profile.ts openTargets), so caseloads come out at 15-25 a worker.
import type { Insertable } from 'kysely';
import type { Role } from '../../access/roles.ts';
import type { AppUserTable } from '../../db/schema.ts';
import type { DemoUser, SynthContext, SynthTeam, SynthWorker, TeamService } from '../context.ts';
import { CASELOAD } from '../profile.ts';
import { MENS_NAMES, SURNAMES, WOMENS_NAMES } from '../names.ts';
import type { Stage } from '../stages.ts';

interface DemoAccount extends DemoUser {
  service: TeamService | null;
  agency?: string;
  /** Manages the first team of its service. */
  manages?: boolean;
}

/** One memorable sign-in per role, all with the demo password. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'sam.social', displayName: 'Sam Social', role: 'social_worker', service: 'safeguarding' },
  { username: 'tara.manager', displayName: 'Tara Manager', role: 'team_manager', service: 'safeguarding', manages: true, title: 'Team manager (safeguarding)' },
  { username: 'frankie.frontdoor', displayName: 'Frankie Frontdoor', role: 'front_door_worker', service: 'front-door' },
  // Only the front door team's manager decides on contacts (a threshold decision within a working day).
  { username: 'morgan.mash', displayName: 'Morgan Mash', role: 'team_manager', service: 'front-door', manages: true, title: 'Front door manager (decides on contacts)' },
  { username: 'iris.iro', displayName: 'Iris Iro', role: 'iro', service: 'iro' },
  { username: 'pat.adviser', displayName: 'Pat Adviser', role: 'personal_adviser', service: 'leaving-care' },
  { username: 'ana.analyst', displayName: 'Ana Analyst', role: 'performance_analyst', service: 'performance' },
  { username: 'lee.leader', displayName: 'Lee Leader', role: 'senior_leader', service: null },
  { username: 'pc.partner', displayName: 'PC Partner (Brightwater Police)', role: 'partner_agency', service: null, agency: 'police' },
  { username: 'ada.admin', displayName: 'Ada Admin', role: 'administrator', service: 'administration' },
];

interface TeamPlan {
  name: string;
  service: TeamService;
  staffRole: Role;
  staff: number;
  /** Staff who have left (they held cases before): kept as inactive accounts. */
  leavers: number;
  /** Whether a team manager account is created (otherwise a staff member manages it). */
  manager: boolean;
}

const split = (total: number, parts: number): number[] =>
  Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));

/** Most staff a team manager leads; bigger services are split into teams of about 8 (6 to 10). */
const MOST_PER_MANAGER = 10;
const USUAL_PER_MANAGER = 8;

function planTeams(ctx: SynthContext): TeamPlan[] {
  const { targets, profile } = ctx;
  const perWorker = (children: number, load: number = CASELOAD.target) => Math.max(1, Math.ceil(children / load));
  const leavers = (staff: number) => Math.max(1, Math.round(staff * 0.3));
  // A service's staff in teams of 6-10 under one manager each, as councils organise them (and at least
  // `atLeast` teams where the profile asks for them): "Safeguarding Team 3".
  const caseTeams = (name: string, service: TeamService, staff: number, staffRole: Role = 'social_worker', atLeast = 1): TeamPlan[] => {
    const count = Math.max(atLeast, staff > MOST_PER_MANAGER ? Math.ceil(staff / USUAL_PER_MANAGER) : 1);
    return split(staff, count).map((n, i) => ({
      name: count === 1 && atLeast === 1 ? name : `${name} ${i + 1}`,
      service,
      staffRole,
      staff: Math.max(1, n),
      leavers: leavers(Math.max(1, n)),
      manager: true,
    }));
  };
  return [
    ...caseTeams('Front Door (MASH)', 'front-door', Math.max(3, Math.ceil(profile.contactsPerYear / 1_500)), 'front_door_worker'),
    ...caseTeams('Early Help Team', 'early-help', perWorker(targets.earlyHelp)),
    ...caseTeams('Assessment Team', 'assessment', perWorker(targets.assessment), 'social_worker', profile.assessmentTeams),
    ...caseTeams('Safeguarding Team', 'safeguarding', perWorker(targets.childInNeed + targets.childProtection), 'social_worker', profile.safeguardingTeams),
    ...caseTeams('Children in Care Team', 'looked-after', perWorker(targets.lookedAfter)),
    ...caseTeams('Leaving Care Team', 'leaving-care', perWorker(targets.careLeavers, CASELOAD.personalAdviser), 'personal_adviser'),
    ...caseTeams('IRO and Conference Chairs', 'iro', perWorker(targets.childProtection + targets.lookedAfter, CASELOAD.iro), 'iro'),
    { name: 'Performance and Intelligence', service: 'performance', staffRole: 'performance_analyst', staff: Math.max(2, Math.ceil(profile.childPopulation / 100_000) + 1), leavers: 0, manager: false },
    { name: 'Business Support', service: 'administration', staffRole: 'administrator', staff: profile.childPopulation >= 100_000 ? 2 : 1, leavers: 0, manager: false },
  ];
}

/** 'Wiśniewski' → 'wisniewski', 'O’Brien' → 'obrien'. */
const usernamePart = (name: string) =>
  name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

export const teamsAndUsers: Stage = {
  name: 'teams-and-users',
  async run(ctx) {
    const { rng, council, todayDay, goLiveDay } = ctx;
    const usernames = new Set(DEMO_ACCOUNTS.map((a) => a.username));
    const userRows: Insertable<AppUserTable>[] = [];

    const addUser = (worker: Omit<SynthWorker, 'id'>): SynthWorker => {
      const full: SynthWorker = { id: rng.uuid(), ...worker };
      council.addWorker(full);
      userRows.push({
        id: full.id,
        username: full.username,
        display_name: full.displayName,
        role: full.role,
        team_id: full.teamId,
        agency: full.agency,
        // One hash for every synthetic account: scrypt is deliberately slow (tens of milliseconds),
        // and hashing hundreds of accounts one by one would add minutes to a large council for no
        // gain. The accounts are demo accounts with a published password.
        password_hash: ctx.passwordHash,
        active: full.active,
        created_at: ctx.stamp(Math.min(full.startedOn, todayDay)),
      });
      return full;
    };

    const person = () => {
      const woman = rng.chance(0.75); // the children's social care workforce is mostly women
      const first = rng.pick(woman ? WOMENS_NAMES : MENS_NAMES);
      const last = rng.pick(SURNAMES);
      let username = `${usernamePart(first)}.${usernamePart(last)}`;
      for (let n = 2; usernames.has(username); n++) username = `${usernamePart(first)}.${usernamePart(last)}${n}`;
      usernames.add(username);
      return { displayName: `${first} ${last}`, username };
    };

    // Active staff started at various times (many before Lantern held the history); leavers went
    // during the years held, which is when their cases changed hands.
    const activeStart = () => todayDay - rng.skewed(60, 3_650, 1.4);
    const leaverDates = () => {
      const leftOn = goLiveDay + rng.int(30, Math.max(31, todayDay - goLiveDay - 30));
      return { startedOn: Math.min(leftOn - 200, goLiveDay - rng.int(0, 2_000)), leftOn };
    };

    const plans = planTeams(ctx);
    const demoBy = (service: TeamService) => DEMO_ACCOUNTS.filter((a) => a.service === service);
    const teamRows: { id: string; name: string; service: string; manager_id: null }[] = [];
    for (const plan of plans) {
      const team: SynthTeam = { id: rng.uuid(), name: plan.name, service: plan.service, managerId: null };
      council.addTeam(team);
      teamRows.push({ id: team.id, name: team.name, service: team.service, manager_id: null });
      const firstOfService = council.teamsFor(plan.service).length === 1;
      const demos = firstOfService ? demoBy(plan.service) : [];
      const base = { teamId: team.id, service: plan.service, agency: null } as const;

      const demoManager = demos.find((d) => d.manages);
      if (demoManager) {
        team.managerId = addUser({ ...base, ...demoOf(demoManager), active: true, startedOn: goLiveDay - 900, leftOn: null }).id;
      } else if (plan.manager) {
        team.managerId = addUser({ ...base, ...person(), role: 'team_manager', active: true, startedOn: activeStart(), leftOn: null }).id;
      }
      const demoStaff = demos.filter((d) => !d.manages);
      for (const demo of demoStaff) {
        // Demo accounts have been in post since before the history began, so they have history too.
        addUser({ ...base, ...demoOf(demo), active: true, startedOn: goLiveDay - 400, leftOn: null });
      }
      for (let i = demoStaff.length; i < plan.staff; i++) {
        addUser({ ...base, ...person(), role: plan.staffRole, active: true, startedOn: activeStart(), leftOn: null });
      }
      for (let i = 0; i < plan.leavers; i++) {
        addUser({ ...base, ...person(), role: plan.staffRole, active: false, ...leaverDates() });
      }
      if (!team.managerId) team.managerId = council.staffOf(plan.service, team.id)[0]?.id ?? null;
    }

    // Senior leaders and partner agency users belong to no team.
    for (const demo of DEMO_ACCOUNTS.filter((a) => a.service === null)) {
      addUser({ ...demoOf(demo), teamId: null, service: null, agency: demo.agency ?? null, active: true, startedOn: goLiveDay - 900, leftOn: null });
    }
    const leaders = ctx.profile.childPopulation >= 100_000 ? 3 : 1;
    for (let i = 0; i < leaders; i++) {
      addUser({ ...person(), role: 'senior_leader', teamId: null, service: null, agency: null, active: true, startedOn: activeStart(), leftOn: null });
    }
    const partnerAgencies = ['police', 'health', 'education'] as const;
    const partnersEach = ctx.profile.childPopulation >= 100_000 ? 2 : 1;
    for (const agency of partnerAgencies) {
      for (let i = agency === 'police' ? 1 : 0; i < partnersEach; i++) {
        addUser({ ...person(), role: 'partner_agency', teamId: null, service: null, agency, active: true, startedOn: activeStart(), leftOn: null });
      }
    }
    // History from the previous system arrives through this account; nobody signs in with it.
    council.migrationUserId = addUser({
      username: 'system.migration',
      displayName: 'Data migration from the previous system',
      role: 'administrator',
      teamId: null,
      service: null,
      agency: null,
      active: false,
      startedOn: goLiveDay,
      leftOn: goLiveDay + 1,
    }).id;

    await ctx.insert('team', teamRows);
    await ctx.insert('app_user', userRows);
    for (const team of council.teams) {
      if (team.managerId) await ctx.db.updateTable('team').set({ manager_id: team.managerId }).where('id', '=', team.id).execute();
    }

    council.demoUsers.push(...DEMO_ACCOUNTS.map(({ username, displayName, role, title }) => ({ username, displayName, role, ...(title ? { title } : {}) })));
    await ctx.insert('council_setting', [
      { key: 'synth.demoUsers', value: JSON.stringify(council.demoUsers) },
      {
        key: 'synth.council',
        value: JSON.stringify({ ...ctx.profile, seed: ctx.options.seed, today: ctx.today, openTargets: ctx.targets }),
      },
    ]);
    const active = council.workers.filter((w) => w.active).length;
    ctx.log(`${council.teams.length} teams, ${active} active staff and ${council.workers.length - active} who have left`);
  },
};

function demoOf(demo: DemoAccount): { username: string; displayName: string; role: Role } {
  return { username: demo.username, displayName: demo.displayName, role: demo.role };
}
