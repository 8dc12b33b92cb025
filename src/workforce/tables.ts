// Table types for the workforce: a worker's profile beside their Lantern account.
import type { ColumnType } from 'kysely';
import type { IsoDate, RecordColumns } from '../db/schema.ts';

export type EmploymentCode = 'permanent' | 'agency' | 'fixed_term' | 'seconded';

export interface WorkerProfileTable extends RecordColumns {
  user_id: string;
  /** When they qualified as a social worker; null for staff who are not social workers. */
  qualified_on: IsoDate | null;
  /** When they completed the assessed and supported year in employment (ASYE). */
  asye_completed_on: IsoDate | null;
  employment: EmploymentCode;
  started_on: IsoDate;
  /** Full-time equivalent, 0.01 to 1 (numeric: the driver returns it as text). */
  fte: ColumnType<string, number, number>;
  /** Who supervises them; when null, the manager of their team. A head of service is the line manager of team managers. */
  line_manager_id: string | null;
}

export interface WorkforceTables {
  worker_profile: WorkerProfileTable;
}
