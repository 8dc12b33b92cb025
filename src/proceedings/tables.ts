import type { IsoDate, RecordColumns } from '../db/schema.ts';

export type LegalPlanningDecision = 'pre_proceedings' | 'issue_proceedings' | 'neither';
export type PreProceedingsOutcome = 'step_down' | 'issue_proceedings';

export interface LegalPlanningMeetingTable extends RecordColumns {
  id: string;
  child_id: string;
  held_on: IsoDate;
  decision: LegalPlanningDecision;
  reasons: string;
}

/** Pre-proceedings under the Public Law Outline: from the letter before proceedings to its end. */
export interface PreProceedingsTable extends RecordColumns {
  id: string;
  child_id: string;
  legal_planning_meeting_id: string;
  letter_sent_on: IsoDate;
  ended_on: IsoDate | null;
  outcome: PreProceedingsOutcome | null;
  end_reason: string | null;
}

export interface PreProceedingsMeetingTable extends RecordColumns {
  id: string;
  pre_proceedings_id: string;
  child_id: string;
  held_on: IsoDate;
  kind: 'meeting' | 'review';
  outcome: string;
  next_review_on: IsoDate | null;
}

export interface CareProceedingsTable extends RecordColumns {
  id: string;
  child_id: string;
  legal_planning_meeting_id: string | null;
  pre_proceedings_id: string | null;
  issued_on: IsoDate;
  court: string;
  case_number: string;
  application_type: string;
  first_hearing_on: IsoDate | null;
  concluded_on: IsoDate | null;
  conclusion: string | null;
}

export interface CourtHearingTable extends RecordColumns {
  id: string;
  proceedings_id: string;
  child_id: string;
  heard_on: IsoDate;
  hearing_type: string;
  outcome: string;
  next_hearing_on: IsoDate | null;
}

export interface CourtOrderTable extends RecordColumns {
  id: string;
  proceedings_id: string;
  child_id: string;
  made_on: IsoDate;
  order_type: string;
  note: string | null;
}

export interface ProceedingsTables {
  legal_planning_meeting: LegalPlanningMeetingTable;
  pre_proceedings: PreProceedingsTable;
  pre_proceedings_meeting: PreProceedingsMeetingTable;
  care_proceedings: CareProceedingsTable;
  court_hearing: CourtHearingTable;
  court_order: CourtOrderTable;
}
