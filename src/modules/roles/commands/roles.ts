import { eq, sql } from 'drizzle-orm';
import { mustHold } from '../../../kernel/access/actor.ts';
import { externalRoles, isRole } from '../../../kernel/access/roles.ts';
import type { Principal } from '../../../kernel/auth/principal.ts';
import type { Queryable } from '../../../kernel/db/database.ts';
import type { Actor, CommandContext } from '../../../kernel/db/tx.ts';
import { checkVersion } from '../../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../../kernel/http/problem.ts';
import { kpiKeys } from '../../objectives/index.ts';
import { canServe, mayGrantAccess, mayKeepRoles } from '../policy.ts';
import { peopleByIds, processFor, roleFor } from '../queries.ts';
import { appointments, smsProcesses, smsRoles } from '../schema.ts';
import type { ProcessInput, ProcessPatch, RoleInput, RolePatch } from '../shapes.ts';
import { syncAppointedRoles } from './appointments.ts';

const keyPattern = /^[a-z0-9][a-z0-9_-]{1,39}$/;
const keyMessage = 'must be 2–40 lower-case letters, digits, dashes or underscores (e.g. change-manager)';
const tidy = (list: readonly string[] | undefined) => [
  ...new Set((list ?? []).map((x) => x.trim()).filter(Boolean)),
];

async function taken(tx: Queryable, table: 'sms_roles' | 'sms_processes', key: string, self?: string) {
  const res = await tx.execute(
    sql`select 1 from ${sql.identifier(table)} where lower(key) = lower(${key}) ${self ? sql`and id <> ${self}` : sql``}`,
  );
  return res.rows.length > 0;
}

/**
 * Changing what a role gives is access control: a role that gives (or gave) an access role is changed only by
 * those who may grant it, and the administrator role only by an administrator.
 */
const mayGrant = (who: Principal, accessRole: string | null | undefined) =>
  mayGrantAccess(who.roles, accessRole);

async function checkRole(tx: Queryable, r: RoleInput, self?: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!keyPattern.test(r.key)) errors.push({ field: 'key', message: keyMessage });
  else if (await taken(tx, 'sms_roles', r.key, self))
    errors.push({ field: 'key', message: 'is already in use' });
  if (r.accessRole && (!isRole(r.accessRole) || externalRoles.includes(r.accessRole)))
    errors.push({ field: 'accessRole', message: 'must be one of Keel’s staff or auditor access roles' });
  if (r.processKey) {
    const p = await tx.execute(sql`select 1 from sms_processes where lower(key) = lower(${r.processKey})`);
    if (!p.rows.length) errors.push({ field: 'processKey', message: 'is not in the process register' });
  }
  return errors;
}

const roleValues = (r: RoleInput) => ({
  key: r.key,
  name: r.name.trim(),
  description: r.description?.trim() ?? '',
  responsibilities: tidy(r.responsibilities),
  authorities: tidy(r.authorities),
  competences: tidy(r.competences),
  accessRole: r.accessRole ?? null,
  processKey: r.processKey ?? null,
  needsDeputy: r.needsDeputy ?? true,
  retired: r.retired ?? false,
});

/** Keeping the catalogue and the register is the keepers'; Keel itself (the demo, the CLI) is not asked. */
function mustKeep(who: Principal | Actor) {
  mustHold(
    who,
    mayKeepRoles,
    'Only top management, process owners or administrators keep roles and processes.',
  );
}

export async function createRole(ctx: CommandContext, who: Principal, input: RoleInput) {
  mustKeep(who);
  const errors = await checkRole(ctx.tx, input);
  if (errors.length) throw problems.validation(errors);
  if (!mayGrant(who, input.accessRole))
    throw problems.forbidden(
      `Only top management or an administrator may create a role that gives ${input.accessRole}.`,
    );
  const [row] = await ctx.tx.insert(smsRoles).values(roleValues(input)).returning();
  await ctx.audit({ action: 'role.created', recordType: 'role', recordId: row!.key, after: row });
  return row!;
}

