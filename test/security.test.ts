// Issue 6 part 3: each test sends the input that broke Lantern before (an open redirect after
// sign-in, a forged X-Forwarded-For, a lockout anyone could trigger, a NUL byte, a double click) and
// checks what a person would notice: where they end up, what the page says, and that a refused write
// stored nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import Fastify, { type LightMyRequestResponse } from 'fastify';
import helmet from '@fastify/helmet';
import { csrfTokenIn, startTestApp, TEST_PASSWORD, type TestApp } from './support/app.ts';
import { buildApp } from '../src/server/app.ts';
import { AREAS } from '../src/server/areas.ts';
import { parseTrustProxy } from '../src/server/config.ts';
import { securityHeaderOptions } from '../src/server/security-headers.ts';
import { safeNext } from '../src/access/routes.ts';
import { isCommonPassword, passwordProblem } from '../src/access/password-rules.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());
// Each test starts with no failed sign-ins counted (every injected request comes from 127.0.0.1).
beforeEach(async () => {
  await sql`DELETE FROM sign_in_throttle`.execute(t.ctx.db);
});

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const keep = (response: LightMyRequestResponse, jar: Map<string, string>) => {
  for (const cookie of response.cookies) jar.set(cookie.name, cookie.value);
};
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** A browser of one's own: a cookie jar, pages fetched for their forms' tokens, raw posts. */
function browser(app = t.app) {
  const jar = new Map<string, string>();
  return {
    jar,
    async get(url: string, headers: Record<string, string> = {}) {
      const r = await app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(jar), ...headers } });
      keep(r, jar);
      return r;
    },
    /** Posts a form body exactly as given (a string or bytes), with the session's cookies. */
    async postRaw(url: string, payload: string | Buffer, headers: Record<string, string> = {}) {
      const r = await app.inject({
        method: 'POST',
        url,
        payload,
        headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      });
      keep(r, jar);
      return r;
    },
    async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
      return this.postRaw(url, new URLSearchParams(form).toString(), headers);
    },
    /** Signs in through the page, as a person does; returns the sign-in response. */
    async signIn(username: string, password = TEST_PASSWORD, extra: Record<string, string> = {}, headers: Record<string, string> = {}) {
      const page = await this.get('/sign-in');
      return this.post('/sign-in', { username, password, _csrf: csrfTokenIn(page.body), ...extra }, headers);
    },
    async api(method: 'POST', url: string, body: string | Buffer | object, headers: Record<string, string> = {}) {
      const token = (await this.get('/api/v1/csrf-token')).json().token as string;
      const r = await app.inject({
        method,
        url,
        payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
        headers: { cookie: cookieHeader(jar), 'x-csrf-token': token, 'content-type': 'application/json', ...headers },
      });
      keep(r, jar);
      return r;
    },
  };
}

async function signedIn(username: string) {
  const b = browser();
  const response = await b.signIn(username);
  if (response.statusCode !== 302) throw new Error(`could not sign in ${username}: ${response.statusCode}`);
  return b;
}

const countPeople = async (lastName: string) =>
  (await t.ctx.db.selectFrom('person').select('id').where('last_name', '=', lastName).execute()).length;

describe('1. after sign-in Lantern only sends you to one of its own pages', () => {
  it.each([
    ['/\\evil.example'],
    ['/\\/x'],
    ['/\t/x'],
    ['//evil'],
    ['https://evil'],
    ['/%09/x'.replace('%09', '\t')],
    ['/ /evil'],
    ['\\\\evil'],
    ['javascript:alert(1)'],
    ['/\u3000/evil'],
  ])('next=%j goes to /', async (next) => {
    const b = browser();
    const response = await b.signIn('worker', TEST_PASSWORD, { next });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/');
  });

  it.each([['%2F%5Cevil.example'], ['%2F%2Fevil'], ['%2F%09%2Fx'], ['https%3A%2F%2Fevil'], ['%5C%5Cevil']])(
    'the percent-encoded next=%s is not put into the sign-in form either',
    async (encoded) => {
      const page = await browser().get(`/sign-in?next=${encoded}`);
      expect(page.body).toContain('name="next" value="/"');
    },
  );

  it('keeps a page of Lantern, with its query', async () => {
    const b = browser();
    const response = await b.signIn('worker', TEST_PASSWORD, { next: '/children?q=Khan' });
    expect(response.headers.location).toBe('/children?q=Khan');
    expect(safeNext('/')).toBe('/');
    expect(safeNext(undefined)).toBe('/');
  });
});

