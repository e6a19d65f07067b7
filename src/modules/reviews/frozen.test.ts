import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { fill } from './inputs/lenient.ts';
import { INPUTS_VERSION, inputsShape } from './inputs/shapes.ts';

/**
 * Inputs frozen in an older shape: they still read (GET inputs), print (minutes.pdf) and go into the review
 * pack, filled out to today's shape; an input that does not fit at all reads empty, the others as frozen.
 */
let k: TestKeel;
let top: TestUser;
let head: TestUser;

const call = (method: string, url: string, who: TestUser, payload?: object) =>
  k.app.inject({ method: method as 'GET', url, headers: who.auth, payload });

beforeAll(async () => {
  k = await testKeel();
  [top, head] = await Promise.all([k.user(['top_management']), k.user(['process_owner'])]);
});

describe('inputs frozen in an older shape', () => {
  it('carry the version of their shape when frozen now', async () => {
    const made = await call('POST', '/api/v1/management-reviews', head, {
      title: 'Now',
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      meetingOn: '2026-01-20',
    });
    expect(made.statusCode, made.body).toBe(201);
    const inputs = await call('GET', `/api/v1/management-reviews/${made.json().id}/inputs`, top);
    expect(inputs.json().schemaVersion).toBe(INPUTS_VERSION);
  });

  it('read, print and make the review pack without a 500', async () => {
    const live = (
      await call(
        'GET',
        `/api/v1/management-reviews/${(await call('GET', '/api/v1/management-reviews', top)).json().items[0].id}/inputs`,
        top,
      )
    ).json();
    // as frozen before the complaints were counted: no schemaVersion, complaints without count and items,
    // workload without its previous period, and an audits input whose entries no longer fit at all
    const old = structuredClone(live);
    for (const key of ['schemaVersion', 'reviewId', 'code', 'frozen', 'commentary']) delete old[key];
    old.inputs.customer_satisfaction.complaints = {
      recorded: false,
      note: 'Keel does not record complaints yet.',
    };
    delete old.inputs.workload.previous;
    old.inputs.workload.incidents = { opened: 7, closed: 5 };
    old.inputs.audits = { completed: [{ id: 'not-a-uuid', code: 7 }], findingsRaised: {}, planned: 'x' };
    const r = await k.db.execute<{ id: string }>(sql`
      insert into management_reviews (code, title, period_from, period_to, meeting_on, state, inputs, held_at)
      values ('MR-OLD', 'Frozen long ago', '2024-01-01', '2024-12-31', '2025-01-15', 'held',
              ${JSON.stringify(old)}::jsonb, '2025-01-15T10:00:00Z')
      returning id`);
    const id = r.rows[0]!.id;

    const got = await call('GET', `/api/v1/management-reviews/${id}/inputs`, top);
    expect(got.statusCode, got.body).toBe(200);
    const i = got.json();
    expect(i).toMatchObject({ schemaVersion: 1, frozen: true, code: 'MR-OLD' });
    expect(i.inputs.customer_satisfaction.complaints).toEqual({
      recorded: false,
      count: 0,
      items: [],
      note: 'Keel does not record complaints yet.',
    });
    expect(i.inputs.workload.incidents).toEqual({ opened: 7, closed: 5 });
    expect(i.inputs.workload.previous.incidents).toEqual({ opened: 0, closed: 0 });
    expect(i.inputs.audits).toEqual({
      completed: [],
      findingsRaised: { major_nc: 0, minor_nc: 0, observation: 0, ofi: 0 },
      planned: 0,
    });

    const pdf = await call('GET', `/api/v1/management-reviews/${id}/minutes.pdf`, top);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const schedule = await call('POST', '/api/v1/report-schedules', top, {
      name: 'Review pack',
      kind: 'review_pack',
      frequency: 'monthly',
      formats: ['pdf', 'csv'],
      recipientIds: [top.id],
      recipientAddresses: [],
      language: 'en',
    });
    expect(schedule.statusCode, schedule.body).toBe(201);
    const sent = await call('POST', `/api/v1/report-schedules/${schedule.json().id}/send-now`, top);
    expect(sent.json()).toMatchObject({ status: 'sent', error: '' });
  });

  it('fill every input out from nothing to a value of its shape', () => {
    for (const [key, shape] of Object.entries(inputsShape.shape))
      expect(shape.safeParse(fill(shape, undefined)).success, key).toBe(true);
  });
});
