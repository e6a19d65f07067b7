import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../kernel/days.ts';
import { JobWorker } from '../../kernel/jobs/worker.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { communicationJobs } from './communication.ts';

/** Context, scope with its warnings, and the communication plan whose entries become dated tasks. */
let k: TestKeel;
let head: TestUser;
let top: TestUser;
let agent: TestUser;
let auditor: TestUser;
let customer: TestUser;
const svc: Record<string, string> = {};

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);
const get = (url: string, who: TestUser) => call('GET', url, who);
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  k = await testKeel();
  [head, top, agent, auditor, customer] = await Promise.all([
    k.user(['process_owner']),
    k.user(['top_management']),
    k.user(['service_desk_agent']),
    k.user(['internal_auditor']),
    k.user(['customer']),
  ]);
  const keeper = await k.user(['service_owner']);
  for (const [name, status] of [
    ['Booking', 'live'],
    ['Wi-Fi', 'live'],
    ['Fax', 'retired'],
  ] as const)
    svc[name] = (await post('/api/v1/services', keeper, { name, status, criticality: 2 })).json().id;
});

describe('context', () => {
  it('keeps issues and interested parties, written by top management and process owners', async () => {
    const issue = await post('/api/v1/context/issues', head, {
      kind: 'external',
      title: 'Heat waves in the alpine summer',
      effect: 'Server room cooling at the Zermatt hotel',
      climateRelated: true,
    });
    expect(issue.statusCode).toBe(201);
    expect((await post('/api/v1/context/issues', agent, { kind: 'internal', title: 'x' })).statusCode).toBe(
      403,
    );
    expect(
      problemOf(await post('/api/v1/context/issues', head, { kind: 'sideways', title: ' ' })).errors!.map(
        (e) => e.field,
      ),
    ).toEqual(['kind', 'title']);
    const changed = await call(
      'PATCH',
      `/api/v1/context/issues/${issue.json().id}`,
      top,
      { status: 'closed' },
      { 'if-match': issue.headers.etag as string },
    );
    expect(changed.json()).toMatchObject({
      status: 'closed',
      title: 'Heat waves in the alpine summer',
      version: 2,
    });
    const party = await post('/api/v1/context/parties', head, {
      name: 'Hotel guests',
      kind: 'user',
      requirements: 'Wi-Fi that works in every room',
      howAddressed: 'Wi-Fi service with a 99.5% availability target',
    });
    expect(party.statusCode).toBe(201);
    const ctx = (await get('/api/v1/context', auditor)).json();
    expect(ctx.issues).toHaveLength(1);
    expect(ctx.parties).toMatchObject([{ name: 'Hotel guests' }]);
    expect(ctx.climate).toBeNull();
    expect((await get('/api/v1/context', customer)).statusCode).toBe(403);
  });
});

