import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { journeyKeel, signIn } from './browser.ts';

const keel = journeyKeel();

async function inEnglish(page: Page) {
  await page.getByTestId('language-menu').click();
  await page.getByTestId('language-en').click();
}

/** The API as the signed-in reader of a page: their session and its CSRF token (to seed what a journey needs). */
async function apiOf(page: Page) {
  const me = await (await page.request.get(`${keel.base}/api/v1/me`)).json();
  const call = async (method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown, version?: number) => {
    const res = await page.request.fetch(`${keel.base}${path}`, {
      method,
      data,
      headers: {
        'x-csrf-token': me.csrfToken,
        ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
      },
    });
    const body = await res.json();
    if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${JSON.stringify(body)}`);
    return body;
  };
  const serviceId = async (name: string) => {
    const found = await call('GET', `/api/v1/services?q=${encodeURIComponent(name)}`);
    return found.items.find((s: { name: string }) => s.name === name).id as string;
  };
  return { call, serviceId };
}

const local = (daysAhead: number, hour: number) => {
  const d = new Date(Date.now() + daysAhead * 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(hour)}:00`;
};

it('journey: an agent records an incident and applies the workaround of the known error Keel suggests', async () => {
  // the problem manager documents a known error on Guest Wi-Fi (seeded through the API)
  const managerCtx = await keel.browser.newContext({ locale: 'en-GB' });
  const manager = await managerCtx.newPage();
  await signIn(manager, keel.base, 'incident@keel.example');
  const api = await apiOf(manager);
  const wifi = await api.serviceId('Guest Wi-Fi');
  const made = await api.call('POST', '/api/v1/problems', {
    title: 'Guest Wi-Fi drops clients roaming between floors',
    serviceId: wifi,
  });
  const workaround = 'Forget the network on the device and join it again; it then stays on the 5 GHz band.';
  await api.call(
    'POST',
    `/api/v1/problems/${made.number}/transitions`,
    {
      to: 'known_error',
      cause: 'The controller firmware hands clients over to a 2.4 GHz radio that is full.',
      workaround,
      workaroundPublic: true,
    },
    made.version,
  );
  await managerCtx.close();

  const ctx = await keel.browser.newContext({ locale: 'en-GB', viewport: { width: 1300, height: 1000 } });
  const agent = await ctx.newPage();
  await signIn(agent, keel.base, 'agent@keel.example');
  // the agent looks it up among the known errors of the service first
  await agent.getByRole('navigation').getByRole('link', { name: 'Known errors' }).click();
  await agent.getByTestId('known-errors').getByText(made.number).waitFor();

  await agent.getByRole('navigation').getByRole('link', { name: 'Record an incident' }).click();
  await agent.getByTestId('incident-title').fill('Guest Wi-Fi drops when a guest walks to another floor');
  await agent.getByRole('combobox', { name: 'Service' }).click();
  await agent.getByRole('option', { name: 'Guest Wi-Fi' }).click();
  // while the agent types, the known error is suggested with its workaround
  const suggestion = agent.getByTestId('known-error-suggestion').filter({ hasText: made.number });
  await suggestion.waitFor();
  expect(await suggestion.getByTestId('suggested-workaround').textContent()).toBe(workaround);
  await suggestion.getByTestId('apply-workaround').click();
  const dialog = agent.getByRole('dialog');
  await dialog.getByText('Public note').waitFor();
  await dialog.getByLabel('Resolve the incident with the workaround').check();
  await dialog.getByTestId('apply-confirm').click();
  await agent.getByTestId('chosen-workaround').getByText(made.number).waitFor();
  await agent.getByTestId('record-incident').click();
  await agent.waitForURL(/\/work-items\/INC-\d{6}$/);

  // the incident is resolved with the workaround, linked to the known error, and shows its workaround
  await expect.poll(() => agent.getByTestId('incident-state').textContent()).toBe('Resolved');
  const linked = agent.getByTestId('linked-known-errors');
  await linked.getByText(made.number).waitFor();
  expect(await linked.getByTestId('linked-workaround').textContent()).toBe(workaround);
  // the workaround went to the requester as a public note, and resolved the incident with its code
  const note = agent.getByTestId('timeline-comment').filter({ hasText: workaround });
  await note.waitFor();
  expect(await note.count()).toBe(1);
  expect(await note.getByTestId('comment-internal').count()).toBe(0);
  const incident = agent.url().split('/').pop()!;
  expect(await (await apiOf(agent)).call('GET', `/api/v1/incidents/${incident}`)).toMatchObject({
    state: 'resolved',
    resolutionCode: 'workaround',
  });
  await agent.screenshot({ path: 'test-results/problem-workaround.png', fullPage: true });
  await ctx.close();
}, 120_000);

it('journey: a problem manager turns a trend candidate into a problem, raises the change that fixes it, and resolves it when the change is done', async () => {
  const ctx = await keel.browser.newContext({ locale: 'en-GB', viewport: { width: 1300, height: 1000 } });
  const page = await ctx.newPage();
  await signIn(page, keel.base, 'incident@keel.example');
  await inEnglish(page);
  const api = await apiOf(page);
  // three alike incidents on the staff intranet, and trend detection set to propose three
  await api.call('PUT', '/api/v1/problem-settings', { minIncidents: 3, windowDays: 30, minSimilarity: 0.3 });
  const intranet = await api.serviceId('Staff intranet');
  const incidents: string[] = [];
  for (const title of [
    'Staff intranet login page times out',
    'Staff intranet login page times out again',
    'Staff intranet login page times out in the morning',
  ])
    incidents.push(
      (await api.call('POST', '/api/v1/incidents', { title, serviceId: intranet, impact: 2, urgency: 2 }))
        .number,
    );
  // and three alike on the tills, which the problem manager will find no problem
  const tills = await api.serviceId('Point of sale');
  const others: string[] = [];
  for (const title of [
    'Restaurant till prints the bill twice',
    'Restaurant till prints the bill twice again',
    'Bar till prints the bill twice',
  ])
    others.push(
      (await api.call('POST', '/api/v1/incidents', { title, serviceId: tills, impact: 3, urgency: 3 }))
        .number,
    );

  await page.getByRole('navigation').getByRole('link', { name: 'Problem candidates' }).click();
  await page.getByTestId('trend-settings').waitFor();
  await page.getByTestId('detect').click();
  const candidate = page.getByTestId('candidate').filter({ hasText: incidents[0]! });
  await candidate.waitFor();
  for (const n of incidents) await candidate.getByText(n).waitFor();
  // the tills' candidate is no problem: dismissing it needs a reason, and it leaves the queue
  const other = page.getByTestId('candidate').filter({ hasText: others[0]! });
  for (const n of others) await other.getByText(n).waitFor();
  await other.getByTestId('candidate-dismiss').click();
  await page.getByTestId('dismiss-save').click();
  await page.getByRole('dialog').getByText('is required to dismiss a candidate').waitFor();
  await page
    .getByRole('dialog')
    .getByLabel('Why it is not a problem')
    .fill('The tills were set to print two copies; set back by hand.');
  await page.getByTestId('dismiss-save').click();
  await expect.poll(() => other.count()).toBe(0);
  const dismissed = await api.call('GET', '/api/v1/problem-candidates?state=dismissed');
  expect(
    dismissed.items.find((c: { incidents: Array<{ number: string }> }) =>
      c.incidents.some((i) => i.number === others[0]),
    ),
  ).toMatchObject({
    state: 'dismissed',
    reason: 'The tills were set to print two copies; set back by hand.',
  });
  await candidate.getByTestId('candidate-accept').click();
  await page.waitForURL(/\/work-items\/PRB-\d{6}$/);
  const problem = page.url().split('/').pop()!;
  expect(await page.getByTestId('problem-state').textContent()).toBe('New');
  for (const n of incidents) await page.getByTestId('problem-incidents').getByText(n).waitFor();

  // investigation: five whys from the template, the cause, then the known error with its workaround
  await page.getByTestId('problem-action-investigate').click();
  await expect.poll(() => page.getByTestId('problem-state').textContent()).toBe('Under investigation');
  await page
    .getByRole('textbox', { name: 'Cause', exact: true })
    .fill('The session store runs out of connections.');
  await page.getByTestId('rca-method').click();
  await page.getByRole('option', { name: '5 whys' }).click();
  expect(await page.getByTestId('rca-analysis').inputValue()).toContain('Why 1:');
  await page.getByTestId('problem-action-known_error').click();
  // the dialog starts from the cause typed above, not yet saved
  expect(await page.getByTestId('transition-cause').inputValue()).toBe(
    'The session store runs out of connections.',
  );
  await page.getByTestId('confirm-transition').click();
  // no workaround yet: said on its field, nothing changed
  await page.getByRole('dialog').getByText('document a workaround to make it a known error').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  // a workaround typed, then the analysis saved: the workaround being typed stays
  const workaround = 'Sign in again after clearing the intranet cookie.';
  await page.getByTestId('workaround-text').fill(workaround);
  const saved = await api.call('GET', `/api/v1/problems/${problem}`);
  expect(saved).toMatchObject({ cause: '', workaround: '' });
  await page.getByTestId('rca-save').click();
  await expect
    .poll(async () => (await api.call('GET', `/api/v1/problems/${problem}`)).cause)
    .toBe('The session store runs out of connections.');
  // the page has the saved analysis (nothing left to save, and not because the button is loading) ...
  const rcaSave = page.getByTestId('rca-save');
  await expect
    .poll(async () => (await rcaSave.getAttribute('data-loading')) === null && (await rcaSave.isDisabled()))
    .toBe(true);
  // ... and the workaround typed before it is still there, unsaved
  expect(await page.getByTestId('workaround-text').inputValue()).toBe(workaround);
  expect(await page.getByTestId('workaround-save').isDisabled()).toBe(false);
  // and the known-error dialog starts from it
  await page.getByTestId('problem-action-known_error').click();
  expect(await page.getByTestId('transition-workaround').inputValue()).toBe(workaround);
  await page.getByTestId('confirm-transition').click();
  await expect.poll(() => page.getByTestId('problem-state').textContent()).toBe('Known error');
  expect(await api.call('GET', `/api/v1/problems/${problem}`)).toMatchObject({
    state: 'known_error',
    workaround,
  });

  // the fix, raised as a change from the problem and linked to it
  await page.getByTestId('raise-change').click();
  const raise = page.getByRole('dialog');
  expect(await raise.getByLabel('Title').inputValue()).toContain(problem);
  await raise.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Standard' }).click();
  await raise.getByRole('combobox', { name: 'Risk' }).click();
  await page.getByRole('option', { name: 'Low' }).click();
  await raise.getByLabel('How it will be done').fill('Raise the session store pool from 20 to 100.');
  await raise.getByLabel('How it will be undone').fill('Set the pool back to 20.');
  await raise.getByLabel('Planned start').fill(local(1, 22));
  await raise.getByLabel('Planned end').fill(local(1, 23));
  // linking it to the problem fails once: the dialog says so instead of opening an unlinked change
  const links = (url: URL) => url.pathname === `/api/v1/work-items/${problem}/links`;
  await page.route(links, (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({ title: 'Unavailable', status: 503, detail: 'Try again in a moment.' }),
        })
      : route.continue(),
  );
  // a double click records one change
  await raise.getByTestId('change-save').dblclick();
  await raise.getByTestId('raise-unlinked').waitFor();
  expect(page.url()).toMatch(/\/work-items\/PRB-\d{6}$/);
  await page.unroute(links);
  await raise.getByTestId('raise-link-again').click();
  await page.waitForURL(/\/work-items\/CHG-\d{6}$/);
  await page.getByTestId('fixed-problems').getByText(problem).waitFor();
  const change = page.url().split('/').pop()!;
  expect((await api.call('GET', `/api/v1/problems/${problem}`)).changes).toEqual([
    expect.objectContaining({ number: change }),
  ]);
  const changes = await api.call('GET', '/api/v1/work-items?type=change&queue=all&limit=200');
  expect(
    changes.items
      .filter((i: { title: string }) => i.title.startsWith(`Fix ${problem}:`))
      .map((i: { number: string }) => i.number),
  ).toEqual([change]);

  await page.getByTestId('change-action-submit').click();
  await page.getByTestId('change-action-approve').click();
  await page.getByTestId('change-confirm').click();
  await expect.poll(() => page.getByTestId('change-state').textContent()).toBe('Approved');
  await page.getByTestId('change-action-start').click();
  await expect.poll(() => page.getByTestId('change-state').textContent()).toBe('Being implemented');
  await page.getByTestId('change-action-complete').click();
  await page.getByTestId('change-outcome-select').click();
  await page.getByRole('option', { name: 'Successful' }).click();
  await page.getByLabel('What happened').fill('Pool raised; no time-outs since.');
  await page.getByTestId('change-confirm').click();
  await expect.poll(() => page.getByTestId('change-state').textContent()).toBe('In review');

  // the change is done: it offers to resolve the problem, the change's outcome as the resolution
  await page.getByTestId(`resolve-${problem}`).click();
  expect(await page.getByTestId('fixed-resolution').inputValue()).toContain(
    'Pool raised; no time-outs since.',
  );
  await page.getByTestId('fixed-resolve').click();
  await page.getByTestId('fixed-problems').getByText('Resolved').waitFor();
  expect(await page.getByTestId(`resolve-${problem}`).count()).toBe(0);

  await page.getByTestId('fixed-problems').getByRole('link', { name: problem }).click();
  await expect.poll(() => page.getByTestId('problem-state').textContent()).toBe('Resolved');
  expect(await page.getByTestId('problem-resolution').textContent()).toContain('Pool raised');
  await page
    .getByTestId('problem-changes')
    .getByText(/CHG-\d{6}/)
    .waitFor();
  await page.screenshot({ path: 'test-results/problem-resolved.png', fullPage: true });
  await ctx.close();
}, 180_000);

