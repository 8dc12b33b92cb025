import type { Json, RecordColumns } from '../db/schema.ts';

/**
 * A time a child went missing or was away without permission, to the time they came back
 * (SSDA903 Missing: MISSING, MIS_START, MIS_END). Times, not dates: the return interview is due
 * within 72 hours of the return (timescales.md MI1).
 */
export interface MissingEpisodeTable extends RecordColumns {
  id: string;
  child_id: string;
  went_missing_at: Date;
  /** Null while the child is still missing. */
  returned_at: Date | null;
  /** SSDA903 MISSING: M missing (whereabouts unknown), A away from placement without authorisation. */
  kind: 'M' | 'A';
  reported_to_police_at: Date | null;
  where_found: string | null;
  /** The placement a child in care went missing from (the one they were in that day), for in or out of area. */
  placement_id: string | null;
}

export type InterviewOutcome = 'done' | 'declined' | 'not_reached';
export type ExploitationRisk = 'none' | 'sexual' | 'criminal' | 'both';

/** A return interview offered after an episode, and what the child said (seed MI-02, MI-03). */
export interface ReturnInterviewTable extends RecordColumns {
  id: string;
  episode_id: string;
  child_id: string;
  /** Done; offered and declined by the child; or offered but the child could not be reached (another try may follow). */
  outcome: InterviewOutcome;
  offered_at: Date;
  done_at: Date | null;
  interviewer: string | null;
  /** Not the child's own social worker or carer (Wandsworth 2017 rec 10: "not sufficiently independent"). */
  interviewer_independent: boolean | null;
  /** Adults present at the interview (Wandsworth 2017 ¶30: "in the presence of significant adults"). */
  others_present: string | null;
  triggers: string | null;
  /** Places the child named, one a line (compared across episodes and across children). */
  where_they_were: string | null;
  /** People the child was with, one a line, as the child named them. */
  who_with: string | null;
  /** Codes from PUSH_PULL_FACTORS (codes.ts). */
  push_pull_factors: Json<string[]>;
  exploitation_risk: ExploitationRisk | null;
}

export interface MissingTables {
  missing_episode: MissingEpisodeTable;
  return_interview: ReturnInterviewTable;
}
