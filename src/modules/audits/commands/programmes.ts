import { eq, sql } from 'drizzle-orm';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { planTransition } from '../../../kernel/records/lifecycle.ts';
import { canServe, peopleByIds } from '../../roles/index.ts';
import { programmeLifecycle } from '../lifecycle.ts';
import {
  mayApproveProgramme,
  mayCloseProgramme,
  mayEditProgramme,
  mayPlanAudits,
  mayRateProcessRisk,
} from '../policy.ts';
import { type Programme, programmeFor } from '../queries/programmes.ts';
import { processRegister } from '../register.ts';
import { auditProgrammes } from '../schema.ts';
import type { ProcessRiskInput, ProgrammeInput, ProgrammePatch } from '../shapes.ts';

/** The next code of a kind in a year (`PRG-2026-01`, `AUD-2026-03`), drawn under a lock so none repeats. */
export async function nextCode(
  tx: Queryable,
  table: 'audit_programmes' | 'audits',
  prefix: string,
  year: string,
) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`keel-codes:${table}`}))`);
  const like = `${prefix}-${year}-%`;
  const res = await tx.execute<{ n: number }>(sql`
    select coalesce(max(substring(code from ${`^${prefix}-${year}-(\\d+)$`})::int), 0) + 1 as n
      from ${sql.identifier(table)} where code like ${like}`);
  return `${prefix}-${year}-${String(res.rows[0]!.n).padStart(2, '0')}`;
}

async function check(tx: Queryable, p: ProgrammeInput): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (p.cycleEnd < p.cycleStart) errors.push({ field: 'cycleEnd', message: 'must not be before cycleStart' });
  const owner = (await peopleByIds(tx, [p.ownerId])).get(p.ownerId);
  if (!canServe(owner)) errors.push({ field: 'ownerId', message: 'must be an active member of the staff' });
  return errors;
}

/**
 * A programme's audits (cancelled ones aside) start within its cycle, as planning them requires: a cycle
 * changed so that one would fall outside it is refused at the date that excludes it.
 */
async function auditsOutside(tx: Queryable, id: string, p: ProgrammeInput): Promise<FieldError[]> {
  const res = await tx.execute<{ code: string; early: boolean }>(sql`
    select code, planned_start < ${p.cycleStart}::date as early from audits
     where programme_id = ${id} and state <> 'cancelled'
       and (planned_start < ${p.cycleStart}::date or planned_start > ${p.cycleEnd}::date)
     order by code`);
  const codes = (early: boolean) => res.rows.filter((r) => r.early === early).map((r) => r.code);
  const errors: FieldError[] = [];
  if (codes(true).length)
    errors.push({ field: 'cycleStart', message: `audits start before it: ${codes(true).join(', ')}` });
  if (codes(false).length)
    errors.push({ field: 'cycleEnd', message: `audits start after it: ${codes(false).join(', ')}` });
  return errors;
}

export async function createProgramme(ctx: CommandContext, who: Principal, input: ProgrammeInput) {
  if (!mayPlanAudits(who))
    throw problems.forbidden(
      'Audit programmes are planned by internal auditors, process owners and top management.',
    );
  const errors = await check(ctx.tx, input);
  if (errors.length) throw problems.validation(errors);
  const code = await nextCode(ctx.tx, 'audit_programmes', 'PRG', input.cycleStart.slice(0, 4));
  const [row] = await ctx.tx
    .insert(auditProgrammes)
    .values({ ...input, code, title: input.title.trim(), createdBy: who.userId })
    .returning();
  await ctx.audit({
    action: 'audit_programme.created',
    recordType: 'audit-programme',
    recordId: code,
    after: row,
  });
  return row!;
}

export async function updateProgramme(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  patch: ProgrammePatch,
) {
  const before = await programmeFor(ctx.tx, id, true);
  checkVersion(expected, before.version);
  if (!mayEditProgramme(who, before))
    throw problems.forbidden(`Only the planners of audits or the owner of ${before.code} may change it.`);
  if (before.state !== 'draft')
    throw problems.conflict(`${before.code} is ${before.state}: only a draft programme is changed.`);
  const next = { ...before, ...patch } as ProgrammeInput;
  const errors = await check(ctx.tx, next);
  if (!errors.length && (patch.cycleStart || patch.cycleEnd))
    errors.push(...(await auditsOutside(ctx.tx, id, next)));
  if (errors.length) throw problems.validation(errors);
  const [after] = await ctx.tx
    .update(auditProgrammes)
    .set({ ...patch, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(auditProgrammes.id, id))
    .returning();
  await ctx.audit({
    action: 'audit_programme.updated',
    recordType: 'audit-programme',
    recordId: before.code,
    before,
    after,
  });
  return after!;
}

/**
 * The planner rates each process's risk (the whole map is replaced), in a draft or an approved programme:
 * risk changes during a cycle and the audit frequency follows it. Keys must be processes of the register.
 */
export async function rateProcessRisk(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  input: ProcessRiskInput,
) {
  const before = await programmeFor(ctx.tx, id, true);
  checkVersion(expected, before.version);
  if (!mayRateProcessRisk(who, before))
    throw problems.forbidden(
      `Only the planners of audits or the owner of ${before.code} may rate its risks.`,
    );
  if (before.state === 'closed')
    throw problems.conflict(`${before.code} is closed: its risks stay as rated.`);
  const known = new Map((await processRegister(ctx.tx)).map((p) => [p.key.toLowerCase(), p.key]));
  const errors: FieldError[] = [];
  const processRisk: Programme['processRisk'] = {};
  for (const [key, level] of Object.entries(input.processRisk)) {
    const registered = known.get(key.toLowerCase());
    if (!registered)
      errors.push({ field: `processRisk.${key}`, message: 'is not a process of the register' });
    else processRisk[registered] = level;
  }
  if (errors.length) throw problems.validation(errors);
  const [after] = await ctx.tx
    .update(auditProgrammes)
    .set({ processRisk, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(auditProgrammes.id, id))
    .returning();
  await ctx.audit({
    action: 'audit_programme.risk_rated',
    recordType: 'audit-programme',
    recordId: before.code,
    before: { processRisk: before.processRisk, version: before.version },
    after: { processRisk: after!.processRisk, version: after!.version },
  });
  return after!;
}

/**
 * Top management approves a draft programme; its owner (or top management) closes it when its cycle is done,
 * and none of its audits is still planned or in progress.
 */
export async function stepProgramme(
  ctx: CommandContext,
  who: Principal,
  id: string,
  step: 'approve' | 'close',
  note: string,
) {
  const before = await programmeFor(ctx.tx, id, true);
  if (step === 'approve' && !mayApproveProgramme(who))
    throw problems.forbidden('Audit programmes are approved by top management.');
  if (step === 'close' && !mayCloseProgramme(who, before))
    throw problems.forbidden(`${before.code} is closed by its owner or by top management.`);
  const t = planTransition(programmeLifecycle, before, step, who.roles, {});
  if (step === 'close') {
    // a programme is closed on its record of audits done: none of them may still be under way
    const open = await ctx.tx.execute<{ code: string }>(sql`
      select code from audits where programme_id = ${id} and state in ('planned', 'in_progress') order by code`);
    if (open.rows.length)
      throw problems.conflict(
        `${before.code} still has audits planned or in progress: ${open.rows.map((r) => r.code).join(', ')}. Carry them out or cancel them first.`,
      );
  }
  const set: Partial<Programme> =
    step === 'approve' ? { approvedBy: who.userId, approvedAt: new Date() } : {};
  const [after] = await ctx.tx
    .update(auditProgrammes)
    .set({ ...set, state: t.to as Programme['state'], updatedAt: new Date(), version: before.version + 1 })
    .where(eq(auditProgrammes.id, id))
    .returning();
  await ctx.audit({
    action: `audit_programme.${step === 'approve' ? 'approved' : 'closed'}`,
    recordType: 'audit-programme',
    recordId: before.code,
    before,
    after: { ...after, note },
  });
  return after!;
}
