// Family group decision-making before proceedings: Children Act 1989 s.31ZA, inserted by the
// Children's Wellbeing and Schools Act 2026 s.1 (policy-2026.md §1). The offer to each parent and
// person with parental responsibility, their answers, the meeting, the best-interests decisions, and
// the care application that waits for an accepted meeting, unless the council holds the duty back.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, textOf } from '../plans/test-helpers.ts';

let t: TestApp;
let worker: Agent;
let admin: Agent;

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  admin = await t.signIn('admin');
});

afterAll(async () => {
  await t?.close();
});

const api = (childId: string) => `/api/v1/children/${childId}`;

/** Someone in the child's family on the record. */
async function relative(childId: string, firstName: string, kind: string, parentalResponsibility: boolean): Promise<string> {
  const id = randomUUID();
  await t.ctx.db.insertInto('person').values({ id, kind: 'adult', first_name: firstName, last_name: 'Mensah', recorded_by: t.users.admin }).execute();
  await t.ctx.db
    .insertInto('relationship')
    .values({ id: randomUUID(), person_id: childId, related_person_id: id, kind, parental_responsibility: parentalResponsibility, recorded_by: t.users.admin })
    .execute();
  return id;
}

interface Family {
  childId: string;
  preId: string;
  mother: string;
  father: string;
  grandmother: string;
}

/** A child in pre-proceedings since 6 July 2026, with a mother and father (both with PR) and a grandmother. */
async function familyInPreProceedings(firstName = 'Kofi'): Promise<Family> {
  const childId = await makeChild(t, { firstName });
  const mother = await relative(childId, 'Abena', 'mother', true);
  const father = await relative(childId, 'Kwame', 'father', true);
  const grandmother = await relative(childId, 'Efua', 'grandparent', false);
  const lpm = await worker.api('POST', `${api(childId)}/legal-planning-meetings`, { heldOn: '2026-07-01', decision: 'pre_proceedings', reasons: 'Neglect continuing despite the CP plan.' });
  expect(lpm.statusCode, lpm.body).toBe(201);
  const pre = await worker.api('POST', `${api(childId)}/pre-proceedings`, { sentOn: '2026-07-06' });
  expect(pre.statusCode, pre.body).toBe(201);
  return { childId, preId: pre.json().id, mother, father, grandmother };
}

async function offer(f: Family, personIds: string[], offeredOn = '2026-07-06') {
  const response = await worker.api('POST', `${api(f.childId)}/pre-proceedings/${f.preId}/family-group/offers`, { offeredOn, personIds });
  expect(response.statusCode, response.body).toBe(201);
  const offers = await t.ctx.db.selectFrom('fgdm_offer').select(['id', 'person_id']).where('pre_proceedings_id', '=', f.preId).where('deleted_at', 'is', null).execute();
  return (personId: string) => offers.find((o) => o.person_id === personId)!.id;
}

async function answer(f: Family, offerId: string, response: 'accepted' | 'declined' | 'no_response', respondedOn = '2026-07-10', reason?: string) {
  return worker.api('POST', `${api(f.childId)}/fgdm-offers/${offerId}/answer`, { response, respondedOn, ...(reason ? { reason } : {}) });
}

const application = (issuedOn: string) => ({ issuedOn, court: 'Family Court at East London', caseNumber: `ZE26C${Math.floor(Math.random() * 1e5)}`, applicationType: 'care_order' });

async function setDuty(body: { inForce: string; from?: string }) {
  const response = await admin.api('PUT', '/api/v1/settings/family-group-decision-making', body);
  expect(response.statusCode, response.body).toBe(200);
}

