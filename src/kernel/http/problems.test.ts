import { connect } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { toProblem } from './errors.ts';

let k: TestKeel;
let admin: TestUser;
let port: number;
beforeAll(async () => {
  k = await testKeel();
  admin = await k.user(['administrator']);
  await k.app.listen({ host: '127.0.0.1', port: 0 });
  port = (k.app.server.address() as { port: number }).port;
});

/** Sends raw bytes to the listening Keel and reads its whole answer (the status line, headers and body). */
function raw(request: string | Buffer): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => {}); // Keel closes the connection after answering a broken request
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      if (!status) reject(new Error(`no answer: ${JSON.stringify(text)}`));
      else resolve({ status, headers: head.toLowerCase(), body });
    });
    socket.write(request);
    socket.end();
  });
}

describe("Fastify's and Node's own refusals are RFC 9457 problems too", () => {
  it('a URL that is no valid percent-encoding: 400', async () => {
    const res = await k.app.inject({ url: '/readyz/%ff' });
    expect(res.statusCode).toBe(400);
    expect(problemOf(res)).toMatchObject({ status: 400, type: 'urn:keel:problem:bad-request' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a route parameter longer than Keel reads: 414', async () => {
    // a write: with the web app built, a GET the router cannot match falls to the web app's catch-all route
    // instead (and is a 404 problem from there)
    const res = await k.app.inject({
      method: 'POST',
      url: `/api/v1/work-items/${'X'.repeat(600)}/comments`,
      headers: admin.auth,
      payload: { body: 'x' },
    });
    expect(res.statusCode).toBe(414);
    expect(problemOf(res)).toMatchObject({ status: 414, title: 'URI too long' });
    // refused before Keel's hooks run, and still never cached
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('a body that is no JSON, or empty, or of a type Keel does not read: 400, 400, 415', async () => {
    const post = (payload: string, type: string) =>
      k.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: { ...admin.auth, 'content-type': type },
        payload,
      });
    expect(problemOf(await post('{"name": ', 'application/json')).status).toBe(400);
    expect(problemOf(await post('', 'application/json')).status).toBe(400);
    expect(problemOf(await post('<customer/>', 'application/xml')).status).toBe(415);
  });

  it('a body over the limit: 413', async () => {
    const res = await k.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { ...admin.auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(problemOf(res).status).toBe(413);
  });

  it("a request Node's HTTP parser refuses (headers too large, a broken request line): 431, 400", async () => {
    const big = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big.status).toBe(431);
    expect(big.headers).toContain('content-type: application/problem+json');
    expect(JSON.parse(big.body)).toMatchObject({ status: 431, type: 'about:blank' });
    const broken = await raw('GET /healthz HTTP/1.1\r\nHost x\r\n\r\n');
    expect(broken.status).toBe(400);
    expect(broken.headers).toContain('content-type: application/problem+json');
    expect(JSON.parse(broken.body)).toMatchObject({ status: 400, title: 'Bad request' });
  });
});

describe("the database's own refusals", () => {
  it('a check the database makes itself (the requester trigger) is a field error, not a 500', async () => {
    const refused = Object.assign(new Error('the requester of work item INC-000001 belongs to another'), {
      code: '23514',
      column: 'requester_id',
    });
    const p = toProblem(new Error('Failed query', { cause: refused }));
    expect(p.status).toBe(400);
    expect(p.errors).toEqual([{ field: 'requesterId', message: 'is not allowed with the other values' }]);
  });
});
