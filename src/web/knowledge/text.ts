import type { ChildNode, Element, Text } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/**
 * An article's body as its writer types it in the editor, and back. Articles are steps and lists more than
 * prose, so besides paragraphs (separated by a blank line, line breaks kept) a block may be a heading
 * (`## `, `### `: h3 and h4, under the article's title), a bulleted list (lines starting `- `) or a numbered list (lines starting `1. `). What the
 * server keeps is the sanitised HTML; editing a stored body gives back these blocks, so a published
 * article's steps survive the next version.
 */

const escaped = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const bullet = /^[-*]\s+/;
const numbered = /^\d+[.)]\s+/;

function blockToHtml(block: string): string {
  const lines = block.split('\n').map((l) => l.trim());
  const heading = /^(#{2,3})\s+(.*)$/.exec(lines[0] ?? '');
  if (heading && lines.length === 1) {
    // the article's title is the page's heading (h2): its own headings sit below it
    const level = heading[1]!.length + 1;
    return `<h${level}>${escaped(heading[2]!)}</h${level}>`;
  }
  if (lines.every((l) => bullet.test(l)))
    return `<ul>${lines.map((l) => `<li>${escaped(l.replace(bullet, ''))}</li>`).join('')}</ul>`;
  if (lines.every((l) => numbered.test(l)))
    return `<ol>${lines.map((l) => `<li>${escaped(l.replace(numbered, ''))}</li>`).join('')}</ol>`;
  return `<p>${lines.map(escaped).join('<br>')}</p>`;
}

/** Typed text as the HTML the server stores (it sanitises it again). */
export const textToHtml = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean)
    .map(blockToHtml)
    .join('');

/** The text of a node with its line breaks, white space folded within each line. */
const inline = (node: ChildNode): string => {
  const text = (n: ChildNode): string => {
    if (n.type === 'text') return (n as Text).data;
    if (n.type !== 'tag') return '';
    if ((n as Element).name === 'br') return '\n';
    return (n as Element).children.map(text).join('');
  };
  return text(node)
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
};

const oneLine = (node: ChildNode) => inline(node).replace(/\n/g, ' ');

/** Stored HTML back as typed text, keeping headings and lists (other markup keeps its words). */
export function htmlToText(html: string): string {
  const blocks: string[] = [];
  const walk = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const text = inline(node);
        if (text) blocks.push(text);
        continue;
      }
      if (node.type !== 'tag') continue;
      const el = node as Element;
      const tag = el.name;
      if (tag === 'ul' || tag === 'ol') {
        const items = el.children.filter(
          (c): c is Element => c.type === 'tag' && (c as Element).name === 'li',
        );
        const lines = items.map((li, i) => `${tag === 'ul' ? '-' : `${i + 1}.`} ${oneLine(li)}`);
        if (lines.length) blocks.push(lines.join('\n'));
      } else if (tag === 'h1' || tag === 'h2' || tag === 'h3') blocks.push(`## ${oneLine(el)}`);
      else if (tag === 'h4') blocks.push(`### ${oneLine(el)}`);
      else if (['div', 'blockquote', 'table', 'tbody', 'thead'].includes(tag)) walk(el.children);
      else if (tag === 'tr') blocks.push(el.children.map(oneLine).filter(Boolean).join(' | '));
      else if (tag !== 'hr') {
        const text = inline(el);
        if (text) blocks.push(text);
      }
    }
  };
  walk(parseDocument(html).children);
  return blocks.join('\n\n');
}
