import type { IsoDate, RecordColumns } from '../db/schema.ts';

export type HouseholdKind = 'mainstream' | 'connected_person' | 'short_breaks' | 'parent_and_child';
export type HouseholdStatus = 'in_assessment' | 'approved' | 'on_hold' | 'resigned' | 'deregistered' | 'not_approved';

/** A household the council assesses and approves as its own foster carers (one or two carers). */
export interface FosteringHouseholdTable extends RecordColumns {
  id: string;
  first_carer: string;
  second_carer: string | null;
  postcode: string | null;
  kind: HouseholdKind;
  assessment_started_on: IsoDate;
  /** The status now, as the latest row of fostering_household_status says (kept here for the lists). */
  status: HouseholdStatus;
  status_since: IsoDate;
  /** The fostering panel's recommendation (FS(E)R 2011 reg 25-26). */
  panel_on: IsoDate | null;
  panel_recommends: boolean | null;
  /** The agency decision maker's decision (reg 27). */
  decided_on: IsoDate | null;
  decision_maker: string | null;
  approved: boolean | null;
  /** Terms of approval: how many children, and their ages. */
  places: number | null;
  age_from: number | null;
  age_to: number | null;
  /** An exemption from the usual fostering limit (Children Act 1989 Sch 7 para 4): the children it names. */
  limit_exempted_on: IsoDate | null;
  limit_exemption: string | null;
  /** A connected person's temporary approval (CPPCR 2010 reg 24) and its one extension (reg 25). */
  temporary_approved_on: IsoDate | null;
  temporary_extended_on: IsoDate | null;
  temporary_extended_until: IsoDate | null;
  temporary_extended_by: string | null;
  /** Derived from the timescale rules (src/fostering/clocks.ts), kept for the lists. */
  review_due_on: IsoDate | null;
  temporary_expires_on: IsoDate | null;
}

/** The household's status from one day to another: what "approved on that day" is read from. */
export interface FosteringHouseholdStatusTable extends RecordColumns {
  id: string;
  household_id: string;
  status: HouseholdStatus;
  from_on: IsoDate;
  to_on: IsoDate | null;
  reason: string | null;
}

/** A review of the household's approval (FS(E)R 2011 reg 28). */
export interface FosteringReviewTable extends RecordColumns {
  id: string;
  household_id: string;
  reviewed_on: IsoDate;
  /** When the fostering panel considered the review's report (the first review must go to the panel). */
  panel_on: IsoDate | null;
  /** Whether the carers and their household continue to be suitable. */
  suitable: boolean;
  summary: string;
}

/**
 * An enhanced DBS check with the children's barred list (FS(E)R 2011 Schedule 3 para 2) of a carer
 * (1 or 2) or of another adult of the household (named): a renewal is a later check of the same person.
 */
export interface FosteringDbsCheckTable extends RecordColumns {
  id: string;
  household_id: string;
  carer: 1 | 2 | null;
  /** The member of the household checked (decision 0062), when not a carer. */
  member_id: string | null;
  /** The member's name as it was when the check was recorded. */
  member_name: string | null;
  /** The date the certificate was issued (or the Update Service status check was made). */
  checked_on: IsoDate;
  certificate_number: string;
  barred_list: boolean;
  /** Subscribed to the DBS Update Service, so a renewal may be an online status check. */
  update_service: boolean;
  renewal_due_on: IsoDate;
}

/**
 * Someone living in the household other than the carers (decision 0062): their children, an adult son or
 * daughter, a relative, a lodger. Each aged 18 or over owes a DBS check (FS(E)R 2011 Schedule 3 para 2)
 * from the day they move in or turn 18, until they move out.
 */
export interface FosteringHouseholdMemberTable extends RecordColumns {
  id: string;
  household_id: string;
  name: string;
  /** Null only for an adult known from a check recorded before members were (migration 0062). */
  date_of_birth: IsoDate | null;
  relationship: string;
  /** The day they moved in (or were born there). */
  from_on: IsoDate;
  /** The day they moved out. */
  to_on: IsoDate | null;
}

/** The household's supervising social worker from one day to another, as a child's allocation. */
export interface FosteringSupervisingWorkerTable extends RecordColumns {
  id: string;
  household_id: string;
  worker_id: string;
  from_on: IsoDate;
  to_on: IsoDate | null;
}

/** A supervisory visit to the carers; an unannounced one meets the yearly unannounced visit too (NMS 21.8). */
export interface FosteringVisitTable extends RecordColumns {
  id: string;
  household_id: string;
  visited_on: IsoDate;
  unannounced: boolean;
  visited_by: string;
  summary: string;
}

/**
 * Seed FO-04's risk-assessment override (decision 0060): while a person's check is outstanding, the
 * fostering service decided on a risk assessment that the household goes on until a day. It does not meet
 * the renewal; the due list and the household's page show it beside the renewal owed.
 */
export interface FosteringDbsRiskAssessmentTable extends RecordColumns {
  id: string;
  household_id: string;
  /** Whose check is outstanding: 'carer:1', 'carer:2' or 'member:<member id>', as the clock's subject. */
  subject: string;
  decided_on: IsoDate;
  /** Who decided (the manager's name and role, as the agency decision maker is recorded). */
  decided_by: string;
  /** Why: the risk assessment's conclusion and what is done meanwhile (extra visits). */
  reason: string;
  until_on: IsoDate;
}

/** The household's derived clocks (src/fostering/clocks.ts), written after every change, as `clock` is. */
export interface HouseholdClockTable {
  id: string;
  household_id: string;
  rule_id: string;
  /** Whose clock: '' the household's; 'carer:1', 'carer:2' or 'member:<member id>' for a DBS check. */
  subject: string;
  started_on: IsoDate;
  due_on: IsoDate;
  met_on: IsoDate | null;
  stopped_on: IsoDate | null;
}

export interface FosteringTables {
  fostering_household: FosteringHouseholdTable;
  fostering_household_status: FosteringHouseholdStatusTable;
  fostering_review: FosteringReviewTable;
  fostering_dbs_check: FosteringDbsCheckTable;
  fostering_supervising_worker: FosteringSupervisingWorkerTable;
  fostering_visit: FosteringVisitTable;
  household_clock: HouseholdClockTable;
  fostering_dbs_risk_assessment: FosteringDbsRiskAssessmentTable;
  fostering_household_member: FosteringHouseholdMemberTable;
}
