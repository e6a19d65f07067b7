import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/demo/organisation.ts';
import { journeyKeel, signIn } from './browser.ts';

const keel = journeyKeel();

describe('journey: sign in, switch to Danish, sign out', () => {
  it('an administrator signs in, sees their name and roles, works in Danish, and signs out', async () => {
    const page = await keel.browser.newPage({ locale: 'en-GB' });
    await page.goto(`${keel.base}/`);
    await page.waitForURL('**/login');
    await page.getByLabel('E-mail address').fill('admin@keel.example');
    await page.getByLabel(/^Password/).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('e-mail address or password is wrong');

    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('greeting').waitFor();
    expect(await page.getByTestId('greeting').textContent()).toBe('Welcome, Alex Administrator');
    expect(await page.getByTestId('roles').textContent()).toContain('Administrator');
    await page.getByRole('link', { name: 'Users' }).first().waitFor();
    await page.screenshot({ path: 'test-results/home-en.png', fullPage: true });

    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-da').click();
    await page.getByText('Velkommen, Alex Administrator').waitFor();
    expect(await page.getByTestId('sign-out').textContent()).toBe('Log ud');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');
    // remembered for the person, not the tab
    await page.reload();
    await page.getByText('Velkommen, Alex Administrator').waitFor();
    await page.screenshot({ path: 'test-results/home-da.png', fullPage: true });

    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Log ind' }).waitFor();
    const me = await page.request.get(`${keel.base}/api/v1/me`);
    expect(me.status()).toBe(401);
    await page.close();
  });

  it('a customer sees only what fits their role', async () => {
    const page = await keel.browser.newPage({ locale: 'en-GB' });
    await signIn(page, keel.base, 'customer@keel.example');
    // customers start in the portal: report, request, their services and their own items
    await page.getByTestId('report-incident').waitFor();
    await page.getByTestId('request-something').waitFor();
    await page.getByTestId('service-status').waitFor();
    expect(await page.getByRole('link', { name: 'Work queues' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await page.goto(`${keel.base}/admin/users`);
    await page.getByText('This page does not exist.').waitFor();
    await page.close();
  });

  it('a supplier’s contact reads and acknowledges the policy shared with suppliers, and sees nothing else', async () => {
    const page = await keel.browser.newPage({ locale: 'en-GB' });
    await signIn(page, keel.base, 'supplier@keel.example');
    await page.getByText('Read and acknowledge the policies we share with our suppliers.').waitFor();
    expect(await page.getByTestId('report-incident').count()).toBe(0);
    expect(await page.getByPlaceholder('Search work items…').count()).toBe(0);
    const nav = page.getByRole('navigation');
    // the knowledge base too: a supplier's contact reads the articles meant for everyone
    expect((await nav.getByRole('link').allTextContents()).map((x) => x.trim())).toEqual([
      'Home',
      'Knowledge base',
      'Policies',
      'API documentation',
    ]);
    await page
      .getByTestId('policies-to-read')
      .getByRole('link', { name: /POL-SM-01/ })
      .click();
    await page.getByTestId('acknowledge').click();
    await page.getByTestId('acknowledged').waitFor();
    await page.goto(`${keel.base}/objectives`);
    await page.getByText('This page does not exist.').waitFor();
    await page.goto(`${keel.base}/changes`);
    await page.getByText('This page does not exist.').waitFor();
    await page.close();
  });

  it('an administrator invites a user, who sets a password through the link and signs in', async () => {
    const page = await keel.browser.newPage({ locale: 'en-GB' });
    await page.goto(`${keel.base}/login`);
    await page.getByLabel('E-mail address').fill('admin@keel.example');
    await page.getByLabel(/^Password/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // the first journey left this administrator working in Danish
    await page.getByText('Velkommen, Alex Administrator').waitFor();
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-en').click();
    await page.getByText('Welcome, Alex Administrator').waitFor();
    await page.getByRole('link', { name: 'Users' }).first().click();
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Nina Nieuw');
    await dialog.getByLabel('E-mail').fill('nina@keel.example');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    const link = (await page.getByTestId('one-time-secret').textContent())!;
    expect(link).toMatch(/\/set-password#token=/);
    await page.screenshot({ path: 'test-results/users-invite.png', fullPage: true });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('cell', { name: 'Nina Nieuw' }).waitFor();

    const invitee = await keel.browser.newPage({ locale: 'en-GB' });
    await invitee.goto(link);
    await invitee.getByLabel(/^New password/).fill('nina chose this one');
    await invitee.getByLabel(/^Repeat the password/).fill('nina chose this one');
    await invitee.getByRole('button', { name: 'Save password' }).click();
    await invitee.getByText('Password saved for nina@keel.example').waitFor();
    await invitee.goto(`${keel.base}/login`);
    await invitee.getByLabel('E-mail address').fill('nina@keel.example');
    await invitee.getByLabel(/^Password/).fill('nina chose this one');
    await invitee.getByRole('button', { name: 'Sign in' }).click();
    expect(await invitee.getByTestId('greeting').textContent()).toBe('Welcome, Nina Nieuw');
    await page.close();
    await invitee.close();
  });
});
