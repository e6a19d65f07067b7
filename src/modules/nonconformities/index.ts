import type { KeelModule } from '../../kernel/http/app.ts';
import { nonconformityJobs } from './jobs.ts';
import { nonconformityRoutes } from './routes.ts';
import './type.ts';

export { addCorrectiveAction, updateCorrectiveAction } from './commands/actions.ts';
export { type Answer, answerNonconformity } from './commands/answer.ts';
export { recordEffectiveness } from './commands/checks.ts';
export { raiseNonconformity, updateNonconformity } from './commands/raise.ts';
export {
  type ClosedBy,
  closers,
  type Effectiveness,
  effectivenessResults,
  handSources,
  type NonconformitySource,
  type NonconformityState,
  nonconformitySources,
  nonconformityStates,
  openNonconformityStates,
  type Severity,
  severities,
} from './lifecycle.ts';
export type {
  CorrectiveActionView,
  NcSettings,
  NonconformityRow,
  NonconformityView,
  RaiseInput,
} from './shapes.ts';

/** Nonconformities and corrective actions (ISO/IEC 20000-1 10.1, docs/check-and-act.md). */
export const nonconformitiesModule: KeelModule = {
  name: 'nonconformities',
  routes: nonconformityRoutes,
  jobs: nonconformityJobs,
};
