import type { KeelModule } from '../../kernel/http/app.ts';
import { governanceRoutes } from './routes.ts';

export { assemblePlanDraft } from './plan.ts';

/** The leadership dashboard and the plan, until they move to modules of their own (docs/governance.md). */
export const governance: KeelModule = { name: 'governance', routes: governanceRoutes };
