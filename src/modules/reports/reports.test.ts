import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, systemActor } from '../../kernel/db/tx.ts';
import { JobWorker } from '../../kernel/jobs/worker.ts';
import { MailSender } from '../../kernel/mail/sender.ts';
import { problemOf, type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { REPORT_JOB, reportJobs } from './commands.ts';

/**
 * Scheduled service reports over real SMTP: schedules kept by their keepers, a period's report rendered and
 * mailed through Keel's outbox to a local `smtp-server` sink with its PDF and CSV, the distribution recorded
 * with the files' SHA-256 (which must be the hashes of what arrived), the next run planned.
 */
let k: TestKeel;
let sink: SMTPServer;
let inbox: ParsedMail[] = [];
let sender: MailSender;
let slm: TestUser;
let top: TestUser;
let agent: TestUser;
let auditor: TestUser;
let guest: TestUser; // a customer's user, who may receive their service level report
let agreementId: string;

const call = (method: string, url: string, who: TestUser, payload?: object, headers: object = {}) =>
  k.app.inject({ method: method as 'GET', url, headers: { ...who.auth, ...headers }, payload });
const post = (url: string, who: TestUser, payload: object = {}) => call('POST', url, who, payload);

async function startSink(): Promise<number> {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      simpleParser(stream).then((m) => {
        inbox.push(m);
        cb();
      }, cb);
    },
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
  return (sink.server.address() as { port: number }).port;
}

/** Sends what Keel has queued and returns the mails the sink got since the last call. */
async function delivered(): Promise<ParsedMail[]> {
  await sender.runOnce();
  const got = inbox;
  inbox = [];
  return got;
}

/** Runs a schedule's job once for the run time it names, as the worker would. */
const runJob = (scheduleId: string, at: string) =>
  runCommand(k.db, systemActor('test'), null, (ctx) =>
    reportJobs[REPORT_JOB]({ id: 0, kind: REPORT_JOB, payload: { scheduleId, at }, attempts: 0 }, ctx.tx),
  );

beforeAll(async () => {
  const port = await startSink();
  k = await testKeel({
    env: {
      KEEL_SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      KEEL_MAIL_FROM: 'reports@keel.test',
      KEEL_PUBLIC_URL: 'https://desk.keel.test',
    },
  });
  sender = new MailSender(k.db, k.config);
  await sender.init();
  [slm, top, agent, auditor] = await Promise.all([
    k.user(['service_level_manager', 'service_owner']),
    k.user(['top_management'], { email: 'thomas@keel.test' }),
    k.user(['service_desk_agent']),
    k.user(['internal_auditor']),
  ]);
  const customerId = (await post('/api/v1/customers', slm, { code: 'ALP', name: 'Hotel Alpenrose' })).json()
    .id;
  guest = await k.user(['customer'], { email: 'manager@alpenrose.example' });
  await k.db.execute(sql`update users set customer_id = ${customerId} where id = ${guest.id}`);
  const calendarId = (
    await post('/api/v1/calendars', slm, {
      name: 'Office',
      timeZone: 'Europe/Vienna',
      week: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ start: '08:00', end: '17:00' }]])),
    })
  ).json().id;
  agreementId = (
    await post('/api/v1/agreements', slm, {
      kind: 'sla',
      name: 'Alpenrose SLA',
      customerId,
      calendarId,
      status: 'active',
      targets: [{ metric: 'resolution', priority: 2, minutes: 480 }],
    })
  ).json().id;
});

afterAll(async () => {
  await sender?.stop();
  await new Promise<void>((r) => sink.close(() => r()));
});

const sla = (over: object = {}) => ({
  name: 'Alpenrose monthly SLA report',
  kind: 'service_level',
  agreementId,
  frequency: 'monthly',
  formats: ['pdf', 'csv'],
  recipientIds: [top.id, guest.id],
  recipientAddresses: ['Board@Alpenrose.example'],
  language: 'nl',
  ...over,
});

