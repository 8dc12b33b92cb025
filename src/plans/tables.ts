import type { Generated } from 'kysely';
import type { IsoDate, Json, RecordColumns } from '../db/schema.ts';

export type PlanKind = 'early_help' | 'cin' | 'cp' | 'care' | 'pathway';

export interface PlanTable extends RecordColumns {
  id: string;
  child_id: string;
  kind: PlanKind;
  episode_id: string | null;
  started_on: IsoDate;
  ended_on: IsoDate | null;
  end_reason: string | null;
  /** Why, in the worker's words (e.g. the evidence that change has lasted). */
  end_detail: string | null;
  category_of_abuse: string | null;
}

/** What should be better for the child. */
export interface PlanOutcomeTable extends RecordColumns {
  id: string;
  plan_id: string;
  child_id: string;
  description: string;
  /** How we will know it is better. */
  measure: string | null;
  position: number;
}

export type ActionStatus = 'not_started' | 'in_progress' | 'done' | 'no_longer_needed';

/** Who does what by when. */
export interface PlanActionTable extends RecordColumns {
  id: string;
  plan_id: string;
  child_id: string;
  outcome_id: string | null;
  description: string;
  /** A named person, role or agency. */
  owner: string;
  /** Set when the owner is a Lantern user, so that the action appears in their work. */
  owner_user_id: string | null;
  due_on: IsoDate;
  status: ActionStatus;
  status_reason: string | null;
  completed_on: IsoDate | null;
}

/** The plan's outcomes and actions as they stood after one change. */
export interface PlanSnapshot {
  outcomes: { id: string; description: string; measure: string | null }[];
  actions: {
    id: string;
    outcomeId: string | null;
    description: string;
    owner: string;
    ownerUserId: string | null;
    dueOn: string;
    status: ActionStatus;
    statusReason: string | null;
    completedOn: string | null;
  }[];
}

/** An IRO's note that they have read a care plan up to a version (CPPCR 2010 reg 45; seed IR-04). */
export interface CarePlanAcknowledgementTable extends RecordColumns {
  id: string;
  child_id: string;
  plan_id: string;
  version_read: number;
  read_on: IsoDate;
  iro_id: string;
  comment: string | null;
}

export interface PlanVersionTable {
  id: string;
  plan_id: string;
  version: number;
  /** What changed, in words: "Action ‘…’ marked done". */
  change: string;
  snapshot: Json<PlanSnapshot>;
  /** The day of the change, from the service's time source (what the plan page shows). */
  changed_on: IsoDate;
  changed_at: Generated<Date>;
  changed_by: string;
}

export interface WrittenAgreementTable extends RecordColumns {
  id: string;
  child_id: string;
  plan_id: string | null;
  made_on: IsoDate;
  /** The parents or carers who made it, named. */
  with_whom: string;
  review_on: IsoDate;
}

export interface WrittenAgreementTermTable extends RecordColumns {
  id: string;
  agreement_id: string;
  position: number;
  action: string;
  consequence: string;
}

export interface PlanTables {
  plan: PlanTable;
  plan_outcome: PlanOutcomeTable;
  plan_action: PlanActionTable;
  plan_version: PlanVersionTable;
  care_plan_acknowledgement: CarePlanAcknowledgementTable;
  written_agreement: WrittenAgreementTable;
  written_agreement_term: WrittenAgreementTermTable;
}
