import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import { PLAN_EACH_TIME } from '../../kernel/db/prepared.ts';
import { isoTimestampOrNull as iso, isoTimestamp } from '../../kernel/db/timestamps.ts';
import { decodeTimeCursor, encodeCursor } from '../../kernel/http/pagination.ts';
import { presentItem } from '../../kernel/records/queries.ts';
import type { WorkItem, WorkItemType } from '../../kernel/records/registry.ts';
import { visibilitySql } from '../../kernel/records/visibility.ts';
import { openProblemStates, type ProblemOrigin, type ProblemState, type RcaMethod } from './lifecycle.ts';
import { mayApplyWorkaround, mayManageProblems } from './policy.ts';
import type { KnownError, ProblemCandidate, ProblemRow, ProblemView, TrendSettings } from './shapes.ts';

type Ref = { number: string; title: string; state: string };
type DetailRow = {
  origin: ProblemOrigin;
  symptoms: string;
  timeline: string;
  cause: string;
  contributing_factors: string;
  rca_method: RcaMethod | null;
  rca_analysis: string;
  workaround: string;
  workaround_public: boolean;
  known_error_at: string | null;
  resolution: string;
  resolved_at: string | null;
  closed_at: string | null;
  service_name: string | null;
  assignee_name: string | null;
  group_name: string | null;
  cis: Array<{ id: string; name: string }>;
  incidents: Ref[];
  changes: Ref[];
};

/** One problem as its page shows it: the work item, the analysis, the known error, its links and abilities. */
export async function presentProblem(
  db: Queryable,
  item: WorkItem,
  def: WorkItemType,
  who: Principal,
): Promise<ProblemView> {
  const res = await db.execute<DetailRow>(sql`
    select d.origin, d.symptoms, d.timeline, d.cause, d.contributing_factors, d.rca_method, d.rca_analysis,
           d.workaround, d.workaround_public, d.known_error_at, d.resolution, d.resolved_at, d.closed_at,
           sc.name as service_name, asg.name as assignee_name, g.name as group_name,
           coalesce((select json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name)
                       from problem_cis x join cis c on c.id = x.ci_id where x.work_item_id = w.id), '[]') as cis,
           coalesce((select json_agg(json_build_object('number', i.number, 'title', i.title, 'state', i.state)
                                     order by i.number)
                       from work_item_links l join work_items i on i.id = l.from_id
                      where l.to_id = w.id and l.kind = 'caused_by' and i.type = 'incident'), '[]') as incidents,
           coalesce((select json_agg(json_build_object('number', c.number, 'title', c.title, 'state', c.state)
                                     order by c.number)
                       from work_item_links l join work_items c on c.id = l.to_id
                      where l.from_id = w.id and l.kind = 'resolved_by' and c.type = 'change'), '[]') as changes
      from work_items w join problems d on d.work_item_id = w.id
      left join services s on s.id = w.service_id left join cis sc on sc.id = s.ci_id
      left join users asg on asg.id = w.assignee_id
      left join groups g on g.id = w.group_id
     where w.id = ${item.id}`);
  const d = res.rows[0]!;
  const shown = presentItem(item, def, who);
  return {
    ...shown,
    abilities: {
      ...shown.abilities,
      manage: mayManageProblems(who),
      applyWorkaround: item.state === 'known_error' && mayApplyWorkaround(who),
    },
    origin: d.origin,
    symptoms: d.symptoms,
    timeline: d.timeline,
    cause: d.cause,
    contributingFactors: d.contributing_factors,
    rcaMethod: d.rca_method,
    rcaAnalysis: d.rca_analysis,
    workaround: d.workaround,
    workaroundPublic: d.workaround_public,
    knownErrorAt: iso(d.known_error_at),
    resolution: d.resolution,
    resolvedAt: iso(d.resolved_at),
    closedAt: iso(d.closed_at),
    serviceName: d.service_name,
    assigneeName: d.assignee_name,
    groupName: d.group_name,
    cis: d.cis,
    incidents: d.incidents,
    changes: d.changes,
  };
}

export type ProblemFilter = {
  state?: string[];
  open?: boolean;
  serviceId?: string;
  knownError?: boolean;
  fixedBy?: string;
  limit: number;
  cursor?: string;
};

