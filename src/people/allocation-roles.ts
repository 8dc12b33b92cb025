// The part a worker plays for a child they are allocated to. A child has at most one current
// allocation of each role (allocating a new social worker ends the previous one).
export const ALLOCATION_ROLES = [
  { code: 'social_worker', label: 'Allocated social worker' },
  { code: 'personal_adviser', label: 'Personal adviser' },
  { code: 'iro', label: 'Independent reviewing officer' },
  { code: 'family_support_worker', label: 'Family support worker' },
] as const;

export type AllocationRole = (typeof ALLOCATION_ROLES)[number]['code'];

export const ALLOCATION_ROLE_CODES = ALLOCATION_ROLES.map((r) => r.code) as [AllocationRole, ...AllocationRole[]];

/** Parts a worker is given by the record itself, never chosen on the allocation form. */
const RECORD_HELD_ROLES = [{ code: 'front_door', label: 'Front door worker deciding on a contact' }] as const;

export const allocationRoleLabel = (code: string) =>
  [...ALLOCATION_ROLES, ...RECORD_HELD_ROLES].find((r) => r.code === code)?.label ?? 'Allocated worker';
