// What a changed child is sent with (the API keeps what it is not told to remove: each block has its
// purge flag, dfe-csc-api-openapi.json v1.0.1), and the sender's waits between attempts.
import { describe, expect, it } from 'vitest';
import { batchesOf, withPurges, type Outgoing } from './service.ts';
import { backoffMs, redactedExcerpt, retryAfterMs } from './sender.ts';
import type { CscChild } from './payload.ts';

const before: CscChild = {
  la_child_id: 'LC0000001',
  child_details: { first_name: 'Ada', surname: 'Example', date_of_birth: '2015-05-10' },
  health_and_wellbeing: { sdq_assessments: [{ date: '2026-04-01', score: 12 }] },
  social_care_episodes: [
    {
      social_care_episode_id: 'e1',
      referral_date: '2025-05-01',
      child_protection_plans: [{ child_protection_plan_id: 'cp1', start_date: '2025-06-01' }],
      child_looked_after_placements: [
        { child_looked_after_placement_id: 'p1', start_date: '2025-08-01' },
        { child_looked_after_placement_id: 'p2', start_date: '2025-09-01' },
      ],
      adoption: { initial_decision_date: '2025-10-01' },
    },
    { social_care_episode_id: 'e2', referral_date: '2026-01-01' },
  ],
};

describe('a changed child is sent whole, with a purge for each block the record no longer holds', () => {
  it('an episode deleted, a placement corrected away, adoption and SDQs gone: each purged by its id', () => {
    const now: CscChild = {
      la_child_id: 'LC0000001',
      child_details: { first_name: 'Ada', surname: 'Example', date_of_birth: '2015-05-10' },
      social_care_episodes: [
        {
          social_care_episode_id: 'e1',
          referral_date: '2025-05-01',
          child_protection_plans: [{ child_protection_plan_id: 'cp1', start_date: '2025-06-01', end_date: '2026-01-01' }],
          child_looked_after_placements: [{ child_looked_after_placement_id: 'p1', start_date: '2025-08-01' }],
        },
      ],
    };
    expect(withPurges(now, before)).toEqual({
      la_child_id: 'LC0000001',
      child_details: { first_name: 'Ada', surname: 'Example', date_of_birth: '2015-05-10' },
      health_and_wellbeing: { purge: true },
      social_care_episodes: [
        {
          social_care_episode_id: 'e1',
          referral_date: '2025-05-01',
          child_protection_plans: [{ child_protection_plan_id: 'cp1', start_date: '2025-06-01', end_date: '2026-01-01' }],
          child_looked_after_placements: [{ child_looked_after_placement_id: 'p1', start_date: '2025-08-01' }, { child_looked_after_placement_id: 'p2', purge: true }],
          adoption: { purge: true },
        },
        { social_care_episode_id: 'e2', purge: true },
      ],
    });
    // The payload kept as "what DfE holds" is the clean one: withPurges does not change it.
    expect(now.social_care_episodes).toHaveLength(1);
  });

  it('a child DfE has never accepted is sent as built', () => {
    expect(withPurges(before, null)).toBe(before);
  });

  it('batches hold at most the batch size of items, a child’s items together (API maxItems 100)', () => {
    const one = (id: string, items = 1): Outgoing => ({ childId: id, items: Array.from({ length: items }, () => ({ la_child_id: id })), accepted: null, purgesChild: false });
    const batches = batchesOf([one('a'), one('b', 2), one('c'), one('d')], 3);
    expect(batches.map((b) => b.map((o) => o.childId))).toEqual([['a', 'b'], ['c', 'd']]);
  });
});

describe('the sender’s waits and what it keeps of an answer', () => {
  const settings = { retryBaseMs: 2_000, retryMaxMs: 120_000 };
  it('exponential backoff with full jitter, capped: retry n waits up to 2 s × 2^(n-1), at most 2 minutes', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, settings, 0.999, null))).toEqual([1_998, 3_996, 7_992, 15_984]);
    expect(backoffMs(12, settings, 0.5, null)).toBe(60_000);
    expect(backoffMs(1, settings, 0, null)).toBe(0);
  });

  it('never sooner than Retry-After, in seconds or as an HTTP date (RFC 9110 §10.2.3)', () => {
    const now = new Date('2026-11-20T12:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Fri, 20 Nov 2026 12:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(backoffMs(1, settings, 0.5, 30_000)).toBe(30_000);
  });

  it('an answer quoting the batch’s values keeps only its wording, and only its start', () => {
    const items: CscChild[] = [{ la_child_id: 'LC0000001', child_details: { first_name: 'Ada', surname: 'Example', date_of_birth: '2015-05-10' } }];
    expect(redactedExcerpt('{"errors":["surname Example of LC0000001 born 2015-05-10 is wrong"]}', items)).toBe('{"errors":["surname [removed] of [removed] born [removed] is wrong"]}');
    expect(redactedExcerpt('x'.repeat(1_000), items)).toHaveLength(401);
    expect(redactedExcerpt('   ', items)).toBeNull();
  });
});