/**
 * Problems, newest first, a page at a time (cursor on when recorded and the id). `fixedBy` names a change:
 * the problems it is the fix of (linked resolved_by it), so the change's page can offer to resolve them.
 */
export async function listProblems(db: Queryable, who: Principal, f: ProblemFilter) {
  const cursor = decodeTimeCursor(f.cursor);
  const where: SQL[] = [sql`w.type = 'problem'`, visibilitySql(who)];
  if (f.state?.length) where.push(sql`w.state = any(${sql.param(f.state)}::text[])`);
  // open is what the problem manager still works on (as the open_problems KPI counts): new, under
  // investigation, known error; a resolved problem is no longer open though not yet final (closed)
  if (f.open !== undefined)
    where.push(
      f.open
        ? sql`w.state = any(${sql.param([...openProblemStates])}::text[])`
        : sql`w.state <> all(${sql.param([...openProblemStates])}::text[])`,
    );
  if (f.serviceId) where.push(sql`w.service_id = ${f.serviceId}`);
  if (f.knownError !== undefined)
    where.push(f.knownError ? sql`w.state = 'known_error'` : sql`w.state <> 'known_error'`);
  if (f.fixedBy)
    where.push(sql`exists (select 1 from work_item_links l join work_items c on c.id = l.to_id
                            where l.from_id = w.id and l.kind = 'resolved_by' and c.type = 'change'
                              and c.number = ${f.fixedBy.toUpperCase()})`);
  if (cursor) where.push(sql`(w.created_at, w.id) < (${String(cursor.v)}::timestamptz, ${cursor.id}::uuid)`);
  const res = await db.execute<Omit<ProblemRow, 'createdAt'> & { createdAt: string; sort: string }>(sql`
    select w.id, w.number, w.title, w.state, w.final, w.priority, d.origin, w.service_id as "serviceId",
           sc.name as "serviceName", u.name as "assigneeName", d.known_error_at as "knownErrorAt",
           (select count(*)::int from work_item_links l where l.to_id = w.id and l.kind = 'caused_by') as "incidentCount",
           w.created_at as "createdAt",
           to_char(w.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as sort
      from work_items w join problems d on d.work_item_id = w.id
      left join services s on s.id = w.service_id left join cis sc on sc.id = s.ci_id
      left join users u on u.id = w.assignee_id
     where ${sql.join(where, sql` and `)}
     order by w.created_at desc, w.id desc limit ${f.limit + 1}`);
  const rows = res.rows.slice(0, f.limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map(({ sort: _s, ...r }) => ({
      ...r,
      state: r.state as ProblemState,
      knownErrorAt: iso(r.knownErrorAt),
      createdAt: isoTimestamp(r.createdAt),
    })),
    nextCursor: res.rows.length > f.limit && last ? encodeCursor({ v: last.sort, id: last.id }) : null,
  };
}

/**
 * How a known error is scored against an incident's text (docs/problems.md): the greatest of pg_trgm's
 * word similarity between the text and the problem's title (both ways) and workaround, and the full-text
 * rank of the text's words (any of them) against title and workaround in every language Keel stems; plus
 * 0.2 for the incident's service and 0.2 for one of its CIs. Only a text score of at least SUGGESTION_FLOOR
 * is suggested: a known error on the same service with nothing in common is no suggestion.
 */
export const SUGGESTION_FLOOR = 0.3;
export const SUGGESTION_BONUS = 0.2;
export const SUGGESTIONS = 5;
/**
 * How much of the text is compared: an incident's title and the start of its description carry what it is
 * about, and the trigram comparisons cost in proportion to the text's length.
 */
export const SUGGESTION_TEXT = 500;
/** ts_rank of one matching word in a short text is about 0.06: scaled so that a few stemmed words weigh as a good trigram match. */
const RANK_SCALE = 4;

type KnownErrorRow = Omit<KnownError, 'knownErrorAt' | 'score'> & {
  knownErrorAt: string;
  score: number | null;
  sort?: string;
};

