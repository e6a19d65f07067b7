import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { type KnowledgeKpiKey, knowledgeKpis } from './kpis.ts';
import { tellStaleOwners } from './stale.ts';

/**
 * Using knowledge through the API: "was this helpful?" and view counts, deflections and their rate, links
 * from work items (sent in replies), an article proposed from an incident's resolution, owners told of
 * stale articles, the KPIs objectives measure, field errors that write nothing, and refused roles.
 */
let k: TestKeel;
let km: TestUser;
let agent: TestUser;
let auditor: TestUser;
let cora: TestUser;
let colleague: TestUser;
let edith: TestUser;
let supplier: TestUser;
let alpenrose: string;
let edelweiss: string;
let wifi: string;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);
const get = (url: string, who: TestUser) => call('GET', url, who);
/** One figure of a KPI's statement for one ask, as objectives runs it (objectives/kpis.ts). */
async function kpi(key: KnowledgeKpiKey, ask: { from: Date; to: Date; serviceId?: string }) {
  const r = await k.db.execute<{ v: number | null }>(sql`
    select x.v from (select ${ask.from.toISOString()}::timestamptz as from_at, ${ask.to.toISOString()}::timestamptz as to_at,
                            null::int as priority, ${ask.serviceId ?? null}::uuid as service_id) a
     cross join lateral (${knowledgeKpis[key].statement}) x`);
  const v = r.rows[0]?.v;
  return v === null || v === undefined ? null : Number(v);
}

/** A step on a version, with If-Match on the article as it is now. */
const transition = async (a: { number: string }, n: number, who: TestUser, body: object) =>
  call('POST', `/api/v1/articles/${a.number}/versions/${n}/transitions`, who, body, {
    'if-match': (await get(`/api/v1/articles/${a.number}`, km)).headers.etag as string,
  });
