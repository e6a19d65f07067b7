import { sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import { decodeCursor, encodeCursor } from '../../kernel/http/pagination.ts';

/** Relationships in a stable order (by id), optionally of one CI (either end) or of one type; cursor-paged by id. */
export async function listRelationships(
  db: Queryable,
  f: { ciId?: string; type?: string; limit: number; cursor?: string },
) {
  const cursor = decodeCursor(f.cursor);
  const res = await db.execute<{
    id: string;
    sourceId: string;
    targetId: string;
    typeKey: string;
    createdAt: string;
  }>(sql`
    select id, source_id as "sourceId", target_id as "targetId", type_key as "typeKey",
           to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt"
      from ci_relationships
     where (${f.ciId ?? null}::uuid is null or source_id = ${f.ciId ?? null} or target_id = ${f.ciId ?? null})
       and (${f.type ?? null}::text is null or type_key = ${f.type ?? null})
       and (${cursor?.id ?? null}::uuid is null or id > ${cursor?.id ?? null})
     order by id limit ${f.limit + 1}`);
  const items = res.rows.slice(0, f.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: res.rows.length > f.limit && last ? encodeCursor({ v: null, id: last.id }) : null,
  };
}
