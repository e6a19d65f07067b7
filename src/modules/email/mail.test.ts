import { sql } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailListener } from '../../kernel/mail/listener.ts';
import { MAX_ATTEMPTS, MailSender } from '../../kernel/mail/sender.ts';
import { type TestKeel, type TestUser, testKeel } from '../../testing/harness.ts';
import { startInboundMail } from './index.ts';

/**
 * E-mail over real SMTP: Keel sends its notifications to a local `smtp-server` sink, and mails sent to
 * Keel's own listener open incidents and requests, add comments, keep attachments, and are ignored when
 * they are automatic answers, bounces or loops. One file on purpose (about 420 lines): the cases share one
 * SMTP sink and listener, which take a moment to start.
 */
const DESK = 'servicedesk@keel.test';
const ORDER = 'bestil-wifi@keel.test';
let k: TestKeel;
let sink: SMTPServer;
let inbox: ParsedMail[] = [];
let sender: MailSender;
let listener: MailListener;
let agent: TestUser;
let karen: TestUser; // a Danish-speaking customer
let pieter: TestUser; // a Dutch-speaking customer

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

/** A mail client talking to Keel's listener. */
const client = () =>
  nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
type Mail = Parameters<ReturnType<typeof client>['sendMail']>[0];
const send = (m: Mail) => client().sendMail({ to: DESK, ...m });

const received = async (subject: string) =>
  (
    await k.db.execute<{
      state: string;
      reason: string | null;
      number: string | null;
      meta: { attachments: unknown[] };
    }>(sql`
      select m.state, m.reason, w.number, m.meta from mail_messages m left join work_items w on w.id = m.work_item_id
       where m.direction = 'in' and m.subject = ${subject} order by m.id desc limit 1`)
  ).rows[0];

/** Sends what Keel has queued and returns the mails the sink got since the last call. */
async function delivered(): Promise<ParsedMail[]> {
  await sender.runOnce();
  const got = inbox;
  inbox = [];
  return got;
}
const header = (m: ParsedMail, name: string) => String(m.headers.get(name) ?? '');

beforeAll(async () => {
  const sinkPort = await startSink();
  k = await testKeel({
    env: {
      KEEL_SMTP_URL: `smtp://127.0.0.1:${sinkPort}?ignoreTLS=true`,
      KEEL_MAIL_ADDRESS: DESK,
      KEEL_MAIL_FROM: 'keel@keel.test',
      KEEL_PUBLIC_URL: 'https://desk.keel.test',
    },
  });
  sender = new MailSender(k.db, k.config);
  await sender.init();
  listener = await startInboundMail(k.db, k.config, { port: 0 });
  [agent, karen, pieter] = await Promise.all([
    k.user(['service_desk_agent', 'service_owner']),
    k.user(['customer'], { email: 'karen@hotel-alpenrose.example' }),
    k.user(['customer'], { email: 'pieter@hotel-alpenrose.example' }),
  ]);
  await k.db.execute(sql`update users set language = 'da' where id = ${karen.id}`);
  await k.db.execute(sql`update users set language = 'nl' where id = ${pieter.id}`);
});

afterAll(async () => {
  await listener?.close();
  await sender?.stop();
  await new Promise<void>((r) => sink.close(() => r()));
});

