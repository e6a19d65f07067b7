import { sql } from 'drizzle-orm';
import { externalRoles, type Role } from '../../kernel/access/roles.ts';
import type { Queryable } from '../../kernel/db/database.ts';

export type Person = { id: string; name: string; active: boolean; roles: string[] };

/** The people among `ids` with their current access roles (direct or appointed); missing ids are absent. */
export async function peopleByIds(tx: Queryable, ids: readonly (string | null | undefined)[]) {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (!want.length) return new Map<string, Person>();
  const res = await tx.execute<Person>(sql`
    select u.id, u.name, u.active,
           coalesce(array(select distinct role from user_roles r where r.user_id = u.id), '{}') as roles
      from users u where u.id = any(${sql.param(want)}::uuid[])`);
  return new Map(res.rows.map((p) => [p.id, p]));
}

/** Someone who works in the service provider and can hold a role: active, and neither a customer's user nor a supplier's contact. */
export const canServe = (p: Person | undefined): p is Person =>
  !!p && p.active && !p.roles.some((r) => externalRoles.includes(r as Role));
