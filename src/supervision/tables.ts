// Table types for supervision (migration 0029, decision 0022).
import type { IsoDate, RecordColumns } from '../db/schema.ts';

export type SupervisionKind = 'casework' | 'reflective';
export type ConcernKind = 'capability' | 'conduct';

export interface SupervisionSessionTable extends RecordColumns {
  id: string;
  worker_id: string;
  supervisor_id: string;
  held_on: IsoDate;
  kind: SupervisionKind;
  /** Casework: matters not about one child. Reflective: the developmental discussion. Never on a child's record. */
  notes: string;
}

export interface SupervisionDiscussionTable extends RecordColumns {
  id: string;
  session_id: string;
  child_id: string;
  discussed_on: IsoDate;
  worker_id: string;
  supervisor_id: string;
  /** Progress against the child's plan. */
  progress: string;
  /** Reflection and analysis: what is happening for the child and why. */
  reflection: string;
  decisions: string;
}

export interface SupervisionConcernTable extends RecordColumns {
  id: string;
  worker_id: string;
  raised_on: IsoDate;
  kind: ConcernKind;
  concern: string;
  action_agreed: string;
  told_worker_on: IsoDate | null;
}

export interface SupervisionTables {
  supervision_session: SupervisionSessionTable;
  supervision_discussion: SupervisionDiscussionTable;
  supervision_concern: SupervisionConcernTable;
}
