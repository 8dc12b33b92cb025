// Helmet's security headers on every response, with new CSP nonces for each. @fastify/helmet builds a
// whole helmet middleware (every option checked, the policy parsed and serialised again) on every request
// in order to put the nonces in the policy, in two hooks. Here @fastify/helmet answers one request at
// start-up, on an app of its own with the same options; every response then gets the headers it sent,
// with its own nonces in place of that request's (decision 0063). What a browser receives is what
// @fastify/helmet would send.
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';

/** What Lantern asks of @fastify/helmet: a strict policy with a nonce per response. */
export function securityHeaderOptions(secureCookies: boolean): FastifyHelmetOptions {
  return {
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
    hsts: secureCookies,
  };
}

interface Headers {
  /** Every header but the policy, as @fastify/helmet set them (names in its case, in its order). */
  fixed: [string, string][];
  cspName: string;
  /** The policy around the nonces: before the script nonce, between the two, after the style nonce. */
  csp: [string, string, string];
}

/** The headers @fastify/helmet sets with these options, worked out on an app of its own. */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Headers> {
  const probe = Fastify();
  let seen: { names: string[]; values: Record<string, unknown>; nonce: { script: string; style: string } } | undefined;
  await probe.register(helmet, options);
  probe.get('/', async (_request, reply) => {
    // getRawHeaderNames (the names in the case they were set) is on every OutgoingMessage since Node 15.13;
    // @types/node declares it only on ClientRequest.
    const raw = reply.raw as typeof reply.raw & { getRawHeaderNames(): string[] };
    seen = { names: raw.getRawHeaderNames(), values: raw.getHeaders(), nonce: reply.cspNonce };
    return '';
  });
  await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  if (!seen) throw new Error('@fastify/helmet did not answer');
  const fixed: [string, string][] = [];
  let csp: [string, string] | undefined;
  for (const name of seen.names) {
    const value = seen.values[name.toLowerCase()];
    if (typeof value !== 'string') throw new Error(`@fastify/helmet set ${name} to something other than text`);
    if (/^content-security-policy/i.test(name)) csp = [name, value];
    else fixed.push([name, value]);
  }
  const { script, style } = seen.nonce;
  const parts = csp?.[1].split(`'nonce-${script}'`);
  const rest = parts?.[1]?.split(`'nonce-${style}'`);
  // The script nonce once, then the style nonce once (script-src comes before style-src).
  if (!csp || parts?.length !== 2 || rest?.length !== 2) throw new Error('@fastify/helmet set no policy with its nonces in the expected places');
  return { fixed, cspName: csp[0], csp: [`${parts[0]}'nonce-`, `'${rest[0]}'nonce-`, `'${rest[1]}`] };
}

/** Sets @fastify/helmet's headers, with new nonces, on every response: one hook, nothing parsed per request. */
export async function installSecurityHeaders(app: FastifyInstance, options: FastifyHelmetOptions): Promise<void> {
  const { fixed, cspName, csp } = await helmetHeaders(options);
  const [head, middle, tail] = csp;
  app.decorateReply('cspNonce', null as never); // set on every request by the hook below, as @fastify/helmet does
  app.addHook('onRequest', (_request, reply, done) => {
    // Two 128-bit nonces in hex, as @fastify/helmet makes them, from one call.
    const bytes = randomBytes(32).toString('hex');
    const script = bytes.slice(0, 32);
    const style = bytes.slice(32);
    reply.cspNonce = { script, style };
    const raw = reply.raw;
    for (const [name, value] of fixed) raw.setHeader(name, value);
    raw.setHeader(cspName, head + script + middle + style + tail);
    done();
  });
}
