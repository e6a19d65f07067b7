import { expect, it } from 'vitest';
import { journeyKeel, signIn } from './browser.ts';

const keel = journeyKeel();
const numberIn = (url: string) => /\/work-items\/([A-Z]+-\d+)/.exec(url)?.[1] ?? '';

it('journey: a portal user reports an incident, an agent picks it up from the queue and resolves it, the user confirms and rates it', async () => {
  const customerCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1300, height: 900 },
  });
  const customer = await customerCtx.newPage();
  await signIn(customer, keel.base, 'customer@keel.example');
  await customer.getByTestId('service-status').waitFor();
  await customer.getByTestId('report-incident').click();
  await customer.getByTestId('report-title').fill('The lobby screen shows no arrivals');
  await customer.getByTestId('report-service').click();
  await customer.getByRole('option').first().click();
  await customer.getByTestId('report-description').fill('Since this morning the screen stays blue.');
  await customer.getByTestId('report-submit').click();
  await customer.waitForURL(/\/work-items\/INC-/);
  const number = numberIn(customer.url());
  await expect.poll(() => customer.getByTestId('incident-state').textContent()).toBe('New');

  const agentCtx = await keel.browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
  const agent = await agentCtx.newPage();
  await signIn(agent, keel.base, 'agent@keel.example');
  await agent.getByRole('link', { name: 'Work queues' }).first().click();
  await agent.getByTestId('queue-unassigned').click();
  const row = agent.getByTestId(`row-${number}`);
  await row.getByRole('link', { name: number }).click();
  await agent.getByTestId('action-start').click();
  await expect.poll(() => agent.getByTestId('incident-state').textContent()).toBe('In progress');
  await agent.getByTestId('comment-box').fill('We restarted the display player.');
  await agent.getByTestId('post-comment').click();
  await agent.getByTestId('timeline').getByText('We restarted the display player.').waitFor();
  await agent.getByTestId('action-resolve').click();
  await agent.getByTestId('resolution-code').click();
  await agent.getByRole('option', { name: 'Fixed' }).click();
  await agent.getByTestId('resolution-text').fill('Restarted the display player.');
  await agent.getByTestId('confirm-transition').click();
  await expect.poll(() => agent.getByTestId('incident-state').textContent()).toBe('Resolved');

  // the customer sees the answer and the resolution, never anything internal, and confirms with a rating
  await customer.reload();
  await expect.poll(() => customer.getByTestId('incident-state').textContent()).toBe('Resolved');
  await customer.getByTestId('timeline').getByText('We restarted the display player.').waitFor();
  const star = await customer.getByTestId('rating-stars').locator('input[value="4"]').getAttribute('id');
  await customer.locator(`label[for="${star}"]`).click();
  await customer.getByTestId('rating-comment').fill('Quick, thank you.');
  await customer.getByTestId('rate-submit').click();
  await expect.poll(() => customer.getByTestId('incident-state').textContent()).toBe('Closed');
  expect(await customer.getByTestId('rating').textContent()).toContain('Quick, thank you.');
  await customer.screenshot({ path: 'test-results/portal-rated.png', fullPage: true });

  // and the item is in their list on the portal's start page
  await customer.goto(keel.base);
  await customer.getByTestId('my-items').getByText(number).waitFor();
  await customerCtx.close();
  await agentCtx.close();
}, 120_000);

it('journey: a portal user orders a catalogue item, the service owner approves, the fulfiller completes the tasks', async () => {
  const customerCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1300, height: 900 },
  });
  const customer = await customerCtx.newPage();
  await signIn(customer, keel.base, 'customer@keel.example');
  await customer.getByTestId('request-something').click();
  await customer.getByTestId('order-shared-mailbox').click();
  // sending the empty form shows what is missing on each field, and nothing is ordered
  await customer.getByTestId('order-submit').click();
  await customer.getByText('is required').first().waitFor();
  expect(customer.url()).toMatch(/\/catalogue\/items\//);
  await customer.getByTestId('field-address').fill('events@hotel.example');
  await customer.getByTestId('field-owner').click();
  await customer.getByTestId('field-owner').fill('Cora');
  await customer.getByRole('option', { name: /Cora/ }).click();
  await customer.getByTestId('field-size').click();
  await customer.getByRole('option', { name: '10 GB' }).click();
  await customer.getByTestId('order-submit').click();
  await customer.waitForURL(/\/work-items\/REQ-/);
  const number = numberIn(customer.url());
  await expect.poll(() => customer.getByTestId('request-state').textContent()).toBe('Awaiting approval');

  const ownerCtx = await keel.browser.newContext({ locale: 'en-GB' });
  const owner = await ownerCtx.newPage();
  await signIn(owner, keel.base, 'owner@keel.example');
  await owner.goto(`${keel.base}/work-items/${number}`);
  await owner.locator('[data-testid^="approve-"]').first().click();
  await expect.poll(() => owner.getByTestId('request-state').textContent()).toBe('Being fulfilled');
  await ownerCtx.close();

  const fulfillerCtx = await keel.browser.newContext({ locale: 'en-GB' });
  const fulfiller = await fulfillerCtx.newPage();
  await signIn(fulfiller, keel.base, 'resolver@keel.example');
  await fulfiller.goto(`${keel.base}/work-items/${number}`);
  await fulfiller.getByTestId('tasks').getByRole('link').first().waitFor();
  const tasks = await fulfiller.getByTestId('tasks').getByRole('link').allTextContents();
  expect(tasks).toHaveLength(2);
  for (const task of tasks) {
    await fulfiller.goto(`${keel.base}/work-items/${task}`);
    await fulfiller.getByTestId('task-action-complete').click();
    await expect.poll(() => fulfiller.getByTestId('task-state').textContent()).toBe('Done');
  }
  await fulfillerCtx.close();

  await customer.reload();
  await expect.poll(() => customer.getByTestId('request-state').textContent()).toBe('Fulfilled');
  await customer.screenshot({ path: 'test-results/portal-fulfilled.png', fullPage: true });
  await customerCtx.close();
}, 120_000);
