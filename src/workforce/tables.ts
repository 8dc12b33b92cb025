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
  /** The day they left the council (leavers in the last 12 months, WF-04); null while in post. */
  left_on: IsoDate | null;
}

export type ApprovalNeed = 'complex_work' | 'protected_caseload' | 'both';

/** A manager's approval, at allocation, of work a newly qualified worker would not otherwise be given (Southend 2016 ¶123). */
export interface AllocationApprovalTable extends RecordColumns {
  id: string;
  allocation_id: string;
  child_id: string;
  approved_by: string;
  approved_on: IsoDate;
  needed_for: ApprovalNeed;
  reason: string;
}

export type TransferStatus = 'requested' | 'accepted' | 'declined';

/** A case moving from one team to another: it stays with the sending team until the receiving manager accepts. */
export interface CaseTransferTable extends RecordColumns {
  id: string;
  child_id: string;
  from_team_id: string;
  to_team_id: string;
  requested_on: IsoDate;
  reason: string;
  status: TransferStatus;
  decided_on: IsoDate | null;
  decided_by: string | null;
  decline_reason: string | null;
  allocation_id: string | null;
}

export interface WorkforceTables {
  worker_profile: WorkerProfileTable;
  allocation_approval: AllocationApprovalTable;
  case_transfer: CaseTransferTable;
}
