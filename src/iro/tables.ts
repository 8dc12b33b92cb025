import type { IsoDate, RecordColumns } from '../db/schema.ts';

/** A concern the IRO raises about a child's plan or care, tracked to a resolution (seed IR-03). */
export interface IroChallengeTable extends RecordColumns {
  id: string;
  child_id: string;
  raised_on: IsoDate;
  raised_by: string;
  category: string;
  concern: string;
  resolved_on: IsoDate | null;
  resolution: string | null;
}

/** One stage of the dispute resolution protocol: who it was put to, and their answer. */
export interface IroChallengeStageTable extends RecordColumns {
  id: string;
  challenge_id: string;
  child_id: string;
  stage: string;
  raised_on: IsoDate;
  addressed_to: string;
  /** Why it was escalated (empty for the first stage). */
  why: string | null;
  responded_on: IsoDate | null;
  response: string | null;
}

export interface IroTables {
  iro_challenge: IroChallengeTable;
  iro_challenge_stage: IroChallengeStageTable;
}
