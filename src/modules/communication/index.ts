import type { KeelModule } from '../../kernel/http/app.ts';
import { communicationJobs } from './commands.ts';
import { communicationRoutes } from './routes.ts';

export { createEntry } from './commands.ts';
export type { Entry, EntryInput, EntryPatch, PlanEntry } from './shapes.ts';

/** Communication (ISO/IEC 20000-1 7.4): what is communicated, to whom, how, by whom, when; each time done. */
export const communicationModule: KeelModule = {
  name: 'communication',
  routes: communicationRoutes,
  jobs: communicationJobs,
};
