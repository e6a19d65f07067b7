import { and, eq, sql } from 'drizzle-orm';
import { roles as allRoles, isRole, type Role } from '../access/roles.ts';
import type { Queryable, Tx } from '../db/database.ts';
import type { CommandContext } from '../db/tx.ts';
import { checkVersion } from '../http/etag.ts';
import { type FieldError, problems } from '../http/problem.ts';
import { apiTokens, passwordTokens, sessions, userRoles, users } from './schema.ts';
import { hashPassword, newToken, PASSWORD_MAX, PASSWORD_MIN, tokenHash } from './secrets.ts';

export const languages = ['en', 'nl', 'da'] as const;
export type Language = (typeof languages)[number];

export type UserView = {
  id: string;
  email: string;
  name: string;
  language: string;
  active: boolean;
  /** Every access role the person has now: granted directly or by a current appointment (governance). */
  roles: Role[];
  /** The roles an administrator granted; what the user form edits. */
  directRoles: Role[];
  /** The roles a current appointment (or acting as a deputy) gives. */
  appointedRoles: Role[];
  customerId: string | null;
  /** Whom this person's requests go to for a manager's approval. */
  managerId: string | null;
  hasPassword: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
};

type UserRow = Pick<
  typeof users.$inferSelect,
  | 'id'
  | 'email'
  | 'name'
  | 'language'
  | 'active'
  | 'customerId'
  | 'managerId'
  | 'passwordHash'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
>;

type Grant = { role: string; source: string };
const rolesOf = (grants: Grant[], source?: string) =>
  [...new Set(grants.filter((g) => !source || g.source === source).map((g) => g.role))].filter(isRole).sort();

/** The user fields plus their roles, from rows of user_roles (role and source). */
export const presentUser = (u: UserRow, grants: Grant[]): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  language: u.language,
  active: u.active,
  roles: rolesOf(grants),
  directRoles: rolesOf(grants, 'direct'),
  appointedRoles: rolesOf(grants, 'appointment'),
  customerId: u.customerId,
  managerId: u.managerId,
  hasPassword: u.passwordHash !== null,
  createdAt: u.createdAt.toISOString(),
  updatedAt: u.updatedAt.toISOString(),
  version: u.version,
});

export async function loadUser(tx: Queryable, id: string, forUpdate = false): Promise<UserView | null> {
  const q = tx.select().from(users).where(eq(users.id, id));
  const [u] = forUpdate ? await q.for('update') : await q;
  if (!u) return null;
  const r = await tx
    .select({ role: userRoles.role, source: userRoles.source })
    .from(userRoles)
    .where(eq(userRoles.userId, id));
  return presentUser(u, r);
}

export function checkPassword(password: string, field = 'password'): FieldError[] {
  if (password.length < PASSWORD_MIN)
    return [{ field, message: `must be at least ${PASSWORD_MIN} characters` }];
  if (password.length > PASSWORD_MAX)
    return [{ field, message: `must be at most ${PASSWORD_MAX} characters` }];
  return [];
}

function checkRoles(list: string[]): FieldError[] {
  const bad = list.filter((r) => !isRole(r));
  if (bad.length) {
    return [{ field: 'roles', message: `unknown role(s) ${bad.join(', ')}; known: ${allRoles.join(', ')}` }];
  }
  // auditors must be impartial (ISO/IEC 20000-1 9.2) and never write, so the role stands alone
  if (list.includes('internal_auditor') && new Set(list).size > 1) {
    return [{ field: 'roles', message: 'the internal auditor role cannot be combined with other roles' }];
  }
  return [];
}

async function setRoles(tx: Tx, userId: string, list: readonly Role[]) {
  await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.source, 'direct')));
  if (list.length) await tx.insert(userRoles).values([...new Set(list)].map((role) => ({ userId, role })));
}

