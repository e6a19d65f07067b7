import { sql } from 'drizzle-orm';
import { principalOfActor } from '../kernel/auth/principal.ts';
import type { CommandContext } from '../kernel/db/tx.ts';
import { createSchedule, distribute, periodBefore } from '../modules/reports/index.ts';

/**
 * The demo's service reporting (9.4): a monthly service level report of the first hotel's SLA, mailed as PDF
 * and CSV to top management, the service owner and the hotel's management, and its last distribution (the
 * month just ended). The demo sends no mail: its distribution's mails are marked sent at the month's first
 * morning, as if Keel had mailed them then.
 */
export async function loadDemoReports(ctx: CommandContext, people: Record<string, string>) {
  const done = await ctx.tx.execute(sql`select 1 from report_schedules limit 1`);
  if (done.rows.length || !people.head) return;
  const sla = await ctx.tx.execute<{ id: string; name: string }>(
    sql`select id, name from agreements where kind = 'sla' and status = 'active' order by lower(name) limit 1`,
  );
  const agreement = sla.rows[0];
  if (!agreement) return;
  const head = principalOfActor({ ...ctx.actor, userId: people.head }, ['service_level_manager']);
  const schedule = await createSchedule(ctx, head, {
    name: `Monthly service level report, ${agreement.name}`,
    kind: 'service_level',
    agreementId: agreement.id,
    frequency: 'monthly',
    formats: ['pdf', 'csv'],
    recipientIds: ['top', 'owner'].filter((p) => people[p]).map((p) => people[p]!),
    recipientAddresses: ['hotel-management@alpine-hotels.example'],
    language: 'en',
    active: true,
  });
  const period = periodBefore('monthly', new Date());
  const d = await distribute(ctx, schedule, period);
  const ran = new Date(period.to.getTime() + 6 * 3_600_000).toISOString();
  await ctx.tx.execute(sql`update report_distributions set sent_at = ${ran} where id = ${d.id}`);
  await ctx.tx.execute(sql`
    update report_schedules set created_at = ${new Date(period.from.getTime() - 10 * 86_400_000).toISOString()}
     where id = ${schedule.id}`);
  await ctx.tx.execute(sql`
    update mail_messages set state = 'sent', sent_at = ${ran}, attempts = 1, from_address = 'keel@alpine-hotels.example'
     where direction = 'out' and state = 'queued' and meta->>'distributionId' = ${d.id}`);
}
