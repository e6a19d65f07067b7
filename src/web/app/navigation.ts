import { holdsAny, internalRoles, type Role } from '../../kernel/access/roles.ts';
import { auditReaders } from '../../modules/audits/policy.ts';
import { classEditors, cmdbEditors, cmdbReaders } from '../../modules/cmdb/policy.ts';
import { improvementReaders } from '../../modules/improvements/policy.ts';
import { articleApprovers } from '../../modules/knowledge/policy.ts';
import { leaders } from '../../modules/leadership/policy.ts';
import { ncReaders } from '../../modules/nonconformities/policy.ts';
import { portfolioEditors, portfolioReaders } from '../../modules/portfolio/policy.ts';
import { problemManagers, problemReaders } from '../../modules/problems/policy.ts';
import { readinessReaders } from '../../modules/readiness/policy.ts';
import { reportReaders } from '../../modules/reports/policy.ts';
import { reviewActionTickers, reviewReaders } from '../../modules/reviews/policy.ts';
import { workers } from '../../modules/servicedesk/policy.ts';
import type { Me } from '../types.ts';

/** What the navigation offers; each entry names the roles that see it. Only built features appear. */
export type NavKey =
  | 'home'
  | 'workspace'
  | 'newIncident'
  | 'changes'
  | 'knowledge'
  | 'knowledgeReview'
  | 'problems'
  | 'knownErrors'
  | 'problemCandidates'
  | 'report'
  | 'policies'
  | 'objectives'
  | 'leadership'
  | 'risks'
  | 'roles'
  | 'context'
  | 'plan'
  | 'communication'
  // check and act (act half): nonconformities, improvements, management reviews, service reports
  | 'nonconformities'
  | 'improvements'
  | 'managementReviews'
  | 'myReviewActions'
  | 'serviceReports'
  | 'processes'
  | 'services'
  | 'catalogue'
  | 'agreements'
  | 'calendars'
  | 'cis'
  | 'classes'
  | 'import'
  | 'licences'
  | 'audits'
  | 'readiness'
  | 'internalAudits'
  | 'findings'
  | 'users'
  | 'tokens'
  | 'audit'
  | 'apiDocs';
export type NavGroup =
  | 'serviceDesk'
  | 'serviceManagement'
  | 'governance'
  | 'assurance'
  | 'cmdb'
  | 'administration';
export type NavItem = {
  key: NavKey;
  to: string;
  roles?: readonly Role[];
  external?: boolean;
  group?: NavGroup;
  /** Pages outside `to` that belong to this entry (a change's page lives among the work items). */
  also?: RegExp;
};

export const adminOrAuditor: readonly Role[] = ['administrator', 'internal_auditor'];
export const deskWorkers = workers;
const deskReaders: readonly Role[] = internalRoles;

