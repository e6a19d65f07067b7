import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { staffRoles } from '../access/roles.ts';
import { defineLifecycle } from './lifecycle.ts';
import { registerWorkItemType, type WorkItem } from './registry.ts';

/**
 * A small internal work-item type that exercises the kernel the way incidents and changes will:
 * numbering, a lifecycle with roles, a guard and an effect, visibility for customers.
 */
registerWorkItemType({
  type: 'kernel_test',
  prefix: 'TST',
  createRoles: ['service_desk_agent', 'customer'],
  lifecycle: defineLifecycle<WorkItem>({
    initial: 'new',
    states: ['new', 'in_progress', 'resolved', 'closed'],
    final: ['closed'],
    transitions: [
      { name: 'start', from: ['new'], to: 'in_progress', roles: ['service_desk_agent', 'resolver'] },
      {
        name: 'resolve',
        from: ['in_progress'],
        to: 'resolved',
        roles: ['resolver'],
        requires: ['resolution'],
        effects: ['noteResolution'],
      },
      {
        name: 'close',
        from: ['resolved'],
        to: 'closed',
        guard: (item) =>
          item.assigneeId ? [] : [{ field: 'assigneeId', message: 'must be set before closing' }],
      },
    ],
  }),
  effects: {
    noteResolution: async (ctx, item, input) => {
      await ctx.tx.execute(
        sql`insert into work_item_comments (work_item_id, body, internal) values (${item.id}, ${`Resolved: ${String(input.resolution)}`}, false)`,
      );
    },
  },
  canWrite: (p, item) => p.roles.some((r) => staffRoles.includes(r)) || item.requesterId === p.userId,
  canSeeInternal: (p) => p.roles.some((r) => staffRoles.includes(r) || r === 'internal_auditor'),
});

let k: TestKeel;
let agent: TestUser;
let resolver: TestUser;
let customer: TestUser;
let otherCustomer: TestUser;
let auditor: TestUser;

beforeAll(async () => {
  k = await testKeel();
  [agent, resolver, customer, otherCustomer, auditor] = await Promise.all([
    k.user(['service_desk_agent']),
    k.user(['resolver']),
    k.user(['customer']),
    k.user(['customer']),
    k.user(['internal_auditor']),
  ]);
});

