import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

/**
 * Oversized uploads over real HTTP: the server stops reading at its limit and answers 413 problem+json,
 * its memory stays bounded, and it keeps answering others (/healthz) meanwhile.
 */
let k: TestKeel;
let base: string;
let cm: TestUser;
let agent: TestUser;

beforeAll(async () => {
  k = await testKeel({ env: { KEEL_ATTACHMENT_MAX_BYTES: String(1024 * 1024) } });
  await k.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(k.app.server.address() as AddressInfo).port}`;
  recordReads();
  [cm, agent] = await Promise.all([k.user(['configuration_manager']), k.user(['service_desk_agent'])]);
});

type Sent = { status: number; type: string; body: string; sent: number; read: number; ms: number };

/** What the server read of each request's connection, by URL: its socket's bytesRead once answered. */
const readByServer = new Map<string, () => number>();
function recordReads() {
  k.app.server.on('request', (req: http.IncomingMessage) => {
    const socket = req.socket;
    readByServer.set(req.url ?? '', () => socket.bytesRead);
  });
}

/** Streams `total` bytes of `chunk` repeated (with a head and tail), as fast as the server takes them. */
function send(
  path: string,
  headers: Record<string, string>,
  parts: { head?: Buffer; chunk: Buffer; total: number; tail?: Buffer; declareLength: boolean },
): Promise<Sent> {
  const head = parts.head ?? Buffer.alloc(0);
  const tail = parts.tail ?? Buffer.alloc(0);
  const length = head.length + parts.total + tail.length;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(`${base}${path}`, {
      method: 'POST',
      headers: { ...headers, ...(parts.declareLength ? { 'content-length': String(length) } : {}) },
    });
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const got: Buffer[] = [];
      res.on('data', (b: Buffer) => got.push(b));
      // the sender goes on sending: whatever the server reads after answering shows here a moment later
      res.on('end', async () => {
        const ms = performance.now() - started;
        await new Promise((r) => setTimeout(r, 300));
        resolve({
          read: readByServer.get(path)?.() ?? Number.NaN,
          status: res.statusCode!,
          type: String(res.headers['content-type']),
          body: Buffer.concat(got).toString(),
          sent,
          ms,
        });
      });
    });
    let closed = false;
    req.on('error', (e) => {
      closed = true;
      if (!answered) reject(e);
    });
    const write = (b: Buffer) => {
      sent += b.length;
      return req.write(b);
    };
    write(head);
    let body = 0;
    const pump = () => {
      while (!closed && body < parts.total) {
        body += parts.chunk.length;
        if (!write(parts.chunk)) return void req.once('drain', pump);
      }
      if (!closed) {
        write(tail);
        req.end();
      }
    };
    pump();
  });
}

/** Runs `during` while sampling this process's memory and timing /healthz; reports the worst of both. */
async function watch<T>(during: () => Promise<T>) {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  let worstHealth = 0;
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const t = performance.now();
      const res = await fetch(`${base}/healthz`);
      await res.text();
      worstHealth = Math.max(worstHealth, performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  try {
    const result = await during();
    return { result, rssGrowthMb: (peak - rssBefore) / 1048576, worstHealthMs: worstHealth };
  } finally {
    probing = false;
    clearInterval(sampler);
    await probe;
  }
}

const MB = 1024 * 1024;
const csvRows = (row: string) => Buffer.from(row.repeat(Math.ceil((64 * 1024) / row.length)));

describe('oversized uploads', () => {
  it('a 12 MB CSV import is refused with 413 early, in bounded memory, while /healthz answers', async () => {
    for (const declareLength of [false, true]) {
      const { result, rssGrowthMb, worstHealthMs } = await watch(() =>
        send(
          '/api/v1/cis/import?dryRun=true',
          { ...cm.auth, 'content-type': 'text/csv' },
          {
            head: Buffer.from('classKey,name\n'),
            chunk: csvRows('server,srv-x\n'),
            total: 12 * MB,
            declareLength,
          },
        ),
      );
      console.log(
        `CSV 12 MB (${declareLength ? 'Content-Length' : 'chunked'}): ${result.status} after ${result.ms.toFixed(0)} ms, ` +
          `${(result.read / MB).toFixed(1)} MB read, rss +${rssGrowthMb.toFixed(0)} MB, /healthz worst ${worstHealthMs.toFixed(0)} ms`,
      );
      expect(result.status).toBe(413);
      expect(result.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(result.body)).toMatchObject({ status: 413 });
      expect(rssGrowthMb).toBeLessThan(100);
      expect(worstHealthMs).toBeLessThan(250);
      expect(result.read).toBeLessThan(11 * MB);
    }
  });

  it('a CSV import over the byte limit is refused at the limit, whatever its rows', async () => {
    const { result } = await watch(() =>
      send(
        '/api/v1/cis/import?dryRun=true',
        { ...cm.auth, 'content-type': 'text/csv' },
        // long rows: few of them, so only the byte limit (10 MiB by default) can stop it
        {
          head: Buffer.from('classKey,name,description\n'),
          chunk: csvRows(`server,srv,${'d'.repeat(8000)}\n`),
          total: 12 * MB,
          declareLength: false,
        },
      ),
    );
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).detail).toMatch(/10485760 bytes/);
    expect(result.read).toBeLessThan(11 * MB);
  });

  it('an attachment over the limit is refused with 413 before the rest of it is read', async () => {
    const created = await k.app.inject({
      method: 'POST',
      url: '/api/v1/incidents',
      headers: agent.auth,
      payload: { title: 'printer on fire', impact: 3, urgency: 3 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const boundary = '----keel-limit';
    for (const declareLength of [false, true]) {
      const { result, rssGrowthMb, worstHealthMs } = await watch(() =>
        send(
          `/api/v1/work-items/${created.json().number}/attachments`,
          { ...agent.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
          {
            head: Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
            ),
            chunk: Buffer.alloc(64 * 1024, 'a'),
            total: 12 * MB,
            tail: Buffer.from(`\r\n--${boundary}--\r\n`),
            declareLength,
          },
        ),
      );
      console.log(
        `attachment 12 MB (${declareLength ? 'Content-Length' : 'chunked'}): ${result.status} after ${result.ms.toFixed(0)} ms, ` +
          `${(result.read / MB).toFixed(1)} MB read, rss +${rssGrowthMb.toFixed(0)} MB, /healthz worst ${worstHealthMs.toFixed(0)} ms`,
      );
      expect(result.status).toBe(413);
      expect(result.type).toMatch(/^application\/problem\+json/);
      expect(result.read).toBeLessThan(11 * MB);
      expect(rssGrowthMb).toBeLessThan(100);
    }
  });

  it('a JSON body over 1 MiB is refused with 413 problem+json', async () => {
    const { result } = await watch(() =>
      send(
        '/api/v1/incidents',
        { ...agent.auth, 'content-type': 'application/json' },
        {
          head: Buffer.from('{"title":"'),
          chunk: Buffer.alloc(64 * 1024, 'a'),
          total: 16 * MB,
          tail: Buffer.from('"}'),
          declareLength: false,
        },
      ),
    );
    console.log(
      `JSON 16 MB (chunked): ${result.status} after ${result.ms.toFixed(0)} ms, ${(result.read / MB).toFixed(1)} MB read`,
    );
    expect(result.status).toBe(413);
    expect(result.type).toMatch(/^application\/problem\+json/);
    // Fastify's own reader keeps what arrived in flight before the connection closes; never the whole body
    expect(result.read).toBeLessThan(8 * MB);
  });
});
