// The synthetic council's SSDA903 return: it has exactly the children looked after in the year that
// a query of the record finds, and the care leavers at a birthday in it; each table is written; and
// it fails only the rules its record really breaks (each named below with why).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { generateCouncil } from '../../synth/generate.ts';
import { ssda903Report } from './service.ts';
import { SSDA903_TABLES, tableCsv } from './tables.ts';
import { ssda903Xml } from './xml.ts';
import { collectionYear } from './year.ts';

const TODAY = '2026-11-20';

/**
 * Rules the synthetic council's record breaks, and why the failure is right. The generator writes
 * rows directly, so it makes a few records Lantern's forms would refuse or a worker would not make.
 */
const EXPECTED: Record<string, string> = {
  '442': 'children of school age with no UPN recorded (checked against the record below)',
  '186': 'the year to date: children in care for 12 months with no SDQ recorded yet this year',
  '361': 'a generated police protection status that ran for 8 days',
  '1001': 'a care leaver whose care ended before last year: the validator reads only this year’s and last year’s episodes, and says so (decision 0076)',
  '516': 'a generated period that ended with a special guardianship order to former foster carers (E46) from a children’s home (K2)',
  '197B': 'children in care for 12 months who turned 17 in the year with no SDQ or reason recorded (as 186 for the ages between)',
  '1016': 'an 18th-birthday care leaver record for a young person who left care on that birthday (E17): DfE does not expect it',
};

describe('the synthetic council’s SSDA903 return', () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await generateCouncil(handle.db, { size: 'tiny', seed: 10, today: TODAY });
  }, 300_000);
  afterAll(async () => {
    await handle?.close();
  });

  for (const year of [2026, 2027]) {
    it(`${year - 1}-${String(year).slice(2)}: the children looked after and the care leavers the record holds, and no rule broken that the record does not break`, async () => {
      const y = collectionYear(year);
      const { ret, report } = await ssda903Report(handle.db, year, TODAY, new Date('2026-11-20T09:00:00Z'));
      const inCare = (await sql<{ child_id: string }>`SELECT DISTINCT cp.child_id FROM care_period cp JOIN person p ON p.id = cp.child_id
          WHERE cp.deleted_at IS NULL AND p.deleted_at IS NULL AND p.merged_into IS NULL AND cp.started_on <= ${y.end} AND (cp.ended_on IS NULL OR cp.ended_on >= ${y.start})`.execute(handle.db)).rows.map((r) => r.child_id);
      expect(inCare.length).toBeGreaterThan(10);
      expect(ret.children.filter((c) => c.episodes.length > 0).map((c) => c.childId).sort()).toEqual([...inCare].sort());
      const leavers = (await sql<{ child_id: string }>`SELECT DISTINCT b.child_id FROM care_leaver_birthday b JOIN person p ON p.id = b.child_id
          WHERE b.deleted_at IS NULL AND (p.date_of_birth + make_interval(years => b.age))::date BETWEEN ${y.start} AND ${y.end}`.execute(handle.db)).rows.map((r) => r.child_id);
      expect(ret.children.filter((c) => c.oc3).map((c) => c.childId).sort()).toEqual([...leavers].sort());
      // Every child is in the Header once, with an identifier; every episode of a child in care is in the year.
      expect(new Set(ret.children.map((c) => c.child)).size).toBe(ret.children.length);
      expect(ret.children.flatMap((c) => c.episodes).every((e) => e.decom <= y.end && (e.dec === null || e.dec >= y.start))).toBe(true);

      const failing = report.counts.map((c) => c.code);
      expect(failing.filter((code) => !(code in EXPECTED))).toEqual([]);
      // 442 names exactly the children in care of school age without a UPN.
      const noUpn = ret.children.filter((c) => c.episodes.length > 0 && c.upn === null).map((c) => c.childId).sort();
      expect(report.failures.filter((f) => f.code === '442').map((f) => f.childId).sort()).toEqual(noUpn);

      // 601 (decision 0043): only adoptions with no match recorded; every matched adoption has the adopters' sexes and legal status.
      const ad1Gaps = ret.children.filter((c) => report.failures.some((f) => f.code === '601' && f.childId === c.childId));
      expect(ad1Gaps.every((c) => c.ad1?.dateMatch === null)).toBe(true);
      expect(ret.children.filter((c) => c.ad1?.dateMatch).every((c) => c.ad1!.sexAdoptr !== null && c.ad1!.lsAdoptr !== null)).toBe(true);

      // PrevPerm (decision 0041): every child who came into care in the year has one, from the period of care.
      const started = ret.children.filter((c) => c.episodes.some((e) => e.rne === 'S' && e.decom >= y.start));
      expect(started.every((c) => c.prevPerm !== null)).toBe(true);
      expect(ret.children.filter((c) => c.prevPerm !== null).length).toBe(started.length);

      // UASC (decision 0041): only children looked after in the year; DUC, where given, by the 18th birthday.
      expect(ret.children.filter((c) => c.uasc).every((c) => c.episodes.length > 0)).toBe(true);

      for (const table of SSDA903_TABLES.filter((t) => t.name !== 'DoLo' || year >= 2027)) expect(tableCsv(ret, table).startsWith(table.columns.join(','))).toBe(true);
      expect(ssda903Xml(ret).match(/<CHILD>/g)?.length).toBe(ret.children.length);
    }, 120_000);
  }
});
