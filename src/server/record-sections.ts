// The parts of a child's record that service areas add: each appears as a linked section on the
// child's record page with a one-line summary (e.g. "Open episode from 3 March 2026").
//
// A section gives its facts as one SQL expression (a scalar subquery on the child's rows, usually a
// json_build_object of the latest row), so the record page asks for every section's facts in a
// single statement, however many areas add one; `describe` turns the facts into the line.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';

export interface RecordSection<F = unknown> {
  id: string;
  title: string;
  /** Where the section's page is, for this child. */
  href: (childId: string) => string;
  /** The section's facts for the child `childId` (a uuid expression): one SQL expression. */
  facts?: (childId: RawBuilder<string>) => RawBuilder<F>;
  /** One line for the record page from the facts (null when there are none), or null for just the link. */
  describe?: (facts: F | null, today: string) => string | null;
  /** Show only where this returns true (default: always). */
  visibleTo?: (user: SignedInUser) => boolean;
  /** Lower comes first. */
  order: number;
}

const sections: RecordSection[] = [];

export function registerRecordSection<F>(section: RecordSection<F>): void {
  if (sections.some((s) => s.id === section.id)) return;
  sections.push(section as RecordSection);
  sections.sort((a, b) => a.order - b.order);
}

/**
 * The sections this user sees: the SQL columns of their facts (to add to the record page's one
 * statement), and how to turn the values of those columns into the sections' lines.
 */
export function recordSectionColumns(user: SignedInUser, childId: string) {
  const visible = sections.filter((s) => !s.visibleTo || s.visibleTo(user));
  const withFacts = visible.filter((s) => s.facts);
  const child = sql<string>`${childId}::uuid`;
  return {
    columns: withFacts.map((s) => s.facts!(child) as RawBuilder<unknown>),
    summarise: (values: readonly unknown[], today: string) =>
      visible.map((s) => {
        const index = withFacts.indexOf(s);
        const value = index >= 0 ? (values[index] ?? null) : null;
        return { id: s.id, title: s.title, href: s.href(childId), summary: s.describe ? s.describe(value, today) : null };
      }),
  };
}

/** The sections with their lines, in a query of their own (the record page folds it into its own). */
export async function recordSectionsFor(db: Db, user: SignedInUser, childId: string, today: string) {
  const { columns, summarise } = recordSectionColumns(user, childId);
  const values = columns.length ? Object.values((await sql<Record<string, unknown>>`SELECT ${sql.join(columns.map((c, i) => sql`${c} AS ${sql.ref(`f${i}`)}`))}`.execute(db)).rows[0] ?? {}) : [];
  return summarise(values, today);
}
