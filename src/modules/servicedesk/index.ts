import type { KeelModule } from '../../kernel/http/app.ts';
import { majorJobs } from './commands/major.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { majorIncidentRoutes } from './routes/major.ts';
import { serviceDeskSettingsRoutes } from './routes/settings.ts';
import { serviceStatusRoutes } from './routes/status.ts';
import { workspaceRoutes } from './routes/workspace.ts';
import { incidentJobs } from './type.ts';

// what other modules and the demo call, and the answers' shapes the web imports as types
export { createGroup } from './commands/groups.ts';
export { createIncident } from './commands/incidents.ts';
export { PROBLEM_FROM_REVIEW_JOB } from './commands/major.ts';
export { matrixOf } from './commands/settings.ts';
export type { Category, Group, GroupInput, Person } from './routes/settings.ts';
export type { ServiceStatus } from './routes/status.ts';
export type { SearchHit, WorkItemRow } from './routes/workspace.ts';
export type {
  Escalate,
  IncidentInput,
  IncidentPatch,
  IncidentView,
  Suggestion,
  SupplierOption,
} from './shapes.ts';
export { incidentWorkload } from './workload.ts';

/** Incidents, the agent workspace and search, assignment groups and the service desk's settings. */
export const serviceDesk: KeelModule = {
  name: 'service desk',
  routes: async (app) => {
    await app.register(incidentRoutes);
    await app.register(majorIncidentRoutes);
    await app.register(workspaceRoutes);
    await app.register(serviceDeskSettingsRoutes);
    await app.register(serviceStatusRoutes);
  },
  jobs: { ...incidentJobs, ...majorJobs },
};
