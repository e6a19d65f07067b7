import type { KeelModule } from '../../kernel/http/app.ts';
import { clockJobs } from './clocks.ts';
import { foldClockCounts } from './report.ts';
import { agreementRoutes } from './routes.ts';

export type { Calendar, Holiday, Interval } from './calendar.ts';
/** The clock's pure reading of its history (the demo replays histories with it). */
export { type ClockEvent, viewClock } from './clock.ts';
/** The clock engine: the work-item types that carry SLA clocks (incidents, requests) start and move them. */
export {
  type ClockMove,
  type ClockScope,
  canMove,
  explainBreach,
  type Metric,
  moveClock,
  retargetClock,
  SLA_SCOPE,
  startClock,
  targetMetrics,
} from './clocks.ts';
export { createAgreement, createCalendar } from './commands.ts';
/** Which agreement is in force for a customer, group or supplier and a service. */
export { agreementFor, contractWith, isSlaInForceFor, olaFor, suppliersFor } from './in-force.ts';
export { clockOutcome, metPercent } from './outcome.ts';
/** Agreements and their service level reports, for the reports that read them (management review, 9.4). */
export { getAgreement, listAgreements } from './queries/agreements.ts';
/** How clocks are read and shown, with a work item or a page of them. */
export { type ClockRow, clockRows, clockStates, clocksOf, presentClocks } from './queries/clocks.ts';
export { foldClockCounts, serviceLevelReport } from './report.ts';
/** The answers the web app reads, as types. */
export type { AgreementView, BusinessCalendar, ClockView, ServiceLevelReport } from './shapes.ts';
/** The answer shape of a work item's clock, for the types that carry clocks. */
export { clockShape } from './shapes.ts';

/** Service level management (ISO/IEC 20000-1 8.3.3) and supplier agreements (8.3.4), with their SLA clocks. */
export const agreementsModule: KeelModule = {
  name: 'agreements',
  routes: agreementRoutes,
  jobs: clockJobs,
  housekeeping: [{ what: 'folding the service level counts', everyMs: 60_000, run: foldClockCounts }],
};
