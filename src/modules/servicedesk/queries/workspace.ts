import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import { matches, type TextQuery, textQuery, tsquery } from '../../../kernel/db/text-query.ts';
import { isoTimestampOrNull as iso, isoTimestamp } from '../../../kernel/db/timestamps.ts';
import { problems } from '../../../kernel/http/problem.ts';
import { seesAllWorkItems, visibilitySql } from '../../../kernel/records/visibility.ts';
import { clocksOf } from '../../agreements/index.ts';
import { SEARCH_CANDIDATES, SEARCH_DEPTH } from '../policy.ts';

/**
 * The agent workspace's lists. Every filter and sort key is a column of work_items, so a page of 50 is
 * one index range scan on a partial index of open items (see the indexes in kernel/records/schema.ts),
 * whatever the table's size; names are joined for the page only.
 */
/** Each sort: its key expressions with the types a cursor's values are read back as (the id comes last). */
export const sorts = {
  priority: {
    keys: [sql`coalesce(w.priority, 9)`, sql`w.created_at`],
    casts: ['int', 'timestamptz'],
    desc: false,
  },
  due: { keys: [sql`coalesce(w.due_at, 'infinity'::timestamptz)`], casts: ['timestamptz'], desc: false },
  updated: { keys: [sql`w.updated_at`], casts: ['timestamptz'], desc: false },
  '-updated': { keys: [sql`w.updated_at`], casts: ['timestamptz'], desc: true },
  created: { keys: [sql`w.created_at`], casts: ['timestamptz'], desc: false },
  '-created': { keys: [sql`w.created_at`], casts: ['timestamptz'], desc: true },
} as const;
export type Sort = keyof typeof sorts;

export const queues = ['mine', 'groups', 'unassigned', 'breaching', 'major', 'open', 'all'] as const;
export type Queue = (typeof queues)[number];

export type ListFilter = {
  queue?: Queue;
  type?: string[];
  state?: string[];
  /** States left out: the work queues leave out resolved items, which wait for the requester. */
  notState?: string[];
  open?: boolean;
  priority?: number[];
  assignee?: string;
  group?: string;
  customer?: string;
  service?: string;
  requester?: string;
  major?: boolean;
  /** Open items whose earliest deadline is within this many minutes (overdue ones included). */
  dueWithin?: number;
  q?: string;
  sort?: Sort;
  cursor?: string;
  limit?: number;
};

const waiting = ['resolved'];
const queueFilter: Record<Queue, Partial<ListFilter>> = {
  mine: { assignee: 'me', open: true, notState: waiting },
  groups: { group: 'mine', open: true, notState: waiting },
  unassigned: { assignee: 'none', open: true, notState: waiting },
  breaching: { dueWithin: 120, open: true, notState: waiting },
  major: { major: true, open: true, notState: waiting },
  open: { open: true },
  all: {},
};

function conditions(who: Principal, f: ListFilter, query?: TextQuery | null): SQL[] {
  const merged = { ...(f.queue ? queueFilter[f.queue] : {}), ...f };
  const c: SQL[] = [visibilitySql(who)];
  const person = (v: string) => (v === 'me' ? who.userId : v);
  if (merged.type?.length) c.push(sql`w.type = any(${sql.param(merged.type)}::text[])`);
  if (merged.state?.length) c.push(sql`w.state = any(${sql.param(merged.state)}::text[])`);
  if (merged.notState?.length) c.push(sql`w.state <> all(${sql.param(merged.notState)}::text[])`);
  if (merged.open === true) c.push(sql`not w.final`);
  if (merged.open === false) c.push(sql`w.final`);
  if (merged.priority?.length)
    c.push(sql`coalesce(w.priority, 9) = any(${sql.param(merged.priority)}::int[])`);
  if (merged.assignee === 'none') c.push(sql`w.assignee_id is null`);
  else if (merged.assignee) c.push(sql`w.assignee_id = ${person(merged.assignee)}::uuid`);
  if (merged.group === 'none') c.push(sql`w.group_id is null`);
  else if (merged.group === 'mine')
    c.push(sql`w.group_id = any(array(select group_id from group_members where user_id = ${who.userId}))`);
  else if (merged.group) c.push(sql`w.group_id = ${merged.group}::uuid`);
  if (merged.customer) c.push(sql`w.customer_id = ${merged.customer}::uuid`);
  if (merged.service) c.push(sql`w.service_id = ${merged.service}::uuid`);
  if (merged.requester) c.push(sql`w.requester_id = ${person(merged.requester)}::uuid`);
  if (merged.major !== undefined) c.push(merged.major ? sql`w.major` : sql`not w.major`);
  if (merged.dueWithin !== undefined)
    c.push(
      sql`coalesce(w.due_at, 'infinity'::timestamptz) <= now() + make_interval(mins => ${merged.dueWithin}::int)`,
    );
  if (query !== undefined) c.push(query ? matches('w', query, 'work_items') : sql`false`);
  return c;
}

