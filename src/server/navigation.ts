// The service navigation each role sees. Items appear only where the role can use them.
import type { Role } from '../access/roles.ts';
import { can } from '../access/roles.ts';

interface NavItem {
  href: string;
  text: string;
  show: (role: Role) => boolean;
}

const ITEMS: NavItem[] = [
  { href: '/', text: 'My work', show: (role) => role !== 'administrator' && role !== 'partner_agency' },
  { href: '/children', text: 'Find a child', show: (role) => can(role, 'search-children') },
  { href: '/children/new', text: 'Add a child', show: (role) => can(role, 'create-child') },
  { href: '/admin/audit', text: 'Audit log', show: (role) => can(role, 'search-audit') },
  { href: '/admin/settings', text: 'Council settings', show: (role) => can(role, 'manage-settings') },
  { href: '/admin/access', text: 'Restricted records', show: (role) => can(role, 'grant-access') },
  { href: '/admin/password-reset', text: 'Reset a password', show: (role) => can(role, 'reset-passwords') },
];

export function addNavigationItem(item: NavItem, position = ITEMS.length): void {
  ITEMS.splice(position, 0, item);
}

/** True when `path` is `href` or a page beneath it ('/children/123' is under '/children', '/childrenx' is not). */
function isUnder(path: string, href: string): boolean {
  if (href === '/') return path === '/';
  return path === href || path.startsWith(`${href}/`);
}

/** The visible items, with only the best match for the current page active: the longest `href` the
 *  page is at or beneath, so that '/children/new' marks "Add a child" and not "Find a child" too. */
export function navigationFor(role: Role, currentPath: string) {
  const path = currentPath.split(/[?#]/)[0] || '/';
  const items = ITEMS.filter((item) => item.show(role));
  const best = items.filter((item) => isUnder(path, item.href)).sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((item) => ({ href: item.href, text: item.text, active: item === best }));
}
