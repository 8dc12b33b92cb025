import { describe, expect, it } from 'vitest';
import { navigationFor } from './navigation.ts';

const active = (role: Parameters<typeof navigationFor>[0], path: string) =>
  navigationFor(role, path).filter((item) => item.active).map((item) => item.href);

describe('service navigation', () => {
  it('marks only the best match: adding a child is not also finding one', () => {
    expect(active('social_worker', '/children/new')).toEqual(['/children/new']);
    expect(active('social_worker', '/children')).toEqual(['/children']);
    expect(active('social_worker', '/children/4f0c8d8e-0000-0000-0000-000000000000/chronology')).toEqual(['/children']);
  });

  it('marks "My work" only on the home page, and ignores the query string', () => {
    expect(active('social_worker', '/')).toEqual(['/']);
    expect(active('social_worker', '/?tab=team')).toEqual(['/']);
    expect(active('social_worker', '/children?q=smith')).toEqual(['/children']);
    expect(active('administrator', '/admin/audit?page=2')).toEqual(['/admin/audit']);
  });

  it('does not treat a page whose name merely starts the same as being beneath an item', () => {
    expect(active('social_worker', '/childrens-services')).toEqual([]);
    expect(active('social_worker', '/my-work/workers/x')).toEqual([]);
  });

  it('shows administrators their pages and not casework', () => {
    expect(navigationFor('administrator', '/').map((item) => item.href)).toEqual(['/admin/audit', '/admin/settings', '/admin/access', '/admin/password-reset']);
  });
});
