import type { IsoDate, RecordColumns } from '../db/schema.ts';

/**
 * A conviction, final warning or reprimand given to a child (SSDA903 OC2 CONVICTED: in the year, for a
 * child looked after for 12 months and aged 10 or over at 31 March). A dated fact, on the day it was given.
 */
export interface OffendingOutcomeTable extends RecordColumns {
  id: string;
  child_id: string;
  kind: 'conviction' | 'final_warning' | 'reprimand';
  given_on: IsoDate;
  note: string | null;
}

export interface OffendingTables {
  offending_outcome: OffendingOutcomeTable;
}
