import type { KeelModule } from '../../kernel/http/app.ts';
import { detectTrendsNow } from './candidates.ts';
import { problemJobs } from './jobs.ts';
import { problemRoutes } from './routes.ts';
import './type.ts';

export { detectTrends } from './candidates.ts';
export { createProblem, linkIncidents } from './commands.ts';
export { type ProblemKpi, type ProblemKpiKey, problemKpiKeys, problemKpis } from './kpis.ts';
export {
  type ProblemOrigin,
  type ProblemState,
  problemOrigins,
  problemStates,
  type RcaMethod,
  rcaMethods,
} from './lifecycle.ts';
/** The shapes of the problem API's answers and requests, for the web app (types only). */
export type {
  AcceptCandidate,
  Applied,
  ApplyKnownError,
  KnownError,
  NewProblem,
  ProblemCandidate,
  ProblemPatch,
  ProblemRow,
  ProblemView,
  TrendSettings,
  TrendSettingsInput,
} from './shapes.ts';

/** Problem management: problems, known errors and trend detection (docs/problems.md). */
export const problemsModule: KeelModule = {
  name: 'problems',
  routes: problemRoutes,
  jobs: problemJobs,
  housekeeping: [{ what: 'detecting incident trends', everyMs: 3_600_000, run: detectTrendsNow }],
};
