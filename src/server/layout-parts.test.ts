// The layout's skip link, header and service navigation, rendered once for each role and page
// (layout-parts.ts): each page still shows its own role's links with its own place marked, the
// council's name and the person signed in escaped, and nothing of one page or person on another.
import { describe, expect, it } from 'vitest';
import { createRenderer } from './render.ts';

const render = createRenderer();
const page = (user: { role: string; displayName: string } | null, currentPath: string, councilName = 'Bench') =>
  render('error.njk', { title: 'A page', message: 'A message', user, councilName, currentPath, csrfToken: 'token', cspNonce: 'nonce' });
const marked = (html: string) => [...html.matchAll(/<li class="govuk-service-navigation__item govuk-service-navigation__item--active">\s*<a class="govuk-service-navigation__link" href="([^"]+)"/g)].map((m) => m[1]);
const links = (html: string) => [...html.matchAll(/class="govuk-service-navigation__link" href="([^"]+)"/g)].map((m) => m[1]);

describe('the layout’s header and navigation, worked out once', () => {
  it('marks the page’s own place in the navigation, page after page', () => {
    const worker = { role: 'social_worker', displayName: 'Sam Worker' };
    expect(marked(page(worker, '/children'))).toEqual(['/children']);
    expect(marked(page(worker, '/'))).toEqual(['/']);
    expect(marked(page(worker, '/children/new'))).toEqual(['/children/new']);
    expect(marked(page(worker, '/children?q=smith'))).toEqual(['/children']);
  });

  it('shows each role its own links, whoever came before', () => {
    const worker = page({ role: 'social_worker', displayName: 'Sam Worker' }, '/admin/audit');
    const administrator = page({ role: 'administrator', displayName: 'Ada Admin' }, '/admin/audit');
    expect(links(worker)).not.toContain('/admin/settings');
    expect(links(administrator)).toEqual(['/admin/audit', '/admin/settings', '/admin/access', '/admin/password-reset']);
    expect(marked(administrator)).toEqual(['/admin/audit']);
    expect(administrator).toContain('Signed in as Ada Admin');
    expect(administrator).not.toContain('Sam Worker');
  });

  it('escapes the council’s name and the name of the person signed in', () => {
    const html = page({ role: 'senior_leader', displayName: '<script>alert(1)</script>' }, '/', '<script>alert(2)</script> Council');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Signed in as &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt; Council');
  });

  it('shows no navigation to someone signed out, and the same skip link and header to everyone', () => {
    const signedOut = page(null, '/sign-in');
    expect(links(signedOut)).toEqual([]);
    const header = (html: string) => {
      const start = html.indexOf('<div class="govuk-generic-header">');
      return html.slice(start, html.indexOf('\n</div>\n', start));
    };
    expect(signedOut).toContain('<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>');
    expect(header(signedOut)).toContain('Lantern');
    expect(header(page({ role: 'iro', displayName: 'Ivo' }, '/'))).toBe(header(signedOut));
  });
});
