import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { type Principal, principalOfUser } from '../../kernel/auth/principal.ts';
import { createUser } from '../../kernel/auth/users.ts';
import type { Config } from '../../kernel/config.ts';
import type { Db, Tx } from '../../kernel/db/database.ts';
import { type CommandContext, contextFor } from '../../kernel/db/tx.ts';
import { Problem } from '../../kernel/http/problem.ts';
import { domainOf } from '../../kernel/mail/compose.ts';
import { answeredItem, replyText, whyIgnore } from '../../kernel/mail/inbound-rules.ts';
import { loadItem } from '../../kernel/records/commands.ts';
import { textToHtml } from '../../kernel/records/html.ts';
import { addAttachment, addComment } from '../../kernel/records/parts.ts';
import { createRequest, itemByMailAddress } from '../requests/index.ts';
import { createIncident } from '../servicedesk/index.ts';
import { mayActByMail, mayCreateSenderByMail, unknownSenderRoles } from './policy.ts';

export type Envelope = { from: string | null; to: string[] };
export type Outcome = {
  state: 'opened' | 'commented' | 'ignored' | 'rejected' | 'duplicate';
  reason?: string;
  number?: string;
  attachments?: Array<{ fileName: string; size: number; kept: boolean; reason?: string }>;
};

const TITLE_MAX = 200;

const header = (mail: ParsedMail) => (name: string) => {
  const v = mail.headers.get(name);
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in v) return String((v as { value: unknown }).value);
  return String(v);
};

const referencesOf = (mail: ParsedMail) =>
  [mail.inReplyTo, ...(Array.isArray(mail.references) ? mail.references : [mail.references])].filter(
    (x): x is string => typeof x === 'string' && x.length > 0,
  );

/** The mail's text: its plain part, or its HTML part reduced to text when it has no plain one. */
const textOf = (mail: ParsedMail) =>
  (mail.text ?? (typeof mail.html === 'string' ? mail.html.replace(/<[^>]+>/g, ' ') : '')).trim();

/**
 * What Keel does with one received mail (docs/mail.md), recorded in `mail_messages` with the outcome:
 * automatic mail, bounces and loops are ignored; a reply becomes a comment on the item it answers; any
 * other mail opens an incident (or, to a catalogue item's address, a request) for its sender. The work
 * and its record commit together; refused work is rolled back and recorded with the reason.
 */
export async function receiveMail(
  db: Db,
  config: Config,
  mail: ParsedMail,
  envelope: Envelope,
): Promise<Outcome> {
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? envelope.from?.toLowerCase() ?? '';
  const messageId = mail.messageId ?? `<${randomUUID()}@${domainOf(config.mail.from)}>`;
  const to = envelope.to[0] ?? config.mail.address ?? '';
  const subject = (mail.subject ?? '').trim();
  const record = (tx: Tx, o: Outcome, itemId: string | null, userId: string | null) =>
    tx.execute(sql`
      insert into mail_messages (direction, state, reason, work_item_id, user_id, message_id, in_reply_to,
                                 from_address, to_address, subject, body, meta)
      values ('in', ${o.state}, ${o.reason ?? null}, ${itemId}, ${userId}, ${messageId},
              ${mail.inReplyTo ?? null}, ${from}, ${to}, ${subject}, ${textOf(mail).slice(0, 100_000)},
              ${JSON.stringify({ attachments: o.attachments ?? [] })}::jsonb)
      on conflict (direction, message_id) do nothing`);

  const ignored = whyIgnore(
    {
      envelopeFrom: envelope.from,
      from,
      contentType: header(mail)('content-type'),
      header: header(mail),
    },
    { addresses: [config.mail.from, config.mail.address ?? ''], loopId: domainOf(config.mail.from) },
  );
  const reason = ignored ?? (await floodOf(db, from, config.mail.senderLimit));
  if (reason) {
    const o: Outcome = { state: 'ignored', reason };
    await db.transaction((tx) => record(tx, o, null, null));
    return o;
  }

  try {
    return await db.transaction(async (tx) => {
      // the same mail delivered twice at once (two relays, a retry) is acted on by whichever comes first
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`keel-mail:${messageId}`}))`);
      const again = await tx.execute(
        sql`select 1 from mail_messages where direction = 'in' and message_id = ${messageId}`,
      );
      if (again.rows.length) return { state: 'duplicate' as const };
      const sender = await senderOf(tx, config, from, mail.from?.value[0]?.name);
      if (!sender) {
        const o: Outcome = {
          state: 'rejected',
          reason: `the sender ${from || '(none)'} is not known to Keel`,
        };
        await record(tx, o, null, null);
        return o;
      }
      const ctx = contextFor(tx, {
        kind: 'user',
        userId: sender.userId,
        label: `${sender.email} (e-mail)`,
        roles: sender.roles,
      });
      const answered = await answeredTarget(tx, sender, subject, referencesOf(mail));
      const text = answered ? replyText(textOf(mail)) : textOf(mail);
      let number: string;
      let itemId: string;
      let state: Outcome['state'];
      if (answered) {
        if (text) await addComment(ctx, sender, answered.number, { body: textToHtml(text), internal: false });
        ({ number, id: itemId } = answered);
        state = 'commented';
      } else {
        const item = await openItem(ctx, sender, to, subject, text);
        ({ number, id: itemId } = item);
        state = 'opened';
      }
      const attachments = await keepAttachments(ctx, sender, number, mail, config.attachmentMaxBytes);
      const o: Outcome = { state, number, attachments };
      await record(tx, o, itemId, sender.userId);
      return o;
    });
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    const fields = e.errors?.map((f) => `${f.field} ${f.message}`).join('; ');
    const o: Outcome = { state: 'rejected', reason: [e.message, fields].filter(Boolean).join(': ') };
    await db.transaction((tx) => record(tx, o, null, null));
    return o;
  }
}

/** A sender who has mailed as often as the limit within the last hour is taken for a loop. */
async function floodOf(db: Db, from: string, limit: number): Promise<string | null> {
  const recent = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from mail_messages
     where direction = 'in' and lower(from_address) = ${from} and created_at > now() - interval '1 hour'`);
  const n = recent.rows[0]!.n;
  return n >= limit ? `loop suspected: ${n} mails from this sender within an hour` : null;
}

