import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  ADOPTER_SEX,
  ADOPTION_DECISION_REVERSED_REASON,
  ALL_CODE_LISTS,
  annexAValueFor,
  ASSESSMENT_FACTORS,
  CARE_LEAVER_ACCOMMODATION,
  CARE_LEAVER_ACTIVITY,
  CARE_LEAVER_IN_TOUCH,
  CATEGORY_OF_ABUSE,
  CATEGORY_OF_NEED,
  CIN_CLOSURE_REASON,
  codesOf,
  DISABILITY,
  ETHNICITY,
  isCode,
  labelFor,
  LEGACY_GENDER_CURRENT,
  LEGAL_STATUS,
  MISSING_EPISODE_TYPE,
  PERMANENCE_PLAN,
  PLACEMENT_PROVIDER,
  PLACEMENT_TYPE,
  PREVIOUS_PERMANENCE,
  PRIMARY_NEED,
  REASON_EPISODE_CEASED,
  REASON_NEW_EPISODE,
  REASON_PLACE_CHANGE,
  REFERRAL_SOURCE,
  REVIEW_PARTICIPATION,
  SDQ_REASON,
  SEX,
  sexCodeSchema,
  SSDA903_UPN_UNKNOWN_CODES,
  STRATEGY_DISCUSSION_AGENCY,
  UPN_UNKNOWN,
  validIn,
  zodEnumOf,
  type AnnexAList,
  type CodeList,
  type EthnicityCode,
} from './index.ts';

// The specs sit beside the repository (/work/shared/specs), read-only; tests run from the repo root.
const specsDir = path.resolve(process.cwd(), '../shared/specs');
const xsd = readFileSync(path.join(specsDir, 'cin-census-2024.xsd'), 'utf8');
const ssda903Yml = readFileSync(path.join(specsDir, 'ssda903-2024.yml'), 'utf8');
const annexAYml = readFileSync(path.join(specsDir, 'annex-a-value-codes.yml'), 'utf8');

const sorted = (values: Iterable<string>): string[] => [...values].sort();

/** Enumeration values (and their documentation, if any) of a named xs:simpleType. */
function xsdEnumeration(typeName: string): Map<string, string | undefined> {
  const block = new RegExp(
    `<xs:simpleType name="${typeName}">([\\s\\S]*?)</xs:simpleType>`,
  ).exec(xsd);
  if (!block?.[1]) throw new Error(`simpleType ${typeName} not found in the XSD`);
  const values = new Map<string, string | undefined>();
  const enumeration =
    /<xs:enumeration value="([^"]*)"\s*(?:\/>|>([\s\S]*?)<\/xs:enumeration>)/g;
  for (const match of block[1].matchAll(enumeration)) {
    const doc = /<xs:documentation>([\s\S]*?)<\/xs:documentation>/.exec(match[2] ?? '')?.[1];
    values.set(match[1] ?? '', doc?.trim());
  }
  return values;
}

/** `- code: "X"` values listed under column_map > table > column in ssda903-2024.yml. */
function ymlCategory(table: string, column: string): string[] {
  const lines = ssda903Yml.split(/\r?\n/); // the file has CRLF line endings
  const tableAt = lines.findIndex((line) => line === `    ${table}:`);
  if (tableAt < 0) throw new Error(`table ${table} not found in ssda903-2024.yml`);
  const columnAt = lines.findIndex((line, i) => i > tableAt && line === `      ${column}:`);
  if (columnAt < 0) throw new Error(`column ${table}.${column} not found in ssda903-2024.yml`);
  const codes: string[] = [];
  for (const line of lines.slice(columnAt + 1)) {
    if (/^ {0,6}\S/.test(line)) break; // next column or table
    const code = /^\s*- code: "([^"]*)"/.exec(line)?.[1];
    if (code !== undefined) codes.push(code.trim()); // the yml has a stray "PCCHAN "
  }
  if (codes.length === 0) throw new Error(`no codes under ${table}.${column}`);
  return codes;
}