/** A cursor: the last row's sort keys, as the JSON array of their texts PostgreSQL wrote. */
const encode = (keysJson: string) => Buffer.from(keysJson).toString('base64url');
function decode(cursor: string, n: number): string[] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {}
  throw problems.validation([{ field: 'querystring.cursor', message: 'is not a cursor this list gave out' }]);
}

export type ListRow = {
  id: string;
  type: string;
  number: string;
  title: string;
  state: string;
  final: boolean;
  priority: number | null;
  major: boolean;
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
  requester: { id: string; name: string } | null;
  assignee: { id: string; name: string } | null;
  group: { id: string; name: string } | null;
  customer: { id: string; name: string } | null;
  service: { id: string; name: string } | null;
  clocks: Array<{
    metric: string;
    scope: string;
    state: string;
    remainingMs: number;
    deadline: string | null;
    pausedFor: string | null;
    breached: boolean;
    warned: boolean;
  }>;
};

export async function listWorkItems(db: Queryable, who: Principal, f: ListFilter) {
  const sortName: Sort =
    f.sort ?? (f.queue === 'breaching' ? 'due' : f.queue && f.queue !== 'all' ? 'priority' : '-updated');
  const sort = sorts[sortName];
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const where = conditions(who, f, f.q?.trim() ? await textQuery(db, f.q.trim()) : undefined);
  const keys = [...sort.keys, sql`w.id`];
  if (f.cursor) {
    const values = decode(f.cursor, keys.length);
    const casts = [...sort.casts, 'uuid'];
    const tuple = sql.join(
      values.map((v, i) => sql`${v}::${sql.raw(casts[i]!)}`),
      sql`, `,
    );
    where.push(sql`(${sql.join(keys, sql`, `)}) ${sql.raw(sort.desc ? '<' : '>')} (${tuple})`);
  }
  const dir = sql.raw(sort.desc ? 'desc' : 'asc');
  const named = (table: string, col: SQL, name = sql`t.name`) =>
    sql`(select json_build_object('id', t.id, 'name', ${name}) from ${sql.raw(table)} t where t.id = ${col})`;
  // the names are subqueries of the select list: PostgreSQL evaluates them for the page's rows only
  const res = await db.execute<ListRow & { cursor_keys: string }>(sql`
    select w.id, w.type, w.number, w.title, w.state, w.final, w.priority, w.major,
           w.due_at as "dueAt", w.created_at as "createdAt", w.updated_at as "updatedAt",
           json_build_array(${sql.join(
             keys.map((k) => sql`(${k})::text`),
             sql`, `,
           )})::text as cursor_keys,
           ${named('users', sql`w.requester_id`)} as requester,
           ${named('users', sql`w.assignee_id`)} as assignee,
           ${named('groups', sql`w.group_id`)} as "group",
           ${named('customers', sql`w.customer_id`)} as customer,
           ${named('services', sql`w.service_id`, sql`(select name from cis where id = t.ci_id)`)} as service
      from work_items w where ${sql.join(where, sql` and `)}
     order by ${sql.join(
       keys.map((k) => sql`${k} ${dir}`),
       sql`, `,
     )} limit ${limit + 1}`);
  const rows = res.rows.slice(0, limit);
  const clocks: Awaited<ReturnType<typeof clocksOf>> = seesAllWorkItems(who)
    ? await clocksOf(
        db,
        rows.map((r) => r.id),
      )
    : new Map();
  return {
    items: rows.map(({ cursor_keys: _k, ...r }) => ({
      ...r,
      dueAt: iso(r.dueAt),
      createdAt: iso(r.createdAt)!,
      updatedAt: iso(r.updatedAt)!,
      clocks: (clocks.get(r.id) ?? []).map((c) => ({
        metric: c.metric,
        scope: c.scope,
        state: c.state,
        remainingMs: c.remainingMs,
        deadline: c.deadline,
        pausedFor: c.pausedFor,
        breached: c.breached,
        warned: c.warned,
      })),
    })),
    nextCursor: res.rows.length > limit ? encode(rows.at(-1)!.cursor_keys) : null,
    sort: sortName,
  };
}