describe('a new mail to the service desk', () => {
  it('opens an incident with its non-ASCII subject, keeps the attachment and answers in Danish', async () => {
    const subject = 'Printeren på 3. sal virker ikke – æøå';
    await send({
      from: `"Karen Ø. Sørensen" <${karen.email}>`,
      subject,
      text: 'Den siger "papirstop", men der er intet papir i den.\n\nHilsen Karen',
      attachments: [{ filename: 'fejl.txt', content: 'E-203 papirstop', contentType: 'text/plain' }],
    });
    const r = await received(subject);
    expect(r).toMatchObject({ state: 'opened' });
    expect(r!.number).toMatch(/^INC-/);
    const inc = (await k.app.inject({ url: `/api/v1/incidents/${r!.number}`, headers: agent.auth })).json();
    expect(inc.title).toBe(subject);
    expect(inc.description).toContain('papirstop');
    const files = (
      await k.app.inject({ url: `/api/v1/work-items/${r!.number}/attachments`, headers: karen.auth })
    ).json().items;
    expect(files).toMatchObject([{ fileName: 'fejl.txt', contentType: 'text/plain', size: 15 }]);

    const [ack, ...rest] = await delivered();
    expect(rest).toEqual([]);
    expect(ack!.to).toMatchObject({ value: [{ address: karen.email }] });
    expect(ack!.subject).toBe(`[${r!.number}] ${subject}`);
    expect(ack!.text).toContain(`Din hændelse er registreret som ${r!.number}`);
    expect(ack!.text).toContain(`https://desk.keel.test/work-items/${r!.number}`);
    expect(ack!.replyTo).toMatchObject({ value: [{ address: DESK }] });
    expect(header(ack!, 'auto-submitted')).toBe('auto-generated');
  });

  it('in Dutch, from a Dutch speaker, keeps its subject and is answered in Dutch', async () => {
    const subject = 'Wachtwoord vergeten – één vraag over de kassa';
    await send({ from: pieter.email, subject, text: 'Ik kan niet meer inloggen op de kassa.' });
    const r = await received(subject);
    expect(r?.state).toBe('opened');
    const [ack] = await delivered();
    expect(ack!.subject).toBe(`[${r!.number}] ${subject}`);
    expect(ack!.text).toContain('Uw incident is geregistreerd');
  });

  it('to a catalogue item’s address orders that item, the mail being the note', async () => {
    const svc = await k.app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: agent.auth,
      payload: {
        name: 'Guest Wi-Fi',
        status: 'live',
        criticality: 3,
        ownerId: agent.id,
        published: true,
        catalogue: { en: { name: 'Guest Wi-Fi', description: 'Wi-Fi for guests and events' } },
      },
    });
    expect(svc.statusCode, svc.body).toBe(201);
    const made = await k.app.inject({
      method: 'POST',
      url: '/api/v1/catalogue-items',
      headers: agent.auth,
      payload: {
        code: 'event-wifi',
        serviceId: svc.json().id,
        texts: { en: { name: 'Event Wi-Fi', description: 'A Wi-Fi network for an event' } },
        form: [{ key: 'date', type: 'date', required: true, label: { en: 'Date' } }],
        mailAddress: ORDER,
      },
    });
    expect(made.statusCode).toBe(400);
    expect(made.json().errors).toContainEqual({
      field: 'mailAddress',
      message: 'an item ordered by e-mail cannot have required fields',
    });
    const ok = await k.app.inject({
      method: 'POST',
      url: '/api/v1/catalogue-items',
      headers: agent.auth,
      payload: {
        code: 'event-wifi',
        serviceId: svc.json().id,
        texts: { en: { name: 'Event Wi-Fi', description: 'A Wi-Fi network for an event' } },
        mailAddress: ORDER,
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    await client().sendMail({
      from: agent.email,
      to: ORDER,
      subject: 'Wi-Fi til julefrokosten',
      text: '24 gæster',
    });
    const r = await received('Wi-Fi til julefrokosten');
    expect(r?.state).toBe('opened');
    expect(r!.number).toMatch(/^REQ-/);
    const req = (await k.app.inject({ url: `/api/v1/requests/${r!.number}`, headers: agent.auth })).json();
    expect(req.description).toContain('24 gæster');
  });

  it('to an address Keel does not serve is refused by the listener', async () => {
    await expect(
      client().sendMail({ from: karen.email, to: 'nobody@keel.test', subject: 'x', text: 'y' }),
    ).rejects.toThrow(/550/);
  });
});

describe('a reply', () => {
  it('to a Keel mail becomes a public comment without the quoted text, with its attachment', async () => {
    const subject = 'Kassen i baren er frosset';
    await send({ from: karen.email, subject, text: 'Skærmen reagerer ikke.' });
    const { number } = (await received(subject))!;
    const ack = (await delivered()).find((m) => m.subject?.includes(number!));
    await send({
      from: karen.email,
      subject: `SV: ${ack!.subject}`,
      inReplyTo: ack!.messageId,
      references: [ack!.messageId!],
      text: `Nu virker den igen, tak.\n\nDen 21. nov. 2026 kl. 10.00 skrev Keel <keel@keel.test>:\n> ${ack!.text}`,
      attachments: [
        {
          filename: 'skærm.png',
          content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2]),
          contentType: 'image/png',
        },
      ],
    });
    const r = await received(`SV: ${ack!.subject}`);
    expect(r).toMatchObject({ state: 'commented', number });
    const comments = (
      await k.app.inject({ url: `/api/v1/work-items/${number}/comments`, headers: karen.auth })
    ).json().items;
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toBe('<p>Nu virker den igen, tak.</p>');
    expect(comments[0].internal).toBe(false);
    const files = (
      await k.app.inject({ url: `/api/v1/work-items/${number}/attachments`, headers: agent.auth })
    ).json().items;
    expect(files.map((f: { fileName: string }) => f.fileName)).toEqual(['skærm.png']);

    // the reply is news for the desk, not for Karen; the desk's answer goes back to her by mail
    expect(await delivered()).toEqual([]);
    const answer = await k.app.inject({
      method: 'POST',
      url: `/api/v1/work-items/${number}/comments`,
      headers: agent.auth,
      payload: { body: '<p>Godt at høre. Vi lukker sagen.</p>' },
    });
    expect(answer.statusCode).toBe(201);
    const [told] = await delivered();
    expect(told!.to).toMatchObject({ value: [{ address: karen.email }] });
    expect(told!.text).toContain('Godt at høre. Vi lukker sagen.');
    expect(told!.inReplyTo).toBe(ack!.inReplyTo);
  });

  it('naming only the number in its subject finds the item too', async () => {
    const subject = 'Minibaren tæller forkert';
    await send({ from: karen.email, subject, text: 'Værelse 12.' });
    const { number } = (await received(subject))!;
    await send({ from: karen.email, subject: `Vedr. ${number}`, text: 'Også værelse 14.' });
    expect(await received(`Vedr. ${number}`)).toMatchObject({ state: 'commented', number });
  });

  it("to someone else's item opens a new incident instead of reading theirs", async () => {
    const subject = 'Fjernbetjening mangler';
    await send({ from: karen.email, subject, text: 'Værelse 7.' });
    const { number } = (await received(subject))!;
    await send({ from: pieter.email, subject: `Re: [${number}] ${subject}`, text: 'Ook bij ons.' });
    const r = await received(`Re: [${number}] ${subject}`);
    expect(r?.state).toBe('opened');
    expect(r!.number).not.toBe(number);
  });
});

