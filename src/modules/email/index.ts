import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import type { Config } from '../../kernel/config.ts';
import type { Db } from '../../kernel/db/database.ts';
import { type MailListener, startMailListener } from '../../kernel/mail/listener.ts';
import { receiveMail } from './inbound.ts';

export { type Outcome, receiveMail } from './inbound.ts';

/** Whether a mail to this address is Keel's: the service desk's address or a catalogue item's. */
export async function acceptsAddress(db: Db, config: Config, address: string): Promise<boolean> {
  if (config.mail.address && address.toLowerCase() === config.mail.address.toLowerCase()) return true;
  const r = await db.execute(
    sql`select 1 from catalogue_items where active and lower(mail_address) = lower(${address})`,
  );
  return r.rows.length > 0;
}

/** Starts the SMTP listener that turns mail into incidents, requests and comments (docs/mail.md). */
export function startInboundMail(
  db: Db,
  config: Config,
  opts: { port?: number; log?: Logger } = {},
): Promise<MailListener> {
  return startMailListener({
    port: opts.port ?? config.mail.listenPort ?? 2525,
    host: config.mail.listenHost,
    maxBytes: config.attachmentMaxBytes * 4,
    log: opts.log,
    accepts: (address) => acceptsAddress(db, config, address),
    deliver: async ({ raw, envelope }) => {
      const outcome = await receiveMail(db, config, await simpleParser(raw), envelope);
      opts.log?.info({ ...outcome, attachments: outcome.attachments?.length }, 'mail received');
    },
  });
}
