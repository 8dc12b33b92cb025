// The roles people hold in a children's services department, and what each may do in general.
// Which children they may do it to is decided in policy.ts.
export const ROLES = {
  social_worker: 'Social worker',
  team_manager: 'Team manager',
  front_door_worker: 'Front door (MASH) worker',
  iro: 'IRO or conference chair',
  personal_adviser: 'Personal adviser',
  performance_analyst: 'Performance analyst',
  senior_leader: 'Senior leader',
  partner_agency: 'Partner agency user',
  administrator: 'Administrator',
} as const;

export type Role = keyof typeof ROLES;

export const isRole = (value: string): value is Role => Object.hasOwn(ROLES, value);

/** Roles that see every child who is not restricted: the front door must check history on anyone,
 *  and leaders and analysts must be able to open the children behind every figure. */
export const SEES_ALL_UNRESTRICTED: readonly Role[] = ['front_door_worker', 'senior_leader', 'performance_analyst'];

/** Roles that read but never change a child's record. */
export const READ_ONLY: readonly Role[] = ['senior_leader', 'performance_analyst'];

/** Roles that carry a caseload and so have "my children". */
export const CASE_HOLDING: readonly Role[] = ['social_worker', 'team_manager', 'iro', 'personal_adviser', 'front_door_worker'];

export type Capability =
  | 'record-casework'
  | 'create-child'
  | 'search-children'
  | 'make-referral'
  | 'decide-threshold'
  | 'authorise'
  | 'search-audit'
  | 'manage-settings'
  | 'grant-access'
  | 'reset-passwords'
  | 'view-performance'
  /** The statutory returns cover every child in the council: only roles that see every child make them. */
  | 'make-returns'
  /** Moving to Lantern: loading another system's returns creates children's records in bulk. */
  | 'import-records';

const CAPABILITIES: Record<Role, readonly Capability[]> = {
  social_worker: ['record-casework', 'create-child', 'search-children'],
  team_manager: ['record-casework', 'create-child', 'search-children', 'decide-threshold', 'authorise', 'view-performance'],
  front_door_worker: ['record-casework', 'create-child', 'search-children'],
  iro: ['record-casework', 'search-children'],
  personal_adviser: ['record-casework', 'search-children'],
  performance_analyst: ['search-children', 'view-performance', 'make-returns'],
  senior_leader: ['search-children', 'view-performance', 'make-returns'],
  partner_agency: ['make-referral'],
  administrator: ['search-audit', 'manage-settings', 'grant-access', 'reset-passwords', 'import-records'],
};

export function can(role: Role, capability: Capability): boolean {
  return CAPABILITIES[role].includes(capability);
}
