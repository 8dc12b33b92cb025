// Nunjucks with autoescaping on, finding Lantern's views and the GOV.UK Frontend macros.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import './nunjucks-runtime.ts';
import { ROLES, type Role } from '../access/roles.ts';
import { navigationFor } from './navigation.ts';
import { layoutParts } from './layout-parts.ts';
import { formatDate, formatDateTime, midSentence } from './format.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** GOV.UK Frontend's dist folder: its macros, and its styles, scripts and assets that the app serves. */
export const govukDist = join(dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');
/** Where templates are found: Lantern's views, each area's views by path from src, GOV.UK's. */
export const viewPaths = [join(here, '..', 'views'), join(here, '..'), govukDist];

export function createRenderer(paths: string[] = viewPaths) {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(paths, { noCache: process.env['NODE_ENV'] === 'development' }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  env.addFilter('date', (value: unknown) => (typeof value === 'string' || value instanceof Date ? formatDate(value) : ''));
  env.addFilter('datetime', (value: unknown) => (value instanceof Date || typeof value === 'string' ? formatDateTime(value) : ''));
  // A label mid-sentence, keeping acronyms and names ("DBS check renewal"); a list, each of its labels.
  env.addFilter('midSentence', (value: unknown) => (Array.isArray(value) ? value.map((v) => midSentence(String(v ?? ''))) : midSentence(value == null ? '' : String(value))));
  env.addFilter('json', (value: unknown) => JSON.stringify(value));
  // Nunjucks' own trim uses a regex that is very slow on the long runs of whitespace the GOV.UK
  // macros produce (10–40 ms per date input). Same result, keeping a safe string safe.
  env.addFilter('trim', (value: unknown) => {
    const trimmed = String(value ?? '').trim();
    return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
  });
  const parts = layoutParts(env);
  return (template: string, context: Record<string, unknown>): string => {
    const user = context['user'] as { role: Role } | null;
    return env.render(template, {
      ...context,
      roleLabel: user ? ROLES[user.role] : '',
      layoutSkipLink: parts.skipLink(),
      layoutHeader: parts.header(),
      layoutServiceNavigation: user ? parts.serviceNavigation(context['councilName'], navigationFor(user.role, String(context['currentPath'] ?? '/'))) : '',
    });
  };
}
