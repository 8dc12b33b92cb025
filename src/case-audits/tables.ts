// Table types for case audits (migration 0031, decision 0024).
import type { IsoDate, Json, RecordColumns } from '../db/schema.ts';
import type { Generated } from 'kysely';
import type { AuditorRole, Grade, SampleKind } from './codes.ts';
import type { ToolDomain } from './default-tools.ts';

export interface AuditToolTable {
  id: string;
  name: string;
  purpose: string;
  domains: Json<ToolDomain[]>;
  built_in: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface AuditSampleTable extends RecordColumns {
  id: string;
  kind: SampleKind;
  tool_id: string;
  team_id: string | null;
  period_from: IsoDate;
  period_to: IsoDate;
  size: number;
  /** The seed of the draw: the same seed over the same record draws the same children. */
  seed: number;
  drawn_on: IsoDate;
  eligible: number;
}

export interface CaseAuditTable extends RecordColumns {
  id: string;
  child_id: string;
  tool_id: string;
  sample_id: string | null;
  reaudit_of: string | null;
  subject_worker_id: string | null;
  team_id: string | null;
  status: 'planned' | 'completed';
  audited_on: IsoDate | null;
  auditor_id: string | null;
  auditor_role: AuditorRole | null;
  overall_grade: Grade | null;
  child_experience: string | null;
  impact: string | null;
}

export interface CaseAuditAnswerTable extends RecordColumns {
  id: string;
  audit_id: string;
  child_id: string;
  domain_key: string;
  domain_title: string;
  question_key: string;
  question: string;
  position: number;
  grade: Grade;
  comment: string | null;
  fact: string | null;
  fact_met: boolean | null;
  fact_says: string | null;
  override_reason: string | null;
}

export interface CaseAuditModerationTable extends RecordColumns {
  id: string;
  audit_id: string;
  child_id: string;
  moderated_on: IsoDate;
  moderator_id: string;
  moderator_role: AuditorRole;
  overall_grade: Grade;
  comment: string;
}

export interface CaseAuditTables {
  audit_tool: AuditToolTable;
  audit_sample: AuditSampleTable;
  case_audit: CaseAuditTable;
  case_audit_answer: CaseAuditAnswerTable;
  case_audit_moderation: CaseAuditModerationTable;
}
