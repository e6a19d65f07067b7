import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { journeyKeel, signIn } from './browser.ts';

const keel = journeyKeel();
/** A form field by its label (the label also names the field's option list). */
const field = (page: Page, name: string) => page.getByLabel(name, { exact: true }).and(page.locator('input'));

it('journey: an agent records an incident, works it through pending to resolved; a resolver sees the queue update live', async () => {
  // the resolver watches their groups' queue in a second browser
  const resolverCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1400, height: 900 },
  });
  const resolver = await resolverCtx.newPage();
  await signIn(resolver, keel.base, 'resolver@keel.example');
  await resolver.getByRole('link', { name: 'Work queues' }).first().click();
  await resolver.getByTestId('queue-groups').click();
  await resolver.getByTestId('work-item-list').waitFor();
  const before = Number(await resolver.getByTestId('count-groups').textContent());

  const agentCtx = await keel.browser.newContext({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
  const page = await agentCtx.newPage();
  await signIn(page, keel.base, 'agent@keel.example');
  await page.getByRole('link', { name: 'Work queues' }).first().click();
  await page.getByTestId('new-incident').click();
  await page.getByTestId('incident-title').fill('Key card encoder at reception fails');
  await field(page, 'Requester').fill('Cora');
  await page.getByRole('option', { name: /Cora Customer/ }).click();
  await field(page, 'Service').click();
  await page.getByRole('option', { name: 'Booking system' }).click();
  await field(page, 'Urgency').click();
  await page.getByRole('option', { name: '1 – work has stopped' }).click();
  expect(await page.getByTestId('priority-preview').textContent()).toBe('P2');
  await field(page, 'Group').click();
  await page.getByRole('option', { name: 'Hotel applications' }).click();
  await page.getByTestId('record-incident').click();

  await page.getByRole('heading', { name: 'Key card encoder at reception fails' }).waitFor();
  const number = page.url().split('/').at(-1)!;
  expect(number).toMatch(/^INC-\d{6}$/);
  // the SLA of Hotel Alpenrose runs both clocks on its business calendar
  expect(await page.getByTestId('clock-response').textContent()).toMatch(/^Response: \d/);
  expect(await page.getByTestId('clock-resolution').textContent()).toMatch(/^Resolution: \d/);
  // the group holding it has its own OLA with the desk: its clocks are listed by agreement beside the SLA's
  const panel = page.getByTestId('clocks-panel');
  await panel.getByText('OLA Hotel applications').waitFor();
  expect(await panel.getByTestId('clocks-panel-ola-response').textContent()).toMatch(/^OLA · Response: \d/);

  // the resolver's queue shows it without a reload, and its count goes up
  await resolver.getByTestId(`row-${number}`).waitFor({ timeout: 10_000 });
  await expect
    .poll(async () => Number(await resolver.getByTestId('count-groups').textContent()))
    .toBe(before + 1);

  await page.getByTestId('action-start').click();
  await expect.poll(() => page.getByTestId('incident-state').textContent()).toBe('In progress');
  expect(await page.getByTestId('clock-response').textContent()).toBe('Response: met');
  expect(await panel.getByTestId('clocks-panel-ola-response').textContent()).toBe('OLA · Response: met');

  await page.getByTestId('action-pend').click();
  await page.getByTestId('pending-reason').click();
  await page.getByRole('option', { name: 'waiting for the customer' }).click();
  await page.getByTestId('confirm-transition').click();
  await expect
    .poll(() => page.getByTestId('incident-state').textContent())
    .toBe('Pending — waiting for the customer');
  expect(await page.getByTestId('clock-resolution').textContent()).toBe(
    'Resolution: paused: waiting for the customer',
  );

  await page.getByTestId('action-resume').click();
  await expect.poll(() => page.getByTestId('incident-state').textContent()).toBe('In progress');
  expect(await page.getByTestId('clock-resolution').textContent()).toMatch(/^Resolution: \d/);

  await page.getByTestId('comment-box').fill('Encoder replaced with the spare from the back office.');
  await page.getByTestId('post-comment').click();
  await page.getByTestId('timeline').getByText('Encoder replaced with the spare').waitFor();

  await page.getByTestId('action-resolve').click();
  await page.getByTestId('resolution-code').click();
  await page.getByRole('option', { name: 'Fixed' }).click();
  await page.getByTestId('resolution-text').fill('Replaced the encoder.');
  await page.getByTestId('confirm-transition').click();
  await expect.poll(() => page.getByTestId('incident-state').textContent()).toBe('Resolved');
  await page.screenshot({ path: 'test-results/incident-resolved.png', fullPage: true });

  // the comment is found by the search in the header, marked, and said to be in a comment
  await page.getByTestId('search-box').fill('spares');
  await page.getByTestId('search-box').press('Enter');
  const hit = page.getByTestId('search-results').locator('div', { hasText: number }).first();
  await hit.getByText('in a comment').waitFor();
  expect(await hit.locator('mark').first().textContent()).toBe('spare');
  await page.screenshot({ path: 'test-results/search.png' });

  // resolved work leaves the resolver's queue, live
  await resolver.getByTestId(`row-${number}`).waitFor({ state: 'detached', timeout: 10_000 });
  await resolverCtx.close();
  await agentCtx.close();
}, 120_000);
