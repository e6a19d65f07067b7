import { eq, sql } from 'drizzle-orm';
import { staffRoles } from '../../../kernel/access/roles.ts';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Tx } from '../../../kernel/db/database.ts';
import { isoTimestamp } from '../../../kernel/db/timestamps.ts';
import { type CommandContext, contextFor, systemActor } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { enqueueJob } from '../../../kernel/jobs/queue.ts';
import type { JobHandler } from '../../../kernel/jobs/worker.ts';
import { notify } from '../../../kernel/notify/notify.ts';
import { applyItemChange, loadForWrite, loadItem } from '../../../kernel/records/commands.ts';
import { sanitiseRichText } from '../../../kernel/records/html.ts';
import { addLink } from '../../../kernel/records/parts.ts';
import type { WorkItem } from '../../../kernel/records/registry.ts';
import { mayDeclareMajor } from '../policy.ts';
import { incidents, majorUpdates, postIncidentReviews } from '../schema.ts';
import { settingsOf } from './settings.ts';

export const MAJOR_UPDATE_JOB = 'major.update-due';
/**
 * Queued when a major incident's review is completed with its root cause unknown: problem management records
 * a problem from it (docs/problems.md). The service desk knows the job's kind, never its handler.
 */
export const PROBLEM_FROM_REVIEW_JOB = 'problems.from-review';
const updateKey = (id: string) => `major:update:${id}`;

async function scheduleUpdate(tx: Tx, item: WorkItem, minutes: number) {
  const due = new Date(Date.now() + minutes * 60_000);
  await tx.update(incidents).set({ nextUpdateDue: due }).where(eq(incidents.workItemId, item.id));
  await tx.execute(sql`delete from jobs where state = 'queued' and unique_key = ${updateKey(item.id)}`);
  await enqueueJob(
    tx,
    MAJOR_UPDATE_JOB,
    { workItemId: item.id, due: due.toISOString() },
    { dueAt: due, uniqueKey: updateKey(item.id) },
  );
}

async function activeStaff(tx: Tx, userId: string) {
  const r = await tx.execute(sql`
    select 1 from users u where u.id = ${userId} and u.active and u.customer_id is null
       and exists (select 1 from user_roles x where x.user_id = u.id and x.role = any(${sql.param([...staffRoles])}::text[]))`);
  return r.rows.length > 0;
}

/** Makes an incident major: named owner (may be set later when Keel declares it), everyone who must know is told. */
async function makeMajor(ctx: CommandContext, item: WorkItem, ownerId: string | null, reason: string) {
  const settings = await settingsOf(ctx.tx);
  const after = item.major
    ? item
    : await applyItemChange(ctx, item, { major: true }, [['major', false, true]]);
  await ctx.tx
    .update(incidents)
    .set({
      majorOwnerId: ownerId,
      majorReason: reason,
      ...(item.major ? {} : { majorDeclaredAt: new Date() }),
    })
    .where(eq(incidents.workItemId, item.id));
  const previousOwner = item.major
    ? (
        await ctx.tx.execute<{ o: string | null }>(
          sql`select major_owner_id as o from incidents where work_item_id = ${item.id}`,
        )
      ).rows[0]?.o
    : null;
  if (item.major && ownerId && ownerId !== previousOwner) {
    await notify(
      ctx.tx,
      { userIds: [ownerId] },
      'major.declared',
      { number: item.number, title: item.title },
      `/work-items/${item.number}`,
    );
  }
  if (!item.major) {
    await scheduleUpdate(ctx.tx, after, settings.majorUpdateMinutes);
    await notify(
      ctx.tx,
      { roles: ['top_management', 'incident_manager'], userIds: [ownerId] },
      'major.declared',
      { number: item.number, title: item.title },
      `/work-items/${item.number}`,
    );
  }
  await ctx.audit({
    action: item.major ? 'incident.major-owner-changed' : 'incident.major-declared',
    recordType: 'work-item',
    recordId: item.number,
    after: { ownerId, reason },
  });
  return after;
}

