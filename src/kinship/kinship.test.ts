// Kinship care whatever its legal status (Children's Wellbeing and Schools Act 2026 s.5: CA 1989
// s.22H, s.22I): the arrangement, its carers, the kinship local offer sent to them within 20 working
// days (Lantern's practice standard, a council may shorten it; decision 0013), kinship foster care
// linked to the placement, corrections and the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenDecision } from '../oversight/test-helpers.ts';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, openEpisode, textOf } from '../plans/test-helpers.ts';

let t: TestApp;
let worker: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
});

afterAll(async () => {
  await t?.close();
});

const offerClocks = (childId: string) => t.ctx.db.selectFrom('clock').select(['started_on', 'due_on', 'met_on', 'stopped_on']).where('child_id', '=', childId).where('rule_id', '=', 'kinship-local-offer').orderBy('started_on').execute();
const arrangement = (kind: string, on: string, more: Record<string, string> = {}) => ({ kind, ...dateFields('startedOn', on), carerName: 'Patricia Lowe', carerRelationship: 'Grandmother', ...more });

describe('an arrangement and the kinship local offer (2026 Act s.5, CA 1989 s.22H(4))', () => {
  let childId: string;
  let arrangementId: string;

  beforeAll(async () => {
    childId = await makeChild(t, { firstName: 'Jayden', dateOfBirth: '2015-04-10' });
  });

  it('records a special guardianship order with two carers; the offer is due 20 working days after it was made', async () => {
    const saved = await worker.post(`/children/${childId}/kinship/new`, arrangement('sgo', '2026-09-07', { secondCarerName: 'Dennis Lowe', secondCarerRelationship: 'Grandfather' }));
    expect(saved.statusCode).toBe(303);
    arrangementId = (await t.ctx.db.selectFrom('kinship_arrangement').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow()).id;
    // Monday 7 September 2026 + 20 working days = Monday 5 October 2026.
    expect(await offerClocks(childId)).toEqual([{ started_on: '2026-09-07', due_on: '2026-10-05', met_on: null, stopped_on: null }]);
    const page = textOf((await worker.get(`/children/${childId}/kinship`)).body);
    expect(page).toContain('Special guardianship order (open)');
    expect(page).toContain('Patricia Lowe (Grandmother)');
    expect(page).toContain('Dennis Lowe (Grandfather)');
    expect(page).toContain('Not sent: due by 5 October 2026 Overdue');
    const record = textOf((await worker.get(`/children/${childId}`)).body);
    expect(record).toContain('Special guardianship order with Patricia Lowe and Dennis Lowe since 7 September 2026; local offer not sent');
  });

  it('refuses a second open arrangement, and an offer dated before the arrangement began', async () => {
    const second = await worker.post(`/children/${childId}/kinship/new`, arrangement('informal', '2026-10-01'));
    expect(second.statusCode).toBe(422);
    expect(textOf(second.body)).toContain('already in special guardianship order from 7 September 2026: end that arrangement first');
    const early = await worker.post(`/children/${childId}/kinship/${arrangementId}/offer`, { ...dateFields('sentOn', '2026-09-01'), how: 'post' });
    expect(early.statusCode).toBe(422);
    expect(textOf(early.body)).toContain('The arrangement began on 7 September 2026');
  });

  it('the offer sent late meets the clock, and the page says when and how', async () => {
    expect((await worker.post(`/children/${childId}/kinship/${arrangementId}/offer`, { ...dateFields('sentOn', '2026-10-12'), how: 'email' })).statusCode).toBe(303);
    expect(await offerClocks(childId)).toEqual([{ started_on: '2026-09-07', due_on: '2026-10-05', met_on: '2026-10-12', stopped_on: null }]);
    expect(textOf((await worker.get(`/children/${childId}/kinship`)).body)).toContain('Sent 12 October 2026 (by email)');
    const chronology = textOf((await worker.get(`/children/${childId}/chronology`)).body);
    expect(chronology).toContain('Kinship local offer sent to the carers (by email)');
  });

  it('a correction of the start moves the due date; the old version is kept with the reason', async () => {
    const { version } = await t.ctx.db.selectFrom('kinship_arrangement').select('version').where('id', '=', arrangementId).executeTakeFirstOrThrow();
    const corrected = await worker.post(`/children/${childId}/kinship/${arrangementId}/change`, { ...dateFields('startedOn', '2026-09-14'), note: '', reason: 'The order was made on the 14th', version: String(version) });
    expect(corrected.statusCode).toBe(303);
    expect((await offerClocks(childId))[0]).toMatchObject({ started_on: '2026-09-14', due_on: '2026-10-12', met_on: '2026-10-12' });
    const kept = await t.ctx.db.selectFrom('record_version').select('reason').where('record_id', '=', arrangementId).where('change', '=', 'update').orderBy('version', 'desc').executeTakeFirstOrThrow();
    expect(kept.reason).toBe('The order was made on the 14th');
  });

  it('a carer can be removed only while another remains', async () => {
    const carers = await t.ctx.db.selectFrom('kinship_carer').select(['id', 'name']).where('arrangement_id', '=', arrangementId).orderBy('recorded_at').execute();
    expect((await worker.post(`/children/${childId}/kinship/${arrangementId}/carers/${carers[1]!.id}/delete`, { reason: 'Grandfather moved out' })).statusCode).toBe(303);
    const last = await worker.api('DELETE', `/api/v1/children/${childId}/kinship/${arrangementId}/carers/${carers[0]!.id}`, { reason: 'Wrong person' });
    expect(last.statusCode).toBe(422);
    expect(last.json().error).toContain('at least one carer');
  });

  it('ends the arrangement', async () => {
    expect((await worker.post(`/children/${childId}/kinship/${arrangementId}/end`, { ...dateFields('endedOn', '2026-11-02'), reason: 'Jayden returned to his mother' })).statusCode).toBe(303);
    expect(textOf((await worker.get(`/children/${childId}/kinship`)).body)).toContain('Ended 2 November 2026: Jayden returned to his mother');
  });
});

