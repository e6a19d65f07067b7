import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  type Access,
  access,
  checkDeclaration,
  denies,
  describeAccess,
  isSafeMethod,
} from '../access/policy.ts';
import { bearerToken, principalFromSession, principalFromToken, SESSION_COOKIE } from '../auth/principal.ts';
import { sameSecret } from '../auth/secrets.ts';
import { type Db, databaseAnswers } from '../db/database.ts';
import type { JobHandler } from '../jobs/worker.ts';
import { answerClientError, sendProblem } from './errors.ts';
import { registerMetrics } from './metrics.ts';
import { problemSchema, problems } from './problem.ts';
import type { Keel, RegisteredRoute } from './types.ts';
import './types.ts';

export type KeelModule = {
  name: string;
  routes: FastifyPluginAsync;
  /** Durable job handlers by kind, registered with every Keel process's job worker. */
  jobs?: Record<string, JobHandler>;
  /** Upkeep every Keel process runs now and then (safe to run in several processes at once). */
  housekeeping?: Array<{ what: string; everyMs: number; run: (db: Db) => Promise<unknown> }>;
};

/**
 * Routes of the API whose successful answers have no declared shape: no 2xx response schema, or one that
 * says nothing (z.unknown(), z.any()), so nothing filters what leaves the server and the OpenAPI document
 * cannot describe it. Keel's own routes have none (a test walks them all); a file, a stream or a CSV answer
 * declares its shape too (a string with its media type in the description).
 */
export function routesWithoutAnswerShape(routes: readonly RegisteredRoute[]) {
  const saysNothing = (s: unknown) => {
    const type = (s as { type?: string; def?: { type?: string } } | null)?.def?.type;
    return !s || type === 'unknown' || type === 'any';
  };
  return routes
    .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
    .filter((r) => {
      const ok = Object.entries(r.answers).filter(([code]) => /^2(\d\d|XX)$/.test(code));
      return ok.length === 0 || ok.some(([, schema]) => saysNothing(schema));
    })
    .map((r) => `${r.method} ${r.url}`);
}

/** How the API description declares a route's errors: RFC 9457 problems, as `sendProblem` writes them. */
const problemAnswer = {
  description: 'A problem (RFC 9457): what went wrong, and for invalid fields which ones and why',
  content: { 'application/problem+json': { schema: problemSchema } },
};

/**
 * The operationId of a route, derived from its method and path so that it is unique and stays the same while
 * the route does: `GET /api/v1/incidents/:number/comments` is `getIncidentsByNumberComments`. A route may
 * name its own in its schema.
 */
export function operationIdOf(method: string, url: string) {
  const words = (s: string) =>
    s
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('');
  const parts = url
    .replace(/^\/api\/v1(?=\/)/, '')
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.startsWith(':') ? `By${words(seg.slice(1))}` : words(seg)));
  return method.toLowerCase() + parts.join('');
}

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

/**
 * Who may read the API description: signed-in people and API tokens, unless KEEL_API_DOCS_PUBLIC opens it.
 * It holds no data, but it names this installation's exact version and every route, which helps someone
 * looking for a known flaw more than it helps anyone who has no account.
 */
const apiDocsAccess = (config: Keel['config']): Access =>
  config.apiDocsPublic
    ? access.public('KEEL_API_DOCS_PUBLIC=true: the API description is shown to anyone')
    : access.signedIn();

/** Routes that plugins register for us (API docs, the web app's files), with their access said here. */
const pluginRoutes = (config: Keel['config']): Array<[RegExp, Access]> => [
  [/^\/api\/docs/, apiDocsAccess(config)],
  [/^\/\*$/, access.public('the web app shell and its assets; data comes only through the API')],
];

/** API answers (errors included) and the probes hold data of the moment, never to be kept by a cache. */
const uncached = /^\/(api|metrics|healthz|readyz)(\/|\?|$)/;