describe('the offer of a family group decision-making meeting (s.31ZA(1): parents and everyone with parental responsibility)', () => {
  it('is made to each parent with parental responsibility, each with their own answer, and the chronology shows each', async () => {
    const f = await familyInPreProceedings('Ama');
    const form = textOf((await worker.get(`/children/${f.childId}/proceedings/pre-proceedings/${f.preId}/family-group/offers/new`)).body);
    // The form offers the parents, not the grandmother (no parental responsibility).
    expect(form).toContain('Abena Mensah');
    expect(form).toContain('Kwame Mensah');
    expect(form).not.toContain('Efua Mensah');
    const saved = await worker.post(`/children/${f.childId}/proceedings/pre-proceedings/${f.preId}/family-group/offers/new`, { ...dateFields('offeredOn', '2026-07-06'), personIds: [f.mother, f.father] });
    expect(saved.statusCode).toBe(303);
    const offers = await t.ctx.db.selectFrom('fgdm_offer').selectAll().where('pre_proceedings_id', '=', f.preId).orderBy('relationship').execute();
    expect(offers.map((o) => [o.relationship, o.parental_responsibility, o.offered_on, o.response])).toEqual([
      ['Father', true, '2026-07-06', null],
      ['Mother', true, '2026-07-06', null],
    ]);
    const events = await t.ctx.db.selectFrom('child_event').select(['type', 'title', 'detail', 'scope_id']).where('child_id', '=', f.childId).where('type', '=', 'fgdm.offered').execute();
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.scope_id === f.preId && e.detail === 'Offered in the letter before proceedings.')).toBe(true);
    expect(events.map((e) => e.title).sort()).toEqual([
      'Family group decision-making meeting offered to Abena Mensah (mother)',
      'Family group decision-making meeting offered to Kwame Mensah (father)',
    ]);
  });

  it('refuses someone without parental responsibility who is not a parent, a second offer to the same person, and an offer before the letter', async () => {
    const f = await familyInPreProceedings();
    const grandmother = await worker.api('POST', `${api(f.childId)}/pre-proceedings/${f.preId}/family-group/offers`, { offeredOn: '2026-07-06', personIds: [f.grandmother] });
    expect(grandmother.statusCode).toBe(422);
    expect(grandmother.json().error).toContain('parents and anyone with parental responsibility');
    await offer(f, [f.mother]);
    const again = await worker.api('POST', `${api(f.childId)}/pre-proceedings/${f.preId}/family-group/offers`, { offeredOn: '2026-07-08', personIds: [f.mother] });
    expect(again.statusCode).toBe(422);
    expect(again.json().error).toBe('Abena Mensah was already offered the meeting on 6 July 2026');
    const early = await worker.api('POST', `${api(f.childId)}/pre-proceedings/${f.preId}/family-group/offers`, { offeredOn: '2026-07-01', personIds: [f.father] });
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toBe('The offer cannot be before the letter before proceedings was sent (6 July 2026)');
  });

  it('an answer changed later needs a reason, and the answer as it was is kept', async () => {
    const f = await familyInPreProceedings();
    const offerOf = await offer(f, [f.mother]);
    expect((await answer(f, offerOf(f.mother), 'declined')).statusCode).toBe(201);
    const noReason = await answer(f, offerOf(f.mother), 'accepted', '2026-07-20');
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error).toBe('Abena Mensah’s answer (declined, 10 July 2026) is already recorded: say why it is changing');
    expect((await answer(f, offerOf(f.mother), 'accepted', '2026-07-20', 'She rang to say she wants the meeting after all')).statusCode).toBe(201);
    const versions = await t.ctx.db.selectFrom('record_version').select(['reason', 'data']).where('record_id', '=', offerOf(f.mother)).orderBy('version').execute();
    expect(versions.at(-1)!.reason).toBe('She rang to say she wants the meeting after all');
    expect(JSON.stringify(versions.at(-1)!.data)).toContain('declined');
    const event = await t.ctx.db.selectFrom('child_event').select(['title', 'occurred_on']).where('source_id', '=', offerOf(f.mother)).where('type', '=', 'fgdm.response').executeTakeFirstOrThrow();
    expect(event).toEqual({ title: 'Abena Mensah accepted the offer of a family group meeting', occurred_on: '2026-07-20' });
  });
});

