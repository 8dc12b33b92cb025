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
}

export interface ImprovementPlanTables {
  improvement_plan: ImprovementPlanTable;
  improvement_action: ImprovementActionTable;
  improvement_action_measure: ImprovementActionMeasureTable;
}