describe('2. the audit log records the address the request came from, not one it claims', () => {
  it('ignores X-Forwarded-For unless LANTERN_TRUST_PROXY says which proxies to believe', async () => {
    const b = browser();
    await b.signIn('colleague', TEST_PASSWORD, {}, { 'x-forwarded-for': '203.0.113.9' });
    const row = await t.ctx.db.selectFrom('audit_log').select('ip').where('action', '=', 'sign-in').where('username', '=', 'colleague').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.ip).toBe('127.0.0.1');
  });

  it('believes the proxy it is told to trust', async () => {
    const behindProxy = await buildApp(t.ctx, { cookieSecret: 'test-cookie-secret-that-is-long-enough-1234', secureCookies: false, areas: AREAS, trustProxy: parseTrustProxy('127.0.0.1/32') });
    try {
      await browser(behindProxy).signIn('iro', TEST_PASSWORD, {}, { 'x-forwarded-for': '203.0.113.9' });
      const row = await t.ctx.db.selectFrom('audit_log').select('ip').where('action', '=', 'sign-in').where('username', '=', 'iro').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(row.ip).toBe('203.0.113.9');
    } finally {
      await behindProxy.close();
    }
  });

  it('reads LANTERN_TRUST_PROXY as true, a hop count or a list of addresses and ranges, and refuses anything else', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1,::1, fd00::/8, loopback')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback']);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/LANTERN_TRUST_PROXY/);
    expect(() => parseTrustProxy('proxy.example')).toThrow(/LANTERN_TRUST_PROXY/);
  });
});

