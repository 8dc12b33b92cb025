// Builds the web application: security headers, sessions, CSRF, sign-in, the page renderer and
// every service area's routes. Routes translate HTTP; the rules live in each area's service.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import csrf from '@fastify/csrf-protection';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZodError } from 'zod';
import type { SignedInUser } from '../access/policy.ts';
import { SESSION_COOKIE, userForSession } from '../access/sessions.ts';
import { audit, type AuditEntry } from '../access/audit.ts';
import type { AppContext, RegisterRoutes } from './context.ts';
import { createRenderer, govukDist } from './render.ts';
import { NotFound, Forbidden, RuleBroken } from './errors.ts';
import { errorsFrom } from './forms.ts';
import { logRedaction, logSerializers } from './logging.ts';
import { parseTrustProxy, type TrustProxy } from './config.ts';
import { useClock } from '../db/connection.ts';
import { claimOnce, installOnce, splitToken, withOnce } from './once.ts';
import { installGuards, type DeclaredRoute } from './guard.ts';
import { installSecurityHeaders, securityHeaderOptions } from './security-headers.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: SignedInUser | null;
    /** Writes an audit entry for the signed-in user. */
    audit(entry: Omit<AuditEntry, 'userId' | 'username' | 'ip'>): Promise<void>;
  }
  interface FastifyReply {
    render(template: string, context?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyContextConfig {
    /** The route needs no signed-in user (sign-in page, assets). */
    public?: boolean;
  }
}

export interface AppOptions {
  cookieSecret: string;
  /** Set Secure on cookies (behind HTTPS in production). */
  secureCookies: boolean;
  logger?: boolean;
  areas: readonly RegisterRoutes[];
  /** Filled with every route and its guard as they are registered (for the route test). */
  declaredRoutes?: DeclaredRoute[];
  /**
   * Whose X-Forwarded-* headers to believe (Fastify's trustProxy). When not given, LANTERN_TRUST_PROXY
   * decides; unset, none are, so nobody can choose the IP address the audit log records.
   */
  trustProxy?: TrustProxy;
}

const here = dirname(fileURLToPath(import.meta.url));

const wantsJson = (request: FastifyRequest) => request.url.startsWith('/api/');

/**
 * What a worker is told when a form, address or API body holds something no record can store: a NUL
 * character (PostgreSQL text cannot hold one) or bytes that are not UTF-8.
 */
const UNSTORABLE =
  'What was sent contains characters Lantern cannot store (a null character, or text that is not UTF-8). Retype the text rather than pasting it, and send it again.';

const badInput = (message = UNSTORABLE) => Object.assign(new Error(message), { statusCode: 400, code: 'LANTERN_BAD_INPUT' });

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** The body as text, or null when its bytes are not UTF-8 (never U+FFFD in place of them). */
function strictUtf8(body: Buffer): string | null {
  try {
    return utf8.decode(body);
  } catch {
    return null;
  }
}

/** A form body, as @fastify/formbody's own parser reads it, refusing bad percent-encoding. */
function parseFormStrictly(text: string): Record<string, unknown> {
  // formbody decodes the bytes leniently: U+FFFD here means bytes that were not UTF-8.
  if (text.includes('\uFFFD')) throw badInput();
  const form: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((at < 0 ? pair : pair.slice(0, at)).replaceAll('+', ' '));
      value = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1).replaceAll('+', ' '));
    } catch {
      throw badInput(); // %ZZ, or percent-encoded bytes that are not UTF-8
    }
    const earlier = form[key];
    form[key] = earlier === undefined ? value : Array.isArray(earlier) ? [...earlier, value] : [earlier, value];
  }
  return form;
}

/** True when a NUL character is anywhere in a parsed body, query or path (keys included). */
function holdsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return true;
    } else if (Array.isArray(item)) {
      stack.push(...item);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, inner] of Object.entries(item)) {
        if (key.includes('\u0000')) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}

/** The address (path and query) decodes to UTF-8 without NUL characters. */
function addressIsStorable(url: string): boolean {
  try {
    return !decodeURIComponent(url).includes('\u0000');
  } catch {
    return false;
  }
}

