/** The web app's only way to the server: JSON in and out, problems as typed errors, CSRF on writes. */
export type FieldError = { field: string; message: string };

export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly errors: FieldError[];
  /** Seconds from a Retry-After header (429), when the server sent one. */
  retryAfter: number | undefined;
  constructor(status: number, title: string, detail: string, errors: FieldError[] = []) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = errors;
  }
  /** Field messages keyed by field name, for form inputs. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.errors.map((e) => [e.field, e.message]));
  }
}

let csrfToken: string | undefined;
export const setCsrfToken = (t: string | undefined) => {
  csrfToken = t;
};

export async function api<T>(
  path: string,
  opts: {
    method?: string;
    body?: unknown;
    text?: { body: string; type: string };
    /** A multipart upload; the browser sets its content type. */
    form?: FormData;
    headers?: Record<string, string>;
  } = {},
): Promise<{ data: T; etag: string | null }> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.text) headers['content-type'] = opts.text.type;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    body:
      opts.form ??
      (opts.text ? opts.text.body : opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    credentials: 'same-origin',
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) {
    throw new ApiProblem(
      res.status,
      json?.title ?? res.statusText,
      json?.detail ?? res.statusText,
      json?.errors ?? [],
    );
  }
  return { data: json as T, etag: res.headers.get('etag') };
}

export const get = async <T>(path: string) => (await api<T>(path)).data;

/**
 * A write: the method, the path, the JSON body, and the version it was read at (a number becomes the
 * If-Match of that version, a string is sent as the ETag it is). Answers the body of the reply.
 */
export const send = async <T = unknown>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  version?: number | string | null,
) =>
  (
    await api<T>(path, {
      method,
      body,
      headers:
        version === undefined || version === null
          ? undefined
          : { 'if-match': typeof version === 'number' ? `"${version}"` : version },
    })
  ).data;

/** A query string from the parameters that have a value (empty strings and nulls are left out). */
export const query = (params: Record<string, string | number | boolean | null | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  return q.toString();
};

/**
 * Saves a record of a collection: a PATCH of the one being edited (with its If-Match), or a POST of a new one
 * (whose body may carry what only creation takes, such as its kind).
 */
export const saveRecord = <T>(
  collection: string,
  editing: { id: string; ifMatch: string } | null | undefined,
  body: unknown,
  createBody: unknown = body,
) =>
  editing
    ? api<T>(`${collection}/${editing.id}`, {
        method: 'PATCH',
        body,
        headers: { 'if-match': editing.ifMatch },
      })
    : api<T>(collection, { method: 'POST', body: createBody });