/** Changes a role; when what it gives changes, its holders' access follows at once. */
export async function updateRole(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  patch: RolePatch,
) {
  mustKeep(who);
  const before = await roleFor(ctx.tx, id, true);
  checkVersion(expected, before.version);
  const merged = { ...before, ...patch, key: before.key } as RoleInput;
  const errors = await checkRole(ctx.tx, merged, id);
  if (errors.length) throw problems.validation(errors);
  const accessChanges = merged.accessRole !== before.accessRole || !!merged.retired !== before.retired;
  if (accessChanges && !(mayGrant(who, before.accessRole) && mayGrant(who, merged.accessRole)))
    throw problems.forbidden('Only top management or an administrator may change the access a role gives.');
  const [after] = await ctx.tx
    .update(smsRoles)
    .set({ ...roleValues(merged), updatedAt: new Date(), version: before.version + 1 })
    .where(eq(smsRoles.id, id))
    .returning();
  await ctx.audit({ action: 'role.updated', recordType: 'role', recordId: before.key, before, after });
  if (accessChanges) {
    const holders = await ctx.tx
      .select({ userId: appointments.userId, deputyId: appointments.deputyId })
      .from(appointments)
      .where(eq(appointments.roleId, id));
    await syncAppointedRoles(
      ctx.tx,
      holders.flatMap((h) => [h.userId, h.deputyId]),
    );
  }
  return after!;
}

async function checkProcess(tx: Queryable, p: ProcessInput, self?: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!keyPattern.test(p.key)) errors.push({ field: 'key', message: keyMessage });
  else if (await taken(tx, 'sms_processes', p.key, self))
    errors.push({ field: 'key', message: 'is already in use' });
  if (p.ownerId) {
    const owner = (await peopleByIds(tx, [p.ownerId])).get(p.ownerId);
    if (!canServe(owner)) errors.push({ field: 'ownerId', message: 'must be an active member of the staff' });
  }
  const unknownKpis = (p.kpis ?? []).filter((k) => !(kpiKeys as readonly string[]).includes(k));
  if (unknownKpis.length)
    errors.push({
      field: 'kpis',
      message: `unknown KPI(s) ${unknownKpis.join(', ')}; known: ${kpiKeys.join(', ')}`,
    });
  const raci = p.raci ?? [];
  if (raci.length) {
    const keys = await tx.execute<{ key: string }>(sql`select key from sms_roles`);
    const known = new Set(keys.rows.map((r) => r.key));
    raci.forEach((row, i) => {
      if (!row.activity.trim()) errors.push({ field: `raci.${i}.activity`, message: 'is required' });
      const cells = Object.entries(row.cells);
      const stray = cells.filter(([k]) => !known.has(k)).map(([k]) => k);
      if (stray.length)
        errors.push({ field: `raci.${i}.cells`, message: `no roles ${stray.join(', ')} in the catalogue` });
      const accountable = cells.filter(([, v]) => v === 'A').length;
      if (accountable !== 1)
        errors.push({ field: `raci.${i}.cells`, message: 'name exactly one role Accountable (A)' });
    });
  }
  return errors;
}

const processValues = (p: ProcessInput) => ({
  key: p.key,
  name: p.name.trim(),
  description: p.description?.trim() ?? '',
  ownerId: p.ownerId ?? null,
  kpis: tidy(p.kpis),
  criteria: p.criteria?.trim() ?? '',
  raci: (p.raci ?? []).map((r) => ({ activity: r.activity.trim(), cells: r.cells })),
});

export async function createProcess(ctx: CommandContext, input: ProcessInput) {
  mustKeep(ctx.actor);
  const errors = await checkProcess(ctx.tx, input);
  if (errors.length) throw problems.validation(errors);
  const [row] = await ctx.tx.insert(smsProcesses).values(processValues(input)).returning();
  await ctx.audit({ action: 'process.created', recordType: 'process', recordId: row!.key, after: row });
  return row!;
}

export async function updateProcess(ctx: CommandContext, id: string, expected: number, patch: ProcessPatch) {
  mustKeep(ctx.actor);
  const before = await processFor(ctx.tx, id, true);
  checkVersion(expected, before.version);
  const merged = { ...before, ...patch, key: before.key } as ProcessInput;
  const errors = await checkProcess(ctx.tx, merged, id);
  if (errors.length) throw problems.validation(errors);
  const [after] = await ctx.tx
    .update(smsProcesses)
    .set({ ...processValues(merged), updatedAt: new Date(), version: before.version + 1 })
    .where(eq(smsProcesses.id, id))
    .returning();
  await ctx.audit({ action: 'process.updated', recordType: 'process', recordId: before.key, before, after });
  return after!;
}
