import { expect, it } from 'vitest';
import { journeyKeel, signIn } from './browser.ts';

const keel = journeyKeel();

it('journey: a service owner defines a request item in the web app, and a customer can order it', async () => {
  const ownerCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1300, height: 1000 },
  });
  const owner = await ownerCtx.newPage();
  await signIn(owner, keel.base, 'owner@keel.example');
  await owner.goto(`${keel.base}/services`);
  await owner.getByRole('link', { name: 'E-mail and calendars' }).first().click();
  await owner.getByTestId('request-items').getByText('shared-mailbox').waitFor();
  await owner.getByTestId('new-item').click();
  await owner.getByTestId('item-code').fill('distribution-list');
  await owner.getByTestId('item-name-en').fill('Distribution list');
  await owner.getByTestId('item-name-da').fill('Distributionsliste');
  await owner.getByRole('button', { name: 'Add a field' }).click();
  await owner.getByLabel('Key', { exact: true }).fill('members');
  // a field without a label is refused, and the message sits on the label
  await owner.getByTestId('item-save').click();
  await owner.getByText('is required').first().waitFor();
  await owner.getByLabel('Label (en)', { exact: true }).fill('Members');
  await owner.getByTestId('item-save').click();
  await owner.getByTestId('request-items').getByText('distribution-list').waitFor();
  await owner.screenshot({ path: 'test-results/catalogue-item.png', fullPage: true });
  await ownerCtx.close();

  const customerCtx = await keel.browser.newContext({ locale: 'en-GB' });
  const customer = await customerCtx.newPage();
  await signIn(customer, keel.base, 'customer@keel.example');
  await customer.goto(`${keel.base}/catalogue`);
  await customer.getByTestId('order-distribution-list').click();
  await customer.getByTestId('field-members').fill('front office, night audit');
  await customer.getByTestId('order-submit').click();
  await customer.waitForURL(/\/work-items\/REQ-/);
  await expect.poll(() => customer.getByTestId('request-state').textContent()).toBe('Being fulfilled');
  await customerCtx.close();
}, 120_000);
