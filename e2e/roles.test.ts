import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { journeyKeel, signIn } from './browser.ts';

const keel = journeyKeel();

async function inEnglish(page: Page) {
  await page.getByTestId('language-menu').click();
  await page.getByTestId('language-en').click();
}

it('journey: top management fills the vacant security role with a deputy; the vacancy closes, the missing competence shows, and the head of service management sees the appointment', async () => {
  const ctx = await keel.browser.newContext({ locale: 'en-GB', viewport: { width: 1300, height: 1000 } });
  const top = await ctx.newPage();
  await signIn(top, keel.base, 'top@keel.example');
  await inEnglish(top);
  await top.goto(`${keel.base}/roles`);
  await top
    .getByTestId('role-gaps')
    .getByText('Nobody holds the role Information security manager')
    .waitFor();
  await top.getByTestId('roles').getByRole('link', { name: 'Information security manager' }).click();
  await top.getByTestId('appoint').click();
  await top.getByTestId('appoint-person').click();
  await top.getByTestId('appoint-person').fill('Rui');
  await top.getByRole('option', { name: 'Rui Resolver' }).click();
  await top.getByTestId('appoint-deputy').click();
  await top.getByTestId('appoint-deputy').fill('Carl');
  await top.getByRole('option', { name: 'Carl Change' }).click();
  await top.getByTestId('appoint-save').click();
  await expect
    .poll(() => top.getByTestId('appointments').textContent())
    .toMatch(/Rui Resolver\s*current\s*Carl Change/);
  await top.goto(`${keel.base}/roles`);
  await top.getByTestId('role-gaps').waitFor();
  const gaps = await top.getByTestId('role-gaps').textContent();
  expect(gaps).not.toContain('Nobody holds the role Information security manager');
  // the new holder has not yet shown the competence the role needs: that is the next gap
  expect(gaps).toContain('Rui Resolver (Information security manager) lacks: ISO/IEC 27001 Foundation');
  await ctx.close();

  const headCtx = await keel.browser.newContext({ locale: 'en-GB' });
  const head = await headCtx.newPage();
  await signIn(head, keel.base, 'head@keel.example');
  await inEnglish(head);
  await head.goto(`${keel.base}/leadership`);
  await head.getByTestId('dashboard-role-gaps').waitFor();
  expect(await head.getByTestId('dashboard-role-gaps').textContent()).not.toContain('Nobody holds the role');
  await headCtx.close();
});
