// Table types for management oversight and management decisions (decision 0021).
import type { IsoDate, Json, RecordColumns } from '../db/schema.ts';
import type { DecisionKindCode, OversightKindCode } from './codes.ts';

export interface ManagementOversightTable extends RecordColumns {
  id: string;
  child_id: string;
  kind: OversightKindCode;
  overseen_on: IsoDate;
  /** The manager who read the case: the signed-in user who recorded it. */
  manager_id: string;
  /** Codes from RECORD_PARTS: the parts of the record the manager read. */
  parts_read: Json<string[]>;
  what_read: string | null;
  /** The child's experience and the impact of the work (MO-01: not only compliance). */
  analysis: string;
  direction: string;
  /** Whom a challenge or escalation is to: a named person, role or service. */
  addressed_to: string | null;
  addressed_to_user_id: string | null;
  responded_on: IsoDate | null;
  response: string | null;
  resolved_on: IsoDate | null;
}

export interface ManagementDecisionTable extends RecordColumns {
  id: string;
  child_id: string;
  kind: DecisionKindCode;
  decided_on: IsoDate;
  manager_id: string;
  rationale: string;
  /** What it authorises, in the manager's words ("End the child protection plan at the review"). */
  authorises: string;
  work_summary: string | null;
  situation_at_closure: string | null;
  /** The transition's record, once it has taken effect under this decision. */
  acted_on_id: string | null;
}

export interface OversightTables {
  management_oversight: ManagementOversightTable;
  management_decision: ManagementDecisionTable;
}
