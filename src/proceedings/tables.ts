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
  /** The letter initiating care proceedings sent to the parents (CIN census 2026-27 LetterInitCPDate). */
  letter_initiating_sent_on: IsoDate | null;
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

export type FgdmResponse = 'accepted' | 'declined' | 'no_response';

/** The offer of a family group decision-making meeting to one person (s.31ZA), and their answer. */
export interface FgdmOfferTable extends RecordColumns {
  id: string;
  child_id: string;
  pre_proceedings_id: string;
  person_id: string;
  relationship: string;
  parental_responsibility: boolean;
  offered_on: IsoDate;
  response: FgdmResponse | null;
  responded_on: IsoDate | null;
}

export interface FgdmAttendee {
  personId: string | null;
  name: string;
  relationship: string;
}

export interface FgdmMeetingTable extends RecordColumns {
  id: string;
  child_id: string;
  pre_proceedings_id: string;
  held_on: IsoDate;
  /** JSON: what the database returns is the parsed list (PostgreSQL) or its text (written). */
  attendees: FgdmAttendee[] | string;
  family_proposal: string;
}

/** The council's decision that offering, or holding, the meeting is not in the child's best interests. */
export interface FgdmExemptionTable extends RecordColumns {
  id: string;
  child_id: string;
  pre_proceedings_id: string;
  covers: 'offer' | 'meeting';
  decided_on: IsoDate;
  decided_by: string;
  reason: string;
}

export interface ProceedingsTables {
  fgdm_offer: FgdmOfferTable;
  fgdm_meeting: FgdmMeetingTable;
  fgdm_exemption: FgdmExemptionTable;
  legal_planning_meeting: LegalPlanningMeetingTable;
  pre_proceedings: PreProceedingsTable;
  pre_proceedings_meeting: PreProceedingsMeetingTable;
  care_proceedings: CareProceedingsTable;
  court_hearing: CourtHearingTable;
  court_order: CourtOrderTable;
}