const knownErrorColumns = sql`
  w.id, w.number, w.title, w.service_id as "serviceId", sc.name as "serviceName", d.cause, d.workaround,
  d.workaround_public as "workaroundPublic", d.known_error_at as "knownErrorAt",
  (select count(*)::int from work_item_links l where l.to_id = w.id and l.kind = 'caused_by') as "incidentCount"`;
const knownErrorFrom = sql`
  from work_items w join problems d on d.work_item_id = w.id
  left join services s on s.id = w.service_id left join cis sc on sc.id = s.ci_id`;

const shapeKnownError = ({ sort: _s, ...r }: KnownErrorRow): KnownError => ({
  ...r,
  knownErrorAt: isoTimestamp(r.knownErrorAt),
  score: r.score === null ? null : Math.round(Number(r.score) * 1000) / 1000,
});

/**
 * Known errors (problems in state known_error), most recently documented first, per service or for one
 * incident (those it is linked caused_by) if asked.
 */
export async function listKnownErrors(
  db: Queryable,
  who: Principal,
  f: { serviceId?: string; incident?: string; limit: number; cursor?: string },
) {
  const cursor = decodeTimeCursor(f.cursor);
  const where: SQL[] = [sql`w.type = 'problem'`, sql`w.state = 'known_error'`, visibilitySql(who)];
  if (f.serviceId) where.push(sql`w.service_id = ${f.serviceId}`);
  if (f.incident)
    where.push(sql`exists (select 1 from work_item_links l join work_items i on i.id = l.from_id
                            where l.to_id = w.id and l.kind = 'caused_by' and i.number = ${f.incident.toUpperCase()})`);
  if (cursor)
    where.push(sql`(d.known_error_at, w.id) < (${String(cursor.v)}::timestamptz, ${cursor.id}::uuid)`);
  const res = await db.execute<KnownErrorRow & { sort: string }>(sql`
    select ${knownErrorColumns}, null::float8 as score,
           to_char(d.known_error_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as sort
      ${knownErrorFrom}
     where ${sql.join(where, sql` and `)}
     order by d.known_error_at desc, w.id desc limit ${f.limit + 1}`);
  const rows = res.rows.slice(0, f.limit);
  const last = rows[rows.length - 1];
  return {
    items: rows.map(shapeKnownError),
    nextCursor: res.rows.length > f.limit && last ? encodeCursor({ v: last.sort!, id: last.id }) : null,
  };
}

/** The text as a full-text query in one language, any of its words matching (an incident's text is no phrase). */
const anyWord = (config: string, text: string) =>
  sql`nullif(replace(plainto_tsquery(${config}::regconfig, ${text})::text, ' & ', ' | '), '')::tsquery`;

/**
 * Below the floor by a margin: the bound the indexes and the trigram count check, so that no known error
 * whose score reaches the floor is left out by rounding (the exact scores decide after).
 */
const PREFILTER = SUGGESTION_FLOOR - 0.01;
/** Added to a bound computed in double precision, as pg_trgm rounds its similarities to single precision. */
const BOUND_SLACK = 1e-6;

/**
 * The suggestions statement (exported for the benchmark's plans). Scoring a known error costs pg_trgm work
 * in proportion to the text's length, so only the known errors that can reach the floor are scored, each
 * term only where it can: the full-text term where the stored vector (problems.search) matches one of the
 * text's queries (its index); the workaround's word similarity where its trigram index finds it
 * (`text <% workaround`, run with the word-similarity threshold at PREFILTER: suggestKnownErrors); and the
 * two title terms where the title shares enough trigrams with the text — both are at most the shared count
 * over the title's trigrams (strict) or the text's (word similarity), counted against the text's trigrams
 * computed once. The terms a known error was not found for are below the floor, so its greatest term, its
 * score and the order are those of scoring every known error with all four (docs/problems.md).
 */
