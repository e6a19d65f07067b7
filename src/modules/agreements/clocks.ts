import { and, eq, sql } from 'drizzle-orm';
import { appendAuditMany } from '../../kernel/audit/append.ts';
import type { Queryable, Tx } from '../../kernel/db/database.ts';
import { isoTimestamp } from '../../kernel/db/timestamps.ts';
import { type CommandContext, systemActor } from '../../kernel/db/tx.ts';
import { problems } from '../../kernel/http/problem.ts';
import { enqueueJobs } from '../../kernel/jobs/queue.ts';
import type { JobHandler } from '../../kernel/jobs/worker.ts';
import { notifyAssignees } from '../../kernel/notify/notify.ts';
import { type Calendar, calendarOf } from './calendar.ts';
import { type ClockEvent, stateOf, viewClock } from './clock.ts';
import { slaClocks } from './schema.ts';
import type { metrics } from './shapes.ts';

/**
 * SLA clocks on work items. Every command appends to the clock's history, derives deadline and warning
 * instant again (clock.ts) and reschedules the two durable jobs that fire them: no table is ever scanned
 * for clocks due, and a job fires once, at its instant, on whichever Keel process is free.
 * How clocks are read and shown (their rows, remaining time, states) is queries/clocks.ts.
 */
export type Metric = (typeof metrics)[number];
type Clock = typeof slaClocks.$inferSelect;
export const CLOCK_JOBS = { warn: 'sla.warn', breach: 'sla.breach' } as const;

async function terms(tx: Tx, agreementId: string, metric: Metric, priority: number) {
  const res = await tx.execute<{
    calendar_id: string;
    calendar_version: number;
    time_zone: string;
    week: Calendar['week'];
    holidays: Calendar['holidays'];
    minutes: number;
    warn_percent: number;
  }>(sql`
    select c.id as calendar_id, c.version as calendar_version, c.time_zone, c.week, c.holidays, t.minutes, t.warn_percent
      from agreements a join business_calendars c on c.id = a.calendar_id
      join agreement_targets t on t.agreement_id = a.id and t.metric = ${metric} and t.priority = ${priority}
     where a.id = ${agreementId}`);
  const r = res.rows[0];
  if (!r)
    throw problems.validation([
      { field: 'agreementId', message: `the agreement sets no ${metric} target for priority ${priority}` },
    ]);
  return {
    cal: calendarOf(r),
    targetMs: r.minutes * 60_000,
    warnPercent: r.warn_percent,
  };
}

const key = (kind: 'warn' | 'breach', clockId: string) => `sla:${kind}:${clockId}`;

type Terms = Awaited<ReturnType<typeof terms>>;

/** The clock's state and deadline, and its warning instant, from its history under these terms. */
function derive({ cal, targetMs, warnPercent }: Terms, events: ClockEvent[], now: number) {
  const view = viewClock(cal, events, targetMs, now);
  const warn = viewClock(cal, events, Math.round((targetMs * warnPercent) / 100), now);
  return {
    view,
    warn,
    columns: {
      state: view.state,
      deadline: view.deadline === null ? null : new Date(view.deadline),
      warnAt: warn.deadline === null ? null : new Date(warn.deadline),
    },
  };
}

/**
 * Applies a change to the clock (a new event, other terms) and derives its state, deadline and warning
 * instant again from its history, in one update; then reschedules its jobs.
 */
async function refresh(
  tx: Tx,
  clock: Clock,
  now = Date.now(),
  change: Partial<Pick<Clock, 'events' | 'agreementId' | 'priority'>> = {},
): Promise<Clock> {
  const next = { ...clock, ...change };
  const derived = derive(
    await terms(tx, next.agreementId, next.metric as Metric, next.priority),
    next.events,
    now,
  );
  const { view, warn } = derived;
  const [row] = await tx
    .update(slaClocks)
    .set({
      ...change,
      ...derived.columns,
      // new terms (a lower priority, a kinder agreement) can move a passed instant back into the future:
      // the warning or breach recorded against the old terms no longer holds
      ...(clock.warnedAt && warn.deadline !== null && warn.deadline > now ? { warnedAt: null } : {}),
      ...(clock.breachedAt && view.deadline !== null && view.deadline > now
        ? { breachedAt: null, breachReason: null }
        : {}),
      updatedAt: new Date(now),
    })
    .where(eq(slaClocks.id, clock.id))
    .returning();
  await schedule(tx, row!, derived, false);
  return row!;
}

/**
 * The clock's warning and breach jobs at its instants. A clock just started has no jobs to take back. (The
 * work item's due date, its earliest running deadline, PostgreSQL keeps: migration 0028.)
 */