describe('3. sign-in throttling instead of lockout', () => {
  const fail = (b: ReturnType<typeof browser>, username: string) => b.signIn(username, 'not the password');
  /** Moves the last failure back in time, as if the person had waited. */
  const wait = (seconds: number) => sql`UPDATE sign_in_throttle SET last_failure_at = last_failure_at - make_interval(secs => ${seconds})`.execute(t.ctx.db);

  it('after 5 failures the next attempt waits 1 second, then 2: 429 saying when, the same for an account that does not exist', async () => {
    for (const username of ['leader', 'nobody-at-all']) {
      const b = browser();
      for (let i = 0; i < 5; i++) expect((await fail(b, username)).statusCode).toBe(401);
      const throttled = await b.signIn(username, TEST_PASSWORD);
      expect(throttled.statusCode).toBe(429);
      expect(throttled.headers['retry-after']).toBe('1');
      expect(textOf(throttled.body)).toContain('Wait 1 second, then try again');
      expect(throttled.body).toContain('govuk-error-summary');
      await wait(1);
      expect((await fail(b, username)).statusCode).toBe(401);
      const longer = await b.signIn(username, TEST_PASSWORD);
      expect(longer.statusCode).toBe(429);
      expect(textOf(longer.body)).toContain('Wait 2 seconds, then try again');
    }
    // A colleague cannot keep someone out for long: once the wait is over the right password works.
    await wait(2);
    expect((await browser().signIn('leader')).statusCode).toBe(302);
  });

  it('counts in the database, so a second Lantern process on the same database throttles too', async () => {
    const other = await buildApp(t.ctx, { cookieSecret: 'test-cookie-secret-that-is-long-enough-1234', secureCookies: false, areas: AREAS });
    try {
      for (let i = 0; i < 5; i++) await fail(browser(), 'analyst');
      expect((await browser(other).signIn('analyst')).statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('slows one address guessing many usernames', async () => {
    const from = { 'x-forwarded-for': 'ignored' };
    for (let i = 0; i < 20; i++) expect((await browser().signIn(`someone-${i}`, 'guess', {}, from)).statusCode).toBe(401);
    expect((await browser().signIn('adviser')).statusCode).toBe(429);
  });

  it('says the same, and takes about as long, for an unknown username as for a wrong password; audits both without the password', async () => {
    const time = async (username: string) => {
      const b = browser();
      const page = await b.get('/sign-in');
      const started = performance.now();
      const response = await b.post('/sign-in', { username, password: 'Wrong-Password-1', _csrf: csrfTokenIn(page.body) });
      return { ms: performance.now() - started, response };
    };
    const known = [];
    const unknown = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time('manager'));
      unknown.push(await time('no-such-person'));
    }
    for (const { response } of [...known, ...unknown]) {
      expect(response.statusCode).toBe(401);
      expect(textOf(response.body)).toContain('Enter a correct username and password');
    }
    const median = (xs: { ms: number }[]) => xs.map((x) => x.ms).sort((a, b) => a - b)[1]!;
    // The unknown username runs scrypt against a dummy hash: same order of time, not a quick "no".
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
    const rows = await t.ctx.db.selectFrom('audit_log').select(['username', 'detail']).where('action', '=', 'sign-in-failed').where('username', 'in', ['manager', 'no-such-person']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(rows)).not.toContain('Wrong-Password-1');
  });
});

describe('3. passwords: changing your own, and a reset link from an administrator', () => {
  it('refuses a short, common, username-containing or mismatched new password, and a wrong current one; nothing changes', async () => {
    const b = await signedIn('adviser');
    const before = await t.ctx.db.selectFrom('app_user').select('password_hash').where('username', '=', 'adviser').executeTakeFirstOrThrow();
    const attempt = async (form: Record<string, string>) => {
      const page = await b.get('/account/password');
      return b.post('/account/password', { currentPassword: TEST_PASSWORD, confirmPassword: form['newPassword'] ?? '', _csrf: csrfTokenIn(page.body), ...form });
    };
    const cases: [Record<string, string>, string][] = [
      [{ newPassword: 'short pass' }, 'Password must be 12 characters or more'],
      [{ newPassword: '1q2w3e4r5t6y' }, 'one of the most common passwords'],
      [{ newPassword: 'my-ADVISER-password-2026' }, 'Password must not contain your username'],
      [{ newPassword: 'tulip kettle harbour', confirmPassword: 'tulip kettle harbor' }, 'The passwords do not match'],
      [{ currentPassword: 'not my password', newPassword: 'tulip kettle harbour' }, 'Your current password is not right'],
    ];
    for (const [form, message] of cases) {
      const response = await attempt(form);
      expect(response.statusCode, message).toBe(400);
      expect(textOf(response.body)).toContain(message);
      expect(response.body).not.toContain('tulip'); // passwords are never put back in the form
    }
    const after = await t.ctx.db.selectFrom('app_user').select('password_hash').where('username', '=', 'adviser').executeTakeFirstOrThrow();
    expect(after.password_hash).toBe(before.password_hash);
    expect(passwordProblem('correct horse battery staple', 'worker')).toBeNull();
    expect(isCommonPassword('PASSWORD')).toBe(true);
  });

  it('changes it, signs the user out everywhere else, and audits it', async () => {
    const here = await signedIn('partner');
    const elsewhere = await signedIn('partner');
    const page = await here.get('/account/password');
    expect(textOf(page.body)).toContain('Change your password');
    const response = await here.post('/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'lantern kite meadow',
      confirmPassword: 'lantern kite meadow',
      _csrf: csrfTokenIn(page.body),
    });
    expect(response.statusCode).toBe(303);
    expect(textOf((await here.get('/account/password?done=changed')).body)).toContain('Your password has been changed');
    expect((await elsewhere.get('/api/v1/me')).statusCode).toBe(401);
    expect((await browser().signIn('partner')).statusCode).toBe(401);
    expect((await browser().signIn('partner', 'lantern kite meadow')).statusCode).toBe(302);
    const audited = await t.ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'password-changed').where('username', '=', 'partner').execute();
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited)).not.toContain('kite');
  });

  it('an administrator makes a one-time link: the user is signed out, the old password stops, the link sets a new one once', async () => {
    const user = await signedIn('otherworker');
    const admin = await signedIn('admin');
    const worker = await signedIn('worker');
    expect((await worker.get('/admin/password-reset')).statusCode).toBe(403);

    const page = await admin.get('/admin/password-reset');
    const unknown = await admin.post('/admin/password-reset', { username: 'no-such-user', _csrf: csrfTokenIn(page.body) });
    expect(unknown.statusCode).toBe(400);
    expect(textOf(unknown.body)).toContain('No one has the username no-such-user');

    const made = await admin.post('/admin/password-reset', { username: 'otherworker', _csrf: csrfTokenIn(unknown.body) });
    expect(made.statusCode).toBe(200);
    const link = /https?:\/\/[^\s<"]+\/account\/reset\/([A-Za-z0-9_-]+)/.exec(made.body);
    expect(link).not.toBeNull();
    const path = `/account/reset/${link![1]}`;
    // Only the token's hash is stored.
    const stored = await sql<{ token_hash: string }>`SELECT token_hash FROM password_reset`.execute(t.ctx.db);
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(link![1]);

    expect((await user.get('/api/v1/me')).statusCode).toBe(401);
    expect((await browser().signIn('otherworker')).statusCode).toBe(401);

    const visitor = browser();
    const form = await visitor.get(path);
    expect(form.statusCode).toBe(200);
    expect(textOf(form.body)).toContain('Set a new password');
    const common = await visitor.post(path, { newPassword: 'qazwsxedcrfv', confirmPassword: 'qazwsxedcrfv', _csrf: csrfTokenIn(form.body) });
    expect(common.statusCode).toBe(400);
    expect(textOf(common.body)).toContain('one of the most common passwords');
    const named = await visitor.post(path, { newPassword: 'OtherWorker-2026!', confirmPassword: 'OtherWorker-2026!', _csrf: csrfTokenIn(common.body) });
    expect(textOf(named.body)).toContain('must not contain your username');
    const set = await visitor.post(path, { newPassword: 'orchard lantern pebble', confirmPassword: 'orchard lantern pebble', _csrf: csrfTokenIn(named.body) });
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe('/sign-in?done=password-set');
    expect(textOf((await visitor.get('/sign-in?done=password-set')).body)).toContain('Your new password is set');

    const again = await browser().get(path);
    expect(again.statusCode).toBe(404);
    expect(textOf(again.body)).toContain('This link has expired or has already been used');
    expect((await browser().signIn('otherworker', 'orchard lantern pebble')).statusCode).toBe(302);

    const actions = await t.ctx.db.selectFrom('audit_log').select(['action', 'user_id']).where('action', 'in', ['password-reset-link', 'password-reset']).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['password-reset-link', 'password-reset']);
    expect(actions[0]!.user_id).toBe(t.users.admin);
    expect(actions[1]!.user_id).toBe(t.users.otherWorker);
  });

  it('a link more than 24 hours old does not work', async () => {
    const admin = await signedIn('admin');
    const page = await admin.get('/admin/password-reset');
    const made = await admin.post('/admin/password-reset', { username: 'colleague', _csrf: csrfTokenIn(page.body) });
    const token = /\/account\/reset\/([A-Za-z0-9_-]+)/.exec(made.body)![1];
    await sql`UPDATE password_reset SET expires_at = now() - interval '1 minute' WHERE used_at IS NULL`.execute(t.ctx.db);
    const visitor = browser();
    expect((await visitor.get(`/account/reset/${token}`)).statusCode).toBe(404);
    // Put colleague back as the other tests expect.
    const { hashPassword } = await import('../src/access/passwords.ts');
    await t.ctx.db.updateTable('app_user').set({ password_hash: await hashPassword(TEST_PASSWORD) }).where('username', '=', 'colleague').execute();
  });
});

