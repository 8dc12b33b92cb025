import type { IsoDate, RecordColumns } from '../db/schema.ts';

export interface CinMeetingTable extends RecordColumns {
  id: string;
  child_id: string;
  plan_id: string;
  held_on: IsoDate;
  attendees: string;
  plan_reviewed: boolean;
  /** Progress, the difference it is making for the child, next steps (CN-01). */
  summary: string;
}

export interface ChildInNeedTables {
  cin_meeting: CinMeetingTable;
}