it('journey: a problem manager records a problem from incidents chosen in the workspace, and an agent applies its workaround on an incident as an internal note', async () => {
  const ctx = await keel.browser.newContext({ locale: 'en-GB', viewport: { width: 1300, height: 1000 } });
  const page = await ctx.newPage();
  await signIn(page, keel.base, 'incident@keel.example');
  await inEnglish(page);
  const api = await apiOf(page);
  const booking = await api.serviceId('Booking system');
  const incidents: string[] = [];
  for (const title of [
    'Booking system shows rates in the wrong currency',
    'Booking rates shown in the wrong currency',
  ])
    incidents.push(
      (await api.call('POST', '/api/v1/incidents', { title, serviceId: booking, impact: 2, urgency: 2 }))
        .number,
    );

  await page.goto(`${keel.base}/work-items?queue=all&service=${booking}`);
  for (const n of incidents) await page.getByTestId(`row-${n}`).getByRole('checkbox', { name: n }).check();
  await page.getByTestId('bulk-problem').click();
  await page.waitForURL(/\/problems\/new\?/);
  for (const n of incidents) await page.getByTestId('new-problem-incidents').getByText(n).waitFor();
  expect(await page.getByTestId('problem-title').inputValue()).toBe(
    'Booking rates shown in the wrong currency',
  );
  await page.getByTestId('problem-title').fill('Booking system rates in the wrong currency');
  await page.getByTestId('problem-save').click();
  await page.waitForURL(/\/work-items\/PRB-\d{6}$/);
  const problem = page.url().split('/').pop()!;
  for (const n of incidents) await page.getByTestId('problem-incidents').getByText(n).waitFor();
  const workaround = 'Switch the rate view to CHF by hand in the booking screen.';
  await page.getByTestId('workaround-text').fill(workaround);
  await page.getByTestId('workaround-save').click();
  await expect
    .poll(async () => (await api.call('GET', `/api/v1/problems/${problem}`)).workaround)
    .toBe(workaround);
  await page.getByTestId('problem-action-known_error').click();
  await page
    .getByTestId('transition-cause')
    .fill('The currency table is not refreshed after the nightly import.');
  await page.getByTestId('confirm-transition').click();
  await expect.poll(() => page.getByTestId('problem-state').textContent()).toBe('Known error');
  // the workaround stays internal: the problem manager did not mark it for customers
  expect(await page.getByTestId('workaround-public').isChecked()).toBe(false);
  expect(await api.call('GET', `/api/v1/problems/${problem}`)).toMatchObject({
    state: 'known_error',
    workaround,
    workaroundPublic: false,
  });

  const agentCtx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1300, height: 1000 },
  });
  const agent = await agentCtx.newPage();
  await signIn(agent, keel.base, 'agent@keel.example');
  const agentApi = await apiOf(agent);
  const later = await agentApi.call('POST', '/api/v1/incidents', {
    title: 'Rates in the wrong currency on the booking screen',
    serviceId: booking,
    impact: 2,
    urgency: 2,
  });
  await agent.goto(`${keel.base}/work-items/${later.number}`);
  const suggestion = agent.getByTestId('known-error-suggestion').filter({ hasText: problem });
  await suggestion.getByTestId('apply-workaround').click();
  const dialog = agent.getByRole('dialog');
  await dialog.getByText('The problem manager keeps this workaround internal.').waitFor();
  await dialog.getByTestId('apply-confirm').click();
  const linked = agent.getByTestId('linked-known-errors');
  await linked.getByText(problem).waitFor();
  expect(await linked.getByTestId('linked-workaround').textContent()).toBe(workaround);
  // added as an internal note, and the incident stays open
  const note = agent.getByTestId('timeline-comment').filter({ hasText: workaround });
  await note.getByTestId('comment-internal').waitFor();
  expect(await note.count()).toBe(1);
  expect(await agent.getByTestId('incident-state').textContent()).toBe('New');
  await agentCtx.close();
  await ctx.close();
}, 180_000);