describe('a care application waits for an accepted family group meeting (s.31ZA(2)-(3))', () => {
  it('is refused while an accepted meeting has not been held, in the worker’s words with the statute, and nothing is stored', async () => {
    const f = await familyInPreProceedings('Yaw');
    const offerOf = await offer(f, [f.mother, f.father]);
    await answer(f, offerOf(f.mother), 'accepted');
    await answer(f, offerOf(f.father), 'declined');
    const refused = await worker.api('POST', `${api(f.childId)}/care-proceedings`, application('2026-09-01'));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toBe(
      'Abena Mensah accepted the offer of a family group decision-making meeting, and none has been held: hold the meeting before the care application, or record the council’s decision that holding it is not in the child’s best interests (Children Act 1989 s.31ZA, inserted by the Children’s Wellbeing and Schools Act 2026 s.1)',
    );
    // The form says the same, with what was typed put back.
    const page = await worker.post(`/children/${f.childId}/proceedings/issue`, { ...dateFields('issuedOn', '2026-09-01'), court: 'Family Court at East London', caseNumber: 'ZE26C77777', applicationType: 'care_order' });
    expect(page.statusCode).toBe(422);
    expect(textOf(page.body)).toContain('none has been held: hold the meeting before the care application');
    expect(page.body).toContain('ZE26C77777');
    expect(await t.ctx.db.selectFrom('care_proceedings').select('id').where('child_id', '=', f.childId).execute()).toHaveLength(0);
    const pre = await t.ctx.db.selectFrom('pre_proceedings').select('ended_on').where('id', '=', f.preId).executeTakeFirstOrThrow();
    expect(pre.ended_on).toBeNull();
    const fgPage = textOf((await worker.get(`/children/${f.childId}/proceedings/pre-proceedings/${f.preId}/family-group`)).body);
    expect(fgPage).toContain('a care application cannot be recorded until the meeting is held');
    const record = textOf((await worker.get(`/children/${f.childId}`)).body);
    expect(record).toContain('1 of 2 accepted a family group meeting: not yet held, so a care application must wait');
  });

  it('goes ahead once the meeting is held, on or after its date, with the attendees and the family’s proposal recorded', async () => {
    const f = await familyInPreProceedings('Esi');
    const offerOf = await offer(f, [f.mother]);
    await answer(f, offerOf(f.mother), 'accepted');
    const meeting = await worker.post(`/children/${f.childId}/proceedings/pre-proceedings/${f.preId}/family-group/meetings/new`, {
      ...dateFields('heldOn', '2026-08-12'),
      attendeeIds: [f.mother, f.grandmother],
      otherAttendees: 'Ama Owusu, family friend\nRev. Boateng, church minister',
      familyProposal: 'Grandmother to care for Esi during the week; mother to attend the drug service.',
    });
    expect(meeting.statusCode).toBe(303);
    const stored = await t.ctx.db.selectFrom('fgdm_meeting').selectAll().where('pre_proceedings_id', '=', f.preId).executeTakeFirstOrThrow();
    expect(stored.attendees).toEqual([
      { personId: f.mother, name: 'Abena Mensah', relationship: 'Mother' },
      { personId: f.grandmother, name: 'Efua Mensah', relationship: 'Grandparent' },
      { personId: null, name: 'Ama Owusu', relationship: 'family friend' },
      { personId: null, name: 'Rev. Boateng', relationship: 'church minister' },
    ]);
    // An application dated before the meeting still waits; on the day after, it goes ahead.
    const before = await worker.api('POST', `${api(f.childId)}/care-proceedings`, application('2026-08-11'));
    expect(before.statusCode).toBe(422);
    const after = await worker.api('POST', `${api(f.childId)}/care-proceedings`, { ...application('2026-08-13'), letterInitiatingSentOn: '2026-08-14' });
    expect(after.statusCode, after.body).toBe(201);
    const proceedings = await t.ctx.db.selectFrom('care_proceedings').selectAll().where('id', '=', after.json().id).executeTakeFirstOrThrow();
    expect(proceedings).toMatchObject({ pre_proceedings_id: f.preId, letter_initiating_sent_on: '2026-08-14' });
    const page = textOf((await worker.get(`/children/${f.childId}/proceedings/pre-proceedings/${f.preId}/family-group`)).body);
    expect(page).toContain('Rev. Boateng church minister');
    expect(page).toContain('Grandmother to care for Esi during the week');
    // The application date cannot now be corrected to before the meeting.
    const moved = await worker.api('PUT', `${api(f.childId)}/care-proceedings/${after.json().id}`, { ...application('2026-08-10'), reason: 'Wrong date typed' });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().error).toContain('s.31ZA');
  });

  it('an attendee typed without their relationship to the child is refused', async () => {
    const f = await familyInPreProceedings();
    const response = await worker.api('POST', `${api(f.childId)}/pre-proceedings/${f.preId}/family-group/meetings`, { heldOn: '2026-08-12', attendeeIds: [], otherAttendees: 'Ama Owusu', familyProposal: 'A plan' });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toContain('Give each other attendee’s relationship to the child after a comma');
  });

  it('goes ahead when the council decided holding the meeting is not in the child’s best interests (who, when, why), not before that decision', async () => {
    const f = await familyInPreProceedings('Kojo');
    const offerOf = await offer(f, [f.father]);
    await answer(f, offerOf(f.father), 'accepted');
    const decided = await worker.post(`/children/${f.childId}/proceedings/pre-proceedings/${f.preId}/family-group/best-interests/new`, {
      covers: 'meeting',
      ...dateFields('decidedOn', '2026-09-03'),
      decidedBy: 'Legal gateway panel, chaired by Jo Hart, head of service',
      why: 'Father’s violence towards the mother: a meeting would put her and Kojo at risk.',
    });
    expect(decided.statusCode).toBe(303);
    expect((await worker.api('POST', `${api(f.childId)}/care-proceedings`, application('2026-09-02'))).statusCode).toBe(422);
    const issued = await worker.api('POST', `${api(f.childId)}/care-proceedings`, application('2026-09-04'));
    expect(issued.statusCode, issued.body).toBe(201);
    const event = await t.ctx.db.selectFrom('child_event').select(['title', 'detail']).where('child_id', '=', f.childId).where('type', '=', 'fgdm.exemption').executeTakeFirstOrThrow();
    expect(event.title).toBe('Decided: not to hold the meeting that was accepted, as it is not in the child’s best interests');
    expect(event.detail).toContain('Decided by Legal gateway panel, chaired by Jo Hart, head of service.');
  });

  it('is not held back when everyone declined, or nobody was offered the meeting', async () => {
    const f = await familyInPreProceedings();
    const offerOf = await offer(f, [f.mother]);
    await answer(f, offerOf(f.mother), 'declined');
    expect((await worker.api('POST', `${api(f.childId)}/care-proceedings`, application('2026-09-01'))).statusCode).toBe(201);
  });
});

