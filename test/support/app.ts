// An in-process Lantern for tests, driven with fastify.inject(): real sessions, real CSRF.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { AREAS } from '../../src/server/areas.ts';
import type { AppContext } from '../../src/server/context.ts';
import { fixedTime, type TimeSource } from '../../src/server/time.ts';
import { createTestDatabase } from './database.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import type { DeclaredRoute } from '../../src/server/guard.ts';
import { createTeam, createUser, setTeamManager } from '../../src/access/users.ts';
import type { Role } from '../../src/access/roles.ts';
import { hashPassword } from '../../src/access/passwords.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
export const TEST_TODAY = '2026-11-20';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  handle: DatabaseHandle;
  close(): Promise<void>;
  /** A team with a manager and a social worker, and one user of every other role. */
  users: Record<'worker' | 'colleague' | 'manager' | 'otherWorker' | 'frontDoor' | 'iro' | 'adviser' | 'analyst' | 'leader' | 'partner' | 'admin', string>;
  teams: { safeguarding: string; other: string; frontDoor: string };
  signIn(username: keyof TestApp['users']): Promise<Agent>;
  /** Every route the app registered, with its guard. */
  routes: DeclaredRoute[];
}

export interface Agent {
  userId: string;
  get(url: string): Promise<LightMyRequestResponse>;
  /** Posts a form with the CSRF token this session was given. */
  post(url: string, form: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  /** Posts a form with one file (multipart/form-data), with the CSRF token. (Optional: only startTestApp's agents.) */
  upload?(url: string, file: { field: string; fileName: string; content: string; type: string }): Promise<LightMyRequestResponse>;
  /** POSTs a body that is not JSON (an XML file to the API) with the CSRF header. */
  postText?(url: string, body: string | Buffer, contentType: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Sends JSON to the API with the CSRF header. */
  api(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body: unknown): Promise<LightMyRequestResponse>;
}

function cookiesFrom(response: LightMyRequestResponse, jar: Map<string, string>) {
  for (const cookie of response.cookies) jar.set(cookie.name, cookie.value);
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('No CSRF token on the page');
  return match[1];
}

export async function startTestApp(options: { time?: TimeSource } = {}): Promise<TestApp> {
  const handle = await createTestDatabase();
  const ctx: AppContext = { db: handle.db, time: options.time ?? fixedTime(TEST_TODAY), councilName: 'Test Council' };
  const routes: DeclaredRoute[] = [];
  const app = await buildApp(ctx, { cookieSecret: 'test-cookie-secret-that-is-long-enough-1234', secureCookies: false, areas: AREAS, declaredRoutes: routes, logger: process.env['TEST_LOG'] === '1' }); // TEST_LOG=1 prints the server's log (a template error's cause)

  const safeguarding = await createTeam(handle.db, { name: 'Safeguarding Team 1', service: 'safeguarding' });
  const other = await createTeam(handle.db, { name: 'Safeguarding Team 2', service: 'safeguarding' });
  const frontDoor = await createTeam(handle.db, { name: 'Front Door', service: 'front-door' });
  // One hash for everyone (as the browser journeys do): hashing is deliberately slow, and eleven took about a second.
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const make = (username: string, role: Role, teamId: string | null = null, agency: string | null = null) =>
    createUser(handle.db, { username, displayName: username, role, teamId, agency, passwordHash });
  const users = {
    worker: await make('worker', 'social_worker', safeguarding),
    colleague: await make('colleague', 'social_worker', safeguarding),
    manager: await make('manager', 'team_manager', safeguarding),
    otherWorker: await make('otherworker', 'social_worker', other),
    frontDoor: await make('frontdoor', 'front_door_worker', frontDoor),
    iro: await make('iro', 'iro'),
    adviser: await make('adviser', 'personal_adviser'),
    analyst: await make('analyst', 'performance_analyst'),
    leader: await make('leader', 'senior_leader'),
    partner: await make('partner', 'partner_agency', null, 'police'),
    admin: await make('admin', 'administrator'),
  };
  await setTeamManager(handle.db, safeguarding, users.manager);

  const signIn = async (who: keyof TestApp['users']): Promise<Agent> => {
    const jar = new Map<string, string>();
    const page = await app.inject({ method: 'GET', url: '/sign-in' });
    cookiesFrom(page, jar);
    const username = who === 'otherWorker' ? 'otherworker' : who === 'frontDoor' ? 'frontdoor' : who;
    const response = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: cookieHeader(jar) },
      payload: { username, password: TEST_PASSWORD, _csrf: csrfTokenIn(page.body) },
    });
    if (response.statusCode !== 302) throw new Error(`Sign-in failed for ${who}: ${response.statusCode}`);
    cookiesFrom(response, jar);
    let token = '';
    const freshToken = async () => {
      const tokenResponse = await app.inject({ method: 'GET', url: '/api/v1/csrf-token', headers: { cookie: cookieHeader(jar) } });
      cookiesFrom(tokenResponse, jar);
      token = (tokenResponse.json() as { token: string }).token;
      return token;
    };
    const agent: Agent = {
      userId: users[who],
      get: async (url) => {
        const r = await app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(jar) } });
        cookiesFrom(r, jar);
        return r;
      },
      post: async (url, form) => {
        const r = await app.inject({
          method: 'POST',
          url,
          headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams([...Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])), ['_csrf', token || (await freshToken())]]).toString(),
        });
        cookiesFrom(r, jar);
        return r;
      },
      upload: async (url, file) => {
        const boundary = '----lantern-test-boundary';
        const part = (headers: string, value: string) => `--${boundary}\r\n${headers}\r\n\r\n${value}\r\n`;
        const payload =
          part('Content-Disposition: form-data; name="_csrf"', token || (await freshToken())) +
          part(`Content-Disposition: form-data; name="${file.field}"; filename="${file.fileName}"\r\nContent-Type: ${file.type}`, file.content) +
          `--${boundary}--\r\n`;
        const r = await app.inject({ method: 'POST', url, headers: { cookie: cookieHeader(jar), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
        cookiesFrom(r, jar);
        return r;
      },
      postText: async (url, body, contentType, headers = {}) => {
        const r = await app.inject({ method: 'POST', url, headers: { ...headers, cookie: cookieHeader(jar), 'x-csrf-token': token || (await freshToken()), 'content-type': contentType }, payload: body });
        cookiesFrom(r, jar);
        return r;
      },
      api: async (method, url, body) => {
        const r = await app.inject({
          method,
          url,
          headers: { cookie: cookieHeader(jar), 'x-csrf-token': token || (await freshToken()) },
          payload: body as Record<string, unknown>,
        });
        cookiesFrom(r, jar);
        return r;
      },
    };
    return agent;
  };

  return {
    app,
    ctx,
    handle,
    users,
    teams: { safeguarding, other, frontDoor },
    signIn,
    routes,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}
