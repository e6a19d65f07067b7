import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import type { KeelModule } from './http/app.ts';
import { liveRoutes } from './live/routes.ts';
import { mailRoutes } from './mail/routes.ts';
import { notificationRoutes } from './notify/routes.ts';
import { recordRoutes } from './records/routes.ts';
import { savedFilterRoutes } from './views/routes.ts';

/** The kernel's own routes: sign-in, the audit log, and what every work-item type shares. */
export const kernelModules: KeelModule[] = [
  { name: 'auth', routes: authRoutes },
  { name: 'audit', routes: auditRoutes },
  { name: 'records', routes: recordRoutes },
  { name: 'saved filters', routes: savedFilterRoutes },
  { name: 'notifications', routes: notificationRoutes },
  { name: 'mail', routes: mailRoutes },
  { name: 'live updates', routes: liveRoutes },
];
