import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { isRole, type Role } from '../access/roles.ts';
import type { Db, Queryable } from '../db/database.ts';
import { type Actor, type CommandContext, runCommand } from '../db/tx.ts';
import { tokenHash } from './secrets.ts';

export const SESSION_COOKIE = 'keel_session';

/** The caller of a request, resolved from the session cookie or an API token. */
export type Principal = {
  userId: string;
  email: string;
  name: string;
  language: string;
  roles: Role[];
  /** The customer organisation a customer-side person belongs to. */
  customerId: string | null;
  via: 'session' | 'token' | 'mail';
  scopes: string[];
  sessionId?: string;
  csrfToken?: string;
  tokenId?: string;
};

export const actorOf = (p: Principal): Actor => ({
  kind: p.via === 'token' ? 'token' : 'user',
  userId: p.userId,
  label: p.email,
  roles: p.roles,
});

/** Runs a command as the signed-in caller of a request, its request id going into the audit entry. */
export function runAsCaller<T>(
  db: Db,
  request: { principal: Principal | null; id: string },
  fn: (ctx: CommandContext) => Promise<T>,
): Promise<T> {
  if (!request.principal)
    throw new Error('runAsCaller needs a signed-in caller; a public route cannot use it');
  return runCommand(db, actorOf(request.principal), request.id, fn);
}

type Row = {
  user_id: string;
  email: string;
  name: string;
  language: string;
  roles: string[] | null;
  customer_id: string | null;
  csrf_token?: string;
  session_id?: string;
  token_id?: string;
  scopes?: string[];
  refresh?: boolean;
};

const toPrincipal = (r: Row, via: Principal['via']): Principal => ({
  userId: r.user_id,
  email: r.email,
  name: r.name,
  language: r.language,
  roles: (r.roles ?? []).filter(isRole),
  customerId: r.customer_id,
  via,
  scopes: via === 'token' ? (r.scopes ?? []) : ['read', 'write'],
  sessionId: r.session_id,
  csrfToken: r.csrf_token,
  tokenId: r.token_id,
});

const userColumns = sql`u.id as user_id, u.email, u.name, u.language, u.customer_id,
  (select array_agg(distinct role order by role) from user_roles ur where ur.user_id = u.id) as roles`;

export async function principalFromToken(db: Db, token: string): Promise<Principal | null> {
  const res = await db.execute<Row>(sql`
    select ${userColumns}, t.id as token_id, t.scopes,
           (t.last_used_at is null or t.last_used_at < now() - interval '1 minute') as refresh
      from api_tokens t join users u on u.id = t.user_id
     where t.token_hash = ${tokenHash(token)} and t.revoked_at is null
       and (t.expires_at is null or t.expires_at > now()) and u.active`);
  const row = res.rows[0];
  if (!row) return null;
  // last use is recorded at most once a minute per token, so an API call does not become a write
  if (row.refresh)
    await db.execute(sql`update api_tokens set last_used_at = now() where id = ${row.token_id}`);
  return toPrincipal(row, 'token');
}

export async function principalFromSession(
  db: Db,
  cookie: string,
  idleHours: number,
): Promise<Principal | null> {
  const id = tokenHash(cookie);
  const res = await db.execute<Row>(sql`
    select ${userColumns}, s.id as session_id, s.csrf_token,
           (s.last_seen_at < now() - interval '5 minutes') as refresh
      from sessions s join users u on u.id = s.user_id
     where s.id = ${id} and s.expires_at > now() and u.active`);
  const row = res.rows[0];
  if (!row) return null;
  if (row.refresh) {
    await db.execute(sql`update sessions set last_seen_at = now(),
        expires_at = least(created_at + interval '7 days', now() + make_interval(hours => ${idleHours}))
      where id = ${id}`);
  }
  return toPrincipal(row, 'session');
}

/** A person acting through a channel without a session (a mail they sent): as themselves, if active. */
export async function principalOfUser(db: Queryable, userId: string): Promise<Principal | null> {
  const res = await db.execute<Row>(
    sql`select ${userColumns} from users u where u.id = ${userId} and u.active`,
  );
  return res.rows[0] ? toPrincipal(res.rows[0], 'mail') : null;
}

export function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1] ?? '';
}

/**
 * The principal a command acts as when Keel itself carries on what a person started (a major incident
 * resolving its children) or runs a scheduled step (auto-close): the actor's roles, or those given.
 */
export const principalOfActor = (actor: Actor, roles: readonly Role[] = actor.roles): Principal => ({
  userId: actor.userId ?? '00000000-0000-0000-0000-000000000000',
  email: actor.label,
  name: actor.label,
  language: 'en',
  roles: [...roles],
  customerId: null,
  via: 'token',
  scopes: ['read', 'write'],
});
