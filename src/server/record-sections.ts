// The parts of a child's record that service areas add: each appears as a linked section on the
// child's record page with a one-line summary (e.g. "Open episode from 3 March 2026").
import type { Db } from '../db/history.ts';
import type { SignedInUser } from '../access/policy.ts';

export interface RecordSection {
  id: string;
  title: string;
  /** Where the section's page is, for this child. */
  href: (childId: string) => string;
  /** One line for the record page, or null to show just the link. */
  summary?: (db: Db, childId: string, today: string) => Promise<string | null>;
  /** Show only where this returns true (default: always). */
  visibleTo?: (user: SignedInUser) => boolean;
  /** Lower comes first. */
  order: number;
}

const sections: RecordSection[] = [];

export function registerRecordSection(section: RecordSection): void {
  if (!sections.some((s) => s.id === section.id)) sections.push(section);
  sections.sort((a, b) => a.order - b.order);
}

/** The sections with their summaries, for the record page. */
export async function recordSectionsFor(db: Db, user: SignedInUser, childId: string, today: string) {
  const visible = sections.filter((s) => !s.visibleTo || s.visibleTo(user));
  return Promise.all(
    visible.map(async (s) => ({ id: s.id, title: s.title, href: s.href(childId), summary: s.summary ? await s.summary(db, childId, today) : null })),
  );
}
