// Past 400 lines: the steps of one lifecycle (write, draft, submit, decide, publish, withdraw, acknowledge,
// remind, the review job) share its checks and the helper that moves and audits a version; apart they would
// have to export them to each other.
import { and, eq, sql } from 'drizzle-orm';
import { holdsAny, internalRoles, isRole, type Role } from '../../kernel/access/roles.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import { addMonthsTo } from '../../kernel/days.ts';
import type { Queryable, Tx } from '../../kernel/db/database.ts';
import { type CommandContext, contextFor, systemActor } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { enqueueJob } from '../../kernel/jobs/queue.ts';
import type { JobHandler } from '../../kernel/jobs/worker.ts';
import { notify } from '../../kernel/notify/notify.ts';
import { sanitiseRichText } from '../../kernel/records/html.ts';
import { editableStates, openStates, type PolicyStep, stepFrom } from './lifecycle.ts';
import {
  approvedByTopOnly,
  approvingRole,
  mayApprovePolicy,
  mayKeepPolicy,
  mayWritePolicies,
  policyApprovers,
  policyWriters,
  topApprovers,
} from './policy.ts';
import { type Policy, type PolicyVersion, policyFor, versionsOf } from './queries.ts';
import {
  type Audience,
  policies,
  policyAcknowledgements,
  policyDecisions,
  policyVersions,
} from './schema.ts';
import type { DecisionInput, DraftInput, PolicyInput, PolicyPatch } from './shapes.ts';

export const REVIEW_JOB = 'policy.review_due';

async function checkPolicy(tx: Queryable, p: PolicyInput, self?: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/.test(p.identifier))
    errors.push({
      field: 'identifier',
      message: 'must be 2–40 letters, digits, dots, dashes (e.g. POL-SM-01)',
    });
  const dup = await tx.execute(
    sql`select 1 from policies where lower(identifier) = lower(${p.identifier}) ${self ? sql`and id <> ${self}` : sql``}`,
  );
  if (dup.rows.length) errors.push({ field: 'identifier', message: 'is already in use' });
  const owner = await tx.execute<{ roles: string[] | null }>(sql`
    select array(select role from user_roles where user_id = u.id) as roles from users u
     where u.id = ${p.ownerId} and u.active`);
  if (!owner.rows[0]) errors.push({ field: 'ownerId', message: 'must be an active person' });
  else if (!holdsAny({ roles: owner.rows[0].roles ?? [] }, policyWriters))
    errors.push({ field: 'ownerId', message: `must hold one of: ${policyWriters.join(', ')}` });
  // approving is a write: only roles on the provider's staff can (not customers, not the read-only auditor)
  const bad = p.approverRoles.filter((r) => !policyApprovers.includes(r as Role));
  if (p.approverRoles.length === 0)
    errors.push({ field: 'approverRoles', message: 'name at least one role' });
  else if (bad.length)
    errors.push({ field: 'approverRoles', message: `not roles that approve: ${bad.join(', ')}` });
  if (approvedByTopOnly(p.kind) && p.approverRoles.join() !== topApprovers.join())
    errors.push({
      field: 'approverRoles',
      message: `the service management ${p.kind === 'plan' ? 'plan' : 'policy'} is approved by top management`,
    });
  if (p.kind === 'plan') {
    const other = await tx.execute(
      sql`select 1 from policies where kind = 'plan' ${self ? sql`and id <> ${self}` : sql``}`,
    );
    if (other.rows.length)
      errors.push({ field: 'kind', message: 'there is one service management plan; give it a new version' });
  }
  const a = p.audience;
  const badRoles = a.roles.filter((r) => !isRole(r));
  if (badRoles.length)
    errors.push({ field: 'audience.roles', message: `unknown roles: ${badRoles.join(', ')}` });
  if (a.groupIds.length) {
    const g = await tx.execute<{ id: string }>(
      sql`select id from groups where id = any(${sql.param(a.groupIds)}::uuid[])`,
    );
    const known = new Set(g.rows.map((x) => x.id));
    const missing = a.groupIds.filter((x) => !known.has(x));
    if (missing.length)
      errors.push({ field: 'audience.groupIds', message: `no groups ${missing.join(', ')}` });
  }
  if (!a.everyone && !a.customers && !a.suppliers && a.roles.length === 0 && a.groupIds.length === 0)
    errors.push({ field: 'audience', message: 'name who the policy is for' });
  return errors;
}

/**
 * The people a policy is for: active people in its audience; everyone means everyone inside the provider,
 * customers' users and suppliers' contacts only where it says so.
 */