describe('the scope', () => {
  it('warns before it exists, requires the climate decision, and warns where it and the services disagree', async () => {
    expect((await get('/api/v1/scope', agent)).json()).toMatchObject({
      current: null,
      warnings: [{ kind: 'no_scope' }],
    });
    const missing = await post('/api/v1/scope', head, {
      statement: ' ',
      serviceIds: [svc.Booking, '00000000-0000-4000-8000-000000000000'],
      climateRelevant: false,
      climateReasoning: '',
    });
    expect(problemOf(missing).errors).toEqual([
      { field: 'statement', message: 'is required' },
      { field: 'climateReasoning', message: 'say why climate change is or is not relevant' },
      { field: 'serviceIds', message: 'no services 00000000-0000-4000-8000-000000000000' },
    ]);
    const first = await post('/api/v1/scope', head, {
      statement: 'The SMS of Alpine Hotels IT covers the services it provides to the group’s hotels.',
      serviceIds: [svc.Booking, svc.Fax],
      units: ['IT department'],
      locations: ['Zermatt', 'Davos'],
      climateRelevant: true,
      climateReasoning: 'Heat waves threaten the cooling of the hotel server rooms.',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().current).toMatchObject({
      number: 1,
      locations: ['Zermatt', 'Davos'],
      climateRelevant: true,
    });
    expect(first.json().warnings).toEqual([
      { kind: 'retired_service_in_scope', serviceId: svc.Fax, name: 'Fax' },
      { kind: 'live_service_outside_scope', serviceId: svc['Wi-Fi'], name: 'Wi-Fi' },
    ]);
    expect(
      problemOf(await post('/api/v1/scope', head, { ...first.json().current, serviceIds: [svc.Booking] }))
        .errors,
    ).toEqual([{ field: 'reason', message: 'say why the scope changes' }]);
    const second = await post('/api/v1/scope', top, {
      statement: 'The SMS covers the services to the group’s hotels.',
      serviceIds: [svc.Booking, svc['Wi-Fi']],
      climateRelevant: true,
      climateReasoning: 'Heat waves threaten the cooling of the hotel server rooms.',
      reason: 'Fax retired; Wi-Fi went live',
    });
    expect(second.json()).toMatchObject({
      current: { number: 2, services: [{ name: 'Booking' }, { name: 'Wi-Fi' }] },
      warnings: [],
      versions: [{ number: 2, reason: 'Fax retired; Wi-Fi went live' }, { number: 1 }],
    });
    expect((await get('/api/v1/scope/versions/1', auditor)).json()).toMatchObject({
      number: 1,
      serviceIds: [svc.Booking, svc.Fax],
    });
    expect((await post('/api/v1/scope', agent, second.json().current)).statusCode).toBe(403);
    expect((await get('/api/v1/context', head)).json().climate).toMatchObject({ number: 2, relevant: true });
    const audit = await k.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'scope.versioned'`,
    );
    expect(audit.rows[0]!.n).toBe(2);
  });
});

describe('the communication plan', () => {
  it('turns entries into dated tasks, tells the responsible person on the day, and plans the next one', async () => {
    const bad = await post('/api/v1/communication', head, {
      subject: 'SLA report',
      audience: 'Hotel managers',
      channel: 'E-mail',
      frequency: 'monthly',
      responsibleId: customer.id,
      firstDue: day(-2),
    });
    expect(problemOf(bad).errors).toEqual([
      { field: 'responsibleId', message: 'must be an active member of the staff' },
    ]);
    const made = await post('/api/v1/communication', head, {
      subject: 'SLA report',
      audience: 'Hotel managers',
      channel: 'E-mail',
      frequency: 'monthly',
      responsibleId: agent.id,
      firstDue: day(-2),
    });
    expect(made.statusCode).toBe(201);
    const [entry] = (await get('/api/v1/communication', auditor)).json().items;
    expect(entry).toMatchObject({
      subject: 'SLA report',
      nextDue: day(-2),
      overdue: true,
      responsible: expect.any(String),
    });

    const worker = new JobWorker(k.db);
    for (const [kind, h] of Object.entries(communicationJobs)) worker.register(kind, h);
    await k.db.execute(sql`update jobs set due_at = now() where kind = 'communication.due'`);
    expect(await worker.drain()).toBe(1);
    const notes = await k.db.execute<{ text: string }>(
      sql`select text from notifications where user_id = ${agent.id}`,
    );
    expect(notes.rows.map((n) => n.text)).toEqual([
      `Communication due ${day(-2)}: SLA report to Hotel managers (E-mail).`,
    ]);

    const other = await k.user(['resolver']);
    expect(
      (await post(`/api/v1/communication/tasks/${entry.nextTaskId}/done`, other, { note: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (
        await post(`/api/v1/communication/tasks/${entry.nextTaskId}/done`, agent, {
          note: 'Sent October report',
        })
      ).statusCode,
    ).toBe(204);
    expect((await post(`/api/v1/communication/tasks/${entry.nextTaskId}/done`, agent, {})).statusCode).toBe(
      409,
    );
    const [after] = (await get('/api/v1/communication', head)).json().items;
    expect(after).toMatchObject({
      nextDue: addMonths(day(-2), 1),
      overdue: false,
      lastNote: 'Sent October report',
    });

    // stopping the entry drops the open occurrence and keeps what was done
    const stopped = await call(
      'PATCH',
      `/api/v1/communication/${entry.id}`,
      head,
      { active: false },
      { 'if-match': made.headers.etag as string },
    );
    expect(stopped.json()).toMatchObject({ active: false });
    const [gone] = (await get('/api/v1/communication', head)).json().items;
    expect(gone).toMatchObject({ nextDue: null, lastNote: 'Sent October report' });
  });

  it('moves recurring dates by calendar months, kept within the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-31', 12)).toBe('2027-03-31');
  });
});
