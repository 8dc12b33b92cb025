// Children who go missing, in care or at home: the episode, the return, and the return interview
// within 72 hours counted in hours (timescales.md MI1), in England's time through the clock changes;
// the rules that keep the record true, corrections that keep the old version, and the managers'
// list of places and people named by more than one child (seed requirements §1.8g MI-01..MI-06, MI-10).
import { randomUUID } from 'node:crypto';
import { givenDecision } from '../oversight/test-helpers.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { dateFields, makeChild, openEpisode, textOf } from '../plans/test-helpers.ts';
import { hoursText, londonInstant, londonParts } from './london-time.ts';
import { groupNamed, normaliseName } from './patterns.ts';
import { interviewStatus } from './present.ts';

let t: TestApp;
let worker: Agent;
let manager: Agent;

beforeAll(async () => {
  t = await startTestApp(); // today is Friday 20 November 2026; now is 12:00 GMT
  worker = await t.signIn('worker');
  manager = await t.signIn('manager');
});

afterAll(async () => {
  await t?.close();
});

const when = (name: string, date: string, time: string) => ({ ...dateFields(`${name}On`, date), [`${name}Time`]: time });
const episodesOf = (childId: string) => t.ctx.db.selectFrom('missing_episode').selectAll().where('child_id', '=', childId).orderBy('went_missing_at').execute();
const interviewsOf = (childId: string) => t.ctx.db.selectFrom('return_interview').selectAll().where('child_id', '=', childId).execute();
const clocksOf = (childId: string) =>
  t.ctx.db.selectFrom('clock').select(['started_on', 'due_on', 'met_on', 'stopped_on', 'scope_id']).where('child_id', '=', childId).where('rule_id', '=', 'return-interview').orderBy('started_on').execute();

/** Records an episode through the pages and returns its id. */
async function wentMissing(childId: string, date: string, time: string, more: Record<string, string> = {}) {
  const response = await worker.post(`/children/${childId}/missing/new`, { ...when('wentMissing', date, time), kind: 'M', ...more });
  expect(response.statusCode, textOf(response.body).slice(0, 600)).toBe(303);
  return (await episodesOf(childId)).at(-1)!.id;
}
async function returned(childId: string, episodeId: string, date: string, time: string, whereFound = '') {
  const response = await worker.post(`/children/${childId}/missing/${episodeId}/return`, { ...when('returned', date, time), whereFound });
  expect(response.statusCode, textOf(response.body).slice(0, 600)).toBe(303);
}
const interview = (date: string, time: string, more: Record<string, unknown> = {}) => ({
  outcome: 'done',
  ...when('done', date, time),
  interviewer: 'Sam Lee, return interview worker, Safer Futures',
  interviewerIndependent: 'yes',
  exploitationRisk: 'none',
  ...more,
});
async function interviewed(childId: string, episodeId: string, body: Record<string, unknown>) {
  const response = await worker.post(`/children/${childId}/missing/${episodeId}/interview`, body as Record<string, string | string[]>);
  expect(response.statusCode, textOf(response.body).slice(0, 600)).toBe(303);
}

