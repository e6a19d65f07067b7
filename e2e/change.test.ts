import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { journeyKeel, signIn } from './browser.ts';

const keel = journeyKeel();

const local = (daysAhead: number, hour: number) => {
  const d = new Date(Date.now() + daysAhead * 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(hour)}:00`;
};

async function inEnglish(page: Page) {
  await page.getByTestId('language-menu').click();
  await page.getByTestId('language-en').click();
}

it('journey: a resolver records a change, the change manager finds it not ready, completes its plan and approves it, and the resolver records its outcome', async () => {
  const resolverCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1300, height: 1000 },
  });
  const resolver = await resolverCtx.newPage();
  await signIn(resolver, keel.base, 'resolver@keel.example');
  await resolver.getByRole('navigation').getByRole('link', { name: 'Changes' }).click();
  await resolver.getByTestId('changes').waitFor();
  await resolver.getByTestId('new-change').click();
  await resolver.getByLabel('Title').fill('Firmware update of the Alpenrose access points');
  await resolver.getByRole('combobox', { name: 'Risk' }).click();
  await resolver.getByRole('option', { name: 'High' }).click();
  await resolver.getByLabel('Why it is needed').fill('The vendor fixed roaming drops in 8.10');
  await resolver
    .getByLabel('How it will be done')
    .fill('Stage the firmware, then update one floor at a time.');
  await resolver.getByLabel('Planned start').fill(local(3, 22));
  await resolver.getByLabel('Planned end').fill(local(3, 20));
  await resolver.getByRole('combobox', { name: 'Service', exact: true }).click();
  await resolver.getByRole('option', { name: 'Guest Wi-Fi' }).click();
  await resolver.getByTestId('change-save').click();
  // the window ends before it starts: said on the field, nothing recorded
  await expect.poll(() => resolver.getByText('must be after the planned start').count()).toBe(1);
  await resolver.getByLabel('Planned end').fill(local(3, 23));
  await resolver.getByTestId('change-save').click();
  await resolver.waitForURL(/\/work-items\/CHG-\d{6}$/);
  const url = resolver.url();
  expect(await resolver.getByTestId('change-state').textContent()).toBe('New');
  await resolver.getByTestId('change-action-submit').click();
  await expect.poll(() => resolver.getByTestId('change-state').textContent()).toBe('In assessment');
  // only the change authority approves a normal change: the resolver is not offered it
  expect(await resolver.getByTestId('change-action-approve').count()).toBe(0);
  expect(await resolver.getByTestId('change-action-cancel').count()).toBe(1);

  const managerCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1300, height: 1000 },
  });
  const manager = await managerCtx.newPage();
  await signIn(manager, keel.base, 'change@keel.example');
  await inEnglish(manager);
  await manager.goto(url);
  await manager.getByTestId('change-action-approve').click();
  await manager.getByLabel('Note').fill('Agreed at the change meeting');
  await manager.getByTestId('change-confirm').click();
  expect(await manager.getByTestId('change-not-ready').textContent()).toContain(
    'How it will be undone: say how it will be undone before approving it',
  );
  await manager.keyboard.press('Escape');
  await manager.getByTestId('change-edit').click();
  await manager.getByLabel('How it will be undone').fill('Roll back to 8.9 from the controller');
  await manager.getByTestId('change-save').click();
  await manager.getByText('Roll back to 8.9 from the controller').waitFor();
  await manager.getByTestId('change-action-approve').click();
  await manager.getByTestId('change-confirm').click();
  await expect.poll(() => manager.getByTestId('change-state').textContent()).toBe('Approved');
  await manager.getByText('Approved: Agreed at the change meeting').waitFor();
  await managerCtx.close();

  await resolver.reload();
  await resolver.getByTestId('change-action-start').click();
  await expect.poll(() => resolver.getByTestId('change-state').textContent()).toBe('Being implemented');
  await resolver.getByTestId('change-action-complete').click();
  await resolver.getByTestId('change-outcome-select').click();
  await resolver.getByRole('option', { name: 'Successful' }).click();
  await resolver.getByLabel('What happened').fill('All 40 access points on 8.10; no drops since.');
  await resolver.getByTestId('change-confirm').click();
  await expect.poll(() => resolver.getByTestId('change-state').textContent()).toBe('In review');
  expect(await resolver.getByTestId('change-outcome').textContent()).toBe('Successful');
  // the incident that asked for it is linked from the change, and shows on the change
  await resolver.getByLabel('Work item number').fill('INC-000001');
  await resolver.getByRole('button', { name: 'Link', exact: true }).click();
  await expect.poll(() => resolver.getByTestId('work-item-link').textContent()).toContain('INC-000001');
  await resolver.screenshot({ path: 'test-results/change.png', fullPage: true });
  await resolverCtx.close();
}, 120_000);