describe('report schedules', () => {
  it('are kept by their keepers, checked, and read by everyone inside the provider only', async () => {
    expect((await post('/api/v1/report-schedules', agent, sla())).statusCode).toBe(403);
    expect((await post('/api/v1/report-schedules', auditor, sla())).statusCode).toBe(403);
    const bad = await post(
      '/api/v1/report-schedules',
      slm,
      sla({ agreementId: null, recipientIds: [], recipientAddresses: [] }),
    );
    expect(problemOf(bad).errors).toEqual([
      { field: 'agreementId', message: 'a service level report names its agreement' },
      { field: 'recipientIds', message: 'name at least one recipient, in Keel or by address' },
    ]);
    const pack = await post('/api/v1/report-schedules', slm, sla({ kind: 'kpi_pack', agreementId: null }));
    expect(problemOf(pack).errors).toEqual([
      { field: 'recipientIds.1', message: 'this report goes to people inside the provider only' },
    ]);
    const made = await post('/api/v1/report-schedules', slm, sla());
    expect(made.statusCode, made.body).toBe(201);
    const now = new Date();
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 6));
    const expectedRun =
      now < new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 6))
        ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 6))
        : nextMonth;
    expect(made.json()).toMatchObject({
      kind: 'service_level',
      agreementName: 'Alpenrose SLA',
      recipientAddresses: ['board@alpenrose.example'],
      nextRunAt: expectedRun.toISOString(),
      active: true,
      version: 1,
    });
    const job = await k.db.execute<{ due_at: Date }>(
      sql`select due_at from jobs where kind = ${REPORT_JOB} and payload->>'scheduleId' = ${made.json().id}`,
    );
    expect(job.rows.map((j) => new Date(j.due_at).toISOString())).toEqual([expectedRun.toISOString()]);
    expect((await call('GET', '/api/v1/report-schedules', auditor)).json()).toMatchObject({ total: 1 });
    expect((await call('GET', '/api/v1/report-schedules', guest)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/report-distributions', guest)).statusCode).toBe(403);
  });
});

describe('a scheduled run', () => {
  let id: string;
  beforeAll(async () => {
    id = (await call('GET', '/api/v1/report-schedules', slm)).json().items[0].id;
  });

  it('mails the period just ended as PDF and CSV, records the files’ hashes, and plans the next run', async () => {
    await k.db.execute(
      sql`update report_schedules set next_run_at = '2026-10-01T06:00:00Z' where id = ${id}`,
    );
    await runJob(id, '2026-10-01T06:00:00.000Z');
    const list = (await call('GET', `/api/v1/report-distributions?scheduleId=${id}`, auditor)).json();
    expect(list.total).toBe(1);
    const d = list.items[0];
    expect(d).toMatchObject({
      scheduleName: 'Alpenrose monthly SLA report',
      kind: 'service_level',
      from: '2026-09-01',
      to: '2026-09-30',
      status: 'sent',
      error: '',
      recipients: ['board@alpenrose.example', 'manager@alpenrose.example', 'thomas@keel.test'],
      delivery: { queued: 3, sent: 0, failed: 0 },
    });
    expect(d.files.map((f: { name: string }) => f.name)).toEqual([
      'alpenrose-monthly-sla-report-2026-09-01-2026-09-30.pdf',
      'alpenrose-monthly-sla-report-2026-09-01-2026-09-30.csv',
    ]);
    const s = (await call('GET', `/api/v1/report-schedules/${id}`, slm)).json();
    expect(s.nextRunAt).toBe('2026-11-01T06:00:00.000Z');
    const next = await k.db.execute<{ payload: { at: string } }>(
      sql`select payload from jobs where kind = ${REPORT_JOB} and state = 'queued' and payload->>'scheduleId' = ${id} order by id desc limit 1`,
    );
    expect(next.rows[0]!.payload.at).toBe('2026-11-01T06:00:00.000Z');

    const mails = await delivered();
    expect(mails.map((m) => m.to && 'value' in m.to && m.to.value[0]!.address).sort()).toEqual(d.recipients);
    for (const m of mails) {
      expect(m.subject).toBe('Service level report: Alpenrose SLA: 2026-09-01 – 2026-09-30');
      expect(m.from!.value[0]!.address).toBe('reports@keel.test');
      // the schedule's language is Dutch
      expect(m.text).toContain('Het bijgevoegde rapport beslaat 2026-09-01 tot en met 2026-09-30');
      expect(
        m.attachments.map((a) => ({
          name: a.filename,
          sha256: createHash('sha256').update(a.content).digest('hex'),
          bytes: a.content.length,
        })),
      ).toEqual(d.files);
    }
    const csv = mails[0]!.attachments.find((a) => a.filename!.endsWith('.csv'))!.content.toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('section,subject,month,total,met,missed,open,met_percent');
    expect(mails[0]!.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    const after = (await call('GET', `/api/v1/report-distributions?scheduleId=${id}`, auditor)).json();
    expect(after.items[0].delivery).toEqual({ queued: 0, sent: 3, failed: 0 });
    // the outbox does not keep a copy of the files per recipient once they are sent
    const kept = await k.db.execute(sql`
      select 1 from mail_messages where meta->>'distributionId' = ${d.id} and meta ? 'files'`);
    expect(kept.rows).toHaveLength(0);
    const audit = await k.db.execute<{ actor_label: string }>(
      sql`select actor_label from audit_log where action = 'report.distributed' and record_id = ${id}`,
    );
    expect(audit.rows.length).toBe(1);
  });

  it('stays quiet when the schedule changed since the job was planned', async () => {
    await runJob(id, '2026-10-01T06:00:00.000Z');
    expect((await call('GET', `/api/v1/report-distributions?scheduleId=${id}`, auditor)).json().total).toBe(
      1,
    );
  });

  it('catches up periods missed while Keel was down, one by one, until the next run is ahead', async () => {
    await k.db.execute(sql`update jobs set due_at = now() where kind = ${REPORT_JOB} and state = 'queued'
                             and payload->>'scheduleId' = ${id}`);
    const worker = new JobWorker(k.db);
    for (const [kind, h] of Object.entries(reportJobs)) worker.register(kind, h);
    await worker.drain();
    const all = (
      await call('GET', `/api/v1/report-distributions?scheduleId=${id}&limit=200`, auditor)
    ).json();
    const periods = all.items.map((x: { from: string }) => x.from).sort();
    // every month from September to the last one ended, each once
    expect(periods[0]).toBe('2026-09-01');
    const months = periods.map((p: string) => p.slice(0, 7));
    expect(new Set(months).size).toBe(months.length);
    for (let i = 1; i < months.length; i++) {
      const [y, m] = months[i - 1].split('-').map(Number);
      expect(months[i]).toBe(new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7));
    }
    const s = (await call('GET', `/api/v1/report-schedules/${id}`, slm)).json();
    expect(new Date(s.nextRunAt).getTime()).toBeGreaterThan(Date.now());
    await delivered();
  });
});

