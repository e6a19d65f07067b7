import type { KeelModule } from '../../kernel/http/app.ts';
import { leadershipRoutes } from './routes.ts';

export type { Dashboard } from './shapes.ts';

/**
 * Leadership and commitment (ISO/IEC 20000-1 5.1): the dashboard top management and the head of service
 * management read across objectives, policies, risks and roles. It keeps no records of its own: it is a
 * module apart so that the processes it reads never depend on each other through it.
 */
export const leadershipModule: KeelModule = { name: 'leadership', routes: leadershipRoutes };
