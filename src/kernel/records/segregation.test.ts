import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { roles, staffRoles } from '../access/roles.ts';

/**
 * Customers are kept apart by construction (docs/architecture.md, "Who sees which work items"): a work item's
 * requester belongs to its customer organisation or is staff, and every read path a customer or supplier
 * can reach asks one rule in SQL (visibility.ts). The examples reproduce the defects found from outside
 * (issue 23: 2 and 4); the property generates organisations, people and items and looks through every
 * route an outsider may call.
 */
let k: TestKeel;
let admin: TestUser;
let agent: TestUser;
let alpenrose: string;
let edelweiss: string;
let cora: TestUser;
let colleague: TestUser;
let edith: TestUser;
let supplier: TestUser;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });

async function organisation(code: string, name: string) {
  const res = await call('POST', '/api/v1/customers', admin, { code, name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function person(roles: Parameters<TestKeel['user']>[0], customerId: string | null) {
  const u = await k.user(roles);
  await k.db.execute(sql`update users set customer_id = ${customerId} where id = ${u.id}`);
  return u;
}

const incident = (payload: object, who = agent) =>
  call('POST', '/api/v1/incidents', who, { title: 'Till frozen', impact: 3, urgency: 3, ...payload });

beforeAll(async () => {
  k = await testKeel();
  [admin, agent] = await Promise.all([k.user(['administrator']), k.user(['service_desk_agent'])]);
  alpenrose = await organisation('ALP', 'Hotel Alpenrose');
  edelweiss = await organisation('EDW', 'Hotel Edelweiss');
  [cora, colleague, edith, supplier] = await Promise.all([
    person(['customer'], alpenrose),
    person(['customer'], alpenrose),
    person(['customer'], edelweiss),
    person(['supplier'], null),
  ]);
});

describe('a requester belongs to the item’s organisation (defect 2)', () => {
  it('refuses an incident of one hotel whose requester is a customer of another', async () => {
    const res = await incident({ customerId: edelweiss, requesterId: cora.id });
    expect(res.statusCode, res.body).toBe(400);
    const fields = problemOf(res).errors?.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['requesterId', 'customerId']));
  });

  it('gives an incident its requester’s organisation when none is named, and staff may ask for any', async () => {
    const own = await incident({ requesterId: cora.id });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().customerId).toBe(alpenrose);
    const forStaff = await incident({ customerId: edelweiss });
    expect(forStaff.statusCode, forStaff.body).toBe(201);
    expect(forStaff.json().requesterId).toBe(agent.id);
  });

  it('refuses moving an incident to another organisation than its customer requester’s', async () => {
    const created = (await incident({ requesterId: cora.id })).json();
    const res = await call(
      'PATCH',
      `/api/v1/incidents/${created.number}`,
      agent,
      { customerId: edelweiss },
      { 'if-match': `"${created.version}"` },
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(problemOf(res).errors?.map((e) => e.field)).toContain('customerId');
  });

  it('the database refuses a mismatch that slips past the commands', async () => {
    const created = (await incident({ requesterId: cora.id })).json();
    await expect(
      k.db.execute(sql`update work_items set customer_id = ${edelweiss} where number = ${created.number}`),
    ).rejects.toThrow();
  });

  it('a customer does not read an item of another organisation that names her, as older data may', async () => {
    const created = (await incident({ customerId: edelweiss, requesterId: edith.id })).json();
    // what the demo and earlier versions could write: her as requester of another hotel's incident
    await k.db.transaction(async (tx) => {
      await tx.execute(sql`alter table work_items disable trigger work_items_requester_in_customer`);
      await tx.execute(sql`update work_items set requester_id = ${cora.id} where number = ${created.number}`);
      await tx.execute(sql`alter table work_items enable trigger work_items_requester_in_customer`);
    });
    for (const url of [
      `/api/v1/incidents/${created.number}`,
      `/api/v1/work-items/${created.number}`,
      `/api/v1/work-items/${created.number}/comments`,
    ])
      expect((await call('GET', url, cora)).statusCode, url).toBe(404);
    const list = (await call('GET', '/api/v1/work-items?limit=200', cora)).json();
    expect(list.items.map((i: { number: string }) => i.number)).not.toContain(created.number);
    const found = (await call('GET', '/api/v1/search?q=till', cora)).json();
    expect(found.items.map((i: { number: string }) => i.number)).not.toContain(created.number);
  });
});

describe('watchers (defect 4)', () => {
  it('a customer adds only colleagues of her organisation; anyone else is not found, like an unknown id', async () => {
    const mine = (await incident({ requesterId: cora.id })).json();
    const url = (id: string) => `/api/v1/work-items/${mine.number}/watchers/${id}`;
    const elsewhere = await call('PUT', url(edith.id), cora);
    const unknown = await call('PUT', url('00000000-0000-4000-8000-000000000000'), cora);
    const staff = await call('PUT', url(agent.id), cora);
    expect([elsewhere.statusCode, unknown.statusCode, staff.statusCode]).toEqual([404, 404, 404]);
    expect(problemOf(elsewhere).detail.replace(edith.id, 'X')).toBe(
      problemOf(unknown).detail.replace('00000000-0000-4000-8000-000000000000', 'X'),
    );
    expect((await call('PUT', url(colleague.id), cora)).statusCode).toBe(204);
    const watchers = (await call('GET', `/api/v1/work-items/${mine.number}/watchers`, cora)).json();
    const ids = watchers.items.map((w: { userId: string }) => w.userId);
    expect(ids).toContain(colleague.id);
    expect(ids).not.toContain(edith.id);
    // shared with her colleague: he reads it now
    expect((await call('GET', `/api/v1/incidents/${mine.number}`, colleague)).statusCode).toBe(200);
  });

  it('a supplier’s contact, of no organisation, adds nobody', async () => {
    const theirs = (await incident({ requesterId: supplier.id })).json();
    expect(theirs.customerId).toBeNull();
    const res = await call('PUT', `/api/v1/work-items/${theirs.number}/watchers/${cora.id}`, supplier);
    expect(res.statusCode).toBe(404);
  });
});

describe('live updates', () => {
  it('a customer hears of her own items, never of another organisation’s that names her', async () => {
    const base = await k.app.listen({ port: 0, host: '127.0.0.1' });
    const mine = (await incident({ requesterId: cora.id })).json();
    const theirs = (await incident({ customerId: edelweiss, requesterId: edith.id })).json();
    await k.db.transaction(async (tx) => {
      await tx.execute(sql`alter table work_items disable trigger work_items_requester_in_customer`);
      await tx.execute(sql`update work_items set requester_id = ${cora.id} where number = ${theirs.number}`);
      await tx.execute(sql`alter table work_items enable trigger work_items_requester_in_customer`);
    });
    const ac = new AbortController();
    const res = await fetch(`${base}/api/v1/events`, { headers: cora.auth, signal: ac.signal });
    const reader = res.body!.getReader();
    let text = '';
    const until = async (pred: () => boolean, ms = 5000) => {
      for (const end = Date.now() + ms; !pred() && Date.now() < end; ) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<{ value?: undefined }>((r) => setTimeout(() => r({}), 200)),
        ]);
        if (chunk.value) text += new TextDecoder().decode(chunk.value);
      }
    };
    await until(() => text.includes(': ready'));
    for (const n of [theirs.number, mine.number])
      await call('POST', `/api/v1/work-items/${n}/comments`, agent, { body: 'Any news?' });
    await until(() => text.includes(mine.number));
    await new Promise((r) => setTimeout(r, 300));
    await until(() => false, 300);
    ac.abort();
    expect(text).toContain(mine.number);
    expect(text).not.toContain(theirs.number);
  });
});

