import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../kernel/db/database.ts';
import { isoTimestamp, isoTimestampOrNull } from '../../kernel/db/timestamps.ts';
import { problems } from '../../kernel/http/problem.ts';
import { mayKeepReports } from './policy.ts';
import { reportSchedules } from './schema.ts';
import type { ReportDistributionView, ReportScheduleView } from './shapes.ts';

export type Schedule = typeof reportSchedules.$inferSelect;

export async function scheduleFor(db: Queryable, id: string, forUpdate = false): Promise<Schedule> {
  const q = db.select().from(reportSchedules).where(eq(reportSchedules.id, id));
  const [s] = forUpdate ? await q.for('update') : await q;
  if (!s) throw problems.notFound(`Report schedule ${id}`);
  return s;
}

type ScheduleRow = {
  id: string;
  name: string;
  kind: ReportScheduleView['kind'];
  agreement_id: string | null;
  agreement_name: string | null;
  frequency: ReportScheduleView['frequency'];
  formats: ReportScheduleView['formats'];
  recipients: ReportScheduleView['recipients'];
  recipient_addresses: string[];
  language: ReportScheduleView['language'];
  active: boolean;
  next_run_at: string;
  owner_id: string | null;
  owner: string | null;
  last_sent: string | null;
  distributed: boolean;
  created_at: string;
  version: number;
  total: number;
};

const scheduleColumns = sql`
  s.id, s.name, s.kind, s.agreement_id, a.name as agreement_name, s.frequency, s.formats,
  coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'active', u.active)
                            order by lower(u.name))
              from users u where u.id = any(s.recipient_ids)), '[]') as recipients,
  s.recipient_addresses, s.language, s.active, s.next_run_at, s.owner_id, o.name as owner,
  (select max(d.sent_at) from report_distributions d where d.schedule_id = s.id and d.status = 'sent') as last_sent,
  exists (select 1 from report_distributions d where d.schedule_id = s.id) as distributed,
  s.created_at, s.version`;
const scheduleFrom = sql`
  from report_schedules s left join agreements a on a.id = s.agreement_id left join users o on o.id = s.owner_id`;

type Who = { roles: readonly string[] };

// a schedule with any distribution, even a failed one, keeps it as evidence: deleteSchedule refuses it
const present =
  (who: Who) =>
  (r: ScheduleRow): ReportScheduleView => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    agreementId: r.agreement_id,
    agreementName: r.agreement_name,
    frequency: r.frequency,
    formats: r.formats,
    recipients: r.recipients,
    recipientAddresses: r.recipient_addresses,
    language: r.language,
    active: r.active,
    nextRunAt: isoTimestamp(r.next_run_at),
    owner: r.owner_id && r.owner !== null ? { id: r.owner_id, name: r.owner } : null,
    lastSent: isoTimestampOrNull(r.last_sent),
    createdAt: isoTimestamp(r.created_at),
    version: r.version,
    abilities: { remove: mayKeepReports(who) && !r.distributed },
  });

/** Report schedules by name, a page at a time. */
export async function listSchedules(
  db: Queryable,
  f: { limit: number; offset: number },
  who: Who,
): Promise<{ items: ReportScheduleView[]; total: number; limit: number; offset: number }> {
  const res = await db.execute<ScheduleRow>(sql`
    select ${scheduleColumns}, count(*) over ()::int as total ${scheduleFrom}
     order by lower(s.name), s.id limit ${f.limit} offset ${f.offset}`);
  const total =
    res.rows[0]?.total ??
    (f.offset === 0 ? 0 : (await listSchedules(db, { ...f, offset: 0, limit: 1 }, who)).total);
  return { items: res.rows.map(present(who)), total, limit: f.limit, offset: f.offset };
}

export async function presentSchedule(db: Queryable, id: string, who: Who): Promise<ReportScheduleView> {
  const res = await db.execute<ScheduleRow>(
    sql`select ${scheduleColumns}, 0 as total ${scheduleFrom} where s.id = ${id}`,
  );
  const row = res.rows[0];
  if (!row) throw problems.notFound(`Report schedule ${id}`);
  return present(who)(row);
}

type DistributionRow = {
  id: string;
  schedule_id: string;
  name: string;
  kind: ReportDistributionView['kind'];
  from_day: string;
  to_day: string;
  recipients: string[];
  files: ReportDistributionView['files'];
  status: 'sent' | 'failed';
  error: string;
  sent_at: string;
  delivery: ReportDistributionView['delivery'];
  total: number;
};

/**
 * What was sent, newest first: the distribution record that is 9.4's evidence, with where its mails stand
 * in the outbox (found by the distribution's id kept with each mail; mail_messages has no index on it, which
 * is fine while mail volumes are an organisation's, and the page reads 50 distributions at most).
 */
export async function listDistributions(
  db: Queryable,
  f: { scheduleId?: string; id?: string; limit: number; offset: number },
): Promise<{ items: ReportDistributionView[]; total: number; limit: number; offset: number }> {
  const res = await db.execute<DistributionRow>(sql`
    with page as (
      select d.*, count(*) over ()::int as total from report_distributions d
       where (${f.scheduleId ?? null}::uuid is null or d.schedule_id = ${f.scheduleId ?? null}::uuid)
         and (${f.id ?? null}::uuid is null or d.id = ${f.id ?? null}::uuid)
       order by d.sent_at desc, d.id limit ${f.limit} offset ${f.offset})
    select p.id, p.schedule_id, s.name, s.kind, to_char(p.period_from at time zone 'utc', 'YYYY-MM-DD') as from_day,
           to_char((p.period_to at time zone 'utc') - interval '1 day', 'YYYY-MM-DD') as to_day,
           p.recipients, p.files, p.status, p.error, p.sent_at, p.total,
           (select json_build_object('queued', count(*) filter (where m.state = 'queued'),
                                     'sent', count(*) filter (where m.state = 'sent'),
                                     'failed', count(*) filter (where m.state = 'failed'))
              from mail_messages m where m.direction = 'out' and m.meta->>'distributionId' = p.id::text) as delivery
      from page p join report_schedules s on s.id = p.schedule_id
     order by p.sent_at desc, p.id`);
  const total =
    res.rows[0]?.total ??
    (f.offset === 0 ? 0 : (await listDistributions(db, { ...f, offset: 0, limit: 1 })).total);
  return {
    items: res.rows.map((d) => ({
      id: d.id,
      scheduleId: d.schedule_id,
      scheduleName: d.name,
      kind: d.kind,
      from: d.from_day,
      to: d.to_day,
      recipients: d.recipients,
      files: d.files,
      status: d.status,
      error: d.error,
      sentAt: isoTimestamp(d.sent_at),
      delivery: d.delivery,
    })),
    total,
    limit: f.limit,
    offset: f.offset,
  };
}