describe('CIN census lists match the XSD enumerations', () => {
  const checks: ReadonlyArray<readonly [string, CodeList]> = [
    ['ethnicitytype', ETHNICITY],
    ['disabilitytype', DISABILITY],
    ['referralsourcetype', REFERRAL_SOURCE],
    ['categoryofabuse', CATEGORY_OF_ABUSE],
    ['primaryneedcodetype', PRIMARY_NEED],
    ['reasonforclosuretype', CIN_CLOSURE_REASON],
    ['assessmentfactorstype', ASSESSMENT_FACTORS],
    ['unknownupntype', UPN_UNKNOWN],
    ['gendertype', LEGACY_GENDER_CURRENT],
  ];
  it.each(checks)('%s', (typeName, list) => {
    expect(sorted(codesOf(list))).toEqual(sorted(xsdEnumeration(typeName).keys()));
  });

  // These lists use DfE's own wording, so a typo shows up here. Case is ignored because Lantern
  // capitalises ethnic group names ("Any other Black background") as ssda903-2024.yml does.
  const labelChecks: ReadonlyArray<readonly [string, CodeList]> = [
    ['ethnicitytype', ETHNICITY],
    ['disabilitytype', DISABILITY],
    ['categoryofabuse', CATEGORY_OF_ABUSE],
    ['primaryneedcodetype', PRIMARY_NEED],
    ['reasonforclosuretype', CIN_CLOSURE_REASON],
    ['gendertype', LEGACY_GENDER_CURRENT],
  ];
  it.each(labelChecks)('%s labels follow the XSD documentation', (typeName, list) => {
    const docs = xsdEnumeration(typeName);
    for (const entry of list) {
      expect(entry.label.toLowerCase(), entry.code).toBe(docs.get(entry.code)?.toLowerCase());
    }
  });

  it('has all 42 assessment factors (standards.md says 41 but lists 42)', () => {
    expect(ASSESSMENT_FACTORS).toHaveLength(42);
  });

  it('has sex M, F and U from 2024-25 (not yet in the 2023-24 XSD)', () => {
    expect(codesOf(SEX)).toEqual(['M', 'F', 'U']);
    expect(xsd).not.toContain('name="Sex"');
  });
});

describe('SSDA903 lists match ssda903-2024.yml', () => {
  const checks: ReadonlyArray<readonly [string, string, CodeList]> = [
    ['Header', 'ETHNIC', ETHNICITY],
    ['Episodes', 'RNE', REASON_NEW_EPISODE],
    ['Episodes', 'LS', LEGAL_STATUS],
    ['Episodes', 'CIN', CATEGORY_OF_NEED],
    ['Episodes', 'PLACE_PROVIDER', PLACEMENT_PROVIDER],
    ['Episodes', 'REC', REASON_EPISODE_CEASED],
    ['Episodes', 'REASON_PLACE_CHANGE', REASON_PLACE_CHANGE],
    ['Reviews', 'REVIEW_CODE', REVIEW_PARTICIPATION],
    ['Missing', 'MISSING', MISSING_EPISODE_TYPE],
    ['OC2', 'SDQ_REASON', SDQ_REASON],
    ['OC3', 'IN_TOUCH', CARE_LEAVER_IN_TOUCH],
    ['OC3', 'ACTIV', CARE_LEAVER_ACTIVITY],
    ['PlacedAdoption', 'REASON_PLACED_CEASED', ADOPTION_DECISION_REVERSED_REASON],
    ['PrevPerm', 'PREV_PERM', PREVIOUS_PERMANENCE],
    ['AD1', 'SEX_ADOPTR', ADOPTER_SEX],
  ];
  it.each(checks)('%s.%s', (table, column, list) => {
    expect(sorted(codesOf(list))).toEqual(sorted(ymlCategory(table, column)));
  });

  it('ACCOM is the yml list without S1 and X1, as the 903 validator (rule 133) has it', () => {
    const yml = ymlCategory('OC3', 'ACCOM').filter((code) => code !== 'S1' && code !== 'X1');
    expect(sorted(codesOf(CARE_LEAVER_ACCOMMODATION))).toEqual(sorted(yml));
  });

  it('UPN column accepts UN1-UN5 only (rule 168)', () => {
    expect([...SSDA903_UPN_UNKNOWN_CODES]).toEqual(['UN1', 'UN2', 'UN3', 'UN4', 'UN5']);
  });

  // Year lists from rule 146 as given in standards.md §2.3.
  it('placement types by collection year', () => {
    const place2023 = ymlCategory('Episodes', 'PLACE');
    expect(sorted(codesOf(validIn(PLACEMENT_TYPE, '2023-24')))).toEqual(sorted(place2023));
    expect(sorted(codesOf(validIn(PLACEMENT_TYPE, '2024-25')))).toEqual(sorted([...place2023, 'K3']));
    const place2025 =
      'A3 A4 A5 A6 K1 K2 K3 P1 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z11 Z12 Z13 Z14';
    expect(sorted(codesOf(validIn(PLACEMENT_TYPE, '2025-26')))).toEqual(sorted(place2025.split(' ')));
    expect(codesOf(validIn(PLACEMENT_TYPE, '2026-27'))).toEqual(codesOf(validIn(PLACEMENT_TYPE, '2025-26')));
  });
});

