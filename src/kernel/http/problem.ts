import { z } from 'zod';

export type FieldError = { field: string; message: string };

/**
 * An RFC 9457 problem. Commands throw these; the error handler writes them as application/problem+json.
 */
export class Problem extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    title: string,
    detail: string,
    opts: { type?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.status = status;
    this.title = title;
    this.type = opts.type ?? 'about:blank';
    this.errors = opts.errors;
    this.headers = opts.headers ?? {};
  }
}

const t = (slug: string) => `urn:keel:problem:${slug}`;

export const problems = {
  validation: (errors: FieldError[], detail = 'Some fields are not valid; see errors.') =>
    new Problem(400, 'Invalid request', detail, { type: t('validation'), errors }),
  badRequest: (detail: string) => new Problem(400, 'Bad request', detail, { type: t('bad-request') }),
  unauthenticated: (detail = 'Sign in, or send an API token as Authorization: Bearer <token>.') =>
    new Problem(401, 'Not signed in', detail, { type: t('unauthenticated') }),
  forbidden: (detail: string) => new Problem(403, 'Not allowed', detail, { type: t('forbidden') }),
  notFound: (what: string) =>
    new Problem(404, 'Not found', `${what} does not exist or is not visible to you.`, {
      type: t('not-found'),
    }),
  conflict: (detail: string, errors?: FieldError[]) =>
    new Problem(409, 'Conflict', detail, { type: t('conflict'), errors }),
  preconditionRequired: () =>
    new Problem(
      428,
      'Precondition required',
      'Send If-Match with the ETag you last read, so no change is lost.',
      {
        type: t('precondition-required'),
      },
    ),
  stale: () =>
    new Problem(
      412,
      'Changed by someone else',
      'The record changed since you read it; reload it and try again.',
      {
        type: t('stale'),
      },
    ),
  tooMany: (retryAfterSeconds: number, detail: string) =>
    new Problem(429, 'Too many attempts', detail, {
      type: t('rate-limited'),
      headers: { 'retry-after': String(retryAfterSeconds) },
    }),
  tooLarge: (detail: string) => new Problem(413, 'Too large', detail, { type: t('too-large') }),
  unsupportedMedia: (detail: string) =>
    new Problem(415, 'Unsupported media type', detail, { type: t('media-type') }),
  /** Keel is stopping: requests in flight finish, new ones are refused (another instance, or this one restarted, takes them). */
  stopping: () =>
    new Problem(503, 'Stopping', 'Keel is stopping; send the request again in a few seconds.', {
      type: t('stopping'),
      headers: { 'retry-after': '5', connection: 'close' },
    }),
  /**
   * The database cannot be reached (a restart, a failover). A request refused before it wrote changed
   * nothing; one whose connection broke while committing may have been saved: look before sending it again.
   */
  databaseUnavailable: () =>
    new Problem(
      503,
      'Database unavailable',
      'Keel cannot reach its database at the moment. Try again in a few seconds; if you were changing something, reload it first to see whether the change was saved.',
      { type: t('database-unavailable'), headers: { 'retry-after': '5' } },
    ),
};

export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
