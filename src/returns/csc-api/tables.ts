// Table types for the DfE CSC API flow (migration 0038).
import type { Generated } from 'kysely';
import type { Json } from '../../db/schema.ts';

export type CscRunKind = 'snapshot' | 'changes';
export type CscRunOutcome = 'sent' | 'nothing-to-send' | 'failed' | 'partly-sent' | 'not-configured' | 'abandoned';
export type CscSendOutcome = 'accepted' | 'rejected' | 'failed';

export interface CscApiRunTable {
  id: string;
  seq: Generated<string>;
  kind: CscRunKind;
  started_at: Date;
  /** The analyst who pressed "Send now"; null for the scheduled command. */
  started_by: string | null;
  finished_at: Date | null;
  outcome: CscRunOutcome | null;
  children: Generated<number>;
  purged: Generated<number>;
  batches: Generated<number>;
  failed_batches: Generated<number>;
  note: string | null;
}

export interface CscApiSendTable {
  /** Sent as the X-Request-Id header, so that DfE and Lantern can name the same request. */
  id: string;
  seq: Generated<string>;
  run_id: string;
  sent_at: Date;
  answered_at: Date;
  /** Lantern's ids of the children in the batch (never their names or LA ids). */
  child_ids: Json<string[]>;
  children: number;
  purged: number;
  attempts: number;
  /** The last answer's HTTP status; null when the last attempt never reached DfE. */
  http_status: number | null;
  outcome: CscSendOutcome;
  receipt: string | null;
  /** The start of the answer, with every value the batch carried removed. */
  answer_excerpt: string | null;
}

export interface CscApiChildStateTable {
  child_id: string;
  la_child_id: string;
  hash: string;
  payload: Json<unknown>;
  accepted_at: Date;
  send_id: string;
}

export interface CscApiTables {
  csc_api_run: CscApiRunTable;
  csc_api_send: CscApiSendTable;
  csc_api_child_state: CscApiChildStateTable;
}
