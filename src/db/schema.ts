// Table types for Kysely. A service area declares its own tables in its folder and adds them here.
import type { ColumnType, Generated } from 'kysely';
import type { EpisodeTables } from '../episodes/tables.ts';
import type { PlanTables } from '../plans/tables.ts';
import type { AssessmentTables } from '../assessment/tables.ts';
import type { ProtectionTables } from '../protection/tables.ts';
import type { ChildInNeedTables } from '../child-in-need/tables.ts';
import type { VisitTables } from '../visits/tables.ts';
import type { ProceedingsTables } from '../proceedings/tables.ts';
import type { FrontDoorTables } from '../front-door/tables.ts';
import type { EarlyHelpTables } from '../early-help/tables.ts';
import type { LookedAfterTables } from '../looked-after/tables.ts';
import type { CareLeaverTables } from '../care-leavers/tables.ts';
import type { IroTables } from '../iro/tables.ts';
import type { HealthTables } from '../health/tables.ts';
import type { OffendingTables } from '../offending/tables.ts';
import type { PrivateFosteringTables } from '../private-fostering/tables.ts';
import type { MissingTables } from '../missing/tables.ts';
import type { KinshipTables } from '../kinship/tables.ts';
import type { EducationTables } from '../education/tables.ts';
import type { PermanenceTables } from '../permanence/tables.ts';
import type { AdoptionTables } from '../adoption/tables.ts';
import type { FosteringTables } from '../fostering/tables.ts';
import type { ExploitationTables } from '../exploitation/tables.ts';
import type { WorkforceTables } from '../workforce/tables.ts';
import type { SupervisionTables } from '../supervision/tables.ts';
import type { CaseActionTables } from '../actions/tables.ts';
import type { OversightTables } from '../oversight/tables.ts';
import type { CaseAuditTables } from '../case-audits/tables.ts';
import type { ImportTables } from '../returns/import/tables.ts';
import type { PracticeStandardTables } from '../practice-standards/tables.ts';
import type { ProviderTables } from '../providers/tables.ts';
import type { ImprovementPlanTables } from '../improvement-plans/tables.ts';
import type { CscApiTables } from '../returns/csc-api/tables.ts';
import type { DashboardTables } from '../dashboards/tables.ts';

/** 'YYYY-MM-DD': dates are kept as text so that no time zone can move them. */
export type IsoDate = string;
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T> = ColumnType<T, string | T, string | T>;

/** Columns every recorded fact carries (see migrations/sql.ts RECORD_COLUMNS). */
export interface RecordColumns {
  recorded_at: Generated<Date>;
  recorded_by: string;
  updated_at: Date | null;
  updated_by: string | null;
  version: Generated<number>;
  deleted_at: Date | null;
  deleted_by: string | null;
  deleted_reason: string | null;
}

export interface TeamTable {
  id: string;
  name: string;
  service: string;
  manager_id: string | null;
}

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  team_id: string | null;
  agency: string | null;
  password_hash: string;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UserSessionTable {
  id: string;
  user_id: string | null;
  data: Json<Record<string, unknown>>;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
}

