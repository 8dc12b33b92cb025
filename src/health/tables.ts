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
  /** development: a development check of a child under 5 (OC2 HEALTH_CHECK); substance_misuse: a substance misuse problem identified (OC2 SUBSTANCE_MISUSE). */
  kind: 'dental' | 'immunisations' | 'sdq' | 'development' | 'substance_misuse';
  checked_on: IsoDate;
  /** Immunisations: up to date on that day. */
  up_to_date: boolean | null;
  /** SDQ: the total difficulties score (0-40), or the reason there is none (SSDA903 OC2 SDQ_REASON). */
  sdq_score: number | null;
  sdq_reason: string | null;
  note: string | null;
  /** Substance misuse: whether an intervention was received, offered and not received, or not offered (OC2 INTERVENTION_RECEIVED, INTERVENTION_OFFERED). */
  intervention: 'received' | 'offered' | 'not_offered' | null;
}

export interface HealthTables {
  health_assessment: HealthAssessmentTable;
  health_check: HealthCheckTable;
}