describe('arrangements that began before s.5 came into force', () => {
  it('owe the offer from 29 June 2026, not from their start', async () => {
    const childId = await makeChild(t, { firstName: 'Mia', dateOfBirth: '2016-02-02' });
    const created = await worker.api('POST', `/api/v1/children/${childId}/kinship`, { kind: 'informal', startedOn: '2024-03-01', carerName: 'Joan Hart', carerRelationship: 'Aunt' });
    expect(created.statusCode).toBe(201);
    // Monday 29 June 2026 + 20 working days = Monday 27 July 2026.
    expect(await offerClocks(childId)).toEqual([{ started_on: '2026-06-29', due_on: '2026-07-27', met_on: null, stopped_on: null }]);
    const listed = await worker.get(`/api/v1/children/${childId}/kinship`);
    expect(listed.json().arrangements[0]).toMatchObject({ kind: 'informal', offerDueOn: '2026-07-27', offerOverdue: true, carers: [{ name: 'Joan Hart', relationship: 'Aunt' }] });
  });
});

describe('kinship foster care is a looked-after placement with a connected person', () => {
  it('refuses it for a child who is not looked after, and links the U3 placement of a child who is', async () => {
    const childId = await makeChild(t, { firstName: 'Leon', dateOfBirth: '2014-08-20' });
    const refused = await worker.post(`/children/${childId}/kinship/new`, arrangement('kinship_foster', '2026-06-01'));
    expect(refused.statusCode).toBe(422);
    expect(textOf(refused.body)).toContain('Kinship foster care is a looked-after placement, and the child was not looked after on 1 June 2026');
    await openEpisode(t, childId, '2026-05-01');
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-06-01', t.users.manager);
    const entered = await worker.api('POST', `/api/v1/children/${childId}/care-periods`, { startedOn: '2026-06-01', legalStatus: 'C1', categoryOfNeed: 'N1', decidedBy: 'Head of Service', placementType: 'U3', provider: 'PR1', carerName: 'Sandra Okafor' });
    expect(entered.statusCode).toBe(201);
    const placement = await t.ctx.db.selectFrom('placement').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    const form = textOf((await worker.get(`/children/${childId}/kinship/new`)).body);
    expect(form).toContain('Sandra Okafor, from 1 June 2026');
    expect((await worker.post(`/children/${childId}/kinship/new`, arrangement('kinship_foster', '2026-06-01', { carerName: 'Sandra Okafor', carerRelationship: 'Aunt', placementId: placement.id }))).statusCode).toBe(303);
    expect(textOf((await worker.get(`/children/${childId}/kinship`)).body)).toContain('Sandra Okafor (Foster placement with relative or friend');
  });
});
