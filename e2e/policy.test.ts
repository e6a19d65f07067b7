import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { journeyKeel, signIn } from './browser.ts';

const keel = journeyKeel();

/** Demo people work in Dutch or Danish; the journey reads English labels. */
async function inEnglish(page: Page) {
  await page.getByTestId('language-menu').click();
  await page.getByTestId('language-en').click();
}

it('journey: the head of service management drafts a policy, top management approves it, an agent acknowledges it, and coverage for the role reaches 100%', async () => {
  const headCtx = await keel.browser.newContext({ locale: 'en-GB', viewport: { width: 1300, height: 1000 } });
  const head = await headCtx.newPage();
  await signIn(head, keel.base, 'head@keel.example');
  await inEnglish(head);
  await head.goto(`${keel.base}/policies`);
  await head.getByTestId('new-policy').click();
  await head.getByTestId('policy-identifier').fill('POL-INC-02');
  await head.getByTestId('policy-title').fill('Incident management policy for the front office');
  await head.getByTestId('policy-audience').fill('Service desk');
  await head.getByRole('option', { name: 'Service desk agent' }).click();
  await head.keyboard.press('Escape');
  await head
    .getByTestId('policy-text')
    .fill(
      'Every incident is recorded.\n\nThe service desk keeps the requester informed until it is resolved.',
    );
  await head.getByTestId('policy-save').click();
  await head.waitForURL(/\/policies\/[0-9a-f-]{36}$/);
  const url = head.url();
  await head.getByTestId('policy-submit').click();
  await expect.poll(() => head.getByTestId('policy-open-state').textContent()).toBe('v1 · In review');

  const topCtx = await keel.browser.newContext({ locale: 'en-GB' });
  const top = await topCtx.newPage();
  await signIn(top, keel.base, 'top@keel.example');
  await inEnglish(top);
  await top.goto(url);
  await top.getByTestId('decision-comment').fill('Agreed by the board.');
  await top.getByTestId('policy-approve').click();
  await expect.poll(() => top.getByTestId('policy-open-state').textContent()).toBe('v1 · Approved');
  await topCtx.close();

  await head.reload();
  await head.getByTestId('policy-publish').click();
  await head.getByTestId('policy-in-force').waitFor();
  expect(await head.getByTestId('coverage-service_desk_agent').textContent()).toContain('0/1');

  const agentCtx = await keel.browser.newContext({ locale: 'en-GB' });
  const agent = await agentCtx.newPage();
  await signIn(agent, keel.base, 'agent@keel.example');
  await agent
    .getByTestId('policies-to-read')
    .getByRole('link', { name: /POL-INC-02/ })
    .click();
  await agent.getByTestId('acknowledge').click();
  await agent.getByTestId('acknowledged').waitFor();
  await agent.goto(keel.base);
  await agent.getByTestId('greeting').waitFor();
  await agent.getByTestId('policies-to-read').waitFor(); // the demo's incident policy is still to read
  expect(await agent.getByTestId('policies-to-read').getByText('POL-INC-02').count()).toBe(0);
  await agentCtx.close();

  await head.reload();
  await expect.poll(() => head.getByTestId('coverage-service_desk_agent').textContent()).toContain('100%');
  await head.screenshot({ path: 'test-results/policy-coverage.png', fullPage: true });
  // and the leadership dashboard says so, linked to the policy
  await head.getByRole('link', { name: 'Leadership dashboard' }).click();
  expect(await head.getByTestId('coverage-POL-INC-02').textContent()).toContain('100%');
  await head.getByTestId('coverage-POL-INC-02').getByRole('link').click();
  await head.getByTestId('policy-in-force').waitFor();
  await head.goto(`${keel.base}/leadership`);
  await head.getByTestId('objectives-on_track').waitFor();
  await head.screenshot({ path: 'test-results/leadership.png', fullPage: true });
  await headCtx.close();
}, 120_000);
