// Every page of plans, child in need, visits, case notes and proceedings renders for a worker, with
// one h1 and nothing left undefined; the visit and case note pages have no tables (phone width); and
// the API document lists the endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { makeChild, makePlan, openEpisode } from './test-helpers.ts';

let t: TestApp;
let worker: Agent;
let childId: string;
let cinId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  worker = await t.signIn('worker');
  childId = await makeChild(t);
  const episodeId = await openEpisode(t, childId, '2026-06-01');
  cinId = await makePlan(t, childId, 'cin', '2026-06-15', episodeId);
  const call = async (path: string, body: unknown) => {
    const response = await worker.api('POST', `/api/v1/children/${childId}${path}`, body);
    expect(response.statusCode, `${path}: ${response.body}`).toBe(201);
    return response.json().id as string;
  };
  ids['outcome'] = await call(`/plans/${cinId}/outcomes`, { description: 'Safe at home', measure: 'No police call-outs' });
  ids['action'] = await call(`/plans/${cinId}/actions`, { description: 'Refer to the domestic abuse service', owner: 'worker', ownerUserId: t.users.worker, outcomeId: ids['outcome'], dueOn: '2026-07-01' });
  ids['visit'] = await call('/visits', { visitedOn: '2026-07-02', kind: 'cin', childSeen: true, seenAlone: 'yes', observations: 'Line one.\nLine two <b>not bold</b>.' });
  ids['note'] = await call('/case-notes', { notedOn: '2026-07-03', title: 'Call with GP', note: 'Immunisations up to date.', significance: 'high' });
  ids['meeting'] = await call(`/child-in-need/plans/${cinId}/meetings`, { heldOn: '2026-07-10', attendees: 'Family, school', planReviewed: 'yes', summary: 'Going well' });
  ids['agreement'] = await call('/written-agreements', { madeOn: '2026-07-10', withWhom: 'Mother', reviewOn: '2026-08-10', planId: cinId, terms: [{ action: 'No contact with Mr X', consequence: 'Strategy discussion' }] });
  await call('/legal-planning-meetings', { heldOn: '2026-08-03', decision: 'pre_proceedings', reasons: 'Agreement broken' });
  ids['pre'] = await call('/pre-proceedings', { sentOn: '2026-08-05' });
  ids['proceedings'] = await call('/care-proceedings', { issuedOn: '2026-09-07', court: 'Family Court', caseNumber: 'AB26C001', applicationType: 'care_order', firstHearingOn: '2026-09-21' });
  ids['hearing'] = await call(`/care-proceedings/${ids['proceedings']}/hearings`, { heardOn: '2026-09-21', hearingType: 'cmh', outcome: 'Directions given' });
  ids['order'] = await call(`/care-proceedings/${ids['proceedings']}/orders`, { madeOn: '2026-09-21', orderType: 'interim_care' });
});

afterAll(async () => {
  await t?.close();
});

