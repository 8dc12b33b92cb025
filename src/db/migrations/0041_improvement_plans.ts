// Improvement plans linked to live measures (issue 9, seed §1.20, decision 0037): a plan (after an
// inspection, say), its actions (owner, date), and the measures each action should move, with the
// target, the direction and the measure's value when it was linked (kept, with the day and the period
// it was counted over), so the plan shows the value then beside the value now from the engine.
import type { Kysely } from 'kysely';
import { RECORD_COLUMNS, runStatements } from './sql.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `CREATE TABLE improvement_plan (
      id uuid PRIMARY KEY,
      title text NOT NULL CHECK (length(trim(title)) > 0),
      source text NOT NULL CHECK (length(trim(source)) > 0),
      owner_id uuid NOT NULL REFERENCES app_user(id),
      ${RECORD_COLUMNS}
    )`,
    `CREATE TABLE improvement_action (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES improvement_plan(id),
      action text NOT NULL CHECK (length(trim(action)) > 0),
      owner_id uuid NOT NULL REFERENCES app_user(id),
      due_on date NOT NULL,
      ${RECORD_COLUMNS}
    )`,
    `CREATE INDEX improvement_action_plan ON improvement_action (plan_id, due_on) WHERE deleted_at IS NULL`,
    `CREATE TABLE improvement_action_measure (
      id uuid PRIMARY KEY,
      action_id uuid NOT NULL REFERENCES improvement_action(id),
      measure_id text NOT NULL,
      target numeric NOT NULL,
      direction text NOT NULL CHECK (direction IN ('higher', 'lower')),
      baseline_on date NOT NULL,
      baseline_from date NOT NULL,
      baseline_value numeric,
      baseline_numerator integer NOT NULL,
      baseline_denominator integer,
      ${RECORD_COLUMNS},
      CHECK (baseline_from <= baseline_on)
    )`,
    `CREATE INDEX improvement_action_measure_action ON improvement_action_measure (action_id) WHERE deleted_at IS NULL`,
    `CREATE UNIQUE INDEX improvement_action_measure_one ON improvement_action_measure (action_id, measure_id) WHERE deleted_at IS NULL`,
  ]);
}
