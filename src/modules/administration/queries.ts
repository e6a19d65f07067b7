import { desc, eq, sql } from 'drizzle-orm';
import { apiTokens, users } from '../../kernel/auth/schema.ts';
import { presentToken, presentUser, type UserView } from '../../kernel/auth/users.ts';
import type { Db } from '../../kernel/db/database.ts';
import type { PageQuery } from '../../kernel/http/pagination.ts';

type UserRow = {
  id: string;
  email: string;
  name: string;
  language: string;
  active: boolean;
  customer_id: string | null;
  manager_id: string | null;
  grants: { role: string; source: string }[];
  has_password: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
  total: number;
};

export type UserFilter = PageQuery & { q?: string; role?: string; active?: boolean };

/** The user list for administrators: search by name or e-mail, filter by role and status, paged. */
export async function listUsers(
  db: Db,
  f: UserFilter,
): Promise<{ items: UserView[]; total: number; limit: number; offset: number }> {
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const res = await db.execute<UserRow>(sql`
    select u.id, u.email, u.name, u.language, u.active, u.customer_id, u.manager_id, u.password_hash is not null as has_password,
           u.created_at, u.updated_at, u.version,
           coalesce((select json_agg(json_build_object('role', role, 'source', source)) from user_roles r where r.user_id = u.id), '[]') as grants,
           count(*) over ()::int as total
      from users u
     where (${like}::text is null or u.name ilike ${like} or u.email ilike ${like})
       and (${f.role ?? null}::text is null or exists (select 1 from user_roles r where r.user_id = u.id and r.role = ${f.role ?? null}))
       and (${f.active ?? null}::boolean is null or u.active = ${f.active ?? null})
     order by lower(u.name), u.id
     limit ${f.limit} offset ${f.offset}`);
  const items: UserView[] = res.rows.map((r) =>
    presentUser(
      {
        id: r.id,
        email: r.email,
        name: r.name,
        language: r.language,
        active: r.active,
        customerId: r.customer_id,
        managerId: r.manager_id,
        passwordHash: r.has_password ? '' : null,
        createdAt: new Date(r.created_at),
        updatedAt: new Date(r.updated_at),
        version: r.version,
      },
      r.grants,
    ),
  );
  let total = res.rows[0]?.total;
  if (total === undefined) {
    total = f.offset === 0 ? 0 : (await listUsers(db, { ...f, offset: 0, limit: 1 })).total;
  }
  return { items, total, limit: f.limit, offset: f.offset };
}

/** Tokens with their owner's name and e-mail, newest first; never their secrets. */
export async function listTokens(db: Db, userId?: string) {
  const rows = await db
    .select({ token: apiTokens, userName: users.name, userEmail: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(userId ? eq(apiTokens.userId, userId) : undefined)
    .orderBy(desc(apiTokens.createdAt));
  return rows.map((r) => ({ ...presentToken(r.token), userName: r.userName, userEmail: r.userEmail }));
}
