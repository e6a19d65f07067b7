import type { KeelModule } from '../../kernel/http/app.ts';
import { planRoutes } from './routes.ts';

export { assemblePlanDraft } from './commands.ts';
export type { PlanNotes, PlanView } from './shapes.ts';

/**
 * The service management plan (ISO/IEC 20000-1 6.3): a policy document of kind `plan`, assembled from the
 * records of the other processes and its author's notes, then approved and published like a policy.
 */
export const planModule: KeelModule = { name: 'plan', routes: planRoutes };
