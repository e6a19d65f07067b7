import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../kernel/days.ts';
import { JobWorker } from '../../kernel/jobs/worker.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { communicationJobs } from './commands.ts';

/** The communication plan, whose entries become dated tasks for the people responsible. */
let k: TestKeel;
let head: TestUser;
let agent: TestUser;
let auditor: TestUser;
let customer: TestUser;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);
const get = (url: string, who: TestUser) => call('GET', url, who);
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  k = await testKeel();
  [head, agent, auditor, customer] = await Promise.all([
    k.user(['process_owner']),
    k.user(['service_desk_agent']),
    k.user(['internal_auditor']),
    k.user(['customer']),
  ]);
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
