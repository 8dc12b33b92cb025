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
];

export function addNavigationItem(item: NavItem, position = ITEMS.length): void {
  ITEMS.splice(position, 0, item);
}

export function navigationFor(role: Role, currentPath: string) {
  return ITEMS.filter((item) => item.show(role)).map((item) => ({
    href: item.href,
    text: item.text,
    active: item.href === '/' ? currentPath === '/' : currentPath.startsWith(item.href),
  }));
}