export function suggestionQuery(
  who: Principal,
  f: { text: string; serviceId?: string; ciIds?: readonly string[] },
) {
  const t = f.text.slice(0, SUGGESTION_TEXT);
  // the known error's own language stems its title and workaround (word by word when it has none), and the
  // text is asked in that language: one stored vector per known error, the text's four queries built once
  const query = sql`case w.language when 'en' then q.en when 'nl' then q.nl when 'da' then q.da else q.simple end`;
  // the text's trigrams: an immutable function of a parameter, folded into one constant array when planned
  const textTrigrams = sql`show_trgm(${t}::text)`;
  // planned for its text every time: a generic plan cannot see which known errors the text can reach
  return sql`${sql.raw(PLAN_EACH_TIME)}
    with q as materialized (
      select ${anyWord('english', t)} as en, ${anyWord('dutch', t)} as nl, ${anyWord('danish', t)} as da,
             ${anyWord('simple', t)} as simple),
    found as (
      select d.work_item_id as id, false as title_strict, false as title_words, false as workaround,
             null::float8 as title_bound
        from problems d join work_items w on w.id = d.work_item_id cross join q
       where (d.search @@ q.en or d.search @@ q.nl or d.search @@ q.da or d.search @@ q.simple)
         and d.search @@ ${query}
      union all
      select d.work_item_id, false, false, true, null from problems d where ${t}::text <% d.workaround
      union all
      select g.id, g.shared >= ${PREFILTER}::float8 * g.own, g.shared >= ${PREFILTER}::float8 * cardinality(${textTrigrams}),
             false, g.shared::float8 / nullif(g.own, 0)
        from (select d.work_item_id as id, cardinality(d.title_trigrams) as own,
                     (select count(*) from unnest(d.title_trigrams) tg where tg = any(${textTrigrams})) as shared
                from work_items w join problems d on d.work_item_id = w.id
               where w.type = 'problem' and w.state = 'known_error' offset 0) g
       where g.shared >= ${PREFILTER}::float8 * least(g.own, cardinality(${textTrigrams}))),
    c as (
      select id, bool_or(title_strict) as title_strict, bool_or(title_words) as title_words,
             bool_or(workaround) as workaround, max(title_bound) as title_bound
        from found group by id),
    -- every term but the strict title one, exactly; that one's bound; the bonuses
    s as materialized (
      select w.id, w.number, w.title, d.known_error_at, c.title_strict,
             greatest(case when c.title_words then word_similarity(${t}, w.title) else 0 end,
                      case when c.workaround then word_similarity(${t}, d.workaround) else 0 end,
                      least(1, ${RANK_SCALE} * coalesce(ts_rank(d.search, ${query}), 0))) as cheap,
             case when c.title_strict then least(1, coalesce(c.title_bound, 1)) + ${BOUND_SLACK}::float8 else 0 end as strict_bound,
             case when w.service_id is not null and w.service_id = ${f.serviceId ?? null}::uuid
                  then ${SUGGESTION_BONUS}::float8 else 0 end
             + case when exists (select 1 from problem_cis x where x.work_item_id = w.id
                                  and x.ci_id = any(${sql.param([...(f.ciIds ?? [])])}::uuid[]))
                    then ${SUGGESTION_BONUS}::float8 else 0 end as bonus
        from c join work_items w on w.id = c.id join problems d on d.work_item_id = w.id cross join q
       where w.type = 'problem' and w.state = 'known_error' and ${visibilitySql(who)}),
    -- the exact scores of the five likeliest: the fifth best of them is a score the answer's fifth reaches
    seed as (
      select greatest(l.cheap, case when l.title_strict then strict_word_similarity(l.title, ${t}) else 0 end) as text_score,
             l.bonus
        from (select * from s order by greatest(s.cheap, s.strict_bound) + s.bonus desc limit ${SUGGESTIONS}) l),
    cut as (
      select coalesce((select text_score + bonus from seed where text_score >= ${SUGGESTION_FLOOR}
                        order by 1 desc offset ${SUGGESTIONS - 1} limit 1), '-infinity'::float8) as v),
    top as (
      select k.id, k.known_error_at, k.number, k.text_score + k.bonus as score
        from (
          select s.id, s.number, s.known_error_at, s.bonus,
                 greatest(s.cheap, case when s.title_strict then strict_word_similarity(s.title, ${t}) else 0 end) as text_score
            from s cross join cut
           where greatest(s.cheap, s.strict_bound) + s.bonus >= cut.v
          offset 0) k
       where k.text_score >= ${SUGGESTION_FLOOR}
       order by score desc, k.known_error_at desc, k.number
       limit ${SUGGESTIONS})
    select ${knownErrorColumns}, top.score
      from top join work_items w on w.id = top.id join problems d on d.work_item_id = w.id
      left join services s on s.id = w.service_id left join cis sc on sc.id = s.ci_id
     order by top.score desc, top.known_error_at desc, top.number`;
}

