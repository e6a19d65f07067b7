import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type FieldError, Problem, problems } from './problem.ts';

function fieldOf(context: string | undefined, instancePath: string, missing?: unknown): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (typeof missing === 'string') parts.push(missing);
  const path = parts.join('.');
  if (!context || context === 'body') return path || 'body';
  return path ? `${context}.${path}` : context;
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
  const pgCode = (err as { code?: string })?.code;
  if (pgCode === '23505') return problems.conflict('A record with the same unique value already exists.');
  if (pgCode === '22P02' || pgCode === '22007' || pgCode === '22008') {
    return problems.badRequest('A value has the wrong format.');
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 413) return problems.tooLarge(e.message);
    if (e.statusCode === 415) return problems.unsupportedMedia(e.message);
    return new Problem(e.statusCode, e.statusCode === 404 ? 'Not found' : 'Bad request', e.message, {
      type: 'about:blank',
    });
  }
  return new Problem(500, 'Internal error', 'Keel could not complete the request; it has been logged.', {
    type: 'urn:keel:problem:internal',
  });
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: unknown) {
  const p = toProblem(err);
  if (p.status >= 500) request.log.error({ err }, 'request failed');
  reply
    .status(p.status)
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
