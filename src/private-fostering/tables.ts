import type { IsoDate, RecordColumns } from '../db/schema.ts';

/** A notified private fostering arrangement (a child cared for 28 days or more by someone who is not a close relative). */
export interface PrivateFosteringTable extends RecordColumns {
  id: string;
  child_id: string;
  notified_on: IsoDate;
  /** Who told the council: a parent, the carer, a school, a health visitor. */
  notified_by: string;
  /** Already in place (reg 7) or proposed (reg 4). */
  already_in_place: boolean;
  carer_name: string;
  carer_postcode: string | null;
  decided_on: IsoDate | null;
  /** Whether the council confirmed it as private fostering (seed PF-01: most notifications are not). */
  confirmed: boolean | null;
  decision_reason: string | null;
  ended_on: IsoDate | null;
  end_reason: string | null;
}

export interface PrivateFosteringVisitTable extends RecordColumns {
  id: string;
  arrangement_id: string;
  child_id: string;
  visited_on: IsoDate;
  worker_id: string;
  seen_alone: 'yes' | 'no' | 'not_applicable';
  /** The child spoken to and their views recorded (seed PF-02). */
  child_views: string;
}

export interface PrivateFosteringTables {
  private_fostering: PrivateFosteringTable;
  private_fostering_visit: PrivateFosteringVisitTable;
}
