import { type SQL, sql } from 'drizzle-orm';

/**
 * Problem management's KPIs for objectives (docs/problems.md), as statements the objectives module runs once
 * per ask (objectives/kpis.ts): each gives one figure `v` from the ask's `a.from_at`, `a.to_at`,
 * `a.priority` and `a.service_id`. Objectives imports these through the module's index; nothing here knows
 * objectives.
 */
export const problemKpiKeys = [
  'open_problems',
  'problem_age_days',
  'known_errors_with_workaround',
  'incidents_resolved_by_known_error',
] as const;
export type ProblemKpiKey = (typeof problemKpiKeys)[number];

export type ProblemKpi = { unit: string; direction: 'at_least' | 'at_most'; statement: SQL };

/** The end of the period, or now while it runs: what is open "at the period's end" is open then. */
const end = sql`least(a.to_at, now())`;
/** Work item `w` of the ask's priority and service, where the ask names them. */
const matches = sql`(a.priority is null or w.priority = a.priority) and (a.service_id is null or w.service_id = a.service_id)`;
/** Problem `w`'s state at the end of the period: its last state change before then, else the state it began in. */
const stateThen = sql`coalesce((select h.new_value #>> '{}' from work_item_field_history h
                                  where h.work_item_id = w.id and h.field = 'state' and h.at < ${end}
                                  order by h.at desc, h.id desc limit 1), 'new')`;
/** Open problems at the end of the period: recorded by then and not yet resolved, closed or cancelled. */
const openThen = sql`
  from work_items w join problems d on d.work_item_id = w.id
 where w.type = 'problem' and w.created_at < ${end} and ${matches}
   and ${stateThen} in ('new', 'investigation', 'known_error')`;

export const problemKpis: Record<ProblemKpiKey, ProblemKpi> = {
  open_problems: {
    unit: 'count',
    direction: 'at_most',
    statement: sql`select count(*)::int as v ${openThen}`,
  },
  problem_age_days: {
    unit: 'days',
    direction: 'at_most',
    statement: sql`select round((avg(extract(epoch from ${end} - w.created_at)) / 86400)::numeric, 1)::float8 as v ${openThen}`,
  },
  known_errors_with_workaround: {
    unit: '%',
    direction: 'at_least',
    statement: sql`
      select round(100.0 * count(*) filter (where ${stateThen} = 'known_error' and d.workaround <> '')
                   / nullif(count(*), 0), 1)::float8 as v ${openThen}`,
  },
  incidents_resolved_by_known_error: {
    unit: '%',
    direction: 'at_least',
    statement: sql`
      select round(100.0 * count(*) filter (where
               exists (select 1 from work_item_links l join problems p on p.work_item_id = l.to_id
                        where l.from_id = w.id and l.kind = 'caused_by' and p.known_error_at is not null
                          and p.known_error_at <= i.resolved_at)
               or exists (select 1 from article_links al
                           where al.work_item_id = w.id and al.linked_at <= i.resolved_at))
             / nullif(count(*), 0), 1)::float8 as v
        from work_items w join incidents i on i.work_item_id = w.id
       where w.type = 'incident' and w.state <> 'cancelled'
         and i.resolved_at >= a.from_at and i.resolved_at < a.to_at and ${matches}`,
  },
};
