import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import type { Principal } from '../../kernel/auth/principal.ts';
import type { Db, Queryable, Tx } from '../../kernel/db/database.ts';
import { type CommandContext, contextFor, runCommand, systemActor } from '../../kernel/db/tx.ts';
import { checkVersion } from '../../kernel/http/etag.ts';
import { type FieldError, problems } from '../../kernel/http/problem.ts';
import { enqueueJob } from '../../kernel/jobs/queue.ts';
import type { Job } from '../../kernel/jobs/worker.ts';
import { queueMails } from '../../kernel/mail/outbox.ts';
import { notify } from '../../kernel/notify/notify.ts';
import { getAgreement } from '../agreements/index.ts';
import { daysOf, nextRunAfter, periodBefore } from './periods.ts';
import { mayKeepReports } from './policy.ts';
import { type Schedule, scheduleFor } from './queries.ts';
import { checkRecipients, sendingList } from './recipients.ts';
import { ReportError, renderReport } from './render.ts';
import { reportDistributions, reportSchedules } from './schema.ts';
import type { ScheduleInput, SchedulePatch } from './shapes.ts';

/**
 * Scheduled service reports (9.4): keeping the schedules, and sending a period's report by mail with its
 * distribution recorded (the files' SHA-256, the recipients, whether it went), by the schedule's job after
 * each period or at once on request. Each write is one transaction with its audit entry.
 */

type Checked = Pick<ScheduleInput, 'kind' | 'recipientIds' | 'recipientAddresses'> & {
  agreementId?: string | null;
};

async function check(db: Queryable, s: Checked): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (s.kind === 'service_level') {
    if (!s.agreementId)
      errors.push({ field: 'agreementId', message: 'a service level report names its agreement' });
    else if (!(await getAgreement(db, s.agreementId)))
      errors.push({ field: 'agreementId', message: 'is not an agreement' });
  } else if (s.agreementId)
    errors.push({ field: 'agreementId', message: 'only a service level report names an agreement' });
  if (!s.recipientIds.length && !s.recipientAddresses.length)
    errors.push({ field: 'recipientIds', message: 'name at least one recipient, in Keel or by address' });
  errors.push(...(await checkRecipients(db, s)));
  return errors;
}

const clean = <T extends { recipientIds?: string[]; recipientAddresses?: string[] }>(x: T): T => ({
  ...x,
  ...(x.recipientIds ? { recipientIds: [...new Set(x.recipientIds)] } : {}),
  ...(x.recipientAddresses
    ? { recipientAddresses: [...new Set(x.recipientAddresses.map((a) => a.trim().toLowerCase()))] }
    : {}),
});

function mustKeep(who: Principal) {
  if (!mayKeepReports(who))
    throw problems.forbidden(
      'Scheduled reports are kept by service level managers, process owners and top management.',
    );
}

export async function createSchedule(ctx: CommandContext, who: Principal, given: ScheduleInput) {
  mustKeep(who);
  const input = clean(given);
  const errors = await check(ctx.tx, input);
  if (errors.length) throw problems.validation(errors);
  const [row] = await ctx.tx
    .insert(reportSchedules)
    .values({
      ...input,
      agreementId: input.agreementId ?? null,
      nextRunAt: nextRunAfter(input.frequency, new Date()),
      ownerId: who.userId,
    })
    .returning();
  await ctx.audit({
    action: 'report.schedule_created',
    recordType: 'report-schedule',
    recordId: row!.id,
    after: row,
  });
  await scheduleRun(ctx.tx, row!);
  return row!;
}

/** Changes a schedule; a new frequency, or one switched on again, runs next after the period now running. */
export async function updateSchedule(
  ctx: CommandContext,
  who: Principal,
  id: string,
  expected: number,
  given: SchedulePatch,
) {
  mustKeep(who);
  const before = await scheduleFor(ctx.tx, id, true);
  checkVersion(expected, before.version);
  const patch = clean(given);
  const merged = { ...before, ...patch };
  const errors = await check(ctx.tx, merged);
  if (errors.length) throw problems.validation(errors);
  const replan = merged.frequency !== before.frequency || (merged.active && !before.active);
  const [after] = await ctx.tx
    .update(reportSchedules)
    .set({
      ...patch,
      ...(replan ? { nextRunAt: nextRunAfter(merged.frequency, new Date()) } : {}),
      updatedAt: new Date(),
      version: before.version + 1,
    })
    .where(eq(reportSchedules.id, id))
    .returning();
  await ctx.audit({
    action: 'report.schedule_updated',
    recordType: 'report-schedule',
    recordId: id,
    before,
    after,
  });
  await scheduleRun(ctx.tx, after!);
  return after!;
}