export interface CouncilSettingTable {
  key: string;
  value: Json<unknown>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface PersonTable extends RecordColumns {
  id: string;
  kind: 'child' | 'unborn' | 'adult';
  first_name: string;
  last_name: string;
  other_names: string | null;
  date_of_birth: IsoDate | null;
  expected_date_of_birth: IsoDate | null;
  date_of_death: IsoDate | null;
  sex: string | null;
  ethnicity: string | null;
  la_child_id: string | null;
  nhs_number: string | null;
  upn: string | null;
  former_upn: string | null;
  immigration_status: string | null;
  unaccompanied_asylum_seeker: Generated<boolean>;
  /** SSDA903 DUC: the day UASC status ceased (decision 0041). */
  uasc_ceased_on: IsoDate | null;
  first_language: string | null;
  religion: string | null;
  restricted: Generated<boolean>;
  merged_into: string | null;
}

export interface PersonDisabilityTable extends RecordColumns {
  id: string;
  person_id: string;
  code: string;
}

export interface RelationshipTable extends RecordColumns {
  id: string;
  person_id: string;
  related_person_id: string;
  kind: string;
  parental_responsibility: Generated<boolean>;
  lives_with: Generated<boolean>;
  started_on: IsoDate | null;
  ended_on: IsoDate | null;
}

export interface AddressTable extends RecordColumns {
  id: string;
  person_id: string;
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string;
  from_date: IsoDate;
  to_date: IsoDate | null;
}

export interface PersonLinkTable {
  id: string;
  person_id: string;
  other_person_id: string;
  decision: 'merged' | 'not_the_same';
  reason: string;
  decided_by: string;
  decided_at: Generated<Date>;
}

export interface AllocationTable extends RecordColumns {
  id: string;
  child_id: string;
  worker_id: string;
  role: string;
  from_date: IsoDate;
  to_date: IsoDate | null;
  /** Why the social worker changed, on the allocation that starts with the change (SSDA903 SW_REASON). */
  change_reason: string | null;
}

export interface AccessGrantTable {
  id: string;
  child_id: string;
  user_id: string;
  reason: string;
  granted_by: string;
  granted_at: Generated<Date>;
  revoked_at: Date | null;
}

export interface ChronologyEntryTable extends RecordColumns {
  id: string;
  child_id: string;
  occurred_on: IsoDate;
  kind: string;
  source: string;
  title: string;
  detail: string | null;
  significance: string;
}

export interface ChildEventTable {
  id: string;
  child_id: string;
  type: string;
  occurred_on: IsoDate;
  source_table: string;
  source_id: string;
  scope_id: string | null;
  title: string;
  detail: string | null;
  category: string;
  significance: Generated<string>;
  recorded_at: Generated<Date>;
  recorded_by: string;
  deleted_at: Date | null;
}

export interface ClockTable {
  id: string;
  child_id: string;
  rule_id: string;
  scope_id: string | null;
  start_event_id: string;
  started_on: IsoDate;
  due_on: IsoDate;
  met_on: IsoDate | null;
  met_event_id: string | null;
  stopped_on: IsoDate | null;
}

export interface RecordVersionTable {
  id: Generated<number>;
  table_name: string;
  record_id: string;
  version: number;
  data: Json<Record<string, unknown>>;
  change: 'update' | 'delete' | 'merge';
  changed_at: Generated<Date>;
  changed_by: string;
  /** Why it was corrected or deleted. */
  reason: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  user_id: string | null;
  username: string | null;
  action: string;
  child_id: string | null;
  object_type: string | null;
  object_id: string | null;
  detail: Json<Record<string, unknown>>;
  ip: string | null;
}

export interface IdempotencyKeyTable {
  key: string;
  user_id: string;
  result: string;
  created_at: Generated<Date>;
}

export interface FoundationTables {
  team: TeamTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  council_setting: CouncilSettingTable;
  person: PersonTable;
  person_disability: PersonDisabilityTable;
  relationship: RelationshipTable;
  address: AddressTable;
  person_link: PersonLinkTable;
  allocation: AllocationTable;
  access_grant: AccessGrantTable;
  chronology_entry: ChronologyEntryTable;
  child_event: ChildEventTable;
  clock: ClockTable;
  record_version: RecordVersionTable;
  audit_log: AuditLogTable;
  idempotency_key: IdempotencyKeyTable;
}

// Later service areas extend this with their own table interfaces.
export interface Database extends
  FoundationTables,
  EpisodeTables,
  PlanTables,
  ChildInNeedTables,
  VisitTables,
  ProceedingsTables,
  AssessmentTables,
  ProtectionTables,
  FrontDoorTables,
  EarlyHelpTables,
  LookedAfterTables,
  CareLeaverTables,
  IroTables,
  HealthTables,
  OffendingTables,
  PrivateFosteringTables,
  MissingTables,
  KinshipTables,
  EducationTables,
  PermanenceTables,
  AdoptionTables,
  FosteringTables,
  ExploitationTables,
  WorkforceTables,
  CaseActionTables,
  SupervisionTables,
  OversightTables,
  CaseAuditTables,
  ImportTables,
  PracticeStandardTables,
  ProviderTables,
  ImprovementPlanTables,
  CscApiTables,
  DashboardTables {}
