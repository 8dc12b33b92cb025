// The IRO's contact with the child between reviews, from the IRO's form to the child's record, the
// chronology and Annex A list 8's "Date of Last IRO Visit / Contact to the Child" (IRO Handbook 2010
// ¶3.19-3.25; Care Planning Regulations 2010 reg 36, 45; seed IR-05; decision 0055).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, textOf } from '../plans/test-helpers.ts';
import { workbookSheet } from '../returns/annex-a/test-fixture.ts';
import { versionsOf } from '../db/history.ts';

let t: TestApp;
let worker: Agent;
let iro: Agent;
let childId: string;

beforeAll(async () => {
  t = await startTestApp();
  [worker, iro] = await Promise.all([t.signIn('worker'), t.signIn('iro')]);
  childId = await makeChild(t, { firstName: 'Kemi', dateOfBirth: '2014-03-09' });
  const db = t.ctx.db;
  await db.insertInto('allocation').values({ id: randomUUID(), child_id: childId, worker_id: t.users.iro, role: 'iro', from_date: '2026-05-01', recorded_by: t.users.manager }).execute();
  await db.insertInto('care_period').values({ id: randomUUID(), child_id: childId, started_on: '2026-05-01', category_of_need: 'N1', decided_by: 'Head of service', recorded_by: t.users.admin }).execute();
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const contact = (on: string, method: string, extra: Record<string, string> = {}) => ({ ...dateFields('contactOn', on), method, ...extra });

describe('the IRO records their contact with the child', () => {
  it('only an IRO records it; the worker is told who does', async () => {
    const refused = await worker.post(`/children/${childId}/iro-contacts/new`, contact('2026-09-01', 'visit', { seenAlone: 'yes' }));
    expect(refused.statusCode).toBe(403);
    expect(textOf((await worker.get(`/children/${childId}/iro-contacts/new`)).body)).toContain('Only an independent reviewing officer records their contact with the child');
  });

  it('a visit asks whether the child was seen alone; a date in the future is refused', async () => {
    const unanswered = await iro.post(`/children/${childId}/iro-contacts/new`, contact('2026-09-01', 'visit'));
    expect(unanswered.statusCode).toBe(400);
    expect(textOf(unanswered.body)).toContain('Say whether you saw the child alone');
    const future = await iro.post(`/children/${childId}/iro-contacts/new`, contact('2026-12-01', 'visit', { seenAlone: 'yes' }));
    expect(future.statusCode).toBe(422);
    expect(textOf(future.body)).toContain('The date of the contact cannot be in the future');
  });

  it('a visit before the review, then a phone call (seen alone is not asked of a call): both on the page, the latest first', async () => {
    expect((await iro.post(`/children/${childId}/iro-contacts/new`, contact('2026-09-01', 'visit', { seenAlone: 'yes', note: 'Kemi wants to see her brother more often.' }))).statusCode).toBe(303);
    expect((await iro.post(`/children/${childId}/iro-contacts/new`, contact('2026-10-14', 'phone', { seenAlone: 'no' }))).statusCode).toBe(303);
    const stored = await t.ctx.db.selectFrom('iro_contact').select(['contact_on', 'method', 'seen_alone', 'iro_id']).where('child_id', '=', childId).orderBy('contact_on').execute();
    expect(stored).toEqual([
      { contact_on: '2026-09-01', method: 'visit', seen_alone: true, iro_id: t.users.iro },
      { contact_on: '2026-10-14', method: 'phone', seen_alone: null, iro_id: t.users.iro },
    ]);
    const page = textOf((await worker.get(`/children/${childId}/iro-contacts`)).body);
    expect(page).toMatch(/14 October 2026 Phone call Not applicable .* 1 September 2026 Visit Yes .* Kemi wants to see her brother more often/);
    expect(textOf((await worker.get(`/children/${childId}`)).body)).toContain('Last 14 October 2026: phone call');
  });

  it('each contact is in the chronology', async () => {
    const chronology = textOf((await worker.get(`/children/${childId}/chronology`)).body);
    expect(chronology).toContain('IRO contact with the child: visit, seen alone');
    expect(chronology).toContain('IRO contact with the child: phone call');
  });

  it('Annex A list 8 gives the latest contact on or before the end of the range', async () => {
    const analyst = await t.signIn('analyst');
    const row = (rows: Record<string, unknown>[]) => rows.find((r) => r['Child Unique ID'] === childId)!;
    expect(row(await workbookSheet(analyst, 'List 8'))['Date of Last IRO Visit / Contact to the Child']).toBe('2026-10-14');
    expect(row(await workbookSheet(analyst, 'List 8', { from: '2026-06-01', to: '2026-09-30' }))['Date of Last IRO Visit / Contact to the Child']).toBe('2026-09-01');
  });

  it('a contact recorded in error is deleted with the reason; list 8 and the chronology no longer show it', async () => {
    const latest = await t.ctx.db.selectFrom('iro_contact').select('id').where('child_id', '=', childId).where('contact_on', '=', '2026-10-14').executeTakeFirstOrThrow();
    expect((await iro.post(`/children/${childId}/iro-contacts/${latest.id}/delete`, { reason: 'Recorded on the wrong child' })).statusCode).toBe(303);
    const analyst = await t.signIn('analyst');
    expect((await workbookSheet(analyst, 'List 8')).find((r) => r['Child Unique ID'] === childId)!['Date of Last IRO Visit / Contact to the Child']).toBe('2026-09-01');
    expect(textOf((await worker.get(`/children/${childId}/chronology`)).body)).not.toContain('IRO contact with the child: phone call');
  });

  it('a contact recorded wrongly is corrected by the IRO with the reason: the earlier version is kept, the page and the chronology show the corrected one', async () => {
    const visit = await t.ctx.db.selectFrom('iro_contact').select(['id', 'version']).where('child_id', '=', childId).where('contact_on', '=', '2026-09-01').executeTakeFirstOrThrow();
    const url = `/children/${childId}/iro-contacts/${visit.id}/change`;
    const form = textOf((await iro.get(url)).body);
    expect(form).toContain('Correct the contact on 1 September 2026');
    expect(form).toContain('Kemi wants to see her brother more often.');
    const corrected = contact('2026-09-02', 'video', { seenAlone: 'no', note: 'By video: Kemi wants to see her brother more often.', version: String(visit.version) });
    const noReason = await iro.post(url, corrected);
    expect(noReason.statusCode).toBe(400);
    expect(textOf(noReason.body)).toContain('Say why you are correcting this record');
    expect((await worker.post(url, { ...corrected, reason: 'Wrong day' })).statusCode).toBe(403);
    expect((await iro.post(url, { ...corrected, reason: 'It was the next day, by video' })).statusCode).toBe(303);

    const [earlier] = await versionsOf(t.ctx.db, visit.id);
    expect(earlier).toMatchObject({ change: 'update', reason: 'It was the next day, by video', changed_by: t.users.iro });
    const data = earlier!.data;
    expect(typeof data === 'string' ? JSON.parse(data) : data).toMatchObject({ contact_on: '2026-09-01', method: 'visit', seen_alone: true });
    const page = textOf((await worker.get(`/children/${childId}/iro-contacts`)).body);
    expect(page).toMatch(/2 September 2026 Video call No/);
    expect(page).not.toContain('1 September 2026');
    const chronology = textOf((await worker.get(`/children/${childId}/chronology`)).body);
    expect(chronology).toContain('IRO contact with the child: video call, not seen alone');
    expect(chronology).not.toContain('IRO contact with the child: visit, seen alone');
  });

  it('through the API: an IRO corrects a contact (PUT) and deletes one (DELETE), each with the reason', async () => {
    const made = await iro.api('POST', `/api/v1/children/${childId}/iro-contacts`, { contactOn: '2026-10-20', method: 'message' });
    expect(made.statusCode).toBe(201);
    const id = made.json<{ id: string }>().id;
    const url = `/api/v1/children/${childId}/iro-contacts/${id}`;
    expect((await worker.api('PUT', url, { contactOn: '2026-10-21', method: 'phone', reason: 'Wrong day' })).statusCode).toBe(403);
    const put = await iro.api('PUT', url, { contactOn: '2026-10-21', method: 'phone', reason: 'It was a phone call the day after' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ id });
    const listed = (await worker.get(`/api/v1/children/${childId}/iro-contacts`)).json<{ contacts: { id: string; contact_on: string; method: string }[] }>().contacts;
    expect(listed.find((c) => c.id === id)).toMatchObject({ contact_on: '2026-10-21', method: 'phone' });
    expect((await iro.api('DELETE', url, { reason: 'Recorded twice' })).statusCode).toBe(200);
    const [deleted] = await versionsOf(t.ctx.db, id);
    expect(deleted).toMatchObject({ change: 'delete', reason: 'Recorded twice' });
    expect(textOf((await worker.get(`/children/${childId}/iro-contacts`)).body)).not.toContain('21 October 2026');
  });
});
