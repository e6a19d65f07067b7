import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../kernel/db/database.ts';
import { isoTimestampOrNull as iso } from '../../../kernel/db/timestamps.ts';
import { type CalendarRow, calendarOf } from '../calendar.ts';
import { type ClockEvent, stateOf, viewClock } from '../clock.ts';
import type { ClockScope, Metric } from '../clocks.ts';

/**
 * How SLA clocks are read and shown: their rows with what showing them needs, the remaining business time
 * from each one's calendar, and their states for the commands that move them (clocks.ts).
 */

export type ClockPresentation = {
  metric: string;
  scope: ClockScope;
  agreementName: string;
  agreementKind: string;
  state: string;
  agreementId: string;
  priority: number;
  targetMs: number;
  elapsedMs: number;
  remainingMs: number;
  deadline: string | null;
  warnAt: string | null;
  warned: boolean;
  breached: boolean;
  pausedFor: string | null;
  breachReason: string | null;
  events: ClockEvent[];
};

/** A clock as `clockRows` reads it: the clock, its agreement's name and kind, its target and calendar. */
export type ClockRow = CalendarRow & {
  work_item_id: string;
  metric: string;
  scope: string;
  agreement_id: string;
  agreement_name: string;
  agreement_kind: string;
  priority: number;
  events: ClockEvent[];
  deadline: string | null;
  warn_at: string | null;
  warned_at: string | null;
  breached_at: string | null;
  breach_reason: string | null;
  minutes: number | null;
};

/**
 * The clocks of the work items `where` picks (a condition on the clock `c`), with what showing them needs,
 * in the order an item shows them (its SLA's first), as `ord`. A statement of its own for lists and
 * requests (`clocksOf`), or a part of a bigger one (an incident's view reads them with the incident; a
 * list's page reading them row by row, as JSON, was slower than this one statement for the page).
 */
export const clockRows = (where: SQL) => sql`
    select c.work_item_id, c.metric, c.scope, c.agreement_id, a.name as agreement_name, a.kind as agreement_kind, c.priority, c.events, c.deadline, c.warn_at,
           c.warned_at, c.breached_at, c.breach_reason, t.minutes, k.id as calendar_id, k.version as calendar_version, k.time_zone, k.week, k.holidays,
           row_number() over (order by c.work_item_id, c.scope <> 'sla', a.kind, lower(a.name), c.metric desc) as ord
      from sla_clocks c join agreements a on a.id = c.agreement_id
      join business_calendars k on k.id = a.calendar_id
      left join agreement_targets t on t.agreement_id = a.id and t.metric = c.metric and t.priority = c.priority
     where ${where}`;

/** Clock rows (`clockRows`, in their order) as shown now: remaining business time from each one's calendar. */
export function presentClocks(rows: ClockRow[], now = Date.now()): Map<string, ClockPresentation[]> {
  const out = new Map<string, ClockPresentation[]>();
  for (const r of rows) {
    const targetMs = (r.minutes ?? 0) * 60_000;
    const view = viewClock(calendarOf(r), r.events, targetMs, now);
    const list = out.get(r.work_item_id) ?? [];
    list.push({
      metric: r.metric,
      scope: r.scope,
      agreementName: r.agreement_name,
      agreementKind: r.agreement_kind,
      state: view.state,
      agreementId: r.agreement_id,
      priority: r.priority,
      targetMs,
      elapsedMs: view.elapsedMs,
      remainingMs: view.remainingMs,
      deadline: iso(r.deadline),
      warnAt: iso(r.warn_at),
      warned: r.warned_at !== null,
      breached: r.breached_at !== null || view.breached,
      pausedFor: view.pausedFor,
      breachReason: r.breach_reason,
      events: r.events,
    });
    out.set(r.work_item_id, list);
  }
  return out;
}

/** The clocks of some work items as of now, in one statement. */
export async function clocksOf(
  db: Queryable,
  workItemIds: string[],
  now = Date.now(),
): Promise<Map<string, ClockPresentation[]>> {
  if (workItemIds.length === 0) return new Map();
  const res = await db.execute<ClockRow>(
    sql`${clockRows(sql`c.work_item_id = any(${sql.param(workItemIds)}::uuid[])`)} order by ord`,
  );
  return presentClocks(res.rows, now);
}

/** The states of an item's clocks, with their agreement's pause rules, for the commands that move them. */
export async function clockStates(tx: Queryable, workItemId: string) {
  const res = await tx.execute<{
    metric: Metric;
    scope: ClockScope;
    state: string;
    agreement_id: string;
    priority: number;
    pause_on: string[];
    events: ClockEvent[];
  }>(
    sql`select c.metric, c.scope, c.state, c.agreement_id, c.priority, a.pause_on, c.events
          from sla_clocks c join agreements a on a.id = c.agreement_id
         where c.work_item_id = ${workItemId} order by c.scope, c.metric`,
  );
  return res.rows.map((r) => ({ ...r, pausedFor: stateOf(r.events).pausedFor }));
}