/** The sender as a Keel user; an unknown address becomes an end user only where the rule says so (policy.ts). */
async function senderOf(tx: Tx, config: Config, address: string, displayName: string | undefined) {
  if (!address) return null;
  const known = await tx.execute<{ id: string; active: boolean }>(
    sql`select id, active from users where lower(email) = ${address}`,
  );
  const person = known.rows[0];
  if (person) return mayActByMail(person) ? principalOfUser(tx, person.id) : null;
  if (!mayCreateSenderByMail(config.mail.unknownSenders)) return null;
  const ctx = contextFor(tx, { kind: 'system', userId: null, label: 'mail', roles: [] });
  const { user } = await createUser(ctx, {
    email: address,
    name: displayName?.trim() || address.split('@')[0]!,
    roles: [...unknownSenderRoles],
  });
  return principalOfUser(tx, user.id);
}

/** The item a reply answers, when it exists and its sender may read it; otherwise the mail is new work. */
async function answeredTarget(tx: Tx, who: Principal, subject: string, references: string[]) {
  const ref = answeredItem(subject, references);
  const key = ref.itemId ?? ref.number;
  if (!key) return null;
  try {
    const { item } = await loadItem(tx, key, who);
    return { id: item.id, number: item.number };
  } catch (e) {
    if (e instanceof Problem && e.status === 404) return null;
    throw e;
  }
}

async function openItem(ctx: CommandContext, who: Principal, to: string, subject: string, text: string) {
  const title = (subject || text.split('\n')[0] || '(no subject)').slice(0, TITLE_MAX);
  const catalogueItemId = await itemByMailAddress(ctx.tx, to);
  if (catalogueItemId)
    return createRequest(ctx, who, { catalogueItemId, answers: {}, note: textToHtml(text) });
  return createIncident(ctx, who, {
    title,
    description: textToHtml(text),
    impact: 2,
    urgency: 2,
  });
}

/** Attachments go onto the item; one Keel does not accept (type, size) is listed with why, not fatal. */
async function keepAttachments(
  ctx: CommandContext,
  who: Principal,
  number: string,
  mail: ParsedMail,
  maxBytes: number,
) {
  const kept: NonNullable<Outcome['attachments']> = [];
  for (const a of mail.attachments) {
    if (a.related) continue; // inline images of an HTML signature
    const fileName = a.filename ?? 'attachment';
    if (a.size > maxBytes) {
      kept.push({ fileName, size: a.size, kept: false, reason: `larger than ${maxBytes} bytes` });
      continue;
    }
    try {
      await ctx.tx.transaction((inner) =>
        addAttachment(contextFor(inner, ctx.actor, ctx.requestId), who, number, {
          fileName,
          contentType: a.contentType,
          content: a.content,
        }),
      );
      kept.push({ fileName, size: a.size, kept: true });
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      kept.push({ fileName, size: a.size, kept: false, reason: e.message });
    }
  }
  return kept;
}
