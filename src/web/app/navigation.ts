import type { Role } from '../../kernel/access/roles.ts';
import { classEditors, cmdbEditors, cmdbReaders } from '../../modules/cmdb/policy.ts';
import { portfolioEditors, portfolioReaders } from '../../modules/portfolio/policy.ts';
import type { Me } from '../types.ts';

/** What the navigation offers; each entry names the roles that see it. Only built features appear. */
export type NavKey =
  | 'home'
  | 'services'
  | 'catalogue'
  | 'cis'
  | 'classes'
  | 'import'
  | 'users'
  | 'tokens'
  | 'audit'
  | 'apiDocs';
export type NavItem = { key: NavKey; to: string; roles?: readonly Role[]; external?: boolean };

const adminOrAuditor: Role[] = ['administrator', 'internal_auditor'];

export const navigation: NavItem[] = [
  { key: 'home', to: '/' },
  { key: 'catalogue', to: '/catalogue' },
  { key: 'services', to: '/services', roles: portfolioReaders },
  { key: 'cis', to: '/cis', roles: cmdbReaders },
  { key: 'classes', to: '/cmdb/classes', roles: cmdbReaders },
  { key: 'import', to: '/cmdb/import', roles: cmdbEditors },
  { key: 'users', to: '/admin/users', roles: adminOrAuditor },
  { key: 'tokens', to: '/admin/tokens', roles: adminOrAuditor },
  { key: 'audit', to: '/audit', roles: adminOrAuditor },
  { key: 'apiDocs', to: '/api/docs', external: true },
];

export const visibleNavigation = (me: Me) =>
  navigation.filter((n) => !n.roles || n.roles.some((r) => me.roles.includes(r)));

export const can = (me: Me | null | undefined, roles: readonly Role[]) =>
  !!me && me.roles.some((r) => roles.includes(r));
export const editors = { cmdb: cmdbEditors, classes: classEditors, portfolio: portfolioEditors };
