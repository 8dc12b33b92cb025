// Table types for practice standards (migration 0040, decision 0036).
import type { RecordColumns } from '../db/schema.ts';

export interface PracticeStandardSettingTable extends RecordColumns {
  id: string;
  standard_id: string;
  enabled: boolean;
  days: number | null;
  look_back_months: number;
}

export interface PracticeStandardTables {
  practice_standard_setting: PracticeStandardSettingTable;
}