describe('4. a NUL byte or invalid UTF-8 anywhere is a 400 that says what to change, never a 500', () => {
  const form = (firstName: string) =>
    `kind=child&firstName=${firstName}&lastName=Nulby&dateOfBirth-day=3&dateOfBirth-month=4&dateOfBirth-year=2019&sex=F`;

  it.each([
    ['a NUL in a form field', form('A%00b')],
    ['percent-encoded bytes that are not UTF-8', form('A%C3%28')],
    ['a broken percent-encoding', form('A%ZZ')],
  ])('POST /children/new with %s', async (_what, body) => {
    const b = await signedIn('worker');
    const page = await b.get('/children/new');
    const response = await b.postRaw('/children/new', `${body}&_csrf=${encodeURIComponent(csrfTokenIn(page.body))}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('text/html');
    expect(textOf(response.body)).toContain('characters Lantern cannot store');
    expect(await countPeople('Nulby')).toBe(0);
  });

  it('POST /children/new with raw bytes that are not UTF-8', async () => {
    const b = await signedIn('worker');
    const page = await b.get('/children/new');
    const body = Buffer.concat([Buffer.from('kind=child&firstName=A'), Buffer.from([0xff, 0xfe]), Buffer.from(`&lastName=Nulby&_csrf=${encodeURIComponent(csrfTokenIn(page.body))}`)]);
    const response = await b.postRaw('/children/new', body);
    expect(response.statusCode).toBe(400);
    expect(await countPeople('Nulby')).toBe(0);
  });

  it.each([['/children?q=%00'], ['/children?q=%C3%28'], ['/children?q=100%'], ['/children/%00'], ['/children/%C3%28'], ['/children/a%00b/chronology']])(
    'GET %s',
    async (url) => {
      const b = await signedIn('worker');
      const response = await b.get(url);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('govuk-heading-l');
    },
  );

  it.each([
    ['a NUL in a JSON string', JSON.stringify({ kind: 'child', firstName: 'A\u0000', lastName: 'Nulby', dateOfBirth: '2019-04-03' })],
    ['a NUL in a key', '{"kind":"child","first\\u0000Name":"A","lastName":"Nulby","dateOfBirth":"2019-04-03"}'],
    ['bytes that are not UTF-8', Buffer.concat([Buffer.from('{"kind":"child","firstName":"A'), Buffer.from([0xc3, 0x28]), Buffer.from('","lastName":"Nulby","dateOfBirth":"2019-04-03"}')])],
    ['JSON that does not parse', '{"kind":"child",'],
  ])('POST /api/v1/children with %s: { error }', async (_what, body) => {
    const b = await signedIn('worker');
    const response = await b.api('POST', '/api/v1/children', body);
    expect(response.statusCode).toBe(400);
    expect(typeof response.json().error).toBe('string');
    expect(await countPeople('Nulby')).toBe(0);
  });

  it('GET /api/v1/children?q=%00 and a bad API path: { error }', async () => {
    const b = await signedIn('worker');
    for (const url of ['/api/v1/children?q=%00', '/api/v1/children/%C3%28']) {
      const response = await b.get(url);
      expect(response.statusCode).toBe(400);
      expect(typeof response.json().error).toBe('string');
    }
  });
});

describe('5. a form or an API call sent twice at once makes one record', () => {
  it('two identical concurrent posts of a form: one child, the second sent where the first went', async () => {
    const b = await signedIn('worker');
    const page = await b.get('/children/new');
    const token = csrfTokenIn(page.body);
    expect(token).toMatch(/\.[A-Za-z0-9_-]{22}$/); // the page's one-time part
    // No _submission field: only the form's one-time token stops the second record.
    const body = `${form('Twice', 'Clicker')}&_csrf=${encodeURIComponent(token)}`;
    const [first, second] = await Promise.all([b.postRaw('/children/new', body), b.postRaw('/children/new', body)]);
    expect(await countPeople('Clicker')).toBe(1);
    const statuses = [first.statusCode, second.statusCode].sort();
    expect(statuses[0]).toBe(303);
    expect([303, 409]).toContain(statuses[1]);
    if (statuses[1] === 303) expect(first.headers.location).toBe(second.headers.location);
    else expect(textOf([first, second].find((r) => r.statusCode === 409)!.body)).toContain('This form has already been sent');
    // Sent again later (back button, resubmit): taken to the record, still one child.
    const later = await b.postRaw('/children/new', body);
    expect(later.statusCode).toBe(303);
    expect(later.headers.location).toBe((first.statusCode === 303 ? first : second).headers.location);
    expect(await countPeople('Clicker')).toBe(1);
  });

  it('a form refused for what was typed can be corrected and sent again with the same page', async () => {
    const b = await signedIn('worker');
    const page = await b.get('/children/new');
    const token = encodeURIComponent(csrfTokenIn(page.body));
    const wrong = await b.postRaw('/children/new', `${form('Fixed', 'Later', '2099')}&_csrf=${token}`);
    expect(wrong.statusCode).toBe(400);
    const right = await b.postRaw('/children/new', `${form('Fixed', 'Later')}&_csrf=${token}`);
    expect(right.statusCode).toBe(303);
    expect(await countPeople('Later')).toBe(1);
  });

  it('two concurrent API posts with one Idempotency-Key: one child, the same answer replayed; another body with that key is refused', async () => {
    const b = await signedIn('worker');
    const child = { kind: 'child', firstName: 'Keyed', lastName: 'Twice', dateOfBirth: '2018-02-02', sex: 'M' };
    const key = { 'idempotency-key': 'create-keyed-twice-1' };
    const [first, second] = await Promise.all([b.api('POST', '/api/v1/children', child, key), b.api('POST', '/api/v1/children', child, key)]);
    expect(await countPeople('Twice')).toBe(1);
    expect(first.statusCode).toBe(201);
    expect([201, 409]).toContain(second.statusCode);
    const replay = await b.api('POST', '/api/v1/children', child, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const other = await b.api('POST', '/api/v1/children', { ...child, firstName: 'Different' }, key);
    expect(other.statusCode).toBe(422);
    expect(await countPeople('Twice')).toBe(1);
  });

  it('two concurrent API posts for the same child without a key: one record, the other told of the likely duplicate', async () => {
    const b = await signedIn('worker');
    const child = { kind: 'child', firstName: 'Samechild', lastName: 'Racer', dateOfBirth: '2017-07-07', sex: 'F' };
    const responses = await Promise.all([b.api('POST', '/api/v1/children', child), b.api('POST', '/api/v1/children', child)]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await countPeople('Racer')).toBe(1);
  });
});

describe('6. every response has the security headers @fastify/helmet would send, with its own nonce', () => {
  /** The headers a response carries but those Lantern adds itself, each response's nonces written as N. */
  const helmetPart = (headers: Record<string, unknown>, only: string[]) =>
    Object.fromEntries(only.map((name) => [name, String(headers[name]).replace(/'nonce-[0-9a-f]{32}'/g, "'nonce-N'")]));

  it.each([false, true])('a page, a refusal and a missing page, with HSTS %s: the same headers as @fastify/helmet with the same options', async (secure) => {
    const probe = Fastify();
    await probe.register(helmet, securityHeaderOptions(secure));
    probe.get('/', async () => '');
    const expected = (await probe.inject({ method: 'GET', url: '/' })).headers;
    await probe.close();
    const names = Object.keys(expected).filter((name) => !['content-type', 'content-length', 'date', 'connection'].includes(name));
    expect(names).toContain('content-security-policy');
    if (secure) expect(names).toContain('strict-transport-security');
    const app = secure ? await buildApp(t.ctx, { cookieSecret: 'test-cookie-secret-that-is-long-enough-1234', secureCookies: true, areas: AREAS }) : t.app;
    const worker = browser(app);
    expect((await worker.signIn('worker')).statusCode).toBe(302);
    const pages = [await browser(app).get('/sign-in'), await browser(app).get('/children'), await browser(app).get('/no-such-page'), await worker.get('/children')];
    for (const page of pages) expect(helmetPart(page.headers, names)).toEqual(helmetPart(expected, names));
    if (secure) await app.close();
  });

  it('a new nonce on every response, the one the page’s scripts carry', async () => {
    const [first, second] = [await browser().get('/sign-in'), await browser().get('/sign-in')];
    const nonceOf = (r: LightMyRequestResponse) => /script-src 'self' 'nonce-([0-9a-f]{32})'/.exec(String(r.headers['content-security-policy']))?.[1];
    expect(nonceOf(first)).toBeDefined();
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    expect(first.body).toContain(`nonce="${nonceOf(first)}"`);
    expect(second.body).toContain(`nonce="${nonceOf(second)}"`);
  });
});

function form(firstName: string, lastName: string, year = '2019'): string {
  return new URLSearchParams({ kind: 'child', firstName, lastName, 'dateOfBirth-day': '3', 'dateOfBirth-month': '4', 'dateOfBirth-year': year, sex: 'F' }).toString();
}