/**
 * Removes a schedule that has sent nothing yet. One that has sent reports keeps them as 9.4's evidence: it is
 * switched off instead (active: false), since removing it would remove its distributions with it.
 */
export async function deleteSchedule(ctx: CommandContext, who: Principal, id: string) {
  mustKeep(who);
  const before = await scheduleFor(ctx.tx, id, true);
  const sent = await ctx.tx.execute(
    sql`select 1 from report_distributions where schedule_id = ${id} limit 1`,
  );
  if (sent.rows.length)
    throw problems.conflict(
      `"${before.name}" has sent reports, which are kept as evidence; switch it off (active: false) instead.`,
    );
  await ctx.tx.delete(reportSchedules).where(eq(reportSchedules.id, id));
  await ctx.audit({ action: 'report.schedule_deleted', recordType: 'report-schedule', recordId: id, before });
}

export const REPORT_JOB = 'report.send';

/**
 * Why a report failed goes to its keepers in words they can act on (a ReportError's, or one of these, said in
 * each reader's language through the messages' terms); what broke inside goes to the log only, since the
 * distribution and the notice are read by people the exception's text is not for.
 */
const log = pino({ name: 'keel.reports', level: process.env.KEEL_LOG_LEVEL ?? 'info' });
const notMade = 'The report could not be made.';
const notSent = 'The report could not be sent.';
const nobodyLeft = 'None of its recipients is active any more.';

/**
 * The run of an active schedule at its next time. The job carries that time: a schedule changed since plans
 * a run of its own, and the old job finds a different time and stays quiet.
 */
async function scheduleRun(tx: Tx, s: Schedule) {
  if (!s.active) return;
  const at = s.nextRunAt.toISOString();
  await enqueueJob(
    tx,
    REPORT_JOB,
    { scheduleId: s.id, at },
    { dueAt: s.nextRunAt, uniqueKey: `report:${s.id}:${at}` },
  );
}

const words = {
  en: {
    body: 'The attached report covers {from} to {to}. Keel sends it each {period} for {owner}.',
    month: 'month',
    quarter: 'quarter',
  },
  nl: {
    body: 'Het bijgevoegde rapport beslaat {from} tot en met {to}. Keel verstuurt het elke {period} namens {owner}.',
    month: 'maand',
    quarter: 'kwartaal',
  },
  da: {
    body: 'Den vedhæftede rapport dækker {from} til {to}. Keel sender den hver {period} på vegne af {owner}.',
    month: 'måned',
    quarter: 'kvartal',
  },
} as const;

/**
 * Renders the report of a period and hands one mail per recipient to the outbox, recording the distribution:
 * `sent` with the files' SHA-256 when the mails are queued, `failed` with the reason when the report could not
 * be made or nobody is left to send it to (and then its owner is told). Rendering runs in a savepoint, so a
 * report that fails leaves the distribution's record and the schedule's next run intact.
 */
export async function distribute(ctx: CommandContext, s: Schedule, period: { from: Date; to: Date }) {
  const days = daysOf(period);
  // every recipient is asked again: roles and customers change after a schedule is kept
  const { to, refused } = await sendingList(ctx.tx, s);
  const addresses = [...to.keys()].sort();
  let rendered: Awaited<ReturnType<typeof renderReport>> | null = null;
  let error = '';
  try {
    rendered = await ctx.tx.transaction((sp) => renderReport(sp, s, period));
  } catch (e) {
    if (e instanceof ReportError) error = e.message;
    else {
      error = notMade;
      log.error({ err: e, scheduleId: s.id, period: days }, 'a scheduled report could not be made');
    }
  }
  if (rendered && !to.size) error = nobodyLeft;
  const files = (rendered?.files ?? []).map((f) => ({
    name: f.fileName,
    sha256: createHash('sha256').update(f.content).digest('hex'),
    bytes: f.content.length,
  }));
  const [row] = await ctx.tx
    .insert(reportDistributions)
    .values({
      scheduleId: s.id,
      periodFrom: period.from,
      periodTo: period.to,
      recipients: error ? [] : addresses,
      files: error ? [] : files,
      status: error ? 'failed' : 'sent',
      error,
    })
    .returning();
  if (rendered && !error) {
    const owner = s.ownerId
      ? ((await ctx.tx.execute<{ name: string }>(sql`select name from users where id = ${s.ownerId}`)).rows[0]
          ?.name ?? 'Keel')
      : 'Keel';
    const w = words[s.language as keyof typeof words] ?? words.en;
    const text = w.body
      .replace('{from}', days.from)
      .replace('{to}', days.to)
      .replace('{period}', s.frequency === 'monthly' ? w.month : w.quarter)
      .replace('{owner}', owner);
    await queueMails(
      ctx.tx,
      addresses.map((address) => ({
        to: address,
        userId: to.get(address) ?? null,
        subject: `${rendered.title}: ${days.from} – ${days.to}`,
        text,
        files: rendered.files,
        meta: { kind: 'report', distributionId: row!.id },
      })),
    );
  } else
    await notify(
      ctx.tx,
      { userIds: [s.ownerId] },
      'report.failed',
      { name: s.name, ...days, error },
      '/reports',
    );
  await ctx.audit({
    action: error ? 'report.failed' : 'report.distributed',
    recordType: 'report-schedule',
    recordId: s.id,
    after: { ...row, ...(refused.length ? { refused } : {}) },
  });
  return row!;
}

