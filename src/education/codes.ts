// Education's code lists: why a child moved school (ED-09: moves forced by a placement move are
// counted), and the kinds of exclusion (ED-07).
export const MOVE_REASONS = [
  { code: 'placement_move', label: 'Their care placement or home moved' },
  { code: 'transition', label: 'Usual move to the next phase (for example primary to secondary)' },
  { code: 'permanent_exclusion', label: 'Permanently excluded from the last school' },
  { code: 'managed_move', label: 'Managed move agreed between schools' },
  { code: 'needs', label: 'To meet their needs (for example a special school named in an EHC plan)' },
  { code: 'family_choice', label: 'Chosen by the child, parents or carers' },
  { code: 'other', label: 'Another reason' },
] as const;
export type MoveReason = (typeof MOVE_REASONS)[number]['code'];
export const MOVE_REASON_CODES = MOVE_REASONS.map((r) => r.code) as [MoveReason, ...MoveReason[]];
export const moveReasonLabel = (code: string) => MOVE_REASONS.find((r) => r.code === code)?.label ?? code;

export const EXCLUSION_KINDS = [
  { code: 'suspension', label: 'Suspension', hint: 'For a number of school days (formerly a fixed-period exclusion)' },
  { code: 'permanent', label: 'Permanent exclusion' },
] as const;
export const EXCLUSION_KIND_CODES = ['suspension', 'permanent'] as const;

/** No more than 45 school days of suspension in a school year (Education Act 2002 s.51A; School Discipline (Pupil Exclusions and Reviews) (England) Regulations 2012). */
export const SUSPENSION_DAYS_A_YEAR = 45;

/** Persistent absence: missing 10% or more of possible sessions (DfE pupil absence statistics). */
export const PERSISTENT_ABSENCE_BELOW = 90;
