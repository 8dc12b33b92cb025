import type { Generated } from 'kysely';
import type { IsoDate, RecordColumns } from '../db/schema.ts';
import type { TermName } from '../calendar/school-terms.ts';

/** The school a child is on the roll of. A move is a new enrolment, with why the child moved (ED-09). */
export interface SchoolEnrolmentTable extends RecordColumns {
  id: string;
  child_id: string;
  school_name: string;
  /** The school's unique reference number (6 digits), where known. */
  urn: string | null;
  started_on: IsoDate;
  ended_on: IsoDate | null;
  /** Why the child moved to this school (none for the first school Lantern knows). */
  move_reason: string | null;
}

/** One term's attendance, in sessions (half-days) as schools count them (ED-06). */
export interface SchoolAttendanceTable extends RecordColumns {
  id: string;
  child_id: string;
  /** The year the school year starts in: 2025 for 2025/26. */
  school_year: number;
  term: TermName;
  term_ends_on: IsoDate;
  sessions_possible: number;
  sessions_attended: number;
}

/** A suspension (days) or a permanent exclusion (ED-07). */
export interface SchoolExclusionTable extends RecordColumns {
  id: string;
  child_id: string;
  kind: 'suspension' | 'permanent';
  starts_on: IsoDate;
  /** Suspensions only: school days, in halves. numeric comes back as text. */
  days: string | number | null;
  school_name: string;
  reason: string | null;
}

/** A personal education plan meeting of a child in care (ED-01): the first in a period of care is the initial PEP. */
export interface PepTable extends RecordColumns {
  id: string;
  child_id: string;
  period_id: string;
  kind: 'initial' | 'review';
  held_on: IsoDate;
  /** Who took part: the designated teacher, the social worker, the carer, the virtual school … */
  attended_by: string;
  child_views: string | null;
  summary: string;
}

/** A PEP target: what, who, by when, and whether it was met (ED-01: SMART targets). */
export interface PepTargetTable extends RecordColumns {
  id: string;
  pep_id: string;
  child_id: string;
  what: string;
  who: string;
  by_when: IsoDate;
  met: boolean | null;
  reviewed_on: IsoDate | null;
}

/** The council's own dates for a term (decision 0013); the default pattern covers the rest. */
export interface SchoolTermTable {
  school_year: number;
  term: TermName;
  starts_on: IsoDate;
  ends_on: IsoDate;
  half_term_starts_on: IsoDate | null;
  half_term_ends_on: IsoDate | null;
  updated_at: Generated<Date>;
  updated_by: string;
}

export interface EducationTables {
  school_enrolment: SchoolEnrolmentTable;
  school_attendance: SchoolAttendanceTable;
  school_exclusion: SchoolExclusionTable;
  pep: PepTable;
  pep_target: PepTargetTable;
  school_term: SchoolTermTable;
}