async function emailTaken(tx: Tx, email: string, exceptId?: string) {
  const rows = await tx.execute<{ id: string }>(
    sql`select id from users where lower(email) = lower(${email}) ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
  );
  return rows.rows.length > 0;
}

export type NewUser = {
  email: string;
  name: string;
  password?: string;
  roles: string[];
  language?: Language;
  customerId?: string | null;
};

/** Creates a person; without a password they get a one-time link to set one (an invitation). */
export async function createUser(
  ctx: CommandContext,
  input: NewUser,
): Promise<{ user: UserView; inviteToken?: string }> {
  const errors = [
    ...checkRoles(input.roles),
    ...(input.password !== undefined ? checkPassword(input.password) : []),
  ];
  if (errors.length) throw problems.validation(errors);
  if (await emailTaken(ctx.tx, input.email)) {
    throw problems.conflict('Another user has this e-mail address.', [
      { field: 'email', message: 'is already in use' },
    ]);
  }
  const [u] = await ctx.tx
    .insert(users)
    .values({
      email: input.email.trim(),
      name: input.name.trim(),
      language: input.language ?? 'en',
      customerId: input.customerId ?? null,
      passwordHash: input.password !== undefined ? await hashPassword(input.password) : null,
    })
    .returning();
  await setRoles(ctx.tx, u!.id, input.roles as Role[]);
  const user = (await loadUser(ctx.tx, u!.id))!;
  await ctx.audit({ action: 'user.created', recordType: 'user', recordId: user.id, after: user });
  const inviteToken =
    input.password === undefined ? await issuePasswordLink(ctx, user.id, 'invite') : undefined;
  return { user, inviteToken };
}

export type UserPatch = {
  name?: string;
  email?: string;
  roles?: string[];
  active?: boolean;
  language?: Language;
  customerId?: string | null;
  managerId?: string | null;
};

export async function updateUser(ctx: CommandContext, id: string, expected: number | null, patch: UserPatch) {
  const before = await loadUser(ctx.tx, id, true);
  if (!before) throw problems.notFound(`User ${id}`);
  if (expected !== null) checkVersion(expected, before.version);
  const errors = patch.roles ? checkRoles(patch.roles) : [];
  if (patch.managerId) {
    if (patch.managerId === id) errors.push({ field: 'managerId', message: 'nobody is their own manager' });
    else if (!(await loadUser(ctx.tx, patch.managerId)))
      errors.push({ field: 'managerId', message: 'no such person' });
  }
  if (errors.length) throw problems.validation(errors);
  if (patch.email && (await emailTaken(ctx.tx, patch.email, id))) {
    throw problems.conflict('Another user has this e-mail address.', [
      { field: 'email', message: 'is already in use' },
    ]);
  }
  const losesAdmin =
    (patch.active === false || (patch.roles && !patch.roles.includes('administrator'))) &&
    before.roles.includes('administrator');
  if (losesAdmin) await keepOneAdministrator(ctx.tx, id);
  await ctx.tx
    .update(users)
    .set({
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.email !== undefined ? { email: patch.email.trim() } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.customerId !== undefined ? { customerId: patch.customerId } : {}),
      ...(patch.managerId !== undefined ? { managerId: patch.managerId } : {}),
      updatedAt: new Date(),
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, id));
  if (patch.roles) await setRoles(ctx.tx, id, patch.roles as Role[]);
  // a deactivated person is signed out everywhere at once, and their unused one-time links stop working
  if (patch.active === false) {
    await ctx.tx.delete(sessions).where(eq(sessions.userId, id));
    await ctx.tx.delete(passwordTokens).where(and(eq(passwordTokens.userId, id), sql`used_at is null`));
  }
  const after = (await loadUser(ctx.tx, id))!;
  await ctx.audit({ action: 'user.updated', recordType: 'user', recordId: id, before, after });
  return after;
}

async function keepOneAdministrator(tx: Tx, leaving: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(7210004)`);
  const res = await tx.execute<{ n: number }>(sql`
    select count(distinct u.id)::int as n from user_roles r join users u on u.id = r.user_id
     where r.role = 'administrator' and u.active and u.id <> ${leaving}`);
  if ((res.rows[0]?.n ?? 0) === 0) {
    throw problems.conflict('Keel needs at least one active administrator; appoint another one first.');
  }
}

/** A one-time link to set a password: 7 days for an invitation, 1 day after a reset. */
export async function issuePasswordLink(ctx: CommandContext, userId: string, purpose: 'invite' | 'reset') {
  const token = newToken();
  const hours = purpose === 'invite' ? 24 * 7 : 24;
  await ctx.tx.delete(passwordTokens).where(and(eq(passwordTokens.userId, userId), sql`used_at is null`));
  await ctx.tx.insert(passwordTokens).values({
    tokenHash: tokenHash(token),
    userId,
    purpose,
    expiresAt: new Date(Date.now() + hours * 3600_000),
  });
  await ctx.audit({ action: `user.password-link.${purpose}`, recordType: 'user', recordId: userId });
  return token;
}

