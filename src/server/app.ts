// Builds the web application: security headers, sessions, CSRF, sign-in, the page renderer and
// every service area's routes. Routes translate HTTP; the rules live in each area's service.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import csrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZodError } from 'zod';
import type { SignedInUser } from '../access/policy.ts';
import { SESSION_COOKIE, userForSession } from '../access/sessions.ts';
import { audit, type AuditEntry } from '../access/audit.ts';
import type { AppContext, RegisterRoutes } from './context.ts';
import { createRenderer } from './render.ts';
import { NotFound, Forbidden, RuleBroken } from './errors.ts';
import { errorsFrom } from './forms.ts';
import { logRedaction } from './logging.ts';
import { installGuards, type DeclaredRoute } from './guard.ts';

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
}

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const govukDist = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

const wantsJson = (request: FastifyRequest) => request.url.startsWith('/api/');

export async function buildApp(ctx: AppContext, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { redact: logRedaction, level: process.env['LOG_LEVEL'] ?? 'info' } : false,
    trustProxy: true,
    bodyLimit: 1_048_576,
  });

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only matters behind HTTPS; harmless otherwise.
    hsts: options.secureCookies,
  });
  await app.register(cookie, { secret: options.cookieSecret });
  await app.register(formbody);
  await app.register(csrf, {
    cookieKey: 'lantern_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/', secure: options.secureCookies },
    // Bind the token to the session so that a planted cookie cannot be used (cookie tossing).
    getUserInfo: (request: FastifyRequest) => request.cookies[SESSION_COOKIE] ?? 'signed-out',
    csrfOpts: { hmacKey: options.cookieSecret },
    getToken: (request: FastifyRequest) =>
      (request.headers['x-csrf-token'] as string | undefined) ??
      ((request.body as Record<string, unknown> | undefined)?.['_csrf'] as string | undefined),
  });

  await app.register(fastifyStatic, { root: join(govukDist, 'govuk'), prefix: '/govuk/', decorateReply: false });
  await app.register(fastifyStatic, { root: join(govukDist, 'govuk', 'assets'), prefix: '/assets/', decorateReply: false });
  await app.register(fastifyStatic, { root: join(here, 'static'), prefix: '/static/', decorateReply: false });

  const render = createRenderer([join(here, '..', 'views'), join(here, '..'), govukDist]);

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
      csrfToken: this.generateCsrf({ userInfo: request.cookies[SESSION_COOKIE] ?? 'signed-out' }),
      cspNonce: (this as FastifyReply & { cspNonce?: { script: string } }).cspNonce?.script,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.user = await userForSession(ctx.db, token, ctx.time);
    if (request.user || request.routeOptions.config.public || !request.routeOptions.url) return;
    if (request.url.startsWith('/govuk/') || request.url.startsWith('/assets/') || request.url.startsWith('/static/')) return;
    if (wantsJson(request)) return reply.code(401).send({ error: 'Sign in first' });
    return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
  });

  app.addHook('preHandler', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });

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