describe('pages', () => {
  const pages = () => [
    `/children/${childId}/plans`,
    `/children/${childId}/plans/${cinId}`,
    `/children/${childId}/plans/${cinId}/versions`,
    `/children/${childId}/plans/${cinId}/outcomes/new`,
    `/children/${childId}/plans/${cinId}/outcomes/${ids['outcome']}/edit`,
    `/children/${childId}/plans/${cinId}/actions/new`,
    `/children/${childId}/plans/${cinId}/actions/${ids['action']}/edit`,
    `/children/${childId}/written-agreements`,
    `/children/${childId}/written-agreements/new`,
    `/children/${childId}/written-agreements/${ids['agreement']}/change`,
    `/children/${childId}/written-agreements/${ids['agreement']}/delete`,
    `/children/${childId}/child-in-need`,
    `/children/${childId}/child-in-need/${cinId}/meetings/new`,
    `/children/${childId}/child-in-need/${cinId}/end`,
    `/children/${childId}/child-in-need/meetings/${ids['meeting']}/change`,
    `/children/${childId}/child-in-need/meetings/${ids['meeting']}/delete`,
    `/children/${childId}/visits`,
    `/children/${childId}/visits/new`,
    `/children/${childId}/visits/${ids['visit']}`,
    `/children/${childId}/case-notes`,
    `/children/${childId}/case-notes/new`,
    `/children/${childId}/case-notes/${ids['note']}`,
    `/children/${childId}/proceedings`,
    `/children/${childId}/proceedings/legal-planning-meetings/new`,
    `/children/${childId}/proceedings/letter-before-proceedings/new`,
    `/children/${childId}/proceedings/pre-proceedings/${ids['pre']}/meetings/new`,
    `/children/${childId}/proceedings/pre-proceedings/${ids['pre']}/end`,
    `/children/${childId}/proceedings/issue`,
    `/children/${childId}/proceedings/care/${ids['proceedings']}/hearings/new`,
    `/children/${childId}/proceedings/care/${ids['proceedings']}/orders/new`,
    `/children/${childId}/proceedings/care/${ids['proceedings']}/conclude`,
    `/children/${childId}/proceedings/care/${ids['proceedings']}/change`,
    `/children/${childId}/proceedings/hearings/${ids['hearing']}/change`,
    `/children/${childId}/proceedings/hearings/${ids['hearing']}/delete`,
    `/children/${childId}/proceedings/orders/${ids['order']}/change`,
    `/children/${childId}/proceedings/orders/${ids['order']}/delete`,
    '/proceedings/tracker',
  ];

  it('each renders with one h1 and no undefined values', async () => {
    for (const url of pages()) {
      const response = await worker.get(url);
      expect(response.statusCode, `${url}: ${response.body.slice(0, 500)}`).toBe(200);
      expect(response.body.match(/<h1[\s>]/g), url).toHaveLength(1);
      // Without the random tokens a page carries (the CSRF token's base64 can spell "NaN").
      const shown = response.body.replace(/ name="_csrf" value="[^"]*"/g, '').replace(/ nonce="[^"]*"/g, '');
      expect(shown, url).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
  });

  it('recording pages have no tables, so they work at phone width', async () => {
    for (const url of [`/children/${childId}/visits/new`, `/children/${childId}/case-notes/new`, `/children/${childId}/visits/${ids['visit']}`]) {
      expect((await worker.get(url)).body, url).not.toContain('<table');
    }
  });

  it('shows what was typed as text, line breaks kept and markup escaped', async () => {
    const body = (await worker.get(`/children/${childId}/visits/${ids['visit']}`)).body;
    expect(body).toContain('Line one.<br />');
    expect(body).toContain('&lt;b&gt;not bold&lt;/b&gt;');
  });

  it('the written agreement form adds a row without saving', async () => {
    const response = await worker.post(`/children/${childId}/written-agreements/new`, { rows: '3', addRow: 'yes', withWhom: 'Mother' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('name="terms.3.action"');
    expect(response.body).toContain('value="Mother"');
  });

  it('the record sections summarise each part of the record', async () => {
    const { recordSectionsFor } = await import('../server/record-sections.ts');
    const user = { id: t.users.worker, username: 'worker', displayName: 'worker', role: 'social_worker' as const, teamId: t.teams.safeguarding, agency: null };
    const sections = await recordSectionsFor(t.ctx.db, user, childId, '2026-11-20');
    const mine = Object.fromEntries(sections.filter((s) => ['plans', 'child-in-need', 'visits', 'case-notes', 'proceedings'].includes(s.id)).map((s) => [s.id, s.summary]));
    expect(mine).toEqual({
      'child-in-need': 'Child in need plan from 15 June 2026',
      plans: '1 open plan; 1 overdue action',
      visits: 'Last visit 2 July 2026 (child seen alone)',
      'case-notes': 'Latest 3 July 2026',
      proceedings: 'In care proceedings since 7 September 2026 (week 11 of 26)',
    });
  });

  it('another team’s worker is refused every page', async () => {
    const other = await t.signIn('otherWorker');
    for (const url of pages().filter((u) => u !== '/proceedings/tracker')) {
      expect((await other.get(url)).statusCode, url).toBe(403);
    }
  });
});

describe('API document', () => {
  it('lists the plan, visit, child in need and proceedings endpoints', async () => {
    const document = (await worker.get('/api/docs/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const path of [
      '/api/v1/children/{childId}/plans/{planId}/actions',
      '/api/v1/children/{childId}/visits',
      '/api/v1/children/{childId}/case-notes',
      '/api/v1/children/{childId}/child-in-need/plans',
      '/api/v1/children/{childId}/care-proceedings',
      '/api/v1/proceedings/tracker',
      '/api/v1/plan-actions/overdue',
      '/api/v1/children/{childId}/written-agreements/{agreementId}',
      '/api/v1/children/{childId}/child-in-need/meetings/{meetingId}',
      '/api/v1/children/{childId}/care-proceedings/{proceedingsId}',
      '/api/v1/children/{childId}/court-hearings/{hearingId}',
      '/api/v1/children/{childId}/court-orders/{orderId}',
    ]) {
      expect(document.paths, path).toHaveProperty([path]);
    }
  });
});
