// Table types for improvement plans (migration 0041, decision 0037).
import type { IsoDate, RecordColumns } from '../db/schema.ts';

export interface ImprovementPlanTable extends RecordColumns {
  id: string;
  title: string;
  source: string;
  owner_id: string;
}

export interface ImprovementActionTable extends RecordColumns {
  id: string;
  plan_id: string;
  action: string;
  owner_id: string;
  due_on: IsoDate;
  /** Marked done (migration 0050): the day, who did it, what was done; all three or none. */
  done_on: IsoDate | null;
  done_by: string | null;
  done_note: string | null;
}

export interface ImprovementActionMeasureTable extends RecordColumns {
  id: string;
  action_id: string;
  measure_id: string;
  /** numeric: read as text by the drivers, cast to float8 where read. */
  target: number | string;
  direction: 'higher' | 'lower';
  baseline_on: IsoDate;
  baseline_from: IsoDate;
  baseline_value: number | string | null;
  baseline_numerator: number;
  baseline_denominator: number | null;
  /** The figure over the 12 months to the day the action was done (migration 0050); null while not done. */
  done_from: IsoDate | null;
  done_value: number | string | null;
  done_numerator: number | null;
  done_denominator: number | null;
}

export interface ImprovementPlanTables {
  improvement_plan: ImprovementPlanTable;
  improvement_action: ImprovementActionTable;
  improvement_action_measure: ImprovementActionMeasureTable;
}
