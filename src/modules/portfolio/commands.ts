import { eq, sql } from 'drizzle-orm';
import { mustHold } from '../../kernel/access/actor.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { canMoveService, ciStatusOfService, createCi, type ServiceStatus, updateCi } from '../cmdb/index.ts';
import { mayEditService, portfolioEditors } from './policy.ts';
import { serviceCustomers, services } from './schema.ts';
import type { CatalogueText, ServiceInput, ServicePatch } from './shapes.ts';

export type ServiceRow = typeof services.$inferSelect;

export async function loadService(tx: Queryable, id: string, forUpdate = false): Promise<ServiceRow | null> {
  const q = tx.select().from(services).where(eq(services.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

async function checkCustomers(ctx: CommandContext, ids: string[]): Promise<FieldError[]> {
  if (ids.length === 0) return [];
  const found = await ctx.tx.execute<{ id: string }>(
    sql`select id from customers where id = any(${sql.param(ids)}::uuid[])`,
  );
  const known = new Set(found.rows.map((r) => r.id));
  return ids.filter((i) => !known.has(i)).map((i) => ({ field: 'customerIds', message: `no customer ${i}` }));
}

function checkPublish(published: boolean, catalogue: CatalogueText | null | undefined): FieldError[] {
  return published && !catalogue?.en?.name
    ? [
        {
          field: 'catalogue.en.name',
          message: 'a published service needs its catalogue name (English at least)',
        },
      ]
    : [];
}

/** Replaces the customers a service serves; answers the customer ids as written (once each). */
async function setCustomers(ctx: CommandContext, serviceId: string, ids: string[]) {
  await ctx.tx.delete(serviceCustomers).where(eq(serviceCustomers.serviceId, serviceId));
  if (ids.length === 0) return [];
  const rows = await ctx.tx
    .insert(serviceCustomers)
    .values([...new Set(ids)].map((customerId) => ({ serviceId, customerId })))
    .returning();
  return rows.map((r) => r.customerId);
}

/** A service and its CI (class business_service or technical_service), in one transaction. */
export async function createService(ctx: CommandContext, input: ServiceInput): Promise<ServiceRow> {
  mustHold(ctx.actor, mayEditService, `The portfolio is kept by: ${portfolioEditors.join(', ')}.`);
  const errors = [
    ...(await checkCustomers(ctx, input.customerIds ?? [])),
    ...checkPublish(input.published ?? false, input.catalogue),
  ];
  if (errors.length) throw problems.validation(errors);
  const status = input.status ?? 'pipeline';
  const ci = await createCi(
    ctx,
    {
      classKey: input.kind === 'technical' ? 'technical_service' : 'business_service',
      name: input.name,
      status: ciStatusOfService(status),
      ownerId: input.ownerId ?? null,
      description: input.description ?? '',
    },
    { forService: true },
  );
  const [row] = await ctx.tx
    .insert(services)
    .values({
      ciId: ci.id,
      kind: input.kind ?? 'business',
      status,
      ownerId: input.ownerId ?? null,
      criticality: input.criticality ?? 3,
      requirements: input.requirements ?? '',
      hoursOfService: input.hoursOfService ?? '',
      published: input.published ?? false,
      catalogue: input.catalogue ?? null,
    })
    .returning();
  const customerIds = await setCustomers(ctx, row!.id, input.customerIds ?? []);
  await ctx.audit({
    action: 'service.created',
    recordType: 'service',
    recordId: row!.id,
    // the service's name and description are its CI's
    after: { ...row, name: ci.name, description: ci.description, customerIds },
  });
  return row!;
}

export async function updateService(ctx: CommandContext, id: string, expected: number, patch: ServicePatch) {
  mustHold(ctx.actor, mayEditService, `The portfolio is kept by: ${portfolioEditors.join(', ')}.`);
  const before = await loadService(ctx.tx, id, true);
  if (!before) throw problems.notFound(`Service ${id}`);
  checkVersion(expected, before.version);
  const errors = [
    ...(patch.customerIds ? await checkCustomers(ctx, patch.customerIds) : []),
    ...checkPublish(
      patch.published ?? before.published,
      patch.catalogue === undefined ? before.catalogue : patch.catalogue,
    ),
  ];
  if (patch.status && !canMoveService(before.status as ServiceStatus, patch.status)) {
    errors.push({ field: 'status', message: `cannot go from ${before.status} to ${patch.status}` });
  }
  if (errors.length) throw problems.validation(errors);
  // the service's CI follows its name, owner, description and status
  const ciPatch = {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.status !== undefined ? { status: ciStatusOfService(patch.status) } : {}),
  };
  // service moves map onto allowed CI moves: pipeline→live is planned→live, retired→pipeline is retired→planned
  if (Object.keys(ciPatch).length) await updateCi(ctx, before.ciId, null, ciPatch, { forService: true });
  const { customerIds, name: _n, description: _d, ...own } = patch;
  const [after] = await ctx.tx
    .update(services)
    .set({ ...own, updatedAt: new Date(), version: before.version + 1 })
    .where(eq(services.id, id))
    .returning();
  const written = customerIds ? await setCustomers(ctx, id, customerIds) : undefined;
  await ctx.audit({
    action: 'service.updated',
    recordType: 'service',
    recordId: id,
    before,
    after: { ...after, ...(written ? { customerIds: written } : {}) },
  });
  return after!;
}
