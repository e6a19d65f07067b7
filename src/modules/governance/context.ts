import { desc, eq, sql } from 'drizzle-orm';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Queryable } from '../../kernel/db/database.ts';
import type { CommandContext } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { contextIssues, interestedParties, scopeStatements } from './schema.ts';

export type IssueInput = {
  kind: 'internal' | 'external';
  title: string;
  description?: string;
  effect?: string;
  climateRelated?: boolean;
  status?: 'open' | 'closed';
};
export type PartyInput = {
  name: string;
  kind: (typeof interestedParties.$inferSelect)['kind'];
  requirements?: string;
  howAddressed?: string;
};
export type ScopeInput = {
  statement: string;
  serviceIds: string[];
  units?: string[];
  locations?: string[];
  exclusions?: string;
  climateRelevant: boolean;
  climateReasoning: string;
  reason?: string;
};

const tidy = (list: string[] | undefined) => [...new Set((list ?? []).map((x) => x.trim()).filter(Boolean))];

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

export type ScopeWarning =
  | { kind: 'no_scope' }
  | { kind: 'live_service_outside_scope'; serviceId: string; name: string }
  | { kind: 'retired_service_in_scope'; serviceId: string; name: string };

/**
 * The scope in force (the newest version) with its services by name and status, every version's history, and
 * warnings where the scope and the services actually run disagree.
 */
export async function presentScope(db: Queryable) {
  const versions = await db.execute<{
    id: string;
    number: number;
    reason: string;
    created_at: Date;
    author: string | null;
  }>(sql`
    select s.id, s.number, s.reason, s.created_at, u.name as author
      from scope_statements s left join users u on u.id = s.author_id order by s.number desc`);
  const [current] = await db.select().from(scopeStatements).orderBy(desc(scopeStatements.number)).limit(1);
  const services = await db.execute<{ id: string; name: string; status: string }>(sql`
    select s.id, c.name, s.status from services s join cis c on c.id = s.ci_id order by c.name`);
  const inScope = new Set(current?.serviceIds ?? []);
  const warnings: ScopeWarning[] = [];
  if (!current) warnings.push({ kind: 'no_scope' });
  else
    for (const s of services.rows) {
      if (s.status === 'live' && !inScope.has(s.id))
        warnings.push({ kind: 'live_service_outside_scope', serviceId: s.id, name: s.name });
      if (s.status === 'retired' && inScope.has(s.id))
        warnings.push({ kind: 'retired_service_in_scope', serviceId: s.id, name: s.name });
    }
  return {
    current: current
      ? {
          ...current,
          services: services.rows.filter((s) => inScope.has(s.id)),
          author: versions.rows[0]?.author ?? null,
        }
      : null,
    versions: versions.rows.map((v) => ({
      id: v.id,
      number: v.number,
      reason: v.reason,
      author: v.author,
      createdAt: v.created_at,
    })),
    warnings,
  };
}

/** One earlier version of the scope, as it was written. */
export async function scopeVersion(db: Queryable, number: number) {
  const [row] = await db.select().from(scopeStatements).where(eq(scopeStatements.number, number));
  if (!row) throw problems.notFound(`Scope version ${number}`);
  return row;
}

/** The context registers (4.1, 4.2) with the climate decision of the scope in force. */
export async function presentContext(db: Queryable) {
  const issues = await db.select().from(contextIssues).orderBy(contextIssues.kind, contextIssues.title);
  const parties = await db.select().from(interestedParties).orderBy(interestedParties.name);
  const [scope] = await db
    .select({
      number: scopeStatements.number,
      relevant: scopeStatements.climateRelevant,
      reasoning: scopeStatements.climateReasoning,
      decidedAt: scopeStatements.createdAt,
    })
    .from(scopeStatements)
    .orderBy(desc(scopeStatements.number))
    .limit(1);
  return { issues, parties, climate: scope ?? null };
}
