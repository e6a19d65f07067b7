import { type SQL, sql } from 'drizzle-orm';

/**
 * Knowledge's KPIs for objectives (docs/knowledge.md), as statements the objectives module runs once per ask
 * (objectives/kpis.ts), the way problems/kpis.ts gives its own: each gives one figure `v` from the ask's
 * `a.from_at`, `a.to_at` and `a.service_id`. Articles and suggestion sessions have no priority, so these
 * KPIs ignore an objective's priority (their descriptions say so). Objectives imports these through the
 * module's index; nothing here knows objectives.
 */
export type KnowledgeKpi = { unit: '%'; direction: 'at_least'; statement: SQL };

/** Article `ar` is about the ask's service, where the ask names one. */
const aboutService = sql`(a.service_id is null or exists (select 1 from article_services s
  where s.article_id = ar.id and s.service_id = a.service_id))`;

const percent = (part: SQL, whole: SQL) => sql`round(100.0 * ${part} / nullif(${whole}, 0), 1)::float8`;

export const knowledgeKpis = {
  /**
   * Of the portal's suggestion sessions in the period (customers' only: staff record none), the share that
   * ended without a report. With a service: the sessions whose answering article is about it, or that
   * reported an item of it. Not per priority: a session has none.
   */
  deflection_rate: {
    unit: '%',
    direction: 'at_least',
    statement: sql`
      select ${percent(sql`count(*) filter (where d.outcome = 'deflected')`, sql`count(*)`)} as v
        from knowledge_deflections d
        left join articles ar on ar.id = d.article_id
       where d.at >= a.from_at and d.at < a.to_at
         and (a.service_id is null
              or exists (select 1 from article_services s where s.article_id = d.article_id and s.service_id = a.service_id)
              or exists (select 1 from work_items w where w.id = d.work_item_id and w.service_id = a.service_id))`,
  },
  /**
   * Of the articles published at the end of the period (first published before it ends, not retired), the
   * share not past their review date then. A retired article no longer counts, whenever it was retired.
   * Not per priority: an article has none.
   */
  article_freshness: {
    unit: '%',
    direction: 'at_least',
    statement: sql`
      select ${percent(
        sql`count(*) filter (where ar.review_by is null or ar.review_by >= (a.to_at at time zone 'utc')::date)`,
        sql`count(*)`,
      )} as v
        from articles ar
       where ar.state = 'published' and ar.published_at < a.to_at and ${aboutService}`,
  },
  /** Of the "was this helpful?" answers given in the period, the share that said yes. Not per priority. */
  articles_helpful_rate: {
    unit: '%',
    direction: 'at_least',
    statement: sql`
      select ${percent(sql`count(*) filter (where f.helpful)`, sql`count(*)`)} as v
        from article_feedback f join articles ar on ar.id = f.article_id
       where f.at >= a.from_at and f.at < a.to_at and ${aboutService}`,
  },
} satisfies Record<string, KnowledgeKpi>;

export type KnowledgeKpiKey = keyof typeof knowledgeKpis;
/** The keys objectives lists among its KPIs. */
export const knowledgeKpiKeys = Object.keys(knowledgeKpis) as KnowledgeKpiKey[];
