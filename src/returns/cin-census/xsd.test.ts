// The CIN census XML is valid against DfE's schema (cin-census-2024.xsd brought to 2024-25 with
// the Sex change, standards.md §1.2; decision 0028), for a hand-made child and for the synthetic
// council's whole return, checked with xmllint (libxml2 compiled to WebAssembly).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createTestDatabase } from '../../../test/support/database.ts';
import { generateCouncil } from '../../synth/generate.ts';
import { censusSchema2025 } from './schema.ts';
import { censusXml } from './xml.ts';
import { censusReturn } from './service.ts';
import { cleanChild, fixtureReturn } from './test-fixture.ts';

// The specs sit beside the repository (/work/shared/specs), read-only; tests run from the repo root.
const xsd2024 = readFileSync(path.resolve(process.cwd(), '../shared/specs/cin-census-2024.xsd'), 'utf8');
const schema = censusSchema2025(xsd2024);

async function validate(xml: string, xsd = schema) {
  const result = await validateXML({ xml: [{ fileName: 'cin.xml', contents: xml }], schema: [{ fileName: 'cin.xsd', contents: xsd }], initialMemoryPages: 512, maxMemoryPages: 16384 });
  return { valid: result.valid, errors: result.errors.slice(0, 5).map((e) => e.rawMessage) };
}

describe('the CIN census XML (cin-census-2024.xsd with the 2024-25 Sex change)', () => {
  it('a hand-made child with every part of the return (assessment, enquiry, CP plan, reviews, CIN plan) is valid', async () => {
    const xml = censusXml(fixtureReturn([cleanChild(), cleanChild({ childId: 'x', laChildId: 'LC2', upn: null, upnUnknown: 'UN1', birthDate: null, expectedBirthDate: '2026-05-01', sex: 'U', disabilities: [] })]));
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<Sex>F</Sex>');
    expect(xml).not.toContain('GenderCurrent');
    expect(xml).toContain('<ReferenceDate>2026-03-31</ReferenceDate>');
    expect(xml).toContain('<AssessmentFactors>16A</AssessmentFactors>');
    expect(xml).toContain('<ICPCnotRequired>false</ICPCnotRequired>');
  });

  it('follows the 2024-25 Sex item: the 2023-24 schema, which wants GenderCurrent, refuses it', async () => {
    const result = await validate(censusXml(fixtureReturn()), xsd2024);
    expect(result.valid).toBe(false);
    expect(result.errors.join(' ')).toContain('Sex');
  });

  it('a child whose first plan this is says 0 previous plans, and the schema takes it', async () => {
    const child = cleanChild();
    child.cinDetails[0]!.cpPlans[0]!.numberOfPreviousCpp = 0;
    const xml = censusXml(fixtureReturn([child]));
    expect(xml).toContain('<NumberOfPreviousCPP>0</NumberOfPreviousCPP>');
    expect((await validate(xml)).valid).toBe(true);
  });
});

describe('the synthetic council’s CIN census', () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await generateCouncil(handle.db, { size: 'tiny', seed: 10, today: '2026-11-20' });
  }, 300_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('the 2025-26 return, made from the record with no re-keying, is valid against the schema', async () => {
    const census = await censusReturn(handle.db, 2026, new Date('2026-04-10T09:00:00Z'));
    expect(census.children.length).toBeGreaterThan(10);
    const details = census.children.flatMap((c) => c.cinDetails);
    expect(details.some((d) => d.assessments.length > 0)).toBe(true);
    expect(details.some((d) => d.section47s.length > 0)).toBe(true);
    expect(details.some((d) => d.cpPlans.length > 0)).toBe(true);
    // The initial conference's target is the clock's due date, not worked out again here.
    expect(details.some((d) => d.section47s.some((s) => s.icpcTarget !== null))).toBe(true);
    expect(census.children.every((c) => c.laChildId && ['M', 'F', 'U'].includes(c.sex ?? ''))).toBe(true);
    expect(await validate(censusXml(census))).toEqual({ valid: true, errors: [] });
  }, 120_000);
});
