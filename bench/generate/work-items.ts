import { sql } from 'drizzle-orm';
import type { Db } from '../../src/kernel/db/database.ts';
import { numberAfter } from '../../src/kernel/records/numbering.ts';
import type { Scale } from '../scales.ts';
import { pick, uid } from './sql.ts';

const words = [
  'printer',
  'booking',
  'wifi',
  'mailbox',
  'till',
  'encoder',
  'vpn',
  'laptop',
  'screen',
  'password',
  'invoice',
  'calendar',
];
const CHUNK = 100_000;
/** Two years of work: the oldest item was recorded this long before the generator ran. */
const HISTORY_SECONDS = 730 * 24 * 3600;

/**
 * Work items as a service desk accumulates them over two years: three incidents to one service request;
 * 3.5% open (the newest ones and a few long-open), a third of the open ones unassigned; priorities mostly
 * 3–4 (2% P1); requesters from the customers' users, each item on a service their customer's SLA covers;
 * English, Dutch and Danish text; 0–3 comments each (some internal); a field-history entry for each
 * change of state; SLA clocks with their whole history (response and resolution for incidents,
 * fulfilment for requests; some paused while waiting on the customer; breaches where the work took longer
 * than the target); and the warning and breach jobs of the clocks still running.
 *
 * Work item n has the id uid('wi', n) and the number INC-/REQ- n (n % 4 = 0 is a request).
 */
