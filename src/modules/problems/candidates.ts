import { eq, sql } from 'drizzle-orm';
import { type Principal, principalOfActor } from '../../kernel/auth/principal.ts';
import type { Db } from '../../kernel/db/database.ts';
import { type CommandContext, runCommand, systemActor } from '../../kernel/db/tx.ts';
import { problems } from '../../kernel/http/problem.ts';
import { notify } from '../../kernel/notify/notify.ts';
import type { WorkItem } from '../../kernel/records/registry.ts';
import { createProblem, mustManage } from './commands.ts';
import { problemManagers } from './policy.ts';
import { trendSettingsOf } from './queries.ts';
import { problemCandidateIncidents, problemCandidates, problemTrendSettings } from './schema.ts';
import type { AcceptCandidate, TrendSettingsInput } from './shapes.ts';
import { commonTitle, type TrendIncident, trendGroups } from './trend.ts';

/**
 * How many of the window's most recent undecided incidents one detection looks at: titles are compared pair
 * by pair within a scope, so the work grows with the square of this. Past it, the oldest wait for the next
 * hour's run (by then they may have left the window: a trend that big is seen by its recent incidents).
 */
export const DETECTION_POOL = 2000;
/** One detection at a time across all Keel processes (the housekeeping runs in each). */
const DETECTION_LOCK = 7_210_024;

/**
 * The incidents trend detection may group and which of them are alike, from the database: incidents of the
 * window, not cancelled, not linked caused_by a problem and not held by any earlier candidate (open, accepted
 * or dismissed), with their service and the CIs named on them as scopes (not those impact analysis adds, nor a
 * service's own CI: that is the service's scope); pairs sharing a scope whose titles are at least
 * `minSimilarity` alike (pg_trgm similarity).
 */
async function trendInput(ctx: CommandContext, s: { windowDays: number; minSimilarity: number }) {
  const res = await ctx.tx.execute<{ id: string; title: string; created_at: string; scopes: string[] }>(sql`
    select w.id, w.title, w.created_at,
           array_remove(array['service:' || w.service_id::text], null)
             || coalesce((select array_agg('ci:' || x.ci_id::text) from incident_cis x
                           where x.work_item_id = w.id and x.source = 'manual'
                             and not exists (select 1 from services s where s.ci_id = x.ci_id)), '{}') as scopes
      from work_items w
     where w.type = 'incident' and w.state <> 'cancelled'
       and w.created_at > now() - make_interval(days => ${s.windowDays})
       and not exists (select 1 from work_item_links l join work_items p on p.id = l.to_id
                        where l.from_id = w.id and l.kind = 'caused_by' and p.type = 'problem')
       and not exists (select 1 from problem_candidate_incidents h where h.work_item_id = w.id)
     order by w.created_at desc limit ${DETECTION_POOL}`);
  const incidents: TrendIncident[] = res.rows
    .filter((r) => r.scopes.length)
    .map((r) => ({ id: r.id, title: r.title, createdAt: Date.parse(r.created_at), scopes: r.scopes }));
  if (incidents.length < 2) return { incidents, alike: [] as Array<[string, string]> };
  const pairs = await ctx.tx.execute<{ a: string; b: string }>(sql`
    with pool as (select * from jsonb_to_recordset(${JSON.stringify(
      incidents.map((i) => ({ id: i.id, title: i.title, scopes: i.scopes })),
    )}::jsonb) as x(id uuid, title text, scopes text[])),
    member as (select id, title, unnest(scopes) as scope from pool)
    select distinct a.id as a, b.id as b
      from member a join member b on a.scope = b.scope and a.id < b.id
     where similarity(a.title, b.title) >= ${s.minSimilarity}`);
  return { incidents, alike: pairs.rows.map((p) => [p.a, p.b] as [string, string]) };
}

/**
 * Trend detection (docs/problems.md): proposes a candidate for each group `trendGroups` finds, holding its
 * incidents, and tells the problem managers. Returns the new candidates' ids (none while another process
 * is detecting).
 */
export async function detectTrends(ctx: CommandContext): Promise<string[]> {
  const locked = await ctx.tx.execute<{ ok: boolean }>(
    sql`select pg_try_advisory_xact_lock(${DETECTION_LOCK}) as ok`,
  );
  if (!locked.rows[0]?.ok) return [];
  const s = await trendSettingsOf(ctx.tx);
  const { incidents, alike } = await trendInput(ctx, s);
  const groups = trendGroups(incidents, alike, s.minIncidents);
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const ids: string[] = [];
  for (const g of groups) {
    const members = g.ids.map((id) => byId.get(id)!);
    const [kind, scopeId] = g.scope.split(':') as ['ci' | 'service', string];
    const [c] = await ctx.tx
      .insert(problemCandidates)
      .values({
        serviceId: kind === 'service' ? scopeId : null,
        ciId: kind === 'ci' ? scopeId : null,
        title: commonTitle(members.map((m) => m.title)),
        firstSeen: new Date(Math.min(...members.map((m) => m.createdAt))),
        lastSeen: new Date(Math.max(...members.map((m) => m.createdAt))),
      })
      .returning();
    await ctx.tx
      .insert(problemCandidateIncidents)
      .values(g.ids.map((workItemId) => ({ candidateId: c!.id, workItemId })));
    const scope = await ctx.tx.execute<{ name: string }>(
      kind === 'ci'
        ? sql`select name from cis where id = ${scopeId}`
        : sql`select c.name from services s join cis c on c.id = s.ci_id where s.id = ${scopeId}`,
    );
    await notify(
      ctx.tx,
      { roles: problemManagers },
      'problem.candidate',
      { count: String(g.ids.length), scope: scope.rows[0]?.name ?? g.scope, title: c!.title },
      '/problems/candidates',
    );
    await ctx.audit({
      action: 'problem-candidate.proposed',
      recordType: 'problem-candidate',
      recordId: c!.id,
      after: { ...c, incidents: g.ids },
    });
    ids.push(c!.id);
  }
  return ids;
}

