import type { IsoDate, RecordColumns } from '../db/schema.ts';

/** A child living with family or friends, whatever its legal status (CA 1989 s.22I, inserted by the 2026 Act s.5). */
export interface KinshipArrangementTable extends RecordColumns {
  id: string;
  child_id: string;
  /** Informal family and friends care, kinship foster care (looked after, with a connected person), a special guardianship order, a child arrangements order (lives with). */
  kind: 'informal' | 'kinship_foster' | 'sgo' | 'cao';
  /** The day it began: for an order, the day it was made. */
  started_on: IsoDate;
  /** Kinship foster care: the child's placement with the connected person, where there is one. */
  placement_id: string | null;
  /** The kinship local offer sent to the carers (s.22H(4)), and how. */
  offer_sent_on: IsoDate | null;
  offer_sent_how: 'post' | 'email' | 'in_person' | 'phone' | null;
  ended_on: IsoDate | null;
  end_reason: string | null;
  note: string | null;
}

export interface KinshipCarerTable extends RecordColumns {
  id: string;
  arrangement_id: string;
  child_id: string;
  name: string;
  /** To the child: grandmother, aunt, family friend … */
  relationship: string;
}

export interface KinshipTables {
  kinship_arrangement: KinshipArrangementTable;
  kinship_carer: KinshipCarerTable;
}
