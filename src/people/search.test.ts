import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Agent, type TestApp } from '../../test/support/app.ts';
import { addChild, allocate } from '../clocks/test-fixtures.ts';
import { parseSearch } from './search.ts';
import { addChildAs, testNhsNumber, textOf } from './test-support.ts';

let t: TestApp;
let manager: Agent;
let visibleId: string;
let restrictedId: string;
let unallocatedId: string;
const nhs = testNhsNumber(42);

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.signIn('manager');
  visibleId = await addChildAs(manager, { firstName: 'Tobias', lastName: 'Ellingham', 'dateOfBirth-day': '9', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2014', nhsNumber: nhs, laChildId: 'SRCH001' });
  restrictedId = await addChildAs(manager, { firstName: 'Tobiah', lastName: 'Ellingworth', restricted: 'yes', laChildId: 'SRCH002' });
  for (const id of [visibleId, restrictedId]) await allocate(t.ctx.db, id, t.users.worker, '2026-01-05', t.users.manager);
  // Known to the council but allocated to no one.
  unallocatedId = await addChild(t.ctx.db, { firstName: 'Tobin', lastName: 'Ellis', dateOfBirth: '2012-02-02', laChildId: 'SRCH003' }, t.users.admin);
});
afterAll(async () => t.close());

const found = async (agent: Agent, q: string) => {
  const response = await agent.get(`/children?q=${encodeURIComponent(q)}`);
  expect(response.statusCode).toBe(200);
  return response.body;
};

describe('finding a child', () => {
  it('reads what was typed as a name, an LA child ID, an NHS number or a date of birth', () => {
    expect(parseSearch('09/11/2014')).toEqual({ kind: 'date-of-birth', date: '2014-11-09' });
    expect(parseSearch('31/02/2014')).toBeNull();
    expect(parseSearch('943 476 5919')).toEqual({ kind: 'nhs-number', digits: '9434765919' });
    expect(parseSearch('lc0000012')).toEqual({ kind: 'la-child-id', id: 'lc0000012' });
    expect(parseSearch('  Tobi  ELL ')).toEqual({ kind: 'name', terms: ['tobi', 'ell'] });
    expect(parseSearch('%_')).toBeNull();
  });

  it('finds by part of a name in any case, by LA child ID, NHS number and date of birth', async () => {
    const worker = await t.signIn('worker');
    for (const q of ['tob', 'ELLING', 'Tobias Ellingham', 'ellingham tob', 'srch001', nhs, '9/11/2014']) {
      expect(await found(worker, q), q).toContain(`/children/${visibleId}`);
    }
    expect(await found(worker, 'Zebedee')).toContain('0 children found');
  });

  it('finds a name that starts with the letters typed, accents and all, and no name that only sorts near it', async () => {
    const zoe = await addChild(t.ctx.db, { firstName: 'Zoë', lastName: 'Ørsted-Quay', dateOfBirth: '2013-03-03', laChildId: 'SRCH004' }, t.users.admin);
    await allocate(t.ctx.db, zoe, t.users.worker, '2026-01-05', t.users.manager);
    const worker = await t.signIn('worker');
    for (const q of ['zoë', 'ZOË', 'ørsted', 'Zoë Ørsted-Q']) expect(await found(worker, q), q).toContain(`/children/${zoe}`);
    // "zo" + a later letter, and the name without its accent: neither starts with what was typed.
    for (const q of ['zoz', 'zoe', 'orsted']) expect(await found(worker, q), q).not.toContain(`/children/${zoe}`);
  });

  it('never shows a child the user may not see', async () => {
    const worker = await t.signIn('worker');
    const workerPage = await found(worker, 'tob');
    expect(workerPage).not.toContain(restrictedId); // restricted, and the worker has no grant
    expect(workerPage).not.toContain(unallocatedId); // no allocation in the worker's team
    expect(textOf(workerPage)).toContain('1 child found');

    const managerPage = await found(manager, 'tob');
    expect(managerPage).toContain(restrictedId); // recorded it, so holds a grant
    expect(textOf(managerPage)).toContain('Restricted');

    const other = await t.signIn('otherWorker');
    const otherPage = await found(other, 'tob');
    for (const id of [visibleId, restrictedId, unallocatedId]) expect(otherPage).not.toContain(id);

    const frontDoor = await t.signIn('frontDoor');
    const frontDoorPage = await found(frontDoor, 'tob');
    expect(frontDoorPage).toContain(visibleId);
    expect(frontDoorPage).toContain(unallocatedId);
    expect(frontDoorPage).not.toContain(restrictedId);

    const partner = await t.signIn('partner');
    expect((await partner.get('/children?q=tob')).statusCode).toBe(403);
    const api = await (await t.signIn('otherWorker')).get('/api/v1/children?q=SRCH001');
    expect(api.json()).toMatchObject({ total: 0, children: [] });
  });

  it('audits the kind of search, never what was typed', async () => {
    const analyst = await t.signIn('analyst');
    await found(analyst, 'Ellingham');
    const entry = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'search-children')
      .where('user_id', '=', t.users.analyst)
      .executeTakeFirstOrThrow();
    expect(entry.detail).toEqual({ kind: 'name' });
    expect(JSON.stringify(entry)).not.toContain('Ellingham');
  });

  it('pages results 20 at a time', async () => {
    for (let i = 0; i < 23; i++) {
      await addChild(t.ctx.db, { firstName: `Pagey${String(i).padStart(2, '0')}`, lastName: 'Quill', dateOfBirth: '2015-01-01' }, t.users.admin);
    }
    const leader = await t.signIn('leader');
    const first = await found(leader, 'quill');
    expect(textOf(first)).toContain('23 children found');
    expect(first.match(/href="\/children\/[0-9a-f-]{36}"/g)).toHaveLength(20);
    expect(first).toContain('govuk-pagination');
    const second = (await leader.get('/children?q=quill&page=2')).body;
    expect(second.match(/href="\/children\/[0-9a-f-]{36}"/g)).toHaveLength(3);
  });
});
