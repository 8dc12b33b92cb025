// Lantern's columns and values are Annex A's, read from the specs themselves: every list's headers
// in the order of annex-a-columns.yml, and every value Lantern writes for a DfE or Lantern code one of
// annex-a-value-codes.yml's values for that column.
import { describe, expect, it } from 'vitest';
import {
  CARE_LEAVER_ACCOMMODATION, CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH, CATEGORY_OF_ABUSE, CIN_CLOSURE_REASON, ETHNICITY, LEGAL_STATUS, PERMANENCE_ROUTE,
  PLACEMENT_PROVIDER, PLACEMENT_TYPE, PRIMARY_NEED, REASON_EPISODE_CEASED, REFERRAL_SOURCE, ADOPTER_LEAVING_REASON, ANNEX_A_CASE_STATUS, ADOPTION_DECISION_REVERSED_REASON,
  codesOf,
} from '../../codes/index.ts';
import { ANNEX_A_LISTS } from './columns.ts';
import { codesFor, specColumns, specValueCodes } from './spec-yml.ts';
import * as v from './values.ts';

const valueCodes = specValueCodes();
const codes = (sheet: string, header: string) => {
  const found = codesFor(valueCodes, sheet, header);
  if (!found) throw new Error(`${sheet} has no value codes for ${header}`);
  return found;
};

describe('the lists and their columns (annex-a-columns.yml)', () => {
  it('has lists 1 to 11, each with the yml’s columns in the yml’s order', () => {
    const spec = specColumns();
    expect([...spec.keys()]).toEqual(ANNEX_A_LISTS.map((l) => l.sheet));
    for (const list of ANNEX_A_LISTS) expect(list.columns.map((c) => c.header), list.sheet).toEqual(spec.get(list.sheet));
  });
});

describe('the values (annex-a-value-codes.yml)', () => {
  /** Every code of a Lantern list gives one of the column's values, or a blank where Annex A has none. */
  function expectValues(sheet: string, header: string, all: readonly string[], map: (code: string) => string | null, blanks: readonly string[] = []) {
    const allowed = codes(sheet, header);
    for (const code of all) {
      const value = map(code);
      if (blanks.includes(code)) expect(value, `${header}: ${code}`).toBeNull();
      else expect(allowed, `${header}: ${code} → ${String(value)}`).toContain(value);
    }
  }

  it('gender and ethnicity (every list), with not recorded as "not stated" and NOBT', () => {
    for (const list of ANNEX_A_LISTS) {
      expectValues(list.sheet, 'Gender', ['M', 'F', 'U', '1', '2', ''], (c) => v.gender(c || null));
      expectValues(list.sheet, 'Ethnicity', codesOf(ETHNICITY), v.ethnicity);
      expect(codes(list.sheet, 'Ethnicity')).toContain(v.ethnicity(null));
    }
  });

  it('contact and referral source: every CIN census code but 5D, which Annex A does not have yet', () => {
    expectValues('List 1', 'Contact Source', codesOf(REFERRAL_SOURCE), v.source, ['5D']);
    expectValues('List 3', 'Referral Source', codesOf(REFERRAL_SOURCE), v.source, ['5D']);
  });

  it('yes, no and unknown columns', () => {
    for (const [sheet, header] of [['List 3', 'Referral NFA?'], ['List 4', 'Does the Child have a Disability'], ['List 5', 'Did the Initial Child Protection Conference Result in a Child Protection Plan'],
      ['List 7', 'Was the Child Seen Alone?'], ['List 8', 'Did the child accept a Return Interview after their last missing episode (Y/N)?'], ['List 11', 'Is the (prospective) adopter fostering for adoption?']] as const) {
      expect(codes(sheet, header)).toEqual(expect.arrayContaining([v.yesNo(true), v.yesNo(false), v.UNKNOWN]));
    }
  });

  it('primary need, closure reason and case status (list 6); RC9 has no Annex A value', () => {
    expectValues('List 6', 'Primary Need Code', codesOf(PRIMARY_NEED), v.need);
    expectValues('List 6', 'Reason for Closure', codesOf(CIN_CLOSURE_REASON), v.closureReason, ['RC9']);
    expectValues('List 6', 'Case Status', codesOf(ANNEX_A_CASE_STATUS), v.caseStatus);
  });

  it('categories of abuse (list 7)', () => {
    expectValues('List 7', 'Initial Category of Abuse', codesOf(CATEGORY_OF_ABUSE), v.abuse);
    expectValues('List 7', 'Latest Category of Abuse', codesOf(CATEGORY_OF_ABUSE), v.abuse);
  });

  it('children in care (list 8): category of need, legal status, permanence plan, reason ceased, placement type and provider, location', () => {
    expectValues('List 8', "Child's Category of Need", ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8'], v.need);
    expectValues('List 8', "Child's Legal Status", codesOf(LEGAL_STATUS), v.legalStatus);
    expectValues('List 8', 'What is the permanence plan for this child?', codesOf(PERMANENCE_ROUTE), v.permanencePlan);
    expectValues('List 8', 'Reason Ceased to be Looked After', codesOf(REASON_EPISODE_CEASED), v.reasonCeased);
    expectValues('List 8', 'Placement Type', codesOf(PLACEMENT_TYPE), v.placementType, ['K3', 'Z11', 'Z12', 'Z13', 'Z14']);
    expectValues('List 8', 'Placement Provider', codesOf(PLACEMENT_PROVIDER), v.provider);
    expect(codes('List 8', 'Placement Location')).toEqual([v.location(true), v.location(false)]);
  });

  it('care leavers (list 9): eligibility, in touch, accommodation by its letter, suitability, activity (F4/F5 and P4/P5 as Annex A’s F3/P3)', () => {
    expectValues('List 9', 'Eligibility Category', ['relevant', 'former-relevant', 'qualifying'], v.eligibility);
    expectValues('List 9', 'LA in Touch', codesOf(CARE_LEAVER_IN_TOUCH), v.inTouch);
    expectValues('List 9', 'Type of Accommodation', [...new Set(codesOf(CARE_LEAVER_ACCOMMODATION).filter((c) => c !== '0').map((c) => c.charAt(0)))], v.accommodation);
    expect(codes('List 9', 'Suitability of Accommodation')).toEqual([v.suitability(true), v.suitability(false)]);
    expectValues('List 9', 'Activity Status', codesOf(CARE_LEAVER_ACTIVITY), v.activity, ['0']);
    expect(v.activity('F4')).toBe('F3: Full time in training or employment');
  });

  it('adoption (lists 10 and 11): reason no longer placed, reason for leaving the process', () => {
    expectValues('List 10', 'Reason Why Child No Longer Placed for Adoption', codesOf(ADOPTION_DECISION_REVERSED_REASON), v.noLongerAdoption);
    expectValues('List 11', 'Reason for leaving adoption process', codesOf(ADOPTER_LEAVING_REASON), v.leavingReason);
  });
});
