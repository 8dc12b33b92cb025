// How the children-in-care measures read the journal: periods of care (care.started to care.ended,
// scoped by the period) and placements (placement.started… to placement.ended, scoped by the
// placement), with what the record says about each placement (its type, distance, area).
import { addMonths } from '../../calendar/index.ts';
import { stabilityOver12Months, TEMPORARY_PLACEMENT_TYPES } from '../../looked-after/episodes.ts';
import { groupByChild, memo, openOn, planSpans, type MeasureFacts, type PlanSpan } from '../counting.ts';
import type { PlacementDetail } from '../facts.ts';
import type { SpanTypes } from './define.ts';

export const CARE = ['care.started', 'care.ended'] as const;
/** Every way a placement starts (the type names its visiting pattern: src/looked-after/visiting.ts). */
export const PLACEMENT_STARTS = ['placement.started', 'placement.started-long-term', 'placement.started-weekly-then-6-weekly', 'placement.started-weekly-then-4-weekly'] as const;
export const PLACEMENT = [...PLACEMENT_STARTS, 'placement.ended'] as const;
/** Placed for adoption (SSDA903 PLACE A3-A6); A3 and A5 with the current foster carers. */
export const ADOPTIVE_PLACEMENTS: readonly string[] = ['A3', 'A4', 'A5', 'A6'];
export const WITH_CURRENT_FOSTER_CARERS: readonly string[] = ['A3', 'A5'];

/** A measure of the children looked after on the day counts only children with a period of care open in the period (decision 0065). */
export const IN_CARE: SpanTypes = { started: ['care.started'], ended: 'care.ended' };

/** Periods of care, each from its start to its end (the journal's care.started and care.ended). */
export const careSpans = (f: MeasureFacts): readonly PlanSpan[] => planSpans(f, ...CARE);
export const careSpansByChild = (f: MeasureFacts) => memo(f, 'care-spans-by-child', () => groupByChild(careSpans(f)));

/** The children looked after on the day: their period of care open on it (one each). Found once a day, not again by each measure of it. */
export const lookedAfterOn = (f: MeasureFacts, day: string): readonly PlanSpan[] => memo(f, `looked-after-on:${day}`, () => careSpans(f).filter((s) => openOn(s, day)));

/** Children looked after at any time in the period. */
export const lookedAfterDuring = (f: MeasureFacts, from: string, to: string): PlanSpan[] => careSpans(f).filter((s) => s.start <= to && (s.end === null || s.end > from));

export interface PlacementSpan extends PlanSpan {
  detail: PlacementDetail | null;
}

/** Every child's placements, child by child (each in date order): made once, not again for each period. */
export const everyPlacement = (f: MeasureFacts): readonly PlacementSpan[] => memo(f, 'every-placement', () => [...placementsByChild(f).values()].flat());

/** The child's placements in date order, with the record's details of each. */
export const placementsByChild = (f: MeasureFacts): ReadonlyMap<string, PlacementSpan[]> =>
  memo(f, 'placements-by-child', () => {
    const spans = planSpans(f, PLACEMENT_STARTS, 'placement.ended').map((s) => ({ ...s, detail: f.details.placements.get(s.planId) ?? null }));
    const byChild = groupByChild(spans);
    for (const list of byChild.values()) list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    return byChild;
  });

const isTemporary = (p: PlacementSpan) => p.detail !== null && TEMPORARY_PLACEMENT_TYPES.includes(p.detail.type);

/**
 * The placement the child is in on the day (a temporary move is not a placement: the one before it).
 * Found once a child and day, not again by each of the five measures of where children are placed.
 */
export function placementOn(f: MeasureFacts, childId: string, day: string): PlacementSpan | undefined {
  const onDay = memo(f, `placement-on:${day}`, () => new Map<string, PlacementSpan | undefined>());
  if (onDay.has(childId)) return onDay.get(childId);
  // The last placement started by the day and open on it, else the last started by it (in date order).
  const own = placementsByChild(f).get(childId) ?? [];
  let last: PlacementSpan | undefined;
  let found: PlacementSpan | undefined;
  for (let i = own.length - 1; i >= 0 && !found; i--) {
    const p = own[i]!;
    if (p.start > day || isTemporary(p)) continue;
    last ??= p;
    if (openOn(p, day)) found = p;
  }
  onDay.set(childId, found ?? last);
  return found ?? last;
}

/**
 * Placements in the 12 months to the day, and moves (a placement starting in them other than on the
 * day a period of care began), as the child's record counts them (seed PS-01): the same function
 * (src/looked-after/episodes.ts), so the record and the figure cannot disagree. Temporary moves are
 * left out, as the DfE stability measure does.
 */
export function stabilityInYearTo(f: MeasureFacts, childId: string, day: string): { placements: number; moves: number } {
  // Once a child and day: both the placements and the moves measures read it.
  const onDay = memo(f, `stability-on:${day}`, () => ({ yearAgo: addMonths(day, -12), byChild: new Map<string, { placements: number; moves: number }>() }));
  const counted = onDay.byChild.get(childId);
  if (counted) return counted;
  const byChild = memo(f, 'stability-by-child', () => new Map<string, ReturnType<typeof stabilityFactsOf>>());
  let own = byChild.get(childId);
  if (!own) byChild.set(childId, (own = stabilityFactsOf(f, childId)));
  const stability = stabilityOver12Months(own.placements, own.periodStarts, onDay.yearAgo, day);
  onDay.byChild.set(childId, stability);
  return stability;
}

/** A child's placements and periods of care as the record's stability count reads them: made once a child, not again for each day. */
function stabilityFactsOf(f: MeasureFacts, childId: string) {
  const periods = careSpansByChild(f).get(childId) ?? [];
  const periodOf = (start: string) => periods.find((c) => c.start <= start && (c.end === null || c.end >= start))?.planId ?? '';
  const placements = (placementsByChild(f).get(childId) ?? []).map((p) => ({
    id: p.planId,
    period_id: periodOf(p.start),
    started_on: p.start,
    ended_on: p.end,
    placement_type: p.detail?.type ?? '',
    provider: null,
    postcode: null,
    urn: null,
    same_carers: p.detail?.sameCarers ?? false,
    change_reason: null,
  }));
  return { placements, periodStarts: new Map(periods.map((c) => [c.planId, c.start])) };
}

/**
 * The day the child began living with the carers they are with on the day: back through placements
 * with the same carers (SSDA903 RNE T, U) and temporary moves. With `adoptive`, a placement for
 * adoption counts together with the placement before it (DfE long-term stability).
 */
export function withTheseCarersSince(f: MeasureFacts, childId: string, day: string, adoptive = false): string | null {
  const own = (placementsByChild(f).get(childId) ?? []).filter((p) => p.start <= day && !isTemporary(p));
  let i = own.length - 1;
  const current = own[i];
  if (!current) return null;
  let joinedAdoptive = false;
  while (i > 0) {
    const p = own[i]!;
    const adoptiveStep = adoptive && !joinedAdoptive && p.detail !== null && ADOPTIVE_PLACEMENTS.includes(p.detail.type);
    if (!p.detail?.sameCarers && !adoptiveStep) break;
    if (adoptiveStep && !p.detail?.sameCarers) joinedAdoptive = true;
    i--;
  }
  return own[i]!.start;
}

/** Months and days as a worker reads them: "2 years 7 months". */
export function yearsAndMonths(months: number): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  return [y ? `${y} year${y === 1 ? '' : 's'}` : null, `${m} month${m === 1 ? '' : 's'}`].filter(Boolean).join(' ');
}
