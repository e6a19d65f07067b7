import type { MailConfig } from '../config.ts';
import { escapeHtml } from '../records/html.ts';

/** The words around a notification in a mail, in the recipient's language. */
const words = {
  en: {
    open: 'Open in Keel',
    reply: 'Reply to this e-mail to add a comment to {number}; keep {number} in the subject.',
    sent: 'Keel sent this message because of your part in the service management system.',
  },
  nl: {
    open: 'Openen in Keel',
    reply:
      'Beantwoord deze e-mail om een opmerking bij {number} te plaatsen; laat {number} in het onderwerp staan.',
    sent: 'Keel stuurt u dit bericht vanwege uw rol in het servicemanagementsysteem.',
  },
  da: {
    open: 'Åbn i Keel',
    reply: 'Svar på denne e-mail for at tilføje en kommentar til {number}; behold {number} i emnefeltet.',
    sent: 'Keel har sendt denne besked på grund af din rolle i servicemanagementsystemet.',
  },
} as const;

export type Notice = {
  kind: string;
  text: string;
  params: Record<string, string>;
  link: string | null;
  language: string;
};

export type Composed = {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  references: string | undefined;
};

export const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** The thread id every mail about one work item refers to, so mail programs keep them together. */
export const threadId = (itemId: string, domain: string) => `<item.${itemId}@${domain}>`;

/** A mail's subject: the item's number in brackets (how replies find their item) and its title. */
export function subjectOf(n: Pick<Notice, 'text' | 'params'>): string {
  const { number, title } = n.params;
  const s = !number
    ? n.text
    : title
      ? `[${number}] ${title}`
      : n.text.includes(number)
        ? n.text
        : `[${number}] ${n.text}`;
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

/**
 * The mail that carries a notification: its text, a link into Keel, how to answer, and the headers that
 * keep it threaded and keep auto-responders from answering it.
 */
export function composeMail(
  n: Notice,
  cfg: Pick<MailConfig, 'from' | 'address'>,
  publicUrl: string,
  ids: { mailId: string; itemId: string | null },
): Composed {
  const w = words[n.language as keyof typeof words] ?? words.en;
  const domain = domainOf(cfg.from);
  const url = n.link ? new URL(n.link, publicUrl).toString() : null;
  const reply = n.params.number && cfg.address ? w.reply.replaceAll('{number}', n.params.number) : null;
  const text = [n.text, url ? `${w.open}: ${url}` : null, reply, `-- \n${w.sent}`]
    .filter(Boolean)
    .join('\n\n');
  const html = [
    `<p>${escapeHtml(n.text)}</p>`,
    url ? `<p><a href="${escapeHtml(url)}">${escapeHtml(w.open)}</a></p>` : '',
    reply ? `<p style="color:#555">${escapeHtml(reply)}</p>` : '',
    `<p style="color:#888;font-size:small">${escapeHtml(w.sent)}</p>`,
  ].join('');
  return {
    subject: subjectOf(n),
    text,
    html,
    messageId: `<${ids.mailId}@${domain}>`,
    references: ids.itemId ? threadId(ids.itemId, domain) : undefined,
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-Keel-Loop': domain,
    },
  };
}