async function schedule(tx: Tx, clock: Clock, { view, warn }: ReturnType<typeof derive>, started: boolean) {
  if (!started)
    await tx.execute(sql`
      delete from jobs where state = 'queued' and unique_key in (${key('warn', clock.id)}, ${key('breach', clock.id)})`);
  if (view.state !== 'running') return;
  const payload = { clockId: clock.id };
  const jobs: Parameters<typeof enqueueJobs>[1] = [];
  if (!clock.warnedAt && warn.deadline !== null)
    jobs.push({
      kind: CLOCK_JOBS.warn,
      payload,
      opts: { dueAt: new Date(warn.deadline), uniqueKey: key('warn', clock.id) },
    });
  if (!clock.breachedAt && view.deadline !== null)
    jobs.push({
      kind: CLOCK_JOBS.breach,
      payload,
      opts: { dueAt: new Date(view.deadline), uniqueKey: key('breach', clock.id) },
    });
  await enqueueJobs(tx, jobs);
}

/** Whose clock: the customer's SLA, an internal group's OLA ('ola:<group id>'), a supplier's contract ('uc:<CI id>'). */
export type ClockScope = string;
export const SLA_SCOPE: ClockScope = 'sla';

async function lockClock(tx: Tx, workItemId: string, metric: Metric, scope: ClockScope): Promise<Clock> {
  const [c] = await tx
    .select()
    .from(slaClocks)
    .where(
      and(eq(slaClocks.workItemId, workItemId), eq(slaClocks.metric, metric), eq(slaClocks.scope, scope)),
    )
    .for('update');
  if (!c) throw problems.notFound(`The ${metric} clock of this work item`);
  return c;
}

export async function startClock(
  ctx: CommandContext,
  input: {
    workItemId: string;
    metric: Metric;
    scope?: ClockScope;
    agreementId: string;
    priority: number;
    at?: number;
  },
) {
  const agreed = await terms(ctx.tx, input.agreementId, input.metric, input.priority);
  const now = input.at ?? Date.now();
  const events: ClockEvent[] = [{ kind: 'start', at: now }];
  const derived = derive(agreed, events, now);
  const [clock] = await ctx.tx
    .insert(slaClocks)
    .values({
      workItemId: input.workItemId,
      metric: input.metric,
      scope: input.scope ?? SLA_SCOPE,
      agreementId: input.agreementId,
      priority: input.priority,
      events,
      ...derived.columns,
      updatedAt: new Date(now),
    })
    .returning();
  await ctx.audit({
    action: 'sla-clock.started',
    recordType: 'sla-clock',
    recordId: clock!.id,
    after: clock,
  });
  await schedule(ctx.tx, clock!, derived, true);
  return clock!;
}

const allowed: Record<ClockEvent['kind'], string[]> = {
  start: [],
  pause: ['running'],
  resume: ['paused'],
  stop: ['running', 'paused'],
};

export type ClockMove = { kind: 'pause'; reason: string } | { kind: 'resume' } | { kind: 'stop' };

/** Whether a clock in this state can take this move (what moveClock refuses with a 409 otherwise). */
export const canMove = (state: string, kind: ClockMove['kind']) => allowed[kind].includes(state);

/** The metrics an agreement sets targets for at a priority: the clocks it starts. */
export async function targetMetrics(db: Queryable, agreementId: string, priority: number) {
  const res = await db.execute<{ metric: string }>(sql`
    select metric from agreement_targets where agreement_id = ${agreementId} and priority = ${priority}`);
  return new Set(res.rows.map((r) => r.metric));
}

/** Pauses (with its reason), resumes or stops a clock; what is not possible now is a clear 409. */
export async function moveClock(
  ctx: CommandContext,
  workItemId: string,
  metric: Metric,
  move: ClockMove,
  at = Date.now(),
  scope: ClockScope = SLA_SCOPE,
) {
  const clock = await lockClock(ctx.tx, workItemId, metric, scope);
  const { state } = stateOf(clock.events);
  if (!canMove(state, move.kind)) throw problems.conflict(`A ${state} clock cannot ${move.kind}.`);
  const last = clock.events.reduce((m, e) => Math.max(m, e.at), 0);
  const event = { ...move, at: Math.max(at, last) } as ClockEvent;
  await ctx.audit({
    action: `sla-clock.${move.kind}`,
    recordType: 'sla-clock',
    recordId: clock.id,
    after: event,
  });
  return refresh(ctx.tx, clock, at, { events: [...clock.events, event] });
}

