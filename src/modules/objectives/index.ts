import type { KeelModule } from '../../kernel/http/app.ts';
import { objectiveRoutes } from './routes.ts';

export { addAction, createObjective, recordValue } from './commands.ts';
export { type KpiAsk, kpiValue, periodOf } from './kpis.ts';
export { objectiveStatuses, type Status } from './lifecycle.ts';
export type { KpiKey } from './policy.ts';
export { kpiKeys } from './policy.ts';
export { listObjectives, objectivesOver, presentObjective } from './queries.ts';
export type {
  ActionInput,
  ObjectiveDetail,
  ObjectiveInput,
  ObjectivePatch,
  ObjectiveSummary,
  ValueInput,
} from './shapes.ts';

/** Objectives (ISO/IEC 20000-1 6.2): measurable targets, the KPIs Keel computes for them, plans and reviews. */
export const objectivesModule: KeelModule = { name: 'objectives', routes: objectiveRoutes };
