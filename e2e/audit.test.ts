import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { journeyKeel, signIn } from './browser.ts';

const keel = journeyKeel();

async function inEnglish(page: Page) {
  await page.getByTestId('language-menu').click();
  await page.getByTestId('language-en').click();
}

/** The API as the signed-in reader of a page: their session and its CSRF token (to check what a step wrote). */
async function apiOf(page: Page) {
  const me = await (await page.request.get(`${keel.base}/api/v1/me`)).json();
  return async (path: string) => {
    const res = await page.request.get(`${keel.base}${path}`, { headers: { 'x-csrf-token': me.csrfToken } });
    const body = await res.json();
    if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${JSON.stringify(body)}`);
    return body;
  };
}

/** A write through the API as the signed-in reader (to do by API what the journey does not look at). */
async function writerOf(page: Page) {
  const me = await (await page.request.get(`${keel.base}/api/v1/me`)).json();
  return async (method: 'PATCH' | 'POST', path: string, data: unknown, version?: number) => {
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
}

/**
 * Picks an option of a Mantine select or multi-select in the open dialog by typing part of it, then clicks
 * the dialog's title so the list closes and uncovers the fields below.
 */
async function pick(page: Page, label: string, typed: string, option: string | RegExp) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(label, { exact: true }).focus();
  await page.keyboard.type(typed);
  await page.getByRole('option', { name: option }).first().click();
  await dialog.locator('.mantine-Modal-title').click();
}

it('journey: auditor plans an audit from the programme, answers the checklist, raises a minor NC', async () => {
  const ctx = await keel.browser.newContext({ locale: 'en-GB', viewport: { width: 1300, height: 1000 } });
  const page = await ctx.newPage();
  await signIn(page, keel.base, 'auditor@keel.example');
  await inEnglish(page);
  const get = await apiOf(page);

  // the demo's programme, from the "Check and act" navigation
  await page.getByRole('navigation').getByRole('link', { name: 'Internal audits' }).click();
  await page.getByTestId('programmes').getByRole('link', { name: /^PRG-/ }).first().click();
  await page.getByTestId('programme-calendar').waitFor();
  await page
    .getByTestId('programme-calendar')
    .getByText(/AUD-\d{4}-\d{2}/)
    .first()
    .waitFor();

  // plan an audit of incident management; its owner on the team is refused at the team's field
  await page.getByTestId('plan-audit').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('audit-title').fill('Incident management, second look');
  await pick(page, 'Processes in scope', 'Incident', 'Incident management');
  await pick(page, 'Audit team', 'Ines', /Ines Incident/);
  await dialog.getByTestId('audit-save').click();
  await dialog.getByText(/Ines Incident owns the process Incident management .* cannot audit it/).waitFor();
  expect(page.url()).toMatch(/\/internal-audits\/programmes\//);
  // she is an auditee instead
  await dialog.getByLabel('Audit team', { exact: true }).focus();
  await page.keyboard.press('Backspace');
  await dialog.locator('.mantine-Modal-title').click();
  await pick(page, 'Auditees', 'Ines', /Ines Incident/);
  await dialog.getByTestId('audit-save').click();
  await page.waitForURL(/\/internal-audits\/[0-9a-f-]{36}$/);
  expect(await page.getByTestId('audit-state').textContent()).toBe('Planned');

  // start it, and answer the first question: conformity, with a note and a record as evidence
  await page.getByTestId('audit-start-step').click();
  await expect.poll(() => page.getByTestId('audit-state').textContent()).toBe('In progress');
  const items = page.getByTestId('checklist').locator('[data-testid^="item-"][data-clause]');
  const first = items.nth(0);
  await first.getByText('Conformity', { exact: true }).click();
  await first.getByTestId('item-notes').fill('Seen in a sample of ten incidents of the last month.');
  await first.getByTestId('item-save').click();
  await expect
    .poll(() => page.getByTestId('checklist').getByText('1 of').textContent())
    .toMatch(/^1 of \d+ answered$/);

  // the second is a finding: answered so, then a minor nonconformity raised from it
  const second = items.nth(1);
  await second.getByText('Finding', { exact: true }).click();
  await second.getByTestId('item-notes').fill('Two major incidents were closed without a review.');
  await second.getByTestId('item-save').click();
  await expect.poll(() => page.getByTestId('checklist').getByText('2 of').count()).toBe(1);
  await items.nth(1).getByTestId('item-raise').click();
  expect(await dialog.getByTestId('finding-kind').inputValue()).toBe('Minor nonconformity');
  await dialog.getByTestId('finding-title').fill('Major incidents closed without a review');
  await dialog.getByTestId('finding-save').click();
  const nc = dialog.getByTestId('finding-nc');
  await nc.waitFor();
  const number = (await nc.textContent())!;
  expect(number).toMatch(/^NC-\d{6}$/);
  await dialog.getByTestId('finding-done').click();

  // the audit lists the finding with the NC it raised, and the API agrees
  const row = page
    .getByTestId('audit-findings')
    .locator('tr', { hasText: 'Major incidents closed without a review' });
  await row.getByText('Minor nonconformity').waitFor();
  expect(await row.getByTestId('finding-nc-link').textContent()).toBe(number);
  const auditId = page.url().split('/').pop()!;
  const audit = await get(`/api/v1/audits/${auditId}`);
  expect(audit).toMatchObject({
    state: 'in_progress',
    scopeProcesses: ['incident'],
    answered: 2,
    findingList: [
      { kind: 'minor_nc', nonconformityNumber: number, title: 'Major incidents closed without a review' },
    ],
  });
  expect(audit.auditees.map((p: { name: string }) => p.name)).toEqual(['Ines Incident']);
  expect(
    audit.checklist
      .filter((i: { answer: string | null }) => i.answer)
      .map((i: { answer: string }) => i.answer),
  ).toEqual(['conformity', 'finding']);
  await page.screenshot({ path: 'test-results/audit-workspace.png', fullPage: true });

  // the other questions answered (through the API: the journey has shown answering), then the report handed in
  const write = await writerOf(page);
  for (const i of audit.checklist.filter((x: { answer: string | null }) => !x.answer))
    await write('PATCH', `/api/v1/audits/${auditId}/checklist/${i.id}`, { answer: 'conformity' }, i.version);
  await page.reload();
  await page.getByTestId('audit-report-step').click();
  await dialog
    .getByLabel('Summary', { exact: true })
    .fill('Incident management works as planned, bar one lapse.');
  await dialog.getByLabel('Conclusion', { exact: true }).fill('Conforms, with one minor nonconformity.');
  await dialog.getByTestId('report-save').click();
  await expect.poll(() => page.getByTestId('audit-state').textContent()).toBe('Report awaiting approval');
  await ctx.close();

  // top management approves the report; it prints as PDF
  const topCtx = await keel.browser.newContext({ locale: 'en-GB', viewport: { width: 1300, height: 1000 } });
  const top = await topCtx.newPage();
  await signIn(top, keel.base, 'top@keel.example');
  await inEnglish(top);
  await top.goto(`${keel.base}/internal-audits/${auditId}`);
  await top.getByTestId('audit-approve-step').click();
  await expect.poll(() => top.getByTestId('audit-state').textContent()).toBe('Completed');
  const approved = await (await apiOf(top))(`/api/v1/audits/${auditId}`);
  expect(approved).toMatchObject({
    state: 'completed',
    summary: 'Incident management works as planned, bar one lapse.',
    conclusion: 'Conforms, with one minor nonconformity.',
  });
  const href = await top.getByTestId('report-pdf').getAttribute('href');
  const pdf = await top.request.get(`${keel.base}${href}`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await topCtx.close();
}, 180_000);

it('journey: the auditor downloads the evidence pack', async () => {
  const ctx = await keel.browser.newContext({
    locale: 'en-GB',
    viewport: { width: 1300, height: 1000 },
    acceptDownloads: true,
  });
  const page = await ctx.newPage();
  await signIn(page, keel.base, 'auditor@keel.example');
  await inEnglish(page);
  await page.getByRole('navigation').getByRole('link', { name: 'Readiness' }).click();
  await page.getByTestId('readiness-figure').waitFor();
  // every clause shows its status in words, not only in colour
  await page.getByTestId('clause-8.5.3').getByText('Missing').waitFor();

  await page.getByTestId('evidence-pack').click();
  await page.getByRole('button', { name: 'Last year' }).click();
  const year = new Date().getUTCFullYear() - 1;
  expect(await page.getByTestId('pack-from').inputValue()).toBe(`${year}-01-01`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('pack-make').click(),
  ]);
  expect(download.suggestedFilename()).toBe(`keel-evidence-${year}-01-01-${year}-12-31.zip`);
  const zip = new Uint8Array(await readFile((await download.path())!));
  // a ZIP by its magic number, and one that opens with its manifest in it
  expect([...zip.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  const files = unzipSync(zip);
  const manifest = JSON.parse(strFromU8(files['manifest.json']!));
  expect(manifest).toMatchObject({ period: { from: `${year}-01-01`, to: `${year}-12-31` } });
  expect(Object.keys(files)).toContain('index.html');
  await page.getByTestId('pack-saved').waitFor();
  await ctx.close();
}, 120_000);