describe('Annex A lists', () => {
  const yamlCodes = new Set(
    [...annexAYml.matchAll(/^\s*- code: (.*)$/gm)].map((m) => (m[1] ?? '').trim().replace(/^'(.*)'$/, '$1')),
  );
  const isAnnexAList = (list: CodeList): list is AnnexAList =>
    list.every((entry) => 'annexA' in entry);
  const lists = Object.entries(ALL_CODE_LISTS as Record<string, CodeList>).flatMap(
    ([name, list]): Array<readonly [string, AnnexAList]> => (isAnnexAList(list) ? [[name, list]] : []),
  );

  it('covers the Annex A-only lists', () => {
    expect(lists.map(([name]) => name)).toEqual([
      'PERMANENCE_PLAN',
      'CARE_LEAVER_ELIGIBILITY',
      'ACCOMMODATION_SUITABILITY',
      'ANNEX_A_CASE_STATUS',
      'ADOPTER_LEAVING_REASON',
    ]);
  });

  it.each(lists)('%s values appear exactly in annex-a-value-codes.yml', (_name, list) => {
    for (const entry of list) expect(yamlCodes, entry.code).toContain(entry.annexA);
  });

  it('looks up the Annex A value for a code', () => {
    expect(annexAValueFor(PERMANENCE_PLAN, 'SGO_CAO')).toBe('c) SGO/CAO');
    expect(annexAValueFor(PERMANENCE_PLAN, 'NOPE')).toBeUndefined();
  });
});

describe('every list', () => {
  it.each(Object.entries(ALL_CODE_LISTS))('%s has unique codes and non-empty labels', (_name, list) => {
    const codes = codesOf(list as CodeList);
    expect(codes.length).toBeGreaterThan(0);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of list as CodeList) {
      expect(entry.code.trim(), 'code').not.toBe('');
      expect(entry.code, 'code has no surrounding spaces').toBe(entry.code.trim());
      expect(entry.label.trim(), `label of ${entry.code}`).not.toBe('');
      if (entry.from && entry.until) expect(entry.from <= entry.until).toBe(true);
    }
  });

  it.each(Object.entries(ALL_CODE_LISTS))('%s zod enum accepts exactly its codes', (_name, list) => {
    const schema = zodEnumOf(list as CodeList);
    for (const code of codesOf(list as CodeList)) expect(schema.safeParse(code).success).toBe(true);
    expect(schema.safeParse('NOT_A_CODE').success).toBe(false);
    expect(schema.safeParse('').success).toBe(false);
    expect(schema.safeParse(undefined).success).toBe(false);
  });
});

describe('helpers', () => {
  it('labelFor returns the label, or undefined for an unknown string', () => {
    expect(labelFor(ETHNICITY, 'WBRI')).toBe('White British');
    expect(labelFor(REFERRAL_SOURCE, '10')).toBe('Unknown');
    const unchecked: string = 'XXXX';
    expect(labelFor(ETHNICITY, unchecked)).toBeUndefined();
  });

  it('isCode narrows unchecked input', () => {
    const input: unknown = 'NOBT';
    expect(isCode(ETHNICITY, input)).toBe(true);
    expect(isCode(ETHNICITY, 'nobt')).toBe(false);
    expect(isCode(ETHNICITY, 7)).toBe(false);
    if (isCode(ETHNICITY, input)) expectTypeOf(input).toEqualTypeOf<EthnicityCode>();
  });

  it('types follow the data', () => {
    expectTypeOf<z.infer<typeof sexCodeSchema>>().toEqualTypeOf<'M' | 'F' | 'U'>();
    expectTypeOf(labelFor(SEX, 'U')).toEqualTypeOf<string>();
    expectTypeOf(labelFor(SEX, 'U' as string)).toEqualTypeOf<string | undefined>();
    expectTypeOf(codesOf(CATEGORY_OF_NEED)).toEqualTypeOf<
      ReadonlyArray<'N1' | 'N2' | 'N3' | 'N4' | 'N5' | 'N6' | 'N7' | 'N8'>
    >();
  });

  it('strategy discussion agencies are Lantern\'s six', () => {
    expect(codesOf(STRATEGY_DISCUSSION_AGENCY)).toEqual([
      'POLICE',
      'HEALTH',
      'EDUCATION',
      'SOCIAL_CARE',
      'PROBATION',
      'OTHER',
    ]);
  });
});