export function audienceSql(a: Audience) {
  return sql`
    select u.id from users u
     where u.active and (
       (${a.everyone} and exists (select 1 from user_roles r where r.user_id = u.id and r.role = any(${sql.param([...internalRoles])}::text[])))
       or (${a.customers} and exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'customer'))
       or (${a.suppliers === true} and exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'supplier'))
       or exists (select 1 from user_roles r where r.user_id = u.id and r.role = any(${sql.param(a.roles)}::text[]))
       or exists (select 1 from group_members m where m.user_id = u.id and m.group_id = any(${sql.param(a.groupIds)}::uuid[])))`;
}

const openVersion = (vs: PolicyVersion[]) => vs.find((v) => openStates.includes(v.state));
const publishedVersion = (vs: PolicyVersion[]) => vs.find((v) => v.state === 'published');

function mayKeep(who: Principal, p: Policy) {
  if (!mayKeepPolicy(who, p))
    throw problems.forbidden(`Only the owner of ${p.identifier} (or top management) may change it.`);
}

export async function createPolicy(ctx: CommandContext, who: Principal, input: PolicyInput) {
  if (!mayWritePolicies(who))
    throw problems.forbidden(`Policies are written by: ${policyWriters.join(', ')}.`);
  const errors = await checkPolicy(ctx.tx, input);
  if (errors.length) throw problems.validation(errors);
  const [p] = await ctx.tx
    .insert(policies)
    .values({
      identifier: input.identifier.trim(),
      title: input.title.trim(),
      kind: input.kind,
      process: input.process ?? null,
      ownerId: input.ownerId,
      reviewMonths: input.reviewMonths ?? 12,
      approverRoles: input.approverRoles,
      audience: input.audience,
      language: input.language ?? who.language,
    })
    .returning();
  const [first] = await ctx.tx
    .insert(policyVersions)
    .values({ policyId: p!.id, number: 1, body: sanitiseRichText(input.body ?? ''), authorId: who.userId })
    .returning();
  await ctx.audit({
    action: 'policy.created',
    recordType: 'policy',
    recordId: p!.identifier,
    after: { ...p!, versions: [first!] },
  });
  return p!;
}

