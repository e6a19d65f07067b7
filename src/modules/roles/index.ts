import type { KeelModule } from '../../kernel/http/app.ts';
import { appointmentJobs } from './commands/appointments.ts';
import { roleRoutes } from './routes.ts';

export { appoint } from './commands/appointments.ts';
export { recordCompetence } from './commands/competences.ts';
export { createProcess, createRole, updateProcess } from './commands/roles.ts';
export { canServe, roleKeepers } from './policy.ts';
export {
  listProcesses,
  type Person,
  type ProcessTie,
  peopleByIds,
  processTies,
  roleCatalogue,
} from './queries.ts';
export type {
  AppointmentInput,
  AppointmentView,
  Catalogue,
  CompetenceInput,
  CompetenceRecord,
  Gap,
  ProcessInput,
  ProcessPatch,
  RoleDetail,
  RoleInput,
  RolePatch,
  SmsProcess,
  SmsRole,
} from './shapes.ts';
export { gapShape } from './shapes.ts';

/**
 * Roles, responsibilities and authorities (ISO/IEC 20000-1 5.3): the role catalogue, people appointed to roles
 * (whose access roles follow), the process register with its RACI matrices, and competence (7.2).
 */
export const rolesModule: KeelModule = { name: 'roles', routes: roleRoutes, jobs: appointmentJobs };
