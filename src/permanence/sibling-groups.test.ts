// Brothers and sisters placed for adoption together, or apart, with the reason (seed PS-05), from the
// permanence page to each child's record and chronology, and Annex A's family identifier: the same for
// every child of a group placed together and for the adopters matched with them (lists 10 and 11;
// decision 0055).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, textOf } from '../plans/test-helpers.ts';
import { workbookSheet } from '../returns/annex-a/test-fixture.ts';

let t: TestApp;
let worker: Agent;
let analyst: Agent;
let alfie: string;
let bea: string;
let cousin: string;
let household: string;

beforeAll(async () => {
  t = await startTestApp();
  [worker, analyst] = await Promise.all([t.signIn('worker'), t.signIn('analyst')]);
  const db = t.ctx.db;
  const by = { recorded_by: t.users.admin };
  household = randomUUID();
  await db.insertInto('adopter_household').values({
    id: household, name: 'Ruth and Dev Shah', applicants: 2, enquiry_on: '2025-09-01', registered_on: '2025-09-15', stage_one_ended_on: '2025-11-15', stage_two_started_on: '2025-11-20',
    panel_on: '2026-03-01', panel_recommended: true, decided_on: '2026-03-10', approved: true, ...by,
  }).execute();
  const inCareForAdoption = async (firstName: string, dateOfBirth: string) => {
    const id = await makeChild(t, { firstName, dateOfBirth });
    const period = randomUUID();
    await db.insertInto('care_period').values({ id: period, child_id: id, started_on: '2025-10-01', category_of_need: 'N1', decided_by: 'Head of service', ...by }).execute();
    const plan = randomUUID();
    await db.insertInto('permanence_plan').values({ id: plan, child_id: id, period_id: period, decided_on: '2026-02-01', plan: 'adoption', ...by }).execute();
    await db.insertInto('permanence_step').values({ id: randomUUID(), plan_id: plan, child_id: id, kind: 'authority_to_place', occurred_on: '2026-05-01', authority: 'placement_order', court: 'Family Court', ...by }).execute();
    await db.insertInto('adoption_match').values({ id: randomUUID(), child_id: id, plan_id: plan, household_id: household, panel_on: '2026-07-01', decided_on: '2026-07-08', ...by }).execute();
    return id;
  };
  alfie = await inCareForAdoption('Alfie', '2023-04-02');
  bea = await inCareForAdoption('Bea', '2024-08-19');
  cousin = await makeChild(t, { firstName: 'Cal' });
  await db.insertInto('relationship').values([
    { id: randomUUID(), person_id: alfie, related_person_id: bea, kind: 'sibling', ...by },
    { id: randomUUID(), person_id: cousin, related_person_id: alfie, kind: 'cousin', ...by },
  ]).execute();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const familyIds = async () => {
  const [list10, list11] = await Promise.all([workbookSheet(analyst, 'List 10'), workbookSheet(analyst, 'List 11')]);
  return {
    alfie: list10.find((r) => r['Child Unique ID'] === alfie)!['Family identifier'],
    bea: list10.find((r) => r['Child Unique ID'] === bea)!['Family identifier'],
    adopters: list11.filter((r) => String(r['Individual adopter identifier']).startsWith(household)).map((r) => r['Family identifier']),
  };
};

describe('brothers and sisters to be placed for adoption together', () => {
  it('before a group is recorded, each child’s family identifier is the household they are matched with', async () => {
    expect(await familyIds()).toEqual({ alfie: household, bea: household, adopters: [household, household] });
  });

  it('the worker records the group from Alfie’s page; only his recorded brothers and sisters are offered', async () => {
    const form = textOf((await worker.get(`/children/${alfie}/permanence/sibling-group`)).body);
    expect(form).toContain('Bea Adeyemi, born 19 August 2024');
    expect(form).not.toContain('Cal Adeyemi');
    const notSibling = await worker.post(`/children/${alfie}/permanence/sibling-group`, { siblings: cousin, decision: 'together', why: 'x', ...dateFields('decidedOn', '2026-06-10') });
    expect(notSibling.statusCode).toBe(422);
    expect(textOf(notSibling.body)).toContain('only the child’s recorded brothers and sisters');
    const saved = await worker.post(`/children/${alfie}/permanence/sibling-group`, {
      siblings: bea, decision: 'together', why: 'They are close; the sibling assessment found Bea relies on Alfie and they should grow up together.', ...dateFields('decidedOn', '2026-06-10'),
    });
    expect(saved.statusCode).toBe(303);
  });

  it('each child’s permanence page and chronology show the group', async () => {
    expect(textOf((await worker.get(`/children/${bea}/permanence`)).body)).toContain('Brothers and sisters: placed together Correct the group (Brothers and sisters: placed together) With Alfie Adeyemi Decided 10 June 2026');
    expect(textOf((await worker.get(`/children/${bea}/chronology`)).body)).toContain('To be placed for adoption together with Alfie');
    expect(textOf((await worker.get(`/children/${alfie}/chronology`)).body)).toContain('To be placed for adoption together with Bea');
  });

  it('Annex A gives both children and their adopters the group’s family identifier', async () => {
    const group = (await t.ctx.db.selectFrom('sibling_group_member').select('group_id').where('child_id', '=', alfie).executeTakeFirstOrThrow()).group_id;
    expect(await familyIds()).toEqual({ alfie: group, bea: group, adopters: [group, group] });
  });

  it('corrected to apart, with the reason: the version is kept, and the children are no longer one family in Annex A', async () => {
    const page = textOf((await worker.get(`/children/${alfie}/permanence/sibling-group/change`)).body);
    expect(page).toContain('Correct the brothers and sisters’ group');
    const group = await t.ctx.db.selectFrom('sibling_group').select(['id', 'version']).executeTakeFirstOrThrow();
    const corrected = await worker.post(`/children/${alfie}/permanence/sibling-group/change`, {
      siblings: bea, decision: 'apart', why: 'The assessment found Bea’s needs are best met on her own.', ...dateFields('decidedOn', '2026-06-10'), reason: 'The panel’s decision was recorded wrongly', version: String(group.version),
    });
    expect(corrected.statusCode).toBe(303);
    expect(await t.ctx.db.selectFrom('record_version').select('reason').where('record_id', '=', group.id).execute()).toEqual([{ reason: 'The panel’s decision was recorded wrongly' }]);
    expect(await familyIds()).toEqual({ alfie: household, bea: household, adopters: [household, household] });
    expect(textOf((await worker.get(`/children/${bea}/chronology`)).body)).toContain('To be placed apart from Alfie');
  });
});
