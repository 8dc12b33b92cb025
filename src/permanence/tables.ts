import type { IsoDate, RecordColumns } from '../db/schema.ts';

/** The routes to permanence a plan may take (Annex A list 8's permanence plan, SSDA903 REC outcomes). */
export type PermanenceRoute = 'adoption' | 'special_guardianship' | 'long_term_fostering' | 'return_home' | 'child_arrangements' | 'other';

/** A child's permanence plan in a period of care, with its parallel plan (seed PM-01, PM-05). */
export interface PermanencePlanTable extends RecordColumns {
  id: string;
  child_id: string;
  period_id: string;
  /** When the plan was decided (by the second looked-after review: Care Planning guidance ch.2). */
  decided_on: IsoDate;
  /** The looked-after review that agreed it, where it was one. */
  review_id: string | null;
  plan: PermanenceRoute;
  /** What "other" is, or more about the plan. */
  plan_detail: string | null;
  parallel_plan: PermanenceRoute | null;
  /** A plan ends when it changes (seed AD-06: changes away from adoption) or is achieved by an order. */
  ended_on: IsoDate | null;
  end_reason: 'changed' | 'achieved' | null;
  /** SSDA903 REASON_PLACED_CEASED (RD1-RD4): why a plan of adoption was changed away from adoption. */
  adoption_reversed_reason: string | null;
}

export type PermanenceStepKind = 'family_finding' | 'authority_to_place' | 'order' | 'long_term_fostering_confirmed';

/** One step of the route to permanence, at most once per plan. The match and the move are adoption_match. */
export interface PermanenceStepTable extends RecordColumns {
  id: string;
  plan_id: string;
  child_id: string;
  kind: PermanenceStepKind;
  occurred_on: IsoDate;
  /** Authority to place for adoption: a placement order (ACA 2002 s.21) or the parents' consent (s.19). */
  authority: 'placement_order' | 'consent' | null;
  court: string | null;
  case_number: string | null;
  order_kind: 'adoption' | 'special_guardianship' | 'child_arrangements' | null;
  note: string | null;
}

/** Brothers and sisters to be placed for adoption together, or the decision to place them apart (seed PS-05). */
export interface SiblingGroupTable extends RecordColumns {
  id: string;
  /** From when: the day of the decision. */
  decided_on: IsoDate;
  decision: 'together' | 'apart';
  /** Why: the sibling assessment's conclusion. */
  reason: string;
}

/** A child of a sibling group; a child is in one group at a time. */
export interface SiblingGroupMemberTable extends RecordColumns {
  id: string;
  group_id: string;
  child_id: string;
}

export interface PermanenceTables {
  permanence_plan: PermanencePlanTable;
  permanence_step: PermanenceStepTable;
  sibling_group: SiblingGroupTable;
  sibling_group_member: SiblingGroupMemberTable;
}
