import { Pool } from 'undici';

export type Reply = { status: number; etag: string | undefined; body: unknown };

/**
 * The benchmark's HTTP client: keep-alive connections on loopback (one per concurrent loop, as separate
 * clients would hold), a bearer token on every request as API clients send it, JSON in and out. A status
 * other than the one expected throws, with the problem's title, so the driver counts it as an error.
 */
export class Http {
  private pool: Pool;
  constructor(origin: string, connections: number) {
    this.pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  }

  async call(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    path: string,
    opts: { token?: string; body?: unknown; ifMatch?: string; expect?: number } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.ifMatch) headers['if-match'] = opts.ifMatch;
    const res = await this.pool.request({
      method,
      path,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.body.text();
    const body = text && res.headers['content-type']?.toString().includes('json') ? JSON.parse(text) : text;
    const expect = opts.expect ?? (method === 'POST' ? 201 : 200);
    if (res.statusCode !== expect) {
      const title = typeof body === 'object' && body && 'title' in body ? String(body.title) : '';
      const detail = typeof body === 'object' && body && 'detail' in body ? String(body.detail) : '';
      throw new Error(`${method} ${path.split('?')[0]}: ${res.statusCode} ${title} ${detail}`.trim());
    }
    const etag = res.headers.etag;
    return { status: res.statusCode, etag: Array.isArray(etag) ? etag[0] : etag, body };
  }

  close() {
    return this.pool.close();
  }
}
