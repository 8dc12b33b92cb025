// The data quality page finds what would make a figure or a return wrong, on children the user may
// see, and each item opens the place in the record where it is put right (issue 9; seeds DQ-08,
// DQ-10, DQ-12, DQ-22). The faults below are written straight into the tables, as a system Lantern
// replaced would have left them: Lantern's own forms refuse most of them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { insertAssessment, insertReferral } from '../../test/support/records.ts';
import { makeChild, openEpisode, textOf } from '../plans/test-helpers.ts';
import { checkCounts, type CheckCount } from './repository.ts';

let t: TestApp;
let analyst: Agent;

beforeAll(async () => {
  t = await startTestApp();
  analyst = await t.signIn('analyst');
});
afterAll(async () => {
  await t?.close();
});

/** A child with a sex and ethnicity recorded, so only the fault under test is found. */
async function recordedChild(options: { allocatedTo?: string | null } = {}) {
  const id = await makeChild(t, options);
  await t.ctx.db.updateTable('person').set({ sex: 'F', ethnicity: 'WBRI', upn: 'A123456789012' }).where('id', '=', id).execute();
  return id;
}

const episode = (childId: string, referralDate: string, closedOn: string | null, primaryNeed: string | null = 'N1') => insertReferral(t, childId, referralDate, { closedOn, primaryNeed });

const earlyAssessment = (childId: string, episodeId: string) => insertAssessment(t, childId, episodeId, '2026-04-20');
const visitRow = (childId: string, visitedOn: string) => ({ id: randomUUID(), child_id: childId, visited_on: visitedOn, kind: 'other' as const, plan_id: null, placement_id: null, worker_id: t.users.worker, child_seen: true, seen_alone: 'yes' as const, observations: 'Saw the child at home.', recorded_by: t.users.worker });

async function items(checkId: string, agent: Agent = analyst) {
  const response = await agent.get(`/api/v1/data-quality/${checkId}`);
  expect(response.statusCode).toBe(200);
  return response.json() as { total: number; items: { childId: string; day: string; what: string; fixAt: string }[] };
}
const about = (list: Awaited<ReturnType<typeof items>>, childId: string) => list.items.filter((i) => i.childId === childId).map((i) => [i.day, i.what, i.fixAt]);

describe('the data quality checks', () => {
  it('episodes that overlap (CIN census rule 8820; Wandsworth 2016 ¶28, DQ-08): the later episode, while the earlier is open', async () => {
    const child = await recordedChild();
    await episode(child, '2026-02-01', null);
    await episode(child, '2026-06-10', '2026-08-01');
    const fine = await recordedChild();
    await episode(fine, '2026-01-01', '2026-03-01');
    await episode(fine, '2026-03-01', null); // referred again the day it closed: no overlap
    const list = await items('overlapping-episodes');
    expect(about(list, child)).toEqual([['2026-06-10', 'Episode from 10 June 2026 starts while the episode from 1 February 2026 is still open', `/children/${child}/episodes`]]);
    expect(about(list, fine)).toEqual([]);
  });

  it('a case closed and referred again within 28 days (Wandsworth 2016 ¶21, rec 11; Southend 2016 ¶16, DQ-10)', async () => {
    const child = await recordedChild();
    await episode(child, '2026-03-01', '2026-05-01');
    await episode(child, '2026-05-29', null); // 28 days after: listed
    const later = await recordedChild();
    await episode(later, '2026-03-01', '2026-05-01');
    await episode(later, '2026-05-30', null); // 29 days after: not
    const list = await items('reopened-episodes');
    expect(about(list, child)).toEqual([['2026-05-29', 'Closed on 1 May 2026, referred again on 29 May 2026', `/children/${child}/episodes`]]);
    expect(about(list, later)).toEqual([]);
  });

  it('facts recorded more than 7 days after they happened, over the last 3 months (Wandsworth 2016 ¶28, Newham 2014 ¶12, DQ-12)', async () => {
    const child = await recordedChild();
    const note = (occurredOn: string, recordedAt: string, category = 'note') =>
      t.ctx.db
        .insertInto('child_event')
        .values({ id: randomUUID(), child_id: child, type: 'case-note.recorded', occurred_on: occurredOn, source_table: 'case_note', source_id: randomUUID(), scope_id: null, title: 'Case note', detail: null, category, recorded_at: new Date(recordedAt), recorded_by: t.users.worker, deleted_at: null })
        .execute();
    await note('2026-10-01', '2026-10-09T10:00:00Z'); // 8 days: late
    await note('2026-10-01', '2026-10-08T10:00:00Z'); // 7 days: not late
    await note('2026-07-01', '2026-09-30T10:00:00Z'); // late, but before the 3 months looked at
    await note('2026-10-02', '2026-11-01T10:00:00Z', 'history'); // history before Lantern is written later by its nature
    const list = await items('late-recording');
    expect(about(list, child)).toEqual([['2026-10-01', expect.stringMatching(/happened 1 October 2026, recorded 9 October 2026 \(8 days later\)$/), `/children/${child}/chronology`]]);
  });

  it('facts the CIN census and SSDA903 need (rules 4180, 4220, 8770Q, 8610; DQ-22), only for children open now', async () => {
    const child = await makeChild(t, { dateOfBirth: '2015-03-01' }); // school age; no sex, ethnicity or UPN
    await episode(child, '2026-04-01', null, null);
    const closed = await makeChild(t);
    await episode(closed, '2026-01-01', '2026-02-01', null);
    const list = await items('missing-for-returns');
    expect(about(list, child).map(([, what]) => what).sort()).toEqual([
      'Ethnicity is not recorded (CIN census rule 4220; SSDA903)',
      'No unique pupil number for a child of school age (CIN census rule 8770Q)',
      'Sex is not recorded (CIN census rule 4180; SSDA903)',
      'The episode has no primary need code, though the referral led to further action (CIN census rule 8610)',
    ]);
    expect(about(list, closed)).toEqual([]);
  });

  it('dates in an impossible order across records (CIN census rules 1103, 4008; Southend 2016 ¶117, DQ-02); a record ending before it starts cannot be stored at all', async () => {
    const child = await recordedChild();
    await earlyAssessment(child, await episode(child, '2026-05-01', null));
    await t.ctx.db.updateTable('person').set({ date_of_death: '2026-06-01' }).where('id', '=', child).execute();
    await t.ctx.db.insertInto('visit').values(visitRow(child, '2026-06-03')).execute();
    const list = await items('impossible-sequences');
    expect(about(list, child)).toEqual([
      ['2026-06-03', 'A visit is recorded after the child’s date of death (3 June 2026, against 1 June 2026)', `/children/${child}/visits`],
      ['2026-04-20', 'The assessment started before the referral of its episode (CIN census rule 1103) (20 April 2026, against 1 May 2026)', `/children/${child}/episodes`],
    ]);
    await expect(episode(child, '2026-07-01', '2026-06-20')).rejects.toThrow(/check constraint/);
  });

  it('each count equals the rows of its list, and the page shows them with where to put each right', async () => {
    const counts = (await analyst.get('/api/v1/data-quality')).json() as { checks: { id: string; items: number; children: number }[] };
    for (const check of counts.checks) {
      const list = await items(check.id);
      expect([check.id, list.total]).toEqual([check.id, check.items]);
    }
    const page = await analyst.get('/data-quality');
    expect(page.statusCode).toBe(200);
    expect(textOf(page.body)).toContain('Episodes of need that overlap');
    // The CIN census rules on the live record, for those who make the return (issue 10).
    expect(page.body).toContain('href="/returns/cin-census"');
    // The analyst reads the record only: the list says what is wrong, with no link to a form that would refuse them.
    const overlap = await analyst.get('/data-quality/overlapping-episodes');
    expect(textOf(overlap.body)).toContain('Episodes of need that overlap');
    expect(textOf(overlap.body)).not.toContain('Put it right');
    const managers = await (await t.signIn('manager')).get('/data-quality/overlapping-episodes');
    expect(textOf(managers.body)).toContain('Put it right');
    expect((await analyst.get('/data-quality/no-such-check')).statusCode).toBe(404);
  });
});