/** A new priority or another agreement: the deadline is derived again from the same history. */
export async function retargetClock(
  ctx: CommandContext,
  workItemId: string,
  metric: Metric,
  change: { agreementId?: string; priority?: number },
  scope: ClockScope = SLA_SCOPE,
) {
  const clock = await lockClock(ctx.tx, workItemId, metric, scope);
  const next = {
    agreementId: change.agreementId ?? clock.agreementId,
    priority: change.priority ?? clock.priority,
  };
  await ctx.audit({
    action: 'sla-clock.retargeted',
    recordType: 'sla-clock',
    recordId: clock.id,
    before: clock,
    after: next,
  });
  // refresh refuses terms that set no target for this metric and priority
  return refresh(ctx.tx, clock, Date.now(), next);
}

/** Fires a warning or a breach: once, and only if the clock really has got there (it may have moved since). */
/**
 * Fires warnings or breaches, however many fell due together (a burst of clocks due in one second): one
 * statement marks every clock that really is due, once, under a row lock; one writes the notifications,
 * one the audit entries. Returns the jobs settled; a clock whose history moved after its job was queued is
 * not, and the one-job handler below schedules it again from its history.
 */
const fireMany =
  (kind: 'warn' | 'breach') =>
  async (jobs: Array<{ id: number; payload: unknown }>, tx: Tx): Promise<Set<number>> => {
    const byClock = new Map(jobs.map((j) => [(j.payload as { clockId: string }).clockId, j.id]));
    const due = kind === 'warn' ? sql`c.warn_at` : sql`c.deadline`;
    const done = kind === 'warn' ? sql`warned_at` : sql`breached_at`;
    const res = await tx.execute<{
      id: string;
      work_item_id: string;
      metric: string;
      due: Date;
      number: string;
      assignee_id: string | null;
      group_id: string | null;
    }>(sql`
      with due as (
        select c.id, ${due} as due from sla_clocks c
         where c.id = any(${sql.param([...byClock.keys()])}::uuid[]) and c.state = 'running'
           and c.${done} is null and ${due} <= now() + interval '50 milliseconds'
         for update of c),
      fired as (
        update sla_clocks c set ${done} = now() from due where c.id = due.id
        returning c.id, c.work_item_id, c.metric, due.due)
      select f.id, f.work_item_id, f.metric, f.due, w.number, w.assignee_id, w.group_id
        from fired f join work_items w on w.id = f.work_item_id`);
    const firedAt = new Date().toISOString();
    await notifyAssignees(
      tx,
      kind === 'warn' ? 'sla.warned' : 'sla.breached',
      res.rows.map((r) => ({
        assigneeId: r.assignee_id,
        groupId: r.group_id,
        params: {
          number: r.number,
          metric: r.metric,
          due: isoTimestamp(r.due).slice(0, 16).replace('T', ' '),
        },
        link: `/work-items/${r.number}`,
      })),
    );
    await appendAuditMany(
      tx,
      systemActor('sla-clock'),
      null,
      res.rows.map((r) => ({
        action: kind === 'warn' ? 'sla-clock.warned' : 'sla-clock.breached',
        recordType: 'sla-clock',
        recordId: r.id,
        after: { workItemId: r.work_item_id, metric: r.metric, due: isoTimestamp(r.due), firedAt },
      })),
    );
    // a clock already fired (or stopped) needs nothing more: its job is done too; moved ones go one by one
    const settled = await tx.execute<{ id: string }>(sql`
      select c.id from sla_clocks c where c.id = any(${sql.param([...byClock.keys()])}::uuid[])
         and (c.state <> 'running' or c.${done} is not null)`);
    return new Set(settled.rows.map((r) => byClock.get(r.id)!));
  };

const handler = (kind: 'warn' | 'breach'): JobHandler => {
  const many = fireMany(kind);
  const one: JobHandler = async (job, tx) => {
    if ((await many([job], tx)).has(job.id)) return;
    const { clockId } = job.payload as { clockId: string };
    const [clock] = await tx.select().from(slaClocks).where(eq(slaClocks.id, clockId)).for('update');
    if (clock) await refresh(tx, clock);
  };
  return Object.assign(one, { batch: many });
};
export const clockJobs = { [CLOCK_JOBS.warn]: handler('warn'), [CLOCK_JOBS.breach]: handler('breach') };

/** Why a target was missed, for the service level report. */
export async function explainBreach(
  ctx: CommandContext,
  workItemId: string,
  metric: Metric,
  reason: string,
  scope: ClockScope = SLA_SCOPE,
) {
  const clock = await lockClock(ctx.tx, workItemId, metric, scope);
  if (!clock.breachedAt) throw problems.conflict(`The ${metric} target of this item has not been missed.`);
  await ctx.tx.update(slaClocks).set({ breachReason: reason }).where(eq(slaClocks.id, clock.id));
  await ctx.audit({
    action: 'sla-clock.breach-explained',
    recordType: 'sla-clock',
    recordId: clock.id,
    before: { breachReason: clock.breachReason },
    after: { breachReason: reason },
  });
}
