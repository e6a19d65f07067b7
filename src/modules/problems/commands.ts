import { eq, sql } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { notify } from '../../kernel/notify/notify.ts';
import {
  applyItemChange,
  createWorkItem,
  fireTransition,
  loadForWrite,
  loadItem,
  notePublicly,
} from '../../kernel/records/commands.ts';
import { changedFields } from '../../kernel/records/diff.ts';
import { sanitiseRichText } from '../../kernel/records/html.ts';
import { addComment } from '../../kernel/records/parts.ts';
import { checkWorkRefs } from '../../kernel/records/refs.ts';
import type { WorkItem } from '../../kernel/records/registry.ts';
import { visibilitySql } from '../../kernel/records/visibility.ts';
import type { ProblemOrigin } from './lifecycle.ts';
import { mayApplyWorkaround, mayManageProblems, problemManagers, workaroundAppliedAs } from './policy.ts';
import { problemCis, problems as problemRows } from './schema.ts';
import type { Applied, ApplyKnownError, NewProblem, ProblemPatch } from './shapes.ts';

export const PROBLEM = 'problem';
const only = { type: PROBLEM, noun: 'Problem' };

type Detail = typeof problemRows.$inferSelect;

export async function problemOf(ctx: CommandContext, itemId: string): Promise<Detail> {
  const [d] = await ctx.tx.select().from(problemRows).where(eq(problemRows.workItemId, itemId)).for('update');
  if (!d) throw new Error(`problem ${itemId} has no detail row`);
  return d;
}

export const link = (number: string) => `/work-items/${number}`;

/** Checks what a problem names, all at once: the service (not retired), the CIs, the group and the assignee. */
const check = (ctx: CommandContext, p: ProblemPatch) =>
  checkWorkRefs(ctx.tx, p, { roles: problemManagers, noun: 'problem manager' });

/**
 * The incidents a new problem names, by number: each must exist, be an incident and be readable by the
 * person recording it (one they may not read does not exist for them). Field errors name the position.
 */
async function incidentsNamed(ctx: CommandContext, who: Principal, numbers: readonly string[]) {
  const wanted = numbers.map((n) => n.trim().toUpperCase());
  if (!wanted.length) return { ids: [] as string[], errors: [] as FieldError[] };
  const res = await ctx.tx.execute<{ id: string; number: string; type: string }>(sql`
    select w.id, w.number, w.type from work_items w
     where w.number = any(${sql.param(wanted)}::text[]) and ${visibilitySql(who)}`);
  const found = new Map(res.rows.map((r) => [r.number, r]));
  const errors: FieldError[] = [];
  const ids: string[] = [];
  wanted.forEach((n, i) => {
    const r = found.get(n);
    if (!r) errors.push({ field: `incidents.${i}`, message: `${n} does not exist` });
    else if (r.type !== 'incident')
      errors.push({ field: `incidents.${i}`, message: `${n} is not an incident` });
    else if (!ids.includes(r.id)) ids.push(r.id);
  });
  return { ids, errors };
}

/**
 * Links incidents `caused_by` a problem (one statement; a link that exists stays), each with its audit
 * entry on the incident. Returns the numbers newly linked.
 */
export async function linkIncidents(ctx: CommandContext, problem: WorkItem, incidentIds: readonly string[]) {
  if (!incidentIds.length) return [];
  const res = await ctx.tx.execute<{ number: string }>(sql`
    with ins as (
      insert into work_item_links (from_id, to_id, kind, created_by)
      select unnest(${sql.param([...incidentIds])}::uuid[]), ${problem.id}::uuid, 'caused_by', ${ctx.actor.userId}::uuid
      on conflict do nothing returning from_id)
    select w.number from ins join work_items w on w.id = ins.from_id order by w.number`);
  for (const r of res.rows)
    await ctx.audit({
      action: 'link.added',
      recordType: 'work-item',
      recordId: r.number,
      after: { to: problem.number, kind: 'caused_by' },
    });
  return res.rows.map((r) => r.number);
}

async function setCis(ctx: CommandContext, itemId: string, ciIds: readonly string[]) {
  await ctx.tx.delete(problemCis).where(eq(problemCis.workItemId, itemId));
  const ids = [...new Set(ciIds)];
  if (ids.length) await ctx.tx.insert(problemCis).values(ids.map((ciId) => ({ workItemId: itemId, ciId })));
}

const trimmed = (v: string | undefined) => v?.trim();

/**
 * Records a problem in state new: proactively, or from incidents (each linked caused_by it, origin
 * `incidents`), or — for trend detection and major-incident reviews — with the origin those give. Nothing is
 * written when anything named is wrong.
 */