describe('sending now, failures and removal', () => {
  it('sends the KPI pack of the month just ended at once', async () => {
    const made = await post(
      '/api/v1/report-schedules',
      top,
      sla({
        name: 'KPI pack',
        kind: 'kpi_pack',
        agreementId: null,
        recipientIds: [top.id],
        recipientAddresses: [],
        language: 'da',
      }),
    );
    expect(made.statusCode, made.body).toBe(201);
    expect((await post(`/api/v1/report-schedules/${made.json().id}/send-now`, agent)).statusCode).toBe(403);
    const sent = await post(`/api/v1/report-schedules/${made.json().id}/send-now`, top);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'sent', recipients: ['thomas@keel.test'], kind: 'kpi_pack' });
    const [mail, ...rest] = await delivered();
    expect(rest).toEqual([]);
    expect(mail!.text).toContain('Den vedhæftede rapport dækker');
    expect(mail!.attachments.map((a) => a.filename)).toEqual(
      sent.json().files.map((f: { name: string }) => f.name),
    );
  });

  it('records a review pack it cannot make as failed, and tells its owner', async () => {
    const made = await post(
      '/api/v1/report-schedules',
      slm,
      sla({
        name: 'Review pack',
        kind: 'review_pack',
        agreementId: null,
        recipientIds: [top.id],
        recipientAddresses: [],
        formats: ['pdf'],
      }),
    );
    const res = await post(`/api/v1/report-schedules/${made.json().id}/send-now`, slm);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^No management review was held by \d{4}-\d{2}-\d{2}\.$/),
      files: [],
      recipients: [],
    });
    const told = await k.db.execute<{ text: string }>(
      sql`select text from notifications where kind = 'report.failed' and user_id = ${slm.id}`,
    );
    expect(told.rows[0]!.text).toContain('Review pack');
    // no report goes out; the owner's notice does, as every notification does where mail is on
    const mails = await delivered();
    expect(
      mails.map((m) => [m.to && 'value' in m.to && m.to.value[0]!.address, m.attachments.length]),
    ).toEqual([[slm.email, 0]]);
    expect(mails[0]!.subject).toContain('could not be sent: No management review was held by');
  });

  it('changes a schedule with If-Match, and removes only one that has sent nothing', async () => {
    const made = await post(
      '/api/v1/report-schedules',
      slm,
      sla({ name: 'Quarterly', frequency: 'monthly' }),
    );
    const url = `/api/v1/report-schedules/${made.json().id}`;
    expect((await call('PATCH', url, slm, { frequency: 'quarterly' })).statusCode).toBe(428);
    const changed = await call(
      'PATCH',
      url,
      slm,
      { frequency: 'quarterly' },
      { 'if-match': made.headers.etag },
    );
    expect(changed.statusCode, changed.body).toBe(200);
    const q = new Date(changed.json().nextRunAt);
    expect([0, 3, 6, 9]).toContain(q.getUTCMonth());
    expect(q.getUTCDate()).toBe(1);
    expect(
      (await call('PATCH', url, slm, { active: false }, { 'if-match': made.headers.etag })).statusCode,
    ).toBe(412);
    // abilities say what the API allows: the keeper may remove one that has sent nothing, a reader may not
    expect(changed.json().abilities).toEqual({ remove: true });
    expect((await call('GET', url, agent)).json().abilities).toEqual({ remove: false });
    expect((await call('DELETE', url, agent)).statusCode).toBe(403);
    expect((await call('DELETE', url, slm)).statusCode).toBe(204);
    expect((await call('GET', url, slm)).statusCode).toBe(404);
    const sentOne = (await call('GET', '/api/v1/report-schedules', slm))
      .json()
      .items.find((s: { name: string }) => s.name === 'Alpenrose monthly SLA report');
    expect(sentOne.abilities).toEqual({ remove: false });
    const refused = await call('DELETE', `/api/v1/report-schedules/${sentOne.id}`, slm);
    expect(refused.statusCode).toBe(409);
  });
});