export async function generateWorkItems(db: Db, scale: Scale, log: (s: string) => void) {
  const N = scale.workItems;
  const step = HISTORY_SECONDS / N;
  await db.execute(sql`alter table work_items disable trigger work_items_changed`);
  await db.execute(sql`alter table work_item_comments disable trigger work_item_comments_search`);
  // the service level report's counts are counted once at the end, not clock by clock
  await db.execute(sql`alter table sla_clocks disable trigger sla_clocks_tally`);
  await db.execute(sql`
    create unlogged table if not exists bench_gen (
      g int primary key, id uuid, type text, number text, p int, u int, c int, s int, agent int, grp int,
      open boolean, state text, lang text, created timestamptz, dur int, resp int, w1 text, w2 text)`);
  for (let from = 1; from <= N; from += CHUNK) {
    const to = Math.min(N, from + CHUNK - 1);
    const t = performance.now();
    await db.execute(sql`truncate bench_gen`);
    // everything about row g, once; the inserts below read it
    await db.execute(sql`
      insert into bench_gen
      select g, ${uid('wi', sql`g`)}, type,
             case type when 'incident' then 'INC-' else 'REQ-' end || case when g < 1000000 then lpad(g::text, 6, '0') else g::text end,
             p, u, u % ${scale.agreements}, s, agent, grp, open,
             case when open and type = 'incident' then case when unassigned then 'new' else (array['assigned','in_progress','pending'])[1 + g % 3] end
                  when open then case when unassigned then 'new' else (array['awaiting_approval','in_fulfilment'])[1 + g % 2] end
                  when type = 'incident' and g % 50 = 7 then 'cancelled'
                  when type = 'request' and g % 60 = 11 then 'rejected'
                  when created > now() - interval '3 days' then case type when 'incident' then 'resolved' else 'fulfilled' end
                  else 'closed' end,
             (array['en','nl','da'])[1 + u % 3], created,
             30 + ${pick('dur', sql`g`, 4000)}, ${pick('resp', sql`g`, 300)},
             (${sql.param(words)}::text[])[1 + g % 12], (${sql.param(words)}::text[])[1 + (g / 12) % 12]
        from (select g, case when g % 4 = 0 then 'request' else 'incident' end as type,
                     g > ${N} * 0.97 or g % 200 = 0 as open,
                     (g > ${N} * 0.97 or g % 200 = 0) and g % 3 = 0 as unassigned,
                     1 + ${pick('req', sql`g`, scale.customerUsers)} as u,
                     1 + ${pick('agent', sql`g`, scale.agents)} as agent,
                     now() - make_interval(secs => (${N} - g) * ${step}::float8) as created,
                     case when r < 2 then 1 when r < 10 then 2 when r < 40 then 3 when r < 80 then 4 else 5 end as p
                from generate_series(${from}::int, ${to}::int) g, lateral (select ${pick('prio', sql`g`, 100)} as r) pr) x,
             lateral (select (u % ${scale.agreements}) % 4 + 4 * ${pick('svc', sql`g`, sql`((${scale.services} - 1 - (u % ${scale.agreements}) % 4) / 4 + 1)`)} as s,
                             (agent + g % 2) % ${scale.groups} as grp) y`);
    await db.execute(sql`
      insert into work_items (id, type, number, title, description, state, final, priority, requester_id, assignee_id,
                              group_id, customer_id, service_id, language, due_at, created_by, created_at, updated_at)
      select id, type, number,
             initcap(w1) || ' problem with ' || w2 || ' at site ' || (g % 97),
             '<p>The ' || w1 || ' does not work since the ' || w2 || ' was changed.</p>',
             state, not open, p, ${uid('user', sql`u`)},
             case when state = 'new' then null else ${uid('agent', sql`agent`)} end,
             ${uid('group', sql`grp`)}, ${uid('customer', sql`c`)}, ${uid('svc', sql`s`)}, lang,
             null,
             ${uid('user', sql`u`)}, created,
             case when open then greatest(created, now() - make_interval(mins => g % 600))
                  else least(now(), created + make_interval(mins => dur)) end
        from bench_gen`);
    await db.execute(sql`
      insert into incidents (work_item_id, impact, urgency, agreement_id, pending_reason, resolution_code, resolution_text, resolved_at, closed_at)
      select id, 1 + (p - 1) / 2, 1 + p / 2, ${uid('sla', sql`c`)},
             case when state = 'pending' then 'customer' end,
             case when state in ('resolved', 'closed') then (array['fixed','workaround'])[1 + g % 2] end,
             case when state in ('resolved', 'closed') then 'Replaced the ' || w2 || ' settings.' end,
             case when state in ('resolved', 'closed') then least(now(), created + make_interval(mins => dur)) end,
             case when state = 'closed' then least(now(), created + make_interval(mins => dur + 4320)) end
        from bench_gen where type = 'incident'`);
    await db.execute(sql`
      insert into requests (work_item_id, catalogue_item_id, answers, agreement_id, fulfilled_at, closed_at)
      select id, ${uid('cat', sql`s`)}, '{}'::jsonb, ${uid('sla', sql`c`)},
             case when state in ('fulfilled', 'closed') then least(now(), created + make_interval(mins => dur)) end,
             case when state = 'closed' then least(now(), created + make_interval(mins => dur + 4320)) end
        from bench_gen where type = 'request'`);
    await db.execute(sql`
      insert into work_item_comments (work_item_id, author_id, body, internal, created_at, search)
      select id, case when k % 2 = 1 then ${uid('agent', sql`agent`)} else ${uid('user', sql`u`)} end, body,
             k = 2 and g % 3 = 0, least(now(), created + make_interval(mins => k * dur / 4)),
             to_tsvector((case lang when 'en' then 'english' when 'nl' then 'dutch' else 'danish' end)::regconfig, body)
        from bench_gen, generate_series(1, g % 4) k,
             lateral (select case when k % 2 = 1 then 'Checked the ' || w2 || ' on site ' || (g % 97) || '; ' || w1 || ' logs attached.'
                                  else 'The ' || w1 || ' still fails after the ' || w2 || ' restart.' end as body) b`);
    await db.execute(sql`
      insert into work_item_field_history (work_item_id, field, old_value, new_value, actor_id, at)
      select id, 'state', to_jsonb('new'::text), to_jsonb(state), ${uid('agent', sql`agent`)},
             least(now(), created + make_interval(mins => dur))
        from bench_gen where state <> 'new'`);
    await generateClocks(db);
    const rate = Math.round((to - from + 1) / ((performance.now() - t) / 1000));
    log(
      `  work items ${from.toLocaleString('en')}–${to.toLocaleString('en')}: ${rate.toLocaleString('en')} items/s with comments, history and clocks`,
    );
  }
  await db.execute(sql`drop table bench_gen`);
  await db.execute(sql`alter table sla_clocks enable trigger sla_clocks_tally`);
  await db.execute(sql`select keel_rebuild_clock_counts(null)`);
  await db.execute(sql`alter table work_items enable trigger work_items_changed`);
  await db.execute(sql`alter table work_item_comments enable trigger work_item_comments_search`);
  await numberAfter(db, 'incident', N);
  await numberAfter(db, 'request', N);
}

