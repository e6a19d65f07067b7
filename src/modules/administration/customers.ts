import { eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../kernel/access/policy.ts';
import { staffRoles } from '../../kernel/access/roles.ts';
import { runAsCaller } from '../../kernel/auth/principal.ts';
import { customers } from '../../kernel/auth/schema.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion, expectedVersion, setEtag } from '../../kernel/http/etag.ts';
import { problems } from '../../kernel/http/problem.ts';

/** Customer organisations: whom the provider serves (ISO/IEC 20000-1 8.3.2). */
type Input = { code: string; name: string };

async function codeTaken(ctx: CommandContext, code: string, self?: string) {
  const res = await ctx.tx.execute(
    sql`select 1 from customers where lower(code) = lower(${code}) ${self ? sql`and id <> ${self}` : sql``}`,
  );
  if (res.rows.length)
    throw problems.conflict('Another customer has this code.', [
      { field: 'code', message: 'is already in use' },
    ]);
}

export async function createCustomer(ctx: CommandContext, input: Input) {
  await codeTaken(ctx, input.code);
  const [row] = await ctx.tx.insert(customers).values(input).returning();
  await ctx.audit({ action: 'customer.created', recordType: 'customer', recordId: row!.id, after: row });
  return row!;
}

export async function updateCustomer(
  ctx: CommandContext,
  id: string,
  expected: number,
  patch: Partial<Input>,
) {
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

const customerSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  version: z.number().int(),
});
const present = (c: typeof customers.$inferSelect) => ({
  id: c.id,
  code: c.code,
  name: c.name,
  version: c.version,
});
const editors = access.roles('administrator', 'service_level_manager');
const tags = ['customers'];
const fields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,29}$/, { error: 'letters, digits, - and _; at most 30' }),
  name: z.string().trim().min(1, { error: 'is required' }).max(200),
};

export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.keel;
  app.get(
    '/api/v1/customers',
    {
      config: { access: access.roles(...staffRoles, 'internal_auditor') },
      schema: {
        tags,
        summary: 'Customer organisations',
        response: { 200: z.object({ items: z.array(customerSchema) }) },
      },
    },
    async () => ({
      items: (await db.select().from(customers).orderBy(sql`lower(${customers.name})`)).map(present),
    }),
  );
  app.post(
    '/api/v1/customers',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Add a customer organisation',
        body: z.object(fields),
        response: { 201: customerSchema },
      },
    },
    async (request, reply) => {
      const row = await runAsCaller(db, request, (ctx) => createCustomer(ctx, request.body));
      setEtag(reply, row.version);
      return reply.status(201).send(present(row));
    },
  );
  app.patch(
    '/api/v1/customers/:id',
    {
      config: { access: editors },
      schema: {
        tags,
        summary: 'Rename a customer organisation (send If-Match)',
        params: z.object({ id: z.uuid() }),
        body: z.strictObject({ code: fields.code.optional(), name: fields.name.optional() }),
        response: { 200: customerSchema },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request);
      const row = await runAsCaller(db, request, (ctx) =>
        updateCustomer(ctx, request.params.id, expected, request.body),
      );
      setEtag(reply, row.version);
      return present(row);
    },
  );
};
