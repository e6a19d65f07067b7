import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import {
  type ClockScope,
  clockStates,
  contractWith,
  type Metric,
  moveClock,
  olaFor,
  retargetClock,
  SLA_SCOPE,
  startClock,
  targetMetrics,
} from '../agreements/index.ts';
import { movesTo, olaScope, type Situation, startsNow, ucScope, wantedClock } from './clock-rules.ts';

/**
 * How an incident's clocks follow its life (docs/incidents.md): which agreements apply (the customer's SLA,
 * the holding group's OLA, the supplier's underpinning contract while the incident waits on it), which
 * clocks run, and what each moment of the incident's life does to them (clock-rules.ts). The clocks
 * themselves keep their history (the agreements module).
 */
export const INCIDENT_METRICS = ['response', 'resolution'] as const;

/**
 * Brings the incident's clocks in line with where it stands: starts the clocks its agreements set targets
 * for, re-targets those that run under another agreement or priority (their history stays, so no paused
 * time is lost; a clock whose new terms set no target keeps its old ones), and appends the events that
 * take each clock where the rules want it. Every command that changes an incident ends here.
 */
export async function reconcileClocks(ctx: CommandContext, workItemId: string, startAt?: number) {
  const res = await ctx.tx.execute<{
    priority: number | null;
    final: boolean;
    service_id: string | null;
    agreement_id: string | null;
    state: string;
    pending_reason: string | null;
    group_id: string | null;
    supplier_ci_id: string | null;
  }>(sql`
    select w.priority, w.final, w.service_id, w.state, w.group_id, i.agreement_id, i.pending_reason, i.supplier_ci_id
      from work_items w join incidents i on i.work_item_id = w.id where w.id = ${workItemId}`);
  const row = res.rows[0];
  if (!row || row.priority === null) return;
  const priority = row.priority;
  const situation: Situation = {
    state: row.state,
    pendingReason: row.pending_reason,
    groupId: row.group_id,
    supplierCiId: row.supplier_ci_id,
  };
  const applicable: Array<{ scope: ClockScope; agreementId: string | null }> = [
    { scope: SLA_SCOPE, agreementId: row.agreement_id },
  ];
  if (row.group_id)
    applicable.push({
      scope: olaScope(row.group_id),
      agreementId: await olaFor(ctx.tx, row.group_id, row.service_id),
    });
  if (row.state === 'pending' && row.pending_reason === 'supplier' && row.supplier_ci_id)
    applicable.push({
      scope: ucScope(row.supplier_ci_id),
      agreementId: await contractWith(ctx.tx, row.supplier_ci_id, row.service_id),
    });

  const existing = await clockStates(ctx.tx, workItemId);
  let changed = false;
  const pauses = new Map<string, string[]>();
  const pauseRulesOf = async (agreementId: string) => {
    if (!pauses.has(agreementId)) pauses.set(agreementId, await pauseRules(ctx.tx, agreementId));
    return pauses.get(agreementId)!;
  };
  for (const { scope, agreementId } of applicable) {
    if (!agreementId) continue;
    const targets = await targetMetrics(ctx.tx, agreementId, priority);
    for (const metric of INCIDENT_METRICS) {
      if (!targets.has(metric)) continue;
      const clock = existing.find((c) => c.metric === metric && c.scope === scope);
      if (clock) {
        if (
          clock.state !== 'stopped' &&
          (clock.agreement_id !== agreementId || clock.priority !== priority)
        ) {
          await retargetClock(ctx, workItemId, metric, { agreementId, priority }, scope);
          changed = true;
        }
      } else if (!row.final) {
        if (!startsNow(metric, scope, situation, await pauseRulesOf(agreementId))) continue;
        await startClock(ctx, { workItemId, metric, scope, agreementId, priority, at: startAt });
        changed = true;
      }
    }
  }

  const at = Date.now();
  // read again only when clocks were started or re-targeted above
  for (const clock of changed ? await clockStates(ctx.tx, workItemId) : existing) {
    if (!(INCIDENT_METRICS as readonly string[]).includes(clock.metric)) continue;
    const wanted = wantedClock(clock.metric, clock.scope, situation, clock.pause_on);
    for (const move of movesTo(clock, wanted))
      await moveClock(ctx, workItemId, clock.metric as Metric, move, at, clock.scope);
  }
}

async function pauseRules(db: Queryable, agreementId: string) {
  const res = await db.execute<{ pause_on: string[] }>(
    sql`select pause_on from agreements where id = ${agreementId}`,
  );
  return res.rows[0]?.pause_on ?? [];
}
