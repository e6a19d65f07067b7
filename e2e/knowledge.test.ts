import type { APIRequestContext, BrowserContext } from 'playwright-core';
import { expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/organisation.ts';
import { journeyKeel, signIn } from './browser.ts';

const keel = journeyKeel();

/** The API as someone signed in through the API: JSON in and out, the session's CSRF token on writes. */
async function apiAs(ctx: BrowserContext, email: string) {
  const request: APIRequestContext = ctx.request;
  const login = await request.post(`${keel.base}/api/v1/auth/login`, {
    data: { email, password: DEMO_PASSWORD },
  });
  expect(login.status()).toBe(200);
  const me = await (await request.get(`${keel.base}/api/v1/me`)).json();
  const call = async (method: 'GET' | 'POST' | 'PATCH', path: string, data?: unknown, etag?: string) => {
    const res = await request.fetch(`${keel.base}${path}`, {
      method,
      data,
      headers: { 'x-csrf-token': me.csrfToken, ...(etag ? { 'if-match': etag } : {}) },
    });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return res.status() === 204 ? null : await res.json();
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, data?: unknown) => call('POST', path, data),
    /** A version step on an article, at the article's version as read now (If-Match). */
    step: async (article: string, version: number, action: 'submit' | 'approve') => {
      const a = await call('GET', `/api/v1/articles/${article}`);
      return call(
        'POST',
        `/api/v1/articles/${article}/versions/${version}/transitions`,
        { action },
        `"${a.version}"`,
      );
    },
  };
}

it('journey: a customer types a title, opens the suggested article, finds it helpful and does not report', async () => {
  // an article for customers, written by an agent and approved by a knowledge manager
  const staffCtx = await keel.browser.newContext();
  const agent = await apiAs(staffCtx, 'agent@keel.example');
  const written = await agent.post('/api/v1/articles', {
    type: 'troubleshooting',
    audience: 'customers',
    language: 'en',
    title: 'The projector in the conference room shows no picture',
    summary: 'Switch the projector input to HDMI 2 and wait ten seconds.',
    body: '<ol><li>Press INPUT on the remote</li><li>Choose HDMI 2</li><li>Wait ten seconds</li></ol>',
  });
  await agent.step(written.number, 1, 'submit');
  const managerCtx = await keel.browser.newContext();
  const manager = await apiAs(managerCtx, 'knowledge@keel.example');
  await manager.step(written.number, 1, 'approve');
  const before = await manager.get('/api/v1/articles/deflections');

  const customerCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1300, height: 900 },
  });
  const customer = await customerCtx.newPage();
  await signIn(customer, keel.base, 'customer@keel.example');
  const mine = async () =>
    (await (await customer.request.get(`${keel.base}/api/v1/work-items?requester=me&limit=100`)).json())
      .items;
  const itemsBefore = await mine();
  await customer.getByTestId('report-incident').click();
  await customer.getByTestId('report-title').fill('projector shows no picture');
  await customer.getByTestId(`suggestion-${written.number}`).click();
  await customer.getByTestId('article-title').getByText(written.title).waitFor();
  await customer.getByTestId('article-body').getByText('Choose HDMI 2').waitFor();
  await customer.getByTestId('helpful-yes').click();
  await customer.getByTestId('helpful-box').getByText('you found this helpful').waitFor();
  await customer.screenshot({ path: 'test-results/knowledge-suggested.png', fullPage: true });
  await customer.getByTestId('solved-yes').click();
  await customer.getByTestId('greeting').waitFor();
  expect(new URL(customer.url()).pathname).toBe('/');

  // the API tells what happened: one deflection by this article, the helpful answer, no incident
  const after = await manager.get('/api/v1/articles/deflections');
  expect(after.deflected).toBe(before.deflected + 1);
  expect(after.reported).toBe(before.reported);
  expect(after.articles.find((a: { number: string }) => a.number === written.number)?.deflected).toBe(1);
  const read = await manager.get(`/api/v1/articles/${written.number}`);
  expect(read).toMatchObject({ helpful: 1, notHelpful: 0, views: 1 });
  const itemsAfter = await mine();
  expect(itemsAfter.length).toBe(itemsBefore.length);
  expect(itemsAfter.some((i: { title: string }) => i.title === 'projector shows no picture')).toBe(false);
  await customerCtx.close();
  await staffCtx.close();
  await managerCtx.close();
}, 120_000);

