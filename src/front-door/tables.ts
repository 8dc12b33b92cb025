import type { IsoDate, Json, RecordColumns } from '../db/schema.ts';

export interface ContactTable extends RecordColumns {
  id: string;
  /** Null only while a partner's online submission waits to be matched to a child. */
  child_id: string | null;
  received_on: IsoDate;
  /** 'HH:MM', in England. */
  received_time: string;
  /** CIN census ReferralSource code. */
  source: string;
  referrer_name: string | null;
  referrer_role: string | null;
  referrer_agency: string | null;
  referrer_phone: string | null;
  worry: string;
  risk_indicators: Json<string[]>;
  consent: string;
  submitted_online: boolean;
  subject_first_name: string | null;
  subject_last_name: string | null;
  subject_date_of_birth: IsoDate | null;
  subject_address: string | null;
  subject_postcode: string | null;
  matched_on: IsoDate | null;
}

export interface AgencyCheckTable extends RecordColumns {
  id: string;
  contact_id: string;
  agency: string;
  asked_on: IsoDate;
  answered_on: IsoDate | null;
  summary: string | null;
}

export interface ContactDecisionTable extends RecordColumns {
  id: string;
  contact_id: string;
  decided_on: IsoDate;
  decided_time: string;
  outcome: string;
  rationale: string;
  cin_episode_id: string | null;
  early_help_episode_id: string | null;
}

export interface ReferrerFeedbackTable extends RecordColumns {
  id: string;
  contact_id: string;
  informed_on: IsoDate;
  method: string;
  note: string | null;
}

export interface ContactSecondLookTable extends RecordColumns {
  id: string;
  contact_id: string;
  reviewed_on: IsoDate;
  reviewer_id: string;
  conclusion: 'AGREE' | 'CHANGE';
  new_outcome: string | null;
  notes: string;
  cin_episode_id: string | null;
  early_help_episode_id: string | null;
}

export interface FrontDoorTables {
  contact: ContactTable;
  agency_check: AgencyCheckTable;
  contact_decision: ContactDecisionTable;
  referrer_feedback: ReferrerFeedbackTable;
  contact_second_look: ContactSecondLookTable;
}