export async function createProblem(
  ctx: CommandContext,
  who: Principal,
  input: NewProblem,
  opts: { origin?: ProblemOrigin; incidentIds?: readonly string[] } = {},
): Promise<WorkItem> {
  const errors = await check(ctx, input);
  const named = await incidentsNamed(ctx, who, input.incidents ?? []);
  errors.push(...named.errors);
  if (errors.length) throw problems.validation(errors);
  const incidentIds = [...new Set([...named.ids, ...(opts.incidentIds ?? [])])];
  const origin: ProblemOrigin = opts.origin ?? (incidentIds.length ? 'incidents' : 'proactive');
  const item = await createWorkItem(
    ctx,
    who,
    {
      type: PROBLEM,
      title: input.title,
      description: input.description,
      priority: input.priority ?? null,
      // a problem is the provider's own work: nobody asked for it, no organisation owns it
      requesterId: null,
      customerId: null,
      serviceId: input.serviceId ?? null,
      language: input.language ?? null,
      groupId: input.groupId ?? null,
      assigneeId: input.assigneeId ?? null,
    },
    async (w) => {
      const [detail] = await ctx.tx
        .insert(problemRows)
        .values({
          workItemId: w.id,
          origin,
          symptoms: trimmed(input.symptoms) ?? '',
          timeline: trimmed(input.timeline) ?? '',
          cause: trimmed(input.cause) ?? '',
          contributingFactors: trimmed(input.contributingFactors) ?? '',
          rcaMethod: input.rcaMethod ?? null,
          rcaAnalysis: trimmed(input.rcaAnalysis) ?? '',
          workaround: trimmed(input.workaround) ?? '',
          workaroundPublic: input.workaroundPublic ?? false,
        })
        .returning();
      await setCis(ctx, w.id, input.ciIds ?? []);
      return { ...detail, ciIds: [...new Set(input.ciIds ?? [])] };
    },
  );
  const linked = await linkIncidents(ctx, item, incidentIds);
  if (linked.length)
    await ctx.audit({
      action: 'problem.incidents-linked',
      recordType: 'work-item',
      recordId: item.number,
      after: { incidents: linked },
    });
  return item;
}

/** Changes a problem's fields (If-Match): the problem manager's, while it is not closed or cancelled. */
export async function updateProblem(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  expected: number,
  patch: ProblemPatch,
): Promise<WorkItem> {
  const { item, def } = await loadForWrite(ctx, who, ref, expected, only);
  if (def.canEditFields && !def.canEditFields(who, item))
    throw problems.forbidden(`You may not change the fields of ${item.number}.`);
  if (item.final) throw problems.conflict(`${item.number} is ${item.state}; it can no longer be changed.`);
  const errors = await check(ctx, patch);
  if (errors.length) throw problems.validation(errors);
  const before = await problemOf(ctx, item.id);
  const { set, history } = changedFields(item, {
    title: patch.title?.trim(),
    description: patch.description === undefined ? undefined : sanitiseRichText(patch.description),
    priority: patch.priority,
    serviceId: patch.serviceId,
    language: patch.language,
    groupId: patch.groupId,
    assigneeId: patch.assigneeId,
  } as Partial<WorkItem>);
  const detail: Partial<Detail> = {
    symptoms: trimmed(patch.symptoms),
    timeline: trimmed(patch.timeline),
    cause: trimmed(patch.cause),
    contributingFactors: trimmed(patch.contributingFactors),
    rcaMethod: patch.rcaMethod,
    rcaAnalysis: trimmed(patch.rcaAnalysis),
    workaround: trimmed(patch.workaround),
    workaroundPublic: patch.workaroundPublic,
  };
  const { set: detailSet, history: detailChanges } = changedFields(before, detail);
  history.push(...detailChanges);
  // a known error is one with a cause and a workaround: neither may be emptied while it is one
  if (item.state === 'known_error') {
    const emptied = (['cause', 'workaround'] as const).filter((f) => detailSet[f] === '');
    if (emptied.length)
      throw problems.validation(
        emptied.map((field) => ({
          field,
          message: 'a known error keeps its documented cause and workaround',
        })),
      );
  }
  const ciIds = patch.ciIds === undefined ? undefined : [...new Set(patch.ciIds)].sort();
  const ciBefore =
    ciIds === undefined
      ? undefined
      : (await ctx.tx.select().from(problemCis).where(eq(problemCis.workItemId, item.id)))
          .map((x) => x.ciId)
          .sort();
  const cisMoved = ciIds !== undefined && ciIds.join() !== ciBefore!.join();
  if (cisMoved) history.push(['ciIds', ciBefore, ciIds]);
  if (history.length === 0) return item;
  const after = await applyItemChange(ctx, item, set, history);
  if (Object.keys(detailSet).length)
    await ctx.tx.update(problemRows).set(detailSet).where(eq(problemRows.workItemId, item.id));
  if (cisMoved) await setCis(ctx, item.id, ciIds);
  await ctx.audit({
    action: 'problem.updated',
    recordType: 'work-item',
    recordId: item.number,
    before: { ...item, ...before, ciIds: ciBefore },
    after: { ...after, ...before, ...detailSet, ciIds: ciIds ?? ciBefore },
  });
  return after;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : undefined);

const setDetail = (ctx: CommandContext, item: WorkItem, set: Partial<Detail>) =>
  ctx.tx.update(problemRows).set(set).where(eq(problemRows.workItemId, item.id));

