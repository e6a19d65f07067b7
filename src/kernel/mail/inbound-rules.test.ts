import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answeredItem, type MailFacts, replyText, whyIgnore } from './inbound-rules.ts';

const facts = (headers: Record<string, string> = {}, over: Partial<MailFacts> = {}): MailFacts => ({
  envelopeFrom: 'guest@hotel.example',
  from: 'guest@hotel.example',
  contentType: 'text/plain',
  header: (n) => headers[n.toLowerCase()] ?? null,
  ...over,
});
const own = { addresses: ['servicedesk@keel.example'], loopId: 'keel.example' };

describe('whyIgnore', () => {
  it('lets a person’s mail through, whatever its subject or sender', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (from) => {
        fc.pre(!/^(mailer-daemon|postmaster|no-?reply)@/i.test(from) && from !== own.addresses[0]);
        expect(whyIgnore(facts({}, { from, envelopeFrom: from }), own)).toBeNull();
      }),
    );
    expect(whyIgnore(facts({ 'auto-submitted': 'no' }), own)).toBeNull();
  });

  it('names why it ignores automatic mail, bounces and loops', () => {
    expect(whyIgnore(facts({ 'auto-submitted': 'auto-replied' }), own)).toBe(
      'auto-reply (Auto-Submitted: auto-replied)',
    );
    expect(whyIgnore(facts({ 'x-autorespond': 'true' }), own)).toBe('auto-reply (x-autorespond)');
    expect(whyIgnore(facts({ precedence: 'junk' }), own)).toBe('automatic mail (Precedence: junk)');
    expect(whyIgnore(facts({}, { envelopeFrom: '' }), own)).toMatch(/^bounce/);
    expect(
      whyIgnore(facts({}, { contentType: 'multipart/report; report-type=delivery-status' }), own),
    ).toMatch(/delivery status report/);
    expect(whyIgnore(facts({ 'x-keel-loop': 'KEEL.example' }), own)).toMatch(/^loop/);
    expect(whyIgnore(facts({}, { from: 'ServiceDesk@keel.example' }), own)).toMatch(/own address/);
  });
});

describe('answeredItem', () => {
  it("prefers Keel's thread id over a number in the subject", () => {
    const id = '0b6f3c1e-6f4e-4c1a-9d8e-2a1b3c4d5e6f';
    expect(answeredItem('Re: [INC-000002] x', ['<abc@mail.example>', `<item.${id}@keel.example>`])).toEqual({
      itemId: id,
    });
    expect(answeredItem('SV: [inc-000042] Printer', [])).toEqual({ number: 'INC-000042' });
    expect(answeredItem('Antw: REQ-7 wifi', [])).toEqual({ number: 'REQ-7' });
    expect(answeredItem('Printer on floor 3', ['<abc@mail.example>'])).toEqual({});
  });
});

describe('replyText', () => {
  it('keeps the answer and drops the quoted history, in English, Dutch and Danish mail programs', () => {
    expect(replyText('Works now.\n\nOn Mon, 21 Nov 2026 at 10:00, Keel <k@x> wrote:\n> old')).toBe(
      'Works now.',
    );
    expect(replyText('Het werkt.\r\n\r\nOp 21 nov. 2026 om 10:00 schreef Keel <k@x>:\r\n> oud')).toBe(
      'Het werkt.',
    );
    expect(replyText('Det virker.\n\nDen 21. nov. 2026 kl. 10.00 skrev Keel <k@x>:\n> gammel')).toBe(
      'Det virker.',
    );
    expect(replyText('Thanks\n-----Original Message-----\nFrom: Keel')).toBe('Thanks');
    expect(replyText('Line one\n> quoted inline\nLine two\n-- \nKaren, reception')).toBe(
      'Line one\nLine two',
    );
  });

  it('never adds text and is stable when applied twice', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = replyText(s);
        expect(replyText(once)).toBe(once);
        expect(once.length).toBeLessThanOrEqual(s.length);
      }),
    );
  });
});
