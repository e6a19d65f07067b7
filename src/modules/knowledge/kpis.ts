import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';

/**
 * Knowledge's KPIs for objectives (docs/knowledge.md), defined here beside the data they count and
 * exported through index.ts, so objectives (kpis.ts) lists them without knowledge knowing objectives.
 * Each gives one value per ask, in order (null when nothing counted), from one query however many asks.
 */
export type KnowledgeKpiAsk = { from: Date; to: Date; serviceId?: string | null };
export type KnowledgeKpi = {
  unit: '%';
  direction: 'at_least';
  values: (db: Queryable, asks: readonly KnowledgeKpiAsk[]) => Promise<(number | null)[]>;
};

/** Runs `per` once per ask (`a.from_at`, `a.to_at`, `a.service_id`) and reads its `v` as a number. */
const perAsk =
  (per: SQL): KnowledgeKpi['values'] =>
  async (db, asks) => {
    if (!asks.length) return [];
    const r = await db.execute<{ v: number | null }>(sql`
      select x.v from unnest(${sql.param(asks.map((a) => a.from.toISOString()))}::timestamptz[],
                             ${sql.param(asks.map((a) => a.to.toISOString()))}::timestamptz[],
                             ${sql.param(asks.map((a) => a.serviceId ?? null))}::uuid[])
             with ordinality as a(from_at, to_at, service_id, i)
       cross join lateral (${per}) x order by a.i`);
    return r.rows.map((x) => (x.v === null ? null : Number(x.v)));
  };

/** Article `ar` is about the ask's service, where the ask names one. */
const aboutService = sql`(a.service_id is null or exists (select 1 from article_services s
  where s.article_id = ar.id and s.service_id = a.service_id))`;

const percent = (part: SQL, whole: SQL) => sql`round(100.0 * ${part} / nullif(${whole}, 0), 1)::float8`;

export const knowledgeKpis = {
  /**
   * Of the portal's suggestion sessions in the period, the share that ended without a report. With a
   * service: the sessions whose answering article is about it, or that reported an item of it.
   */
  deflection_rate: {
    unit: '%',
    direction: 'at_least',
    values: perAsk(sql`
      select ${percent(sql`count(*) filter (where d.outcome = 'deflected')`, sql`count(*)`)} as v
        from knowledge_deflections d
        left join articles ar on ar.id = d.article_id
       where d.at >= a.from_at and d.at < a.to_at
         and (a.service_id is null
              or exists (select 1 from article_services s where s.article_id = d.article_id and s.service_id = a.service_id)
              or exists (select 1 from work_items w where w.id = d.work_item_id and w.service_id = a.service_id))`),
  },
  /**
   * Of the articles published at the end of the period (first published before it ends, not retired), the
   * share not past their review date then. A retired article no longer counts, whenever it was retired.
   */
  article_freshness: {
    unit: '%',
    direction: 'at_least',
    values: perAsk(sql`
      select ${percent(
        sql`count(*) filter (where ar.review_by is null or ar.review_by >= (a.to_at at time zone 'utc')::date)`,
        sql`count(*)`,
      )} as v
        from articles ar
       where ar.state = 'published' and ar.published_at < a.to_at and ${aboutService}`),
  },
  /** Of the "was this helpful?" answers given in the period, the share that said yes. */
  articles_helpful_rate: {
    unit: '%',
    direction: 'at_least',
    values: perAsk(sql`
      select ${percent(sql`count(*) filter (where f.helpful)`, sql`count(*)`)} as v
        from article_feedback f join articles ar on ar.id = f.article_id
       where f.at >= a.from_at and f.at < a.to_at and ${aboutService}`),
  },
} satisfies Record<string, KnowledgeKpi>;

export type KnowledgeKpiKey = keyof typeof knowledgeKpis;
/** The keys objectives lists among its KPIs. */
export const knowledgeKpiKeys = Object.keys(knowledgeKpis) as KnowledgeKpiKey[];