/** What the problem lifecycle's transitions do besides moving the state (lifecycle.ts). */
export const problemEffects = {
  /**
   * A known error has a documented cause and a workaround, given now or saved before: a field error for
   * each one missing, and nothing changes.
   */
  knownError: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    const d = await problemOf(ctx, item.id);
    const cause = text(input.cause) || d.cause;
    const workaround = text(input.workaround) || d.workaround;
    const missing: FieldError[] = [];
    if (!cause) missing.push({ field: 'cause', message: 'document the cause to make it a known error' });
    if (!workaround)
      missing.push({ field: 'workaround', message: 'document a workaround to make it a known error' });
    if (missing.length) throw problems.validation(missing, 'A known error needs a cause and a workaround.');
    await setDetail(ctx, item, {
      cause,
      workaround,
      workaroundPublic:
        typeof input.workaroundPublic === 'boolean' ? input.workaroundPublic : d.workaroundPublic,
      // when it first became a known error: a problem reopened and documented again keeps that moment
      // (the KPIs and the known-error list read it)
      knownErrorAt: d.knownErrorAt ?? new Date(),
    });
  },
  resolve: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    await setDetail(ctx, item, { resolution: text(input.resolution) ?? '', resolvedAt: new Date() });
  },
  reopen: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    await setDetail(ctx, item, { resolvedAt: null });
    await notePublicly(ctx, item, 'Reopened', input.reason ?? input.note);
  },
  close: async (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) => {
    await setDetail(ctx, item, { closedAt: new Date() });
    await notePublicly(ctx, item, 'Closed', input.note);
  },
  cancel: (ctx: CommandContext, item: WorkItem, input: Record<string, unknown>) =>
    notePublicly(ctx, item, 'Cancelled', input.reason),
};

/**
 * Applies a known error to an incident in one transaction: its workaround as a public or internal note, the
 * incident linked caused_by the problem, and — when asked — the incident resolved with resolution code
 * `workaround` (the incident's own lifecycle and effects, as if the agent resolved it).
 */
export async function applyKnownError(
  ctx: CommandContext,
  who: Principal,
  incidentRef: string,
  input: ApplyKnownError,
): Promise<Applied> {
  if (!mayApplyWorkaround(who))
    throw problems.forbidden('The service desk and problem managers apply workarounds.');
  const { item: incident } = await loadForWrite(ctx, who, incidentRef, null);
  if (incident.type !== 'incident') throw problems.notFound(`Incident ${incidentRef}`);
  if (incident.final) throw problems.conflict(`${incident.number} is ${incident.state}.`);
  const { item: problem } = await loadItem(ctx.tx, input.problem, who).catch(() => {
    throw problems.validation([{ field: 'problem', message: `problem ${input.problem} does not exist` }]);
  });
  if (problem.type !== PROBLEM)
    throw problems.validation([{ field: 'problem', message: `${problem.number} is not a problem` }]);
  if (problem.state !== 'known_error')
    throw problems.validation([
      { field: 'problem', message: `${problem.number} is not a known error (it is ${problem.state})` },
    ]);
  const d = await problemOf(ctx, problem.id);
  const as = workaroundAppliedAs(d, input.note);
  if (!as.noteAllowed)
    throw problems.validation([
      {
        field: 'note',
        message: `the workaround of ${problem.number} is for the provider only: add it as internal`,
      },
    ]);
  if (input.resolve && incident.state === 'resolved')
    throw problems.validation([{ field: 'resolve', message: `${incident.number} is resolved already` }]);
  const comment = await addComment(ctx, who, incident.number, {
    body: `Workaround (${problem.number}): ${d.workaround}`,
    internal: input.note === 'internal',
  });
  const linked = await linkIncidents(ctx, problem, [incident.id]);
  let after = (await loadItem(ctx.tx, incident.id, who, true)).item;
  if (input.resolve)
    after = await fireTransition(ctx, who, incident.number, after.version, 'resolve', {
      resolutionCode: 'workaround',
      // the resolution text reaches the requester (the incident page, the mail): an internal workaround
      // stays out of it, and the internal note holds it for the provider
      resolutionText: as.resolutionShowsWorkaround
        ? `Workaround of ${problem.number}: ${d.workaround}`
        : `Resolved with a workaround (${problem.number})`,
    });
  await ctx.audit({
    action: 'incident.known-error-applied',
    recordType: 'work-item',
    recordId: incident.number,
    after: { problem: problem.number, note: input.note, resolve: !!input.resolve },
  });
  return {
    incident: incident.number,
    problem: problem.number,
    commentId: comment.id,
    linked: linked.length > 0,
    resolved: after.state === 'resolved',
    state: after.state,
    version: after.version,
  };
}

/** Whether someone may manage problems, asked again inside a command (the route asked first). */
export function mustManage(who: Principal) {
  if (!mayManageProblems(who)) throw problems.forbidden('Problem managers record and decide problems.');
}

/** Tells the problem managers (or the problem's owner) that a problem was recorded without them. */
export async function tellRecorded(ctx: CommandContext, item: WorkItem, source: string) {
  await notify(
    ctx.tx,
    item.assigneeId ? { userIds: [item.assigneeId] } : { roles: problemManagers },
    'problem.recorded',
    { number: item.number, title: item.title, source },
    link(item.number),
  );
}