export async function updatePolicy(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  patch: PolicyPatch,
) {
  const before = await policyFor(ctx.tx, id, true);
  mayKeep(who, before);
  checkVersion(expected, before.version);
  const merged = { ...before, ...patch } as PolicyInput;
  const errors = await checkPolicy(ctx.tx, merged, id);
  if (errors.length) throw problems.validation(errors);
  const [after] = await ctx.tx
    .update(policies)
    .set({ ...patch, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(policies.id, id))
    .returning();
  await ctx.audit({
    action: 'policy.updated',
    recordType: 'policy',
    recordId: before.identifier,
    before,
    after,
  });
  return after!;
}

/**
 * Changes the text of the draft; a version in review or later keeps the text it was decided on. The plan keeps
 * its author's own text per section (`notes`) with the version, to assemble the next one from.
 */
export async function saveDraft(
  ctx: CommandContext,
  who: Principal,
  id: string,
  input: DraftInput,
  notes?: Record<string, string>,
) {
  const p = await policyFor(ctx.tx, id, true);
  mayKeep(who, p);
  const draft = openVersion(await versionsOf(ctx.tx, id));
  if (!draft || !editableStates.includes(draft.state))
    throw problems.conflict(`${p.identifier} has no draft to change; start a new version first.`);
  const [after] = await ctx.tx
    .update(policyVersions)
    // whoever last wrote the text is its author, and so may not approve it
    .set({
      body: sanitiseRichText(input.body),
      changeNote: input.changeNote?.trim() ?? draft.changeNote,
      authorId: who.userId,
      ...(notes ? { notes } : {}),
    })
    .where(eq(policyVersions.id, draft.id))
    .returning();
  await ctx.audit({
    action: 'policy.draft_saved',
    recordType: 'policy',
    recordId: `${p.identifier} v${draft.number}`,
    before: { body: draft.body, changeNote: draft.changeNote },
    after: { body: after!.body, changeNote: after!.changeNote },
  });
  return after!;
}

/** Starts the next version as a draft from the text in force. */
export async function newDraft(ctx: CommandContext, who: Principal, id: string) {
  const p = await policyFor(ctx.tx, id, true);
  mayKeep(who, p);
  const vs = await versionsOf(ctx.tx, id);
  const open = openVersion(vs);
  if (open) throw problems.conflict(`${p.identifier} version ${open.number} is still ${open.state}.`);
  const from = publishedVersion(vs) ?? vs.at(-1)!;
  const [v] = await ctx.tx
    .insert(policyVersions)
    .values({ policyId: id, number: vs.at(-1)!.number + 1, body: from.body, authorId: who.userId })
    .returning();
  await ctx.audit({
    action: 'policy.version_started',
    recordType: 'policy',
    recordId: `${p.identifier} v${v!.number}`,
    after: v,
  });
  return v!;
}

const params = (p: Policy, v: PolicyVersion, extra: Record<string, string> = {}) => ({
  identifier: p.identifier,
  title: p.title,
  version: String(v.number),
  ...extra,
});
const link = (p: Policy) => `/policies/${p.id}`;

/** Sends the draft to the approvers. */
export async function submitPolicy(ctx: CommandContext, who: Principal, id: string) {
  const p = await policyFor(ctx.tx, id, true);
  mayKeep(who, p);
  const v = openVersion(await versionsOf(ctx.tx, id));
  if (!v || !stepFrom(v.state, 'submit')) throw problems.conflict(`${p.identifier} has no draft to submit.`);
  if (!v.body.trim())
    throw problems.validation([{ field: 'body', message: 'a policy without text cannot be approved' }]);
  await takeStep(ctx, p, v, 'submit', { submittedAt: new Date() });
  await notify(ctx.tx, { roles: p.approverRoles as Role[] }, 'policy.review_needed', params(p, v), link(p));
}

/** An approver's decision on the version in review: approved, or back to draft with the reason. */
export async function decidePolicy(ctx: CommandContext, who: Principal, id: string, input: DecisionInput) {
  const p = await policyFor(ctx.tx, id, true);
  const role = approvingRole(who, p);
  if (!role)
    throw problems.forbidden(
      `${p.identifier} is approved by: ${p.approverRoles.join(', ')}. You hold none of these.`,
    );
  const v = openVersion(await versionsOf(ctx.tx, id));
  if (!v || !stepFrom(v.state, input.approved ? 'approve' : 'reject'))
    throw problems.conflict(`${p.identifier} has no version in review.`);
  if (!mayApprovePolicy(who, p, v)) throw problems.forbidden('The author of a version does not approve it.');
  const comment = input.comment?.trim() ?? '';
  if (!input.approved && !comment)
    throw problems.validation([{ field: 'comment', message: 'say why the version goes back' }]);
  const [d] = await ctx.tx
    .insert(policyDecisions)
    .values({ versionId: v.id, deciderId: who.userId, role, approved: input.approved, comment })
    .returning();
  await ctx.audit({
    action: input.approved ? 'policy.approved' : 'policy.rejected',
    recordType: 'policy',
    recordId: `${p.identifier} v${v.number}`,
    after: d,
  });
  await takeStep(ctx, p, v, input.approved ? 'approve' : 'reject');
  await notify(
    ctx.tx,
    { userIds: [p.ownerId, v.authorId] },
    input.approved ? 'policy.approved' : 'policy.rejected',
    params(p, v, { comment }),
    link(p),
  );
}

/**
 * Puts the approved version in force: the one before is superseded, the audience is notified and asked to
 * acknowledge (open requests for older versions close), and the review falls due after the interval.
 */
export async function publishPolicy(ctx: CommandContext, who: Principal, id: string) {
  const p = await policyFor(ctx.tx, id, true);
  mayKeep(who, p);
  const vs = await versionsOf(ctx.tx, id);
  const v = openVersion(vs);
  if (!v || !stepFrom(v.state, 'publish'))
    throw problems.conflict(`${p.identifier} has no approved version to publish.`);
  const before = publishedVersion(vs);
  if (before) await endVersion(ctx, p, before, 'supersede');
  const now = new Date();
  // 31 January + 1 month is the end of February, not 3 March (the clamping communication plans use too)
  const reviewDue = addMonthsTo(now, p.reviewMonths);
  await takeStep(ctx, p, v, 'publish', {
    publishedAt: now,
    publishedBy: who.userId,
    reviewDue,
    audience: p.audience,
  });
  const asked = await ctx.tx.execute<{ id: string }>(sql`
    insert into policy_acknowledgements (version_id, user_id)
    select ${v.id}, a.id from (${audienceSql(p.audience)}) a
    returning user_id as id`);
  await notify(ctx.tx, { userIds: asked.rows.map((r) => r.id) }, 'policy.published', params(p, v), link(p));
  await enqueueJob(
    ctx.tx,
    REVIEW_JOB,
    { versionId: v.id },
    { dueAt: reviewDue, uniqueKey: `policy-review:${v.id}` },
  );
  return asked.rows.length;
}

/** Takes the published version out of force without a successor. */
export async function withdrawPolicy(ctx: CommandContext, who: Principal, id: string, reason: string) {
  const p = await policyFor(ctx.tx, id, true);
  mayKeep(who, p);
  const v = publishedVersion(await versionsOf(ctx.tx, id));
  if (!v || !stepFrom(v.state, 'withdraw'))
    throw problems.conflict(`${p.identifier} has no published version.`);
  if (!reason.trim()) throw problems.validation([{ field: 'reason', message: 'say why it is withdrawn' }]);
  await endVersion(ctx, p, v, 'withdraw', reason.trim());
}

async function endVersion(
  ctx: CommandContext,
  p: Policy,
  v: PolicyVersion,
  step: 'supersede' | 'withdraw',
  reason?: string,
) {
  await takeStep(ctx, p, v, step, { endedAt: new Date() }, reason);
  await ctx.tx
    .update(policyAcknowledgements)
    .set({ closedAt: new Date() })
    .where(
      and(
        eq(policyAcknowledgements.versionId, v.id),
        sql`${policyAcknowledgements.acknowledgedAt} is null and ${policyAcknowledgements.closedAt} is null`,
      ),
    );
}

/** Moves a version by a step of its lifecycle (lifecycle.ts), refusing one it does not allow from its state. */
async function takeStep(
  ctx: CommandContext,
  p: Policy,
  v: PolicyVersion,
  step: PolicyStep,
  extra: Partial<PolicyVersion> = {},
  reason?: string,
) {
  const to = stepFrom(v.state, step);
  if (!to)
    throw problems.conflict(`Version ${v.number} of ${p.identifier} is ${v.state}: it cannot ${step}.`);
  await ctx.tx
    .update(policyVersions)
    .set({ state: to, ...extra })
    .where(eq(policyVersions.id, v.id));
  await ctx.tx.update(policies).set({ updatedAt: new Date() }).where(eq(policies.id, p.id));
  await ctx.audit({
    action: `policy.version.${to}`,
    recordType: 'policy',
    recordId: `${p.identifier} v${v.number}`,
    before: { state: v.state },
    after: { state: to, ...(reason ? { reason } : {}) },
  });
}

/** A reader confirms having read the version in force. */
export async function acknowledgePolicy(ctx: CommandContext, who: Principal, id: string) {
  const p = await policyFor(ctx.tx, id);
  const v = publishedVersion(await versionsOf(ctx.tx, id));
  const res = v
    ? await ctx.tx
        .update(policyAcknowledgements)
        .set({ acknowledgedAt: sql`coalesce(${policyAcknowledgements.acknowledgedAt}, now())` })
        .where(and(eq(policyAcknowledgements.versionId, v.id), eq(policyAcknowledgements.userId, who.userId)))
        .returning()
    : [];
  // not addressed to this person: for them the policy in force does not exist
  if (!v || res.length === 0) throw problems.notFound(`Policy ${p.id}`);
  await ctx.audit({
    action: 'policy.acknowledged',
    recordType: 'policy',
    recordId: `${p.identifier} v${v.number}`,
    after: res[0],
  });
  return res[0]!;
}

/** Reminds everyone who has not yet acknowledged the version in force; returns how many. */
export async function remindReaders(ctx: CommandContext, who: Principal, id: string) {
  const p = await policyFor(ctx.tx, id);
  mayKeep(who, p);
  const v = publishedVersion(await versionsOf(ctx.tx, id));
  if (!v) throw problems.conflict(`${p.identifier} has no published version.`);
  const open = await ctx.tx
    .update(policyAcknowledgements)
    .set({ remindedAt: new Date() })
    .where(
      and(
        eq(policyAcknowledgements.versionId, v.id),
        sql`${policyAcknowledgements.acknowledgedAt} is null and ${policyAcknowledgements.closedAt} is null`,
      ),
    )
    .returning({ userId: policyAcknowledgements.userId });
  await notify(ctx.tx, { userIds: open.map((o) => o.userId) }, 'policy.reminder', params(p, v), link(p));
  await ctx.audit({
    action: 'policy.reminded',
    recordType: 'policy',
    recordId: `${p.identifier} v${v.number}`,
    after: { reminded: open.length },
  });
  return open.length;
}

/** On the review date: if the version is still in force, its owner is told to review it. */
const reviewDue: JobHandler = async (job, tx: Tx) => {
  const { versionId } = job.payload as { versionId: string };
  const [v] = await tx.select().from(policyVersions).where(eq(policyVersions.id, versionId));
  if (v?.state !== 'published') return;
  const p = await policyFor(tx, v.policyId);
  const ctx = contextFor(tx, systemActor('policy review'));
  await notify(
    ctx.tx,
    { userIds: [p.ownerId] },
    'policy.review_due',
    params(p, v, { published: v.publishedAt!.toISOString().slice(0, 10) }),
    link(p),
  );
};

export const policyJobs = { [REVIEW_JOB]: reviewDue };
