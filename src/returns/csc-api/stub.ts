// A local stand-in for DfE's CSC API and its token service, for tests and for trying the flow:
// it issues client-credentials tokens and validates each request's body against the OpenAPI
// document's CSC schema (dfe-csc-api-openapi.json, with ajv, which Fastify ships), and can fail on
// demand: a 5xx, a 429 with Retry-After, a token that has expired, a validation failure.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule, { type FormatsPlugin } from 'ajv-formats';

// ajv-formats is CommonJS: its default export may arrive wrapped in another.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

export const OPENAPI_PATH = resolve(process.env['LANTERN_SHARED_DIR'] ?? '/work/shared', 'specs/dfe-csc-api-openapi.json');

/** What the stub does with the next request to the API, instead of answering it. */
export type Failure = { status: 500 | 502 | 503 } | { status: 429; retryAfter?: string } | { status: 400 } | { status: 413 } | { expireToken: true } | { dropConnection: true };

export interface ReceivedRequest {
  requestId: string | null;
  laCode: string;
  supplierKey: string | null;
  body: unknown;
  /** ajv's errors against the CSC schema; empty when the body is valid. */
  schemaErrors: string[];
  status: number;
}

export interface CscApiStub {
  url: string;
  apiUrl: string;
  tokenUrl: string;
  credentials: { clientId: string; clientSecret: string; scope: string };
  received: ReceivedRequest[];
  tokensIssued: number;
  /** The next requests to the API fail, in order. */
  failNext(...failures: Failure[]): void;
  close(): Promise<void>;
}

export async function startCscApiStub(options: { port?: number } = {}): Promise<CscApiStub> {
  const openapi = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as { components: { schemas: Record<string, object> } };
  // The OpenAPI document's own schema, as it is: "example" is an OpenAPI keyword ajv need not know.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ components: openapi.components }, 'openapi');
  const validate = ajv.getSchema('openapi#/components/schemas/CSC');
  if (!validate) throw new Error('The OpenAPI document has no CSC schema');

  const credentials = { clientId: 'lantern-test', clientSecret: `secret-${randomUUID()}`, scope: 'api://dfe-csc/.default' };
  const tokens = new Set<string>();
  const failures: Failure[] = [];
  const app: FastifyInstance = Fastify({ logger: false, bodyLimit: 20 * 1024 * 1024 });
  await app.register(formbody);

  const stub: CscApiStub = {
    url: '',
    apiUrl: '',
    tokenUrl: '',
    credentials,
    received: [],
    tokensIssued: 0,
    failNext: (...next) => void failures.push(...next),
    close: () => app.close(),
  };

  app.post('/oauth2/token', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string>;
    if (form['grant_type'] !== 'client_credentials') return reply.code(400).send({ error: 'unsupported_grant_type' });
    if (form['client_id'] !== credentials.clientId || form['client_secret'] !== credentials.clientSecret) return reply.code(401).send({ error: 'invalid_client' });
    if (form['scope'] !== credentials.scope) return reply.code(400).send({ error: 'invalid_scope' });
    const token = randomUUID();
    tokens.add(token);
    stub.tokensIssued += 1;
    return { access_token: token, token_type: 'Bearer', expires_in: 3600 };
  });

  app.post('/api/children_social_care_data/:laCode/children', async (request, reply) => {
    const { laCode } = request.params as { laCode: string };
    const record = (status: number, schemaErrors: string[] = []) => {
      stub.received.push({
        requestId: (request.headers['x-request-id'] as string | undefined) ?? null,
        laCode,
        supplierKey: (request.headers['supplierkey'] as string | undefined) ?? null,
        body: request.body,
        schemaErrors,
        status,
      });
    };
    const failure = failures.shift();
    if (failure && 'dropConnection' in failure) {
      record(0);
      request.raw.socket.destroy();
      return reply;
    }
    if (failure && 'expireToken' in failure) tokens.clear();
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) {
      record(401);
      return reply.code(401).send({ error: 'The access token is missing, not valid or has expired' });
    }
    // la_code: "3 digit Local Authority Code", an integer, at most 999 (the path parameter's schema).
    if (!/^\d{1,3}$/.test(laCode)) {
      record(400, ['la_code must be an integer of at most 999']);
      return reply.code(400).send({ error: 'Payload was malformed' });
    }
    const valid = validate(request.body);
    const errors = valid ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
    if (failure && 'status' in failure) {
      record(failure.status, errors);
      if (failure.status === 429 && failure.retryAfter) reply.header('retry-after', failure.retryAfter);
      // A validation failure on demand names the field and quotes the value, as a real API might.
      if (failure.status === 400) {
        const first = Array.isArray(request.body) ? (request.body[0] as { child_details?: { first_name?: string } } | undefined) : undefined;
        return reply.code(400).send({ error: 'Payload was malformed', detail: `child_details.first_name '${first?.child_details?.first_name ?? ''}' was not expected` });
      }
      return reply.code(failure.status).send({ error: failure.status === 429 ? 'Too many requests' : failure.status === 413 ? 'Too many records' : 'Internal error' });
    }
    if (!valid) {
      record(400, errors);
      return reply.code(400).send({ error: 'Payload was malformed', errors });
    }
    record(200);
    return reply.code(200).type('application/json').send(JSON.stringify(randomUUID()));
  });

  const address = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  stub.url = address;
  stub.apiUrl = `${address}/api`;
  stub.tokenUrl = `${address}/oauth2/token`;
  return stub;
}
