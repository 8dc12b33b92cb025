import type { IsoDate, RecordColumns } from '../db/schema.ts';

export type VisitKind = 'cp' | 'cin' | 'looked_after' | 'other';
export type SeenAlone = 'yes' | 'no' | 'not_applicable';

export interface VisitTable extends RecordColumns {
  id: string;
  child_id: string;
  visited_on: IsoDate;
  kind: VisitKind;
  /** The CP or CIN plan the visit is under; null for other visits. */
  plan_id: string | null;
  /** For a statutory visit to a child in care: the placement the child was in that day. */
  placement_id: string | null;
  worker_id: string;
  child_seen: boolean;
  seen_alone: SeenAlone;
  /** What the worker saw and heard, and the child's views. */
  observations: string;
}

export type Significance = 'high' | 'normal' | 'low';

export interface CaseNoteTable extends RecordColumns {
  id: string;
  child_id: string;
  noted_on: IsoDate;
  title: string;
  note: string;
  significance: Significance;
}

export interface VisitTables {
  visit: VisitTable;
  case_note: CaseNoteTable;
}
