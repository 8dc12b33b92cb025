import type { IsoDate, Json, RecordColumns } from '../db/schema.ts';

/** One agency at a meeting, with the names (and roles) of who came from it. */
export interface Attendee {
  agency: string;
  names: string | null;
}

export type StrategyOutcome = 'S47' | 'NO_S47' | 'REVIEW';
export type EnquiryOutcome = 'CONFERENCE' | 'NO_CONFERENCE';
export type ConferenceKind = 'initial' | 'review';
export type ConferenceDecision = 'PLAN' | 'NO_PLAN' | 'CONTINUE' | 'END';

export interface StrategyDiscussionTable extends RecordColumns {
  id: string;
  child_id: string;
  episode_id: string;
  enquiry_id: string | null;
  held_on: IsoDate;
  /** 'HH:MM', when known. */
  held_at: string | null;
  attendees: Json<Attendee[]>;
  reason: string;
  other_views: string | null;
  decisions: string;
  next_steps: string | null;
  /** S47: initiated an enquiry; NO_S47: decided none; REVIEW: a later meeting of an open enquiry. */
  outcome: StrategyOutcome;
}

export interface S47EnquiryTable extends RecordColumns {
  id: string;
  child_id: string;
  episode_id: string;
  initiating_discussion_id: string;
  /** The date of the strategy discussion that initiated it: the ICPC clock runs from here. */
  initiated_on: IsoDate;
  /** CIN census S47ActualStartDate: the DfE measure counts from here. */
  started_on: IsoDate;
  outcome: EnquiryOutcome | null;
  completed_on: IsoDate | null;
  outcome_summary: string | null;
}

export interface ChildProtectionConferenceTable extends RecordColumns {
  id: string;
  child_id: string;
  kind: ConferenceKind;
  enquiry_id: string | null;
  plan_id: string | null;
  held_on: IsoDate;
  chair_id: string;
  attendees: Json<Attendee[]>;
  family_attended: Json<string[]>;
  decision: ConferenceDecision;
  category_of_abuse: string | null;
  end_reason: string | null;
  summary: string | null;
}

export interface CoreGroupMeetingTable extends RecordColumns {
  id: string;
  child_id: string;
  plan_id: string;
  held_on: IsoDate;
  attendees: Json<Attendee[]>;
  family_attended: Json<string[]>;
  risk_reducing: 'yes' | 'no' | 'unclear' | null;
  summary: string;
}

export interface ProtectionTables {
  strategy_discussion: StrategyDiscussionTable;
  s47_enquiry: S47EnquiryTable;
  child_protection_conference: ChildProtectionConferenceTable;
  core_group_meeting: CoreGroupMeetingTable;
}
