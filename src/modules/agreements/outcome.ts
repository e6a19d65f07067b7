import { sql } from 'drizzle-orm';

/**
 * How a clock counts against its target in service level reporting (ISO/IEC 20000-1 8.3.3), as SQL over the
 * `sla_clocks` row aliased `alias`: 'missed' once breached, or running past its deadline; 'open' while running,
 * or paused for any reason but the work being resolved (neither met nor missed yet); otherwise — stopped, or
 * paused because the work is resolved — 'met'. The agreements report and the governance KPIs both count by it.
 */
export const clockOutcome = (alias = 'c') => {
  const c = sql.identifier(alias);
  // keel_clock_state (migration 0029) decides every clock but a running one, as the kept counts do
  return sql`coalesce(nullif(keel_clock_state(${c}.state, ${c}.breached_at, ${c}.pause_reason), 'running'),
                      case when ${c}.deadline < now() then 'missed' else 'open' end)`;
};

/** Whether the clock `alias` counts as 'missed' (clockOutcome): breached, or running past its deadline. */
export const clockMissed = (alias = 'c') => {
  const c = sql.identifier(alias);
  return sql`(${c}.breached_at is not null or (${c}.state = 'running' and ${c}.deadline < now()))`;
};

/** The share of targets met among those decided (met or missed), in percent to one decimal; null when none. */
export const metPercent = (met: number, missed: number) =>
  met + missed === 0 ? null : Math.round((1000 * met) / (met + missed)) / 10;
