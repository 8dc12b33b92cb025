// The synthetic council's family group decision-making (src/synth/stages/family-group.ts) keeps to the
// rules Lantern records it by: offers only to parents and people with parental responsibility, every
// care application after an accepted offer preceded by the meeting or a best-interests decision
// (s.31ZA), and the 2026-27 census block made from it is valid against the test schema.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createTestDatabase } from '../../test/support/database.ts';
import { generateCouncil } from '../synth/generate.ts';
import { censusReturn } from '../returns/cin-census/service.ts';
import { censusXml } from '../returns/cin-census/xml.ts';
import { censusSchema2027 } from '../returns/cin-census/schema.ts';

describe('the synthetic council’s family group decision-making', () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await generateCouncil(handle.db, { size: 'tiny', seed: 10, today: '2026-11-20' });
  }, 300_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('has offers, answers, meetings and best-interests decisions in pre-proceedings since April 2026', async () => {
    const { rows } = await sql<{ offers: number; answered: number; meetings: number; decisions: number; pres: number }>`SELECT
      (SELECT count(*)::int FROM fgdm_offer) AS offers, (SELECT count(*)::int FROM fgdm_offer WHERE response IS NOT NULL) AS answered,
      (SELECT count(*)::int FROM fgdm_meeting) AS meetings, (SELECT count(*)::int FROM fgdm_exemption) AS decisions,
      (SELECT count(*)::int FROM pre_proceedings WHERE letter_sent_on >= '2026-04-01') AS pres`.execute(handle.db);
    const counts = rows[0]!;
    expect(counts.pres).toBeGreaterThan(0);
    expect(counts.offers).toBeGreaterThan(0);
    expect(counts.answered).toBeGreaterThan(0);
    expect(counts.meetings + counts.decisions).toBeGreaterThan(0);
  });

  it('offers go only to parents and people with parental responsibility, no earlier than the letter', async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM fgdm_offer o JOIN pre_proceedings pp ON pp.id = o.pre_proceedings_id
      WHERE o.offered_on < pp.letter_sent_on OR NOT (o.parental_responsibility OR o.relationship IN ('Mother', 'Father', 'Parent'))`.execute(handle.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('s.31ZA: no care application follows an accepted offer without the meeting held, or a decision not to hold it, by its date', async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM care_proceedings cp
      WHERE EXISTS (SELECT 1 FROM fgdm_offer o WHERE o.pre_proceedings_id = cp.pre_proceedings_id AND o.response = 'accepted')
        AND NOT EXISTS (SELECT 1 FROM fgdm_meeting m WHERE m.pre_proceedings_id = cp.pre_proceedings_id AND m.held_on <= cp.issued_on)
        AND NOT EXISTS (SELECT 1 FROM fgdm_exemption e WHERE e.pre_proceedings_id = cp.pre_proceedings_id AND e.covers = 'meeting' AND e.decided_on <= cp.issued_on)`.execute(handle.db);
    expect(rows[0]!.n).toBe(0);
  });

  it('the 2026-27 CIN census carries the Module 5 blocks, valid against the test schema', async () => {
    const census = await censusReturn(handle.db, 2027, new Date('2026-11-20T09:00:00Z'));
    const blocks = census.children.flatMap((c) => c.cinDetails.flatMap((d) => d.preProceedings ?? []));
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.some((b) => b.fgdmMeetingOffer === true)).toBe(true);
    const xsd = censusSchema2027(readFileSync(path.resolve(process.cwd(), '../shared/specs/cin-census-2024.xsd'), 'utf8'));
    const result = await validateXML({ xml: [{ fileName: 'cin.xml', contents: censusXml(census) }], schema: [{ fileName: 'cin.xsd', contents: xsd }], initialMemoryPages: 512, maxMemoryPages: 16384 });
    expect(result.errors.slice(0, 3).map((e) => e.rawMessage)).toEqual([]);
  }, 120_000);
});
