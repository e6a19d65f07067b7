import type { Me, Role } from '../types.ts';

/** What the navigation offers; each entry names the roles that see it. Only built features appear. */
export type NavItem = {
  key: 'home' | 'users' | 'tokens' | 'audit' | 'apiDocs';
  to: string;
  roles?: Role[];
  external?: boolean;
};

export const navigation: NavItem[] = [
  { key: 'home', to: '/' },
  { key: 'users', to: '/admin/users', roles: ['administrator', 'internal_auditor'] },
  { key: 'tokens', to: '/admin/tokens', roles: ['administrator', 'internal_auditor'] },
  { key: 'audit', to: '/audit', roles: ['administrator', 'internal_auditor'] },
  { key: 'apiDocs', to: '/api/docs', external: true },
];

export const visibleNavigation = (me: Me) =>
  navigation.filter((n) => !n.roles || n.roles.some((r) => me.roles.includes(r)));
