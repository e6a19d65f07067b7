import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';

/** A file sent with a mail: a report's PDF or CSV. */
export type OutgoingFile = { fileName: string; contentType: string; content: Buffer };

/** A mail Keel sends that is not a notification: a scheduled report to its recipients, say. */
export type OutgoingMail = {
  to: string;
  /** The recipient when they are a person in Keel. */
  userId?: string | null;
  subject: string;
  text: string;
  html?: string;
  files?: OutgoingFile[];
  /** What the mail belongs to, kept with it (a report distribution's id, say), so its delivery can be read. */
  meta?: Record<string, unknown>;
};

/**
 * Queues mails in the caller's transaction (docs/mail.md): they exist only if the caller's command commits,
 * and the mail sender sends them as it sends notifications' mails, with retries, marking each sent or failed.
 * The sender's address is Keel's configured one, filled in when the mail is sent (`from_address` stays empty
 * until then), so code without the configuration, such as a job, can queue mail. Files travel with the row
 * (base64 in `meta.files`) until they are sent.
 */
export async function queueMails(tx: Tx, mails: readonly OutgoingMail[]): Promise<number[]> {
  if (!mails.length) return [];
  const rows = mails.map((m) => ({
    user_id: m.userId ?? null,
    message_id: `<${randomUUID()}@outbox.keel>`,
    to_address: m.to,
    subject: m.subject.length > 200 ? `${m.subject.slice(0, 199)}…` : m.subject,
    body: m.text,
    meta: {
      ...m.meta,
      html: m.html,
      files: (m.files ?? []).map((f) => ({
        fileName: f.fileName,
        contentType: f.contentType,
        size: f.content.length,
        base64: f.content.toString('base64'),
      })),
    },
  }));
  const res = await tx.execute<{ id: number }>(sql`
    insert into mail_messages (direction, state, user_id, message_id, from_address, to_address, subject, body, meta)
    select 'out', 'queued', x.user_id, x.message_id, '', x.to_address, x.subject, x.body, x.meta
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(user_id uuid, message_id text, to_address text, subject text, body text, meta jsonb)
    returning id`);
  return res.rows.map((r) => Number(r.id));
}
