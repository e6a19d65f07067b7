import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../../kernel/db/database.ts';
import { isoTimestamp } from '../../../kernel/db/timestamps.ts';
import type { Words } from '../clauses/types.ts';

/** The window a rule looks at: the `maxAgeDays` before `at`, `at` included. Nothing after `at` counts. */
export type RuleWindow = { from: Date; at: Date };

/**
 * What a rule found. For `records` rules: how many records are dated in the window, the newest one's date
 * (up to `at`) and how many there are in all (up to `at`). For `share` rules: `count` is a percentage (0–100)
 * of `part` out of `whole`, and `total` is `whole` (what the share is taken over).
 */
export type RuleCount = {
  count: number;
  newest: Date | null;
  total: number;
  /** For share rules: the records that meet the rule and those it is taken over. */
  part?: number;
  whole?: number;
  /** Shown with the sentence: a policy's identifier and version, say. */
  name?: string;
};

/**
 * An evidence rule (docs/check-and-act.md): what it looks for (its label in three languages), how it is
 * measured, Keel's default freshness, where the records are in the web app, and how it counts them.
 * - `records`: met when at least `minCount` records are dated within the last `maxAgeDays`.
 * - `share`: met when at least `minCount` per cent of what it is taken over meets it (`maxAgeDays` is the
 *   window the share looks back over where the rule has one, e.g. objectives measured this quarter).
 * A rule that finds no dated evidence at all (no records; a share whose records have no date, such as a
 * programme coverage without any programme) is missing, whatever it is taken over.
 * A rule with `notRun` names a process Keel does not run yet: it finds nothing, honestly, and says so.
 */
export type EvidenceRule = {
  key: string;
  label: Words;
  measure: 'records' | 'share';
  maxAgeDays: number;
  minCount: number;
  notRun?: boolean;
  link: string | null;
  evaluate: (db: Queryable, window: RuleWindow) => Promise<RuleCount>;
};

const at = (w: RuleWindow) => sql`${w.at.toISOString()}::timestamptz`;
const from = (w: RuleWindow) => sql`${w.from.toISOString()}::timestamptz`;
/** A timestamp from SQL (text, as PostgreSQL writes it) as a Date. */
export const dateOf = (v: string | Date | null | undefined): Date | null =>
  v === null || v === undefined ? null : new Date(isoTimestamp(v));

/** The calendar day of `at` (UTC), for date columns. */
export const dayAt = (w: RuleWindow) => sql`(${w.at.toISOString()}::timestamptz at time zone 'UTC')::date`;
export const atTime = at;
export const fromTime = from;

/**
 * A records rule over one dated column: `source` is the rest of a `select … from` (tables, joins, where),
 * `date` the expression dating each record. Records dated after `at` are not counted at all. `name` names the
 * newest record (it may refer to `max(x.d)`, the newest date).
 */
export const records =
  (source: SQL, date: SQL | ((w: RuleWindow) => SQL), name?: SQL) =>
  async (db: Queryable, w: RuleWindow): Promise<RuleCount> => {
    const res = await db.execute<{
      count: number;
      newest: string | null;
      total: number;
      name: string | null;
    }>(sql`
      select count(*) filter (where d > ${from(w)})::int as count, max(d) as newest, count(*)::int as total,
             ${name ?? sql`null::text`} as name
        from (select (${typeof date === 'function' ? date(w) : date})::timestamptz as d from ${source}) x
       where d is not null and d <= ${at(w)}`);
    const r = res.rows[0];
    return {
      count: r?.count ?? 0,
      newest: dateOf(r?.newest),
      total: r?.total ?? 0,
      name: r?.name ?? undefined,
    };
  };

/**
 * A share rule: `source` selects one row per thing the share is taken over with a boolean `ok` (meets the
 * rule) and an optional timestamp `d` (its newest evidence).
 */
export const share =
  (source: (w: RuleWindow) => SQL) =>
  async (db: Queryable, w: RuleWindow): Promise<RuleCount> => {
    const res = await db.execute<{ part: number; whole: number; newest: string | null }>(sql`
      select count(*) filter (where ok)::int as part, count(*)::int as whole, max(d)::timestamptz as newest
        from (${source(w)}) x`);
    const part = res.rows[0]?.part ?? 0;
    const whole = res.rows[0]?.whole ?? 0;
    return {
      count: whole ? Math.floor((100 * part) / whole) : 0,
      newest: dateOf(res.rows[0]?.newest),
      total: whole,
      part,
      whole,
    };
  };

/** A rule for a process Keel does not run yet: nothing to count. */
export const nothing = async (): Promise<RuleCount> => ({ count: 0, newest: null, total: 0 });