export const navigation: NavItem[] = [
  { key: 'home', to: '/' },
  { key: 'workspace', group: 'serviceDesk', to: '/work-items', roles: deskReaders },
  { key: 'newIncident', group: 'serviceDesk', to: '/incidents/new', roles: deskWorkers },
  {
    key: 'changes',
    group: 'serviceDesk',
    to: '/changes',
    roles: deskReaders,
    also: /^\/work-items\/CHG-/i,
  },
  // every reader: staff read and write articles, customers and suppliers read those meant for them
  { key: 'knowledge', group: 'serviceDesk', to: '/knowledge' },
  {
    key: 'knowledgeReview',
    group: 'serviceDesk',
    to: '/knowledge/review',
    roles: articleApprovers,
    also: /^\/knowledge\/review/,
  },
  {
    key: 'problems',
    group: 'serviceDesk',
    to: '/problems',
    roles: problemReaders,
    also: /^\/work-items\/PRB-|^\/problems\/new/i,
  },
  { key: 'knownErrors', group: 'serviceDesk', to: '/known-errors', roles: problemReaders },
  {
    key: 'problemCandidates',
    group: 'serviceDesk',
    to: '/problems/candidates',
    roles: problemManagers,
    also: /^\/problems\/candidates/,
  },
  { key: 'report', to: '/report', roles: ['customer'] },
  { key: 'catalogue', group: 'serviceManagement', to: '/catalogue', roles: [...internalRoles, 'customer'] },
  { key: 'services', group: 'serviceManagement', to: '/services', roles: portfolioReaders },
  { key: 'agreements', group: 'serviceManagement', to: '/agreements', roles: portfolioReaders },
  { key: 'calendars', group: 'serviceManagement', to: '/calendars', roles: portfolioReaders },
  { key: 'leadership', group: 'governance', to: '/leadership', roles: leaders },
  { key: 'policies', group: 'governance', to: '/policies', roles: [...deskReaders, 'supplier'] },
  { key: 'objectives', group: 'governance', to: '/objectives', roles: deskReaders },
  { key: 'risks', group: 'governance', to: '/risks', roles: deskReaders },
  { key: 'roles', group: 'governance', to: '/roles', roles: deskReaders },
  { key: 'processes', group: 'governance', to: '/processes', roles: deskReaders },
  { key: 'context', group: 'governance', to: '/context', roles: deskReaders },
  { key: 'plan', group: 'governance', to: '/plan', roles: deskReaders },
  { key: 'communication', group: 'governance', to: '/communication', roles: deskReaders },
  // check and act (ISO/IEC 20000-1 9, 10)
  { key: 'readiness', group: 'assurance', to: '/readiness', roles: readinessReaders },
  { key: 'internalAudits', group: 'assurance', to: '/internal-audits', roles: auditReaders },
  { key: 'findings', group: 'assurance', to: '/findings', roles: auditReaders },
  {
    key: 'nonconformities',
    group: 'assurance',
    to: '/nonconformities',
    roles: ncReaders,
    also: /^\/work-items\/NC-/i,
  },
  { key: 'improvements', group: 'assurance', to: '/improvements', roles: improvementReaders },
  { key: 'managementReviews', group: 'assurance', to: '/management-reviews', roles: reviewReaders },
  // anyone on the staff may be made responsible for a review action and ticks it off there
  {
    key: 'myReviewActions',
    group: 'assurance',
    to: '/management-reviews/actions',
    roles: reviewActionTickers,
    also: /^\/management-reviews\/actions/,
  },
  { key: 'serviceReports', group: 'assurance', to: '/service-reports', roles: reportReaders },
  { key: 'cis', group: 'cmdb', to: '/cis', roles: cmdbReaders },
  { key: 'classes', group: 'cmdb', to: '/cmdb/classes', roles: cmdbReaders },
  { key: 'import', group: 'cmdb', to: '/cmdb/import', roles: cmdbEditors },
  { key: 'licences', group: 'cmdb', to: '/cmdb/licences', roles: cmdbReaders },
  { key: 'audits', group: 'cmdb', to: '/cmdb/audits', roles: cmdbReaders },
  { key: 'users', group: 'administration', to: '/admin/users', roles: adminOrAuditor },
  { key: 'tokens', group: 'administration', to: '/admin/tokens', roles: adminOrAuditor },
  { key: 'audit', group: 'administration', to: '/audit', roles: adminOrAuditor },
  { key: 'apiDocs', to: '/api/docs', external: true },
];

/** Whether an entry is the one the reader is in: its own pages, unless another entry claims them. */
export function isActive(n: NavItem, path: string) {
  if (n.to === '/') return path === '/';
  if (n.also?.test(path)) return true;
  return path.startsWith(n.to) && !navigation.some((o) => o !== n && o.also?.test(path));
}

export const visibleNavigation = (me: Me) => navigation.filter((n) => !n.roles || holdsAny(me, n.roles));

export const editors = { cmdb: cmdbEditors, classes: classEditors, portfolio: portfolioEditors };