describe('the council setting: the duty held back until commencement (on by default)', () => {
  it('is in force by default; “not yet” lets the application go ahead; “from a date” applies to applications from that date', async () => {
    expect((await admin.get('/api/v1/settings/family-group-decision-making')).json()).toEqual({ duty: { inForce: 'now' } });
    const f = await familyInPreProceedings();
    const offerOf = await offer(f, [f.mother]);
    await answer(f, offerOf(f.mother), 'accepted');

    await setDuty({ inForce: 'from', from: '2026-09-01' });
    expect((await worker.api('POST', `${api(f.childId)}/care-proceedings`, application('2026-09-01'))).statusCode).toBe(422);

    await setDuty({ inForce: 'not-yet' });
    const page = textOf((await worker.get(`/children/${f.childId}/proceedings/pre-proceedings/${f.preId}/family-group`)).body);
    expect(page).toContain('Not yet in force for this council');
    const issued = await worker.api('POST', `${api(f.childId)}/care-proceedings`, application('2026-09-01'));
    expect(issued.statusCode, issued.body).toBe(201);
    await setDuty({ inForce: 'now' });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'object_id']).where('object_id', '=', 'fgdmDutyCommencement').execute();
    expect(audit.length).toBe(3);
  });

  it('the administrator’s page sets it from a date; a worker may not', async () => {
    const form = await admin.get('/admin/settings/family-group-decision-making');
    expect(form.statusCode).toBe(200);
    expect(textOf(form.body)).toContain('Now: In force: a care application waits');
    const bad = await admin.post('/admin/settings/family-group-decision-making', { inForce: 'from', ...dateFields('from', '2027-02-31') });
    expect(bad.statusCode).toBe(400);
    const saved = await admin.post('/admin/settings/family-group-decision-making', { inForce: 'from', ...dateFields('from', '2027-09-01') });
    expect(saved.statusCode).toBe(303);
    expect(textOf((await admin.get('/admin/settings/family-group-decision-making')).body)).toContain('In force for care applications made on or after 1 September 2027');
    expect((await worker.get('/admin/settings/family-group-decision-making')).statusCode).toBe(403);
    await setDuty({ inForce: 'now' });
  });
});

