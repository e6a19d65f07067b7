/**
 * What Keel reads from a received mail before acting on it (docs/mail.md): whether it is an automatic
 * answer, a bounce or a loop, which work item it answers, and the reply without the quoted history.
 */
export type MailFacts = {
  /** The SMTP envelope's sender; empty for bounces (`MAIL FROM:<>`). */
  envelopeFrom: string | null;
  from: string | null;
  contentType: string | null;
  header: (name: string) => string | null;
};

const automatic = /^(bulk|junk|list|auto_reply)$/i;
const daemon = /^(mailer-daemon|postmaster|no-?reply)@/i;

/** Why a mail must not become work, or null when it may. */
export function whyIgnore(m: MailFacts, own: { addresses: string[]; loopId: string }): string | null {
  if (m.envelopeFrom === null || m.envelopeFrom === '') return 'bounce: the envelope has no sender';
  const from = (m.from ?? '').toLowerCase();
  if (daemon.test(from)) return `bounce or automatic mail from ${from}`;
  if (/^multipart\/report/i.test(m.contentType ?? '')) return 'bounce: a delivery status report';
  const auto = m.header('auto-submitted');
  if (auto && auto.trim().toLowerCase() !== 'no') return `auto-reply (Auto-Submitted: ${auto.trim()})`;
  for (const h of ['x-autoreply', 'x-autorespond', 'x-autoresponder'])
    if (m.header(h) !== null) return `auto-reply (${h})`;
  const precedence = m.header('precedence');
  if (precedence && automatic.test(precedence.trim()))
    return `automatic mail (Precedence: ${precedence.trim()})`;
  if (m.header('x-keel-loop')?.trim().toLowerCase() === own.loopId.toLowerCase())
    return 'loop: a mail Keel sent came back';
  if (own.addresses.some((a) => a.toLowerCase() === from)) return "loop: sent from Keel's own address";
  return null;
}

const ITEM_REF = /^<item\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@/i;
const NUMBER = /\b(INC|REQ|TASK)-(\d{1,12})\b/i;

/** The work item a mail answers: by Keel's thread ids in In-Reply-To/References, else a number in the subject. */
export function answeredItem(subject: string, references: string[]): { itemId?: string; number?: string } {
  for (const r of references) {
    const m = ITEM_REF.exec(r.trim());
    if (m) return { itemId: m[1]!.toLowerCase() };
  }
  const n = NUMBER.exec(subject);
  return n ? { number: `${n[1]!.toUpperCase()}-${n[2]}` } : {};
}

/** Lines that start the quoted history in the languages Keel's users write in (and common mail programs). */
const quoteStarts = [
  /^on .+ wrote:?$/i,
  /^op .+ (schreef|heeft .+ geschreven).*:?$/i,
  /^den .+ skrev .*:?$/i,
  /^-{2,}\s*(original message|oorspronkelijk bericht|oprindelig meddelelse)\s*-{2,}$/i,
  /^(from|van|fra):\s.+$/i,
  /^_{10,}$/,
];

/** A reply's own words: everything above the quoted history and the signature, without `>` lines. */
export function replyText(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const t = line.trim();
    if (t === '--' || quoteStarts.some((re) => re.test(t))) break;
    if (t.startsWith('>')) continue;
    out.push(line.trimEnd());
  }
  return out.join('\n').trim();
}
