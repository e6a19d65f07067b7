import type { KeelModule } from '../../kernel/http/app.ts';
import { clockJobs } from './clocks.ts';
import { agreementRoutes } from './routes.ts';

export { moveClock, retargetClock, startClock } from './clocks.ts';
export { createAgreement, createCalendar } from './commands.ts';
export { clockOutcome, metPercent } from './outcome.ts';
export const agreementsModule: KeelModule = { name: 'agreements', routes: agreementRoutes, jobs: clockJobs };
