import type { KeelModule } from '../../kernel/http/app.ts';
import { communicationJobs } from './communication.ts';

export { createEntry } from './communication.ts';
export { saveIssue, saveParty, saveScope } from './context.ts';
export { assemblePlanDraft } from './plan.ts';

import { governanceRoutes } from './routes.ts';

/** The leadership side of the service management system: policies first (docs/governance.md). */
export const governance: KeelModule = {
  name: 'governance',
  routes: governanceRoutes,
  jobs: { ...communicationJobs },
};
