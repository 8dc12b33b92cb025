// The rows of actions on a form that sets them (management oversight, a supervision discussion):
// `actions.0.description`, `actions.0.owner`, `actions.0.ownerUserId`, `actions.0.dueOn`, then row 1…
// A row left blank is no action; a half-filled one is kept for the schema (NewCaseAction) to check.
// Rows are read top down and the blank ones dropped, so the form asks for action 1 first and an
// error names the row it is in.
import type { Values } from '../server/child-pages.ts';
import type { NewCaseAction } from './schemas.ts';

type ActionField = keyof NewCaseAction;
const ACTION_FIELDS: readonly ActionField[] = ['description', 'owner', 'ownerUserId', 'dueOn'];

/** The date fields of the rows, folded from GOV.UK's three inputs before the schema reads them. */
export const actionDateFields = (rows: number): string[] => Array.from({ length: rows }, (_, i) => `actions.${i}.dueOn`);

/**
 * The rows that were filled in, each field trimmed (what is not text is passed on as posted, for the
 * schema to refuse). `filledBy` says which fields make a row count: by default any of them.
 */
export function actionRowsFrom(values: Values, rows: number, filledBy: readonly ActionField[] = ACTION_FIELDS): Record<ActionField, unknown>[] {
  const read = (i: number, name: ActionField) => {
    const value = values[`actions.${i}.${name}`];
    return typeof value === 'string' ? value.trim() : value;
  };
  return Array.from({ length: rows }, (_, i) => Object.fromEntries(ACTION_FIELDS.map((name) => [name, read(i, name)])) as Record<ActionField, unknown>).filter((row) =>
    filledBy.some((name) => typeof row[name] === 'string' && row[name] !== ''),
  );
}