describe('who a report may reach', () => {
  it("refuses another customer's and a supplier's people, by id or by address, and asks again at sending", async () => {
    const otherId = (await post('/api/v1/customers', slm, { code: 'SEE', name: 'Hotel Seeblick' })).json().id;
    const other = await k.user(['customer'], { email: 'gm@seeblick.example' });
    await k.db.execute(sql`update users set customer_id = ${otherId} where id = ${other.id}`);
    const vendor = await k.user(['supplier'], { email: 'rep@vendor.example' });
    const slaOnly = "this report goes to people inside the provider and the agreement's customer only";
    const bad = await post(
      '/api/v1/report-schedules',
      slm,
      sla({
        recipientIds: [top.id, other.id, vendor.id],
        recipientAddresses: ['GM@Seeblick.example', 'rep@vendor.example', 'someone@elsewhere.example'],
      }),
    );
    expect(problemOf(bad).errors).toEqual([
      { field: 'recipientIds.1', message: slaOnly },
      { field: 'recipientIds.2', message: slaOnly },
      { field: 'recipientAddresses.0', message: slaOnly },
      { field: 'recipientAddresses.1', message: slaOnly },
    ]);
    const pack = await post(
      '/api/v1/report-schedules',
      slm,
      sla({ kind: 'kpi_pack', agreementId: null, recipientIds: [top.id], recipientAddresses: [guest.email] }),
    );
    expect(problemOf(pack).errors).toEqual([
      { field: 'recipientAddresses.0', message: 'this report goes to people inside the provider only' },
    ]);

    const colleague = await k.user(['customer'], { email: 'frontdesk@alpenrose.example' });
    const alpenrose = (
      await k.db.execute<{ customer_id: string }>(sql`select customer_id from users where id = ${guest.id}`)
    ).rows[0]!.customer_id;
    await k.db.execute(sql`update users set customer_id = ${alpenrose} where id = ${colleague.id}`);
    const made = await post(
      '/api/v1/report-schedules',
      slm,
      sla({ name: 'Front desk', recipientIds: [top.id, colleague.id], recipientAddresses: [] }),
    );
    expect(made.statusCode, made.body).toBe(201);
    // the colleague moves to the other hotel after the schedule was kept
    await k.db.execute(sql`update users set customer_id = ${otherId} where id = ${colleague.id}`);
    const sent = await post(`/api/v1/report-schedules/${made.json().id}/send-now`, slm);
    expect(sent.json()).toMatchObject({ status: 'sent', recipients: ['thomas@keel.test'] });
    await delivered();
  });
});