/**
 * The property: whatever organisations, people and items there are, a customer's or supplier's person reads,
 * lists, counts, searches, downloads and is told about exactly the items of their own organisation that they
 * requested or that are shared with them, through every route they may call. People move between
 * organisations from one run to the next, so items written earlier test the fence as older data would.
 */
describe('no one outside the provider sees past their organisation (property)', () => {
  const POOL = 6;
  type Item = { number: string; id: string; org: string | null; requester: string; watchers: Set<string> };
  const world: Item[] = [];
  let pool: TestUser[] = [];
  const orgOf = new Map<string, string | null>();
  let runs = 0;
  // so the property is not vacuous: what the runs did see and refuse
  const tally = { seen: 0, hidden: 0, refused: 0, shared: 0 };

  const sees = (who: TestUser, i: Item) =>
    i.org === (orgOf.get(who.id) ?? null) &&
    (i.requester === who.id || (i.org !== null && i.watchers.has(who.id)));

  const spec = fc.record({
    orgs: fc.integer({ min: 1, max: 3 }),
    // each person's organisation this run (an index, or none) and whether they are a supplier's contact
    members: fc.array(fc.option(fc.nat(2), { freq: 5 }), { minLength: POOL, maxLength: POOL }),
    items: fc.array(
      fc.record({
        by: fc.constantFrom('desk', 'self'),
        requester: fc.nat(POOL), // POOL: the agent himself
        org: fc.oneof(fc.constant('default' as const), fc.constant(null), fc.nat(2)),
        watchers: fc.uniqueArray(fc.nat(POOL - 1), { maxLength: 2 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  });

  it('holds for generated organisations, people and items', { timeout: 120_000 }, async () => {
    pool = await Promise.all(
      Array.from({ length: POOL }, (_, i) => k.user(i < POOL - 1 ? ['customer'] : ['supplier'])),
    );
    await fc.assert(
      fc.asyncProperty(spec, async (s) => {
        runs += 1;
        const orgs = await Promise.all(
          Array.from({ length: s.orgs }, (_, i) => organisation(`P${runs}X${i}`, `Org ${runs}.${i}`)),
        );
        // suppliers' contacts belong to no customer organisation
        for (const [i, u] of pool.entries()) {
          const m = s.members[i];
          const org = i === POOL - 1 || m === null || m === undefined ? null : (orgs[m % s.orgs] ?? null);
          orgOf.set(u.id, org);
          await k.db.execute(sql`update users set customer_id = ${org} where id = ${u.id}`);
        }
        const made: Item[] = [];
        for (const it of s.items) {
          const requester = it.requester === POOL ? agent : pool[it.requester]!;
          const named = it.org === 'default' ? undefined : it.org === null ? null : orgs[it.org % s.orgs]!;
          const self = it.by === 'self' && requester !== agent && requester !== pool[POOL - 1];
          const res = self
            ? await incident({ title: `Segtest ${runs}` }, requester)
            : await incident({ title: `Segtest ${runs}`, requesterId: requester.id, customerId: named });
          const own = requester === agent ? null : (orgOf.get(requester.id) ?? null);
          const expectedOrg = self ? own : named === undefined ? own : named;
          if (!self && requester !== agent && named !== undefined && named !== own) {
            // the requester does not belong to the organisation named: refused, nothing written
            expect(res.statusCode, res.body).toBe(400);
            tally.refused += 1;
            continue;
          }
          expect(res.statusCode, res.body).toBe(201);
          const inc = res.json();
          expect(inc.customerId).toBe(expectedOrg);
          const item: Item = {
            number: inc.number,
            id: inc.id,
            org: inc.customerId,
            requester: requester.id,
            watchers: new Set(),
          };
          for (const w of it.watchers) {
            const put = await call('PUT', `/api/v1/work-items/${inc.number}/watchers/${pool[w]!.id}`, agent);
            expect(put.statusCode).toBe(204);
            item.watchers.add(pool[w]!.id);
          }
          // news for the requester, and a file on it
          await call('POST', `/api/v1/work-items/${inc.number}/comments`, agent, { body: 'Looking into it' });
          made.push(item);
        }
        world.push(...made);
        const files = new Map<string, string>();
        for (const i of made) {
          const boundary = 'segtest';
          const res = await k.app.inject({
            method: 'POST',
            url: `/api/v1/work-items/${i.number}/attachments`,
            headers: { ...agent.auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
            payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="note.txt"\r\nContent-Type: text/plain\r\n\r\nnote ${i.number}\r\n--${boundary}--\r\n`,
          });
          expect(res.statusCode, res.body).toBe(201);
          files.set(i.number, res.json().id);
        }

        for (const who of pool) {
          const expected = new Set(world.filter((i) => sees(who, i)).map((i) => i.number));
          const listed = (await call('GET', '/api/v1/work-items?limit=200', who)).json();
          expect(new Set(listed.items.map((r: { number: string }) => r.number))).toEqual(expected);
          const counts = (await call('GET', '/api/v1/work-items/queues', who)).json();
          expect(counts.open).toBe(expected.size);
          const found = (await call('GET', '/api/v1/search?q=segtest&limit=50', who)).json();
          for (const hit of found.items as Array<{ number: string }>) expect(expected).toContain(hit.number);
          for (const i of made) {
            const want = sees(who, i) ? 200 : 404;
            tally[want === 200 ? 'seen' : 'hidden'] += 1;
            if (want === 200 && i.requester !== who.id) tally.shared += 1;
            for (const url of [
              `/api/v1/incidents/${i.number}`,
              `/api/v1/work-items/${i.number}`,
              `/api/v1/work-items/${i.id}/comments`,
              `/api/v1/work-items/${i.number}/watchers`,
              `/api/v1/work-items/${i.number}/history`,
              `/api/v1/work-items/${i.number}/links`,
              `/api/v1/work-items/${i.number}/attachments`,
              `/api/v1/work-items/${i.number}/mails`,
              `/api/v1/work-items/${i.number}/rating`,
              `/api/v1/attachments/${files.get(i.number)}`,
            ])
              expect((await call('GET', url, who)).statusCode, `${url} for ${who.email}`).toBe(want);
          }
          // told only about what they may read: the comments above went to each item's requester
          const told = (await call('GET', '/api/v1/notifications?limit=100', who)).json();
          const links = (told.items as Array<{ link: string | null }>).flatMap((n) => n.link ?? []);
          for (const i of made) {
            const toldOf = links.includes(`/work-items/${i.number}`);
            if (toldOf) expect(sees(who, i), i.number).toBe(true);
            else expect(i.requester === who.id && sees(who, i), i.number).toBe(false);
          }
        }
      }),
      { numRuns: 12, seed: 2026_11_23, endOnFailure: true },
    );
    expect(tally.seen).toBeGreaterThan(0);
    expect(tally.hidden).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.shared).toBeGreaterThan(0);
  });

  it('no GET route an outsider may call shows them an item they may not read', {
    timeout: 120_000,
  }, async () => {
    // every read route of the API, not a list written by hand: a route added later is swept too. Path
    // parameters get the numbers and ids of items the person may not read; an answer of 200 must not
    // name any of them (lists, counts' items, exports, search, status pages, reports)
    // Not swept: the live stream (it never ends; the live-updates example covers it) and the notification
    // inbox, which keeps what was sent while the person could read the item (people move between
    // organisations in these runs), as a mailbox keeps delivered mail; the property checks each
    // notification against the rule when it is sent.
    const reads = k.app.registeredRoutes.filter(
      (r) =>
        r.method === 'GET' &&
        r.url.startsWith('/api/v1/') &&
        !r.url.startsWith('/api/v1/events') &&
        !r.url.startsWith('/api/v1/notifications'),
    );
    expect(reads.length).toBeGreaterThan(50);
    let answered = 0;
    for (const who of pool) {
      const foreign = world.filter((i) => !sees(who, i));
      const marks = foreign.flatMap((i) => [i.number, i.id]);
      const sample = foreign.slice(0, 3);
      for (const r of reads) {
        const urls = r.url.includes(':')
          ? sample.map((i) =>
              r.url.replace(/:(\w+)/g, (_, p: string) => (/number/i.test(p) ? i.number : i.id)),
            )
          : [r.url];
        for (const url of urls) {
          const res = await call('GET', url, who);
          expect(res.statusCode, `${url} for ${who.email}`).toBeLessThan(500);
          if (res.statusCode !== 200) continue;
          answered += 1;
          for (const m of marks)
            expect(res.body.includes(m), `${url} names ${m} to ${who.email}`).toBe(false);
        }
      }
    }
    expect(answered).toBeGreaterThan(0);
  });
});

describe('the trigger and the commands agree on who is staff', () => {
  it("the trigger's list of roles that are not staff is the roles outside staffRoles", async () => {
    // migration 0031 cannot import TypeScript: the list is written out there, and must not drift
    const trigger = readFileSync('drizzle/0031_requester_in_customer.sql', 'utf8');
    const listed = /r\.role NOT IN \(([^)]*)\)/.exec(trigger)?.[1] ?? '';
    const notStaff = [...listed.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
    expect(notStaff).toEqual(roles.filter((r) => !staffRoles.includes(r)).sort());
  });
});
