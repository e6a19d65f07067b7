import { eq, sql } from 'drizzle-orm';
import { mustHold } from '../../kernel/access/actor.ts';
import { customers } from '../../kernel/auth/schema.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { problems } from '../../kernel/http/problem.ts';
import { customerEditors, mayEditCustomers } from './policy.ts';
import type { CustomerInput, CustomerPatch } from './shapes.ts';

/**
 * Customer organisations: whom the provider serves (ISO/IEC 20000-1 8.3.2). People, their roles and API
 * tokens are the kernel's (kernel/auth/users.ts), which sign-in needs before any module.
 */

async function codeTaken(ctx: CommandContext, code: string, self?: string) {
  const res = await ctx.tx.execute(
    sql`select 1 from customers where lower(code) = lower(${code}) ${self ? sql`and id <> ${self}` : sql``}`,
  );
  if (res.rows.length)
    throw problems.conflict('Another customer has this code.', [
      { field: 'code', message: 'is already in use' },
    ]);
}

export async function createCustomer(ctx: CommandContext, input: CustomerInput) {
  mustHold(ctx.actor, mayEditCustomers, `Customers are kept by: ${customerEditors.join(', ')}.`);
  await codeTaken(ctx, input.code);
  const [row] = await ctx.tx.insert(customers).values(input).returning();
  await ctx.audit({ action: 'customer.created', recordType: 'customer', recordId: row!.id, after: row });
  return row!;
}

export async function updateCustomer(
  ctx: CommandContext,
  id: string,
  expected: number,
  patch: CustomerPatch,
) {
  mustHold(ctx.actor, mayEditCustomers, `Customers are kept by: ${customerEditors.join(', ')}.`);
  const [before] = await ctx.tx.select().from(customers).where(eq(customers.id, id)).for('update');
  if (!before) throw problems.notFound(`Customer ${id}`);
  checkVersion(expected, before.version);
  if (patch.code) await codeTaken(ctx, patch.code, id);
  const [after] = await ctx.tx
    .update(customers)
    .set({ ...patch, version: before.version + 1 })
    .where(eq(customers.id, id))
    .returning();
  await ctx.audit({ action: 'customer.updated', recordType: 'customer', recordId: id, before, after });
  return after!;
}
