import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

/** The agent workspace: queues, filters, cursor pages, counts, search, bulk changes and live updates. */
let k: TestKeel;
let agent: TestUser;
let other: TestUser;
let customer: TestUser;
let otherCustomer: TestUser;
let groupId: string;
let serviceId: string;
const numbers: string[] = [];

const get = (url: string, who: TestUser) => k.app.inject({ method: 'GET', url, headers: who.auth });
const post = (url: string, payload: object, who = agent) =>
  k.app.inject({ method: 'POST', url, headers: who.auth, payload });

beforeAll(async () => {
  k = await testKeel();
  const manager = await k.user(['incident_manager', 'service_owner']);
  [agent, other, customer, otherCustomer] = await Promise.all([
    k.user(['service_desk_agent']),
    k.user(['resolver']),
    k.user(['customer']),
    k.user(['customer']),
  ]);
  serviceId = (await post('/api/v1/services', { name: 'Guest Wi-Fi', status: 'live' }, manager)).json().id;
  groupId = (await post('/api/v1/groups', { name: 'Network', memberIds: [agent.id] }, manager)).json().id;
  const make = async (payload: object, who = agent) => {
    const res = await post('/api/v1/incidents', { impact: 2, urgency: 2, ...payload }, who);
    expect(res.statusCode, res.body).toBe(201);
    numbers.push(res.json().number);
    return res.json();
  };
  await make({ title: 'The printer in the lobby is jammed', urgency: 1, impact: 1, assigneeId: agent.id });
  await make({ title: 'Wi-Fi slow in the spa', serviceId, groupId });
  await make({ title: 'Kassasysteem geeft foutmeldingen bij betalingen' }, customer);
  await make({
    title: 'Printeren lukt niet vanaf de receptie',
    description: '<p>De printers weigeren alle opdrachten</p>',
  });
  await make({ title: 'Nøglekortene virker ikke på værelserne', impact: 3, urgency: 3 }, otherCustomer);
  for (let i = 0; i < 7; i++) await make({ title: `Room TV ${i} shows no signal`, impact: 3, urgency: 2 });
  await k.db.execute(
    sql`update work_items set language = 'nl' where title like 'Kassa%' or title like 'Printeren%'`,
  );
  await k.db.execute(sql`update work_items set language = 'da' where title like 'Nøgle%'`);
});

type Row = {
  number: string;
  title: string;
  priority: number;
  assignee: { name: string } | null;
  clocks: unknown[];
};

