import { describe, expect, it } from 'vitest';
import { journeyKeel, signIn } from './browser.ts';

const keel = journeyKeel();

describe('journey: impact analysis', () => {
  it('a configuration manager opens a database, sees what fails with it as a graph, and clicks through to a service', async () => {
    const page = await keel.browser.newPage({ locale: 'en-GB', viewport: { width: 1400, height: 900 } });
    await signIn(page, keel.base, 'change@keel.example');
    // Carl works in Danish; the journey reads English
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-en').click();
    await page.getByText('Welcome, Carl Change').waitFor();

    await page.getByRole('link', { name: 'Configuration items' }).first().click();
    await page.getByLabel('Search name or external id').fill('bookings');
    await page.getByRole('link', { name: 'bookings-db' }).waitFor();
    // the filter is saved on the server, under a name the person gives it
    page.once('dialog', (d) => d.accept('Booking data'));
    await page.getByRole('button', { name: 'Saved filters' }).click();
    await page.getByRole('menuitem', { name: 'Save this filter' }).click();
    await page.getByRole('button', { name: 'Saved filters' }).click();
    await page.getByRole('menuitem', { name: 'Booking data' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'bookings-db' }).click();
    await page.getByTestId('impact-graph').waitFor();
    await page.getByTestId('impact-node-Booking system').waitFor();
    expect(await page.getByTestId('impact-customers').textContent()).toContain('Hotel Alpenrose');
    expect(await page.getByTestId('impact-agreements').textContent()).toContain('SLA Hotel Alpenrose (SLA)');
    // the list view names every CI reached with its depth
    await page.getByText('List', { exact: true }).click();
    await page.getByRole('cell', { name: 'Property management system', exact: true }).waitFor();
    await page.getByText('Graph', { exact: true }).click();

    // a double click opens the CI; from the service's CI, to the service itself
    // a click highlights the path and offers to open the CI; a double click opens it at once
    await page.getByTestId('impact-node-Property management system').click();
    await page.getByRole('button', { name: 'Open Property management system' }).waitFor();
    await page.getByTestId('impact-node-Booking system').dblclick();
    await page.getByRole('heading', { name: 'Booking system' }).waitFor();
    await page.getByRole('link', { name: 'Open the service' }).click();
    await page.getByText('Technical view').waitFor();
    // the technical view loads after the page: wait for it, then it names the database once
    await page.getByRole('link', { name: 'bookings-db' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'bookings-db' }).count()).toBe(1);
    await page.screenshot({ path: 'test-results/service.png', fullPage: true });
    await page.close();
  });

  it('a customer sees the catalogue offered to their hotel, in Danish when they choose it, and no CMDB', async () => {
    const page = await keel.browser.newPage({ locale: 'en-GB' });
    await signIn(page, keel.base, 'customer@keel.example');
    expect(await page.getByRole('link', { name: 'Configuration items' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Service catalogue' }).first().click();
    await page.getByTestId('catalogue-entry').first().waitFor();
    const names = await page.getByTestId('catalogue-entry').locator('h4').allTextContents();
    expect(names).toEqual([
      'Booking system',
      'Conference room booking',
      'E-mail and calendars',
      'Guest Wi-Fi',
      'Point of sale',
    ]);
    await page.getByTestId('language-menu').click();
    await page.getByTestId('language-da').click();
    await page.getByText('Gæste-wifi').waitFor();
    await page.close();
  });
});
