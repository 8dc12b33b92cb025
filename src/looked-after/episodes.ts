// SSDA903 episodes, derived from what the worker records: the period of care, its placements and
// its legal statuses. A new episode starts whenever the legal status or the placement changes
// (standards.md §2.1), and its reason (RNE) follows from what changed that day, so nobody types an
// episode or its codes twice and the return cannot disagree with the record.
import { labelFor } from '../codes/index.ts';
import { SW_CHANGE_REASON } from '../codes/ssda903.ts';

export interface PeriodFacts {
  started_on: string;
  ended_on: string | null;
  reason_ceased: string | null;
  category_of_need: string;
  home_postcode: string | null;
}

export interface PlacementFacts {
  id: string;
  started_on: string;
  ended_on: string | null;
  placement_type: string;
  provider: string | null;
  postcode: string | null;
  urn: string | null;
  same_carers: boolean;
  change_reason: string | null;
}

export interface LegalStatusFacts {
  started_on: string;
  ended_on: string | null;
  legal_status: string;
}

/** One row of the SSDA903 Episodes table (column names in comments). */
export interface Episode {
  startedOn: string; // DECOM
  reasonNewEpisode: string; // RNE
  legalStatus: string; // LS
  categoryOfNeed: string; // CIN
  placementType: string; // PLACE
  provider: string | null; // PLACE_PROVIDER
  endedOn: string | null; // DEC
  reasonCeased: string | null; // REC
  reasonPlaceChange: string | null; // REASON_PLACE_CHANGE
  homePostcode: string | null; // HOME_POST
  placementPostcode: string | null; // PL_POST
  urn: string | null; // URN
  placementId: string;
}

const inForce = <T extends { started_on: string; ended_on: string | null }>(rows: readonly T[], on: string): T | undefined =>
  rows.find((r) => r.started_on <= on && (r.ended_on === null || r.ended_on > on));

/** The episodes of one period of care, in order. Placements and statuses are the period's own. */
export function episodesOf(period: PeriodFacts, placements: readonly PlacementFacts[], statuses: readonly LegalStatusFacts[]): Episode[] {
  const starts = new Set<string>([period.started_on]);
  for (const row of [...placements, ...statuses]) if (row.started_on >= period.started_on) starts.add(row.started_on);
  const dates = [...starts].filter((d) => period.ended_on === null || d < period.ended_on || d === period.started_on).sort();
  const episodes: Episode[] = [];
  dates.forEach((date, i) => {
    const placement = inForce(placements, date);
    const status = inForce(statuses, date);
    if (!placement || !status) return; // a gap the service never writes; the return's validation would name it
    const next = dates[i + 1] ?? null;
    const placementChanged = placements.some((p) => p.started_on === date);
    const statusChanged = statuses.some((s) => s.started_on === date);
    const reasonNewEpisode =
      i === 0 ? 'S' : placementChanged && statusChanged ? (placement.same_carers ? 'U' : 'B') : placementChanged ? (placement.same_carers ? 'T' : 'P') : 'L';
    const placementEndsNext = next !== null && placements.some((p) => p.started_on === next);
    episodes.push({
      startedOn: date,
      reasonNewEpisode,
      legalStatus: status.legal_status,
      categoryOfNeed: period.category_of_need,
      placementType: placement.placement_type,
      provider: placement.provider,
      endedOn: next ?? period.ended_on,
      reasonCeased: next ? 'X1' : period.reason_ceased,
      reasonPlaceChange: placementEndsNext ? placement.change_reason : null,
      homePostcode: period.home_postcode,
      placementPostcode: placement.postcode,
      urn: placement.urn,
      placementId: placement.id,
    });
  });
  return episodes;
}

/** Temporary moves (hospital, holidays, up to 7 days) are not changes of placement for stability. */
export const TEMPORARY_PLACEMENT_TYPES: readonly string[] = ['T0', 'T1', 'T2', 'T3', 'T4'];

/**
 * Placement stability over the 12 months to `on` (seed PS-01; Newham 2014 ¶76): how many placements
 * the child had in that time, and how many moves (a placement starting after the period's first).
 * Temporary moves are left out, as the DfE stability measure does.
 */
export function stabilityOver12Months(placements: readonly (PlacementFacts & { period_id: string })[], periodStarts: ReadonlyMap<string, string>, yearAgo: string, on: string) {
  const counted = placements.filter((p) => !TEMPORARY_PLACEMENT_TYPES.includes(p.placement_type));
  const inYear = counted.filter((p) => p.started_on <= on && (p.ended_on === null || p.ended_on > yearAgo));
  const moves = counted.filter((p) => p.started_on > yearAgo && p.started_on <= on && p.started_on !== periodStarts.get(p.period_id));
  return { placements: inYear.length, moves: moves.length };
}

export interface SocialWorkerAllocation {
  worker_name: string;
  from_date: string;
  to_date: string | null;
  /** SW_REASON: why this social worker took over (none for the first). */
  change_reason?: string | null;
}

/**
 * The child's social workers in order (the SSDA903 SWEpisodes table: who held the case, from when
 * to when), and the changes of social worker in the 12 months to `on` (seed VI-06: three or more
 * changes is a figure the seeds report). The first social worker is not a change.
 */
export function socialWorkerEpisodes(allocations: readonly SocialWorkerAllocation[], yearAgo: string, on: string) {
  const ordered = [...allocations].sort((a, b) => (a.from_date < b.from_date ? -1 : a.from_date > b.from_date ? 1 : 0));
  const changes = ordered.slice(1).filter((a) => a.from_date > yearAgo && a.from_date <= on).length;
  const episodes = ordered.map((a) => ({ worker: a.worker_name, from: a.from_date, to: a.to_date, reason: a.change_reason ?? null, reasonLabel: a.change_reason ? (labelFor(SW_CHANGE_REASON, a.change_reason) ?? a.change_reason) : null }));
  return { episodes: episodes.reverse(), changesInYear: changes };
}
