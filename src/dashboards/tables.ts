// Table types for the dashboards' kept monthly figures (migration 0039, decision 0035).
import type { IsoDate } from '../db/schema.ts';

export interface DashboardMonthTable {
  /** The first day of a closed month. */
  month: IsoDate;
  /** When its facts were read (Lantern's clock, less a margin): a change after this makes it stale. */
  computed_at: Date;
  /** Settings, school terms, teams, timescale rules and catalogue the figures were counted with. */
  fingerprint: string;
}

export interface DashboardFigureTable {
  month: IsoDate;
  measure_id: string;
  /** 'council', a team's id, or 'unallocated'. */
  scope: string;
  numerator: number;
  denominator: number | null;
  known_numerator: number;
  known_denominator: number | null;
}

export interface DashboardTables {
  dashboard_month: DashboardMonthTable;
  dashboard_figure: DashboardFigureTable;
}
