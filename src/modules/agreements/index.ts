import type { KeelModule } from '../../kernel/http/app.ts';
import { clockJobs } from './clocks.ts';
import { foldClockCounts } from './report.ts';
import { agreementRoutes } from './routes.ts';

export { moveClock, retargetClock, startClock } from './clocks.ts';
export { createAgreement, createCalendar } from './commands.ts';
export { clockOutcome, metPercent } from './outcome.ts';
export { foldClockCounts } from './report.ts';
export const agreementsModule: KeelModule = {
  name: 'agreements',
  routes: agreementRoutes,
  jobs: clockJobs,
  housekeeping: [{ what: 'folding the service level counts', everyMs: 60_000, run: foldClockCounts }],
};
