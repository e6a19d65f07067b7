import type { Queryable } from '../../../kernel/db/database.ts';
import { auditsInput, nonconformitiesInput } from './checks.ts';
import { previousPeriod } from './periods.ts';
import {
  contextInput,
  improvementsInput,
  performanceInput,
  previousActionsInput,
  resourcesInput,
  risksInput,
} from './records.ts';
import { satisfactionInput, serviceLevelsInput, suppliersInput, workloadInput } from './services.ts';
import { type AssembledInputs, INPUTS_VERSION } from './shapes.ts';

/**
 * Assembles every input of a management review (9.3, `reviewInputKeys`) for its period from live data, each
 * read from the process that keeps it. Figures that describe a period (service levels, workload, ratings,
 * nonconformities, audits, changes in context) are the period's; those that describe a standing (open risks,
 * role gaps, the improvement register, overdue actions) are as they are now: when the review is held, the
 * whole is frozen into the record, so the minutes keep the standing at the meeting.
 */
export async function assembleInputs(
  db: Queryable,
  review: { id: string; periodFrom: string; periodTo: string; meetingOn: string },
  now = new Date(),
): Promise<AssembledInputs> {
  const period = { from: review.periodFrom, to: review.periodTo };
  const previous = previousPeriod(period);
  return {
    schemaVersion: INPUTS_VERSION,
    period,
    previousPeriod: previous,
    assembledAt: now.toISOString(),
    inputs: {
      previous_actions: await previousActionsInput(db, review, period),
      context_changes: await contextInput(db, period),
      performance: await performanceInput(db, period, now),
      service_levels: await serviceLevelsInput(db, period, previous),
      workload: await workloadInput(db, period, previous),
      customer_satisfaction: await satisfactionInput(db, period, previous),
      suppliers: await suppliersInput(db, period, previous),
      nonconformities: await nonconformitiesInput(db, period),
      audits: await auditsInput(db, period),
      risks: await risksInput(db),
      resources: await resourcesInput(db),
      improvements: await improvementsInput(db, period),
    },
  };
}