export async function declareMajor(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  input: { ownerId: string; reason: string },
) {
  const { item } = await loadForWrite(ctx, who, ref, null);
  if (item.type !== 'incident') throw problems.notFound(`Incident ${ref}`);
  if (item.final) throw problems.conflict(`${item.number} is ${item.state}.`);
  if (!mayDeclareMajor(who, item))
    throw problems.forbidden('Only an incident manager declares a major incident.');
  if (!(await activeStaff(ctx.tx, input.ownerId)))
    throw problems.validation([{ field: 'ownerId', message: 'must be an active member of staff' }]);
  return makeMajor(ctx, item, input.ownerId, input.reason.trim());
}

/**
 * The checks after an incident is recorded or re-prioritised: the major-incident criteria (declared at
 * once), and a burst of incidents on one service (the incident managers are told it may be major).
 */
export async function afterRecorded(
  ctx: CommandContext,
  item: WorkItem,
  opts: { burst: boolean; declare: boolean },
) {
  if (!item.serviceId) return;
  const s = await settingsOf(ctx.tx);
  // the service and, for a burst, its incidents recorded lately (counted up to one past the threshold: what
  // matters is the moment it is reached, and a service in a storm of incidents must not make every further
  // one count the storm) and whether another of them is an open major incident, in one statement
  const svc = (
    await ctx.tx.execute<{
      criticality: number;
      name: string;
      n: number | null;
      other_major: boolean | null;
    }>(sql`
      select s.criticality, c.name,
             case when ${opts.burst} then (select count(*)::int from (
               select 1 from work_items where type = 'incident' and service_id = s.id
                  and created_at > now() - make_interval(mins => ${s.burstMinutes}) limit ${s.burstCount + 1}) x) end as n,
             case when ${opts.burst} then exists (select 1 from work_items where type = 'incident' and service_id = s.id
               and major and not final and id <> ${item.id}) end as other_major
        from services s join cis c on c.id = s.ci_id where s.id = ${item.serviceId}`)
  ).rows[0];
  if (!svc) return;
  let major = item.major;
  if (
    !item.major &&
    item.priority !== null &&
    item.priority <= s.majorPriority &&
    svc.criticality <= s.majorCriticality
  ) {
    await makeMajor(
      ctx,
      item,
      null,
      `priority ${item.priority} on a service of criticality ${svc.criticality}`,
    );
    major = true;
  }
  if (!opts.burst) return;
  if (svc.n === s.burstCount && !svc.other_major && !major) {
    await notify(
      ctx.tx,
      { roles: ['incident_manager'] },
      'major.possible',
      { count: String(svc.n), service: svc.name, minutes: String(s.burstMinutes) },
      `/work-items?service=${item.serviceId}&open=true`,
    );
  }
}

export async function postMajorUpdate(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  input: { audience: 'internal' | 'customers'; body: string },
) {
  const { item } = await loadForWrite(ctx, who, ref, null);
  if (!item.major) throw problems.conflict(`${item.number} is not a major incident.`);
  const body = sanitiseRichText(input.body);
  if (!body)
    throw problems.validation([{ field: 'body', message: 'is empty once unsafe markup is removed' }]);
  const [u] = await ctx.tx
    .insert(majorUpdates)
    .values({ workItemId: item.id, audience: input.audience, body, authorId: ctx.actor.userId })
    .returning();
  if (!item.final) await scheduleUpdate(ctx.tx, item, (await settingsOf(ctx.tx)).majorUpdateMinutes);
  await ctx.tx.execute(sql`update work_items set updated_at = now() where id = ${item.id}`);
  await ctx.audit({
    action: 'incident.major-update',
    recordType: 'work-item',
    recordId: item.number,
    after: u,
  });
  return { ...u!, audience: input.audience };
}

export async function addChild(ctx: CommandContext, who: Principal, ref: string, child: string) {
  const { item } = await loadForWrite(ctx, who, ref, null);
  if (!item.major) throw problems.conflict(`${item.number} is not a major incident.`);
  const { item: c } = await loadItem(ctx.tx, child, who).catch(() => {
    throw problems.validation([{ field: 'number', message: `incident ${child} does not exist` }]);
  });
  if (c.type !== 'incident') throw problems.validation([{ field: 'number', message: 'must be an incident' }]);
  if (c.major) throw problems.validation([{ field: 'number', message: 'is itself a major incident' }]);
  return addLink(ctx, who, item.number, { to: c.number, kind: 'parent_of' });
}

