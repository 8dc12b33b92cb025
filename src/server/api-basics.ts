// The API's own small endpoints: a CSRF token for a signed-in client, and who am I.
import { openApiDocument } from './api.ts';
import type { RegisterRoutes } from './context.ts';
import { SESSION_COOKIE } from '../access/sessions.ts';

export const apiBasics: RegisterRoutes = (app) => {
  app.get('/api/v1/csrf-token', { config: { guard: { signedIn: true, reason: 'a token for the signed-in client’s own changes' } } }, async (request, reply) => {
    return { token: reply.generateCsrf({ userInfo: request.cookies[SESSION_COOKIE] ?? 'signed-out' }) };
  });
  app.get('/api/v1/me', { config: { guard: { signedIn: true, reason: 'the signed-in user’s own account' } } }, async (request) => {
    const user = request.user!;
    return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, teamId: user.teamId };
  });
};

export const apiDocs: RegisterRoutes = (app) => {
  app.get('/api/docs', { config: { guard: { public: true } } }, async (request, reply) => {
    const document = openApiDocument();
    if ((request.headers.accept ?? '').includes('text/html')) {
      return reply.render('api-docs.njk', { title: 'Lantern API', document, paths: Object.entries(document['paths'] as object) });
    }
    return document;
  });
  app.get('/api/docs/openapi.json', { config: { guard: { public: true } } }, async () => openApiDocument());
};
