import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { addChild, allocate, happened } from '../clocks/test-fixtures.ts';
import { SETTING_DEFINITIONS } from './council-settings.ts';

let t: TestApp;
let admin: Agent;
let onPlan: string;
let metVisit: string;

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** Every field as the page shows it, with some changed: what a browser posts. */
async function formWith(changes: Record<string, string>) {
  const page = (await admin.get('/admin/settings')).body;
  const form: Record<string, string> = {};
  for (const key of Object.keys(SETTING_DEFINITIONS)) {
    form[key] = new RegExp(`name="${key}"[^>]*value="([^"]*)"`).exec(page)?.[1] ?? new RegExp(`value="([^"]*)"[^>]*name="${key}"`).exec(page)?.[1] ?? '';
  }
  return { ...form, ...changes };
}

const openVisitDue = async (childId: string) =>
  (await t.ctx.db.selectFrom('clock').select('due_on').where('child_id', '=', childId).where('rule_id', '=', 'cp-visit').where('met_on', 'is', null).executeTakeFirstOrThrow()).due_on;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.ctx.db;
  // A child protection plan from Monday 2 November 2026: a visit due within 10 working days (16 November).
  onPlan = await addChild(db, { firstName: 'Amira', lastName: 'Ahmed', laChildId: 'LA-1' }, t.users.admin);
  await allocate(db, onPlan, t.users.worker, '2026-01-05', t.users.manager);
  await happened(db, onPlan, 'cp-plan.started', '2026-11-02', randomUUID(), t.users.worker);
  // Another, whose plan has ended: nothing open, nothing to re-derive.
  metVisit = await addChild(db, { firstName: 'Ben', lastName: 'Brown', laChildId: 'LA-2' }, t.users.admin);
  const plan = randomUUID();
  await happened(db, metVisit, 'cp-plan.started', '2026-09-07', plan, t.users.worker);
  await happened(db, metVisit, 'cp-plan.ended', '2026-09-30', plan, t.users.worker);
  admin = await t.signIn('admin');
});
afterAll(async () => t.close());

describe('council settings', () => {
  it('are for administrators only', async () => {
    const manager = await t.signIn('manager');
    expect((await manager.get('/admin/settings')).statusCode).toBe(403);
    expect((await manager.post('/admin/settings', { cpVisitIntervalWorkingDays: '5' })).statusCode).toBe(403);
    expect((await manager.get('/api/v1/settings')).statusCode).toBe(403);
    expect((await manager.api('PUT', '/api/v1/settings/cpVisitIntervalWorkingDays', { value: 5 })).statusCode).toBe(403);
  });

  it('lists each timescale with the value in force, the standard and where it comes from', async () => {
    const page = await admin.get('/admin/settings');
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    for (const definition of Object.values(SETTING_DEFINITIONS)) expect(body).toContain(definition.label);
    expect(body).toMatch(/Assessment completed within \(working days of the referral\) 45 working days The standard 45 working days Working Together 2023 ch\.3/);
    expect(body).toMatch(/Child protection visits at least every \(working days\) 10 working days The standard 10 working days No national frequency/);
  });

  it('refuses a value above the standard: a council may tighten a timescale, not loosen it', async () => {
    const response = await admin.post('/admin/settings', await formWith({ cpVisitIntervalWorkingDays: '15' }));
    expect(response.statusCode).toBe(400);
    const body = text(response.body);
    expect(body).toContain('There is a problem');
    expect(body).toContain('Child protection visit interval must be 10 working days or fewer: a council may tighten this timescale but not loosen it');
    expect(response.body).toMatch(/name="cpVisitIntervalWorkingDays"[^>]*value="15"|value="15"[^>]*name="cpVisitIntervalWorkingDays"/);
    expect(await t.ctx.db.selectFrom('council_setting').selectAll().execute()).toEqual([]);
    const words = await admin.post('/admin/settings', await formWith({ assessmentWorkingDays: 'forty', cpVisitIntervalWorkingDays: '0' }));
    expect(text(words.body)).toContain('Assessment timescale must be a whole number of working days, like 45');
    expect(text(words.body)).toContain('Child protection visit interval must be at least 1 working day');
  });

  it('tightens a timescale, moves the due dates already running, and audits the change', async () => {
    expect(await openVisitDue(onPlan)).toBe('2026-11-16');
    const response = await admin.post('/admin/settings', await formWith({ cpVisitIntervalWorkingDays: '5' }));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/settings?saved=1');
    // Five working days from Monday 2 November is Monday 9th.
    expect(await openVisitDue(onPlan)).toBe('2026-11-09');
    const page = text((await admin.get('/admin/settings?saved=1')).body);
    expect(page).toContain('Council settings saved');
    expect(page).toMatch(/Child protection visits at least every \(working days\) 5 working days Council setting 10 working days/);
    const entries = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'setting-changed').execute();
    expect(entries).toHaveLength(1); // only the setting that changed
    expect(entries[0]).toMatchObject({ user_id: t.users.admin, object_type: 'council_setting', object_id: 'cpVisitIntervalWorkingDays' });
    expect(entries[0]!.detail).toEqual({ from: null, to: 5, childrenRefreshed: 1 });
  });

  it('new work follows the setting too', async () => {
    const later = await addChild(t.ctx.db, { firstName: 'Cara', lastName: 'Cole', laChildId: 'LA-3' }, t.users.admin);
    await happened(t.ctx.db, later, 'cp-plan.started', '2026-11-16', randomUUID(), t.users.worker);
    expect(await openVisitDue(later)).toBe('2026-11-23');
  });

  it('goes back to the standard when the field is left blank', async () => {
    expect((await admin.post('/admin/settings', await formWith({ cpVisitIntervalWorkingDays: '' }))).statusCode).toBe(303);
    expect(await openVisitDue(onPlan)).toBe('2026-11-16');
    expect(await t.ctx.db.selectFrom('council_setting').selectAll().execute()).toEqual([]);
    const last = await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'setting-changed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.detail).toMatchObject({ from: 5, to: null });
  });

  it('does the same through the API', async () => {
    const loose = await admin.api('PUT', '/api/v1/settings/cpVisitIntervalWorkingDays', { value: 20 });
    expect(loose.statusCode).toBe(422);
    expect((loose.json() as { error: string }).error).toContain('cannot be more than 10');
    const tight = await admin.api('PUT', '/api/v1/settings/cpVisitIntervalWorkingDays', { value: 7 });
    expect(tight.statusCode).toBe(200);
    expect(tight.json()).toMatchObject({ changed: true, setting: { key: 'cpVisitIntervalWorkingDays', councilValue: 7, inForce: 7, standard: 10 } });
    expect(await openVisitDue(onPlan)).toBe('2026-11-11');
    const list = (await admin.get('/api/v1/settings')).json() as { settings: { key: string; source: string }[] };
    expect(list.settings).toHaveLength(Object.keys(SETTING_DEFINITIONS).length);
    expect((await admin.api('PUT', '/api/v1/settings/noSuchSetting', { value: 3 })).statusCode).toBe(404);
    expect((await admin.api('PUT', '/api/v1/settings/cpVisitIntervalWorkingDays', { value: null })).statusCode).toBe(200);
    expect(await openVisitDue(onPlan)).toBe('2026-11-16');
  });
});
