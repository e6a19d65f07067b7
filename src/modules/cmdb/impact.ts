import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';

export type Direction = 'upstream' | 'downstream';
export type Reached = { id: string; depth: number; via: string; relationship: string };

/**
 * Everything reachable from a CI in one direction, breadth-first by levels: each level is one indexed
 * query for the neighbours of the whole frontier. A CI is reached once, at its shortest depth, so cycles
 * end the walk. `via` is the CI it was reached from (the path back to the start), `relationship` the type.
 *
 * Upstream (what is hit when this CI fails) follows relationships to their sources; downstream (what this
 * CI stands on) to their targets. See docs/cmdb.md.
 */
export async function reachable(db: Queryable, start: string, direction: Direction): Promise<Reached[]> {
  const seen = new Set<string>([start]);
  const out: Reached[] = [];
  let frontier = [start];
  // each CI is reached once, so the walk ends when a level reaches nothing new, cycles or not
  for (let depth = 1; frontier.length > 0; depth++) {
    const res = await db.execute<{ from_id: string; to_id: string; type_key: string }>(
      direction === 'upstream'
        ? sql`select target_id as from_id, source_id as to_id, type_key from ci_relationships
               where target_id = any(${sql.param(frontier)}::uuid[]) order by source_id, type_key`
        : sql`select source_id as from_id, target_id as to_id, type_key from ci_relationships
               where source_id = any(${sql.param(frontier)}::uuid[]) order by target_id, type_key`,
    );
    const nextFrontier: string[] = [];
    for (const r of res.rows) {
      if (seen.has(r.to_id)) continue;
      seen.add(r.to_id);
      nextFrontier.push(r.to_id);
      out.push({ id: r.to_id, depth, via: r.from_id, relationship: r.type_key });
    }
    frontier = nextFrontier;
  }
  return out;
}
