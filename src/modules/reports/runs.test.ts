import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCommand, systemActor } from '../../kernel/db/tx.ts';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { REPORT_JOB, reportJobs, requeueStalledSchedules } from './commands.ts';

/**
 * A schedule's runs when something fails outside the report's rendering: the failure is recorded and the
 * schedule goes on; a schedule whose job was lost is planned again by the housekeeping.
 */
let k: TestKeel;
let top: TestUser;

const call = (method: string, url: string, who: TestUser, payload?: object) =>
  k.app.inject({ method: method as 'GET', url, headers: who.auth, payload });

const runJob = (scheduleId: string, at: string) =>
  runCommand(k.db, systemActor('test'), null, (ctx) =>
    reportJobs[REPORT_JOB]({ id: 0, kind: REPORT_JOB, payload: { scheduleId, at }, attempts: 0 }, ctx.tx),
  );

const queuedRuns = async (id: string) =>
  (
    await k.db.execute<{ at: string }>(
      sql`select payload->>'at' as at from jobs where kind = ${REPORT_JOB} and state = 'queued'
            and payload->>'scheduleId' = ${id} order by due_at`,
    )
  ).rows.map((r) => r.at);

beforeAll(async () => {
  k = await testKeel();
  top = await k.user(['top_management'], { email: 'thomas@keel.test' });
  // the owner reads Dutch: the notices of a failure are said in it, without the exception's text
  await k.db.execute(sql`update users set language = 'nl' where id = ${top.id}`);
});

async function kpiSchedule(name: string) {
  const made = await call('POST', '/api/v1/report-schedules', top, {
    name,
    kind: 'kpi_pack',
    frequency: 'monthly',
    formats: ['csv'],
    recipientIds: [top.id],
    recipientAddresses: [],
    language: 'en',
  });
  expect(made.statusCode, made.body).toBe(201);
  return made.json().id as string;
}

describe('a run that fails after the report is made', () => {
  it('is recorded as failed, its owner told, and the next run planned', async () => {
    const id = await kpiSchedule('KPI pack');
    await k.db.execute(
      sql`update report_schedules set next_run_at = '2026-10-01T06:00:00Z' where id = ${id}`,
    );
    // the outbox refuses the report's mails (its notices still go)
    await k.db.execute(
      sql.raw(`
      create function refuse_reports() returns trigger language plpgsql as $$
      begin if new.meta->>'kind' = 'report' then raise exception 'outbox is full'; end if; return new; end $$;
      create trigger refuse_reports before insert on mail_messages for each row execute function refuse_reports();`),
    );
    try {
      await runJob(id, '2026-10-01T06:00:00.000Z');
    } finally {
      await k.db.execute(
        sql.raw('drop trigger refuse_reports on mail_messages; drop function refuse_reports();'),
      );
    }
    const list = (await call('GET', `/api/v1/report-distributions?scheduleId=${id}`, top)).json();
    expect(list.items).toMatchObject([
      {
        from: '2026-09-01',
        to: '2026-09-30',
        status: 'failed',
        error: 'The report could not be sent.',
        files: [],
      },
    ]);
    const told = await k.db.execute<{ text: string }>(
      sql`select text from notifications where kind = 'report.failed' and user_id = ${top.id}`,
    );
    expect(told.rows.map((r) => r.text)).toEqual([
      'Het geplande rapport KPI pack over 2026-09-01 – 2026-09-30 kon niet worden verzonden: Het rapport kon niet worden verzonden.',
    ]);
    const s = (await call('GET', `/api/v1/report-schedules/${id}`, top)).json();
    expect(s.nextRunAt).toBe('2026-11-01T06:00:00.000Z');
    expect(await queuedRuns(id)).toContain('2026-11-01T06:00:00.000Z');
    const sent = await k.db.execute(sql`select 1 from mail_messages where meta->>'kind' = 'report'`);
    expect(sent.rows).toHaveLength(0);
  });
});

