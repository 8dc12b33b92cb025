// For the front door's and early help's tests: the front door team's managers (the shared test app has
// none), signing in as them, a child to record about, and counting what a page asks for.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { createUser, setTeamManager } from '../access/users.ts';
import type { Role } from '../access/roles.ts';
import { csrfTokenIn, TEST_PASSWORD, type Agent, type TestApp } from '../../test/support/app.ts';

/** Signs in any user the test made, with the same cookies and CSRF handling as TestApp.signIn. */
export async function signInAs(t: TestApp, username: string, userId: string): Promise<Agent> {
  const jar = new Map<string, string>();
  const keep = (response: LightMyRequestResponse) => {
    for (const cookie of response.cookies) jar.set(cookie.name, cookie.value);
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
  keep(page);
  const response = await t.app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie: cookie() },
    payload: { username, password: TEST_PASSWORD, _csrf: csrfTokenIn(page.body) },
  });
  if (response.statusCode !== 302) throw new Error(`Sign-in failed for ${username}: ${response.statusCode}`);
  keep(response);
  let token = '';
  const csrf = async () => {
    if (token) return token;
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/csrf-token', headers: { cookie: cookie() } });
    keep(r);
    token = (r.json() as { token: string }).token;
    return token;
  };
  return {
    userId,
    get: async (url) => {
      const r = await t.app.inject({ method: 'GET', url, headers: { cookie: cookie() } });
      keep(r);
      return r;
    },
    post: async (url, form) => {
      const pairs = Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]));
      const r = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams([...pairs, ['_csrf', await csrf()]]).toString(),
      });
      keep(r);
      return r;
    },
    api: async (method, url, body) => {
      const r = await t.app.inject({ method, url, headers: { cookie: cookie(), 'x-csrf-token': await csrf() }, payload: body as Record<string, unknown> });
      keep(r);
      return r;
    },
  };
}

/** The front door team's manager, and a second manager in the team for second looks. */
export async function frontDoorManagers(t: TestApp) {
  const make = (username: string, role: Role) => createUser(t.handle.db, { username, displayName: username, role, teamId: t.teams.frontDoor, password: TEST_PASSWORD });
  const managerId = await make('fdmanager', 'team_manager');
  const deputyId = await make('fddeputy', 'team_manager');
  await setTeamManager(t.handle.db, t.teams.frontDoor, managerId);
  return {
    managerId,
    deputyId,
    manager: await signInAs(t, 'fdmanager', managerId),
    deputy: await signInAs(t, 'fddeputy', deputyId),
  };
}

let nextLaId = 1;

/** A child Lantern knows, with an LA child id, optionally allocated to a worker. */
export async function addTestChild(t: TestApp, options: { firstName?: string; lastName?: string; dateOfBirth?: string; allocatedTo?: string } = {}) {
  const id = randomUUID();
  const laChildId = `FD${String(nextLaId++).padStart(5, '0')}-${id.slice(0, 4)}`;
  await t.handle.db
    .insertInto('person')
    .values({
      id,
      kind: 'child',
      first_name: options.firstName ?? 'Ada',
      last_name: options.lastName ?? 'Testchild',
      date_of_birth: options.dateOfBirth ?? '2016-04-12',
      sex: 'F',
      la_child_id: laChildId,
      recorded_by: t.users.admin,
    })
    .execute();
  if (options.allocatedTo) {
    await t.handle.db
      .insertInto('allocation')
      .values({ id: randomUUID(), child_id: id, worker_id: options.allocatedTo, role: 'social_worker', from_date: '2026-01-05', recorded_by: t.users.manager })
      .execute();
  }
  return { id, laChildId };
}

/** GOV.UK date input fields for a form post. */
export function dateFields(name: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
}

/** The form's inputs a user fills in: named inputs, selects and textareas, a date input counted once. */
export function formInputs(html: string, action: string): string[] {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`No form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const names = new Set<string>();
  for (const match of form.matchAll(/<(input|select|textarea)\b[^>]*>/g)) {
    const tag = match[0];
    if (/type="(hidden|submit)"/.test(tag)) continue;
    const name = /name="([^"]+)"/.exec(tag)?.[1];
    if (name) names.add(name.replace(/-(day|month|year)$/, ''));
  }
  return [...names];
}

/** The text of the page's error summary, or '' when there is none. */
export function errorSummary(html: string): string {
  const start = html.indexOf('govuk-error-summary');
  if (start < 0) return '';
  return html.slice(start, html.indexOf('</ul>', start)).replace(/<[^>]+>/g, ' ').replace(/&#39;|&rsquo;|’/g, '’').replace(/\s+/g, ' ');
}
