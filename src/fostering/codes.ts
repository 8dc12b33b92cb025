// What the fostering pages choose from and count by: the kinds of approval, the statuses, and where a
// child in care lives, read from the placement's SSDA903 type and provider (standards.md §2.3).
import { sql, type RawBuilder } from 'kysely';
import type { HouseholdKind, HouseholdStatus } from './tables.ts';

export const HOUSEHOLD_KINDS: readonly { code: HouseholdKind; label: string; hint?: string }[] = [
  { code: 'mainstream', label: 'Mainstream fostering' },
  { code: 'connected_person', label: 'Connected person (family, friends, kinship)', hint: 'Approved to foster a child they are connected to (CPPCR 2010 reg 24)' },
  { code: 'short_breaks', label: 'Short breaks' },
  { code: 'parent_and_child', label: 'Parent and child' },
];

export const HOUSEHOLD_STATUSES: readonly { code: HouseholdStatus; label: string }[] = [
  { code: 'in_assessment', label: 'In assessment' },
  { code: 'approved', label: 'Approved' },
  { code: 'on_hold', label: 'On hold' },
  { code: 'resigned', label: 'Resigned' },
  { code: 'deregistered', label: 'Deregistered' },
  { code: 'not_approved', label: 'Not approved' },
];

export const kindLabel = (code: string) => HOUSEHOLD_KINDS.find((k) => k.code === code)?.label ?? code;
export const statusLabel = (code: string) => HOUSEHOLD_STATUSES.find((s) => s.code === code)?.label ?? code;
export const isKind = (v: unknown): v is HouseholdKind => HOUSEHOLD_KINDS.some((k) => k.code === v);
export const isStatus = (v: unknown): v is HouseholdStatus => HOUSEHOLD_STATUSES.some((s) => s.code === v);

/** How a member of the household is related to the carers (decision 0062). */
export const MEMBER_RELATIONSHIPS = [
  { code: 'child', label: 'The carers’ son or daughter', hint: 'Including a stepchild or an adopted child' },
  { code: 'grandchild', label: 'A grandchild' },
  { code: 'parent', label: 'A carer’s parent' },
  { code: 'relative', label: 'Another relative' },
  { code: 'partner', label: 'A partner of a carer who is not a carer' },
  { code: 'lodger', label: 'A lodger or friend' },
  { code: 'other', label: 'Someone else' },
] as const;
/** A member known only from a check recorded before members were (migration 0062). */
const NOT_RECORDED = { code: 'not_recorded', label: 'Not recorded' } as const;
export const relationshipLabel = (code: string) => [...MEMBER_RELATIONSHIPS, NOT_RECORDED].find((r) => r.code === code)?.label ?? code;

/** Statuses a household moves to by a recorded change (approval and its refusal come from the decision). */
export const STATUS_CHANGES = [
  { code: 'on_hold', label: 'On hold', hint: 'Approved, but not taking children for now (the carers’ circumstances, an allegation being looked into)' },
  { code: 'approved', label: 'Approved again (back from on hold)' },
  { code: 'resigned', label: 'Resigned', hint: 'The carers gave notice, or withdrew from the assessment' },
  { code: 'deregistered', label: 'Deregistered', hint: 'The council ended the approval (FS(E)R 2011 reg 28)' },
] as const;
export type StatusChange = (typeof STATUS_CHANGES)[number]['code'];

/** SSDA903 foster placements (PLACE U1-U6); U1-U3 are with a relative or friend. */
export const FOSTER_PLACEMENT_TYPES: readonly string[] = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'];
export const CONNECTED_PERSON_TYPES: readonly string[] = ['U1', 'U2', 'U3'];
/** PLACE_PROVIDER PR1: the council's own provision. */
export const OWN_PROVISION = 'PR1';

/** The usual fostering limit (Children Act 1989 Sch 7 para 2). */
export const USUAL_FOSTERING_LIMIT = 3;

/**
 * Where a child in care lives now, from the placement's type and provider: every open placement falls
 * in exactly one route (the last is the rest), so the routes add up to the children in care.
 */
export const PLACEMENT_ROUTES = [
  { key: 'in-house', label: 'With the council’s own foster carers', hint: 'Foster placements (U1-U6) provided by the council (PR1)' },
  { key: 'ifa', label: 'With independent fostering agencies', hint: 'Foster placements (U1-U6) from private or voluntary providers (PR4, PR5)' },
  { key: 'other-fostering', label: 'With other councils’ or public foster carers', hint: 'Foster placements (U1-U6) from another council or public body (PR2, PR3)' },
  { key: 'residential', label: 'In children’s homes and secure children’s homes', hint: 'K1, K2' },
  { key: 'other-residential', label: 'In other residential settings', hint: 'Residential care homes, NHS settings, family centres, young offender institutions and residential schools (R1, R2, R3, R5, S1)' },
  { key: 'supported', label: 'In supported accommodation', hint: 'K3' },
  { key: 'parents', label: 'Placed with parents', hint: 'P1' },
  { key: 'adoption', label: 'Placed for adoption', hint: 'A3-A6' },
  { key: 'other', label: 'Other placements and temporary moves', hint: 'P3, T0-T4, Z11-Z14 and any other' },
] as const;
export type PlacementRoute = (typeof PLACEMENT_ROUTES)[number]['key'];
export const isRoute = (v: unknown): v is PlacementRoute => PLACEMENT_ROUTES.some((r) => r.key === v);

const list = (codes: readonly string[]) => sql.join(codes.map((c) => sql`${c}`));
const FOSTER = list(FOSTER_PLACEMENT_TYPES);

/** SQL: the route of the placement aliased `p`, as a CASE (one definition for the counts and the lists). */
export function routeOf(p = 'p'): RawBuilder<PlacementRoute> {
  const type = sql.ref(`${p}.placement_type`);
  const provider = sql.ref(`${p}.provider`);
  return sql<PlacementRoute>`CASE
    WHEN ${type} IN (${FOSTER}) AND ${provider} = 'PR1' THEN 'in-house'
    WHEN ${type} IN (${FOSTER}) AND ${provider} IN ('PR4', 'PR5') THEN 'ifa'
    WHEN ${type} IN (${FOSTER}) THEN 'other-fostering'
    WHEN ${type} IN ('K1', 'K2') THEN 'residential'
    WHEN ${type} IN ('R1', 'R2', 'R3', 'R5', 'S1') THEN 'other-residential'
    WHEN ${type} = 'K3' THEN 'supported'
    WHEN ${type} = 'P1' THEN 'parents'
    WHEN ${type} IN ('A3', 'A4', 'A5', 'A6') THEN 'adoption'
    ELSE 'other' END`;
}