it('journey: a customer who reports anyway after suggestions is counted as having reported', async () => {
  const managerCtx = await keel.browser.newContext();
  const manager = await apiAs(managerCtx, 'knowledge@keel.example');
  const before = await manager.get('/api/v1/articles/deflections');
  const customerCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1300, height: 900 },
  });
  const customer = await customerCtx.newPage();
  await signIn(customer, keel.base, 'customer@keel.example');
  await customer.getByTestId('report-incident').click();
  await customer.getByTestId('report-title').fill('Wi-Fi sign-in page does not appear');
  await customer.getByTestId('report-suggestions').waitFor();
  await customer.locator('[data-testid^="suggestion-"]').first().click();
  await customer.getByTestId('solved-no').click();
  await customer.getByTestId('report-submit').click();
  await customer.waitForURL(/\/work-items\/INC-/);
  const after = await manager.get('/api/v1/articles/deflections');
  expect(after.reported).toBe(before.reported + 1);
  expect(after.deflected).toBe(before.deflected);
  await customerCtx.close();
  await managerCtx.close();
}, 120_000);

it('journey: an agent writes an article, a knowledge manager approves it, customers find it in the portal', async () => {
  const title = 'Order extra towels for a conference';
  const agentCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1400, height: 1000 },
  });
  const agent = await agentCtx.newPage();
  await signIn(agent, keel.base, 'agent@keel.example');
  await agent.getByRole('navigation').getByRole('link', { name: 'Knowledge base' }).click();
  await agent.getByTestId('new-article').click();
  await agent.getByTestId('article-title-input').fill(title);
  await agent
    .getByTestId('article-summary-input')
    .fill('Housekeeping delivers towels to conference rooms within an hour.');
  await agent
    .getByTestId('article-body-input')
    .fill(
      '## How to order\n\n1. Call housekeeping on 2200\n2. Name the room and how many\n\nTowels arrive within an hour.',
    );
  await agent.getByTestId('article-type').click();
  await agent.getByRole('option', { name: 'FAQ' }).click();
  await agent.getByTestId('article-audience').click();
  await agent.getByRole('option', { name: 'Customers' }).click();
  await agent.getByTestId('article-save-submit').click();
  await agent.waitForURL(/\/knowledge\/KB-\d+$/);
  const number = /KB-\d+/.exec(agent.url())![0];
  await expect.poll(() => agent.getByTestId('open-version-state').textContent()).toBe('In review');
  expect(await agent.getByTestId('article-state').textContent()).toBe('Draft');
  // the writer may not approve their own version
  expect(await agent.getByTestId('version-approve').count()).toBe(0);
  await agentCtx.close();

  const managerCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1400, height: 1000 },
  });
  const manager = await managerCtx.newPage();
  await signIn(manager, keel.base, 'knowledge@keel.example');
  // Kirsten reads Keel in Danish; the review queue is hers in any language
  await manager.locator('nav a[href="/knowledge/review"]').click();
  await manager.getByTestId(`review-${number}`).waitFor();
  await manager.getByTestId('language-menu').click();
  await manager.getByTestId('language-en').click();
  await manager.getByRole('heading', { name: 'Review queue' }).waitFor();
  await manager.getByTestId(`review-${number}`).getByRole('link', { name: title }).click();
  await manager.getByTestId('open-version').getByText('Call housekeeping on 2200').waitFor();
  await manager.getByTestId('version-approve').click();
  await expect.poll(() => manager.getByTestId('article-state').textContent()).toBe('Published');
  await manager.getByTestId('article-body').getByText('Name the room and how many').waitFor();
  await managerCtx.close();

  const customerCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1300, height: 900 },
  });
  const customer = await customerCtx.newPage();
  await signIn(customer, keel.base, 'customer@keel.example');
  await customer.getByTestId('portal-knowledge-search').fill('towels conference');
  await customer.getByTestId('portal-knowledge-search').press('Enter');
  await customer.getByTestId(`article-${number}`).getByRole('link', { name: title }).click();
  await customer.getByTestId('article-title').getByText(title).waitFor();
  await customer.screenshot({ path: 'test-results/knowledge-portal-article.png', fullPage: true });
  await customerCtx.close();
}, 120_000);

