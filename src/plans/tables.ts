import type { IsoDate, RecordColumns } from '../db/schema.ts';

export type PlanKind = 'early_help' | 'cin' | 'cp' | 'care' | 'pathway';

export interface PlanTable extends RecordColumns {
  id: string;
  child_id: string;
  kind: PlanKind;
  episode_id: string | null;
  started_on: IsoDate;
  ended_on: IsoDate | null;
  end_reason: string | null;
  category_of_abuse: string | null;
}

export interface PlanTables {
  plan: PlanTable;
}
