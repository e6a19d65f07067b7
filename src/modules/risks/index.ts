import type { KeelModule } from '../../kernel/http/app.ts';
import { riskJobs } from './commands.ts';
import { riskRoutes } from './routes.ts';

export { addRiskAction, createRisk } from './commands.ts';
export { listRisks } from './queries.ts';
export type {
  Criteria,
  CriteriaView,
  HeatMap,
  RiskActionInput,
  RiskDetail,
  RiskInput,
  RiskPatch,
  RiskRow,
} from './shapes.ts';

/** Risks and opportunities (ISO/IEC 20000-1 6.1): criteria, the register with its scores, treatment actions. */
export const risksModule: KeelModule = { name: 'risks', routes: riskRoutes, jobs: riskJobs };
