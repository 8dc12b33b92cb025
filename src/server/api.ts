// The JSON API under /api/v1. Each operation is declared once with its zod schemas: the route
// validates with them and the OpenAPI document at /api/docs is generated from them, so the document
// cannot drift from what the API accepts.
import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Guard } from './guard.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Operation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Fastify path, e.g. /api/v1/children/:childId */
  url: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The body as documented, where it is not JSON (a multipart upload of files): its type and schema. */
  bodyDocument?: { contentType: string; schema: Record<string, unknown> };
  /** Status code of success, documented. */
  successStatus?: number;
  /** Who may call it: for a child's record, the access check and the audit row follow from this. */
  guard?: Guard;
  /** The change it makes, audited with the `id` the handler returns (and the guard's child). */
  change?: { action: 'create' | 'update' | 'delete'; objectType: string };
  handler: (
    input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B>; request: FastifyRequest; reply: FastifyReply },
  ) => Promise<unknown>;
}

interface DocumentedOperation {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyDocument?: { contentType: string; schema: Record<string, unknown> };
  successStatus: number;
}

const operations: DocumentedOperation[] = [];
const empty = z.object({});

export function apiRoute<P extends z.ZodType = typeof empty, Q extends z.ZodType = typeof empty, B extends z.ZodType = typeof empty>(
  app: FastifyInstance,
  operation: Operation<P, Q, B>,
): void {
  if (!operations.some((o) => o.method === operation.method && o.url === operation.url)) {
    operations.push({ ...operation, successStatus: operation.successStatus ?? (operation.method === 'POST' ? 201 : 200) });
  }
  app.route({
    method: operation.method,
    url: operation.url,
    ...(operation.guard ? { config: { guard: operation.guard } } : {}),
    handler: async (request, reply) => {
      const params = (operation.params ?? empty).parse(request.params ?? {}) as z.infer<P>;
      const query = (operation.query ?? empty).parse(request.query ?? {}) as z.infer<Q>;
      const body = (operation.body ?? empty).parse(request.body ?? {}) as z.infer<B>;
      const result = await operation.handler({ params, query, body, request, reply });
      const id = (result as { id?: unknown } | null)?.id;
      if (operation.change && typeof id === 'string') {
        await request.audit({ action: operation.change.action, childId: request.child?.id ?? null, objectType: operation.change.objectType, objectId: id });
      }
      // A handler that chose its own status (409 with candidates, say) keeps it.
      if (!reply.sent && reply.statusCode === 200) reply.code(operation.successStatus ?? (operation.method === 'POST' ? 201 : 200));
      return result;
    },
  });
}

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = toOpenApiPath(op.url);
    const parameters = [
      ...Object.keys((op.params as z.ZodObject | undefined)?.shape ?? {}).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries((op.query as z.ZodObject | undefined)?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: !(schema as z.ZodType).safeParse(undefined).success,
        schema: z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }),
      })),
    ];
    (paths[path] ??= {})[op.method.toLowerCase()] = {
      summary: op.summary,
      tags: [op.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(op.bodyDocument
        ? { requestBody: { required: true, content: { [op.bodyDocument.contentType]: { schema: op.bodyDocument.schema } } } }
        : op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) } } } }
        : {}),
      responses: {
        [String(op.successStatus)]: { description: 'Success' },
        '400': { description: 'The request was not valid: `issues` lists each problem' },
        '401': { description: 'Not signed in' },
        '403': { description: 'Not allowed for this user or this child, or the CSRF token is missing' },
        '404': { description: 'Not found' },
        '422': { description: 'A rule of the record was broken; `error` says which' },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lantern API',
      version: '1',
      description:
        'The same records and permissions as the Lantern pages. Sign in with a session cookie (POST /sign-in) and send the token from GET /api/v1/csrf-token in the x-csrf-token header with every change.',
    },
    paths,
  };
}
