import type { IsoDate, Json, RecordColumns } from '../db/schema.ts';

export interface EarlyHelpEpisodeTable extends RecordColumns {
  id: string;
  child_id: string;
  started_on: IsoDate;
  origin: string;
  contact_id: string | null;
  /** The social care episode this one was stepped down from. */
  stepped_down_from: string | null;
  /** The lead practitioner, when they are a Lantern user. */
  lead_user_id: string | null;
  lead_name: string | null;
  lead_agency: string | null;
  /** The early help plan (plan.kind 'early_help'). */
  plan_id: string | null;
  ended_on: IsoDate | null;
  end_reason: string | null;
  end_notes: string | null;
  /** A team manager's reason for ending before the early help assessment was complete. */
  manager_reason: string | null;
  manager_id: string | null;
}

export interface EarlyHelpAssessmentTable extends RecordColumns {
  id: string;
  episode_id: string;
  child_id: string;
  started_on: IsoDate;
  completed_on: IsoDate | null;
  /** Summary of needs, with risks and their impact on the child. */
  needs: string | null;
  /** The child's and parents' views. */
  views: string | null;
  analysis: string | null;
}

export interface EarlyHelpMeetingTable extends RecordColumns {
  id: string;
  episode_id: string;
  child_id: string;
  held_on: IsoDate;
  agencies: Json<string[]>;
  attendees: string | null;
  summary: string;
}

export interface EarlyHelpHandoverTable extends RecordColumns {
  id: string;
  child_id: string;
  direction: 'STEP_UP' | 'STEP_DOWN';
  early_help_episode_id: string;
  cin_episode_id: string;
  handed_over_on: IsoDate;
  work_done: string | null;
  current_risks: string | null;
  family_views: string | null;
  family_knows: string | null;
  outstanding_actions: string | null;
  meeting_on: IsoDate | null;
  manager_reason: string | null;
}

export interface EarlyHelpTables {
  early_help_episode: EarlyHelpEpisodeTable;
  early_help_assessment: EarlyHelpAssessmentTable;
  early_help_meeting: EarlyHelpMeetingTable;
  early_help_handover: EarlyHelpHandoverTable;
}
