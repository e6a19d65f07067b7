import { desc, eq, sql } from 'drizzle-orm';
import { mustHold } from '../../kernel/access/actor.ts';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { contextKeepers, mayKeepContext } from './policy.ts';
import { contextIssues, interestedParties, scopeStatements } from './schema.ts';
import type { IssueInput, PartyInput, ScopeInput } from './shapes.ts';

const tidy = (list: string[] | undefined) => [...new Set((list ?? []).map((x) => x.trim()).filter(Boolean))];

/** The context is kept by its keepers; Keel itself (the demo, the CLI) is not asked. */
function mustKeep(who: Principal | CommandContext['actor']) {
  mustHold(who, mayKeepContext, `The context and the scope are kept by: ${contextKeepers.join(', ')}.`);
}

/**
 * Adds a register row (issues, parties), or changes the given fields of one (undefined fields are left as they
 * are), versioned and audited like every governance record.
 */
async function saveRow<Row extends { id: string; version: number }>(
  ctx: CommandContext,
  register: typeof contextIssues | typeof interestedParties,
  recordType: string,
  values: Record<string, unknown>,
  id?: string,
  expected?: number,
): Promise<Row> {
  mustKeep(ctx.actor);
  // both registers share id, version and updatedAt, which is all this needs of them
  const table = register as typeof contextIssues;
  if (!id) {
    const [row] = await ctx.tx
      .insert(table)
      .values(values as never)
      .returning();
    await ctx.audit({ action: `${recordType}.created`, recordType, recordId: row!.id, after: row });
    return row as unknown as Row;
  }
  const [before] = await ctx.tx.select().from(table).where(eq(table.id, id)).for('update');
  if (!before) throw problems.notFound(`${recordType} ${id}`);
  checkVersion(expected!, before.version);
  const [after] = await ctx.tx
    .update(table)
    .set({ ...values, id, updatedAt: new Date(), version: before.version + 1 } as never)
    .where(eq(table.id, id))
    .returning();
  await ctx.audit({ action: `${recordType}.updated`, recordType, recordId: id, before, after });
  return after as unknown as Row;
}

/** Records an issue, or (with `id`) changes the fields given. */
export const saveIssue = (ctx: CommandContext, input: Partial<IssueInput>, id?: string, expected?: number) =>
  saveRow<typeof contextIssues.$inferSelect>(
    ctx,
    contextIssues,
    'context-issue',
    {
      ...input,
      title: input.title?.trim(),
      description: input.description?.trim(),
      effect: input.effect?.trim(),
    },
    id,
    expected,
  );

/** Records an interested party, or (with `id`) changes the fields given. */
export const saveParty = (ctx: CommandContext, input: Partial<PartyInput>, id?: string, expected?: number) =>
  saveRow<typeof interestedParties.$inferSelect>(
    ctx,
    interestedParties,
    'interested-party',
    { ...input, name: input.name?.trim() },
    id,
    expected,
  );

/**
 * Writes a new version of the scope statement; versions are never changed. The climate decision is explicit
 * (relevant or not, and why), and every version after the first says why the scope changed.
 */
export async function saveScope(ctx: CommandContext, who: Principal, input: ScopeInput) {
  mustKeep(who);
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(hashtext('keel-scope'))`);
  const [last] = await ctx.tx.select().from(scopeStatements).orderBy(desc(scopeStatements.number)).limit(1);
  const errors: FieldError[] = [];
  if (!input.statement.trim()) errors.push({ field: 'statement', message: 'is required' });
  if (!input.climateReasoning.trim())
    errors.push({ field: 'climateReasoning', message: 'say why climate change is or is not relevant' });
  if (last && !input.reason?.trim()) errors.push({ field: 'reason', message: 'say why the scope changes' });
  const ids = [...new Set(input.serviceIds)];
  if (ids.length) {
    const found = await ctx.tx.execute<{ id: string }>(
      sql`select id from services where id = any(${sql.param(ids)}::uuid[])`,
    );
    const have = new Set(found.rows.map((r) => r.id));
    const missing = ids.filter((x) => !have.has(x));
    if (missing.length) errors.push({ field: 'serviceIds', message: `no services ${missing.join(', ')}` });
  }
  if (errors.length) throw problems.validation(errors);
  const [row] = await ctx.tx
    .insert(scopeStatements)
    .values({
      number: (last?.number ?? 0) + 1,
      statement: input.statement.trim(),
      serviceIds: ids,
      units: tidy(input.units),
      locations: tidy(input.locations),
      exclusions: input.exclusions?.trim() ?? '',
      climateRelevant: input.climateRelevant,
      climateReasoning: input.climateReasoning.trim(),
      reason: input.reason?.trim() ?? '',
      authorId: who.userId,
    })
    .returning();
  await ctx.audit({
    action: 'scope.versioned',
    recordType: 'scope',
    recordId: `v${row!.number}`,
    after: row,
  });
  return row!;
}