/** Sends the report of the period just ended at once (a keeper's request); the schedule's next run stays. */
export async function sendNow(ctx: CommandContext, who: Principal, id: string) {
  mustKeep(who);
  const s = await scheduleFor(ctx.tx, id, true);
  return distribute(ctx, s, periodBefore(s.frequency, new Date()));
}

/**
 * The schedule's run: the period ended before it is reported, and the next run is planned. Whatever fails
 * while sending (queueing the mails, telling the owner) is caught in a savepoint and recorded as a failed
 * distribution: a job that threw would be retried until its attempts ran out, and the schedule would then
 * stop without anyone hearing of it. The next run is planned either way.
 */
async function run(job: Job, tx: Tx) {
  const { scheduleId, at } = job.payload as { scheduleId: string; at: string };
  const [s] = await tx.select().from(reportSchedules).where(eq(reportSchedules.id, scheduleId)).for('update');
  if (!s?.active || s.nextRunAt.toISOString() !== at) return;
  const period = periodBefore(s.frequency, new Date(at));
  try {
    await tx.transaction((sp) => distribute(contextFor(sp, systemActor('reports')), s, period));
  } catch (e) {
    await recordFailure(contextFor(tx, systemActor('reports')), s, period, e);
  }
  const [next] = await tx
    .update(reportSchedules)
    .set({ nextRunAt: nextRunAfter(s.frequency, new Date(at)) })
    .where(eq(reportSchedules.id, scheduleId))
    .returning();
  await scheduleRun(tx, next!);
}

/** A run that failed outside the report's rendering: recorded as failed, and its owner told if that can be. */
async function recordFailure(ctx: CommandContext, s: Schedule, period: { from: Date; to: Date }, e: unknown) {
  const error = notSent;
  log.error({ err: e, scheduleId: s.id, period: daysOf(period) }, 'a scheduled report could not be sent');
  const [row] = await ctx.tx
    .insert(reportDistributions)
    .values({
      scheduleId: s.id,
      periodFrom: period.from,
      periodTo: period.to,
      recipients: [],
      files: [],
      status: 'failed',
      error,
    })
    .returning();
  try {
    await ctx.tx.transaction((sp) =>
      notify(
        sp,
        { userIds: [s.ownerId] },
        'report.failed',
        { name: s.name, ...daysOf(period), error },
        '/reports',
      ),
    );
  } catch (err) {
    // the failed distribution is on record and shown on the reports page; the notice is a courtesy
    log.error({ err, scheduleId: s.id }, 'the owner of a failed report could not be told');
  }
  await ctx.audit({
    action: 'report.failed',
    recordType: 'report-schedule',
    recordId: s.id,
    after: row,
  });
}

/** Housekeeping: every active schedule whose run is due and that has no queued job gets one again. */
export async function requeueStalledSchedules(db: Db): Promise<number> {
  return runCommand(db, systemActor('reports'), null, async (ctx) => {
    const stalled = await ctx.tx
      .select()
      .from(reportSchedules)
      .where(sql`${reportSchedules.active} and ${reportSchedules.nextRunAt} <= now()
        and not exists (select 1 from jobs j where j.kind = ${REPORT_JOB} and j.state in ('queued', 'running')
                          and j.payload ->> 'scheduleId' = ${reportSchedules.id}::text)`)
      .for('update', { skipLocked: true });
    for (const s of stalled) await scheduleRun(ctx.tx, s);
    return stalled.length;
  });
}

export const reportJobs = { [REPORT_JOB]: run };
