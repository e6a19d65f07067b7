import type { Logger } from 'pino';
import { SMTPServer } from 'smtp-server';

export type Received = { raw: Buffer; envelope: { from: string | null; to: string[] } };

export type ListenerOptions = {
  port: number;
  host: string;
  maxBytes: number;
  /** Whether Keel takes mail for this address (the desk's, or a catalogue item's). */
  accepts: (address: string) => Promise<boolean>;
  /** Handles one mail; throwing asks the sending server to try again later. */
  deliver: (mail: Received) => Promise<void>;
  log?: Logger;
};

export type MailListener = { port: number; close: () => Promise<void> };

/**
 * Keel's SMTP listener (docs/mail.md): it takes mail for its own addresses only, without authentication
 * (run it behind the organisation's mail server, which relays to it), and answers 250 only once the mail
 * is recorded, so a mail is never lost: a failure answers 451 and the sending server tries again.
 */
export async function startMailListener(o: ListenerOptions): Promise<MailListener> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: o.maxBytes,
    banner: 'Keel',
    logger: false,
    onRcptTo(address, _session, callback) {
      o.accepts(address.address).then(
        (ok) => {
          if (ok) return callback();
          const e = Object.assign(new Error(`No mailbox ${address.address} here`), { responseCode: 550 });
          callback(e);
        },
        (err: Error) => callback(Object.assign(err, { responseCode: 451 })),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        o.deliver({
          raw: Buffer.concat(chunks),
          envelope: {
            from: mailFrom ? mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
          },
        }).then(
          () => callback(),
          (err: Error) => {
            o.log?.error({ err }, 'a received mail could not be handled; the sender will retry');
            callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
          },
        );
      });
    },
  });
  server.on('error', (err) => o.log?.warn({ err }, 'mail listener error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}
