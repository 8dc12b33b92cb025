// Table types for actions that come from oversight, supervision and case audits (decision 0020):
// the plan action's fields, with the record they came from instead of a plan.
import type { IsoDate, RecordColumns } from '../db/schema.ts';
import type { ActionStatusCode } from '../plans/codes.ts';

export type CaseActionSource = 'oversight' | 'supervision' | 'audit';

export interface CaseActionTable extends RecordColumns {
  id: string;
  child_id: string;
  source: CaseActionSource;
  /** The oversight entry, the supervision discussion of this child, or the audit it came from. */
  source_id: string;
  description: string;
  /** A named person, role or agency. */
  owner: string;
  /** Set when the owner is a Lantern user, so that the action appears in their work. */
  owner_user_id: string | null;
  due_on: IsoDate;
  status: ActionStatusCode;
  status_reason: string | null;
  completed_on: IsoDate | null;
}

export interface CaseActionTables {
  case_action: CaseActionTable;
}
