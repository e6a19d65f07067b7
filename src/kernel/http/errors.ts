import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/database.ts';
import { type FieldError, Problem, problems } from './problem.ts';

function fieldOf(context: string | undefined, instancePath: string, missing?: unknown): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (typeof missing === 'string') parts.push(missing);
  const path = parts.join('.');
  if (!context || context === 'body') return path || 'body';
  return path ? `${context}.${path}` : context;
}

type PgError = { code: string; column: string | undefined };

/** PostgreSQL's error, whether thrown directly by pg or wrapped by Drizzle (DrizzleQueryError.cause). */
function postgresError(err: unknown): PgError | null {
  for (
    let e = err as { code?: unknown; cause?: unknown; detail?: unknown; column?: unknown } | undefined, i = 0;
    e && i < 3;
    i++
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      const fromDetail =
        typeof e.detail === 'string' ? /^Key \((?:lower\()?(\w+)\)?\)=/.exec(e.detail)?.[1] : undefined;
      return { code: e.code, column: (typeof e.column === 'string' ? e.column : undefined) ?? fromDetail };
    }
    e = e.cause as typeof e;
  }
  return null;
}

const camel = (column: string) => column.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase());

/** What a 500 logs: the error and PostgreSQL's message, never the query's parameters (hashes, tokens). */
function loggable(err: unknown) {
  const e = err as {
    name?: string;
    message?: string;
    stack?: string;
    cause?: { message?: string; code?: string };
  };
  if (e?.cause && typeof e.message === 'string' && e.message.startsWith('Failed query')) {
    return {
      type: e.name,
      message: e.message.split('\nparams:')[0],
      cause: { message: e.cause.message, code: e.cause.code },
    };
  }
  return err;
}

/** A status code's reason phrase in sentence case ("Request header fields too large"), as a problem's title. */
const titleOf = (status: number) => {
  const phrase = STATUS_CODES[status] ?? 'Error';
  return phrase.charAt(0) + phrase.slice(1).toLowerCase();
};

/**
 * Answers a request that Node's HTTP parser refused before Fastify saw it (a broken request line, headers
 * over the limit, a request that took too long to arrive) with a problem, then closes the connection: the
 * rest of what the client sends cannot be read as HTTP.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'The request did not arrive in time.']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'The request headers are larger than Keel reads.']
        : err.code === 'HPE_URI_TOO_LONG'
          ? [414, 'The URL is longer than Keel reads.']
          : [400, 'The request is not valid HTTP.'];
  const body = JSON.stringify({ type: 'about:blank', title: titleOf(status), status, detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nCache-Control: no-store\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/** Turns anything thrown while handling a request into problem+json; user input never becomes a 500. */
export function toProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  const e = err as FastifyError & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors: FieldError[] = err.validation.map((v) => ({
      field: fieldOf(
        e.validationContext,
        v.instancePath,
        (v.params as { missingProperty?: unknown })?.missingProperty,
      ),
      message: v.message ?? 'is not valid',
    }));
    return problems.validation(errors);
  }
  if (e?.validation) {
    return problems.validation(
      e.validation.map((v) => ({
        field: fieldOf(e.validationContext, v.instancePath),
        message: v.message ?? 'is not valid',
      })),
    );
  }
  if (isDatabaseUnavailable(err)) return problems.databaseUnavailable();
  const pg = postgresError(err);
  if (pg) {
    const field = pg.column ? camel(pg.column) : 'body';
    if (pg.code === '23505') {
      return problems.conflict('A record with the same unique value already exists.', [
        { field, message: 'is already in use' },
      ]);
    }
    // a check the database makes itself (a CHECK constraint, or a trigger such as the requester's organisation)
    if (pg.code === '23514')
      return problems.validation([{ field, message: 'is not allowed with the other values' }]);
    if (pg.code === '23503')
      return problems.validation([{ field, message: 'refers to a record that does not exist' }]);
    if (pg.code === '22021' || pg.code === '22P05') {
      return problems.validation([
        { field: 'body', message: 'contains characters that cannot be stored (such as NUL)' },
      ]);
    }
    if (['22P02', '22007', '22008', '22003', '22009', '22023'].includes(pg.code)) {
      return problems.badRequest('A value has the wrong format or is out of range.');
    }
    if (pg.code === '54000') return problems.validation([{ field, message: 'is too long' }]);
    if (pg.code === '40P01' || pg.code === '40001') {
      return new Problem(409, 'Busy', 'Another change to the same records got in the way; try again.', {
        type: 'urn:keel:problem:retry',
        headers: { 'retry-after': '1' },
      });
    }
  }
  if (e?.code === 'FST_ERR_BAD_URL') return problems.badRequest('The URL is not valid percent-encoding.');
  if (e?.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new Problem(414, 'URI too long', 'A part of the URL is longer than any Keel reads.', {
      type: 'about:blank',
    });
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 413) return problems.tooLarge(e.message);
    if (e.statusCode === 415) return problems.unsupportedMedia(e.message);
    return new Problem(e.statusCode, titleOf(e.statusCode), e.message, { type: 'about:blank' });
  }
  return new Problem(500, 'Internal error', 'Keel could not complete the request; it has been logged.', {
    type: 'urn:keel:problem:internal',
  });
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: unknown) {
  const p = toProblem(err);
  // unavailable for a while (the database, a stop): worth a warning, not an error to page someone about
  if (p.status === 503) request.log.warn({ err: loggable(err), type: p.type }, p.title);
  else if (p.status >= 500) request.log.error({ err: loggable(err) }, 'request failed');
  if (p.status >= 500 && process.env.KEEL_TEST_DEBUG) console.error(err);
  reply
    .status(p.status)
    // an error is about this request, never to be served again from a cache (also those sent before the hooks)
    .header('cache-control', 'no-store')
    .headers(p.headers)
    .type('application/problem+json')
    .serializer(JSON.stringify)
    .send({
      type: p.type,
      title: p.title,
      status: p.status,
      detail: p.message,
      instance: request.url.split('?')[0],
      requestId: request.id,
      ...(p.errors ? { errors: p.errors } : {}),
    });
  return reply;
}
