import type { IsoDate, Json, RecordColumns } from '../db/schema.ts';

export type YesNo = 'yes' | 'no';
export type FatherInvolved = 'yes' | 'no' | 'not-known';

export interface AssessmentTable extends RecordColumns {
  id: string;
  child_id: string;
  episode_id: string;
  started_on: IsoDate;
  completed_on: IsoDate | null;
  /** CIN census AssessmentFactors codes. */
  factors: Json<string[]>;
  outcome: string | null;
  delay_reason: string | null;
  child_seen_on: IsoDate | null;
  child_seen_alone: YesNo | null;
  child_not_seen_reason: string | null;
  child_views: string | null;
  adults_involved: string | null;
  father_involved: FatherInvolved | null;
  father_not_involved_reason: string | null;
  culture_and_identity: string | null;
  use_of_history: string | null;
  analysis: string | null;
  authorised_on: IsoDate | null;
  authorised_by: string | null;
  authorisation_rationale: string | null;
}

export interface AssessmentTables {
  assessment: AssessmentTable;
}
