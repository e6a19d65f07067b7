import { eq, sql } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth/principal.ts';
import { isDay, onTheDay } from '../../kernel/days.ts';
import type { Queryable, Tx } from '../../kernel/db/database.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { enqueueJob } from '../../kernel/jobs/queue.ts';
import type { Job } from '../../kernel/jobs/worker.ts';
import { notify } from '../../kernel/notify/notify.ts';
import { tickAction } from '../../kernel/records/actions.ts';
import { transitionTo } from '../../kernel/records/lifecycle.ts';
import { canServe, peopleByIds } from '../roles/index.ts';
import { reviewedStatuses, riskLifecycle } from './lifecycle.ts';
import {
  mayAcceptAboveLevel,
  mayEditRisk,
  mayRecordRisks,
  maySetRiskCriteria,
  mayTickRiskAction,
  score,
  treatmentsFor,
} from './policy.ts';
import { criteriaOf, type Risk, riskFor, shownCriteria } from './queries.ts';
import { riskActions, riskCriteria, risks } from './schema.ts';
import type { Criteria, RiskActionInput, RiskInput, RiskPatch } from './shapes.ts';

/**
 * Top management sets how risks are scored and what is acceptable (the route admits only them). The row is
 * locked before its version is checked, so of two writers who read the same version one wins and the other is
 * told the criteria changed (412); the very first setting is an insert that a second one cannot repeat.
 */
export async function setCriteria(ctx: CommandContext, who: Principal, expected: number, input: Criteria) {
  if (!maySetRiskCriteria(who)) throw problems.forbidden('Only top management sets the risk criteria.');
  const [locked] = await ctx.tx.select().from(riskCriteria).where(eq(riskCriteria.id, 1)).for('update');
  const before = shownCriteria(locked);
  checkVersion(expected, before.version);
  const errors: FieldError[] = [];
  if (input.likelihood.length !== 5 || input.likelihood.some((l) => !l.trim()))
    errors.push({ field: 'likelihood', message: 'name the five levels, lowest first' });
  if (input.impact.length !== 5 || input.impact.some((l) => !l.trim()))
    errors.push({ field: 'impact', message: 'name the five levels, lowest first' });
  if (errors.length) throw problems.validation(errors);
  const row = { id: 1, ...input, setBy: who.userId, setAt: new Date(), version: before.version + 1 };
  if (locked) await ctx.tx.update(riskCriteria).set(row).where(eq(riskCriteria.id, 1));
  else {
    // no row to lock yet: a writer who read "none set" while another set them finds the row there
    const inserted = await ctx.tx.insert(riskCriteria).values(row).onConflictDoNothing().returning();
    if (!inserted.length) throw problems.stale();
  }
  await ctx.audit({
    action: 'risk.criteria_set',
    recordType: 'risk-criteria',
    recordId: '1',
    before,
    after: row,
  });
  return row;
}

async function check(tx: Queryable, r: RiskInput): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!treatmentsFor[r.kind].includes(r.treatment))
    errors.push({ field: 'treatment', message: `for a ${r.kind}: ${treatmentsFor[r.kind].join(', ')}` });
  if (
    r.kind === 'risk' &&
    score(r.residualLikelihood, r.residualImpact) > score(r.inherentLikelihood, r.inherentImpact)
  )
    errors.push({ field: 'residualLikelihood', message: 'treatment cannot make a risk worse than it was' });
  const owner = await tx.execute(sql`select 1 from users where id = ${r.ownerId} and active`);
  if (!owner.rows.length) errors.push({ field: 'ownerId', message: 'must be an active person' });
  const known = async (table: 'services' | 'cis', ids: string[]) => {
    if (!ids.length) return [];
    const found = await tx.execute<{ id: string }>(
      sql`select id from ${sql.identifier(table)} where id = any(${sql.param(ids)}::uuid[])`,
    );
    const have = new Set(found.rows.map((x) => x.id));
    return ids.filter((x) => !have.has(x));
  };
  const ms = await known('services', r.serviceIds ?? []);
  if (ms.length) errors.push({ field: 'serviceIds', message: `no services ${ms.join(', ')}` });
  const mc = await known('cis', r.ciIds ?? []);
  if (mc.length) errors.push({ field: 'ciIds', message: `no CIs ${mc.join(', ')}` });
  if (!isDay(r.reviewDue)) errors.push({ field: 'reviewDue', message: 'must be a date (YYYY-MM-DD)' });
  return errors;
}

/**
 * Accepting a risk whose residual score is above the acceptable level is top management's decision: it is
 * recorded with who and when; anyone else is refused. Below the level, accepting needs no one's word.
 */
async function acceptance(tx: Queryable, who: Principal, r: RiskInput, before?: Risk) {
  const { acceptable } = await criteriaOf(tx);
  const above =
    r.kind === 'risk' &&
    r.treatment === 'accept' &&
    score(r.residualLikelihood, r.residualImpact) > acceptable;
  if (!above) return { acceptedBy: null, acceptedAt: null };
  const same =
    before?.acceptedBy &&
    before.treatment === 'accept' &&
    score(before.residualLikelihood, before.residualImpact) >= score(r.residualLikelihood, r.residualImpact);
  if (same) return { acceptedBy: before.acceptedBy, acceptedAt: before.acceptedAt };
  if (!mayAcceptAboveLevel(who))
    throw problems.validation([
      {
        field: 'treatment',
        message: `a residual score above ${acceptable} is accepted only by top management; reduce, avoid or transfer it`,
      },
    ]);
  return { acceptedBy: who.userId, acceptedAt: new Date() };
}