describe('a report that cannot be made for a reason of Keel’s own', () => {
  it('is recorded with a generic reason, not the exception’s text', async () => {
    const id = await kpiSchedule('KPI pack broken');
    await k.db.execute(sql.raw('alter table objectives rename to objectives_away'));
    let res: Awaited<ReturnType<typeof call>>;
    try {
      res = await call('POST', `/api/v1/report-schedules/${id}/send-now`, top);
    } finally {
      await k.db.execute(sql.raw('alter table objectives_away rename to objectives'));
    }
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'failed', error: 'The report could not be made.' });
    const told = await k.db.execute<{ text: string }>(
      sql`select text from notifications where kind = 'report.failed' and params->>'name' = 'KPI pack broken'`,
    );
    expect(told.rows.map((r) => r.text)).toEqual([
      expect.stringMatching(/kon niet worden verzonden: Het rapport kon niet worden gemaakt\.$/),
    ]);
    expect(JSON.stringify(told.rows)).not.toContain('objectives');
  });
});

describe('the housekeeping', () => {
  it('plans the run of an active schedule whose job was lost, once', async () => {
    const id = await kpiSchedule('Lost');
    await k.db.execute(
      sql`update report_schedules set next_run_at = '2026-10-01T06:00:00Z' where id = ${id}`,
    );
    await k.db.execute(
      sql`update jobs set state = 'failed' where kind = ${REPORT_JOB} and payload->>'scheduleId' = ${id}`,
    );
    expect(await queuedRuns(id)).toEqual([]);
    expect(await requeueStalledSchedules(k.db)).toBeGreaterThanOrEqual(1);
    expect(await queuedRuns(id)).toEqual(['2026-10-01T06:00:00.000Z']);
    await requeueStalledSchedules(k.db);
    expect(await queuedRuns(id)).toEqual(['2026-10-01T06:00:00.000Z']);
    // a schedule switched off is left alone
    const off = await kpiSchedule('Off');
    await k.db.execute(
      sql`update report_schedules set active = false, next_run_at = '2026-10-01T06:00:00Z' where id = ${off}`,
    );
    await k.db.execute(sql`delete from jobs where payload->>'scheduleId' = ${off}`);
    await requeueStalledSchedules(k.db);
    expect(await queuedRuns(off)).toEqual([]);
  });
});

describe('the review pack', () => {
  it('reports the review held within its period, or the latest before its end, and none held as failed', async () => {
    for (const [code, on, state] of [
      ['MR-1', '2026-05-10', 'held'],
      ['MR-2', '2026-09-15', 'approved'],
      ['MR-3', '2026-09-20', 'planned'],
      ['MR-4', '2026-10-05', 'held'],
    ])
      await k.db.execute(sql`insert into management_reviews (code, title, period_from, period_to, meeting_on, state)
        values (${code}, ${`Review ${code}`}, '2025-10-01', ${on}, ${on}, ${state})`);
    const made = await call('POST', '/api/v1/report-schedules', top, {
      name: 'Review pack',
      kind: 'review_pack',
      frequency: 'monthly',
      formats: ['csv'],
      recipientIds: [top.id],
      recipientAddresses: [],
      language: 'en',
    });
    const id = made.json().id as string;
    const packFor = async (at: string, from: string) => {
      await k.db.execute(sql`update report_schedules set next_run_at = ${at} where id = ${id}`);
      await runJob(id, at);
      const d = (await call('GET', `/api/v1/report-distributions?scheduleId=${id}&limit=50`, top))
        .json()
        .items.find((x: { from: string }) => x.from === from);
      const mail = await k.db.execute<{ subject: string }>(
        sql`select subject from mail_messages where meta->>'distributionId' = ${d.id}`,
      );
      return { status: d.status, error: d.error, subject: mail.rows[0]?.subject ?? '' };
    };
    expect(await packFor('2026-10-01T06:00:00.000Z', '2026-09-01')).toMatchObject({
      status: 'sent',
      subject: expect.stringContaining('Management review pack: MR-2'),
    });
    expect(await packFor('2026-09-01T06:00:00.000Z', '2026-08-01')).toMatchObject({
      status: 'sent',
      subject: expect.stringContaining('Management review pack: MR-1'),
    });
    expect(await packFor('2026-05-01T06:00:00.000Z', '2026-04-01')).toEqual({
      status: 'failed',
      error: 'No management review was held by 2026-04-30.',
      subject: '',
    });
  });
});