/** Open children of a major incident, for resolving them with it. */
export async function openChildren(tx: Tx, itemId: string) {
  const res = await tx.execute<{ number: string; version: number }>(sql`
    select c.number, c.version from work_item_links l join work_items c on c.id = l.to_id
     where l.from_id = ${itemId} and l.kind = 'parent_of' and c.type = 'incident' and not c.final
       and c.state <> 'resolved' order by c.number`);
  return res.rows;
}

export async function openReview(tx: Tx, itemId: string) {
  await tx.insert(postIncidentReviews).values({ workItemId: itemId }).onConflictDoNothing();
}

export type ReviewPatch = Partial<{
  summary: string;
  rootCause: string;
  wentWell: string;
  improvements: string;
  rootCauseKnown: boolean | null;
}> & {
  complete?: boolean;
};

export async function updateReview(
  ctx: CommandContext,
  who: Principal,
  ref: string,
  expected: number,
  patch: ReviewPatch,
) {
  const { item } = await loadForWrite(ctx, who, ref, null);
  const [before] = await ctx.tx
    .select()
    .from(postIncidentReviews)
    .where(eq(postIncidentReviews.workItemId, item.id))
    .for('update');
  if (!before) throw problems.notFound(`The post-incident review of ${item.number}`);
  checkVersion(expected, before.version);
  if (before.state === 'completed') throw problems.conflict('This review is completed.');
  const { complete, ...text } = patch;
  const merged = { ...before, ...text };
  if (complete) {
    const missing = (['summary', 'rootCause', 'improvements'] as const).filter((f) => !merged[f].trim());
    const errors: FieldError[] = missing.map((field) => ({
      field,
      message: 'is required to complete the review',
    }));
    // whether the cause was found decides whether problem management takes over: the review must say
    if (merged.rootCauseKnown === null || merged.rootCauseKnown === undefined)
      errors.push({
        field: 'rootCauseKnown',
        message: 'say whether the review found the root cause to complete it',
      });
    if (errors.length) throw problems.validation(errors);
  }
  const [after] = await ctx.tx
    .update(postIncidentReviews)
    .set({
      ...text,
      ...(complete ? { state: 'completed', completedBy: ctx.actor.userId, completedAt: new Date() } : {}),
      updatedAt: new Date(),
      version: before.version + 1,
    })
    .where(eq(postIncidentReviews.workItemId, item.id))
    .returning();
  // a root cause the review could not find is a problem to investigate
  if (complete && after!.rootCauseKnown === false)
    await enqueueJob(
      ctx.tx,
      PROBLEM_FROM_REVIEW_JOB,
      { workItemId: item.id },
      { uniqueKey: `${PROBLEM_FROM_REVIEW_JOB}:${item.id}` },
    );
  await ctx.audit({
    action: 'incident.review-updated',
    recordType: 'work-item',
    recordId: item.number,
    before,
    after,
  });
  return after!;
}

/** An update is due and none was posted since: the owner (or the incident managers) hear of it. */
export const majorJobs: Record<string, JobHandler> = {
  [MAJOR_UPDATE_JOB]: async (job, tx) => {
    const { workItemId, due } = job.payload as { workItemId: string; due: string };
    const res = await tx.execute<{
      number: string;
      final: boolean;
      state: string;
      next_update_due: Date | null;
      major_owner_id: string | null;
    }>(sql`
      select w.number, w.final, w.state, i.next_update_due, i.major_owner_id
        from work_items w join incidents i on i.work_item_id = w.id where w.id = ${workItemId} and w.major`);
    const r = res.rows[0];
    if (
      !r ||
      r.final ||
      r.state === 'resolved' ||
      !r.next_update_due ||
      isoTimestamp(r.next_update_due) !== due
    )
      return;
    await notify(
      tx,
      r.major_owner_id ? { userIds: [r.major_owner_id] } : { roles: ['incident_manager'] },
      'major.update_due',
      { number: r.number },
      `/work-items/${r.number}`,
    );
    await contextFor(tx, systemActor('major-incidents')).audit({
      action: 'incident.major-update-overdue',
      recordType: 'work-item',
      recordId: r.number,
      after: { due },
    });
  },
};

/** Resolved: no more updates are due; the review takes over. */
export async function stopUpdates(tx: Tx, itemId: string) {
  await tx.update(incidents).set({ nextUpdateDue: null }).where(eq(incidents.workItemId, itemId));
  await tx.execute(sql`delete from jobs where state = 'queued' and unique_key = ${updateKey(itemId)}`);
}