describe('who sees what', () => {
  it('a manager sees only their teams’ children; a social worker cannot open the page; each view is audited', async () => {
    const ours = await recordedChild();
    await episode(ours, '2026-05-01', null);
    await episode(ours, '2026-06-01', '2026-07-01');
    const elsewhere = await recordedChild({ allocatedTo: t.users.otherWorker });
    await episode(elsewhere, '2026-05-01', null);
    await episode(elsewhere, '2026-06-01', '2026-07-01');
    const manager = await t.signIn('manager');
    const seen = await items('overlapping-episodes', manager);
    expect(about(seen, ours)).toHaveLength(1);
    expect(about(seen, elsewhere)).toEqual([]);
    expect((await (await t.signIn('worker')).get('/data-quality')).statusCode).toBe(403);
    expect((await manager.get('/data-quality')).body).not.toContain('/returns/cin-census');
    const audit = await t.ctx.db.selectFrom('audit_log').select('object_type').where('user_id', '=', t.users.manager).where('object_type', '=', 'data-quality-list').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('a manager’s counts, started from the children they could see, are the council’s counted and then filtered by who they may see', async () => {
    const ours = await recordedChild();
    await episode(ours, '2026-05-01', null);
    await episode(ours, '2026-06-01', '2026-07-01');
    const elsewhere = await recordedChild({ allocatedTo: t.users.otherWorker });
    await episode(elsewhere, '2026-05-01', null);
    await episode(elsewhere, '2026-06-01', '2026-07-01');
    const row = await t.ctx.db.selectFrom('app_user').select(['id', 'username', 'display_name', 'role', 'team_id', 'agency']).where('id', '=', t.users.manager).executeTakeFirstOrThrow();
    expect(row.role).toBe('team_manager');
    const user = { id: row.id, username: row.username, displayName: row.display_name, role: 'team_manager' as const, teamId: row.team_id, agency: row.agency };
    const w = { today: '2026-11-20', since: '2026-05-20', lateRecordingDays: 7 };
    // inFrontDoorTeam false: reachableChildren narrows the statement first; unknown: it does not, and childVisibleTo alone decides.
    const narrowed = await checkCounts(t.ctx.db, { ...user, inFrontDoorTeam: false }, w);
    expect(narrowed).toEqual(await checkCounts(t.ctx.db, { ...user, inFrontDoorTeam: undefined }, w));
    const overlapping = (counts: CheckCount[]) => counts.find((c) => c.checkId === 'overlapping-episodes')!.children;
    expect(overlapping(narrowed)).toBeGreaterThanOrEqual(1);
    expect(overlapping(narrowed)).toBeLessThan(overlapping(await checkCounts(t.ctx.db, { ...user, role: 'senior_leader' }, w)));
  });
});