/**
 * Suggestions for an incident's text (and its service and CIs): the best few known errors, best first. The
 * workaround's trigram index finds those at least PREFILTER alike only with pg_trgm's threshold set so, for
 * this transaction alone.
 */
export async function suggestKnownErrors(
  db: Queryable,
  who: Principal,
  f: { text: string; serviceId?: string; ciIds?: readonly string[] },
) {
  const res = await db.transaction(async (tx) => {
    // the planner prices a trigram index search by its many keys and `<%` on each row as cheap, and so scans
    // every workaround (long ones cost 0.1 ms each); the indexes are what makes this statement fast
    await tx.execute(
      sql`select set_config('pg_trgm.word_similarity_threshold', ${String(PREFILTER)}, true),
                 set_config('enable_seqscan', 'off', true)`,
    );
    return tx.execute<KnownErrorRow>(suggestionQuery(who, f));
  });
  return {
    items: res.rows.map(shapeKnownError),
    nextCursor: null,
  };
}

type CandidateRow = Omit<ProblemCandidate, 'firstSeen' | 'lastSeen' | 'createdAt' | 'decidedAt'> & {
  firstSeen: string;
  lastSeen: string;
  createdAt: string;
  decidedAt: string | null;
};

/** Problem candidates in a state (open ones by default), newest first, with their incidents. */
export async function listCandidates(
  db: Queryable,
  f: { state: Array<'open' | 'accepted' | 'dismissed'>; id?: string; limit: number },
): Promise<ProblemCandidate[]> {
  const res = await db.execute<CandidateRow>(sql`
    select c.id, c.title, c.state, c.service_id as "serviceId", ssc.name as "serviceName", c.ci_id as "ciId",
           ci.name as "ciName", c.first_seen as "firstSeen", c.last_seen as "lastSeen", c.reason,
           u.name as "decidedBy", c.decided_at as "decidedAt", p.number as problem, c.created_at as "createdAt",
           c.version,
           coalesce((select json_agg(json_build_object('number', w.number, 'title', w.title, 'state', w.state,
                                                       'createdAt', w.created_at) order by w.created_at, w.number)
                       from problem_candidate_incidents x join work_items w on w.id = x.work_item_id
                      where x.candidate_id = c.id), '[]') as incidents
      from problem_candidates c
      left join services s on s.id = c.service_id left join cis ssc on ssc.id = s.ci_id
      left join cis ci on ci.id = c.ci_id
      left join users u on u.id = c.decided_by
      left join work_items p on p.id = c.problem_id
     where c.state = any(${sql.param(f.state)}::text[]) and (${f.id ?? null}::uuid is null or c.id = ${f.id ?? null}::uuid)
     order by c.created_at desc, c.id desc limit ${f.limit}`);
  return res.rows.map((r) => ({
    ...r,
    firstSeen: isoTimestamp(r.firstSeen),
    lastSeen: isoTimestamp(r.lastSeen),
    createdAt: isoTimestamp(r.createdAt),
    decidedAt: iso(r.decidedAt),
    incidents: r.incidents.map((i) => ({ ...i, createdAt: isoTimestamp(i.createdAt) })),
  }));
}

export async function trendSettingsOf(db: Queryable): Promise<TrendSettings> {
  const res = await db.execute<{
    min_incidents: number;
    window_days: number;
    min_similarity: number;
    updated_at: string;
  }>(
    sql`select min_incidents, window_days, round(min_similarity::numeric, 3)::float8 as min_similarity, updated_at from problem_trend_settings where id = 1`,
  );
  const r = res.rows[0];
  if (!r)
    return { minIncidents: 5, windowDays: 30, minSimilarity: 0.3, updatedAt: new Date(0).toISOString() };
  return {
    minIncidents: r.min_incidents,
    windowDays: r.window_days,
    minSimilarity: Number(r.min_similarity),
    updatedAt: isoTimestamp(r.updated_at),
  };
}