/** The hourly housekeeping: trend detection as Keel itself. */
export const detectTrendsNow = (db: Db) => runCommand(db, systemActor('trend detection'), null, detectTrends);

async function openCandidate(ctx: CommandContext, id: string) {
  const [c] = await ctx.tx.select().from(problemCandidates).where(eq(problemCandidates.id, id)).for('update');
  if (!c) throw problems.notFound(`Problem candidate ${id}`);
  if (c.state !== 'open') throw problems.conflict(`This candidate was ${c.state} already.`);
  return c;
}

/**
 * Accepting a candidate records a problem (origin `trend`) with the candidate's incidents linked caused_by
 * it, on the candidate's service or CI; the candidate names the problem from then on.
 */
export async function acceptCandidate(
  ctx: CommandContext,
  who: Principal,
  id: string,
  input: AcceptCandidate,
): Promise<WorkItem> {
  mustManage(who);
  const c = await openCandidate(ctx, id);
  if (c.serviceId) {
    // the request names no service, so a field error on serviceId would point at nothing the caller sent:
    // a candidate whose service was retired since is refused as a whole, with what to do instead
    const s = await ctx.tx.execute<{ status: string; name: string }>(sql`
      select s.status, c.name from services s join cis c on c.id = s.ci_id where s.id = ${c.serviceId}`);
    if (s.rows[0]?.status === 'retired')
      throw problems.conflict(
        `The service of this candidate (${s.rows[0].name}) has been retired: dismiss the candidate, or record the problem yourself with the incidents and a live service.`,
      );
  }
  const held = await ctx.tx
    .select({ id: problemCandidateIncidents.workItemId })
    .from(problemCandidateIncidents)
    .where(eq(problemCandidateIncidents.candidateId, c.id));
  const listed = await ctx.tx.execute<{ number: string; title: string }>(sql`
    select number, title from work_items where id = any(${sql.param(held.map((h) => h.id))}::uuid[]) order by created_at`);
  const item = await createProblem(
    ctx,
    who,
    {
      title: input.title ?? c.title,
      priority: input.priority ?? null,
      assigneeId: input.assigneeId === undefined ? who.userId : input.assigneeId,
      serviceId: c.serviceId,
      ciIds: c.ciId ? [c.ciId] : [],
      symptoms: listed.rows.map((r) => `${r.number}: ${r.title}`).join('\n'),
    },
    { origin: 'trend', incidentIds: held.map((h) => h.id) },
  );
  const [after] = await ctx.tx
    .update(problemCandidates)
    .set({
      state: 'accepted',
      decidedBy: ctx.actor.userId,
      decidedAt: new Date(),
      problemId: item.id,
      version: c.version + 1,
    })
    .where(eq(problemCandidates.id, c.id))
    .returning();
  await ctx.audit({
    action: 'problem-candidate.accepted',
    recordType: 'problem-candidate',
    recordId: c.id,
    before: c,
    after,
  });
  return item;
}

/** Dismissing a candidate, with a reason: its incidents are never proposed again. */
export async function dismissCandidate(ctx: CommandContext, who: Principal, id: string, reason: string) {
  mustManage(who);
  const c = await openCandidate(ctx, id);
  const [after] = await ctx.tx
    .update(problemCandidates)
    .set({
      state: 'dismissed',
      reason: reason.trim(),
      decidedBy: ctx.actor.userId,
      decidedAt: new Date(),
      version: c.version + 1,
    })
    .where(eq(problemCandidates.id, c.id))
    .returning();
  await ctx.audit({
    action: 'problem-candidate.dismissed',
    recordType: 'problem-candidate',
    recordId: c.id,
    before: c,
    after,
  });
}

/** Detection on request, by a problem manager (the same run as the hourly one). */
export async function detectOnRequest(ctx: CommandContext, who: Principal) {
  mustManage(who);
  return detectTrends(ctx);
}

export async function updateTrendSettings(ctx: CommandContext, who: Principal, input: TrendSettingsInput) {
  mustManage(who);
  const before = await trendSettingsOf(ctx.tx);
  await ctx.tx
    .insert(problemTrendSettings)
    .values({ id: 1, ...input, updatedBy: ctx.actor.userId, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: problemTrendSettings.id,
      set: { ...input, updatedBy: ctx.actor.userId, updatedAt: new Date() },
    });
  await ctx.audit({
    action: 'problem-settings.updated',
    recordType: 'problem-settings',
    recordId: 'trend',
    before,
    after: input,
  });
}

/** Keel records a problem as itself (a major incident's review): as a problem manager would. */
export const asKeel = (ctx: CommandContext) => principalOfActor(ctx.actor, ['problem_manager']);
