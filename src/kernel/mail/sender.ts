import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { type Db, failureLog } from '../db/database.ts';
import { composeMail } from './compose.ts';

/** Sending gives up on a mail after this many failed attempts and marks it failed. */
export const MAX_ATTEMPTS = 5;
const BATCH = 50;

type Pending = {
  id: number;
  user_id: string;
  kind: string;
  text: string;
  params: Record<string, string>;
  link: string | null;
  email: string;
  language: string;
  item_id: string | null;
};
type Queued = {
  id: number;
  to_address: string;
  from_address: string;
  subject: string;
  body: string;
  in_reply_to: string | null;
  meta: {
    html?: string;
    headers?: Record<string, string>;
    /** Files queued with the mail (outbox.ts). */
    files?: Array<{ fileName: string; contentType: string; base64: string }>;
  };
  message_id: string;
  attempts: number;
};

/**
 * Outbound mail (docs/mail.md). Every notification after the cursor becomes an outbox row in the
 * recipient's language (one transaction moves the cursor and writes the rows, so each is mailed once even
 * with several Keel processes); queued rows are then sent over SMTP, retried, and marked sent or failed.
 */
export class MailSender {
  readonly db: Db;
  readonly config: Config;
  readonly transport: Transporter;
  readonly log: Logger | undefined;
  private timer: NodeJS.Timeout | undefined;
  private busy: Promise<unknown> | undefined;

  constructor(db: Db, config: Config, log?: Logger) {
    if (!config.mail.smtpUrl) throw new Error('MailSender needs KEEL_SMTP_URL');
    this.db = db;
    this.config = config;
    this.log = log;
    this.transport = nodemailer.createTransport(config.mail.smtpUrl);
  }

  /** Starts reading from the newest notification on the first start ever, then looks every pollMs. */
  async start(pollMs = 2000) {
    await this.init();
    const failures = failureLog(this.log, 'mail sender');
    const tick = () => {
      this.busy = this.runOnce()
        .then(failures.succeeded, failures.failed)
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** The first time any Keel process sends mail, it starts from the newest notification. */
  async init() {
    await this.db.execute(sql`
      insert into mail_cursor (id, last_notification_id)
      values (1, (select coalesce(max(id), 0) from notifications)) on conflict (id) do nothing`);
  }

  async stop() {
    const t = this.timer;
    this.timer = undefined;
    clearTimeout(t);
    await this.busy;
    this.transport.close();
  }

  /** Turns new notifications into mails and sends what is queued; returns how many were sent. */
  async runOnce(): Promise<number> {
    while ((await this.queueNew()) === BATCH);
    let sent = 0;
    for (;;) {
      const n = await this.sendQueued();
      sent += n.sent;
      if (n.claimed < BATCH) return sent;
    }
  }

  private queueNew(): Promise<number> {
    return this.db.transaction(async (tx) => {
      const cursor = await tx.execute<{ last: number }>(
        sql`select last_notification_id as last from mail_cursor where id = 1 for update skip locked`,
      );
      const last = cursor.rows[0]?.last;
      if (last === undefined) return 0;
      const res = await tx.execute<Pending>(sql`
        select n.id, n.user_id, n.kind, n.text, n.params, n.link, u.email, u.language, w.id as item_id
          from notifications n
          join users u on u.id = n.user_id and u.active
          left join work_items w on w.number = n.params->>'number'
         where n.id > ${last} order by n.id limit ${BATCH}`);
      if (res.rows.length === 0) return 0;
      const { from } = this.config.mail;
      const rows = res.rows.map((p) => {
        const mailId = randomUUID();
        const m = composeMail({ ...p }, this.config.mail, this.config.publicUrl, {
          mailId,
          itemId: p.item_id,
        });
        return {
          work_item_id: p.item_id,
          user_id: p.user_id,
          message_id: m.messageId,
          in_reply_to: m.references ?? null,
          from_address: from,
          to_address: p.email,
          subject: m.subject,
          body: m.text,
          meta: { kind: p.kind, html: m.html, headers: m.headers, notificationId: p.id },
        };
      });
      await tx.execute(sql`
        insert into mail_messages (direction, state, work_item_id, user_id, message_id, in_reply_to,
                                   from_address, to_address, subject, body, meta)
        select 'out', 'queued', x.work_item_id, x.user_id, x.message_id, x.in_reply_to, x.from_address,
               x.to_address, x.subject, x.body, x.meta
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(work_item_id uuid, user_id uuid,
               message_id text, in_reply_to text, from_address text, to_address text, subject text,
               body text, meta jsonb)`);
      const newest = res.rows.at(-1)!.id;
      await tx.execute(sql`update mail_cursor set last_notification_id = ${newest} where id = 1`);
      return res.rows.length;
    });
  }

  /** Claims a batch of queued mails (skipping those another process holds) and sends each. */
  private sendQueued(): Promise<{ claimed: number; sent: number }> {
    return this.db.transaction(async (tx) => {
      const res = await tx.execute<Queued>(sql`
        select id, to_address, from_address, subject, body, in_reply_to, meta, message_id, attempts
          from mail_messages
         where state = 'queued' and direction = 'out'
           and (attempts = 0 or created_at + make_interval(secs => power(2, attempts + 2)) < now())
         order by id limit ${BATCH} for update skip locked`);
      let sent = 0;
      for (const m of res.rows) {
        // a mail queued without a sender (outbox.ts) goes out from Keel's configured address
        const from = m.from_address || this.config.mail.from;
        try {
          await this.transport.sendMail({
            from,
            to: m.to_address,
            replyTo: this.config.mail.address,
            subject: m.subject,
            text: m.body,
            html: m.meta.html,
            messageId: m.message_id,
            inReplyTo: m.in_reply_to ?? undefined,
            references: m.in_reply_to ?? undefined,
            headers: m.meta.headers,
            attachments: m.meta.files?.map((f) => ({
              filename: f.fileName,
              contentType: f.contentType,
              content: Buffer.from(f.base64, 'base64'),
            })),
          });
          // the attachments (a copy per recipient) are gone once sent: the distribution keeps their hashes
          await tx.execute(sql`
            update mail_messages set state = 'sent', sent_at = now(), attempts = attempts + 1, reason = null,
                   from_address = ${from}, meta = meta - 'files'
             where id = ${m.id}`);
          sent += 1;
        } catch (e) {
          const attempts = m.attempts + 1;
          this.log?.warn({ err: e, mailId: m.id, attempts }, 'mail not sent');
          await tx.execute(sql`
            update mail_messages
               set attempts = ${attempts}, reason = ${String((e as Error).message ?? e).slice(0, 500)},
                   state = ${attempts >= MAX_ATTEMPTS ? 'failed' : 'queued'}
             where id = ${m.id}`);
        }
      }
      return { claimed: res.rows.length, sent };
    });
  }
}
