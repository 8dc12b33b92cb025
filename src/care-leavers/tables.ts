import type { IsoDate, RecordColumns } from '../db/schema.ts';

export interface PathwayPlanReviewTable extends RecordColumns {
  id: string;
  plan_id: string;
  child_id: string;
  reviewed_on: IsoDate;
  /** Co-produced with the young person (seed CL-02). */
  young_person_took_part: boolean;
  /** What happens if the plan does not work out (Southend 2016 ¶99: "contingencies are not"). */
  contingencies: string;
  summary: string;
}

export interface CareLeaverContactTable extends RecordColumns {
  id: string;
  child_id: string;
  contact_on: IsoDate;
  worker_id: string;
  method: string;
  /** Whether the worker reached the young person (an attempt that failed is recorded too). */
  reached: boolean;
  note: string;
}

export interface CareLeaverAccommodationTable extends RecordColumns {
  id: string;
  child_id: string;
  from_on: IsoDate;
  to_on: IsoDate | null;
  /** The SSDA903 OC3 accommodation letter (B, C, D … W for bed and breakfast, Z with former foster carers). */
  kind: string;
  suitable: boolean;
  description: string | null;
  /** Needed for bed and breakfast and for unsuitable accommodation (Wandsworth 2017 rec 6). */
  plan_to_move: string | null;
  move_by: IsoDate | null;
}

export interface CareLeaverBirthdayTable extends RecordColumns {
  id: string;
  child_id: string;
  /** 17 to 21: the birthdays the SSDA903 OC3 table asks about. */
  age: number;
  recorded_on: IsoDate;
  in_touch: string;
  activity: string;
  /** The OC3 code: the accommodation letter and 1 (suitable) or 2 (unsuitable). */
  accommodation: string;
}

export interface CareLeaverSupportTable extends RecordColumns {
  id: string;
  child_id: string;
  kind: string;
  on_date: IsoDate;
  outcome: string | null;
  note: string | null;
}

export interface CareLeaverTables {
  pathway_plan_review: PathwayPlanReviewTable;
  care_leaver_contact: CareLeaverContactTable;
  care_leaver_accommodation: CareLeaverAccommodationTable;
  care_leaver_birthday: CareLeaverBirthdayTable;
  care_leaver_support: CareLeaverSupportTable;
}