describe('times in England (london-time.ts)', () => {
  it('reads a time in December as GMT and one in October before the clocks change as BST', () => {
    expect(londonInstant('2025-12-09', '10:00')?.toISOString()).toBe('2025-12-09T10:00:00.000Z');
    expect(londonInstant('2026-10-23', '23:30')?.toISOString()).toBe('2026-10-23T22:30:00.000Z');
    expect(londonInstant('2026-10-26', '22:00')?.toISOString()).toBe('2026-10-26T22:00:00.000Z');
    // Midnight in summer is 23:00 the day before in UTC, and reads back as the day it was in England.
    expect(londonInstant('2026-07-01', '00:15')?.toISOString()).toBe('2026-06-30T23:15:00.000Z');
    expect(londonParts(new Date('2026-06-30T23:15:00Z'))).toEqual({ date: '2026-07-01', time: '00:15' });
  });

  it('refuses the hour skipped when the clocks go forward, and takes the first of the hour that happens twice', () => {
    expect(londonInstant('2026-03-29', '01:30')).toBeNull();
    expect(londonInstant('2026-03-29', '02:00')?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(londonInstant('2026-10-25', '01:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('says hours as a worker reads them', () => {
    expect(hoursText(70.5 * 60)).toBe('70.5 hours');
    expect(hoursText(72 * 60)).toBe('72 hours');
    expect(hoursText(15)).toBe('15 minutes');
  });
});

describe('the return interview in hours (timescales.md MI1: within 72 hours of the return)', () => {
  const at = (iso: string) => new Date(iso);
  it('exactly 72 hours is in time; a minute more is late; declined is never late; none is "not yet" then overdue', () => {
    const back = at('2026-11-13T10:00:00Z');
    const done = (iso: string) => [{ outcome: 'done' as const, offered_at: at(iso), done_at: at(iso) }];
    expect(interviewStatus(back, done('2026-11-16T10:00:00Z'), at('2026-11-20T12:00:00Z'))).toMatchObject({ key: 'in-time', minutes: 72 * 60 });
    expect(interviewStatus(back, done('2026-11-16T10:01:00Z'), at('2026-11-20T12:00:00Z'))).toMatchObject({ key: 'late', text: 'Late by 1 minute: 72 hours after the return' });
    expect(interviewStatus(back, [{ outcome: 'declined', offered_at: at('2026-11-17T10:00:00Z'), done_at: null }], at('2026-11-20T12:00:00Z')).key).toBe('declined');
    expect(interviewStatus(back, [], at('2026-11-15T10:00:00Z'))).toMatchObject({ key: 'not-yet', minutes: 48 * 60 });
    expect(interviewStatus(back, [{ outcome: 'not_reached', offered_at: at('2026-11-14T10:00:00Z'), done_at: null }], at('2026-11-20T12:00:00Z'))).toMatchObject({ key: 'overdue' });
    expect(interviewStatus(null, [], at('2026-11-20T12:00:00Z')).key).toBe('missing');
  });
});

describe('a child goes missing, returns and has a return interview', () => {
  it('returned Friday 23:30, interview Monday 22:00: 70.5 hours, in time; the clock starts on the return and is met (GMT, November)', async () => {
    const childId = await makeChild(t, { firstName: 'Mia', dateOfBirth: '2011-02-14' });
    const episodeId = await wentMissing(childId, '2026-11-13', '19:05', when('police', '2026-11-13', '21:00'));
    const [episode] = await episodesOf(childId);
    expect(episode).toMatchObject({ kind: 'M', placement_id: null, returned_at: null });
    expect(episode!.went_missing_at.toISOString()).toBe('2026-11-13T19:05:00.000Z');
    expect(episode!.reported_to_police_at!.toISOString()).toBe('2026-11-13T21:00:00.000Z');
    const record = textOf((await worker.get(`/children/${childId}`)).body);
    expect(record).toContain('Missing now, since Friday 13 November 2026 at 19:05');
    // While she is missing nobody has found her: the page does not ask where, with an empty answer.
    const missingNow = textOf((await worker.get(`/children/${childId}/missing`)).body);
    expect(missingNow).toContain('Returned Not yet');
    expect(missingNow).not.toContain('Where found');

    await returned(childId, episodeId, '2026-11-13', '23:30', 'Came back to the house by herself');
    expect(await clocksOf(childId)).toEqual([expect.objectContaining({ started_on: '2026-11-13', due_on: '2026-11-16', met_on: null, scope_id: episodeId })]);
    await interviewed(childId, episodeId, interview('2026-11-16', '22:00', { triggers: 'Argument with mum about her phone.', factors: ['conflict', 'friends'], whereTheyWere: 'The bus station\nQuayside car park', whoWith: 'Jay' }));
    expect(await clocksOf(childId)).toEqual([expect.objectContaining({ due_on: '2026-11-16', met_on: '2026-11-16' })]);

    const page = textOf((await worker.get(`/children/${childId}/missing`)).body);
    expect(page).toContain('In time 70.5 hours after the return');
    expect(page).toContain('4.4 hours'); // 19:05 to 23:30
    expect(page).toContain('Where found Came back to the house by herself');
    expect(page).toContain('Friday 13 November 2026 at 21:00 (1.9 hours after)');
    expect(page).toContain('Argument with mum about her phone.');
    expect(page).toContain('Conflict at home or in the placement, To be with friends');
    expect(page).toContain('Sam Lee, return interview worker, Safer Futures Independent');
    expect(textOf((await worker.get(`/children/${childId}`)).body)).toContain('1 missing episode in the last 12 months');
    const chronology = textOf((await worker.get(`/children/${childId}/chronology`)).body);
    expect(chronology).toContain('Went missing at 19:05');
    expect(chronology).toContain('Returned after 4.4 hours; found: Came back to the house by herself');
    expect(chronology).toContain('Return interview by Sam Lee');
  });

  it('across the October clock change (BST to GMT): Friday 23:30 to Monday 22:00 is 71.5 hours, not 70.5', async () => {
    const childId = await makeChild(t, { firstName: 'Leo', dateOfBirth: '2010-09-01' });
    const episodeId = await wentMissing(childId, '2026-10-23', '20:00');
    await returned(childId, episodeId, '2026-10-23', '23:30');
    expect((await episodesOf(childId))[0]!.returned_at!.toISOString()).toBe('2026-10-23T22:30:00.000Z');
    await interviewed(childId, episodeId, interview('2026-10-26', '22:00'));
    expect(textOf((await worker.get(`/children/${childId}/missing`)).body)).toContain('In time 71.5 hours after the return');
  });

  it('in December (GMT): returned Tuesday 10:00, interview Friday 11:00 is late by 1 hour', async () => {
    const childId = await makeChild(t, { firstName: 'Ava', dateOfBirth: '2012-03-03' });
    const episodeId = await wentMissing(childId, '2025-12-08', '22:00');
    await returned(childId, episodeId, '2025-12-09', '10:00');
    await interviewed(childId, episodeId, interview('2025-12-12', '11:00'));
    expect((await interviewsOf(childId))[0]!.done_at!.toISOString()).toBe('2025-12-12T11:00:00.000Z');
    expect(textOf((await worker.get(`/children/${childId}/missing`)).body)).toContain('Late 73 hours after the return, 1 hour past the 72');
  });

  it('the page says late from the hours even where the date clock is met: back Friday 10:00, interview Monday 20:00 (82 hours)', async () => {
    const childId = await makeChild(t, { firstName: 'Noah', dateOfBirth: '2011-06-01' });
    const episodeId = await wentMissing(childId, '2026-11-12', '21:00');
    await returned(childId, episodeId, '2026-11-13', '10:00');
    await interviewed(childId, episodeId, interview('2026-11-16', '20:00'));
    expect(await clocksOf(childId)).toEqual([expect.objectContaining({ due_on: '2026-11-16', met_on: '2026-11-16' })]);
    expect(textOf((await worker.get(`/children/${childId}/missing`)).body)).toContain('Late 82 hours after the return, 10 hours past the 72');
  });

  it('an interview offered and declined stops the clock: it is not late', async () => {
    const childId = await makeChild(t, { firstName: 'Zara', dateOfBirth: '2011-06-01' });
    const episodeId = await wentMissing(childId, '2026-11-01', '21:00');
    await returned(childId, episodeId, '2026-11-02', '08:00');
    await interviewed(childId, episodeId, { outcome: 'not_reached', ...when('offered', '2026-11-03', '16:00') });
    expect((await clocksOf(childId))[0]).toMatchObject({ met_on: null, stopped_on: null });
    await interviewed(childId, episodeId, { outcome: 'declined', ...when('offered', '2026-11-09', '16:00') });
    expect((await clocksOf(childId))[0]).toMatchObject({ met_on: null, stopped_on: '2026-11-09' });
    const page = textOf((await worker.get(`/children/${childId}/missing`)).body);
    expect(page).toContain('Declined offered 176 hours after the return');
    const again = await worker.post(`/children/${childId}/missing/${episodeId}/interview`, interview('2026-11-10', '10:00'));
    expect(again.statusCode).toBe(422);
    expect(textOf(again.body)).toContain('The return interview for this episode is already recorded');
  });

  it('a child in care away from a placement outside the area: the placement is filled in from the day', async () => {
    await t.ctx.db
      .insertInto('postcode_centroid')
      .values([
        { postcode: 'BW1 2AB', latitude: 50.8, longitude: -1.1, council_code: 'E0000BW', council_name: 'Brightwater' },
        { postcode: 'KQ3', latitude: 51.0, longitude: -1.1, council_code: 'E0000KQ', council_name: 'Kestrelford' },
      ])
      .execute();
    await t.ctx.db.insertInto('council_setting').values({ key: 'ownCouncilCode', value: JSON.stringify('E0000BW') }).execute();
    const childId = await makeChild(t, { firstName: 'Kai', dateOfBirth: '2010-04-04' });
    await openEpisode(t, childId, '2026-03-02');
    await givenDecision(t.ctx.db, childId, 'entry_to_care', '2026-06-01', t.users.manager);
    const care = await worker.api('POST', `/api/v1/children/${childId}/care-periods`, {
      startedOn: '2026-06-01',
      legalStatus: 'C1',
      categoryOfNeed: 'N1',
      decidedBy: 'Head of Service',
      homePostcode: 'BW1 2AB',
      placementType: 'K2',
      provider: 'PR4',
      carerName: 'Oakwood House',
      postcode: 'KQ3 4LM',
      intendedUntil18: false,
    });
    expect(care.statusCode).toBe(201);
    const created = await worker.api('POST', `/api/v1/children/${childId}/missing-episodes`, { wentMissingOn: '2026-11-14', wentMissingTime: '21:15', kind: 'A' });
    expect(created.statusCode).toBe(201);
    const [episode] = await episodesOf(childId);
    const placement = await t.ctx.db.selectFrom('placement').select('id').where('child_id', '=', childId).executeTakeFirstOrThrow();
    expect(episode!.placement_id).toBe(placement.id);
    const page = textOf((await worker.get(`/children/${childId}/missing`)).body);
    expect(page).toContain('Oakwood House Outside the area in Kestrelford');
    expect(page).toContain('Away from placement without authorisation');
    const chronology = textOf((await worker.get(`/children/${childId}/chronology`)).body);
    expect(chronology).toContain('Away from placement without authorisation from Oakwood House at 21:15');
  });
});

describe('what is refused, with nothing stored', () => {
  let childId: string;
  let episodeId: string;
  beforeAll(async () => {
    childId = await makeChild(t, { firstName: 'Ruby', dateOfBirth: '2012-05-04' });
    episodeId = await wentMissing(childId, '2026-11-10', '18:00');
    await returned(childId, episodeId, '2026-11-11', '09:00');
  });
  const refused = async (url: string, body: Record<string, unknown>, message: string, field?: string) => {
    const before = { episodes: await episodesOf(childId), interviews: await interviewsOf(childId) };
    const response = await worker.post(url, body as Record<string, string>);
    expect(response.statusCode, textOf(response.body).slice(0, 800)).toBe(422);
    expect(textOf(response.body)).toContain(message);
    if (field) expect(response.body).toContain(`href="#${field}"`);
    expect(await episodesOf(childId)).toEqual(before.episodes);
    expect(await interviewsOf(childId)).toEqual(before.interviews);
  };

  it('a return before the child went missing', async () => {
    const other = makeChild(t, { firstName: 'Eli', dateOfBirth: '2012-05-04' });
    const otherId = await other;
    const id = await wentMissing(otherId, '2026-11-15', '18:00');
    const response = await worker.post(`/children/${otherId}/missing/${id}/return`, when('returned', '2026-11-15', '17:59'));
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('The child cannot have returned before they went missing (Sunday 15 November 2026 at 18:00)');
    expect((await episodesOf(otherId))[0]!.returned_at).toBeNull();
  });

  it('an interview before the child returned, and one on an episode with no return yet', async () => {
    await refused(`/children/${childId}/missing/${episodeId}/interview`, interview('2026-11-11', '08:30'), 'The interview cannot have been offered before the child returned (Wednesday 11 November 2026 at 09:00)', 'doneOn');
    const open = await makeChild(t, { firstName: 'Ivy', dateOfBirth: '2012-05-04' });
    const openId = await wentMissing(open, '2026-11-18', '18:00');
    const response = await worker.post(`/children/${open}/missing/${openId}/interview`, interview('2026-11-19', '10:00'));
    expect(response.statusCode).toBe(422);
    expect(textOf(response.body)).toContain('The child has not returned yet: record their return before the return interview');
    expect(await interviewsOf(open)).toEqual([]);
  });

  it('an episode that overlaps another, and a second while the child is still missing (SSDA903 rule 574)', async () => {
    await refused(`/children/${childId}/missing/new`, { ...when('wentMissing', '2026-11-10', '23:00'), kind: 'M' }, 'The child was already missing from Tuesday 10 November 2026 at 18:00 to Wednesday 11 November 2026 at 09:00', 'wentMissingOn');
    const open = await makeChild(t, { firstName: 'Finn', dateOfBirth: '2012-05-04' });
    await wentMissing(open, '2026-11-18', '18:00');
    const second = await worker.api('POST', `/api/v1/children/${open}/missing-episodes`, { wentMissingOn: '2026-11-19', wentMissingTime: '10:00', kind: 'M' });
    expect(second.statusCode).toBe(422);
    expect(second.json().error).toContain('The child is recorded as missing since Wednesday 18 November 2026 at 18:00: record that they returned');
    expect(await episodesOf(open)).toHaveLength(1);
    // An earlier episode whose return runs into the open one overlaps it too.
    const earlier = await worker.api('POST', `/api/v1/children/${open}/missing-episodes`, { wentMissingOn: '2026-11-17', wentMissingTime: '10:00', kind: 'M' });
    expect(earlier.statusCode).toBe(422);
  });

  it('a date before the child was born, or in the future (tomorrow, or later today than now)', async () => {
    await refused(`/children/${childId}/missing/new`, { ...when('wentMissing', '2011-01-01', '10:00'), kind: 'M' }, 'The time the child went missing cannot be before the child was born (4 May 2012)', 'wentMissingOn');
    await refused(`/children/${childId}/missing/new`, { ...when('wentMissing', '2026-11-21', '10:00'), kind: 'M' }, 'The time the child went missing cannot be in the future', 'wentMissingOn');
    await refused(`/children/${childId}/missing/new`, { ...when('wentMissing', '2026-11-20', '12:30'), kind: 'M' }, 'The time the child went missing (12:30 today) is later than the time now', 'wentMissingTime');
    await refused(`/children/${childId}/missing/${episodeId}/interview`, interview('2026-11-20', '13:00'), 'is later than the time now', 'doneTime');
  });

  it('a time that did not happen (the hour the clocks go forward), and “away from placement” for a child not in care', async () => {
    await refused(`/children/${childId}/missing/new`, { ...when('wentMissing', '2026-03-29', '01:30'), kind: 'M' }, 'did not happen in England, because the clocks went forward', 'wentMissingTime');
    await refused(`/children/${childId}/missing/new`, { ...when('wentMissing', '2026-11-12', '20:00'), kind: 'A' }, '“Away from placement without authorisation” is for a child in care', 'kind');
  });

  it('a form without the time, or with a 12-hour time, is shown again with what was typed', async () => {
    const response = await worker.post(`/children/${childId}/missing/new`, { ...dateFields('wentMissingOn', '2026-11-12'), wentMissingTime: '9pm', kind: 'M', policeOn: '' });
    expect(response.statusCode).toBe(400);
    expect(textOf(response.body)).toContain('The time the child went missing must be a time on the 24-hour clock');
    expect(response.body).toContain('value="9pm"');
    const done = await worker.post(`/children/${childId}/missing/${episodeId}/interview`, { outcome: 'done' });
    expect(done.statusCode).toBe(400);
    for (const message of ['Enter the date of the interview', 'Enter who did the interview', 'Say whether the interviewer was independent', 'Choose whether the interview indicated a risk of exploitation']) {
      expect(textOf(done.body)).toContain(message);
    }
    expect(await episodesOf(childId)).toHaveLength(1);
  });
});

describe('corrections keep the old version with the reason', () => {
  it('an episode’s return corrected through the API: the old version is kept, the chronology and the clock follow', async () => {
    const childId = await makeChild(t, { firstName: 'Theo', dateOfBirth: '2011-01-01' });
    const episodeId = await wentMissing(childId, '2026-11-05', '20:00');
    await returned(childId, episodeId, '2026-11-06', '01:00');
    const noReason = await worker.api('PUT', `/api/v1/children/${childId}/missing-episodes/${episodeId}`, { wentMissingOn: '2026-11-05', wentMissingTime: '20:00', kind: 'M', returnedOn: '2026-11-07', returnedTime: '01:00' });
    expect(noReason.statusCode).toBe(400);
    const corrected = await worker.api('PUT', `/api/v1/children/${childId}/missing-episodes/${episodeId}`, {
      wentMissingOn: '2026-11-05',
      wentMissingTime: '20:00',
      kind: 'M',
      returnedOn: '2026-11-07',
      returnedTime: '01:00',
      whereFound: 'Found by police in the town centre',
      reason: 'The return was the night after: the carer confirmed',
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const [episode] = await episodesOf(childId);
    // Version 1 went missing, 2 returned, 3 corrected.
    expect(episode).toMatchObject({ version: 3, where_found: 'Found by police in the town centre' });
    const versions = await t.ctx.db.selectFrom('record_version').select(['version', 'reason', 'data']).where('record_id', '=', episodeId).orderBy('version').execute();
    expect(versions.map((v) => v.reason)).toEqual([null, 'The return was the night after: the carer confirmed']);
    expect(JSON.stringify(versions[1]!.data)).toContain('2026-11-06T01:00:00');
    const events = await t.ctx.db.selectFrom('child_event').select(['type', 'occurred_on', 'title']).where('source_id', '=', episodeId).orderBy('type').execute();
    expect(events).toEqual([
      { type: 'missing.returned', occurred_on: '2026-11-07', title: 'Returned after 29 hours; found: Found by police in the town centre' },
      { type: 'missing.started', occurred_on: '2026-11-05', title: 'Went missing at 20:00' },
    ]);
    expect((await clocksOf(childId))[0]).toMatchObject({ started_on: '2026-11-07', due_on: '2026-11-10' });
  });

  it('an interview corrected from declined to done meets the clock; deleted with the reason, the clock is open again and a copy is kept', async () => {
    const childId = await makeChild(t, { firstName: 'Lola', dateOfBirth: '2011-01-01' });
    const episodeId = await wentMissing(childId, '2026-11-05', '20:00');
    await returned(childId, episodeId, '2026-11-06', '10:00');
    await interviewed(childId, episodeId, { outcome: 'declined', ...when('offered', '2026-11-07', '10:00') });
    const [declined] = await interviewsOf(childId);
    const page = await worker.get(`/children/${childId}/return-interviews/${declined!.id}/change`);
    expect(page.statusCode).toBe(200);
    const changed = await worker.post(`/children/${childId}/return-interviews/${declined!.id}/change`, {
      ...interview('2026-11-08', '15:00'),
      ...when('offered', '2026-11-07', '10:00'),
      version: '1',
      reason: 'She changed her mind the next day and was seen',
    });
    expect(changed.statusCode, textOf(changed.body).slice(0, 600)).toBe(303);
    expect((await clocksOf(childId))[0]).toMatchObject({ met_on: '2026-11-08', stopped_on: null });
    expect(textOf((await worker.get(`/children/${childId}/missing`)).body)).toContain('In time 53 hours after the return');
    const deleted = await worker.post(`/children/${childId}/return-interviews/${declined!.id}/delete`, { reason: 'Recorded on the wrong child' });
    expect(deleted.statusCode).toBe(303);
    expect((await clocksOf(childId))[0]).toMatchObject({ met_on: null, stopped_on: null });
    const kept = await t.ctx.db.selectFrom('record_version').select(['change', 'reason']).where('record_id', '=', declined!.id).orderBy('version').execute();
    expect(kept).toEqual([
      { change: 'update', reason: 'She changed her mind the next day and was seen' },
      { change: 'delete', reason: 'Recorded on the wrong child' },
    ]);
  });

  it('deleting an episode takes its interviews with it, with the reason', async () => {
    const childId = await makeChild(t, { firstName: 'Omar', dateOfBirth: '2011-01-01' });
    const episodeId = await wentMissing(childId, '2026-11-05', '20:00');
    await returned(childId, episodeId, '2026-11-06', '10:00');
    await interviewed(childId, episodeId, interview('2026-11-07', '10:00'));
    const response = await worker.api('DELETE', `/api/v1/children/${childId}/missing-episodes/${episodeId}`, { reason: 'Duplicate of an episode recorded by the duty team' });
    expect(response.json()).toEqual({ id: episodeId, interviewsDeleted: 1 });
    expect((await interviewsOf(childId))[0]).toMatchObject({ deleted_reason: 'Duplicate of an episode recorded by the duty team' });
    expect(await clocksOf(childId)).toEqual([]);
  });
});

describe('patterns (seed MI-03, MI-04, MI-10)', () => {
  it('a child’s page shows the reasons, places and people that recur across their episodes, and the repeat flag', async () => {
    const childId = await makeChild(t, { firstName: 'Jade', dateOfBirth: '2011-01-01' });
    const days = ['2026-10-01', '2026-10-20', '2026-11-02'];
    for (const [n, day] of days.entries()) {
      const id = await wentMissing(childId, day, '20:00');
      await returned(childId, id, day, '23:00');
      await interviewed(childId, id, interview(addDay(day), '15:00', { factors: ['friends'], whereTheyWere: n === 2 ? 'the Bus Station.' : 'Bus station', whoWith: n === 0 ? 'no one' : 'Tiggz' }));
    }
    const page = textOf((await worker.get(`/children/${childId}/missing`)).body);
    expect(page).toContain('Repeat missing 3 episodes in the last 90 days');
    expect(page).toContain('a local setting');
    expect(page).toContain('To be with friends: 3 episodes');
    expect(page).toContain('Bus station: 3 episodes');
    expect(page).toContain('Tiggz: 2 episodes');
  });

  it('groups the same place written differently', () => {
    expect(normaliseName('The Bus Station.')).toBe('bus station');
    const groups = groupNamed([
      { childId: 'a', episodeId: '1', text: 'The bus station\nQuayside car park' },
      { childId: 'b', episodeId: '2', text: 'bus station; a friend’s flat' },
      { childId: 'c', episodeId: '3', text: 'Nowhere' },
    ]);
    expect(groups[0]).toMatchObject({ key: 'bus station', childIds: ['a', 'b'] });
    expect(groups.map((g) => g.key)).not.toContain('nowhere');
  });

  it('the managers’ list finds a place named by two children, opens the children behind the number, and shows no child the manager may not see', async () => {
    const a = await makeChild(t, { firstName: 'Amber', dateOfBirth: '2010-01-01' });
    const b = await makeChild(t, { firstName: 'Bryn', dateOfBirth: '2010-01-01' });
    // Allocated to a worker in another team: the manager of the safeguarding team may not see them.
    const hidden = await makeChild(t, { firstName: 'Hidden', dateOfBirth: '2010-01-01', allocatedTo: t.users.otherWorker });
    const other = await t.signIn('otherWorker');
    for (const [childId, place, agent] of [
      [a, 'Harbour Road underpass', worker],
      [b, 'harbour road underpass', worker],
      [a, 'Saltings Lane garages', worker],
      [hidden, 'Saltings Lane garages', other],
    ] as const) {
      const went = await agent.api('POST', `/api/v1/children/${childId}/missing-episodes`, { wentMissingOn: place.startsWith('S') ? '2026-11-16' : '2026-11-14', wentMissingTime: '19:00', kind: 'M' });
      expect(went.statusCode, went.body).toBe(201);
      const id = went.json().id as string;
      expect((await agent.api('POST', `/api/v1/children/${childId}/missing-episodes/${id}/return`, { returnedOn: place.startsWith('S') ? '2026-11-16' : '2026-11-14', returnedTime: '23:00' })).statusCode).toBe(201);
      const done = await agent.api('POST', `/api/v1/children/${childId}/missing-episodes/${id}/return-interviews`, { outcome: 'done', doneOn: '2026-11-17', doneTime: '16:00', interviewer: 'Safer Futures', interviewerIndependent: true, exploitationRisk: 'criminal', whereTheyWere: place, whoWith: 'Dee' });
      expect(done.statusCode, done.body).toBe(201);
    }
    const list = await manager.get('/missing');
    expect(list.statusCode).toBe(200);
    const text = textOf(list.body);
    expect(text).toContain('Harbour Road underpass 2 children');
    expect(text).not.toContain('Saltings Lane garages 2 children');
    expect(text).not.toContain('Hidden');
    expect(list.body).toContain('/missing?place=harbour%20road%20underpass');
    const behind = textOf((await manager.get('/missing?place=harbour%20road%20underpass')).body);
    expect(behind).toContain('Named the place “Harbour Road underpass”');
    expect(behind).toContain('Amber Adeyemi');
    expect(behind).toContain('Bryn Adeyemi');
    expect(behind).not.toContain('Mia Adeyemi');
    const api = (await manager.get('/api/v1/missing')).json();
    expect(api.rows.map((r: { childId: string }) => r.childId)).not.toContain(hidden);
    expect(api.shared.people.find((p: { key: string }) => p.key === 'dee')?.childIds.sort()).toEqual([a, b].sort());
    // The children behind a figure: those with an interview late or overdue.
    const overdue = textOf((await manager.get('/missing?show=overdue')).body);
    expect(overdue).toContain('Return interview not done after 72 hours');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['object_type']).where('user_id', '=', t.users.manager).where('object_type', '=', 'missing-list').execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('the list is for managers and analysts: a social worker is refused', async () => {
    expect((await worker.get('/missing')).statusCode).toBe(403);
    expect((await (await t.signIn('analyst')).get('/missing')).statusCode).toBe(200);
  });
});

describe('the managers’ list, paged in SQL', () => {
  const episode = (childId: string, went: string, back: string | null) => ({
    id: randomUUID(),
    child_id: childId,
    went_missing_at: new Date(went),
    returned_at: back ? new Date(back) : null,
    kind: 'M' as const,
    recorded_by: t.users.worker,
  });

  it('works out each episode’s interview in hours as the child’s page does: one in time (72 hours exactly), one late, one declined, one not done, one not yet due; 60 hours missing; repeat missing', async () => {
    const childId = await makeChild(t, { firstName: 'Hana', dateOfBirth: '2011-03-03' });
    const e = [
      episode(childId, '2026-11-01T20:00:00Z', '2026-11-02T08:00:00Z'),
      episode(childId, '2026-11-06T20:00:00Z', '2026-11-07T08:00:00Z'),
      episode(childId, '2026-11-12T20:00:00Z', '2026-11-13T08:00:00Z'),
      episode(childId, '2026-11-15T20:00:00Z', '2026-11-16T08:00:00Z'),
      episode(childId, '2026-11-18T20:00:00Z', '2026-11-19T08:00:00Z'),
    ];
    await t.ctx.db.insertInto('missing_episode').values(e).execute();
    const interview = (episodeId: string, outcome: 'done' | 'declined', at: string) => ({
      id: randomUUID(),
      episode_id: episodeId,
      child_id: childId,
      outcome,
      offered_at: new Date(at),
      done_at: outcome === 'done' ? new Date(at) : null,
      interviewer: outcome === 'done' ? 'Safer Futures' : null,
      interviewer_independent: outcome === 'done' ? true : null,
      exploitation_risk: outcome === 'done' ? ('none' as const) : null,
      push_pull_factors: '[]',
      recorded_by: t.users.worker,
    });
    await t.ctx.db
      .insertInto('return_interview')
      .values([interview(e[0]!.id, 'done', '2026-11-05T08:00:00Z'), interview(e[1]!.id, 'done', '2026-11-10T08:01:00Z'), interview(e[2]!.id, 'declined', '2026-11-14T10:00:00Z')])
      .execute();
    const list = (await manager.get('/api/v1/missing?show=late')).json();
    const row = list.rows.find((r: { childId: string }) => r.childId === childId);
    // Now is Friday 20 November 12:00: the fourth returned 100 hours ago, the fifth 28.
    expect(row).toMatchObject({ episodes: 5, hours: '60 hours', repeat: true, inCare: false, interviews: { 'in-time': 1, late: 1, declined: 1, overdue: 1, 'not-yet': 1 } });
    expect(list.heading).toBe('Return interview late');
    const all = (await manager.get('/api/v1/missing')).json();
    // The totals are the rows’ sums: every episode counted once, whichever page it is on.
    expect(all.counts.byFilter.late).toBe(list.total);
  });

  it('an episode open since before the 90 days counts, but not towards repeat missing', async () => {
    const childId = await makeChild(t, { firstName: 'Idris', dateOfBirth: '2010-03-03' });
    await t.ctx.db
      .insertInto('missing_episode')
      .values([episode(childId, '2026-08-01T20:00:00Z', null), ...[0, 1].map((n) => episode(childId, `2026-0${5 + n}-01T20:00:00Z`, `2026-0${5 + n}-02T08:00:00Z`))])
      .execute();
    const row = (await manager.get('/api/v1/missing?show=missing-now')).json().rows.find((r: { childId: string }) => r.childId === childId);
    expect(row).toMatchObject({ episodes: 1, repeat: false, missingSince: 'Saturday 1 August 2026 at 21:00' });
  });

  it('shows the 20 places most named by more than one child, and all of them on asking (a large council names hundreds)', async () => {
    const places = Array.from({ length: 22 }, (_, n) => `Lock-up ${n + 1} on Canal Street`).join('\n');
    for (const name of ['Wren', 'Yusuf']) {
      const childId = await makeChild(t, { firstName: name, dateOfBirth: '2010-03-03' });
      const e = episode(childId, '2026-11-10T19:00:00Z', '2026-11-10T23:00:00Z');
      await t.ctx.db.insertInto('missing_episode').values(e).execute();
      await t.ctx.db
        .insertInto('return_interview')
        .values({ id: randomUUID(), episode_id: e.id, child_id: childId, outcome: 'done', offered_at: new Date('2026-11-11T10:00:00Z'), done_at: new Date('2026-11-11T10:00:00Z'), interviewer: 'Safer Futures', interviewer_independent: true, exploitation_risk: 'none', push_pull_factors: '[]', where_they_were: places, recorded_by: t.users.worker })
        .execute();
    }
    const shared = (await manager.get('/api/v1/missing')).json().shared.places.length as number;
    expect(shared).toBeGreaterThanOrEqual(22);
    const page = textOf((await manager.get('/missing')).body);
    expect(page.match(/Lock-up \d+ on Canal Street 2 children/g)?.length ?? 0).toBeLessThanOrEqual(20);
    expect(page).toContain(`Show all ${shared} places`);
    const all = textOf((await manager.get('/missing?names=all')).body);
    expect(all.match(/Lock-up \d+ on Canal Street 2 children/g)).toHaveLength(22);
  });

  it('shows 50 children a page with GOV.UK pagination; the figures are the same on every page (Wandsworth 2017 ¶48: counts of children missing)', async () => {
    const children: string[] = [];
    for (let n = 0; n < 52; n++) children.push(await makeChild(t, { firstName: `Paged${String(n).padStart(2, '0')}`, dateOfBirth: '2010-06-06' }));
    await t.ctx.db.insertInto('missing_episode').values(children.map((c, n) => episode(c, `2026-10-${String(10 + (n % 15)).padStart(2, '0')}T19:00:00Z`, `2026-10-${String(10 + (n % 15)).padStart(2, '0')}T23:00:00Z`))).execute();
    const first = (await manager.get('/api/v1/missing')).json();
    expect(first.total).toBeGreaterThan(52);
    expect(first.rows).toHaveLength(50);
    expect(first.pageCount).toBe(Math.ceil(first.total / 50));
    const last = (await manager.get(`/api/v1/missing?page=${first.pageCount}`)).json();
    expect(last.rows).toHaveLength(first.total - 50 * (first.pageCount - 1));
    expect(last.counts).toEqual(first.counts);
    // No child on two pages, and every child on one.
    const seen = new Set<string>();
    for (let page = 1; page <= first.pageCount; page++) for (const r of (await manager.get(`/api/v1/missing?page=${page}`)).json().rows) seen.add(r.childId);
    expect(seen.size).toBe(first.total);
    for (const c of children) expect(seen.has(c)).toBe(true);
    const html = await manager.get('/missing?page=2');
    expect(html.body).toContain('govuk-pagination');
    expect(textOf(html.body)).toContain(`${first.total} children, 51 to ${Math.min(100, first.total)} shown`);
    // A page past the last shows the last.
    expect((await manager.get('/api/v1/missing?page=99')).json().page).toBe(first.pageCount);
  });
});

const addDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
