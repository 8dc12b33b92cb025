// Each Annex A list against hand-made children whose facts put them in it, and a near miss beside
// each that stays out (Ofsted ILACS Annex A; standards.md §3.1; decision 0031).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { listOf, type ListNumber } from './columns.ts';
import { annexARows, annexASummary } from './service.ts';
import type { AnnexARow, Cell } from './rows.ts';
import { buildFixture, RANGE, type Fixture } from './test-fixture.ts';

let t: TestApp;
let f: Fixture;
let lists: Record<ListNumber, AnnexARow[]>;

beforeAll(async () => {
  t = await startTestApp();
  f = await buildFixture(t);
  lists = await annexARows(t.ctx.db, RANGE, 'Test Council');
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/** A row as { header: value }, for the child asked for (the only row the child has in the list). */
function rowOf(n: ListNumber, childId: string): Record<string, Cell> {
  const found = lists[n].filter((r) => r.childId === childId);
  expect(found).toHaveLength(1);
  const headers = listOf(n)!.columns.map((c) => c.header);
  return Object.fromEntries(headers.map((h, i) => [h, found[0]!.cells[i] ?? null]));
}
const inList = (n: ListNumber, childId: string) => lists[n].some((r) => r.childId === childId);

describe('List 1: contacts received in the range', () => {
  it('a contact on the first day of the range is in, with the child’s details and the source as Annex A codes it', () => {
    const c = f.child['contacted']!;
    expect(rowOf(1, c.id)).toEqual({
      'Child Unique ID': c.laChildId, Gender: 'b) Female', Ethnicity: 'a) WBRI', 'Date of Birth': '2016-04-12', 'Age of Child (Years)': 10,
      'Date of Contact': '2026-06-01', 'Contact Source': 'e) 2A: Schools',
    });
  });
  it('a contact the day before the range is not', () => {
    expect(inList(1, f.child['contactedBefore']!.id)).toBe(false);
  });
});

describe('List 2: early help assessments going on in the range', () => {
  it('an assessment finished in the range is in, with the organisation that led it; ethnicity not recorded is NOBT', () => {
    const r = rowOf(2, f.child['earlyHelp']!.id);
    expect(r).toMatchObject({ Ethnicity: 's) NOBT', 'Assessment start date': '2026-05-01', 'Assessment completion date': '2026-06-10', 'Organisation completing assessment': 'Oak Primary School' });
  });
  it('an assessment finished before the range is not', () => {
    expect(inList(2, f.child['earlyHelpBefore']!.id)).toBe(false);
  });
});

describe('List 3: referrals received in the range', () => {
  it('a referral in the range is in; the earlier referral in January is counted in the 12 months but not listed', () => {
    const rows = lists[3].filter((r) => r.childId === f.child['protected']!.id);
    expect(rows).toHaveLength(1);
    const r = rowOf(3, f.child['protected']!.id);
    expect(r).toMatchObject({ Gender: 'a) Male', Ethnicity: 'j) AIND', 'Date of referral': '2026-07-01', 'Referral Source': 'q) 6: Police', 'Referral NFA?': 'b) No', 'Number of Referrals in Last 12 Months': 2, 'Allocated Team': 'Safeguarding Team 1', 'Allocated Worker': 'worker' });
  });
  it('a referral the day before the range is not', () => {
    expect(inList(3, f.child['referredBefore']!.id)).toBe(false);
  });
});

describe('List 4: assessments going on in the range', () => {
  it('the assessment is in: seen, authorised on 3 August, requiring support (a child in need plan); no disability is "No"', () => {
    expect(rowOf(4, f.child['protected']!.id)).toMatchObject({
      'Does the Child have a Disability': 'b) No', 'Continuous Assessment Start Date': '2026-07-02', 'Child Seen During Continuous Assessment': 'a) Yes',
      'Continuous Assessment Date of Authorisation': '2026-08-03', "Was the child assessed as requiring LA children's social care support?": 'a) Yes',
    });
  });
  it('an assessment authorised before the range is not; a child with no disability recorded is "Unknown"', () => {
    expect(inList(4, f.child['referredBefore']!.id)).toBe(false);
    const carys = lists[8].find((r) => r.childId === f.child['inCare']!.id)!;
    expect(carys.cells[listOf(8)!.columns.findIndex((c) => c.header === 'Does the Child have a Disability')]).toBe('c) Unknown');
  });
});

describe('List 5: section 47 enquiries going on in the range', () => {
  it('the enquiry is in with its strategy discussion, its initial conference and the plan it made, one of each in 12 months', () => {
    expect(rowOf(5, f.child['protected']!.id)).toMatchObject({
      'Strategy discussion initiating Section 47 Enquiry Start Date': '2026-07-05', 'Was an Initial Child Protection Conference deemed unnecessary?': 'b) No',
      'Date of Initial Child Protection Conference': '2026-07-25', 'Did the Initial Child Protection Conference Result in a Child Protection Plan': 'a) Yes',
      'Number of Section 47 Enquiries in the last 12 months': 1, 'Number of ICPCs in the last 12 months': 1,
    });
  });
});

describe('List 6: children in need in the range', () => {
  it('the open episode is in, its status the child protection plan in force on the last day', () => {
    expect(rowOf(6, f.child['protected']!.id)).toMatchObject({
      'CIN Start Date': '2026-07-01', 'Primary Need Code': 'N1 - Abuse or neglect', 'Date Child Was Last Seen': '2026-08-10', 'CIN Closure Date': null,
      'Reason for Closure': null, 'Case Status': 'b) Child Protection plan',
    });
  });
  it('a referral with no further action is not an episode of need, and an episode closed before the range is not in', () => {
    expect(lists[6].filter((r) => r.childId === f.child['protected']!.id)).toHaveLength(1);
    expect(inList(6, f.child['referredBefore']!.id)).toBe(false);
  });
});

describe('List 7: child protection plans in force in the range', () => {
  it('the plan is in: neglect at the start, emotional abuse at the review, the last visit seen alone, no previous plan', () => {
    expect(rowOf(7, f.child['protected']!.id)).toMatchObject({
      'Child Protection Plan Start Date': '2026-07-25', 'Initial Category of Abuse': 'a) Neglect', 'Latest Category of Abuse': 'd) Emotional abuse',
      'Date of the Last Statutory Visit': '2026-08-10', 'Was the Child Seen Alone?': 'a) Yes', 'Date of latest review conference': '2026-10-20', 'Child Protection Plan End Date': null,
      'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)': 'b) No', 'Number of Previous Child Protection Plans': 0,
    });
  });
  it('a plan that ended before the range is not', () => {
    expect(inList(7, f.child['referredBefore']!.id)).toBe(false);
  });
});

describe('List 8: children in care in the range', () => {
  it('the period of care is in with its legal status, placement, review, visits, health, missing episode and return interview', () => {
    expect(rowOf(8, f.child['inCare']!.id)).toMatchObject({
      'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)': 'b) No', 'Date Started to be Looked After': '2026-03-01', "Child's Category of Need": 'N1 - Abuse or neglect',
      'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)': 'b) No', 'Start date of current legal status': '2026-09-01', "Child's Legal Status": 'C2: FCO',
      'Date of Latest Statutory Review': '2026-09-15', 'Date of Last Social Work Visit': '2026-10-01', 'What is the permanence plan for this child?': 'f) Long-term fostering',
      'Date of Last IRO Visit / Contact to the Child': null, 'Date of Last Health Assessment': '2026-04-01', 'Date of Last Dental Check': '2026-05-01', 'Number of Placements in the Last 12 months': 1,
      'Date Ceased to be Looked After': null, 'Start Date of Most Recent Placement': '2026-03-01', 'Placement Type': 'd) U4: Foster placement - long term', 'Placement Provider': 'b) PR1: Own provision',
      'Placement postcode': 'AB1 2CD', 'Placement Location': 'a) In', 'LA of Placement': 'Test Council',
      "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": 1, "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months": 0,
      'Was the child offered a Return Interview after their last missing episode (Y/N)?': 'a) Yes', 'Did the child accept a Return Interview after their last missing episode (Y/N)?': 'b) No',
    });
  });
  it('a period of care that ended before the range is not', () => {
    expect(inList(8, f.child['leftCareBefore']!.id)).toBe(false);
  });
});

describe('List 9: care leavers at the end of the range (CPPCR 2010 reg 40; Children Act 1989 s.23C)', () => {
  it('a young person who left care at 17 after four years is a former relevant care leaver at 18, with their personal adviser', () => {
    expect(rowOf(9, f.child['careLeaver']!.id)).toMatchObject({
      'Age of Child (Years)': 18, 'Allocated Worker': 'adviser', 'Eligibility Category': 'b) Former relevant child', 'LA in Touch': 'a) Yes', 'Type of Accommodation': 'U: Independent living',
      'Suitability of Accommodation': 'a) Suitable', 'Activity Status': 'F3: Full time in training or employment',
    });
  });
  it('a young person of 25 is no longer a care leaver; a child still in care is on list 8, not here', () => {
    expect(inList(9, f.child['tooOld']!.id)).toBe(false);
    expect(inList(9, f.child['inCare']!.id)).toBe(false);
  });
});

describe('List 10: children with a plan for adoption in the range', () => {
  it('the plan is in with its placement order, match and placement; no adoption order yet; the family is the adopters matched with him', () => {
    expect(rowOf(10, f.child['adopted']!.id)).toMatchObject({
      'Family identifier': f.households.ashes, 'Age of Child (Years)': 2, 'Date the Child Entered Care': '2025-10-01', 'Date of Decision that Child Should be Placed for Adoption': '2026-02-01',
      'Date of Placement Order': '2026-06-15', 'Date of Matching Child and Prospective Adopters': '2026-09-01', 'Date Placed for Adoption': '2026-09-20', 'Date of Adoption Order': null,
      'Date of Decision that Child Should No Longer be Placed for Adoption': null,
    });
  });
  it('a plan changed away from adoption in the range gives the date and the SSDA903 reason as Annex A words it', () => {
    expect(rowOf(10, f.child['adoptionReversed']!.id)).toMatchObject({
      'Date of Decision that Child Should No Longer be Placed for Adoption': '2026-07-14', 'Reason Why Child No Longer Placed for Adoption': 'RD2 - The Court did not make a placement order',
    });
  });
  it('a plan for adoption that changed before the range is not', () => {
    expect(inList(10, f.child['adoptionChanged']!.id)).toBe(false);
  });
});

describe('List 11: adopters in the process in the range', () => {
  it('the Ashes are in, one row for each of the two applicants, approved on 10 August and matched with Alfie', () => {
    const rows = lists[11].filter((r) => r.householdId === f.households.ashes);
    expect(rows.map((r) => r.cells[0])).toEqual([`${f.households.ashes}-1`, `${f.households.ashes}-2`]);
    const headers = listOf(11)!.columns.map((c) => c.header);
    expect(Object.fromEntries(headers.map((h, i) => [h, rows[0]!.cells[i]]))).toMatchObject({
      'Family identifier': f.households.ashes, 'Is the (prospective) adopter fostering for adoption?': 'b) No', 'Date enquiry received': '2026-03-01', 'Date Stage 1 started': '2026-03-15',
      'Date Stage 1 ended': '2026-05-15', 'Date Stage 2 started': '2026-05-20', 'Date Stage 2 ended': '2026-08-01', 'Date application approved': '2026-08-10',
      'Date adopter matched with child(ren)': '2026-09-01', 'Date child/children placed with adopter(s)': '2026-09-20', 'No. of children placed': 1, 'Date of leaving adoption process': null,
    });
  });
  it('a household that withdrew before the range is not', () => {
    expect(lists[11].some((r) => r.householdId === f.households.left)).toBe(false);
  });
});

describe('the summary', () => {
  it('counts each list’s rows as the lists have them', async () => {
    const summary = await annexASummary(t.ctx.db, RANGE);
    for (const s of summary) expect(s.rows, s.sheet).toBe(lists[s.n].length);
    expect(summary.find((s) => s.n === 11)?.rows).toBe(2);
  });
});