describe('mail Keel must not act on', () => {
  const count = async () =>
    Number((await k.db.execute<{ n: number }>(sql`select count(*)::int as n from work_items`)).rows[0]!.n);
  const commentCount = async () =>
    Number(
      (await k.db.execute<{ n: number }>(sql`select count(*)::int as n from work_item_comments`)).rows[0]!.n,
    );

  it.each([
    [
      'an out-of-office answer',
      { headers: { 'Auto-Submitted': 'auto-replied' } },
      /auto-reply \(Auto-Submitted/,
    ],
    ['an X-Autoreply answer', { headers: { 'X-Autoreply': 'yes' } }, /auto-reply \(x-autoreply\)/],
    ['a mailing list', { headers: { Precedence: 'bulk' } }, /Precedence: bulk/],
    ['a bounce from the mailer daemon', { from: 'MAILER-DAEMON@mail.hotel.example' }, /bounce/],
    ['a bounce with an empty return path', { envelope: { from: '', to: [DESK] } }, /envelope has no sender/],
    ['one of Keel\u2019s own mails coming back', { headers: { 'X-Keel-Loop': 'keel.test' } }, /loop/],
    ['a mail from Keel\u2019s own address', { from: DESK }, /loop/],
  ] as Array<[string, Mail, RegExp]>)('%s adds nothing', async (_, extra, why) => {
    const before = [await count(), await commentCount()];
    const { number } = (await received('Printeren på 3. sal virker ikke – æøå'))!;
    const subject = `Re: [${number}] ${why.source.slice(0, 20)} ${Math.random()}`;
    await send({ from: karen.email, subject, text: 'Jeg er på ferie til mandag.', ...extra });
    const r = await received(subject);
    expect(r?.state).toBe('ignored');
    expect(r?.reason).toMatch(why);
    expect([await count(), await commentCount()]).toEqual(before);
  });

  it('a sender unknown to Keel is refused by default, and becomes an end user where the rule says so', async () => {
    await send({ from: 'stranger@elsewhere.example', subject: 'Hello there', text: 'Can you help?' });
    expect(await received('Hello there')).toMatchObject({
      state: 'rejected',
      reason: 'the sender stranger@elsewhere.example is not known to Keel',
      number: null,
    });
    const open = await startInboundMail(
      k.db,
      { ...k.config, mail: { ...k.config.mail, unknownSenders: 'create' } },
      { port: 0 },
    );
    try {
      await nodemailer
        .createTransport({ host: '127.0.0.1', port: open.port, secure: false, ignoreTLS: true })
        .sendMail({
          from: '"Grete Gæst" <grete@elsewhere.example>',
          to: DESK,
          subject: 'Wi-Fi virker ikke',
          text: 'Værelse 3.',
        });
    } finally {
      await open.close();
    }
    const r = await received('Wi-Fi virker ikke');
    expect(r?.state).toBe('opened');
    const user = await k.db.execute<{ name: string; password_hash: string | null }>(
      sql`select name, password_hash from users where email = 'grete@elsewhere.example'`,
    );
    expect(user.rows).toEqual([{ name: 'Grete Gæst', password_hash: null }]);
  });

  it('one sender mailing faster than the limit is taken for a loop', async () => {
    const limit = k.config.mail.senderLimit;
    await k.db.execute(sql`
      insert into mail_messages (direction, state, message_id, from_address, to_address, subject, body)
      select 'in', 'opened', 'flood-' || g, 'robot@hotel-alpenrose.example', ${DESK}, 'flood', ''
        from generate_series(1, ${limit}) g`);
    await k.db.execute(
      sql`insert into users (email, name) values ('robot@hotel-alpenrose.example', 'Robot')`,
    );
    await send({ from: 'robot@hotel-alpenrose.example', subject: 'flood again', text: 'x' });
    expect((await received('flood again'))?.reason).toMatch(/loop suspected/);
  });

  it('the same mail delivered twice is acted on once', async () => {
    const mail = {
      from: karen.email,
      subject: 'Dobbelt levering',
      text: 'x',
      messageId: '<twice@hotel-alpenrose.example>',
    };
    await send(mail);
    await send(mail);
    const rows = await k.db.execute(
      sql`select 1 from mail_messages where message_id = '<twice@hotel-alpenrose.example>'`,
    );
    expect(rows.rows).toHaveLength(1);
    // and delivered twice at the same moment, over two connections
    const racing = { ...mail, subject: 'Samtidig levering', messageId: '<race@hotel-alpenrose.example>' };
    await Promise.all([send(racing), send(racing)]);
    const opened = await k.db.execute(sql`select 1 from work_items where title = 'Samtidig levering'`);
    expect(opened.rows).toHaveLength(1);
  });
});

describe('notifications by mail', () => {
  it('tell the requester that their incident is resolved, and the timeline lists the mails', async () => {
    const subject = 'Nøglekort virker ikke';
    await send({ from: karen.email, subject, text: 'Værelse 21.' });
    const { number } = (await received(subject))!;
    await delivered();
    const cur = await k.app.inject({ url: `/api/v1/incidents/${number}`, headers: agent.auth });
    const res = await k.app.inject({
      method: 'POST',
      url: `/api/v1/incidents/${number}/transitions`,
      headers: { ...agent.auth, 'if-match': cur.headers.etag as string },
      payload: { to: 'resolved', resolutionCode: 'fixed', resolutionText: 'Kortet er kodet om' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [told] = await delivered();
    expect(told!.text).toContain(`${number} er løst: Kortet er kodet om`);

    const mails = (
      await k.app.inject({ url: `/api/v1/work-items/${number}/mails`, headers: agent.auth })
    ).json().items;
    expect(mails.map((m: { direction: string; state: string }) => `${m.direction}:${m.state}`)).toEqual([
      'out:sent',
      'out:sent',
      'in:opened',
    ]);
    const own = (
      await k.app.inject({ url: `/api/v1/work-items/${number}/mails`, headers: karen.auth })
    ).json().items;
    expect(own).toHaveLength(3);
    const others = await k.app.inject({ url: `/api/v1/work-items/${number}/mails`, headers: pieter.auth });
    expect(others.statusCode).toBe(404);
  });

  it('that cannot be delivered stay queued with the reason, then fail after the last attempt', async () => {
    const broken = new MailSender(k.db, {
      ...k.config,
      mail: { ...k.config.mail, smtpUrl: 'smtp://127.0.0.1:1' },
    });
    const subject = 'Lyset i lobbyen blinker';
    await send({ from: karen.email, subject, text: 'x' });
    await broken.runOnce();
    const row = await k.db.execute<{ state: string; attempts: number; reason: string }>(sql`
      select state, attempts, reason from mail_messages where direction = 'out' and subject like ${`%${subject}`}`);
    expect(row.rows[0]).toMatchObject({ state: 'queued', attempts: 1 });
    expect(row.rows[0]!.reason).toMatch(/ECONNREFUSED/);
    expect(await delivered()).toHaveLength(0); // waiting for its retry time, not sent twice at once

    await k.db.execute(sql`
      update mail_messages set attempts = ${MAX_ATTEMPTS - 1}, created_at = now() - interval '1 day'
       where direction = 'out' and subject like ${`%${subject}`}`);
    await broken.runOnce();
    broken.transport.close();
    const last = await k.db.execute<{ state: string; attempts: number }>(sql`
      select state, attempts from mail_messages where direction = 'out' and subject like ${`%${subject}`}`);
    expect(last.rows[0]).toEqual({ state: 'failed', attempts: MAX_ATTEMPTS });
  });
});