export async function createRisk(ctx: CommandContext, who: Principal, input: RiskInput) {
  if (!mayRecordRisks(who)) throw problems.forbidden('Risks are recorded by the staff of the provider.');
  const errors = await check(ctx.tx, input);
  if (errors.length) throw problems.validation(errors);
  const accepted = await acceptance(ctx.tx, who, input);
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext('keel-risk-codes'))`);
  const prefix = input.kind === 'risk' ? 'RSK' : 'OPP';
  const n = await ctx.tx.execute<{ n: number }>(
    sql`select count(*)::int + 1 as n from risks where kind = ${input.kind}`,
  );
  const [row] = await ctx.tx
    .insert(risks)
    .values({
      ...input,
      ...accepted,
      code: `${prefix}-${String(n.rows[0]!.n).padStart(3, '0')}`,
      title: input.title.trim(),
    })
    .returning();
  await ctx.audit({ action: 'risk.created', recordType: 'risk', recordId: row!.code, after: row });
  await scheduleReview(ctx.tx, row!);
  return row!;
}

export async function updateRisk(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  patch: RiskPatch,
) {
  const before = await riskFor(ctx.tx, id, true);
  checkVersion(expected, before.version);
  mayKeepRisk(who, before);
  if (
    patch.status &&
    patch.status !== before.status &&
    !transitionTo(riskLifecycle, before.status, patch.status)
  )
    throw problems.conflict(`${before.code} is ${before.status}: it cannot become ${patch.status}.`);
  const merged = { ...before, ...patch } as RiskInput;
  const errors = await check(ctx.tx, merged);
  if (errors.length) throw problems.validation(errors);
  const accepted = await acceptance(ctx.tx, who, merged, before);
  const [after] = await ctx.tx
    .update(risks)
    .set({
      ...patch,
      ...accepted,
      updatedAt: new Date(),
      version: before.version + 1,
    })
    .where(eq(risks.id, id))
    .returning();
  await ctx.audit({ action: 'risk.updated', recordType: 'risk', recordId: before.code, before, after });
  await scheduleReview(ctx.tx, after!);
  return after!;
}

/** Only a risk's owner, a process owner or top management change it or plan its treatment. */
function mayKeepRisk(who: Principal, r: Risk) {
  if (!mayEditRisk(who, r))
    throw problems.forbidden(`Only the owner of ${r.code}, a process owner or top management may change it.`);
}

export async function addRiskAction(ctx: CommandContext, who: Principal, id: string, input: RiskActionInput) {
  const r = await riskFor(ctx.tx, id);
  mayKeepRisk(who, r);
  if (input.responsibleId) {
    const p = (await peopleByIds(ctx.tx, [input.responsibleId])).get(input.responsibleId);
    if (!canServe(p))
      throw problems.validation([
        { field: 'responsibleId', message: 'must be an active member of the staff' },
      ]);
  }
  const [row] = await ctx.tx
    .insert(riskActions)
    .values({
      riskId: id,
      title: input.title.trim(),
      responsibleId: input.responsibleId ?? null,
      due: input.due ?? null,
    })
    .returning();
  await ctx.audit({ action: 'risk.action_added', recordType: 'risk', recordId: r.code, after: row });
  return row!;
}

/** Ticks a treatment action off (or opens it again): its responsible person, or whoever keeps the risk. */
export async function setRiskActionDone(
  ctx: CommandContext,
  who: Principal,
  id: string,
  actionId: string,
  done: boolean,
) {
  const r = await riskFor(ctx.tx, id);
  const [a] = await ctx.tx.select().from(riskActions).where(eq(riskActions.id, actionId));
  if (!a || a.riskId !== id) throw problems.notFound(`Action ${actionId}`);
  if (!mayTickRiskAction(who, r, a))
    throw problems.forbidden(`Only the owner of ${r.code}, a process owner or top management may change it.`);
  // ticking off what is done (or opening what is open) again changes nothing
  if (!tickAction(a, done)) return;
  await ctx.tx
    .update(riskActions)
    .set({ doneAt: done ? new Date() : null })
    .where(eq(riskActions.id, actionId));
  await ctx.audit({
    action: done ? 'risk.action_done' : 'risk.action_reopened',
    recordType: 'risk',
    recordId: r.code,
    after: { actionId },
  });
}

export const REVIEW_JOB = 'risk.review_due';

/**
 * On its review date the owner of an open risk is told (in the morning of that day, UTC); a moved date
 * schedules anew and the old job stays quiet.
 */
async function scheduleReview(tx: Tx, r: Risk) {
  if (!reviewedStatuses.includes(r.status)) return;
  await enqueueJob(
    tx,
    REVIEW_JOB,
    { riskId: r.id, due: r.reviewDue },
    { dueAt: onTheDay(r.reviewDue), uniqueKey: `risk-review:${r.id}:${r.reviewDue}` },
  );
}

async function reviewDue(job: Job, tx: Tx) {
  const { riskId, due } = job.payload as { riskId: string; due: string };
  const [r] = await tx.select().from(risks).where(eq(risks.id, riskId));
  if (!r || !reviewedStatuses.includes(r.status) || r.reviewDue !== due) return;
  await notify(
    tx,
    { userIds: [r.ownerId] },
    'risk.review_due',
    { code: r.code, title: r.title, due },
    `/risks/${r.id}`,
  );
}
export const riskJobs = { [REVIEW_JOB]: reviewDue };
