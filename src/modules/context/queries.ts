import { desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import { problems } from '../../kernel/http/problem.ts';
import { contextIssues, interestedParties, scopeStatements } from './schema.ts';
import type { ScopeWarning } from './shapes.ts';

/**
 * The scope in force (the newest version) with its services by name and status, every version's history, and
 * warnings where the scope and the services actually run disagree.
 */
export async function presentScope(db: Queryable) {
  const versions = await db.execute<{
    id: string;
    number: number;
    reason: string;
    created_at: string;
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
