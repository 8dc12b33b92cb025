// A child's record leads to every part of it: episodes, protection, plans, visits, court…
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_TODAY, type TestApp } from '../../test/support/app.ts';
import { receiveReferral } from '../episodes/service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('the parts of a child’s record', () => {
  it('are listed on the record page with links and a one-line summary', async () => {
    const childId = randomUUID();
    await t.ctx.db
      .insertInto('person')
      .values({ id: childId, kind: 'child', first_name: 'Rowan', last_name: 'Example', date_of_birth: '2018-02-02', recorded_by: t.users.worker })
      .execute();
    await t.ctx.db
      .insertInto('allocation')
      .values({ id: randomUUID(), child_id: childId, worker_id: t.users.worker, role: 'social_worker', from_date: '2026-01-01', recorded_by: t.users.manager })
      .execute();
    await receiveReferral(t.ctx.db, { childId, referralDate: '2026-11-02', referralSource: '1A' }, t.users.worker, TEST_TODAY);
    const worker = await t.signIn('worker');
    const page = await worker.get(`/children/${childId}`);
    expect(page.statusCode).toBe(200);
    for (const part of ['Episodes of need', 'Child protection', 'Plans', 'Visits', 'Case notes', 'Contacts', 'Early help', 'Pre-proceedings and court']) {
      expect(page.body).toContain(`>${part}</a>`);
    }
    expect(page.body).toContain(`href="/children/${childId}/episodes"`);
  });
});
