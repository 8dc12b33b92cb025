import type { IsoDate, RecordColumns } from '../db/schema.ts';

export interface HealthAssessmentTable extends RecordColumns {
  id: string;
  child_id: string;
  period_id: string;
  /** The first in a period of care is the initial assessment; Lantern works it out. */
  kind: 'initial' | 'review';
  assessed_on: IsoDate;
  /** The doctor or nurse, and their service. */
  assessed_by: string;
  summary: string;
}

export interface HealthCheckTable extends RecordColumns {
  id: string;
  child_id: string;
  kind: 'dental' | 'immunisations' | 'sdq';
  checked_on: IsoDate;
  /** Immunisations: up to date on that day. */
  up_to_date: boolean | null;
  /** SDQ: the total difficulties score (0-40), or the reason there is none (SSDA903 OC2 SDQ_REASON). */
  sdq_score: number | null;
  sdq_reason: string | null;
  note: string | null;
}

export interface HealthTables {
  health_assessment: HealthAssessmentTable;
  health_check: HealthCheckTable;
}
