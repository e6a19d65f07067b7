// Past 400 lines: the cases share one set of organisations, services, people and articles, and the search and
// suggestion cases rank against everything the ones before them published.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';

/**
 * Knowledge through its API over the real database: approval before publication and its authority, versions
 * that stay out of readers' sight until approved, the audience rule on every read path, search stemmed in
 * English, Dutch and Danish, and suggestions ranked as checked by hand. Using knowledge (feedback, views,
 * deflections, links, drafts from incidents, stale articles, KPIs, field errors) is in use.test.ts.
 */
let k: TestKeel;
let km: TestUser; // knowledge manager
let km2: TestUser;
let owner: TestUser; // process owner
let agent: TestUser;
let auditor: TestUser;
let cora: TestUser; // customer of Alpenrose
let edith: TestUser; // customer of Edelweiss
let supplier: TestUser;
let alpenrose: string;
let edelweiss: string;
let wifi: string;
let pms: string;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);
const get = (url: string, who: TestUser) => call('GET', url, who);
type Article = { id: string; number: string; version: number; state: string; title: string; body: string };

async function write(who: TestUser, over: object = {}): Promise<Article> {
  const res = await post('/api/v1/articles', who, {
    type: 'how_to',
    audience: 'everyone',
    language: 'en',
    title: 'Connect to the guest Wi-Fi',
    summary: 'How guests get online',
    body: '<p>Choose the network <b>Hotel-Guest</b> and accept the terms.</p>',
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** The article's ETag now, as a writer or reviewer who just read it would send it back. */
const etag = async (a: { number: string }) =>
  (await get(`/api/v1/articles/${a.number}`, km)).headers.etag as string;

/** A step on a version, with If-Match on the article as read just before (or the tag given). */
const step = async (
  a: { number: string },
  n: number,
  who: TestUser,
  action: string,
  note?: string,
  ifMatch?: string,
) =>
  call(
    'POST',
    `/api/v1/articles/${a.number}/versions/${n}/transitions`,
    who,
    { action, note },
    { 'if-match': ifMatch ?? (await etag(a)) },
  );

/** Writes (as an agent), submits and approves (as the knowledge manager) an article. */
async function published(over: object = {}, author = agent, approver = km): Promise<Article> {
  const a = await write(author, over);
  expect((await step(a, 1, author, 'submit')).statusCode).toBe(200);
  const ok = await step(a, 1, approver, 'approve');
  expect(ok.statusCode, ok.body).toBe(200);
  return (await get(`/api/v1/articles/${a.number}`, approver)).json();
}

const numbers = (res: { json: () => { items: Array<{ number: string }> } }) =>
  res.json().items.map((i) => i.number);

async function person(roles: Parameters<TestKeel['user']>[0], customerId: string | null, language = 'en') {
  const u = await k.user(roles);
  await k.db.execute(
    sql`update users set customer_id = ${customerId}, language = ${language} where id = ${u.id}`,
  );
  return u;
}

beforeAll(async () => {
  k = await testKeel();
  const admin = await k.user(['administrator']);
  const org = async (code: string, name: string) => {
    const res = await post('/api/v1/customers', admin, { code, name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  alpenrose = await org('ALP', 'Hotel Alpenrose');
  edelweiss = await org('EDW', 'Hotel Edelweiss');
  [km, km2, owner, agent, auditor, cora, edith, supplier] = await Promise.all([
    k.user(['knowledge_manager']),
    k.user(['knowledge_manager']),
    k.user(['process_owner']),
    k.user(['service_desk_agent']),
    k.user(['internal_auditor']),
    person(['customer'], alpenrose),
    person(['customer'], edelweiss),
    person(['supplier'], null),
  ]);
  const keeper = await k.user(['service_owner', 'configuration_manager']);
  const service = async (name: string) => {
    const res = await post('/api/v1/services', keeper, { name, status: 'live', criticality: 3 });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  wifi = await service('Guest Wi-Fi');
  pms = await service('Property management');
});

describe('approval before publication', () => {
  it('keeps an unapproved draft from customers; the author may not approve; a knowledge manager publishes', async () => {
    const a = await write(km, { title: 'Reset a room key card' });
    expect(a).toMatchObject({ state: 'draft', publishedVersion: null, body: '' });
    expect((await get(`/api/v1/articles/${a.number}`, cora)).statusCode).toBe(404);
    expect(numbers(await get('/api/v1/articles', cora))).not.toContain(a.number);
    const staff = await get('/api/v1/articles', agent);
    expect(staff.json().items.find((i: Article) => i.number === a.number)).toMatchObject({
      state: 'draft',
      openVersion: 'draft',
    });
    // the draft cannot be approved before it is submitted
    expect((await step(a, 1, km2, 'approve')).statusCode).toBe(409);
    expect((await step(a, 1, km, 'submit')).json()).toMatchObject({ state: 'in_review' });
    const own = await step(a, 1, km, 'approve');
    expect(own.statusCode).toBe(403);
    expect(problemOf(own).detail).toMatch(/author/);
    expect((await get(`/api/v1/articles/${a.number}`, km)).json().abilities).toMatchObject({
      approve: false,
      return: true,
    });
    expect((await get(`/api/v1/articles/${a.number}`, km2)).json().abilities.approve).toBe(true);
    // an agent may write but not approve
    expect((await step(a, 1, agent, 'approve')).statusCode).toBe(403);
    expect((await get(`/api/v1/articles/${a.number}`, cora)).statusCode).toBe(404);
    const ok = await step(a, 1, km2, 'approve');
    expect(ok.json()).toMatchObject({ state: 'published', reviewer: { id: km2.id } });
    const read = await get(`/api/v1/articles/${a.number}`, cora);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({
      state: 'published',
      publishedVersion: 1,
      title: 'Reset a room key card',
      body: '<p>Choose the network <b>Hotel-Guest</b> and accept the terms.</p>',
      draft: null,
      customers: [],
    });
    expect(numbers(await get('/api/v1/articles', cora))).toContain(a.number);
  });

  it('tells the approvers of a submitted version and the author of the decision', async () => {
    const a = await write(agent, { title: 'Late checkout in the PMS' });
    await step(a, 1, agent, 'submit');
    const texts = async (who: TestUser) =>
      (await get('/api/v1/notifications', who)).json().items.map((n: { text: string }) => n.text) as string[];
    expect(await texts(km2)).toContain(
      `Article ${a.number} version 1 awaits your review: Late checkout in the PMS`,
    );
    expect(await texts(owner)).toContain(
      `Article ${a.number} version 1 awaits your review: Late checkout in the PMS`,
    );
    const noNote = await step(a, 1, km, 'return');
    expect(problemOf(noNote).errors).toEqual([
      { field: 'note', message: 'say what the author should change' },
    ]);
    expect((await step(a, 1, km, 'return', 'Name the menu item')).json()).toMatchObject({
      state: 'draft',
      reviewNote: 'Name the menu item',
    });
    expect(await texts(agent)).toContain(
      `Article ${a.number} version 1 was returned to you: Name the menu item`,
    );
  });

  it('sanitises rich text', async () => {
    const a = await published({
      body: '<p onclick="x()">Hi</p><script>alert(1)</script><img src=x onerror=y>',
    });
    expect(a.body).not.toMatch(/script|onclick|onerror/);
    expect(a.body).toContain('Hi');
  });
});

describe('versions', () => {
  it('keeps v1 for readers while v2 is drafted and reviewed, then publishes v2 and supersedes v1', async () => {
    const a = await published({
      title: 'Print a guest folio',
      body: '<p>Open the folio and press Print.</p>',
    });
    const noMatch = await call('PATCH', `/api/v1/articles/${a.number}`, agent, { body: '<p>x</p>' });
    expect(noMatch.statusCode).toBe(428);
    const stale = await call(
      'PATCH',
      `/api/v1/articles/${a.number}`,
      agent,
      { body: '<p>x</p>' },
      { 'if-match': `"${a.version - 1}"` },
    );
    expect(stale.statusCode).toBe(412);
    const edited = await call(
      'PATCH',
      `/api/v1/articles/${a.number}`,
      agent,
      { body: '<p>Open the folio, choose the printer, press Print.</p>', changeNote: 'Printer choice' },
      { 'if-match': `"${a.version}"` },
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      body: '<p>Open the folio and press Print.</p>',
      publishedVersion: 1,
      draft: { number: 2, state: 'draft', body: '<p>Open the folio, choose the printer, press Print.</p>' },
    });
    const forCora = (await get(`/api/v1/articles/${a.number}`, cora)).json();
    expect(forCora).toMatchObject({ body: '<p>Open the folio and press Print.</p>', draft: null });
    expect((await get(`/api/v1/articles/${a.number}/versions`, cora)).json().items).toHaveLength(1);
    const all = (await get(`/api/v1/articles/${a.number}/versions`, auditor)).json().items;
    expect(all.map((v: { number: number; state: string }) => [v.number, v.state])).toEqual([
      [1, 'published'],
      [2, 'draft'],
    ]);
    expect(all[1].body).toContain('choose the printer');

    await step(a, 2, agent, 'submit');
    const now = (await get(`/api/v1/articles/${a.number}`, agent)).headers.etag as string;
    const inReview = await call(
      'PATCH',
      `/api/v1/articles/${a.number}`,
      agent,
      { body: '<p>more</p>' },
      { 'if-match': now },
    );
    expect(inReview.statusCode).toBe(409);
    expect((await get(`/api/v1/articles/${a.number}`, cora)).json().body).toBe(
      '<p>Open the folio and press Print.</p>',
    );
    expect((await step(a, 2, km, 'approve')).statusCode).toBe(200);
    const after = (await get(`/api/v1/articles/${a.number}`, cora)).json();
    expect(after).toMatchObject({
      publishedVersion: 2,
      body: '<p>Open the folio, choose the printer, press Print.</p>',
    });
    const states = (await get(`/api/v1/articles/${a.number}/versions`, agent)).json().items;
    expect(states.map((v: { state: string }) => v.state)).toEqual(['superseded', 'published']);
  });

  it('retires an article: readers no longer see it; approving a new version publishes it again', async () => {
    const a = await published({ title: 'Old fax instructions' });
    expect((await post(`/api/v1/articles/${a.number}/retire`, agent, {})).statusCode).toBe(403);
    expect(
      (await post(`/api/v1/articles/${a.number}/retire`, km, { reason: 'No fax any more' })).json(),
    ).toMatchObject({
      state: 'retired',
    });
    expect((await get(`/api/v1/articles/${a.number}`, cora)).statusCode).toBe(404);
    const cur = (await get(`/api/v1/articles/${a.number}`, agent)).json();
    await call(
      'PATCH',
      `/api/v1/articles/${a.number}`,
      agent,
      { title: 'E-fax instructions' },
      { 'if-match': `"${cur.version}"` },
    );
    await step(a, 2, agent, 'submit');
    await step(a, 2, km, 'approve');
    expect((await get(`/api/v1/articles/${a.number}`, cora)).json()).toMatchObject({
      state: 'published',
      title: 'E-fax instructions',
    });
  });
});

describe('who decides what after publication', () => {
  const patch = async (a: { number: string }, who: TestUser, body: object) =>
    call('PATCH', `/api/v1/articles/${a.number}`, who, body, { 'if-match': await etag(a) });
  const audit = async (a: { number: string }) =>
    (
      await k.db.execute<{ n: number }>(
        sql`select count(*)::int as n from audit_log where record_type = 'article' and record_id = ${a.number}`,
      )
    ).rows[0]!.n;

  it("keeps a published article's readers the approvers' decision, and its organisations across audiences", async () => {
    const a = await published({
      title: 'Alpenrose minibar prices',
      audience: 'customers',
      customerIds: [alpenrose],
      expiresOn: '2099-01-01',
    });
    expect((await get(`/api/v1/articles/${a.number}`, agent)).json().abilities.changeReaders).toBe(false);
    expect((await get(`/api/v1/articles/${a.number}`, km)).json().abilities.changeReaders).toBe(true);
    const widen = await patch(a, agent, { audience: 'everyone' });
    expect(widen.statusCode).toBe(403);
    expect(problemOf(widen).detail).toMatch(/has been published: who reads it \(audience\)/);
    expect((await patch(a, agent, { customerIds: [] })).statusCode).toBe(403);
    expect((await patch(a, agent, { expiresOn: null })).statusCode).toBe(403);
    expect((await get(`/api/v1/articles/${a.number}`, edith)).statusCode).toBe(404);
    // text, tags and an earlier expiry stay the writers'
    expect((await patch(a, agent, { tags: ['alpenrose'], expiresOn: '2098-01-01' })).statusCode).toBe(200);
    // an approver widens it; switching back to customers restricts it to Alpenrose again
    expect((await patch(a, km, { audience: 'everyone' })).statusCode).toBe(200);
    expect((await get(`/api/v1/articles/${a.number}`, edith)).statusCode).toBe(200);
    expect((await patch(a, km, { audience: 'customers' })).statusCode).toBe(200);
    expect((await get(`/api/v1/articles/${a.number}`, edith)).statusCode).toBe(404);
    expect((await get(`/api/v1/articles/${a.number}`, cora)).statusCode).toBe(200);
    // before its first publication the writer sets its readers (the approval covers them)
    const draft = await write(agent, { title: 'Minibar draft', audience: 'agents' });
    expect((await patch(draft, agent, { audience: 'everyone' })).statusCode).toBe(200);
  });

  it('takes If-Match on version steps: a stale approve of re-edited text is refused', async () => {
    const a = await write(agent, { title: 'Spa opening hours', body: '<p>Open 9 to 5.</p>' });
    expect((await step(a, 1, agent, 'submit')).statusCode).toBe(200);
    const readByKm = await etag(a);
    expect((await step(a, 1, km2, 'return', 'Say which days')).statusCode).toBe(200);
    expect((await patch(a, agent, { body: '<p>Open 9 to 5, closed on Sundays.</p>' })).statusCode).toBe(200);
    expect((await step(a, 1, agent, 'submit')).statusCode).toBe(200);
    expect((await step(a, 1, km, 'approve', undefined, readByKm)).statusCode).toBe(412);
    const none = await post(`/api/v1/articles/${a.number}/versions/1/transitions`, km, { action: 'approve' });
    expect(none.statusCode).toBe(428);
    expect((await get(`/api/v1/articles/${a.number}`, agent)).json().state).toBe('draft');
    const ok = await step(a, 1, km, 'approve');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe(await etag(a));
    expect((await get(`/api/v1/articles/${a.number}`, cora)).json().body).toBe(
      '<p>Open 9 to 5, closed on Sundays.</p>',
    );
  });

  it("refuses approval to anyone who changed a version's text; sending the same text changes nothing", async () => {
    const a = await published({ title: 'Sauna rules', body: '<p>Towels required.</p>' });
    // km starts version 2; the agent's form sends the same text again: no change, km stays its only writer
    expect((await patch(a, km, { body: '<p>Towels and sandals required.</p>' })).statusCode).toBe(200);
    const tag = await etag(a);
    const entries = await audit(a);
    const same = await patch(a, agent, { title: 'Sauna rules', body: '<p>Towels and sandals required.</p>' });
    expect(same.statusCode).toBe(200);
    expect(same.headers.etag).toBe(tag);
    expect((await patch(a, agent, {})).headers.etag).toBe(tag);
    expect(await audit(a)).toBe(entries);
    expect((await step(a, 2, agent, 'submit')).statusCode).toBe(200);
    const own = await step(a, 2, km, 'approve');
    expect(own.statusCode).toBe(403);
    // km2 edits the text after it is returned: now neither km nor km2 may approve it, the owner may
    expect((await step(a, 2, owner, 'return', 'Mention flip-flops')).statusCode).toBe(200);
    expect((await patch(a, km2, { body: '<p>Towels and flip-flops required.</p>' })).statusCode).toBe(200);
    expect((await step(a, 2, km2, 'submit')).statusCode).toBe(200);
    expect((await get(`/api/v1/articles/${a.number}`, km2)).json().abilities.approve).toBe(false);
    expect((await step(a, 2, km2, 'approve')).statusCode).toBe(403);
    expect((await step(a, 2, km, 'approve')).statusCode).toBe(403);
    expect((await step(a, 2, owner, 'approve')).statusCode).toBe(200);
  });

  it('shows readers only the files of the published version, and of versions only the published text', async () => {
    const a = await published({ title: 'Pool towels', changeNote: 'Asked in INC-000123 of Edelweiss' });
    expect((await patch(a, agent, { body: '<p>New towel desk.</p>' })).statusCode).toBe(200);
    const file = new FormData();
    file.append('file', new Blob(['new map'], { type: 'text/plain' }), 'map.txt');
    const up = await k.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${a.number}/attachments`,
      headers: agent.auth,
      payload: file,
    });
    expect(up.statusCode, up.body).toBe(201);
    const fileUrl = `/api/v1/articles/${a.number}/attachments/${up.json().id}`;
    expect((await get(`/api/v1/articles/${a.number}/attachments`, cora)).json().items).toEqual([]);
    expect((await get(`/api/v1/articles/${a.number}`, cora)).json().attachments).toEqual([]);
    expect((await get(fileUrl, cora)).statusCode).toBe(404);
    expect((await get(`/api/v1/articles/${a.number}/attachments`, agent)).json().items).toHaveLength(1);
    const [v1] = (await get(`/api/v1/articles/${a.number}/versions`, cora)).json().items;
    expect(v1).toMatchObject({
      number: 1,
      title: 'Pool towels',
      changeNote: '',
      reviewNote: '',
      author: null,
      reviewer: null,
      steps: [],
    });
    expect(JSON.stringify(v1)).not.toMatch(/INC-000123|Edelweiss/);
    expect((await get(`/api/v1/articles/${a.number}`, cora)).json().owner).toBeNull();
    expect((await get(`/api/v1/articles/${a.number}/versions`, agent)).json().items[0].changeNote).toBe(
      'Asked in INC-000123 of Edelweiss',
    );
    await step(a, 2, agent, 'submit');
    await step(a, 2, km, 'approve');
    expect((await get(`/api/v1/articles/${a.number}/attachments`, cora)).json().items).toHaveLength(1);
    expect((await get(fileUrl, cora)).statusCode).toBe(200);
  });

  it('lists the review queue: articles whose open version is in review, the longest waiting first', async () => {
    const first = await write(agent, { title: 'Queue first' });
    const second = await write(agent, { title: 'Queue second' });
    const notSubmitted = await write(agent, { title: 'Queue draft' });
    await step(first, 1, agent, 'submit');
    await step(second, 1, agent, 'submit');
    const queue = numbers(await get('/api/v1/articles?review=true&limit=100', km));
    expect(queue).not.toContain(notSubmitted.number);
    expect(queue.indexOf(first.number)).toBeGreaterThanOrEqual(0);
    expect(queue.indexOf(first.number)).toBeLessThan(queue.indexOf(second.number));
    expect(numbers(await get('/api/v1/articles?review=true', cora))).toEqual([]);
  });
});

describe('who reads what: the audience rule on every read path', () => {
  let restricted: Article;
  let agentsOnly: Article;
  let expired: Article;
  let forAll: Article;
  let edithIncident: string;
  let coraIncident: string;

  beforeAll(async () => {
    // its file is uploaded with the draft: readers see the files of the version they read
    const draft = await write(agent, {
      title: 'Alpenrose conference room projector',
      audience: 'customers',
      customerIds: [alpenrose],
      body: '<p>The projector in the Alpenrose conference room uses HDMI input two.</p>',
      serviceIds: [wifi],
    });
    const file = new FormData();
    file.append('file', new Blob(['HDMI 2'], { type: 'text/plain' }), 'projector.txt');
    const up = await k.app.inject({
      method: 'POST',
      url: `/api/v1/articles/${draft.number}/attachments`,
      headers: agent.auth,
      payload: file,
    });
    expect(up.statusCode, up.body).toBe(201);
    expect((await step(draft, 1, agent, 'submit')).statusCode).toBe(200);
    expect((await step(draft, 1, km, 'approve')).statusCode).toBe(200);
    restricted = draft;
    agentsOnly = await published({ title: 'Projector firmware for agents', audience: 'agents' });
    expired = await published({ title: 'Projector offer for the summer', expiresOn: '2020-01-01' });
    forAll = await published({ title: 'Projector remote batteries', audience: 'customers' });
    const incident = async (who: TestUser, customerId: string) => {
      const res = await post('/api/v1/incidents', agent, {
        title: 'Projector does not start',
        impact: 3,
        urgency: 3,
        requesterId: who.id,
        customerId,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().number as string;
    };
    edithIncident = await incident(edith, edelweiss);
    coraIncident = await incident(cora, alpenrose);
    for (const item of [edithIncident, coraIncident])
      for (const a of [restricted, agentsOnly, forAll])
        expect(
          (await post(`/api/v1/work-items/${item}/articles`, agent, { article: a.number })).statusCode,
        ).toBe(201);
  });

  it('shows the restricted article to its organisation only, and agent articles to nobody outside', async () => {
    const seen = async (who: TestUser) => {
      const list = numbers(await get('/api/v1/articles?limit=100', who));
      const search = numbers(await get('/api/v1/articles?q=projector', who));
      const suggested = numbers(await get('/api/v1/articles/suggestions?text=projector%20conference', who));
      return { list, search, suggested };
    };
    const c = await seen(cora);
    for (const l of [c.list, c.search]) {
      expect(l).toContain(restricted.number);
      expect(l).toContain(forAll.number);
      expect(l).not.toContain(agentsOnly.number);
      expect(l).not.toContain(expired.number);
    }
    expect(c.suggested).toContain(restricted.number);
    const e = await seen(edith);
    for (const l of [e.list, e.search, e.suggested]) {
      expect(l).not.toContain(restricted.number);
      expect(l).not.toContain(agentsOnly.number);
      expect(l).not.toContain(expired.number);
    }
    expect(e.search).toContain(forAll.number);
    const s = await seen(supplier);
    for (const l of [s.list, s.search, s.suggested]) {
      expect(l).not.toContain(restricted.number);
      expect(l).not.toContain(forAll.number);
    }
    const staff = await seen(auditor);
    expect(staff.search).toEqual(
      expect.arrayContaining([restricted.number, agentsOnly.number, expired.number]),
    );
    // a count agrees with the list
    const counted = (await get('/api/v1/articles?q=projector', edith)).json();
    expect(counted.total).toBe(counted.items.length);
  });

  it('answers 404 for one article, its versions and files outside the audience', async () => {
    for (const path of ['', '/versions', '/attachments']) {
      expect((await get(`/api/v1/articles/${restricted.number}${path}`, edith)).statusCode).toBe(404);
      expect((await get(`/api/v1/articles/${restricted.id}${path}`, supplier)).statusCode).toBe(404);
      expect((await get(`/api/v1/articles/${restricted.number}${path}`, cora)).statusCode).toBe(200);
    }
    expect((await get(`/api/v1/articles/${agentsOnly.number}`, cora)).statusCode).toBe(404);
    expect((await get(`/api/v1/articles/${expired.number}`, cora)).statusCode).toBe(404);
    const files = (await get(`/api/v1/articles/${restricted.number}/attachments`, cora)).json().items;
    const url = `/api/v1/articles/${restricted.number}/attachments/${files[0].id}`;
    const dl = await get(url, cora);
    expect(dl.statusCode).toBe(200);
    expect(dl.body).toBe('HDMI 2');
    expect((await get(url, edith)).statusCode).toBe(404);
    expect(
      (await get(`/api/v1/articles/${forAll.number}/attachments/${files[0].id}`, edith)).statusCode,
    ).toBe(404);
    // the restriction's organisations are for staff
    expect((await get(`/api/v1/articles/${restricted.number}`, cora)).json().customers).toEqual([]);
    expect((await get(`/api/v1/articles/${restricted.number}`, agent)).json().customers).toEqual([
      { id: alpenrose, name: 'Hotel Alpenrose' },
    ]);
  });

  it('lists only readable articles linked to a work item, and only on items the reader may read', async () => {
    const forEdith = numbers(await get(`/api/v1/work-items/${edithIncident}/articles`, edith));
    expect(forEdith).toEqual([forAll.number]);
    const forCora = numbers(await get(`/api/v1/work-items/${coraIncident}/articles`, cora));
    expect(forCora.sort()).toEqual([restricted.number, forAll.number].sort());
    expect((await get(`/api/v1/work-items/${coraIncident}/articles`, edith)).statusCode).toBe(404);
    expect(numbers(await get(`/api/v1/work-items/${coraIncident}/articles`, agent))).toHaveLength(3);
  });

  it('refuses feedback, views and deflections naming an article outside the audience', async () => {
    expect(
      (await post(`/api/v1/articles/${restricted.number}/feedback`, edith, { helpful: true })).statusCode,
    ).toBe(404);
    expect((await post(`/api/v1/articles/${restricted.number}/views`, edith)).statusCode).toBe(404);
    const d = await post('/api/v1/articles/deflections', edith, {
      query: 'projector',
      outcome: 'deflected',
      articleId: restricted.number,
    });
    expect(problemOf(d).errors).toEqual([{ field: 'articleId', message: 'no such article' }]);
  });
});

describe('search', () => {
  const results = async (who: TestUser, q: string) =>
    (await get(`/api/v1/articles?q=${encodeURIComponent(q)}&state=published`, who)).json().items as Array<{
      number: string;
      title: string;
      language: string;
    }>;
  let en1: Article;
  let en2: Article;
  let nl1: Article;
  let da1: Article;
  let da2: Article;

  beforeAll(async () => {
    en1 = await published({
      title: 'Receipt printers jammed at reception',
      body: '<p>Open the cover and remove the paper roll.</p>',
    });
    en2 = await published({
      title: 'Replace the paper roll',
      body: '<p>When a printer jams, its roll is often loaded the wrong way.</p>',
    });
    nl1 = await published({
      language: 'nl',
      title: 'Wifi-verbindingen vallen weg op de kamers',
      body: '<p>Zet de router in de technische ruimte uit en weer aan.</p>',
    });
    da1 = await published({
      language: 'da',
      title: 'Netværket på værelserne er langsomt',
      body: '<p>Genstart adgangspunktet på gangen.</p>',
    });
    da2 = await published({
      language: 'da',
      title: 'Printeren ved receptionen',
      body: '<p>Netværkskablet skal sidde i porten mærket LAN.</p>',
    });
  });

  it('stems English: "jamming printer" finds printers jammed and a printer that jams, title first', async () => {
    // both match 'printer' and 'jam'; en1 has both words in its title (weight A), en2 in its body only
    expect((await results(agent, 'jamming printer')).map((r) => r.number)).toEqual([en1.number, en2.number]);
  });

  it('stems Dutch: "verbinding" finds "verbindingen" and "kamer" finds "kamers"', async () => {
    expect((await results(agent, 'verbinding kamer')).map((r) => r.number)).toEqual([nl1.number]);
  });

  it('stems Danish: "netværk" finds "netværket", and the title match ranks before the body', async () => {
    const found = (await results(agent, 'netværk')).map((r) => r.number);
    // da1 has "netværket" in its title; da2 only the compound "netværkskablet" in its body, which is not the word
    expect(found).toEqual([da1.number]);
    expect((await results(agent, 'værelse')).map((r) => r.number)).toEqual([da1.number]);
  });

  it("puts the reader's language first", async () => {
    // "printer" is in English articles (en1, en2, the folio one's body) and in da2 ("printeren", Danish)
    const forEn = await results(agent, 'printer');
    const languages = forEn.map((r) => r.language);
    expect(forEn.map((r) => r.number)).toEqual(expect.arrayContaining([en1.number, en2.number, da2.number]));
    expect(languages.at(-1)).toBe('da');
    expect(languages.slice(0, -1).every((l) => l === 'en')).toBe(true);
    const forDa = await person(['service_desk_agent'], null, 'da');
    const danish = await results(forDa, 'printer');
    expect(danish[0]!.number).toBe(da2.number);
    expect(danish.slice(1).every((r) => r.language === 'en')).toBe(true);
  });

  it('filters by type, language, tag and service, and pages', async () => {
    const tagged = await published({
      title: 'Minibar price list',
      tags: ['Minibar', 'prices'],
      serviceIds: [pms],
    });
    expect(tagged).toMatchObject({ tags: ['minibar', 'prices'] });
    expect(numbers(await get('/api/v1/articles?tag=minibar', agent))).toEqual([tagged.number]);
    expect(numbers(await get(`/api/v1/articles?serviceId=${pms}`, agent))).toEqual([tagged.number]);
    expect(numbers(await get('/api/v1/articles?language=da', agent)).sort()).toEqual(
      [da1.number, da2.number].sort(),
    );
    const page1 = (await get('/api/v1/articles?limit=2', agent)).json();
    const page2 = (await get(`/api/v1/articles?limit=2&offset=${page1.nextOffset}`, agent)).json();
    expect(page1.items).toHaveLength(2);
    expect(page2.items[0].number).not.toBe(page1.items[0].number);
    expect(page2.total).toBe(page1.total);
  });
});

describe('suggestions', () => {
  let login: Article;
  let slow: Article;
  let printer: Article;
  let nlLogin: Article;
  let daLogin: Article;

  beforeAll(async () => {
    login = await published({
      title: 'Guest Wi-Fi login page does not load',
      body: '<p>Open any http page to get the login page; clear the browser cache.</p>',
      serviceIds: [wifi],
    });
    slow = await published({
      title: 'Wi-Fi is slow in the conference rooms',
      body: '<p>Too many devices on one access point.</p>',
      serviceIds: [wifi],
    });
    printer = await published({ title: 'Printer offline at the front desk', serviceIds: [pms] });
    nlLogin = await published({
      language: 'nl',
      title: 'Inlogpagina van de gasten-wifi laadt niet',
      body: '<p>Open een willekeurige pagina om de inlogpagina te krijgen.</p>',
      serviceIds: [wifi],
    });
    daLogin = await published({
      language: 'da',
      title: 'Gæsternes wifi-loginside indlæses ikke',
      body: '<p>Åbn en vilkårlig side for at få loginsiden.</p>',
      serviceIds: [wifi],
    });
  });

  const suggest = async (who: TestUser, text: string, service?: string) => {
    const res = await get(
      `/api/v1/articles/suggestions?text=${encodeURIComponent(text)}${service ? `&service=${service}` : ''}`,
      who,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Array<{ number: string; score: number }>;
  };
  /** The suggestions among this case's articles (those of the cases before match some words too). */
  const ours = (list: Array<{ number: string }>) =>
    list
      .map((s) => s.number)
      .filter((n) => [login, slow, printer, nlLogin, daLogin].some((a) => a.number === n));

  it('ranks the article that matches the words and the title best, then those of the service', async () => {
    const got = await suggest(cora, 'Wi-Fi login page not loading', wifi);
    // by hand: login has wi, fi, login, page and load in its title, a similar title and the service; slow
    // shares only wi and fi (and the service); the printer article shares no word and is not like it; the
    // Dutch and Danish login articles write "wifi" as one word, which "Wi-Fi" is not
    expect(ours(got)).toEqual([login.number, slow.number]);
    expect(got[0]!.score).toBeGreaterThan(got[1]!.score + 0.5);
    expect(got.map((s) => s.number)).not.toContain(printer.number);
    // the service's bonus counts: without it, the same article scores 0.3 less
    const without = await suggest(cora, 'Wi-Fi login page not loading');
    const score = (list: typeof got, n: string) => list.find((s) => s.number === n)!.score;
    expect(score(got, login.number) - score(without, login.number)).toBeCloseTo(0.3, 2);
  });

  it('suggests in Dutch and Danish', async () => {
    // Dutch: every word in the Dutch title; the Danish one shares only "wifi" (of wifi-loginside)
    expect(ours(await suggest(cora, 'inlogpagina wifi laadt niet', wifi))).toEqual([
      nlLogin.number,
      daLogin.number,
    ]);
    // Danish: the other way round ("gasten-wifi" gives the Dutch one its "wifi")
    expect(ours(await suggest(cora, 'wifi loginside indlæses ikke', wifi))).toEqual([
      daLogin.number,
      nlLogin.number,
    ]);
  });

  it('finds a title by its likeness when the words, misspelt, match no article', async () => {
    const typed = 'Gest Wfi logn pag doesnt lod';
    // no word of it is a word of any article (search, which needs words, finds nothing) ...
    const words = typed.split(' ').join(' or ');
    expect((await get(`/api/v1/articles?q=${encodeURIComponent(words)}`, agent)).json().total).toBe(0);
    // ... and its trigrams are most like the login article's title
    expect(ours(await suggest(cora, typed))[0]).toBe(login.number);
  });

  it('answers an article and its translations once, in the reader’s language where there is one', async () => {
    const original = await published({
      audience: 'customers',
      title: 'Minibar tablet shows a blank screen',
      body: '<p>Hold the power button for ten seconds.</p>',
    });
    const dutch = await published({
      audience: 'customers',
      language: 'nl',
      translationOf: original.id,
      title: 'Minibartablet toont een leeg scherm',
      body: '<p>Houd de aan-uitknop tien seconden ingedrukt.</p>',
    });
    const noor = await person(['customer'], alpenrose, 'nl');
    const minibar = (list: Array<{ number: string }>) =>
      list.map((s) => s.number).filter((n) => n === original.number || n === dutch.number);
    // English words match the English original only; a Dutch reader is shown its Dutch translation, once
    expect(minibar(await suggest(noor, 'minibar tablet blank screen'))).toEqual([dutch.number]);
    expect(minibar(await suggest(cora, 'minibar tablet blank screen'))).toEqual([original.number]);
    // Dutch words find the translation; an English reader is shown the original it translates
    expect(minibar(await suggest(cora, 'minibartablet leeg scherm'))).toEqual([original.number]);
  });

  it('answers at most five, and nothing for text that matches nothing', async () => {
    expect((await suggest(agent, 'wifi printer projector paper login room network', wifi)).length).toBe(5);
    expect(await suggest(agent, 'zzzqqq')).toEqual([]);
    const bad = await get('/api/v1/articles/suggestions?text=', agent);
    expect(problemOf(bad).errors!.map((e) => e.field)).toEqual(['querystring.text']);
  });
});