/** How many items each queue holds for this person, counted by the same conditions the lists use. */
export async function queueCounts(db: Queryable, who: Principal, types?: string[]) {
  const parts = queues
    .filter((q) => q !== 'all')
    .map(
      (q) =>
        sql`(select count(*)::int from work_items w where ${sql.join(conditions(who, { queue: q, type: types }), sql` and `)}) as ${sql.identifier(q)}`,
    );
  const res = await db.execute<Record<Exclude<Queue, 'all'>, number>>(
    sql`select ${sql.join(parts, sql`, `)}`,
  );
  return res.rows[0]!;
}

export const MARK_START = '\u0001';
export const MARK_END = '\u0002';

export { SEARCH_CANDIDATES, SEARCH_DEPTH };

/**
 * Full-text search: ranked by PostgreSQL (title before description), with highlighted fragments. The
 * fragments mark matches with \u0001 … \u0002 instead of HTML, so no user text is ever rendered as markup.
 */
export async function searchWorkItems(
  db: Queryable,
  who: Principal,
  q: { q: string; type?: string[]; limit?: number; offset?: number },
) {
  const parsed = await textQuery(db, q.q);
  if (!parsed) return [];
  const query = tsquery(parsed);
  const items: SQL[] = [visibilitySql(who)];
  if (q.type?.length) items.push(sql`w.type = any(${sql.param(q.type)}::text[])`);
  // internal comments are searched only for those who may read them
  const readable = seesAllWorkItems(who) ? sql`true` : sql`not c.internal`;
  // staff searching every type: the comment search need not look at each comment's item (PostgreSQL then
  // weighs the text index against the newest-first walk on the comments alone, and chooses better)
  const everything = seesAllWorkItems(who) && !q.type?.length;
  const config = sql`(case w.language when 'en' then 'english' when 'nl' then 'dutch' when 'da' then 'danish' else 'simple' end)::regconfig`;
  const opts = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=8, MaxFragments=2, FragmentDelimiter=" … "`;
  const stripped = (col: SQL) => sql`regexp_replace(${col}, '<[^>]*>', ' ', 'g')`;
  const res = await db.execute<{
    number: string;
    type: string;
    title: string;
    state: string;
    priority: number | null;
    rank: number;
    titleHighlight: string;
    snippet: string;
    matchedIn: 'item' | 'comment';
    updatedAt: string;
  }>(sql`
    with own as (
      select w.id, w.updated_at, w.search from work_items w
       where ${sql.join(items, sql` and `)} and ${matches('w', parsed, 'work_items')}
       order by w.updated_at desc limit ${SEARCH_CANDIDATES}),
    said as (${
      everything
        ? // nothing to check on the item: the newest matching comments first, their items after
          sql`
      select w.id, w.updated_at, x.search from (
        select c.work_item_id, c.search from work_item_comments c where ${matches('c', parsed, 'work_item_comments')}
         order by c.created_at desc limit ${SEARCH_CANDIDATES}) x join work_items w on w.id = x.work_item_id`
        : sql`
      select w.id, w.updated_at, c.search from work_item_comments c join work_items w on w.id = c.work_item_id
       where ${sql.join(items, sql` and `)} and ${matches('c', parsed, 'work_item_comments')} and ${readable}
       order by c.created_at desc limit ${SEARCH_CANDIDATES}`
    }),
    matches as (
      select id, updated_at, ts_rank_cd(search, ${query}) as rank, true as own from own
      union all
      -- a match in a comment counts for its item, a little less than one in the item's own text
      select id, updated_at, ts_rank_cd(search, ${query}) * 0.5, false from said),
    best as (
      select id, updated_at, max(rank) as rank, bool_or(own) as own from matches group by id, updated_at
       order by rank desc, updated_at desc, id limit ${Math.min(q.limit ?? 20, 50)} offset ${Math.min(q.offset ?? 0, SEARCH_DEPTH)})
    select w.number, w.type, w.title, w.state, w.priority, b.rank,
           ts_headline(${config}, w.title, ${query}, ${`${opts.replace('MaxFragments=2', 'HighlightAll=true')}`}) as "titleHighlight",
           case when b.own then ts_headline(${config}, ${stripped(sql`w.description`)}, ${query}, ${opts})
                else (select ts_headline(${config}, ${stripped(sql`c.body`)}, ${query}, ${opts})
                        from work_item_comments c where c.work_item_id = w.id and c.search @@ ${query} and ${readable}
                       order by ts_rank_cd(c.search, ${query}) desc, c.created_at desc limit 1) end as snippet,
           case when b.own then 'item' else 'comment' end as "matchedIn",
           w.updated_at as "updatedAt"
      from best b join work_items w on w.id = b.id order by b.rank desc, b.updated_at desc, b.id`);
  return res.rows.map((r) => ({ ...r, updatedAt: isoTimestamp(r.updatedAt) }));
}
