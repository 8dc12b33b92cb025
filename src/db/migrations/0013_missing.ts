// Children who go missing, whether in care or living at home: each episode (SSDA903 Missing: MISSING
// M or A, MIS_START, MIS_END, kept as the exact times), the placement a child in care went missing
// from, and the return interviews offered after each return with what the child said, coded for
// analysis. Seed requirements §1.8g (MI-01..MI-06, MI-10, MI-20); timescales.md §1.3 (MI1).
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE missing_episode (
      id uuid PRIMARY KEY,
      child_id uuid NOT NULL REFERENCES person(id),
      went_missing_at timestamptz NOT NULL,
      returned_at timestamptz,
      kind text NOT NULL CHECK (kind IN ('M', 'A')),
      reported_to_police_at timestamptz,
      where_found text,
      placement_id uuid REFERENCES placement(id),
      ${RECORD_COLUMNS},
      CHECK (returned_at IS NULL OR returned_at > went_missing_at),
      CHECK (reported_to_police_at IS NULL OR reported_to_police_at >= went_missing_at),
      CHECK (where_found IS NULL OR returned_at IS NOT NULL)
    )`,
    `CREATE INDEX missing_episode_child ON missing_episode (child_id, went_missing_at) WHERE deleted_at IS NULL`,
    // The managers' list: every episode that started in a window, and every child missing now.
    `CREATE INDEX missing_episode_started ON missing_episode (went_missing_at) WHERE deleted_at IS NULL`,
    `CREATE INDEX missing_episode_open ON missing_episode (went_missing_at) WHERE returned_at IS NULL AND deleted_at IS NULL`,
    // A return interview offered after an episode: done, declined, or the child could not be reached
    // (an attempt; another may follow). What the child said is kept as they said it, and coded.
    `CREATE TABLE return_interview (
      id uuid PRIMARY KEY,
      episode_id uuid NOT NULL REFERENCES missing_episode(id),
      child_id uuid NOT NULL REFERENCES person(id),
      outcome text NOT NULL CHECK (outcome IN ('done', 'declined', 'not_reached')),
      offered_at timestamptz NOT NULL,
      done_at timestamptz,
      interviewer text,
      interviewer_independent boolean,
      others_present text,
      triggers text,
      where_they_were text,
      who_with text,
      push_pull_factors jsonb NOT NULL DEFAULT '[]',
      exploitation_risk text CHECK (exploitation_risk IN ('none', 'sexual', 'criminal', 'both')),
      ${RECORD_COLUMNS},
      CHECK ((outcome = 'done') = (done_at IS NOT NULL)),
      CHECK (outcome <> 'done' OR (interviewer IS NOT NULL AND interviewer_independent IS NOT NULL AND exploitation_risk IS NOT NULL)),
      CHECK (done_at IS NULL OR done_at >= offered_at)
    )`,
    `CREATE INDEX return_interview_episode ON return_interview (episode_id) WHERE deleted_at IS NULL`,
    `CREATE INDEX return_interview_child ON return_interview (child_id) WHERE deleted_at IS NULL`,
  ]);
}
