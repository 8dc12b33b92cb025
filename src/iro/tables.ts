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

/**
 * The IRO's contact with the child between reviews: they speak with the child before each review
 * (IRO Handbook 2010 ¶3.19-3.25; Care Planning Regulations 2010 reg 36, 45). Annex A list 8.
 */
export interface IroContactTable extends RecordColumns {
  id: string;
  child_id: string;
  contact_on: IsoDate;
  method: IroContactMethod;
  /** Whether the child was seen alone; only for a contact where the child was seen (null otherwise). */
  seen_alone: boolean | null;
  /** The IRO who had the contact. */
  iro_id: string;
  note: string | null;
}
export type IroContactMethod = 'visit' | 'phone' | 'video' | 'message' | 'review';

export interface IroTables {
  iro_challenge: IroChallengeTable;
  iro_challenge_stage: IroChallengeStageTable;
  iro_contact: IroContactTable;
}