describe('queues and lists', () => {
  it('lists by queue with counts that match the lists', async () => {
    const counts = (await get('/api/v1/work-items/queues', agent)).json();
    for (const q of ['mine', 'groups', 'unassigned', 'open']) {
      const list = (await get(`/api/v1/work-items?queue=${q}&limit=200`, agent)).json();
      expect(list.items.length, q).toBe(counts[q]);
    }
    expect(counts).toMatchObject({ mine: 1, groups: 1, unassigned: 11, open: 12, major: 0 });
    const mine = (await get('/api/v1/work-items?queue=mine', agent)).json();
    expect(mine.items[0]).toMatchObject({ title: 'The printer in the lobby is jammed', priority: 1 });
    expect(mine.items[0].assignee.id).toBe(agent.id);
  });

  it('the default queue sorts by priority then age, and cursor pages neither skip nor repeat', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(
        `/api/v1/work-items?queue=open&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
        agent,
      );
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      seen.push(...body.items.map((r: Row) => r.number));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.length).toBe(12);
    expect(new Set(seen).size).toBe(12);
    const all = (await get('/api/v1/work-items?queue=open&limit=200', agent)).json().items as Row[];
    expect(all.map((r) => r.number)).toEqual(seen);
    const priorities = all.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
  });

  it('filters on any queue field and refuses a forged cursor', async () => {
    const bySvc = (await get(`/api/v1/work-items?service=${serviceId}`, agent)).json().items as Row[];
    expect(bySvc.map((r) => r.title)).toEqual(['Wi-Fi slow in the spa']);
    const byPrio = (await get('/api/v1/work-items?priority=1,2&type=incident&open=true', agent)).json()
      .items as Row[];
    expect(byPrio.map((r) => r.priority).every((p) => p <= 2)).toBe(true);
    const byText = (await get('/api/v1/work-items?q=printer', agent)).json().items as Row[];
    expect(byText.map((r) => r.title).sort()).toEqual([
      'Printeren lukt niet vanaf de receptie',
      'The printer in the lobby is jammed',
    ]);
    expect(problemOf(await get('/api/v1/work-items?cursor=bm9wZQ', agent)).errors).toEqual([
      { field: 'querystring.cursor', message: 'is not a cursor this list gave out' },
    ]);
    expect(problemOf(await get('/api/v1/work-items?priority=x', agent)).errors![0]!.field).toBe(
      'querystring.priority.0',
    );
  });

  it('a customer lists only what they requested, without clocks', async () => {
    const list = (await get('/api/v1/work-items?limit=200', customer)).json().items as Row[];
    expect(list.map((r) => r.title)).toEqual(['Kassasysteem geeft foutmeldingen bij betalingen']);
    const counts = (await get('/api/v1/work-items/queues', customer)).json();
    expect(counts.open).toBe(1);
  });

  it('the breaching queue holds items whose deadline is near, soonest first', async () => {
    await k.db.execute(
      sql`update work_items set due_at = now() + interval '30 minutes' where number = ${numbers[1]}`,
    );
    await k.db.execute(
      sql`update work_items set due_at = now() - interval '5 minutes' where number = ${numbers[3]}`,
    );
    await k.db.execute(
      sql`update work_items set due_at = now() + interval '5 hours' where number = ${numbers[5]}`,
    );
    const list = (await get('/api/v1/work-items?queue=breaching', agent)).json().items as Row[];
    expect(list.map((r) => r.number)).toEqual([numbers[3], numbers[1]]);
  });
});

describe('search', () => {
  it('stems in the text language, ranks, and marks matches without HTML', async () => {
    const res = await get('/api/v1/search?q=printers', agent);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ title: string; titleHighlight: string; snippet: string }>;
    expect(items.map((i) => i.title)).toContain('The printer in the lobby is jammed');
    const nl = items.find((i) => i.title.startsWith('Printeren'))!;
    expect(nl.snippet).toContain('\u0001printers\u0002');
    const da = (await get(`/api/v1/search?q=${encodeURIComponent('nøglekort')}`, agent)).json().items;
    expect(da.map((i: { title: string }) => i.title)).toEqual(['Nøglekortene virker ikke på værelserne']);
    expect(da[0].titleHighlight).toContain('\u0001Nøglekortene\u0002');
  });

  it('needs every word, each in any of its stems; stop words drop out; quotes, or and minus still work', async () => {
    const titles = async (q: string) =>
      (
        (await get(`/api/v1/search?q=${encodeURIComponent(q)}`, agent)).json().items as Array<{
          title: string;
        }>
      )
        .map((i) => i.title)
        .sort();
    // "the" is an English stop word: it neither narrows nor widens; "printers" finds "printer"
    expect(await titles('the printers lobby')).toEqual(['The printer in the lobby is jammed']);
    expect(await titles('printers spa')).toEqual([]);
    expect(await titles('printers -lobby')).toEqual(['Printeren lukt niet vanaf de receptie']);
    expect(await titles('lobby or spa')).toEqual([
      'The printer in the lobby is jammed',
      'Wi-Fi slow in the spa',
    ]);
    expect(await titles('"lobby is jammed"')).toEqual(['The printer in the lobby is jammed']);
    // nothing left to search for: no matches, not an error
    const stop = await get('/api/v1/search?q=the%20and', agent);
    expect(stop.statusCode).toBe(200);
    expect(stop.json().items).toEqual([]);
    // results end at SEARCH_DEPTH items: a page there is empty, one past it is refused by name
    const end = await get('/api/v1/search?q=printers&offset=200', agent);
    expect(end.statusCode).toBe(200);
    expect(end.json().items).toEqual([]);
    expect(problemOf(await get('/api/v1/search?q=printers&offset=201', agent)).errors![0]!.field).toBe(
      'querystring.offset',
    );
  });

  it('a customer finds only their own; an empty query is refused', async () => {
    const res = (await get('/api/v1/search?q=kassasysteem', otherCustomer)).json();
    expect(res.items).toEqual([]);
    const own = (await get('/api/v1/search?q=kassasysteem', customer)).json();
    expect(own.items).toHaveLength(1);
    expect(problemOf(await get('/api/v1/search?q=%20', agent)).errors![0]!.field).toBe('querystring.q');
  });
});

describe('search in comments', () => {
  it('finds words in comments the reader may read, stemmed in the item language, and says where it matched', async () => {
    const own = (await get('/api/v1/search?q=kassasysteem', customer)).json().items[0];
    const comment = (body: string, internal: boolean) =>
      k.app.inject({
        method: 'POST',
        url: `/api/v1/work-items/${own.number}/comments`,
        headers: agent.auth,
        payload: { body, internal },
      });
    expect(
      (await comment('<p>De leverancier heeft de <b>betaalterminals</b> vervangen.</p>', false)).statusCode,
    ).toBe(201);
    expect(
      (await comment('<p>Het wachtwoord van de leverancier ligt in de kluis.</p>', true)).statusCode,
    ).toBe(201);

    const theirs = (await get('/api/v1/search?q=betaalterminal', customer)).json().items;
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ number: own.number, matchedIn: 'comment' });
    expect(theirs[0].snippet).toContain('\u0001betaalterminals\u0002');
    expect(theirs[0].snippet).not.toContain('<b>');
    // an internal comment is found by staff, never by the requester
    expect((await get('/api/v1/search?q=kluis', customer)).json().items).toEqual([]);
    const staff = (await get('/api/v1/search?q=kluis', agent)).json().items;
    expect(staff.map((i: { number: string }) => i.number)).toEqual([own.number]);
    // a word in the item's own text still counts for more than one in a comment
    const both = (await get('/api/v1/search?q=kassasysteem', agent)).json().items[0];
    expect(both).toMatchObject({ number: own.number, matchedIn: 'item' });
  });
});

describe('bulk changes', () => {
  it('changes all of them, or none with the failing one named', async () => {
    const tv = numbers.slice(5, 8);
    const ok = await post('/api/v1/work-items/bulk', { numbers: tv, set: { groupId } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().changed).toEqual(tv);
    const list = (await get(`/api/v1/work-items?group=${groupId}&limit=200`, agent)).json().items as Row[];
    expect(list.length).toBe(4);
    const bad = await post('/api/v1/work-items/bulk', {
      numbers: [numbers[8], numbers[9]],
      set: { groupId: null },
      to: 'resolved',
      input: { resolutionCode: 'fixed' },
    });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors).toEqual([
      { field: 'items.0.resolutionText', message: 'is required to resolve' },
    ]);
    const states = await k.db.execute<{ state: string }>(
      sql`select state from work_items where number = any(${sql.param([numbers[8], numbers[9]])}::text[])`,
    );
    expect(states.rows.map((r) => r.state)).toEqual(['new', 'new']);
    expect(
      (await post('/api/v1/work-items/bulk', { numbers: tv, set: { groupId } }, customer)).statusCode,
    ).toBe(403);
  });
});

describe('live updates', () => {
  let base: string;
  beforeAll(async () => {
    base = await k.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await k.app.server.closeAllConnections?.();
  });

  async function stream(who: TestUser) {
    const ac = new AbortController();
    const res = await fetch(`${base}/api/v1/events`, { headers: who.auth, signal: ac.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    const until = async (pred: (t: string) => boolean, ms = 5000) => {
      const end = Date.now() + ms;
      while (!pred(text) && Date.now() < end) {
        const chunk = await Promise.race([
          reader.read(),
          new Promise<{ value?: undefined }>((r) => setTimeout(() => r({}), 200)),
        ]);
        if (chunk.value) text += new TextDecoder().decode(chunk.value);
      }
      return text;
    };
    await until((t) => t.includes(': ready'));
    return { until, close: () => ac.abort(), text: () => text };
  }

  it('tells an open list which item changed; a customer hears only of their own', async () => {
    const staff = await stream(other);
    const cust = await stream(otherCustomer);
    const res = await post(`/api/v1/work-items/${numbers[2]}/comments`, { body: 'Any news?' }, customer);
    expect(res.statusCode, res.body).toBe(201);
    const seen = await staff.until((t) => t.includes(numbers[2]!));
    expect(seen).toMatch(
      new RegExp(`event: work-item\\ndata: \\{"number":"${numbers[2]}","type":"incident","version":\\d+\\}`),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(cust.text()).not.toContain(numbers[2]);
    staff.close();
    cust.close();
  });
});