const count = async (table: string) =>
  (await k.db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`)).rows[0]!
    .n;

type Article = { id: string; number: string; version: number; state: string; title: string };

async function published(over: object = {}): Promise<Article> {
  const res = await post('/api/v1/articles', agent, {
    type: 'faq',
    audience: 'everyone',
    language: 'en',
    title: 'Which Wi-Fi network do guests use?',
    body: '<p>Hotel-Guest, with the room number and surname.</p>',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  const a = res.json() as Article;
  expect((await transition(a, 1, agent, { action: 'submit' })).statusCode).toBe(200);
  expect((await transition(a, 1, km, { action: 'approve' })).statusCode).toBe(200);
  return (await get(`/api/v1/articles/${a.number}`, km)).json();
}

async function person(roles: Parameters<TestKeel['user']>[0], customerId: string | null) {
  const u = await k.user(roles);
  await k.db.execute(sql`update users set customer_id = ${customerId} where id = ${u.id}`);
  return u;
}

async function incident(
  requester: TestUser,
  customerId: string,
  title = 'Guests cannot log in to the Wi-Fi',
) {
  const res = await post('/api/v1/incidents', agent, {
    title,
    impact: 3,
    urgency: 3,
    requesterId: requester.id,
    customerId,
    serviceId: wifi,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { number: string; version: number };
}

beforeAll(async () => {
  k = await testKeel();
  const admin = await k.user(['administrator']);
  const org = async (code: string, name: string) =>
    (await post('/api/v1/customers', admin, { code, name })).json().id as string;
  alpenrose = await org('ALP', 'Hotel Alpenrose');
  edelweiss = await org('EDW', 'Hotel Edelweiss');
  [km, agent, auditor, cora, colleague, edith, supplier] = await Promise.all([
    k.user(['knowledge_manager']),
    k.user(['service_desk_agent']),
    k.user(['internal_auditor']),
    person(['customer'], alpenrose),
    person(['customer'], alpenrose),
    person(['customer'], edelweiss),
    person(['supplier'], null),
  ]);
  const keeper = await k.user(['service_owner', 'configuration_manager']);
  const res = await post('/api/v1/services', keeper, { name: 'Guest Wi-Fi', status: 'live', criticality: 2 });
  wifi = res.json().id;
});

describe('feedback and views', () => {
  it('keeps the helpful and not-helpful counts right however often people change their answer', async () => {
    const a = await published();
    const say = (who: TestUser, helpful: boolean, comment?: string) =>
      post(`/api/v1/articles/${a.number}/feedback`, who, { helpful, comment });
    expect((await say(cora, true)).json()).toEqual({
      helpful: 1,
      notHelpful: 0,
      mine: { helpful: true, comment: '' },
    });
    expect((await say(cora, true)).json()).toMatchObject({ helpful: 1, notHelpful: 0 });
    expect((await say(cora, false, 'Still no login page')).json()).toEqual({
      helpful: 0,
      notHelpful: 1,
      mine: { helpful: false, comment: 'Still no login page' },
    });
    expect((await say(edith, true)).json()).toMatchObject({ helpful: 1, notHelpful: 1 });
    expect((await say(supplier, true)).json()).toMatchObject({ helpful: 2, notHelpful: 1 });
    const read = (await get(`/api/v1/articles/${a.number}`, cora)).json();
    expect(read).toMatchObject({ helpful: 2, notHelpful: 1, myFeedback: { helpful: false } });
    // the internal auditor reads, and does not write
    expect((await say(auditor, true)).statusCode).toBe(403);
    expect((await post(`/api/v1/articles/${a.number}/feedback`, cora, { helpful: 'yes' })).statusCode).toBe(
      400,
    );
  });

  it('counts views of published articles', async () => {
    const a = await published({ title: 'Guest Wi-Fi opening hours' });
    await post(`/api/v1/articles/${a.number}/views`, cora);
    const v = await post(`/api/v1/articles/${a.id}/views`, edith);
    expect(v.json()).toEqual({ views: 2 });
    expect((await get(`/api/v1/articles/${a.number}`, cora)).json().views).toBe(2);
  });

  it('counts views without audit entries, and not those of read-only roles', async () => {
    const a = await published({ title: 'Guest Wi-Fi in the garden' });
    const entries = async () =>
      (
        await k.db.execute<{ n: number }>(
          sql`select count(*)::int as n from audit_log where record_id = ${a.number} and action = 'article.viewed'`,
        )
      ).rows[0]!.n;
    expect((await post(`/api/v1/articles/${a.number}/views`, cora)).json()).toEqual({ views: 1 });
    // the auditor reads and does not write: a reading of theirs is no view
    expect((await post(`/api/v1/articles/${a.number}/views`, auditor)).statusCode).toBe(403);
    expect((await get(`/api/v1/articles/${a.number}`, cora)).json().views).toBe(1);
    expect(await entries()).toBe(0);
  });

  it('refuses feedback on a draft', async () => {
    const draft = (
      await post('/api/v1/articles', agent, {
        type: 'faq',
        audience: 'everyone',
        language: 'en',
        title: 'Draft',
      })
    ).json();
    expect(
      (await post(`/api/v1/articles/${draft.number}/feedback`, agent, { helpful: true })).statusCode,
    ).toBe(409);
    expect(
      (await post(`/api/v1/articles/${draft.number}/feedback`, cora, { helpful: true })).statusCode,
    ).toBe(404);
  });
});

describe('deflections', () => {
  it('records who gave up reporting and who reported anyway, and counts the rate', async () => {
    const a = await published({ title: 'Reconnect to the guest Wi-Fi after checkout' });
    const before = Date.now();
    const deflected = await post('/api/v1/articles/deflections', cora, {
      query: 'wifi disconnects',
      outcome: 'deflected',
      articleId: a.number,
    });
    expect(deflected.statusCode, deflected.body).toBe(201);
    expect(deflected.json()).toMatchObject({ outcome: 'deflected' });
    const own = await incident(cora, alpenrose);
    expect(
      (
        await post('/api/v1/articles/deflections', cora, {
          query: 'wifi login',
          outcome: 'reported',
          workItem: own.number,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await post('/api/v1/articles/deflections', colleague, { query: 'wifi', outcome: 'deflected' }))
        .statusCode,
    ).toBe(201);
    const row = await k.db.execute<{ customer_id: string; article_id: string }>(
      sql`select customer_id, article_id from knowledge_deflections where user_id = ${cora.id} and outcome = 'deflected'`,
    );
    expect(row.rows[0]).toEqual({ customer_id: alpenrose, article_id: a.id });

    // another organisation's item is not theirs to name; a deflection names no report
    const other = await incident(edith, edelweiss);
    const n = await count('knowledge_deflections');
    const wrong = await post('/api/v1/articles/deflections', cora, {
      query: 'x',
      outcome: 'deflected',
      workItem: other.number,
    });
    expect(
      problemOf(wrong)
        .errors!.map((e) => e.field)
        .sort(),
    ).toEqual(['workItem', 'workItem']);
    const bad = await post('/api/v1/articles/deflections', cora, { query: 'x', outcome: 'gave_up' });
    expect(problemOf(bad).errors!.map((e) => e.field)).toEqual(['outcome']);
    expect(await count('knowledge_deflections')).toBe(n);

    // only customers' portal sessions are deflections: staff trying the portal are not counted
    const staff = await post('/api/v1/articles/deflections', agent, { query: 'wifi', outcome: 'deflected' });
    expect(staff.statusCode).toBe(403);
    expect(
      (await post('/api/v1/articles/deflections', supplier, { query: 'x', outcome: 'reported' })).statusCode,
    ).toBe(403);
    expect(await count('knowledge_deflections')).toBe(n);

    const stats = await get('/api/v1/articles/deflections', km);
    expect(stats.json()).toMatchObject({
      sessions: 3,
      deflected: 2,
      reported: 1,
      rate: 66.7,
      articles: [{ number: a.number, deflected: 1 }],
    });
    expect((await get('/api/v1/articles/deflections', cora)).statusCode).toBe(403);
    const rate = await kpi('deflection_rate', {
      from: new Date(before - 60_000),
      to: new Date(Date.now() + 60_000),
    });
    expect(rate).toBe(66.7);
    // for the Wi-Fi service: the reported item is of it; the deflections name no article about it
    const forWifi = await kpi('deflection_rate', {
      from: new Date(before - 60_000),
      to: new Date(Date.now() + 60_000),
      serviceId: wifi,
    });
    expect(forWifi).toBe(0);
    const none = await kpi('deflection_rate', { from: new Date('2020-01-01'), to: new Date('2020-02-01') });
    expect(none).toBeNull();
  });
});

describe('links from work items', () => {
  it('lets staff link an article, mark it sent in a reply, and unlink it', async () => {
    const a = await published({ title: 'Forget the hotel Wi-Fi on your phone' });
    const inc = await incident(cora, alpenrose);
    const url = `/api/v1/work-items/${inc.number}/articles`;
    expect((await post(url, cora, { article: a.number })).statusCode).toBe(403);
    expect((await post(url, auditor, { article: a.number })).statusCode).toBe(403);
    const linked = await post(url, agent, { article: a.number });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json()).toMatchObject({ articleId: a.id, sent: false });
    const sent = await post(url, agent, { article: a.id, sent: true });
    expect(sent.json()).toMatchObject({ sent: true });
    // linking again without sending does not unsend it
    expect((await post(url, agent, { article: a.number })).json().sent).toBe(true);
    expect((await get(url, cora)).json().items).toEqual([
      expect.objectContaining({ number: a.number, sent: true }),
    ]);
    expect((await post(url, agent, { article: 'KB-999999' })).statusCode).toBe(400);
    expect((await call('DELETE', `${url}/${a.number}`, cora)).statusCode).toBe(403);
    expect((await call('DELETE', `${url}/${a.number}`, agent)).statusCode).toBe(204);
    expect((await call('DELETE', `${url}/${a.number}`, agent)).statusCode).toBe(404);
    expect((await get(url, agent)).json().items).toEqual([]);
  });

  it('refuses to send a requester an article they may not read', async () => {
    const agentsOnly = await published({ title: 'Wi-Fi controller reboot', audience: 'agents' });
    const forEdelweiss = await published({
      title: 'Edelweiss Wi-Fi vouchers',
      audience: 'customers',
      customerIds: [edelweiss],
    });
    const inc = await incident(cora, alpenrose);
    const url = `/api/v1/work-items/${inc.number}/articles`;
    for (const a of [agentsOnly, forEdelweiss]) {
      const sent = await post(url, agent, { article: a.number, sent: true });
      expect(problemOf(sent).errors).toEqual([
        { field: 'article', message: `the requester of ${inc.number} may not read ${a.number}` },
      ]);
    }
    // linking it for the agents' own reference stays allowed
    expect((await post(url, agent, { article: agentsOnly.number })).statusCode).toBe(201);
  });

  it("offers for a reply only the articles the incident's requester may read", async () => {
    const words = 'Quokka kiosk';
    const everyone = await published({ title: `${words} for every guest` });
    const ownOrg = await published({
      title: `${words} at Alpenrose`,
      audience: 'customers',
      customerIds: [alpenrose],
    });
    const agentsOnly = await published({ title: `${words} reset on the controller`, audience: 'agents' });
    const otherOrg = await published({
      title: `${words} at Edelweiss`,
      audience: 'customers',
      customerIds: [edelweiss],
    });
    const draft = (
      await post('/api/v1/articles', agent, {
        type: 'faq',
        audience: 'everyone',
        language: 'en',
        title: `${words} draft answer`,
        body: '<p>Not yet reviewed.</p>',
      })
    ).json() as Article;
    const inc = await incident(cora, alpenrose, 'The quokka kiosk in the lobby rejects my room card');
    const numbers = (res: { json: () => { items: Array<{ number: string }> } }) =>
      res.json().items.map((i) => i.number);
    const suggest = (forItem?: string) =>
      get(
        `/api/v1/articles/suggestions?${new URLSearchParams({ text: words, ...(forItem ? { forItem } : {}) })}`,
        agent,
      );

    // without forItem the agent is offered what they read (agent-only and other organisations' too) ...
    const all = await suggest();
    expect(all.statusCode, all.body).toBe(200);
    expect(numbers(all).sort()).toEqual(
      [everyone.number, ownOrg.number, agentsOnly.number, otherOrg.number].sort(),
    );
    // ... and for Cora's incident only what Cora may read: no agent-only, other organisation's or draft
    const forCora = await suggest(inc.number);
    expect(forCora.statusCode, forCora.body).toBe(200);
    expect(numbers(forCora).sort()).toEqual([everyone.number, ownOrg.number].sort());
    // an item the caller cannot see is a field error (a customer learns nothing of other organisations')
    const unknown = await suggest('INC-999999');
    expect(problemOf(unknown).errors).toEqual([{ field: 'forItem', message: 'no work item INC-999999' }]);
    const edithsOwn = await incident(edith, edelweiss, 'Quokka kiosk out of order');
    const asCora = await get(
      `/api/v1/articles/suggestions?${new URLSearchParams({ text: words, forItem: edithsOwn.number })}`,
      cora,
    );
    expect(problemOf(asCora).errors).toEqual([
      { field: 'forItem', message: `no work item ${edithsOwn.number}` },
    ]);
    // an incident the agent reported themself: staff read every article, so every published one may go
    const ownIncident = (
      await post('/api/v1/incidents', agent, { title: 'Quokka kiosk frozen', impact: 3, urgency: 3 })
    ).json() as { number: string };
    expect(numbers(await suggest(ownIncident.number)).sort()).toEqual(
      [everyone.number, ownOrg.number, agentsOnly.number, otherOrg.number].sort(),
    );

    // the linked articles say which may go to the requester, by the same rule the link command applies
    const url = `/api/v1/work-items/${inc.number}/articles`;
    for (const a of [everyone, ownOrg, agentsOnly, otherOrg, draft])
      expect((await post(url, agent, { article: a.number })).statusCode).toBe(201);
    const rows = (await get(url, agent)).json().items as Array<{ number: string; requesterMayRead: boolean }>;
    expect(Object.fromEntries(rows.map((r) => [r.number, r.requesterMayRead]))).toEqual({
      [everyone.number]: true,
      [ownOrg.number]: true,
      [agentsOnly.number]: false,
      [otherOrg.number]: false,
      [draft.number]: false,
    });
    for (const r of rows) {
      const sent = await post(url, agent, { article: r.number, sent: true });
      expect(sent.statusCode, `${r.number}: ${sent.body}`).toBe(r.requesterMayRead ? 201 : 400);
    }
    // Cora sees her incident's links that she reads, with the same answer
    expect((await get(url, cora)).json().items).toEqual([
      expect.objectContaining({ number: everyone.number, requesterMayRead: true, sent: true }),
      expect.objectContaining({ number: ownOrg.number, requesterMayRead: true, sent: true }),
    ]);
  });
});

describe('an article drafted from an incident', () => {
  it('proposes a troubleshooting article for agents from the resolution and public notes, for review', async () => {
    const inc = await incident(cora, alpenrose, 'Login page of the guest Wi-Fi does not appear');
    const url = `/api/v1/incidents/${inc.number}/article-draft`;
    expect((await post(url, agent)).statusCode).toBe(409); // not resolved yet
    await post(`/api/v1/work-items/${inc.number}/comments`, agent, {
      body: '<p>Asked the guest to open http://neverssl.com</p>',
    });
    await post(`/api/v1/work-items/${inc.number}/comments`, agent, {
      body: '<p>Internal: controller restarted</p>',
      internal: true,
    });
    const cur = await get(`/api/v1/incidents/${inc.number}`, agent);
    const resolved = await call(
      'POST',
      `/api/v1/incidents/${inc.number}/transitions`,
      agent,
      {
        to: 'resolved',
        resolutionCode: 'workaround',
        resolutionText: 'Opened a plain http page to trigger the login page.',
      },
      { 'if-match': cur.headers.etag as string },
    );
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect((await post(url, cora)).statusCode).toBe(403);
    const res = await post(url, agent);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      type: 'troubleshooting',
      audience: 'agents',
      state: 'draft',
      title: 'Login page of the guest Wi-Fi does not appear',
      services: [{ id: wifi, name: 'Guest Wi-Fi' }],
      draft: { number: 1, state: 'in_review' },
    });
    expect(a.draft.body).toContain('Opened a plain http page to trigger the login page.');
    expect(a.draft.body).toContain('neverssl.com');
    expect(a.draft.body).not.toContain('controller restarted');
    const links = (await get(`/api/v1/work-items/${inc.number}/articles`, agent)).json().items;
    expect(links.map((l: { number: string }) => l.number)).toEqual([a.number]);
    // the requester does not see the draft linked to their incident
    expect((await get(`/api/v1/work-items/${inc.number}/articles`, cora)).json().items).toEqual([]);
    const texts = (await get('/api/v1/notifications', km)).json().items.map((n: { text: string }) => n.text);
    expect(texts).toContain(`Article ${a.number} version 1 awaits your review: ${a.title}`);
    expect((await post('/api/v1/incidents/INC-999999/article-draft', agent)).statusCode).toBe(404);
  });
});

describe('stale articles', () => {
  it('tells the owner once per review date and lists the article as stale', async () => {
    const a = await published({ title: 'Wi-Fi voucher printer', reviewBy: '2024-01-31', ownerId: km.id });
    const fresh = await published({ title: 'Wi-Fi for conference guests', reviewBy: '2999-01-01' });
    const stale = (await get('/api/v1/articles?stale=true', agent))
      .json()
      .items.map((i: Article) => i.number);
    expect(stale).toEqual([a.number]);
    expect((await get(`/api/v1/articles/${a.number}`, agent)).json().stale).toBe(true);
    expect((await get(`/api/v1/articles/${fresh.number}`, agent)).json().stale).toBe(false);
    expect(await tellStaleOwners(k.db)).toBe(1);
    expect(await tellStaleOwners(k.db)).toBe(0);
    const notes = (await get('/api/v1/notifications', km)).json().items.map((n: { text: string }) => n.text);
    expect(notes.filter((t: string) => t.startsWith(`Article ${a.number} was due for review`))).toEqual([
      `Article ${a.number} was due for review on 2024-01-31: check it is still right. Wi-Fi voucher printer`,
    ]);
    // a new review date (the owner checked it) that passes again is told again
    await k.db.execute(sql`update articles set review_by = '2024-06-30' where id = ${a.id}`);
    expect(await tellStaleOwners(k.db)).toBe(1);

    const end = new Date(Date.now() + 60_000);
    const freshness = await kpi('article_freshness', { from: new Date('2020-01-01'), to: end });
    const counts = await k.db.execute<{ all: number; fresh: number }>(sql`
      select count(*)::int as all, count(*) filter (where review_by is null or review_by >= current_date)::int as fresh
        from articles where state = 'published'`);
    const { all, fresh: ok } = counts.rows[0]!;
    expect(freshness).toBe(Math.round((1000 * ok) / all) / 10);
    expect(ok).toBe(all - 1);
  });
});

describe('the helpful-rate KPI', () => {
  it('is the share of answers in the period that said the article helped', async () => {
    const rate = await kpi('articles_helpful_rate', {
      from: new Date('2020-01-01'),
      to: new Date(Date.now() + 60_000),
    });
    const r = await k.db.execute<{ yes: number; all: number }>(
      sql`select count(*) filter (where helpful)::int as yes, count(*)::int as all from article_feedback`,
    );
    expect(r.rows[0]!.all).toBeGreaterThan(0);
    expect(rate).toBe(Math.round((1000 * r.rows[0]!.yes) / r.rows[0]!.all) / 10);
  });

  it('is measured by an objective through the objectives API', async () => {
    const head = await k.user(['process_owner', 'top_management']);
    const res = await post('/api/v1/objectives', head, {
      code: 'OBJ-KB-HELP',
      title: 'Articles help their readers',
      ownerId: head.id,
      measurement: { kind: 'kpi', kpi: 'articles_helpful_rate' },
      target: 60,
      direction: 'at_least',
      unit: '%',
      deadline: '2099-12-31',
      period: 'quarter',
    });
    expect(res.statusCode, res.body).toBe(201);
    // every answer in this file was given in the current quarter
    const rate = await kpi('articles_helpful_rate', {
      from: new Date('2020-01-01'),
      to: new Date(Date.now() + 60_000),
    });
    expect(res.json().current.value).toBe(rate);
    expect(res.json().status).toBe(rate! >= 60 ? 'on_track' : 'at_risk');
  });
});

describe('bad input and refused roles', () => {
  it('names every wrong field at once and writes nothing', async () => {
    const before = [await count('articles'), await count('article_versions'), await count('audit_log')];
    const shape = await post('/api/v1/articles', agent, {
      type: 'novel',
      audience: 'everyone',
      language: 'fr',
      title: ' ',
      reviewBy: '2026-02-30',
    });
    expect(
      problemOf(shape)
        .errors!.map((e) => e.field)
        .sort(),
    ).toEqual(['language', 'reviewBy', 'title', 'type']);
    const refs = await post('/api/v1/articles', agent, {
      type: 'faq',
      audience: 'everyone',
      language: 'en',
      title: 'Restricted wrongly',
      customerIds: [alpenrose],
      serviceIds: ['00000000-0000-4000-8000-000000000000'],
      translationOf: '00000000-0000-4000-8000-000000000001',
      ownerId: cora.id,
      reviewBy: '2027-01-01',
      expiresOn: '2026-01-01',
    });
    expect(
      problemOf(refs)
        .errors!.map((e) => e.field)
        .sort(),
    ).toEqual(['customerIds', 'expiresOn', 'ownerId', 'serviceIds', 'translationOf']);
    expect([await count('articles'), await count('article_versions'), await count('audit_log')]).toEqual(
      before,
    );
  });

  it('refuses the wrong roles', async () => {
    const a = await published({ title: 'Refusals' });
    const body = { type: 'faq', audience: 'everyone', language: 'en', title: 'x' };
    for (const who of [cora, supplier, auditor])
      expect((await post('/api/v1/articles', who, body)).statusCode).toBe(403);
    const patch = (who: TestUser) =>
      call('PATCH', `/api/v1/articles/${a.number}`, who, { title: 'y' }, { 'if-match': `"${a.version}"` });
    expect((await patch(auditor)).statusCode).toBe(403);
    expect((await patch(cora)).statusCode).toBe(403);
    expect((await post(`/api/v1/articles/${a.number}/retire`, agent)).statusCode).toBe(403);
    expect((await transition(a, 1, agent, { action: 'return', note: 'x' })).statusCode).toBe(403);
    expect((await transition(a, 1, cora, { action: 'submit' })).statusCode).toBe(403);
  });

  it('links translations to their original', async () => {
    const en = await published({ title: 'Guest Wi-Fi password' });
    const nl = await published({ language: 'nl', title: 'Wachtwoord gasten-wifi', translationOf: en.id });
    const da = await published({ language: 'da', title: 'Adgangskode til gæste-wifi', translationOf: nl.id });
    const read = (await get(`/api/v1/articles/${da.number}`, cora)).json();
    // a translation of a translation points at the original
    expect(read.translationOf).toMatchObject({ number: en.number });
    expect(read.translations.map((t: { language: string }) => t.language)).toEqual(['en', 'nl']);
    const original = (await get(`/api/v1/articles/${en.number}`, cora)).json();
    expect(original.translations.map((t: { number: string }) => t.number)).toEqual([da.number, nl.number]);
  });

  it('refuses translation chains and translations in the language of the original', async () => {
    const en = await published({ title: 'Breakfast hours' });
    const nl = await published({ language: 'nl', title: 'Ontbijttijden', translationOf: en.id });
    const other = await published({ language: 'da', title: 'Aftensmad' });
    const patch = async (a: Article, body: object) =>
      call('PATCH', `/api/v1/articles/${a.number}`, km, body, {
        'if-match': (await get(`/api/v1/articles/${a.number}`, km)).headers.etag as string,
      });
    // an original with translations does not become a translation itself
    const chain = await patch(en, { translationOf: other.id });
    expect(problemOf(chain).errors).toEqual([
      expect.objectContaining({
        field: 'translationOf',
        message: expect.stringMatching(/translations of its own/),
      }),
    ]);
    const same = await post('/api/v1/articles', agent, {
      type: 'faq',
      audience: 'everyone',
      language: 'en',
      title: 'Breakfast hours again',
      translationOf: en.id,
    });
    expect(problemOf(same).errors).toEqual([
      { field: 'translationOf', message: 'the original is in en too; a translation is in another language' },
    ]);
    const twice = await post('/api/v1/articles', agent, {
      type: 'faq',
      audience: 'everyone',
      language: 'nl',
      title: 'Ontbijt',
      translationOf: en.id,
    });
    expect(problemOf(twice).errors).toEqual([
      { field: 'translationOf', message: `the original is translated into nl already (${nl.number})` },
    ]);
    const toEnglish = await patch(nl, { language: 'en' });
    expect(problemOf(toEnglish).errors).toEqual([
      { field: 'language', message: 'the original is in en too; a translation is in another language' },
    ]);
  });
});

describe("removing an article's files", () => {
  const upload = async (a: { number: string }, name: string, text: string) => {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'text/plain' }), name);
    const res = await k.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${a.number}/attachments`,
      headers: agent.auth,
      payload: form,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; fileName: string; published: boolean; mayRemove: boolean };
  };
  const files = async (a: { number: string }, who: TestUser) =>
    (await get(`/api/v1/articles/${a.number}/attachments`, who)).json().items as Array<{
      fileName: string;
      published: boolean;
      mayRemove: boolean;
    }>;
  const remove = (a: { number: string }, id: string, who: TestUser) =>
    call('DELETE', `/api/v1/articles/${a.number}/attachments/${id}`, who);
  const removals = async (a: { number: string }) =>
    (
      await k.db.execute<{ actor_id: string; before: Record<string, unknown> }>(sql`
        select actor_id, before from audit_log
         where action = 'article.attachment_removed' and record_id = ${a.number} order by id`)
    ).rows;

  it('lets any writer remove a file readers do not see yet, and only an approver one they see', async () => {
    // two files published with version 1, a third uploaded after: readers see the first two only
    const res = await post('/api/v1/articles', agent, {
      type: 'how_to',
      audience: 'everyone',
      language: 'en',
      title: 'Spa opening hours',
      body: '<p>Daily from seven to ten.</p>',
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json() as Article;
    const map = await upload(a, 'spa-map.txt', 'spa map, first floor');
    const rules = await upload(a, 'spa-rules.txt', 'towels and sandals');
    expect((await transition(a, 1, agent, { action: 'submit' })).statusCode).toBe(200);
    expect((await transition(a, 1, km, { action: 'approve' })).statusCode).toBe(200);
    const prices = await upload(a, 'spa-prices.txt', 'massage 60 minutes');
    expect(prices).toMatchObject({ published: false, mayRemove: true });
    const seen = (list: Awaited<ReturnType<typeof files>>) =>
      list.map((f) => [f.fileName, f.published, f.mayRemove]);
    expect(seen(await files(a, agent))).toEqual([
      ['spa-map.txt', true, false],
      ['spa-rules.txt', true, false],
      ['spa-prices.txt', false, true],
    ]);
    expect(seen(await files(a, km))).toEqual([
      ['spa-map.txt', true, true],
      ['spa-rules.txt', true, true],
      ['spa-prices.txt', false, true],
    ]);
    expect(seen(await files(a, cora))).toEqual([
      ['spa-map.txt', true, false],
      ['spa-rules.txt', true, false],
    ]);
    // the article's answer carries the same per-file abilities
    expect(
      (await get(`/api/v1/articles/${a.number}`, agent))
        .json()
        .attachments.map((f: { mayRemove: boolean }) => f.mayRemove),
    ).toEqual([false, false, true]);
    const article = (await get(`/api/v1/articles/${a.number}`, km)).json();
    const attachments = await count('article_attachments');
    const entries = await count('audit_log');

    // the wrong role, and a writer on a file readers see: refused, nothing written
    for (const who of [cora, supplier, auditor])
      expect((await remove(a, prices.id, who)).statusCode).toBe(403);
    const refused = await remove(a, map.id, agent);
    expect(refused.statusCode).toBe(403);
    expect(problemOf(refused).detail).toBe(
      `spa-map.txt is part of ${a.number}'s published version: readers see it, and removing it changes what they read without a new version, so it is removed by knowledge_manager or process_owner.`,
    );
    expect([await count('article_attachments'), await count('audit_log')]).toEqual([attachments, entries]);

    // a writer removes the file readers do not see yet; an approver the one they see
    const gone = await remove(a, prices.id, agent);
    expect(gone.statusCode, gone.body).toBe(204);
    expect(gone.body).toBe('');
    expect((await remove(a, prices.id, agent)).statusCode).toBe(404);
    expect((await remove(a, map.id, km)).statusCode).toBe(204);
    expect([await count('article_attachments'), await count('audit_log')]).toEqual([
      attachments - 2,
      entries + 2,
    ]);
    expect((await files(a, km)).map((f) => f.fileName)).toEqual(['spa-rules.txt']);
    expect((await files(a, cora)).map((f) => f.fileName)).toEqual(['spa-rules.txt']);
    expect((await get(`/api/v1/articles/${a.number}/attachments/${map.id}`, cora)).statusCode).toBe(404);

    // each removal is audited with the file's metadata, by who removed it
    const [first, second] = await removals(a);
    expect(first).toMatchObject({
      actor_id: agent.id,
      before: {
        id: prices.id,
        articleId: a.id,
        fileName: 'spa-prices.txt',
        contentType: 'text/plain',
        size: 'massage 60 minutes'.length,
        published: false,
        uploadedBy: agent.id,
      },
    });
    expect(first!.before.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toMatchObject({
      actor_id: km.id,
      before: { id: map.id, fileName: 'spa-map.txt', published: true },
    });

    // nothing else changed: the article's version and text, the other file and its bytes
    const after = (await get(`/api/v1/articles/${a.number}`, km)).json();
    expect({ ...after, attachments: undefined, updatedAt: undefined }).toEqual({
      ...article,
      attachments: undefined,
      updatedAt: undefined,
    });
    const kept = await get(`/api/v1/articles/${a.number}/attachments/${rules.id}`, cora);
    expect(kept.statusCode).toBe(200);
    expect(kept.body).toBe('towels and sandals');
  });

  it('keeps the bytes another file shares, and finds no file of another article', async () => {
    const a = await published({ title: 'Sauna towels' });
    const b = await published({ title: 'Pool towels' });
    const mine = await upload(a, 'towels.txt', 'two towels per guest');
    const same = await upload(b, 'towels-too.txt', 'two towels per guest');
    expect((await remove(b, mine.id, km)).statusCode).toBe(404);
    expect((await remove(a, '00000000-0000-4000-8000-000000000000', km)).statusCode).toBe(404);
    expect((await remove({ number: 'KB-999999' }, mine.id, km)).statusCode).toBe(404);
    expect(problemOf(await remove(a, 'not-a-file', km)).errors).toEqual([
      { field: 'params.attachmentId', message: 'must be an attachment id (UUID)' },
    ]);
    expect((await files(a, km)).map((f) => f.fileName)).toEqual(['towels.txt']);
    expect((await remove(a, mine.id, agent)).statusCode).toBe(204);
    const other = await get(`/api/v1/articles/${b.number}/attachments/${same.id}`, agent);
    expect(other.statusCode).toBe(200);
    expect(other.body).toBe('two towels per guest');
  });
});