/** An administrator's reset: sets the given password, or clears it and returns a one-time link. */
export async function resetPassword(ctx: CommandContext, userId: string, password?: string) {
  const user = await loadUser(ctx.tx, userId, true);
  if (!user) throw problems.notFound(`User ${userId}`);
  if (password !== undefined) {
    const errors = checkPassword(password);
    if (errors.length) throw problems.validation(errors);
  }
  await ctx.tx
    .update(users)
    .set({
      passwordHash: password !== undefined ? await hashPassword(password) : null,
      updatedAt: new Date(),
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId));
  await ctx.tx.delete(sessions).where(eq(sessions.userId, userId));
  // a link issued before the reset must not overwrite the new password
  await ctx.tx.delete(passwordTokens).where(and(eq(passwordTokens.userId, userId), sql`used_at is null`));
  await ctx.audit({ action: 'user.password-reset', recordType: 'user', recordId: userId });
  return password === undefined ? await issuePasswordLink(ctx, userId, 'reset') : undefined;
}

export async function setPasswordWithLink(ctx: CommandContext, token: string, password: string) {
  const errors = checkPassword(password);
  if (errors.length) throw problems.validation(errors);
  const res = await ctx.tx.execute<{ user_id: string }>(sql`
    update password_tokens set used_at = now()
     where token_hash = ${tokenHash(token)} and used_at is null and expires_at > now()
     returning user_id`);
  const userId = res.rows[0]?.user_id;
  if (!userId) {
    throw problems.validation([
      { field: 'token', message: 'this link is unknown, used or expired; ask for a new one' },
    ]);
  }
  await ctx.tx
    .update(users)
    .set({
      passwordHash: await hashPassword(password),
      updatedAt: new Date(),
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId));
  await ctx.audit({ action: 'user.password-set', recordType: 'user', recordId: userId });
  return (await loadUser(ctx.tx, userId))!;
}

export const tokenScopes = ['read', 'write'] as const;
export type TokenScope = (typeof tokenScopes)[number];

export type TokenView = {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scopes: string[];
  expiresAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

export const presentToken = (t: typeof apiTokens.$inferSelect): TokenView => ({
  id: t.id,
  userId: t.userId,
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

/** An API token acts as its user, limited to its scopes; the secret is shown once and stored hashed. */
export async function createApiToken(
  ctx: CommandContext,
  input: { userId: string; name: string; scopes: TokenScope[]; expiresAt?: Date | null },
) {
  const user = await loadUser(ctx.tx, input.userId);
  if (!user) throw problems.validation([{ field: 'userId', message: 'no such user' }]);
  if (!user.active) throw problems.validation([{ field: 'userId', message: 'this user is deactivated' }]);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw problems.validation([{ field: 'expiresAt', message: 'must be in the future' }]);
  }
  const secret = `keel_${newToken()}`;
  const [row] = await ctx.tx
    .insert(apiTokens)
    .values({
      userId: input.userId,
      name: input.name.trim(),
      tokenHash: tokenHash(secret),
      prefix: secret.slice(0, 12),
      scopes: [...new Set(input.scopes)],
      expiresAt: input.expiresAt ?? null,
      createdBy: ctx.actor.userId,
    })
    .returning();
  const view = presentToken(row!);
  await ctx.audit({ action: 'api-token.created', recordType: 'api-token', recordId: view.id, after: view });
  return { token: secret, view };
}

export async function revokeApiToken(ctx: CommandContext, id: string) {
  const [row] = await ctx.tx
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(eq(apiTokens.id, id))
    .returning();
  if (!row) throw problems.notFound(`API token ${id}`);
  const view = presentToken(row);
  await ctx.audit({ action: 'api-token.revoked', recordType: 'api-token', recordId: id, after: view });
  return view;
}

/** A new session for each sign-in (rotation): the cookie a browser had before never becomes valid. */
export async function openSession(ctx: CommandContext, userId: string, hours: number, replacing?: string) {
  if (replacing) await ctx.tx.delete(sessions).where(eq(sessions.id, tokenHash(replacing)));
  const cookie = newToken();
  const csrfToken = newToken(24);
  await ctx.tx.insert(sessions).values({
    id: tokenHash(cookie),
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + hours * 3600_000),
  });
  await ctx.tx.execute(sql`delete from sessions where expires_at < now() - interval '1 day'`);
  await ctx.audit({ action: 'session.opened', recordType: 'user', recordId: userId });
  return { cookie, csrfToken };
}

export async function closeSession(ctx: CommandContext, cookie: string, userId: string) {
  await ctx.tx.delete(sessions).where(eq(sessions.id, tokenHash(cookie)));
  await ctx.audit({ action: 'session.closed', recordType: 'user', recordId: userId });
}

export async function findUserByEmail(tx: Queryable, email: string) {
  const [u] = await tx.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return u ?? null;
}

export async function countUsers(tx: Queryable) {
  const res = await tx.execute<{ n: number }>(sql`select count(*)::int as n from users`);
  return res.rows[0]?.n ?? 0;
}
