// The HTML of a set of pages on a small test council (not a test, not a timing): a child's record, its
// history, forms with errors, a list, My work of several roles, an administrator's page, sign-in and a
// missing page, each saved with its per-request parts blanked (nonces, CSRF tokens, new ids, the audit
// log's times), so that two builds' pages can be compared byte for byte (`diff -r`). It runs under
// vitest, for the test council's database (its own config, so that it is never part of the suite):
//
//   PAGES_OUT=/tmp/pages-before npx vitest run --config bench/pages-html.config.ts   (then the other build, PAGES_OUT=/tmp/pages-after)
//   diff -r /tmp/pages-before /tmp/pages-after
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { startTestApp } from '../test/support/app.ts';
import { addChildAs } from '../src/people/test-support.ts';

const out = process.env['PAGES_OUT'] ?? '/tmp/lantern-pages';
const blanked = (html: string) =>
  html
    .replace(/nonce="[0-9a-f]{32}"/g, 'nonce="NONCE"')
    .replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value="CSRF"')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID')
    .replace(/ at \d{1,2}:\d{2}(am|pm)/g, ' at TIME'); // the audit log's times are the wall clock's

it('saves the pages', async () => {
  mkdirSync(out, { recursive: true });
  const t = await startTestApp();
  try {
    const manager = await t.signIn('manager');
    const worker = await t.signIn('worker');
    const admin = await t.signIn('admin');
    const id = await addChildAs(manager, { firstName: 'Iris', lastName: 'Penhale <b>&</b>', laChildId: 'PEN001' });
    await manager.post(`/children/${id}/relationships/new`, { who: 'new', firstName: 'Tomas', lastName: 'Penhale', kind: 'step-parent', 'startedOn-day': '1', 'startedOn-month': '1', 'startedOn-year': '2020' });
    await manager.post(`/children/${id}/addresses/new`, { line1: '7 Harbour Row', postcode: 'PZ1 1AA', 'fromDate-day': '3', 'fromDate-month': '4', 'fromDate-year': '2019' });
    const pages: [string, () => Promise<{ statusCode: number; body: string }>][] = [
      ['record', () => manager.get(`/children/${id}`)],
      ['history', () => manager.get(`/children/${id}/history`)],
      ['edit-form', () => manager.get(`/children/${id}/edit`)],
      ['edit-form-errors', () => manager.post(`/children/${id}/edit`, { kind: 'child', firstName: '', lastName: 'X', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2019' })],
      ['new-child-errors', () => manager.post('/children/new', { kind: 'child' })],
      ['address-errors', () => manager.post(`/children/${id}/addresses/new`, { line1: '7 Harbour Row', postcode: 'PZ1 1AA', 'fromDate-day': '1', 'fromDate-month': '6', 'fromDate-year': '2009' })],
      ['search', () => manager.get('/children?q=Penhale')],
      ['my-work-manager', () => manager.get('/')],
      ['my-work-worker', () => worker.get('/')],
      ['admin-audit', () => admin.get('/admin/audit')],
      ['forbidden', () => worker.get(`/children/${id}/merge`)],
      ['missing', () => manager.get('/no-such-page')],
    ];
    for (const [name, request] of pages) {
      const { statusCode, body } = await request(); // one after another: the audit page lists them
      writeFileSync(join(out, `${name}.${statusCode}.html`), blanked(body));
    }
    const signIn = await t.app.inject({ method: 'GET', url: '/sign-in' });
    writeFileSync(join(out, `sign-in.${signIn.statusCode}.html`), blanked(signIn.body));
  } finally {
    await t.close();
  }
});