export type AppOptions = {
  keel: Keel;
  modules: KeelModule[];
  logger?: Logger | boolean;
  version?: string;
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { keel } = opts;
  const app = Fastify({
    loggerInstance: typeof opts.logger === 'object' ? opts.logger : undefined,
    logger: typeof opts.logger === 'boolean' ? opts.logger : undefined,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    },
    // a request that arrives while Keel stops gets a problem (below), not Fastify's own 503
    return503OnClosing: false,
    bodyLimit: 1024 * 1024,
    trustProxy: keel.config.trustProxy,
    // the router's own refusals (a URL that is no valid percent-encoding, a parameter over maxParamLength)
    // and the HTTP parser's (broken request line, headers too large) are problem+json like every error
    frameworkErrors: (err, request, reply) =>
      secureHeaders(request.raw, reply.raw, () => sendProblem(reply, request, err)),
    clientErrorHandler: answerClientError,
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('keel', keel);
  const registered: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registered);
  app.decorateRequest('principal', null);

  // Every route declares who may call it; a route without a declaration stops Keel from starting.
  const fromPlugins = pluginRoutes(keel.config);
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    const url = route.url ?? route.path;
    if (!route.config?.access) {
      const known = fromPlugins.find(([re]) => re.test(url));
      if (known) route.config = { ...route.config, access: known[1] };
    }
    for (const m of methods) {
      checkDeclaration(m, url, route.config?.access);
      const answers = { ...((route.schema?.response ?? {}) as Record<string, unknown>) };
      registered.push({ method: m, url, access: route.config!.access!, answers });
    }
    const a = route.config!.access!;
    if (route.schema && !route.schema.hide && !methods.includes('HEAD')) {
      route.schema.operationId ??= operationIdOf(methods[0]!, url);
      // a route guarded otherwise than by a sign-in (the metrics token) says so in its own schema
      route.schema.security ??= a.kind === 'public' ? [] : [{ session: [] }, { bearer: [] }];
      if (url.startsWith('/api/v1')) {
        route.schema.description = [route.schema.description, describeAccess(a)].filter(Boolean).join('\n\n');
      }
      const response = (route.schema.response ?? {}) as Record<string, unknown>;
      response['4XX'] ??= problemAnswer;
      response['5XX'] ??= problemAnswer;
      route.schema.response = response;
    }
  });

  // security headers on every answer; the middleware is built once (building it parses the policy), not per request
  const secureHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Mantine sets inline styles on elements; scripts stay 'self' only
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: keel.config.publicUrl.startsWith('https:'),
  });
  app.addHook('onRequest', (request, reply, done) => secureHeaders(request.raw, reply.raw, () => done()));
  // set while Keel stops (see preClose below): a new request is refused before it reaches the database
  let draining: NodeJS.Timeout | undefined;
  app.addHook('onRequest', async (request, reply) => {
    if (draining) return sendProblem(reply, request, problems.stopping());
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: keel.config.attachmentMaxBytes,
      files: 1,
      fields: 5,
      fieldSize: 64 * 1024,
      parts: 10,
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    const a = request.routeOptions.config?.access;
    if (!a) {
      // unmatched URLs reach the not-found handler; anything else without a policy is denied
      if (request.routeOptions.url === undefined) return;
      return sendProblem(reply, request, problems.forbidden('This route declares no access policy.'));
    }
    if (a.kind === 'public' && !request.url.startsWith('/api/v1')) return;
    const bearer = bearerToken(request);
    if (bearer !== null) {
      request.principal = bearer ? await principalFromToken(keel.db, bearer) : null;
      if (!request.principal) {
        return sendProblem(
          reply,
          request,
          problems.unauthenticated('The API token is unknown, expired or revoked.'),
        );
      }
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) request.principal = await principalFromSession(keel.db, cookie, keel.config.sessionHours);
      // cross-site request forgery: every write riding on the session cookie carries the session's token,
      // whatever Origin or Sec-Fetch-Site say (older browsers, plugins and forms need not send them)
      if (request.principal && !isSafeMethod(request.method) && a.kind !== 'public') {
        if (!sameSecret(request.headers['x-csrf-token'], request.principal.csrfToken)) {
          return sendProblem(reply, request, problems.forbidden('Missing or wrong X-CSRF-Token header.'));
        }
      }
    }
    const reason = denies(a, request.method, request.principal);
    if (reason === 'unauthenticated') return sendProblem(reply, request, problems.unauthenticated());
    if (reason) return sendProblem(reply, request, problems.forbidden(reason));
  });

  // Closing: requests in flight finish, their responses close the connection, and connections that fall
  // idle are closed at once, so a stop never waits for a client's keep-alive timeout.
  app.addHook('preClose', async () => {
    app.server.closeIdleConnections();
    draining = setInterval(() => app.server.closeIdleConnections(), 50);
  });
  app.addHook('onSend', async (request, reply) => {
    if (draining) reply.header('connection', 'close');
    if (uncached.test(request.url)) reply.header('cache-control', 'no-store');
    // a body refused for its size is not read to its end: closing the connection stops the sender
    if (reply.statusCode === 413) reply.header('connection', 'close');
  });
  app.addHook('onClose', async () => clearInterval(draining));

  app.setErrorHandler((err, request, reply) => sendProblem(reply, request, err));
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    const wantsPage = request.method === 'GET' && !/^\/(api|healthz|readyz|metrics)(\/|$)/.test(url);
    if (wantsPage && existsSync(path.join(webRoot, 'index.html'))) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', webRoot);
    }
    return sendProblem(reply, request, problems.notFound(`${request.method} ${url}`));
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Keel API',
        version: opts.version ?? '0.0.0',
        description:
          'Keel, IT service management for ISO/IEC 20000-1. Errors are RFC 9457 application/problem+json. ' +
          'Sign in with POST /api/v1/auth/login (session cookie; every write with it sends X-CSRF-Token) or send ' +
          'an API token as Authorization: Bearer <token>.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      // the Keel that serves this document (a relative URL): the same document serves every installation
      servers: [{ url: '/', description: 'This Keel' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearer: { type: 'http', scheme: 'bearer' },
          metricsToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The metrics token (KEEL_METRICS_TOKEN), for /metrics only',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get(
    '/api/openapi.json',
    { config: { access: apiDocsAccess(keel.config) }, schema: { hide: true } },
    async () => app.swagger(),
  );
  const probe = { tags: ['health'] };
  app.get(
    '/healthz',
    {
      config: { access: access.public('liveness probe') },
      schema: {
        ...probe,
        summary: 'Liveness: Keel runs and answers',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { access: access.public('readiness probe') },
      schema: {
        ...probe,
        summary: 'Readiness: Keel reaches its database (503 while it does not)',
        response: { 200: z.object({ status: z.literal('ready') }) },
      },
    },
    async (request, reply) =>
      (await databaseAnswers(keel.db))
        ? { status: 'ready' as const }
        : sendProblem(reply, request, problems.databaseUnavailable()),
  );
  registerMetrics(app);

  for (const m of opts.modules) await app.register(m.routes);

  if (existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: ['index.html'] });
  } else {
    app.get(
      '/',
      { config: { access: access.public('explains how to build the web app') }, schema: { hide: true } },
      async (_r, reply) =>
        reply
          .type('text/plain')
          .send(
            'Keel is running, but its web app is not built. Run `npm run build`, or start with `npm start`.',
          ),
    );
  }
  return app;
}