describe('corrections', () => {
  it('a meeting is corrected with the reason (old version kept, chronology follows) and deleted; then the application waits again', async () => {
    const f = await familyInPreProceedings();
    const offerOf = await offer(f, [f.mother]);
    await answer(f, offerOf(f.mother), 'accepted');
    const created = await worker.api('POST', `${api(f.childId)}/pre-proceedings/${f.preId}/family-group/meetings`, { heldOn: '2026-08-12', attendeeIds: [f.mother], familyProposal: 'A plan' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const version = (await t.ctx.db.selectFrom('fgdm_meeting').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
    const corrected = await worker.post(`/children/${f.childId}/proceedings/family-group/meetings/${id}/change`, {
      ...dateFields('heldOn', '2026-08-14'),
      attendeeIds: [f.mother, f.father],
      familyProposal: 'Father to move out; mother and grandmother to share care',
      reason: 'The meeting was on the 14th and the father came',
      version: String(version),
    });
    expect(corrected.statusCode).toBe(303);
    const event = await t.ctx.db.selectFrom('child_event').select(['occurred_on', 'title']).where('source_id', '=', id).executeTakeFirstOrThrow();
    expect(event).toEqual({ occurred_on: '2026-08-14', title: 'Family group decision-making meeting: 2 attended' });
    const removed = await worker.api('DELETE', `${api(f.childId)}/fgdm-meetings/${id}`, { reason: 'Recorded on the wrong child' });
    expect(removed.statusCode).toBe(200);
    expect((await worker.api('POST', `${api(f.childId)}/care-proceedings`, application('2026-09-01'))).statusCode).toBe(422);
    // Another child's meeting is not found through this child.
    const other = await makeChild(t);
    expect((await worker.get(`/children/${other}/proceedings/family-group/meetings/${id}/change`)).statusCode).toBe(404);
  });

  it('a best-interests decision is corrected on its page with the reason: the page says the old version is kept, the change is audited, and it goes back to the family group page', async () => {
    const f = await familyInPreProceedings('Kwesi');
    const decision = await worker.api('POST', `${api(f.childId)}/pre-proceedings/${f.preId}/family-group/best-interests`, { covers: 'offer', decidedOn: '2026-07-02', decidedBy: 'Legal gateway panel', why: 'Risk of the father coercing the mother' });
    expect(decision.statusCode, decision.body).toBe(201);
    const id = decision.json().id as string;
    const path = `/children/${f.childId}/proceedings/family-group/best-interests/${id}/change`;
    const page = await worker.get(path);
    expect(page.statusCode).toBe(200);
    const text = textOf(page.body);
    for (const shown of ['Correct the best-interests decision of 2 July 2026', 'The decision as it was recorded is kept, with your reason.', 'Save correction', 'Why are you correcting it?']) expect(text).toContain(shown);
    expect(page.body).toContain('value="Legal gateway panel"');
    const noReason = await worker.post(path, { covers: 'offer', ...dateFields('decidedOn', '2026-07-03'), decidedBy: 'Legal gateway panel', why: 'Risk of the father coercing the mother', reason: '', version: '1' });
    expect(noReason.statusCode).toBe(400);
    const corrected = await worker.post(path, { covers: 'offer', ...dateFields('decidedOn', '2026-07-03'), decidedBy: 'Legal gateway panel', why: 'Risk of the father coercing the mother', reason: 'The panel met on the 3rd', version: '1' });
    expect(corrected.statusCode, textOf(corrected.body).slice(0, 300)).toBe(303);
    expect(corrected.headers.location).toBe(`/children/${f.childId}/proceedings/pre-proceedings/${f.preId}/family-group`);
    expect((await t.ctx.db.selectFrom('record_version').select('reason').where('record_id', '=', id).execute()).map((v) => v.reason)).toEqual(['The panel met on the 3rd']);
    const audited = await t.ctx.db.selectFrom('audit_log').select(['action', 'child_id']).where('object_type', '=', 'fgdm-exemption').where('object_id', '=', id).where('action', '=', 'update').execute();
    expect(audited).toEqual([{ action: 'update', child_id: f.childId }]);
    const meeting = await worker.api('POST', `${api(f.childId)}/pre-proceedings/${f.preId}/family-group/meetings`, { heldOn: '2026-08-12', attendeeIds: [f.mother], familyProposal: 'A plan' });
    expect(textOf((await worker.get(`/children/${f.childId}/proceedings/family-group/meetings/${meeting.json().id}/change`)).body)).toContain('The meeting as it was recorded is kept, with your reason.');
  });

  it('an offer, a meeting and a best-interests decision each have a delete page: it shows the record, asks why, deletes it and goes back to the family group page', async () => {
    const f = await familyInPreProceedings('Yaw');
    const offerOf = await offer(f, [f.mother]);
    await answer(f, offerOf(f.mother), 'accepted');
    const meeting = await worker.api('POST', `${api(f.childId)}/pre-proceedings/${f.preId}/family-group/meetings`, { heldOn: '2026-08-12', attendeeIds: [f.mother], familyProposal: 'Grandmother to share care' });
    const decision = await worker.api('POST', `${api(f.childId)}/pre-proceedings/${f.preId}/family-group/best-interests`, { covers: 'offer', decidedOn: '2026-07-02', decidedBy: 'Legal gateway panel', why: 'Risk of the father coercing the mother' });
    expect(decision.statusCode, decision.body).toBe(201);
    const familyGroup = `/children/${f.childId}/proceedings/pre-proceedings/${f.preId}/family-group`;
    const cases = [
      { path: `/children/${f.childId}/proceedings/family-group/offers/${offerOf(f.mother)}/delete`, table: 'fgdm_offer', id: offerOf(f.mother), objectType: 'fgdm-offer', shows: ['Delete this offer of a family group meeting', 'Abena Mensah (mother)', '6 July 2026', 'Accepted: wants the meeting on 10 July 2026'] },
      { path: `/children/${f.childId}/proceedings/family-group/meetings/${meeting.json().id}/delete`, table: 'fgdm_meeting', id: meeting.json().id as string, objectType: 'fgdm-meeting', shows: ['Delete this family group meeting', '12 August 2026', 'Grandmother to share care'] },
      { path: `/children/${f.childId}/proceedings/family-group/best-interests/${decision.json().id}/delete`, table: 'fgdm_exemption', id: decision.json().id as string, objectType: 'fgdm-exemption', shows: ['Delete this best-interests decision', '2 July 2026 by Legal gateway panel'] },
    ] as const;
    for (const c of cases) {
      const page = await worker.get(c.path);
      expect(page.statusCode).toBe(200);
      for (const text of c.shows) expect(textOf(page.body)).toContain(text);
      expect(page.body).toContain(`href="${familyGroup}"`);
      const noReason = await worker.post(c.path, { reason: '' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body).toContain('Say why you are deleting it');
      const deleted = await worker.post(c.path, { reason: 'Recorded on the wrong child' });
      expect(deleted.statusCode).toBe(303);
      expect(deleted.headers.location).toBe(familyGroup);
      const row = await t.ctx.db.selectFrom(c.table).select(['deleted_at']).where('id', '=', c.id).executeTakeFirstOrThrow();
      expect(row.deleted_at).not.toBeNull();
      const audited = await t.ctx.db.selectFrom('audit_log').select(['action', 'child_id']).where('object_type', '=', c.objectType).where('object_id', '=', c.id).where('action', '=', 'delete').execute();
      expect(audited).toEqual([{ action: 'delete', child_id: f.childId }]);
    }
    // Another child's record is not found through this child.
    const other = await makeChild(t);
    expect((await worker.get(`/children/${other}/proceedings/family-group/meetings/${meeting.json().id}/delete`)).statusCode).toBe(404);
  });

  it('the letter initiating proceedings cannot be before the application', async () => {
    const f = await familyInPreProceedings();
    const response = await worker.api('POST', `${api(f.childId)}/care-proceedings`, { ...application('2026-09-01'), letterInitiatingSentOn: '2026-08-30' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The letter initiating proceedings cannot be before the application was made');
  });
});
