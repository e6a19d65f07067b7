import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../access/policy.ts';
import { roles as allRoles } from '../access/roles.ts';
import { runCommand, systemActor } from '../db/tx.ts';
import { problems } from '../http/problem.ts';
import { actorOf, SESSION_COOKIE } from './principal.ts';
import { PASSWORD_MAX, sameSecret, verifyPassword } from './secrets.ts';
import { attemptFailed, attemptSucceeded, beginAttempt, type ThrottleKey } from './throttle.ts';
import {
  closeSession,
  countUsers,
  createUser,
  findUserByEmail,
  languages,
  loadUser,
  openSession,
  setPasswordWithLink,
  updateUser,
} from './users.ts';

export const email = z.email({ error: 'must be an e-mail address' }).max(254);
const password = z.string().min(1, { error: 'is required' }).max(PASSWORD_MAX);

export const meSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  language: z.enum(languages),
  roles: z.array(z.enum(allRoles)),
  via: z.enum(['session', 'token', 'mail']),
  scopes: z.array(z.string()),
  csrfToken: z.string().optional(),
});

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, config } = app.keel;
  const cookieOptions = (secure: boolean) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
  });
  const secureFor = (protocol: string) =>
    config.secureCookies === 'true' || (config.secureCookies === 'auto' && protocol === 'https');

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: access.public('signing in') },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets an HTTP-only session cookie',
        body: z.object({ email, password }),
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const keys: ThrottleKey[] = [
        { kind: 'email', value: request.body.email },
        { kind: 'client', value: request.ip },
      ];
      // one transaction: the attempt's lock on its e-mail counter lasts until its outcome is recorded
      const outcome = await db.transaction(async (tx) => {
        const wait = await beginAttempt(tx, keys);
        if (wait > 0) return { wait, user: null };
        const found = await findUserByEmail(tx, request.body.email);
        const ok = await verifyPassword(request.body.password, found?.passwordHash ?? null);
        if (!found || !ok || !found.active) {
          await attemptFailed(tx, keys);
          return { wait: 0, user: null };
        }
        await attemptSucceeded(tx, keys);
        return { wait: 0, user: found };
      });
      if (outcome.wait > 0) {
        throw problems.tooMany(
          outcome.wait,
          `Too many failed sign-ins; try again in ${outcome.wait} seconds.`,
        );
      }
      const user = outcome.user;
      if (!user) {
        throw problems.unauthenticated(
          'The e-mail address or password is wrong, or the account is deactivated.',
        );
      }
      const me = (await loadUser(db, user.id))!;
      const session = await runCommand(
        db,
        { kind: 'user', userId: me.id, label: me.email, roles: me.roles },
        request.id,
        (ctx) => openSession(ctx, me.id, config.sessionHours, request.cookies[SESSION_COOKIE]),
      );
      reply.setCookie(SESSION_COOKIE, session.cookie, {
        ...cookieOptions(secureFor(request.protocol)),
        maxAge: config.sessionHours * 3600,
      });
      return {
        id: me.id,
        email: me.email,
        name: me.name,
        language: me.language as 'en',
        roles: me.roles,
        via: 'session' as const,
        scopes: ['read', 'write'],
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: access.public('signing out works even with an expired session') },
      schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie && request.principal) {
        // a live session is ended only by its own page (a forged sign-out is a write too); an expired one needs nothing
        const p = request.principal;
        if (p.via === 'session' && !sameSecret(request.headers['x-csrf-token'], p.csrfToken))
          throw problems.forbidden('Missing or wrong X-CSRF-Token header.');
        await runCommand(db, actorOf(request.principal), request.id, (ctx) =>
          closeSession(ctx, cookie, request.principal!.userId),
        );
      }
      reply.clearCookie(SESSION_COOKIE, cookieOptions(secureFor(request.protocol)));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { access: access.signedIn() },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in, with roles and language',
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const p = request.principal!;
      return {
        id: p.userId,
        email: p.email,
        name: p.name,
        language: p.language as 'en',
        roles: p.roles,
        via: p.via,
        scopes: p.scopes,
        csrfToken: p.csrfToken,
      };
    },
  );

  app.patch(
    '/api/v1/me',
    {
      config: { access: access.self() },
      schema: {
        tags: ['auth'],
        summary: 'Change your own preferences (language, name)',
        body: z.strictObject({
          language: z.enum(languages).optional(),
          name: z.string().trim().min(1).max(200).optional(),
        }),
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const p = request.principal!;
      const u = await runCommand(db, actorOf(p), request.id, (ctx) =>
        updateUser(ctx, p.userId, null, request.body),
      );
      return { ...p, id: u.id, name: u.name, language: u.language as 'en', roles: u.roles };
    },
  );

  app.get(
    '/api/v1/setup',
    {
      config: { access: access.public('tells the web app whether Keel still needs its first administrator') },
      schema: {
        tags: ['auth'],
        summary: 'Whether Keel has no users yet',
        response: { 200: z.object({ needed: z.boolean() }) },
      },
    },
    async () => ({ needed: (await countUsers(db)) === 0 }),
  );

  app.post(
    '/api/v1/setup',
    {
      config: { access: access.public('creates the first administrator; refused once any user exists') },
      schema: {
        tags: ['auth'],
        summary: 'Create the first administrator of an empty Keel',
        body: z.object({
          email,
          name: z.string().trim().min(1).max(200),
          password: z.string().max(PASSWORD_MAX),
        }),
        response: { 201: z.object({ id: z.uuid(), email: z.string() }) },
      },
    },
    async (request, reply) => {
      const user = await runCommand(db, systemActor('setup'), request.id, async (ctx) => {
        // serialise concurrent setups: only the first one finds Keel empty
        await ctx.tx.execute(sql`select pg_advisory_xact_lock(7210003)`);
        if ((await countUsers(ctx.tx)) > 0)
          throw problems.conflict('Keel already has users; sign in instead.');
        return (await createUser(ctx, { ...request.body, roles: ['administrator'] })).user;
      });
      return reply.status(201).send({ id: user.id, email: user.email });
    },
  );

  app.post(
    '/api/v1/auth/set-password',
    {
      config: { access: access.public('the one-time link from an invitation or reset is the credential') },
      schema: {
        tags: ['auth'],
        summary: 'Set a password with a one-time link from an invitation or reset',
        body: z.object({ token: z.string().min(10).max(200), password: z.string().max(PASSWORD_MAX) }),
        response: { 200: z.object({ email: z.string() }) },
      },
    },
    async (request) => {
      const user = await runCommand(db, systemActor('password-link'), request.id, (ctx) =>
        setPasswordWithLink(ctx, request.body.token, request.body.password),
      );
      return { email: user.email };
    },
  );
};