export async function buildApp(ctx: AppContext, options: AppOptions): Promise<FastifyInstance> {
  // recorded_at and the like default to Lantern's clock in the database: set it from this app's TimeSource.
  await useClock(ctx.db, ctx.time);
  const render = createRenderer();
  const trusted = options.trustProxy ?? parseTrustProxy(process.env['LANTERN_TRUST_PROXY']);
  const app = Fastify({
    logger: options.logger ? { redact: logRedaction, serializers: logSerializers, level: process.env['LOG_LEVEL'] ?? 'info' } : false,
    // A number of hops is what proxy-addr does with one: trust the nearest n addresses.
    trustProxy: typeof trusted === 'number' ? (_address: string, hop: number) => hop < trusted : trusted,
    bodyLimit: 1_048_576,
    // The router's own refusals (a path that is not valid percent-encoded UTF-8) come before any hook,
    // so they are answered here, without the session: a plain 400 page or { error }.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      const raw = reply as unknown as FastifyReply; // the generic reply of this option is any route's
      if (wantsJson(request as FastifyRequest)) return void raw.code(status).send({ error: UNSTORABLE });
      const html = render('error.njk', { title: 'Check what you entered', message: 'This web address is not valid. Check it, or go back and try again.', user: null, councilName: ctx.councilName, currentPath: '/' });
      return void raw.code(status).type('text/html; charset=utf-8').send(html);
    },
  });

  // @fastify/helmet's headers and per-response nonces, worked out once (security-headers.ts).
  await installSecurityHeaders(app, securityHeaderOptions(options.secureCookies));
  await app.register(cookie, { secret: options.cookieSecret });
  await app.register(formbody, { parser: parseFormStrictly });
  // JSON and plain text are read as bytes and decoded strictly: invalid UTF-8 is a 400, not U+FFFD.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const text = strictUtf8(body as Buffer);
    if (text === null) return done(badInput(), undefined);
    defaultJson(request, text, done);
  });
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (_request, body, done) => {
    const text = strictUtf8(body as Buffer);
    if (text === null) return done(badInput(), undefined);
    done(null, text);
  });
  // A file sent from a form (moving to Lantern: a return from another system), read as text so the
  // same strict UTF-8 and NUL checks apply to it as to every other field.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 200 * 1024 * 1024, files: 13, fields: 10 },
    async onFile(part) {
      const bytes = await part.toBuffer();
      const text = strictUtf8(bytes);
      // A workbook (Ofsted's provider lists, decision 0077) is binary: kept as bytes for its reader, and as
      // text too where it reads as text, so that an importer of CSV files can say it is not one.
      if (/\.xlsx$/i.test(part.filename)) {
        (part as unknown as { value: { fileName: string; bytes: Buffer; text?: string } }).value = { fileName: part.filename, bytes, ...(text === null ? {} : { text }) };
        return;
      }
      if (text === null) throw badInput();
      (part as unknown as { value: { fileName: string; text: string } }).value = { fileName: part.filename, text };
    },
  });
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer', bodyLimit: 200 * 1024 * 1024 }, (_request, body, done) => {
    const text = strictUtf8(body as Buffer);
    if (text === null) return done(badInput(), undefined);
    done(null, text);
  });
  await app.register(csrf, {
    cookieKey: 'lantern_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/', secure: options.secureCookies },
    // Bind the token to the session so that a planted cookie cannot be used (cookie tossing).
    getUserInfo: (request: FastifyRequest) => request.cookies[SESSION_COOKIE] ?? 'signed-out',
    csrfOpts: { hmacKey: options.cookieSecret },
    // A page's token carries a one-time part (once.ts); the CSRF check is on the rest.
    getToken: (request: FastifyRequest) =>
      splitToken(
        (request.headers['x-csrf-token'] as string | undefined) ??
          ((request.body as Record<string, unknown> | undefined)?.['_csrf'] as string | undefined),
      ).csrf,
  });

  await app.register(fastifyStatic, { root: join(govukDist, 'govuk'), prefix: '/govuk/', decorateReply: false });
  await app.register(fastifyStatic, { root: join(govukDist, 'govuk', 'assets'), prefix: '/assets/', decorateReply: false });
  await app.register(fastifyStatic, { root: join(here, 'static'), prefix: '/static/', decorateReply: false });

  installGuards(app, ctx, options.declaredRoutes ?? []);
  app.decorateRequest('user', null);
  app.decorateRequest('audit', async function (this: FastifyRequest, entry) {
    await audit(ctx.db, { ...entry, userId: this.user?.id ?? null, username: this.user?.username ?? null, ip: this.ip });
  });
  app.decorateReply('render', function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const request = this.request;
    const html = render(template, {
      ...context,
      user: request.user,
      councilName: ctx.councilName,
      currentPath: request.url,
      // Every form posts this back: the CSRF token and a one-time part, so that it counts once (once.ts).
      csrfToken: withOnce(this.generateCsrf({ userInfo: request.cookies[SESSION_COOKIE] ?? 'signed-out' })),
      cspNonce: this.cspNonce?.script,
    });
    // As bytes: Fastify measures a string's UTF-8 length for Content-Length and then encodes it again
    // to write it; a page encoded once is one pass over it (a record page is about 43 KB).
    return this.type('text/html; charset=utf-8').send(Buffer.from(html));
  });

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.user = await userForSession(ctx.db, token, ctx.time);
    if (request.user || request.routeOptions.config.public || !request.routeOptions.url) return;
    if (request.url.startsWith('/govuk/') || request.url.startsWith('/assets/') || request.url.startsWith('/static/')) return;
    if (wantsJson(request)) return reply.code(401).send({ error: 'Sign in first' });
    return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
  });

  // Nothing unstorable reaches a route: a NUL or invalid UTF-8 in the address, the query, the path or
  // the body is a 400 that says what to change (the body's bytes are checked by the parsers above).
  app.addHook('preValidation', async (request) => {
    if (!addressIsStorable(request.url) || holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body)) throw badInput();
  });

  app.addHook('preHandler', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return done();
    app.csrfProtection(request, reply, (error?: Error) => {
      if (error) return done(error);
      // Then the form's one-time token (or the API call's Idempotency-Key) is claimed: a repeat is
      // answered here and the route does not run again.
      const posted = (request.body as Record<string, unknown> | undefined)?.['_csrf'];
      claimOnce(ctx, request, reply, typeof posted === 'string' ? posted : undefined).then(
        (answered) => {
          if (!answered) done();
        },
        (failure: Error) => done(failure),
      );
    });
  });
  installOnce(app, ctx);

  app.addHook('onSend', async (_request, reply, payload) => {
    // Case records must not sit in shared caches or the browser's back-forward history.
    if (!reply.getHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler(async (error, request, reply) => {
    const status =
      error instanceof NotFound || error instanceof Forbidden || error instanceof RuleBroken
        ? error.status
        : error instanceof ZodError
          ? 400
          : ((error as { statusCode?: number }).statusCode ?? 500);
    if (error instanceof Forbidden && request.user && !error.audited) {
      await request.audit({ action: 'denied', objectType: 'route', objectId: request.routeOptions.url ?? request.url });
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message =
      status >= 500
        ? 'Sorry, something went wrong. Your last change may not have been saved: check the record and try again.'
        : status === 403 && (error as { code?: string }).code?.startsWith('FST_CSRF')
          ? 'This form had expired. Go back, refresh the page and try again.'
          : (error as Error).message;
    if (wantsJson(request)) {
      const issues = error instanceof ZodError ? errorsFrom(error.issues).list.map((e) => ({ field: e.href.slice(1), message: e.text })) : undefined;
      return reply.code(status).send({ error: message, ...(issues ? { issues } : {}) });
    }
    const titles: Record<number, string> = { 400: 'Check what you entered', 403: 'You do not have access', 404: 'Page not found', 422: 'This cannot be recorded' };
    return reply.code(status).render('error.njk', { title: titles[status] ?? 'Sorry, there is a problem with the service', message });
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (wantsJson(request)) return reply.code(404).send({ error: 'Not found' });
    return reply.code(404).render('error.njk', { title: 'Page not found', message: 'Check the web address is correct.' });
  });

  for (const area of options.areas) area(app, ctx);
  await app.ready();
  return app;
}
