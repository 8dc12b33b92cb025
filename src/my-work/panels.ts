// Work panels: other service areas put their own lists on "My work" (the front door's contacts
// awaiting a decision, a manager's authorisations waiting) without this area knowing about them.
//
//   registerWorkPanel({
//     id: 'contacts-awaiting-decision',
//     title: 'Contacts awaiting a decision',
//     roles: ['front_door_worker', 'team_manager'],
//     load: (ctx, user) => contactsAwaitingDecision(ctx.db, user, ctx.time.today()),
//     template: 'front-door/views/panels/awaiting-decision.njk',
//     emptyText: 'No contacts are waiting for a decision.',
//   });
//
// The page gives each panel its heading (an h2) and includes the template with `panel` in scope:
// `panel.rows` are the rows `load` returned. Like every list, `load` filters children with
// childVisibleTo.
import type { SignedInUser } from '../access/policy.ts';
import type { Role } from '../access/roles.ts';
import type { AppContext } from '../server/context.ts';

export interface WorkPanel<Row = unknown> {
  /** Unique. Registering the same id again replaces the panel, so an area may register on every app build. */
  id: string;
  /** The panel's heading. */
  title: string;
  /** Who sees it. */
  roles: readonly Role[];
  /**
   * The panel's rows, or null when the panel is not for this user although their role has it (a
   * manager of a team that is not the front door): decided in the same call, so that what it reads
   * to decide (the user's teams) is read once and not in a round trip of its own first.
   */
  load: (ctx: AppContext, user: SignedInUser) => Promise<readonly Row[] | null>;
  /** Nunjucks template, relative to src/, rendering `panel.rows` (the page supplies the heading). */
  template: string;
  /** Shown when there are no rows. Without it an empty panel is left off the page. */
  emptyText?: string;
}

export interface LoadedPanel<Row = unknown> {
  id: string;
  title: string;
  template: string;
  rows: readonly Row[];
  emptyText: string | null;
  /** The panel's data could not be loaded: the page says so rather than failing as a whole. */
  failed: boolean;
}

const panels = new Map<string, WorkPanel>();

export function registerWorkPanel<Row>(panel: WorkPanel<Row>): void {
  panels.set(panel.id, panel);
}

export function workPanelsFor(role: Role): WorkPanel[] {
  return [...panels.values()].filter((panel) => panel.roles.includes(role));
}

/** Loads the user's panels (kept in registration order), leaving out empty ones that have nothing to say. */
export async function loadWorkPanels(
  ctx: AppContext,
  user: SignedInUser,
  onError: (panelId: string, error: unknown) => void,
): Promise<LoadedPanel[]> {
  // At once: on PostgreSQL each panel takes its own pooled connection, so a manager's dozen panels
  // cost the slowest one rather than their sum; PGlite's single connection queues them (its mutex).
  const loaded = await Promise.all(
    workPanelsFor(user.role).map(async (panel): Promise<LoadedPanel | null> => {
      const base = { id: panel.id, title: panel.title, template: panel.template, emptyText: panel.emptyText ?? null };
      try {
        const rows = await panel.load(ctx, user);
        return rows === null ? null : { ...base, rows, failed: false };
      } catch (error) {
        // One area's fault must not take away a worker's whole list of what is due.
        onError(panel.id, error);
        return { ...base, rows: [], failed: true };
      }
    }),
  );
  return loaded.filter((panel): panel is LoadedPanel => panel !== null && (panel.failed || panel.rows.length > 0 || panel.emptyText !== null));
}
