import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { clockStates, moveClock, retargetClock, startClock } from '../agreements/clocks.ts';

/**
 * How an incident's clocks follow its life (docs/incidents.md): which agreement applies, which clocks run,
 * and what each lifecycle step does to them. The clocks themselves keep their history (agreements/clocks.ts).
 */
export const INCIDENT_METRICS = ['response', 'resolution'] as const;

/** The agreement in force: an active SLA of the customer covering the service, valid today. */
export async function agreementFor(
  db: Queryable,
  customerId: string | null,
  serviceId: string | null,
): Promise<string | null> {
  if (!customerId || !serviceId) return null;
  const res = await db.execute<{ id: string }>(sql`
    select a.id from agreements a join agreement_services s on s.agreement_id = a.id and s.service_id = ${serviceId}
     where a.kind = 'sla' and a.status = 'active' and a.customer_id = ${customerId}
       and (a.valid_from is null or a.valid_from <= current_date)
       and (a.valid_to is null or a.valid_to >= current_date)
     order by lower(a.name) limit 1`);
  return res.rows[0]?.id ?? null;
}

async function targetsFor(db: Queryable, agreementId: string, priority: number) {
  const res = await db.execute<{ metric: string }>(sql`
    select metric from agreement_targets where agreement_id = ${agreementId} and priority = ${priority}`);
  return new Set(res.rows.map((r) => r.metric));
}

/**
 * Brings the item's clocks in line with its agreement and priority: starts the clocks the agreement sets
 * targets for, re-targets those that run under another agreement or priority (their history stays, so no
 * paused time is lost). A clock whose new terms set no target keeps its old terms.
 */
export async function syncClocks(
  ctx: CommandContext,
  item: { id: string; priority: number | null; final: boolean; state: string },
  agreementId: string | null,
  at?: number,
) {
  if (!agreementId || item.priority === null) return;
  const targets = await targetsFor(ctx.tx, agreementId, item.priority);
  const existing = await clockStates(ctx.tx, item.id);
  const started: string[] = [];
  for (const metric of INCIDENT_METRICS) {
    if (!targets.has(metric)) continue;
    const clock = existing.find((c) => c.metric === metric);
    if (!clock) {
      if (item.final) continue;
      await startClock(ctx, { workItemId: item.id, metric, agreementId, priority: item.priority, at });
      started.push(metric);
    } else if (clock.state !== 'stopped') {
      await retargetClock(ctx, item.id, metric, { agreementId, priority: item.priority });
    }
  }
  // a clock started on an incident already under way takes up where the incident is
  if (started.includes('response') && !['new', 'assigned'].includes(item.state))
    await clockSteps.start(ctx, item.id);
  if (started.includes('resolution') && item.state === 'resolved') {
    await each(ctx, item.id, ['resolution'], ['running'], { kind: 'pause', reason: RESOLVED_REASON });
  }
  // pending under another agreement: its pause rules decide whether the clocks stand still
  if (item.state === 'pending') {
    const r = await ctx.tx.execute<{ pending_reason: string | null }>(
      sql`select pending_reason from incidents where work_item_id = ${item.id}`,
    );
    const reason = r.rows[0]?.pending_reason;
    if (reason) await clockSteps.pend(ctx, item.id, reason);
  }
}

export const PENDING_PREFIX = 'pending:';
export const RESOLVED_REASON = 'resolved';

async function each(
  ctx: CommandContext,
  itemId: string,
  metrics: readonly string[],
  states: readonly string[],
  move: Parameters<typeof moveClock>[3],
  only?: (c: { agreement_id: string; pausedFor: string | null }) => boolean | Promise<boolean>,
  at?: number,
) {
  for (const c of await clockStates(ctx.tx, itemId)) {
    if (!metrics.includes(c.metric) || !states.includes(c.state)) continue;
    if (only && !(await only(c))) continue;
    await moveClock(ctx, itemId, c.metric, move, at);
  }
}

async function pausesOn(db: Queryable, agreementId: string, reason: string) {
  const res = await db.execute<{ yes: boolean }>(
    sql`select ${reason} = any(pause_on) as yes from agreements where id = ${agreementId}`,
  );
  return res.rows[0]?.yes ?? false;
}

export const clockSteps = {
  /** Work has started: the response target is met (or missed) now. */
  start: (ctx: CommandContext, itemId: string) =>
    each(ctx, itemId, ['response'], ['running', 'paused'], { kind: 'stop' }),
  /** Pending: the clocks stop only where the agreement says this reason pauses them. */
  pend: async (ctx: CommandContext, itemId: string, reason: string) => {
    const pause = { kind: 'pause', reason: `${PENDING_PREFIX}${reason}` } as const;
    await each(ctx, itemId, INCIDENT_METRICS, ['running'], pause, (c) =>
      pausesOn(ctx.tx, c.agreement_id, reason),
    );
    // after an agreement change: a clock paused for a reason its new agreement does not pause on runs again
    await each(
      ctx,
      itemId,
      INCIDENT_METRICS,
      ['paused'],
      { kind: 'resume' },
      async (c) =>
        Boolean(c.pausedFor?.startsWith(PENDING_PREFIX)) && !(await pausesOn(ctx.tx, c.agreement_id, reason)),
    );
  },
  resume: (ctx: CommandContext, itemId: string) =>
    each(ctx, itemId, INCIDENT_METRICS, ['paused'], { kind: 'resume' }, (c) =>
      Boolean(c.pausedFor?.startsWith(PENDING_PREFIX)),
    ),
  /** Resolved: response is over; resolution waits (paused) for the requester's confirmation or a reopen. */
  resolve: async (ctx: CommandContext, itemId: string) => {
    await each(ctx, itemId, ['response'], ['running', 'paused'], { kind: 'stop' });
    // a clock paused while pending now waits for the requester instead: the reason changes, no time runs
    const at = Date.now();
    await each(ctx, itemId, ['resolution'], ['paused'], { kind: 'resume' }, undefined, at);
    await each(
      ctx,
      itemId,
      ['resolution'],
      ['running'],
      { kind: 'pause', reason: RESOLVED_REASON },
      undefined,
      at,
    );
  },
  reopen: (ctx: CommandContext, itemId: string) =>
    each(ctx, itemId, ['resolution'], ['paused'], { kind: 'resume' }),
  cancel: (ctx: CommandContext, itemId: string) =>
    each(ctx, itemId, INCIDENT_METRICS, ['running', 'paused'], { kind: 'stop' }),
};
