import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToText, textToHtml } from './text.ts';

describe('an article body as typed and as stored', () => {
  it('turns headings, lists and paragraphs into HTML, escaping what was typed', () => {
    expect(
      textToHtml(
        '## Before you start\n\nOpen Settings <Wi-Fi> & pick\nthe hotel network.\n\n1. Forget it\n2. Join again\n\n- fast\n- free',
      ),
    ).toBe(
      '<h3>Before you start</h3><p>Open Settings &#60;Wi-Fi&#62; &#38; pick<br>the hotel network.</p>' +
        '<ol><li>Forget it</li><li>Join again</li></ol><ul><li>fast</li><li>free</li></ul>',
    );
  });

  it('gives back the blocks of stored HTML, lists and headings kept', () => {
    expect(
      htmlToText(
        '<h4>Steps</h4><ol><li>Restart the <strong>router</strong></li><li>Wait</li></ol><p>Then&nbsp;try&amp;see<br/>again.</p><table><tr><td>a</td><td>b</td></tr></table>',
      ),
    ).toBe('### Steps\n\n1. Restart the router\n2. Wait\n\nThen try&see\nagain.\n\na | b');
  });

  it('property: typed blocks survive storing and editing again', () => {
    const word = fc.stringMatching(/^[A-Za-zæøåÆØÅ0-9&<>"'?]{1,8}$/);
    const line = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '));
    const block = fc.oneof(
      fc.array(line, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n')),
      line.map((l) => `## ${l}`),
      fc.array(line, { minLength: 1, maxLength: 4 }).map((l) => l.map((x) => `- ${x}`).join('\n')),
      fc.array(line, { minLength: 1, maxLength: 4 }).map((l) => l.map((x, i) => `${i + 1}. ${x}`).join('\n')),
    );
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 6 }), (blocks) => {
        // two lists of one kind in a row are one list once stored; a paragraph of list-like lines is a list
        const text = blocks.join('\n\n');
        expect(htmlToText(textToHtml(htmlToText(textToHtml(text))))).toBe(htmlToText(textToHtml(text)));
        expect(textToHtml(htmlToText(textToHtml(text)))).toBe(textToHtml(text));
      }),
    );
  });
});
