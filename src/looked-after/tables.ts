import type { Generated } from 'kysely';
import type { IsoDate, RecordColumns } from '../db/schema.ts';

/** From the day a child starts to be looked after to the day they cease (SSDA903: a run of episodes). */
export interface CarePeriodTable extends RecordColumns {
  id: string;
  child_id: string;
  /** The child in need episode the child came into care from. */
  episode_id: string | null;
  started_on: IsoDate;
  ended_on: IsoDate | null;
  /** SSDA903 REC of the last episode (never X1). */
  reason_ceased: string | null;
  /** SSDA903 CIN: category of need, N1-N8. */
  category_of_need: string;
  /** The child's home postcode when they came into care (SSDA903 HOME_POST). */
  home_postcode: string | null;
  /** Who decided the child should be looked after (LA-02: a senior manager or a panel). */
  decided_by: string;
  /** What was tried or considered first: family, friends, a family group conference (LA-02). */
  alternatives_considered: string | null;
  /** SSDA903 PREV_PERM: the permanence the child had before this period (P1-P4, Z1 none). */
  previous_permanence: string | null;
  /** SSDA903 LA_PERM: the council that arranged it (3-digit code, NIR, SCO, WAL, NUK, 999). */
  previous_permanence_la: string | null;
  /** SSDA903 DATE_PERM: the date of that order. */
  previous_permanence_on: IsoDate | null;
}

export interface PlacementTable extends RecordColumns {
  id: string;
  period_id: string;
  child_id: string;
  started_on: IsoDate;
  ended_on: IsoDate | null;
  /** SSDA903 PLACE. */
  placement_type: string;
  /** SSDA903 PLACE_PROVIDER (none for temporary moves and Z11-Z14). */
  provider: string | null;
  /** The carers' or the home's name. */
  carer_name: string;
  /** The provision's Ofsted unique reference number, where it has one (SSDA903 URN). */
  urn: string | null;
  /** SSDA903 PL_POST. */
  postcode: string | null;
  /** Straight-line miles from the home postcode, from the two centroids. */
  distance_miles: number | null;
  /** The council the placement is in (from its postcode). */
  host_council: string | null;
  in_council_area: boolean | null;
  /** The child stays with the same carers (SSDA903 RNE T or U rather than P or B). */
  same_carers: boolean;
  /** Meant to last until the child is 18: visits may then be 3-monthly after the first year (reg 28(2)). */
  intended_until_18: boolean;
  /** Regulation 28's visiting pattern (src/looked-after/visiting.ts). */
  visiting_rule: Generated<string>;
  /** SSDA903 REASON_PLACE_CHANGE: why this placement ended, when another followed it. */
  change_reason: string | null;
  /** The placement plan agreed with the carers (CPPCR reg 9). */
  plan_agreed_on: IsoDate | null;
  /** Those who must be told were told (CPPCR reg 13), and the host council for a placement outside the area. */
  notified_on: IsoDate | null;
  host_council_notified: Generated<boolean>;
  /** The council's own foster carers the child is placed with (src/fostering), for in-house foster placements. */
  fostering_household_id: string | null;
}

export interface LegalStatusTable extends RecordColumns {
  id: string;
  period_id: string;
  child_id: string;
  started_on: IsoDate;
  ended_on: IsoDate | null;
  /** SSDA903 LS. */
  legal_status: string;
}

export interface LookedAfterReviewTable extends RecordColumns {
  id: string;
  period_id: string;
  child_id: string;
  held_on: IsoDate;
  /** The independent reviewing officer who chaired it. */
  chair_id: string;
  /** SSDA903 REVIEW_CODE: how the child took part. */
  participation: string;
  /** The permanence plan agreed (due by the second review). */
  permanence_plan: string | null;
  decisions: string;
}

export interface PostcodeCentroidTable {
  postcode: string;
  latitude: number;
  longitude: number;
  council_code: string;
  council_name: string;
}

/** An order depriving a child in care of their liberty (CA 1989 s.25 as amended by the 2026 Act s.13, or the High Court). */
export interface LibertyOrderTable extends RecordColumns {
  id: string;
  child_id: string;
  period_id: string;
  /** The placement the child was in when it was made. */
  placement_id: string | null;
  kind: 'secure_accommodation' | 'relevant_accommodation' | 'high_court';
  court: string;
  case_number: string | null;
  made_on: IsoDate;
  /** The last day the order authorises. */
  expires_on: IsoDate;
  ended_on: IsoDate | null;
  end_reason: string | null;
}

export interface LibertyReviewTable extends RecordColumns {
  id: string;
  order_id: string;
  child_id: string;
  reviewed_on: IsoDate;
  /** Whether the criteria for keeping the child there are still met (Secure Accommodation Regs 1991 reg 15). */
  criteria_still_met: boolean;
  outcome: string;
}

export interface LookedAfterTables {
  liberty_order: LibertyOrderTable;
  liberty_review: LibertyReviewTable;
  care_period: CarePeriodTable;
  placement: PlacementTable;
  legal_status: LegalStatusTable;
  looked_after_review: LookedAfterReviewTable;
  postcode_centroid: PostcodeCentroidTable;
}