/**
 * The clocks of the rows in bench_gen, with their histories, and the jobs of those still running. A
 * finished item's clocks started when it was recorded and stopped when the work was done (some paused on
 * the customer meanwhile), breached where that took longer than the target; an open item's clocks have
 * used up to 110% of their target so far (the "breaching soon" queue has work in it).
 */
async function generateClocks(db: Db) {
  const ms = (ts: ReturnType<typeof sql>) => sql`(extract(epoch from ${ts}) * 1000)::bigint`;
  await db.execute(sql`
    insert into sla_clocks (work_item_id, metric, agreement_id, priority, events, state, deadline, warn_at, breached_at, updated_at)
    select id, metric, ${uid('sla', sql`c`)}, p, events, cstate,
           case when cstate <> 'paused' then cstart + make_interval(mins => target) end,
           case when cstate <> 'paused' then cstart + make_interval(mins => target * 3 / 4) end,
           case when cstate = 'stopped' and took > target then cstart + make_interval(mins => target)
                when cstate = 'running' and cstart + make_interval(mins => target) < now() then cstart + make_interval(mins => target) end,
           case when cstate = 'stopped' then least(now(), cstart + make_interval(mins => took)) else now() end
      from (
        select x.*, case when cstate = 'stopped' then created
                         else greatest(created, now() - make_interval(secs => target * 66 * bench_rand('use' || g || metric))) end as cstart
          from (
            select b.*, m.metric, t.minutes as target,
                   case when m.metric = 'response' then resp * t.minutes / 200 else dur end as took,
                   case when b.open and b.state = 'pending' and m.metric <> 'response' then 'paused'
                        when b.open and (m.metric <> 'response' or b.state = 'new') then 'running'
                        else 'stopped' end as cstate
              from bench_gen b
              cross join lateral (select unnest(case b.type when 'incident' then array['response','resolution'] else array['fulfilment'] end) as metric) m
              join agreement_targets t on t.agreement_id = ${uid('sla', sql`b.c`)} and t.metric = m.metric and t.priority = b.p) x) y,
      lateral (select case
          when cstate = 'running' then jsonb_build_array(jsonb_build_object('kind', 'start', 'at', ${ms(sql`cstart`)}))
          when cstate = 'paused' then jsonb_build_array(
                 jsonb_build_object('kind', 'start', 'at', ${ms(sql`cstart`)}),
                 jsonb_build_object('kind', 'pause', 'at', ${ms(sql`cstart + (now() - cstart) / 2`)}, 'reason', 'customer'))
          when g % 5 = 0 and metric <> 'response' then jsonb_build_array(
                 jsonb_build_object('kind', 'start', 'at', ${ms(sql`cstart`)}),
                 jsonb_build_object('kind', 'pause', 'at', ${ms(sql`cstart + make_interval(mins => took / 3)`)}, 'reason', 'customer'),
                 jsonb_build_object('kind', 'resume', 'at', ${ms(sql`cstart + make_interval(mins => took / 2)`)}),
                 jsonb_build_object('kind', 'stop', 'at', ${ms(sql`cstart + make_interval(mins => took)`)}))
          else jsonb_build_array(
                 jsonb_build_object('kind', 'start', 'at', ${ms(sql`cstart`)}),
                 jsonb_build_object('kind', 'stop', 'at', ${ms(sql`cstart + make_interval(mins => took)`)})) end as events) e`);
  // the open items' due date (their earliest running deadline, which the "breaching soon" queue sorts on)
  // PostgreSQL has set from these clocks, as for any statement that writes clocks (migration 0028)
  await db.execute(sql`
    insert into jobs (kind, payload, due_at, unique_key)
    select 'sla.' || k, jsonb_build_object('clockId', c.id), case k when 'warn' then c.warn_at else c.deadline end,
           'sla:' || k || ':' || c.id
      from sla_clocks c join bench_gen b on b.id = c.work_item_id, unnest(array['warn', 'breach']) k
     where c.state = 'running' and (case k when 'warn' then c.warn_at else c.deadline end) > now()`);
}
