// SSDA903 episodes and placement stability from what the worker records, against hand-worked
// examples (standards.md §2.1, §2.3: a new episode whenever the legal status or placement changes).
import { describe, expect, it } from 'vitest';
import { episodesOf, socialWorkerEpisodes, stabilityOver12Months, type LegalStatusFacts, type PlacementFacts } from './episodes.ts';
import { milesBetween, normalisePostcode } from './distance.ts';

const period = { started_on: '2026-01-05', ended_on: null, reason_ceased: null, category_of_need: 'N1', home_postcode: 'BW1 2AB' };
const placement = (id: string, started_on: string, ended_on: string | null, more: Partial<PlacementFacts> = {}): PlacementFacts => ({
  id,
  started_on,
  ended_on,
  placement_type: 'U6',
  provider: 'PR1',
  postcode: null,
  urn: null,
  same_carers: false,
  change_reason: null,
  ...more,
});
const status = (started_on: string, ended_on: string | null, legal_status: string): LegalStatusFacts => ({ started_on, ended_on, legal_status });

describe('SSDA903 episodes from a period of care', () => {
  it('one placement and one legal status make one episode, started to be looked after (RNE S), open', () => {
    const episodes = episodesOf(period, [placement('a', '2026-01-05', null)], [status('2026-01-05', null, 'V2')]);
    expect(episodes).toEqual([expect.objectContaining({ startedOn: '2026-01-05', reasonNewEpisode: 'S', legalStatus: 'V2', placementType: 'U6', endedOn: null, reasonCeased: null, placementId: 'a' })]);
  });

  it('a move, then an order, then a move to the same carers on the day of another order: S, P, L, U; each closed episode ceases X1 and the move carries its reason', () => {
    const episodes = episodesOf(
      { ...period, ended_on: '2026-11-02', reason_ceased: 'E4A' },
      [
        placement('a', '2026-01-05', '2026-03-02', { change_reason: 'CREQB' }),
        placement('b', '2026-03-02', '2026-06-01', { change_reason: 'CARPL' }),
        placement('c', '2026-06-01', '2026-11-02', { placement_type: 'U4', same_carers: true }),
      ],
      [status('2026-01-05', '2026-04-15', 'V2'), status('2026-04-15', '2026-06-01', 'C1'), status('2026-06-01', '2026-11-02', 'C2')],
    );
    expect(episodes.map((e) => [e.startedOn, e.reasonNewEpisode, e.legalStatus, e.placementType, e.endedOn, e.reasonCeased, e.reasonPlaceChange])).toEqual([
      ['2026-01-05', 'S', 'V2', 'U6', '2026-03-02', 'X1', 'CREQB'],
      ['2026-03-02', 'P', 'V2', 'U6', '2026-04-15', 'X1', null],
      ['2026-04-15', 'L', 'C1', 'U6', '2026-06-01', 'X1', 'CARPL'],
      ['2026-06-01', 'U', 'C2', 'U4', '2026-11-02', 'E4A', null],
    ]);
  });

  it('a move and an order on the same day to new carers is one episode, RNE B; to the same carers alone, RNE T', () => {
    const both = episodesOf(period, [placement('a', '2026-01-05', '2026-02-02'), placement('b', '2026-02-02', null)], [status('2026-01-05', '2026-02-02', 'V2'), status('2026-02-02', null, 'C2')]);
    expect(both.map((e) => e.reasonNewEpisode)).toEqual(['S', 'B']);
    const same = episodesOf(period, [placement('a', '2026-01-05', '2026-02-02'), placement('b', '2026-02-02', null, { same_carers: true })], [status('2026-01-05', null, 'C2')]);
    expect(same.map((e) => e.reasonNewEpisode)).toEqual(['S', 'T']);
  });
});

describe('placement stability over 12 months (PS-01; Newham 2014 ¶76)', () => {
  const periodStarts = new Map([['p1', '2025-06-02']]);
  const inPeriod = (p: PlacementFacts) => ({ ...p, period_id: 'p1' });

  it('counts placements in the year and moves within it, leaving out the first placement of the period and temporary moves', () => {
    const result = stabilityOver12Months(
      [
        inPeriod(placement('a', '2025-06-02', '2026-01-05')), // the first placement: in the year, not a move
        inPeriod(placement('b', '2026-01-05', '2026-03-02')), // a move
        inPeriod(placement('t', '2026-03-02', '2026-03-05', { placement_type: 'T1' })), // hospital: not counted
        inPeriod(placement('c', '2026-03-05', null)), // a move
      ],
      periodStarts,
      '2025-11-20',
      '2026-11-20',
    );
    expect(result).toEqual({ placements: 3, moves: 2 });
  });

  it('a placement that ended more than a year ago is not counted', () => {
    const result = stabilityOver12Months([inPeriod(placement('a', '2025-06-02', '2025-10-01')), inPeriod(placement('b', '2025-10-01', null))], periodStarts, '2025-11-20', '2026-11-20');
    expect(result).toEqual({ placements: 1, moves: 0 });
  });
});

describe('distance from home', () => {
  it('is the great-circle distance between the centroids: 0.2 degrees of latitude is 13.8 miles', () => {
    expect(milesBetween({ latitude: 50.8, longitude: -1.1 }, { latitude: 51.0, longitude: -1.1 })).toBe(13.8);
  });

  it('reads postcodes however they are typed, and refuses what is not one', () => {
    expect(normalisePostcode(' bw1  2ab ')).toBe('BW1 2AB');
    expect(normalisePostcode('KQ12 3XY')).toBe('KQ12 3XY');
    expect(normalisePostcode('not a postcode')).toBeNull();
    expect(normalisePostcode('BW1')).toBeNull();
  });
});

describe('social worker episodes (SSDA903 SWEpisodes; seed VI-06)', () => {
  it('lists the social workers newest first and counts the changes in the last 12 months, not the first allocation', () => {
    const result = socialWorkerEpisodes(
      [
        { worker_name: 'B', from_date: '2026-03-01', to_date: '2026-07-01' },
        { worker_name: 'A', from_date: '2025-06-01', to_date: '2026-03-01' },
        { worker_name: 'C', from_date: '2026-07-01', to_date: '2026-10-01' },
        { worker_name: 'D', from_date: '2026-10-01', to_date: null },
      ],
      '2025-11-20',
      '2026-11-20',
    );
    expect(result.episodes.map((e) => e.worker)).toEqual(['D', 'C', 'B', 'A']);
    expect(result.changesInYear).toBe(3);
  });

  it('a first social worker allocated in the year is not a change', () => {
    expect(socialWorkerEpisodes([{ worker_name: 'A', from_date: '2026-06-01', to_date: null }], '2025-11-20', '2026-11-20').changesInYear).toBe(0);
  });
});