const create = async (who: TestUser, title = 'Printer on floor 3 jams') => {
  const res = await k.app.inject({
    method: 'POST',
    url: '/api/v1/work-items',
    headers: who.auth,
    payload: { type: 'kernel_test', title, description: '<p>It <b>jams</b><script>alert(1)</script></p>' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { item: res.json(), etag: res.headers.etag as string };
};

const fire = (who: TestUser, number: string, name: string, etag: string, body: object = {}) =>
  k.app.inject({
    method: 'POST',
    url: `/api/v1/work-items/${number}/transitions/${name}`,
    headers: { ...who.auth, 'if-match': etag },
    payload: body,
  });

describe('work-item kernel', () => {
  it('numbers items per type, sequentially, even when recorded concurrently', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => create(agent)));
    const numbers = results.map((r) => r.item.number as string).sort();
    expect(new Set(numbers).size).toBe(10);
    expect(numbers.every((n) => /^TST-\d{6}$/.test(n))).toBe(true);
    const ints = numbers.map((n) => Number(n.slice(4)));
    expect(Math.max(...ints) - Math.min(...ints)).toBe(9);
  });

  it('sanitises rich text and starts in the initial state with the allowed transitions listed', async () => {
    const { item } = await create(agent);
    expect(item.description).toBe('<p>It <b>jams</b></p>');
    expect(item.state).toBe('new');
    expect(item.transitions.map((t: { name: string }) => t.name)).toEqual(['start']);
  });

  it('runs the lifecycle: roles, required input, guards, effects, history', async () => {
    let { item, etag } = await create(agent);
    const byCustomer = await fire(customer, item.number, 'start', etag);
    expect(byCustomer.statusCode).toBe(404); // not theirs: they cannot even see it
    let res = await fire(agent, item.number, 'start', etag);
    expect(res.statusCode).toBe(200);
    etag = res.headers.etag as string;
    res = await fire(agent, item.number, 'resolve', etag, { resolution: 'x' });
    expect(res.statusCode).toBe(403);
    res = await fire(resolver, item.number, 'resolve', etag, {});
    expect(problemOf(res).errors).toEqual([{ field: 'resolution', message: 'is required to resolve' }]);
    res = await fire(resolver, item.number, 'resolve', etag, { resolution: 'replaced the roller' });
    expect(res.statusCode).toBe(200);
    etag = res.headers.etag as string;
    res = await fire(agent, item.number, 'close', etag);
    expect(problemOf(res).errors).toEqual([{ field: 'assigneeId', message: 'must be set before closing' }]);
    res = await fire(agent, item.number, 'start', etag);
    expect(res.statusCode).toBe(409);
    const comments = await k.app.inject({
      url: `/api/v1/work-items/${item.number}/comments`,
      headers: agent.auth,
    });
    expect(comments.json().items.map((c: { body: string }) => c.body)).toEqual([
      'Resolved: replaced the roller',
    ]);
    const history = await k.app.inject({
      url: `/api/v1/work-items/${item.number}/history`,
      headers: agent.auth,
    });
    expect(history.json().items.map((h: { newValue: string }) => h.newValue)).toEqual([
      'resolved',
      'in_progress',
    ]);
    item = res.json();
  });

  it('optimistic locking: ETag on read, 428 without If-Match, 412 when stale', async () => {
    const { item, etag } = await create(agent);
    const read = await k.app.inject({ url: `/api/v1/work-items/${item.id}`, headers: agent.auth });
    expect(read.headers.etag).toBe(etag);
    const none = await k.app.inject({
      method: 'PATCH',
      url: `/api/v1/work-items/${item.number}`,
      headers: agent.auth,
      payload: { title: 'A' },
    });
    expect(none.statusCode).toBe(428);
    const ok = await k.app.inject({
      method: 'PATCH',
      url: `/api/v1/work-items/${item.number}`,
      headers: { ...agent.auth, 'if-match': etag },
      payload: { title: 'Printer jams on every job', priority: 2 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ title: 'Printer jams on every job', priority: 2, version: 2 });
    const stale = await k.app.inject({
      method: 'PATCH',
      url: `/api/v1/work-items/${item.number}`,
      headers: { ...agent.auth, 'if-match': etag },
      payload: { title: 'Lost update' },
    });
    expect(stale.statusCode).toBe(412);
    expect(problemOf(stale).type).toBe('urn:keel:problem:stale');
    const hist = await k.app.inject({
      url: `/api/v1/work-items/${item.number}/history`,
      headers: agent.auth,
    });
    expect(
      hist
        .json()
        .items.map((h: { field: string }) => h.field)
        .sort(),
    ).toEqual(['priority', 'title']);
  });

  it('customers see their own items and public comments only; internal comments stay internal', async () => {
    const { item } = await create(customer, 'My laptop will not boot');
    const post = (who: TestUser, body: string, internal: boolean) =>
      k.app.inject({
        method: 'POST',
        url: `/api/v1/work-items/${item.number}/comments`,
        headers: who.auth,
        payload: { body, internal },
      });
    expect((await post(agent, 'Asked the customer to hold the power button', false)).statusCode).toBe(201);
    expect((await post(agent, 'Probably the SSD; order one', true)).statusCode).toBe(201);
    expect((await post(customer, 'secret note', true)).statusCode).toBe(403);
    const theirs = await k.app.inject({
      url: `/api/v1/work-items/${item.number}/comments`,
      headers: customer.auth,
    });
    expect(theirs.json().items.map((c: { body: string }) => c.body)).toEqual([
      'Asked the customer to hold the power button',
    ]);
    const staff = await k.app.inject({
      url: `/api/v1/work-items/${item.number}/comments`,
      headers: auditor.auth,
    });
    expect(staff.json().items).toHaveLength(2);
    const other = await k.app.inject({
      url: `/api/v1/work-items/${item.number}`,
      headers: otherCustomer.auth,
    });
    expect(other.statusCode).toBe(404);
    const auditorWrites = await post(auditor, 'I should not write', false);
    expect(auditorWrites.statusCode).toBe(403);
  });

  it('attachments: type and content checked, size limited, stored apart, downloadable by those who may read', async () => {
    const { item } = await create(agent);
    const upload = (name: string, type: string, content: Buffer) => {
      const boundary = '----keeltest';
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return k.app.inject({
        method: 'POST',
        url: `/api/v1/work-items/${item.number}/attachments`,
        headers: { ...agent.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body,
      });
    };
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(100, 1),
    ]);
    const ok = await upload('screen.png', 'image/png', png);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ fileName: 'screen.png', contentType: 'image/png', size: png.length });
    expect((await upload('page.html', 'text/html', Buffer.from('<script>'))).statusCode).toBe(415);
    const fake = await upload('fake.png', 'image/png', Buffer.from('not a png at all'));
    expect(problemOf(fake).errors![0]!.message).toMatch(/content is not image\/png/);
    const big = await upload('big.txt', 'text/plain', Buffer.alloc(k.config.attachmentMaxBytes + 10, 65));
    expect(big.statusCode).toBe(413);
    const dl = await k.app.inject({ url: `/api/v1/attachments/${ok.json().id}`, headers: agent.auth });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(png)).toBe(true);
    expect(dl.headers['content-disposition']).toMatch(/attachment/);
    expect(
      (await k.app.inject({ url: `/api/v1/attachments/${ok.json().id}`, headers: otherCustomer.auth }))
        .statusCode,
    ).toBe(404);
    const blobs = await k.db.execute<{ n: number }>(sql`select count(*)::int as n from attachment_blobs`);
    expect(blobs.rows[0]!.n).toBe(1);
  });

  it('links both ways, no duplicates, no self-links; watchers', async () => {
    const a = (await create(agent)).item;
    const b = (await create(agent)).item;
    const link = (to: string) =>
      k.app.inject({
        method: 'POST',
        url: `/api/v1/work-items/${a.number}/links`,
        headers: agent.auth,
        payload: { to, kind: 'caused_by' },
      });
    expect((await link(b.number)).statusCode).toBe(201);
    expect((await link(b.number)).statusCode).toBe(409);
    expect((await link(a.number)).statusCode).toBe(400);
    expect((await link('TST-999999')).statusCode).toBe(400);
    // a customer's own item linked to one of the desk's: the customer does not learn the desk's number
    const own = (await create(customer, 'Mine')).item;
    const toDesk = await k.app.inject({
      method: 'POST',
      url: `/api/v1/work-items/${own.number}/links`,
      headers: agent.auth,
      payload: { to: b.number, kind: 'relates_to' },
    });
    expect(toDesk.statusCode).toBe(201);
    const seen = await k.app.inject({
      url: `/api/v1/work-items/${own.number}/links`,
      headers: customer.auth,
    });
    expect(seen.json().items).toEqual([]);
    const fromB = await k.app.inject({ url: `/api/v1/work-items/${b.number}/links`, headers: agent.auth });
    // staff see both links of b, whoever owns the other end
    expect(fromB.json().items).toEqual([
      expect.objectContaining({ from: a.number, to: b.number, direction: 'incoming', kind: 'caused_by' }),
      expect.objectContaining({ from: own.number, to: b.number, direction: 'incoming', kind: 'relates_to' }),
    ]);
    const watch = await k.app.inject({
      method: 'PUT',
      url: `/api/v1/work-items/${a.number}/watchers/${resolver.id}`,
      headers: resolver.auth,
    });
    expect(watch.statusCode).toBe(204);
    const list = await k.app.inject({
      url: `/api/v1/work-items/${a.number}/watchers`,
      headers: resolver.auth,
    });
    expect(
      list
        .json()
        .items.map((w: { userId: string }) => w.userId)
        .sort(),
    ).toEqual([agent.id, resolver.id].sort());
  });

  it('input the database refuses is a clear 4xx, never a 500', async () => {
    const { item, etag } = await create(agent);
    const notUuid = await k.app.inject({ url: `/api/v1/work-items/${'0'.repeat(36)}`, headers: agent.auth });
    expect(notUuid.statusCode).toBe(400);
    const ghost = await k.app.inject({
      method: 'PATCH',
      url: `/api/v1/work-items/${item.number}`,
      headers: { ...agent.auth, 'if-match': etag },
      payload: { assigneeId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(problemOf(ghost).errors).toEqual([
      { field: 'assigneeId', message: 'refers to a record that does not exist' },
    ]);
    const nul = await k.app.inject({
      method: 'POST',
      url: '/api/v1/work-items',
      headers: agent.auth,
      payload: { type: 'kernel_test', title: 'a\u0000b' },
    });
    expect(nul.statusCode).toBe(400);
  });

  it('unknown types and bad input are clear 400s; every write is audited', async () => {
    const res = await k.app.inject({
      method: 'POST',
      url: '/api/v1/work-items',
      headers: agent.auth,
      payload: { type: 'nope', title: 'x' },
    });
    expect(problemOf(res).errors).toEqual([{ field: 'type', message: 'unknown work-item type "nope"' }]);
    const empty = await k.app.inject({
      method: 'POST',
      url: '/api/v1/work-items',
      headers: agent.auth,
      payload: { type: 'kernel_test', title: '   ' },
    });
    expect(problemOf(empty).errors).toEqual([{ field: 'title', message: 'is required' }]);
    const actions = await k.db.execute<{ action: string }>(
      sql`select distinct action from audit_log where record_type = 'work-item' order by 1`,
    );
    expect(actions.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'kernel_test.created',
        'kernel_test.resolve',
        'kernel_test.updated',
        'comment.added',
        'attachment.added',
        'link.added',
        'watcher.added',
      ]),
    );
  });
});