it('journey: an agent links a suggested article, sends it in a reply, and proposes an article from the resolution', async () => {
  const apiCtx = await keel.browser.newContext();
  const desk = await apiAs(apiCtx, 'agent@keel.example');
  const services: { items: Array<{ id: string; name: string }> } = await desk.get(
    '/api/v1/services?limit=100',
  );
  const wifi = services.items.find((s) => s.name === 'Guest Wi-Fi')!;
  const customerCtx = await keel.browser.newContext();
  const customer = await apiAs(customerCtx, 'customer@keel.example');
  const incident = await customer.post('/api/v1/incidents', {
    title: 'Guests cannot connect to the Wi-Fi',
    serviceId: wifi.id,
    impact: 2,
    urgency: 2,
  });

  // an agent-only article, linked for the agents' own reference
  const agentsOnly = (await desk.get(`/api/v1/articles?${new URLSearchParams({ q: 'till blank receipts' })}`))
    .items[0];
  expect(agentsOnly).toMatchObject({ audience: 'agents', title: 'Till prints blank receipts' });
  await desk.post(`/api/v1/work-items/${incident.number}/articles`, { article: agentsOnly.number });

  const agentCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1400, height: 1000 },
  });
  const agent = await agentCtx.newPage();
  await signIn(agent, keel.base, 'agent@keel.example');
  await agent.goto(`${keel.base}/work-items/${incident.number}`);
  const panel = agent.getByTestId('articles-panel');
  await panel.getByTestId('article-suggestions').getByText('Connect to the guest Wi-Fi').waitFor();
  await panel.getByRole('button', { name: 'Link Connect to the guest Wi-Fi to this incident' }).click();
  const linked = panel
    .locator('[data-testid^="linked-KB-"]')
    .filter({ hasText: 'Connect to the guest Wi-Fi' });
  await linked.getByText('Connect to the guest Wi-Fi').waitFor();
  const number = (await linked.first().getAttribute('data-testid'))!.replace('linked-', '');
  expect(await linked.first().getByText('Sent to the requester').count()).toBe(0);

  // inserted into a public reply and posted: the article is marked sent; the agent-only one is not offered
  await agent.getByTestId('insert-article').click();
  await agent.getByTestId('insert-readable-only').waitFor();
  expect(await agent.getByTestId(`insert-${agentsOnly.number}`).count()).toBe(0);
  await agent.getByTestId(`insert-${number}`).click();
  expect(await agent.getByTestId('comment-box').inputValue()).toContain(`/knowledge/${number}`);
  await agent.getByTestId('post-comment').click();
  await agent.getByTestId('timeline').getByText(`/knowledge/${number}`).waitFor();
  await panel.getByTestId(`linked-${number}`).getByText('Sent to the requester').waitFor();
  const links = await desk.get(`/api/v1/work-items/${incident.number}/articles`);
  expect(links.items).toEqual([
    expect.objectContaining({ number: agentsOnly.number, sent: false, requesterMayRead: false }),
    expect.objectContaining({ number, sent: true, requesterMayRead: true }),
  ]);

  // resolved: the resolution becomes a draft article, opened in the editor
  await agent.getByTestId('action-start').click();
  await expect.poll(() => agent.getByTestId('incident-state').textContent()).toBe('In progress');
  await agent.getByTestId('action-resolve').click();
  await agent.getByTestId('resolution-code').click();
  await agent.getByRole('option', { name: 'Fixed' }).click();
  await agent.getByTestId('resolution-text').fill('Renewed the expired certificate of the sign-in page.');
  await agent.getByTestId('confirm-transition').click();
  await expect.poll(() => agent.getByTestId('incident-state').textContent()).toBe('Resolved');
  await agent.getByTestId('propose-article').click();
  await agent.waitForURL(/\/knowledge\/KB-\d+\/edit$/);
  const draft = /KB-\d+/.exec(agent.url())![0];
  await expect.poll(() => agent.getByTestId('article-title-input').inputValue()).not.toBe('');
  expect(await agent.getByTestId('article-body-input').inputValue()).toContain(
    'Renewed the expired certificate',
  );
  await agent.screenshot({ path: 'test-results/knowledge-proposed.png', fullPage: true });
  const proposed = await desk.get(`/api/v1/articles/${draft}`);
  expect(proposed).toMatchObject({ state: 'draft', draft: expect.objectContaining({ state: 'draft' }) });
  await agentCtx.close();
  await apiCtx.close();
  await customerCtx.close();
}, 120_000);
