import type { KeelModule } from '../../kernel/http/app.ts';
import { reportJobs, requeueStalledSchedules } from './commands.ts';
import { reportRoutes } from './routes.ts';

/** What the demo calls: schedule a report, send a period's report. */
export { createSchedule, distribute, REPORT_JOB, sendNow } from './commands.ts';
export { periodBefore } from './periods.ts';
export type { ReportDistributionView, ReportScheduleView, ScheduleInput, SchedulePatch } from './shapes.ts';

/**
 * Service reporting (ISO/IEC 20000-1 9.4): reports scheduled per period (an agreement's service level report,
 * the KPI pack, the management review pack), mailed as PDF and CSV to named recipients, each sending kept as
 * a distribution with its files' SHA-256.
 */
export const reportsModule: KeelModule = {
  name: 'reports',
  routes: reportRoutes,
  jobs: reportJobs,
  housekeeping: [
    { what: 'planning stalled report runs again', everyMs: 3_600_000, run: requeueStalledSchedules },
  ],
};
